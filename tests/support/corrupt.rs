//! Corrupted variants of JSON text, for the tests that hold the readers to "never panic" and to
//! each other: `tests/robustness.rs` corrupts fixture bodies as bytes, the edge-case crate's
//! direct-parser and validator tests (`codegen/edge-cases/tests/`) corrupt payload samples as
//! text. Each test includes this file by path (`#[path = …] mod corrupt;`), as tests share
//! `fuzz/checks/`. A variant depends only on the input and the `Rng`'s state, so a fixed seed
//! makes a failure reproduce.

// Each including test uses one of the two entry points.
#![allow(dead_code)]

use eventgen_runtime::testing::Rng;

/// One corruption, made at a random position.
#[derive(Debug, Clone, Copy)]
enum Corruption {
    /// The text cut there.
    Cut,
    /// A random byte in place of one of the text's (anywhere: the text may stop being UTF-8).
    ReplaceByte,
    /// A piece inserted there.
    InsertPiece,
    /// The value after the next `:` replaced by a piece, which keeps the text JSON more often
    /// than not, so the per-event and payload paths are exercised and not only syntax checks.
    ReplaceValue,
    /// The next string's first letter, when ASCII, written as a `\u` escape.
    EscapeLetter,
    /// The first object's first member repeated.
    RepeatFirstMember,
}

use Corruption::*;

/// The corruptions of [`corrupt_bytes`], in the order its generator picks them.
const OF_BYTES: &[Corruption] = &[Cut, ReplaceByte, InsertPiece, ReplaceValue];

/// The corruptions of [`corrupt_text`], which all keep the text UTF-8.
const OF_TEXT: &[Corruption] = &[
    Cut,
    InsertPiece,
    ReplaceValue,
    EscapeLetter,
    RepeatFirstMember,
];

/// The pieces of [`corrupt_bytes`]: JSON punctuation, edge values, a byte that is never UTF-8.
const BYTE_PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"\"\\u0000\"",
    b"{}",
    b"[]",
    b"\"2020-13-45T99:99:99Z\"",
    b"18446744073709551616",
    b"\xff",
    b"\"\\ud800\"",
];

/// The pieces of [`corrupt_text`]: values of other types, escapes, edge numbers, nesting, and
/// enum values of the edge-case schemas.
const TEXT_PIECES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1.0",
    "1e2",
    "-1",
    "2147483648",
    "9223372036854775808",
    "\"\"",
    "\"x\"",
    "\"\\u0041\"",
    "\"\\ud800\"",
    "\"a\\tb\"",
    "\"2024-01-02T03:04:05Z\"",
    "\"2024-13-02T03:04:05Z\"",
    "{}",
    "[]",
    "[null]",
    "{\"a\":1}",
    "\"READ\"",
    "\"S\"",
    "\"XL\"",
    "\"7\"",
    "[[[[[]]]]]",
    ",",
    "}",
    "]",
    "{",
    "\"",
];

/// `body` with one to three corruptions, of any byte: cut, a byte replaced, a piece inserted, a
/// value replaced. The result need not be UTF-8.
pub fn corrupt_bytes(body: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(3) {
        corrupt_once(&mut out, OF_BYTES, BYTE_PIECES, false, rng);
    }
    out
}

/// `text` with one corruption that keeps it UTF-8: cut, a piece inserted, a value replaced, a
/// key's letter escaped, or a member repeated.
pub fn corrupt_text(text: &str, rng: &mut Rng) -> String {
    let mut out = text.as_bytes().to_vec();
    corrupt_once(&mut out, OF_TEXT, TEXT_PIECES, true, rng);
    String::from_utf8(out).expect("every text corruption keeps UTF-8")
}

/// One of `corruptions` at a random position, moved back to a character's start when
/// `on_char_boundary`.
fn corrupt_once<P: AsRef<[u8]>>(
    out: &mut Vec<u8>,
    corruptions: &[Corruption],
    pieces: &[P],
    on_char_boundary: bool,
    rng: &mut Rng,
) {
    let mut at = rng.below(out.len() + 1);
    if on_char_boundary {
        at = (0..=at).rev().find(|&i| starts_char(out, i)).unwrap_or(0);
    }
    let pick_piece = |rng: &mut Rng| pieces[rng.below(pieces.len())].as_ref().to_vec();
    match corruptions[rng.below(corruptions.len())] {
        Cut => out.truncate(at),
        ReplaceByte => {
            if !out.is_empty() {
                let i = rng.below(out.len());
                out[i] = rng.next_u64() as u8;
            }
        }
        InsertPiece => {
            let piece = pick_piece(rng);
            out.splice(at..at, piece);
        }
        ReplaceValue => {
            if let Some(colon) = find(out, at, |b| b == b':') {
                let end = find(out, colon, |b| b == b',' || b == b'}').unwrap_or(out.len());
                let piece = pick_piece(rng);
                out.splice(colon + 1..end, piece);
            }
        }
        EscapeLetter => {
            if let Some(quote) = find(out, at, |b| b == b'"') {
                if let Some(&letter) = out.get(quote + 1).filter(|b| b.is_ascii_alphanumeric()) {
                    let escaped = format!("\\u{:04x}", letter);
                    out.splice(quote + 1..quote + 2, escaped.into_bytes());
                }
            }
        }
        RepeatFirstMember => {
            if let (Some(open), Some(comma)) =
                (find(out, 0, |b| b == b'{'), find(out, 0, |b| b == b','))
            {
                if open < comma {
                    let mut member = out[open + 1..comma].to_vec();
                    member.push(b',');
                    out.splice(open + 1..open + 1, member);
                }
            }
        }
    }
}

/// The first position from `from` on whose byte is `wanted`.
fn find(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| wanted(b))
        .map(|p| p + from)
}

/// Whether a character starts at `at` (or the text ends there): `str::is_char_boundary` on bytes.
fn starts_char(bytes: &[u8], at: usize) -> bool {
    // A UTF-8 continuation byte is 0b10xx_xxxx.
    bytes.get(at).is_none_or(|&b| b & 0xC0 != 0x80)
}

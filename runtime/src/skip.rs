//! Crossing JSON text without reading it: strings to their closing quote (sixteen bytes at a
//! time with SSE2 on x86-64, eight elsewhere), containers to their closing bracket (64 bytes at
//! a time with bit masks), any value to its end. The scan and the direct parser both use them.
//!
//! The SIMD paths are x86-64's; every other target takes the portable ones (eight bytes at a
//! time, or one), which `--cfg eventgen_portable` selects on x86-64 too, so CI runs them there.

/// The end of the value that starts at `start`, unvalidated: strings by their closing quote,
/// objects and arrays by their bracket depth, anything else up to the next delimiter; and how
/// deep it nests (0 for a scalar).
pub(crate) fn skip_value(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let (mut at, mut depth, mut deepest) = (start, 0usize, 0usize);
    loop {
        match *bytes.get(at)? {
            b'"' => at = skip_string(bytes, at)?.0,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                at += 1;
            }
            _ if depth == 0 => {
                // A scalar: up to the next delimiter.
                let len = bytes[at..]
                    .iter()
                    .position(|&b| ends_token(b))
                    .unwrap_or(bytes.len() - at);
                return (len > 0).then_some((at + len, 0));
            }
            _ => at += 1,
        }
        if depth == 0 {
            return Some((at, deepest));
        }
    }
}

/// The end of the object or array that opens at `start`, as [`skip_value`] finds it (the same
/// bracket count; strings end at their first unescaped quote), 64 bytes at a time: a block
/// without a backslash is settled with bit masks (which bytes are inside strings, by a prefix
/// XOR of its quotes), and only a block where the count may reach zero has its brackets walked.
/// A block with a backslash, and the last bytes of the text, go byte by byte.
pub(crate) fn skip_container(bytes: &[u8], start: usize) -> Option<usize> {
    let (mut at, mut depth, mut in_string) = (start, 0usize, false);
    loop {
        if let Some(block) = bytes
            .get(at..at + 64)
            .and_then(|block| <&[u8; 64]>::try_from(block).ok())
        {
            let masks = BlockMasks::of(block);
            if masks.backslash == 0 {
                let inside = prefix_xor(masks.quote) ^ if in_string { u64::MAX } else { 0 };
                let (open, close) = (masks.open & !inside, masks.close & !inside);
                if depth > close.count_ones() as usize {
                    depth = depth + open.count_ones() as usize - close.count_ones() as usize;
                } else {
                    let mut brackets = open | close;
                    while brackets != 0 {
                        let bit = brackets.trailing_zeros();
                        if open >> bit & 1 == 1 {
                            depth += 1;
                        } else {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                return Some(at + bit as usize + 1);
                            }
                        }
                        brackets &= brackets - 1;
                    }
                }
                in_string = inside >> 63 == 1;
                at += 64;
                continue;
            }
        }
        // Byte by byte to the next block boundary (one past it after an escape there).
        let stop = (at + 64).min(bytes.len());
        while at < stop {
            match (in_string, bytes[at]) {
                (true, b'"') => in_string = false,
                (true, b'\\') => at += 1,
                (false, b'"') => in_string = true,
                (false, b'{' | b'[') => depth += 1,
                (false, b'}' | b']') => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(at + 1);
                    }
                }
                _ => {}
            }
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
    }
}

/// One bit per byte of a 64-byte block, for each kind of byte that structures JSON.
struct BlockMasks {
    quote: u64,
    backslash: u64,
    /// `{` and `[`.
    open: u64,
    /// `}` and `]`.
    close: u64,
}

impl BlockMasks {
    #[cfg(all(target_arch = "x86_64", not(eventgen_portable)))]
    fn of(block: &[u8; 64]) -> Self {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        let mut masks = BlockMasks {
            quote: 0,
            backslash: 0,
            open: 0,
            close: 0,
        };
        for part in 0..4 {
            // SAFETY: SSE2 is enabled on every x86-64 target, and the 16 bytes read lie inside
            // the 64 bytes of `block`; `loadu` needs no alignment.
            let [quote, backslash, open, close] = unsafe {
                let chunk = _mm_loadu_si128(block.as_ptr().add(16 * part).cast::<__m128i>());
                // `[`/`{` and `]`/`}` differ only in bit 0x20: one comparison finds both.
                let folded = _mm_or_si128(chunk, _mm_set1_epi8(0x20));
                [b'"', b'\\', b'{', b'}'].map(|byte| {
                    let source = if byte == b'{' || byte == b'}' {
                        folded
                    } else {
                        chunk
                    };
                    _mm_movemask_epi8(_mm_cmpeq_epi8(source, _mm_set1_epi8(byte as i8))) as u16
                        as u64
                })
            };
            let shift = 16 * part;
            masks.quote |= quote << shift;
            masks.backslash |= backslash << shift;
            masks.open |= open << shift;
            masks.close |= close << shift;
        }
        masks
    }

    #[cfg(not(all(target_arch = "x86_64", not(eventgen_portable))))]
    fn of(block: &[u8; 64]) -> Self {
        let mut masks = BlockMasks {
            quote: 0,
            backslash: 0,
            open: 0,
            close: 0,
        };
        for (i, &byte) in block.iter().enumerate() {
            let bit = 1u64 << i;
            match byte {
                b'"' => masks.quote |= bit,
                b'\\' => masks.backslash |= bit,
                b'{' | b'[' => masks.open |= bit,
                b'}' | b']' => masks.close |= bit,
                _ => {}
            }
        }
        masks
    }
}

/// Each bit the XOR of itself and every lower bit: with quote bits in, the bits from an opening
/// quote up to (not including) its closing quote are set.
fn prefix_xor(mut bits: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        bits ^= bits << shift;
    }
    bits
}

/// Whether `byte` may follow a scalar token: whitespace, `,`, `}` or `]`.
pub(crate) fn ends_token(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b',' | b'}' | b']')
}

/// Past the string whose opening quote is at `open`: the index after its closing quote, and
/// whether it is plain: no escapes, no control characters (which JSON forbids in strings), so its
/// text between the quotes is its value.
#[inline]
pub(crate) fn skip_string(bytes: &[u8], open: usize) -> Option<(usize, Plain)> {
    let mut plain = Plain::Yes;
    let mut at = open + 1;
    loop {
        at += find_special(bytes.get(at..)?)?;
        match bytes[at] {
            b'"' => return Some((at + 1, plain)),
            // An escape: the escaped byte is never the closing quote.
            b'\\' => at += 2,
            _ => at += 1,
        }
        plain = Plain::No;
    }
}

/// The index after the closing quote of the string whose opening quote is at `open`, when the
/// string is plain and its closing quote lies within the sixteen bytes after `open`: one SSE2
/// comparison, inlined where keys and short values are read. `None` says only that this did
/// not settle it ([`skip_string`] does).
#[inline(always)]
pub(crate) fn short_plain_string(bytes: &[u8], open: usize) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", not(eventgen_portable)))]
    {
        let chunk: &[u8; 16] = bytes.get(open + 1..open + 17)?.try_into().ok()?;
        let at = special_mask_sse2(chunk).trailing_zeros() as usize;
        (chunk.get(at) == Some(&b'"')).then_some(open + at + 2)
    }
    #[cfg(not(all(target_arch = "x86_64", not(eventgen_portable))))]
    {
        let _ = (bytes, open);
        None
    }
}

/// One bit per byte of `chunk` that is `"`, `\\` or a control character.
#[cfg(all(target_arch = "x86_64", not(eventgen_portable)))]
#[inline(always)]
fn special_mask_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is enabled on every x86-64 target, and the 16 bytes read are `chunk`'s;
    // `loadu` needs no alignment.
    unsafe {
        let chunk = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        let quote = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(chunk, _mm_set1_epi8(b'\\' as i8));
        // A byte is below 0x20 exactly when the unsigned minimum with 0x1f leaves it unchanged.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1f)), chunk);
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
    }
}

/// Whether a string's text between its quotes is its value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plain {
    Yes,
    No,
}

/// The index of the first `"`, `\\` or control character: sixteen bytes at a time with SSE2
/// (part of every x86-64 target), eight at a time elsewhere.
#[inline]
pub(crate) fn find_special(bytes: &[u8]) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", not(eventgen_portable)))]
    {
        find_special_sse2(bytes)
    }
    #[cfg(not(all(target_arch = "x86_64", not(eventgen_portable))))]
    {
        find_special_swar(bytes)
    }
}

#[cfg(all(target_arch = "x86_64", not(eventgen_portable)))]
#[inline]
fn find_special_sse2(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0;
    while let Some(chunk) = bytes
        .get(offset..offset + 16)
        .and_then(|chunk| <&[u8; 16]>::try_from(chunk).ok())
    {
        let mask = special_mask_sse2(chunk);
        if mask != 0 {
            return Some(offset + mask.trailing_zeros() as usize);
        }
        offset += 16;
    }
    find_special_swar(&bytes[offset..]).map(|at| offset + at)
}

/// [`find_special`] eight bytes at a time (the bit tricks flag a byte exactly when it is the
/// first match in its word, which is all this needs).
fn find_special_swar(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let hits = zero_byte(word ^ (ONES * u64::from(b'"')))
            | zero_byte(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if hits != 0 {
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(|&byte| is_special(byte))
        .map(|at| offset + at)
}

fn is_special(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random inputs per test: fewer under Miri (CI runs these tests there for the SSE2 loads),
    /// where each costs a thousand times more.
    const ROUNDS: usize = if cfg!(miri) { 300 } else { 20_000 };

    #[test]
    fn every_way_of_finding_special_bytes_agrees_with_the_definition() {
        let mut rng = crate::testing::Rng(7);
        let alphabet = [b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xff, b'z'];
        for _ in 0..ROUNDS {
            let len = rng.below(70);
            // Mostly ordinary bytes, so matches land anywhere in a chunk or not at all.
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(12) == 0 {
                        alphabet[rng.below(alphabet.len())]
                    } else {
                        b'a' + rng.below(26) as u8
                    }
                })
                .collect();
            let expected = bytes.iter().position(|&byte| is_special(byte));
            assert_eq!(find_special(&bytes), expected, "{bytes:?}");
            assert_eq!(find_special_swar(&bytes), expected, "{bytes:?}");
        }
    }

    /// CI runs the tests once more with `--cfg eventgen_portable`: there, nothing is settled by
    /// the SSE2 inline check, so the portable paths are the ones every parse takes.
    #[test]
    fn the_portable_cfg_selects_the_portable_paths() {
        let simd = cfg!(all(target_arch = "x86_64", not(eventgen_portable)));
        assert_eq!(
            short_plain_string(br#""ab", "cdefghijklmnop""#, 0),
            simd.then_some(4)
        );
    }

    #[test]
    fn the_inline_check_settles_only_what_crossing_the_string_settles_alike() {
        let mut rng = crate::testing::Rng(5);
        let alphabet = [b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xff];
        let mut settled = 0;
        for _ in 0..ROUNDS {
            // An opening quote, then text whose closing quote (if any) lands anywhere around
            // the sixteen bytes the inline check reads.
            let len = rng.below(40);
            let mut bytes = vec![b'"'];
            bytes.extend((0..len).map(|_| match rng.below(10) {
                0 => alphabet[rng.below(alphabet.len())],
                _ => b'a' + rng.below(26) as u8,
            }));
            let full = skip_string(&bytes, 0);
            if let Some(end) = short_plain_string(&bytes, 0) {
                assert_eq!(
                    full.map(|(end, plain)| (end, plain == Plain::Yes)),
                    Some((end, true)),
                    "{bytes:?}"
                );
                settled += 1;
            }
        }
        if cfg!(all(target_arch = "x86_64", not(eventgen_portable))) {
            assert!(
                settled > ROUNDS / 20,
                "only {settled} strings settled inline"
            );
        }
    }

    #[test]
    fn containers_end_where_the_bytewise_skip_ends_them() {
        let mut rng = crate::testing::Rng(11);
        let pieces: [&[u8]; 12] = [
            b"{",
            b"}",
            b"[",
            b"]",
            b"\"",
            b"\\",
            b"\\\"",
            b"a",
            b"{\"k\":\"v\"}",
            b"\"x]}\"",
            b", ",
            b"0123456789abcdef",
        ];
        let mut ended = 0;
        for _ in 0..ROUNDS {
            let mut text = vec![if rng.below(2) == 0 { b'{' } else { b'[' }];
            for _ in 0..rng.below(120) {
                text.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            let expected = skip_value(&text, 0).map(|(end, _)| end);
            assert_eq!(
                skip_container(&text, 0),
                expected,
                "{}",
                String::from_utf8_lossy(&text)
            );
            ended += usize::from(expected.is_some());
        }
        assert!(
            ended > ROUNDS / 20,
            "only {ended} inputs ended their container"
        );
    }
}

//! `eventgen diff` on mutated schema sets: one of the edge-case sets (a schema construct each)
//! compared with itself after one document is replaced by the fuzzer's bytes. The input is the
//! generate target's: its first byte picks the (set, document) pair, the rest is the replacement
//! document, and the pair compared is (the set as read, the set with the replacement). When the
//! rest holds a 0xFF byte (never part of UTF-8 JSON) it is split there into two replacements of
//! the same document, and the pair compared is (set with the first, set with the second).
//!
//! Invariants: no panic; every mutated set either compares with itself as no change at all
//! (bump `none`), or fails with a schema error naming its file (as generating it does); a pair
//! whose sets both lower compares without error, both ways; each report's bump is the largest
//! semver of its changes (`none` when it has none), its changes are sorted by event type and
//! path, and comparing the same pair again gives the same JSON and markdown reports. Each input, once read as
//! JSON, runs on a 256 KiB stack.

#![no_main]

use eventgen::diff::{self, Report, Semver};
use eventgen::load::SchemaSet;
use libfuzzer_sys::fuzz_target;

type Documents = Vec<(String, serde_json::Value)>;

/// Each set's documents and the set as read, and every (set, document) pair in order.
type Sets = (Vec<(Documents, SchemaSet)>, Vec<(usize, usize)>);

#[path = "../checks/edge_case_sets.rs"]
mod edge_case_sets;
#[path = "../checks/small_stack.rs"]
mod small_stack;

/// Every edge-case schema set, read once (each compares with itself as no change).
fn sets() -> &'static Sets {
    static SETS: std::sync::OnceLock<Sets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<(Documents, SchemaSet)> = edge_case_sets::edge_case_sets()
            .into_iter()
            .map(|(dir, set)| {
                let report = diff::diff(&set, &set).expect("the edge cases lower");
                assert_eq!(report.changes, [], "{} compared with itself", dir.display());
                (set.files.clone().into_iter().collect(), set)
            })
            .collect();
        let pairs = edge_case_sets::pairs(sets.iter().map(|(documents, _)| documents.len()));
        (sets, pairs)
    })
}

/// The value, or `None` after checking the failure is a schema error naming its file.
fn checked<T>(result: eventgen::Result<T>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            edge_case_sets::assert_schema_problems(error);
            None
        }
    }
}

/// Whether the set lowers; if it does, it compares with itself as no change.
fn lowers(set: &SchemaSet) -> bool {
    let Some(report) = checked(diff::diff(set, set)) else {
        return false;
    };
    assert_eq!(
        report.changes,
        [],
        "a set compared with itself has no changes"
    );
    assert_eq!(report.bump(), Semver::None);
    true
}

/// The report's own consistency: bump, order, and the same JSON on a second run.
fn check_report(old: &SchemaSet, new: &SchemaSet, report: &Report) {
    let largest = report
        .changes
        .iter()
        .map(|c| c.semver())
        .max()
        .unwrap_or(Semver::None);
    assert_eq!(report.bump(), largest, "the bump is the largest change");
    assert!(
        report
            .changes
            .windows(2)
            .all(|w| (&w[0].event_type, &w[0].path) <= (&w[1].event_type, &w[1].path)),
        "changes are sorted by event type and path"
    );
    let again = diff::diff(old, new).expect("a pair that compared once compares again");
    assert_eq!(
        report.to_json(),
        again.to_json(),
        "comparing the same pair twice"
    );
    // The markdown report: every change in one table row, whatever its names hold.
    let markdown = report.to_markdown();
    let rows = markdown.lines().filter(|l| l.starts_with("| `")).count();
    assert!(rows <= report.changes.len(), "{markdown}");
    assert_eq!(markdown, again.to_markdown(), "the same markdown twice");
}

/// Compare two sets that lower, both ways.
fn compare(a: &SchemaSet, b: &SchemaSet) {
    for (old, new) in [(a, b), (b, a)] {
        let report = diff::diff(old, new).expect("two sets that lower compare");
        check_report(old, new, &report);
    }
}

/// Compare a pair both ways when both sets lower; otherwise the comparison must fail.
fn pair(a: &SchemaSet, b: &SchemaSet, a_lowers: bool) {
    if lowers(b) && a_lowers {
        compare(a, b);
    } else {
        assert!(
            checked(diff::diff(a, b)).is_none(),
            "a pair fails to compare when one set fails to lower"
        );
    }
}

/// The set with one document replaced by `value`, when the set indexes.
fn replaced(set: &Documents, document: usize, value: serde_json::Value) -> Option<SchemaSet> {
    let mut documents = set.clone();
    documents[document].1 = value;
    checked(SchemaSet::from_documents(documents))
}

/// What an input describes: the pair it picks, and one replacement document or two.
struct Input {
    which: u8,
    replacements: Replacements,
}

enum Replacements {
    One(serde_json::Value),
    Two(serde_json::Value, serde_json::Value),
}

/// The input's documents, parsed on libFuzzer's own stack: serde_json's parse (up to its 128
/// levels) is the harness's, not the generator's, and under AddressSanitizer 128 levels of it
/// need more than the small stack.
fn read(input: &[u8]) -> Option<Input> {
    let (&which, rest) = input.split_first()?;
    let json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).ok();
    let replacements = match rest.iter().position(|&byte| byte == 0xFF) {
        Some(at) => Replacements::Two(json(&rest[..at])?, json(&rest[at + 1..])?),
        None => Replacements::One(json(rest)?),
    };
    Some(Input {
        which,
        replacements,
    })
}

/// Compares the pair of sets the input describes.
fn diff_pair(input: Input) {
    let (sets, pairs) = sets();
    let (set, document) = pairs[input.which as usize % pairs.len()];
    let (documents, original) = &sets[set];
    match input.replacements {
        Replacements::Two(first, second) => {
            let (Some(a), Some(b)) = (
                replaced(documents, document, first),
                replaced(documents, document, second),
            ) else {
                return;
            };
            pair(&a, &b, lowers(&a));
        }
        Replacements::One(value) => {
            let Some(b) = replaced(documents, document, value) else {
                return;
            };
            pair(original, &b, true);
        }
    }
}

fuzz_target!(|input: &[u8]| {
    if let Some(input) = read(input) {
        small_stack::on_small_stack(|| diff_pair(input));
    }
});

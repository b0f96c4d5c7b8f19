//! The edge-case schema sets (`codegen/edge-cases/schemas/<construct>/`), one per construct,
//! small enough for thousands of generator runs a second: the seeds of the `generate` and `diff`
//! targets, whose first input byte picks a (set, document) pair.

use eventgen::load::SchemaSet;

/// Every edge-case set as read, in directory order.
pub fn edge_case_sets() -> Vec<(std::path::PathBuf, SchemaSet)> {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/edge-cases/schemas");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let set = SchemaSet::load(&dir).expect("the edge cases load");
            (dir, set)
        })
        .collect()
}

/// Every (set, document) pair of sets holding `lengths` documents each, in order.
pub fn pairs(lengths: impl IntoIterator<Item = usize>) -> Vec<(usize, usize)> {
    lengths
        .into_iter()
        .enumerate()
        .flat_map(|(s, documents)| (0..documents).map(move |d| (s, d)))
        .collect()
}

/// A generator failure on a set in memory: schema problems only, at least one, each naming its
/// file.
pub fn assert_schema_problems(error: eventgen::Error) {
    let eventgen::Error::Schemas(problems) = error else {
        panic!("a schema set in memory fails only with schema errors: {error}");
    };
    assert!(!problems.is_empty(), "schema errors come with a problem");
    for problem in &problems {
        assert!(
            !problem.at.file.is_empty(),
            "a schema problem names its file: {problem}"
        );
    }
}

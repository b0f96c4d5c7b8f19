//! The generator on mutated schema sets: one of the edge-case sets (a schema construct each,
//! small enough for thousands of runs a second) with one document replaced by the fuzzer's
//! bytes (seeded with the documents themselves). Invariants: no panic; a failure is a
//! schema error naming its file (and pointer), or a JSON error; a success is Rust that `syn`
//! parses.

#![no_main]

use libfuzzer_sys::fuzz_target;

type Documents = Vec<(String, serde_json::Value)>;

/// Every edge-case schema set, read once, and every (set, document) pair in order.
fn sets() -> &'static (Vec<Documents>, Vec<(usize, usize)>) {
    static SETS: std::sync::OnceLock<(Vec<Documents>, Vec<(usize, usize)>)> =
        std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/edge-cases/schemas");
        let mut dirs: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        dirs.sort();
        let sets: Vec<Documents> = dirs
            .iter()
            .map(|dir| {
                eventgen::load::SchemaSet::load(dir)
                    .expect("the edge cases load")
                    .files
                    .into_iter()
                    .collect()
            })
            .collect();
        let pairs = sets
            .iter()
            .enumerate()
            .flat_map(|(s, docs)| (0..docs.len()).map(move |d| (s, d)))
            .collect();
        (sets, pairs)
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&which, document)) = input.split_first() else {
        return;
    };
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(document) else {
        return;
    };
    let (sets, pairs) = sets();
    let (set, replaced) = pairs[which as usize % pairs.len()];
    let mut documents = sets[set].clone();
    documents[replaced].1 = document;
    match eventgen::render_documents(documents) {
        Ok(files) => {
            for (name, text) in files {
                if let Err(error) = syn::parse_file(&text) {
                    panic!("generated {name} does not parse: {error}");
                }
            }
        }
        Err(eventgen::Error::Schema { at, message }) => {
            assert!(
                !at.file.is_empty(),
                "a schema error names its file: {message}"
            );
        }
        Err(other) => panic!("a schema set in memory fails only with schema errors: {other}"),
    }
});

//! The generator on mutated schema sets: one of the edge-case sets (a schema construct each,
//! small enough for thousands of runs a second) with one document replaced by the fuzzer's
//! bytes (seeded with the documents themselves). Invariants: no panic; a failure is a
//! schema error naming its file (and pointer), or a JSON error; a success is Rust that `syn`
//! parses. Each input, once read as JSON, runs on a 256 KiB stack.

#![no_main]

use libfuzzer_sys::fuzz_target;

type Documents = Vec<(String, serde_json::Value)>;

#[path = "../checks/edge_case_sets.rs"]
mod edge_case_sets;
#[path = "../checks/small_stack.rs"]
mod small_stack;

/// Every edge-case schema set, read once, and every (set, document) pair in order.
fn sets() -> &'static (Vec<Documents>, Vec<(usize, usize)>) {
    static SETS: std::sync::OnceLock<(Vec<Documents>, Vec<(usize, usize)>)> =
        std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<Documents> = edge_case_sets::edge_case_sets()
            .into_iter()
            .map(|(_, set)| set.files.into_iter().collect())
            .collect();
        let pairs = edge_case_sets::pairs(sets.iter().map(Vec::len));
        (sets, pairs)
    })
}

/// The input's pick and document, parsed on libFuzzer's own stack: serde_json's parse (up to
/// its 128 levels) is the harness's, not the generator's, and under AddressSanitizer 128 levels
/// of it need more than the small stack.
fn read(input: &[u8]) -> Option<(u8, serde_json::Value)> {
    let (&which, document) = input.split_first()?;
    Some((which, serde_json::from_slice(document).ok()?))
}

/// Generates the set with `document` in place of the one `which` picks.
fn generate(which: u8, document: serde_json::Value) {
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
        Err(error) => edge_case_sets::assert_schema_problems(error),
    }
}

fuzz_target!(|input: &[u8]| {
    if let Some((which, document)) = read(input) {
        small_stack::on_small_stack(|| generate(which, document));
    }
});

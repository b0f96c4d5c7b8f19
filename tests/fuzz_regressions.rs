//! The `parse_delivery` fuzz target's invariants (`fuzz/checks/parse_delivery.rs`) under plain
//! `cargo test`: on every fixture delivery, and on every input the fuzzer found failing, kept
//! in `fuzz/regressions/parse_delivery/` once fixed. Each runs on the fuzz targets' 256 KiB
//! stack (`fuzz/checks/small_stack.rs`), so a recursion the fuzzer found overflowing is
//! replayed as an overflow.

#[path = "../fuzz/checks/parse_delivery.rs"]
mod checks;
#[path = "../fuzz/checks/small_stack.rs"]
mod small_stack;

mod support;

#[test]
fn the_fuzz_invariants_hold_on_every_fixture_and_every_kept_finding() {
    let mut inputs = support::fixture_files();
    let regressions =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/parse_delivery");
    for entry in std::fs::read_dir(&regressions).unwrap() {
        inputs.push(entry.unwrap().path());
    }
    assert!(inputs.len() > 100, "{} inputs", inputs.len());
    for input in inputs
        .iter()
        .filter(|path| path.file_name().is_some_and(|n| n != ".gitkeep"))
    {
        let body = std::fs::read(input).unwrap();
        small_stack::on_small_stack(|| {
            checks::check(&body);
            // Each cut of the body too: truncated deliveries are what the fuzzer starts from.
            for end in (0..body.len()).step_by(97) {
                checks::check(&body[..end]);
            }
        });
    }
}

//! Generates the typed bindings from `schemas/` into `OUT_DIR` (never into the source tree).
//! `generated/` holds the same files, committed for review; `eventgen check` keeps them equal.

fn main() {
    // With no `out_dir`, the generator writes to OUT_DIR and asks cargo to rerun on schema changes.
    if let Err(error) = eventgen::Config::new().schemas("schemas").generate() {
        // Cargo shows build-script stderr only on failure; one line that names the file and pointer.
        eprintln!("error: generating bindings from schemas/: {error}");
        std::process::exit(1);
    }
}

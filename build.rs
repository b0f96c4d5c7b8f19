//! With feature `regenerate`, generates the typed bindings from `schemas/` into `OUT_DIR`, and
//! the crate includes them instead of the committed `generated/` (the same code: `eventgen
//! check` and a test keep the two equal). Without it there is nothing to do, so a consumer never
//! builds the generator.

fn main() {
    #[cfg(feature = "regenerate")]
    {
        // With no `out_dir`, the generator writes to OUT_DIR and asks cargo to rerun on schema changes.
        if let Err(error) = eventgen::Config::new().schemas("schemas").generate() {
            // Cargo shows build-script stderr only on failure; one line that names the file and pointer.
            eprintln!("error: generating bindings from schemas/: {error}");
            std::process::exit(1);
        }
    }
    // The committed files are included by path, which cargo tracks itself.
    #[cfg(not(feature = "regenerate"))]
    println!("cargo::rerun-if-changed=build.rs");
}

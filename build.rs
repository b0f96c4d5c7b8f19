//! With feature `regenerate`, generates the typed bindings from `schemas/` into `OUT_DIR`, and
//! the crate includes them instead of the committed `generated/` (the same code: `eventgen
//! check` and a test keep the two equal). Without it there is nothing to do, so a consumer never
//! builds the generator.

fn main() {
    // With no `out_dir`, the generator writes to OUT_DIR and asks cargo to rerun on schema
    // changes; every problem of the schemas is a cargo error naming its file and JSON pointer.
    #[cfg(feature = "regenerate")]
    eventgen::Config::new()
        .schemas("schemas")
        .package_metadata("Cargo.toml")
        .generate_in_build_script();
    // The committed files are included by path, which cargo tracks itself.
    #[cfg(not(feature = "regenerate"))]
    println!("cargo::rerun-if-changed=build.rs");
}

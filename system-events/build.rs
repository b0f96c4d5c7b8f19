//! With feature `regenerate`, generates the typed bindings from `schemas/` (and the ACS schemas
//! the manifest mounts) into `OUT_DIR`, and the crate includes them instead of the committed
//! `generated/` (the same code: `eventgen check` and a test keep the two equal). Without it
//! there is nothing to do, so a consumer never builds the generator.

fn main() {
    #[cfg(feature = "regenerate")]
    eventgen::Config::new()
        .schemas("schemas")
        .package_metadata("Cargo.toml")
        .generate_in_build_script();
    #[cfg(not(feature = "regenerate"))]
    println!("cargo::rerun-if-changed=build.rs");
}

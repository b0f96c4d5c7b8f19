//! Generates the typed bindings from `schemas/` into `OUT_DIR` (never into the source tree).
//! `generated/` holds the same files, committed for review; `eventgen check` keeps them equal.

fn main() {
    println!("cargo:rerun-if-changed=schemas");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    if let Err(error) = eventgen::Config::new().schemas("schemas").out_dir(&out_dir).generate() {
        // Cargo shows build-script stderr only on failure; one line that names the file and pointer.
        eprintln!("error: generating bindings from schemas/: {error}");
        std::process::exit(1);
    }
}

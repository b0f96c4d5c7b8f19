//! Generates the edge-case schemas into OUT_DIR, exactly as acs-events' build script does.

fn main() {
    println!("cargo:rerun-if-changed=schemas");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    if let Err(error) = eventgen::Config::new()
        .schemas("schemas")
        .borrowed_form_feature("borrowed")
        .schemars_feature("schemars")
        .out_dir(&out_dir)
        .generate()
    {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

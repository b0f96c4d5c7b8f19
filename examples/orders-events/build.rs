fn main() {
    eventgen::Config::new()
        .schemas("schemas")
        .generate_in_build_script();
}

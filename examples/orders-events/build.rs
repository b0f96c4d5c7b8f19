fn main() {
    if let Err(error) = eventgen::Config::new().schemas("schemas").generate() {
        panic!("{error}");
    }
}

//! `parse_delivery`, owned and borrowed, on arbitrary bytes (seeded with the fixture
//! deliveries), against the invariants in `checks/parse_delivery.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/parse_delivery.rs"]
mod checks;

fuzz_target!(|body: &[u8]| checks::check(body));

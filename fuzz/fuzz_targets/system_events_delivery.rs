//! azure-system-events' `parse_delivery`, owned and borrowed, on arbitrary bytes (seeded with
//! its fixture deliveries: every service's events and ACS ones in one set), against the
//! invariants in `checks/parse_delivery.rs`, on a 256 KiB stack.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/parse_delivery.rs"]
mod checks;
#[path = "../checks/small_stack.rs"]
mod small_stack;

fuzz_target!(|body: &[u8]| small_stack::on_small_stack(|| {
    checks::check_set::<azure_system_events::borrowed::EventData<'_>>(body)
}));

//! One event from any transport on arbitrary input: `parse_message` with metadata pairs the
//! fuzzer picks (names from each binding's prefixes and attributes, values of any bytes), and
//! `parse_event` and `pull::parse_receive_result` on the body, against the invariants in
//! `checks/message.rs`, on a 256 KiB stack.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "../checks/message.rs"]
mod checks;
#[path = "../checks/small_stack.rs"]
mod small_stack;

#[derive(Arbitrary, Debug)]
struct Message {
    /// (prefix, attribute, raw name, value): the name is `PREFIXES[prefix] + ATTRIBUTES[attribute]`
    /// when `raw` is empty, else `raw` itself.
    metadata: Vec<(u8, u8, String, Vec<u8>)>,
    body: Vec<u8>,
}

fuzz_target!(|message: Message| {
    let pairs: Vec<(String, Vec<u8>)> = message
        .metadata
        .into_iter()
        .map(|(prefix, attribute, raw, value)| (checks::name(prefix, attribute, raw), value))
        .collect();
    small_stack::on_small_stack(|| checks::check(&pairs, &message.body));
});

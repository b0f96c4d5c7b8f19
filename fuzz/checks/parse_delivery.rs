//! The invariants of `parse_delivery` on any body, shared by the `parse_delivery` fuzz target
//! and the plain `cargo test` replay of the fixtures and of every input the fuzzer found
//! (`tests/fuzz_regressions.rs`): no panic; the fast scan and the serde_json pass agree, owned
//! and borrowed; the borrowed events made owned are the owned events; a delivery has one result
//! per element of its array; an unknown event keeps its `data` byte for byte; every event
//! error carries its own index, and a data error its event type. Generic over the event set:
//! acs-events' ([`check`]) and azure-system-events' are checked alike.

#![allow(dead_code)] // each includer calls the check of its own crate

use eventgen_runtime::{borrowed, EventErrorKind, EventSet};
use serde_json::value::RawValue;

/// Panics when `body` breaks an invariant for acs-events.
pub fn check(body: &[u8]) {
    check_set::<acs_events::borrowed::EventData<'_>>(body);
}

/// Panics when `body` breaks an invariant for the event set whose borrowed form is `B`.
pub fn check_set<'a, B>(body: &'a [u8])
where
    B: borrowed::EventSet<'a> + std::fmt::Debug,
    B::Owned: std::fmt::Debug,
{
    eventgen_runtime::testing::assert_passes_agree::<B>(body);
    let owned = eventgen_runtime::parse_delivery::<B::Owned>(body);
    let borrowed = borrowed::parse_delivery::<B>(body);
    assert_eq!(
        owned.is_ok(),
        borrowed.is_ok(),
        "both parses take the body or neither"
    );
    let (Ok(owned), Ok(borrowed)) = (owned, borrowed) else {
        return;
    };
    let made_owned: Vec<_> = borrowed
        .into_iter()
        .map(|e| e.map(|e| e.into_owned()))
        .collect();
    assert_eq!(
        format!("{made_owned:?}"),
        format!("{owned:?}"),
        "borrowed into_owned is the owned parse"
    );

    // The body as serde_json reads it: each event's members as raw text.
    let text = std::str::from_utf8(body)
        .unwrap()
        .trim_start_matches('\u{feff}');
    let events: Vec<&RawValue> = match serde_json::from_str::<&RawValue>(text) {
        Ok(raw) if raw.get().starts_with('[') => match serde_json::from_str(raw.get()) {
            Ok(events) => events,
            Err(_) => return, // deeper than serde_json's limit for a Vec of raw values
        },
        Ok(raw) => vec![raw],
        Err(_) => return, // beyond serde_json's recursion limit: nothing to compare with
    };
    assert_eq!(
        owned.len(),
        events.len(),
        "one result per event of the delivery"
    );
    for (index, (result, raw)) in owned.iter().zip(&events).enumerate() {
        match result {
            Ok(event) => {
                assert_eq!(event.index, index);
                if let Some(unknown) = event.data.as_unknown() {
                    let members: std::collections::BTreeMap<String, &RawValue> =
                        serde_json::from_str(raw.get()).expect("an event that parsed is an object");
                    // `"data": null` is kept as received too (`Some("null")`), as documented.
                    let data = members.get("data").map(|d| d.get());
                    assert_eq!(
                        unknown.data.as_ref().map(|d| d.get()),
                        data,
                        "unknown data byte for byte"
                    );
                }
            }
            Err(error) => {
                assert_eq!(error.index, index, "{error}");
                if error.kind == EventErrorKind::Data {
                    assert!(
                        error.event_type.is_some(),
                        "a data error names its event type: {error}"
                    );
                }
            }
        }
    }
}

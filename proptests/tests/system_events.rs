//! The imported system-event schemas (`../system-events/schemas`) against
//! `azure-system-events`: random valid deliveries of every service's events, and deliveries with
//! one event broken (see `eventgen_proptests::check`). The ACS events it also dispatches are
//! acs-events' types, which `acs.rs` covers.

use std::sync::OnceLock;

use azure_system_events::EventData;
use eventgen_proptests::check::{cases, Harness};
use eventgen_proptests::delivery::deliveries;
use proptest::prelude::*;

/// The fuzz target's invariants of `parse_delivery` (both passes agree, owned and borrowed;
/// borrowed made owned is the owned parse; one result per event), here on deliveries that keep
/// to the schemas, which random bytes rarely reach.
#[path = "../../fuzz/checks/parse_delivery.rs"]
mod fuzz_checks;

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        Harness::new(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../system-events/schemas"),
        )
    })
}

/// The catalog the deliveries draw from is every imported event type, not a part of them.
#[test]
fn the_deliveries_draw_from_every_imported_event_type() {
    let mut types: Vec<&str> = harness()
        .catalog
        .events
        .iter()
        .map(|event| event.event_type.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(types.len(), 155);
    assert!(types.contains(&"Microsoft.Storage.BlobCreated"));
}

proptest! {
    // About 3,500 events a run in valid deliveries, and 1,000 broken ones among 2,500.
    #![proptest_config(ProptestConfig::with_cases(cases(1000)))]

    #[test]
    fn valid_deliveries_parse_to_what_was_sent(delivery in deliveries(harness().catalog, 6)) {
        let body = harness().valid::<EventData>(&delivery)?;
        fuzz_checks::check_set::<azure_system_events::borrowed::EventData<'_>>(body.as_bytes());
    }

    #[test]
    fn one_broken_event_fails_alone_where_it_is_broken(
        delivery in deliveries(harness().catalog, 4),
        victim in any::<usize>(),
        target in any::<usize>(),
    ) {
        let body = harness().invalid::<EventData>(&delivery, victim, target)?;
        fuzz_checks::check_set::<azure_system_events::borrowed::EventData<'_>>(body.as_bytes());
    }
}

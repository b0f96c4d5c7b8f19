//! The example schema set (`../examples/orders-events/schemas`) against `orders-events`: random valid deliveries, and deliveries
//! with one event broken (see `eventgen_proptests::check`).

use std::sync::OnceLock;

use eventgen_proptests::check::{cases, Harness};
use eventgen_proptests::delivery::deliveries;
use orders_events::EventData;
use proptest::prelude::*;

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        Harness::new(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/orders-events/schemas"),
        )
    })
}

proptest! {
    // About 1,750 events a run in valid deliveries, and 500 broken ones among 1,250.
    #![proptest_config(ProptestConfig::with_cases(cases(500)))]

    #[test]
    fn valid_deliveries_parse_to_what_was_sent(delivery in deliveries(harness().catalog, 6)) {
        harness().valid::<EventData>(&delivery)?;
    }

    #[test]
    fn one_broken_event_fails_alone_where_it_is_broken(
        delivery in deliveries(harness().catalog, 4),
        victim in any::<usize>(),
        target in any::<usize>(),
    ) {
        harness().invalid::<EventData>(&delivery, victim, target)?;
    }
}

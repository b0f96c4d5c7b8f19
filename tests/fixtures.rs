//! Generated fixture tests (`generated/fixture_tests.rs`, built into `OUT_DIR`): every sample
//! delivery of the documentation parses to the exact variant, with its values, and round-trips.

mod support;

#[allow(unused_imports)]
use acs_events::models::*;
use acs_events::Event;

/// The bytes of a fixture under `schemas/fixtures/`.
macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/fixtures/", $path))
    };
}

/// Parse a fixture body; every event must parse.
fn parse_fixture(body: &[u8]) -> Vec<Event> {
    acs_events::parse_delivery(body)
        .expect("fixture is a delivery")
        .into_iter()
        .map(|event| event.unwrap_or_else(|error| panic!("{error}")))
        .collect()
}

/// The raw `data` text of event `index`, for comparing unknown events byte for byte.
#[allow(dead_code)]
fn raw_data(body: &[u8], index: usize) -> Option<String> {
    let delivery: Vec<&serde_json::value::RawValue> = serde_json::from_slice(body).ok()?;
    #[derive(serde::Deserialize)]
    struct DataOnly<'a> {
        #[serde(borrow)]
        data: Option<&'a serde_json::value::RawValue>,
    }
    let event: DataOnly = serde_json::from_str(delivery[index].get()).ok()?;
    event.data.map(|d| d.get().to_string())
}

/// Serialize the typed data and compare it with the fixture's data (see `support`).
fn assert_data_round_trips(body: &[u8], index: usize, data: &EventData) {
    let output = serde_json::to_value(data).expect("typed data serializes");
    let spellings = support::Spellings {
        key_aliases: KEY_ALIASES,
        value_aliases: VALUE_ALIASES,
        case_insensitive_values: CASE_INSENSITIVE_VALUES,
        integer_codes: INTEGER_CODES,
    };
    support::assert_wire_equivalent(&support::input_data(body, index), &output, "data", &spellings);
}

include!(concat!(env!("OUT_DIR"), "/fixture_tests.rs"));

//! The direct parser the generator writes for the borrowed form reads every construct as the
//! serde parse does: samples of each edge case, and thousands of corrupted variants of them
//! (escapes, repeated keys, wrong types, truncations), go through both. Where the direct parser
//! takes a payload, the serde parse must read the same one; where that parse fails, the direct
//! parser must give up. Deterministic (a fixed-seed generator), so a failure reproduces.
#![cfg(feature = "borrowed")]

use eventgen_edge_cases::models::borrowed::EventData;
use eventgen_runtime::testing::{assert_direct_agrees, Rng};
use samples::SAMPLES;

#[path = "../../../tests/support/corrupt.rs"]
mod corrupt;
mod samples;

#[test]
fn every_sample_is_read_by_the_direct_parser_as_serde_reads_it() {
    for (event_type, data) in SAMPLES {
        assert!(
            assert_direct_agrees::<EventData>(event_type, data),
            "the direct parser gave up on {event_type} {data}"
        );
    }
}

#[test]
fn corrupted_samples_are_read_alike_or_left_to_serde() {
    let mut rng = Rng(0x5eed_d1ec7);
    let (mut taken, mut total) = (0, 0);
    for (event_type, data) in SAMPLES {
        for _ in 0..400 {
            let mut text = data.to_string();
            for _ in 0..1 + rng.below(2) {
                text = corrupt::corrupt_text(&text, &mut rng);
            }
            taken += usize::from(assert_direct_agrees::<EventData>(event_type, &text));
            total += 1;
        }
    }
    // Both outcomes are exercised: many variants are still payloads, many are not.
    assert!(
        taken > total / 10 && taken < total * 9 / 10,
        "{taken} of {total} variants taken"
    );
}

//! Never panic on user input: thousands of corrupted variants of every fixture (truncated,
//! bytes flipped, JSON punctuation inserted, values swapped for other JSON) go through
//! `parse_delivery` and `Webhook::receive`, which must return normally and keep their
//! invariants, and which the fast structural scan and the serde_json pass must read alike.
//! Deterministic (a fixed-seed generator), so a failure reproduces.

#[path = "support/corrupt.rs"]
mod corrupt;
mod support;

use acs_events::webhook::{Answer, AnswerKind, Received, Webhook};
use acs_events::{parse_delivery, EventData};
use eventgen_runtime::testing::{assert_passes_agree, Rng};

#[test]
fn corrupted_deliveries_never_panic_and_keep_their_invariants() {
    let mut rng = Rng(0x5eed_ac5e_9e37_79b9);
    let webhook = Webhook::builder().build().unwrap();
    let (mut parsed, mut typed, mut event_errors, mut delivery_errors) = (0, 0, 0, 0);
    for (_, body) in support::fixture_deliveries() {
        assert_passes_agree::<acs_events::borrowed::EventData>(&body);
        for _ in 0..400 {
            let corrupted = corrupt::corrupt_bytes(&body, &mut rng);
            assert_passes_agree::<acs_events::borrowed::EventData>(&corrupted);
            match parse_delivery(&corrupted) {
                Ok(events) => {
                    parsed += 1;
                    for (index, event) in events.iter().enumerate() {
                        match event {
                            Ok(event) => {
                                assert_eq!(event.index, index);
                                if !matches!(event.data, EventData::Unknown(_)) {
                                    typed += 1;
                                    // A typed payload always serializes.
                                    serde_json::to_string(&event.data).unwrap();
                                }
                            }
                            Err(error) => {
                                assert_eq!(error.index, index);
                                assert!(!error.message.is_empty());
                                event_errors += 1;
                            }
                        }
                    }
                }
                Err(error) => {
                    assert!(!error.to_string().is_empty());
                    delivery_errors += 1;
                }
            }
            let request = http::Request::post("/api/events").body(corrupted).unwrap();
            match webhook.receive_request(request) {
                Received::Answered(Answer {
                    kind: AnswerKind::Refused(_),
                    response,
                    ..
                }) => assert_eq!(response.status(), 400),
                Received::Notification(_)
                | Received::Answered(Answer {
                    kind: AnswerKind::Validation(_),
                    ..
                }) => {}
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    // The corpus reaches every outcome, so the test is not vacuous.
    assert!(
        parsed > 1000 && typed > 1000 && event_errors > 500 && delivery_errors > 1000,
        "{parsed} {typed} {event_errors} {delivery_errors}"
    );
}

//! Never panic on user input: thousands of corrupted variants of every fixture (truncated,
//! bytes flipped, JSON punctuation inserted, values swapped for other JSON) go through
//! `parse_delivery` and `Webhook::receive`, which must return normally and keep their
//! invariants, and which the fast structural scan and the serde_json pass must read alike.
//! Deterministic (a fixed-seed generator), so a failure reproduces.

mod support;

use acs_events::webhook::{Answer, AnswerKind, Received, Webhook};
use acs_events::{parse_delivery, EventData};
use eventgen_runtime::testing::{assert_passes_agree, Rng};

const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\"",
    b"\\",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"\"\\u0000\"",
    b"{}",
    b"[]",
    b"\"2020-13-45T99:99:99Z\"",
    b"18446744073709551616",
    b"\xff",
    b"\"\\ud800\"",
];

fn mutate(body: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => out.truncate(at),
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next_u64() as u8;
            }
            2 => {
                let piece = PIECES[rng.below(PIECES.len())];
                out.splice(at..at, piece.iter().copied());
            }
            _ => {
                // Replace the value after a `:` with another JSON value, keeping the text valid
                // more often than not, so the per-event paths are exercised too.
                if let Some(colon) = out[at.min(out.len())..]
                    .iter()
                    .position(|&b| b == b':')
                    .map(|p| p + at)
                {
                    let end = out[colon..]
                        .iter()
                        .position(|&b| b == b',' || b == b'}')
                        .map_or(out.len(), |p| p + colon);
                    let piece = PIECES[rng.below(PIECES.len())];
                    out.splice(colon + 1..end, piece.iter().copied());
                }
            }
        }
    }
    out
}

#[test]
fn corrupted_deliveries_never_panic_and_keep_their_invariants() {
    let mut rng = Rng(0x5eed_ac5e_9e37_79b9);
    let webhook = Webhook::builder().build().unwrap();
    let (mut parsed, mut typed, mut event_errors, mut delivery_errors) = (0, 0, 0, 0);
    for file in support::fixture_files() {
        let body = std::fs::read(&file).unwrap();
        assert_passes_agree::<acs_events::borrowed::EventData>(&body);
        for _ in 0..400 {
            let corrupted = mutate(&body, &mut rng);
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

//! Deliveries built from a structured description (`checks/delivery_builder.rs`): well-formed
//! envelopes of every event type around deep nesting, huge arrays and hostile strings, which
//! byte-level mutation of the fixtures rarely builds. Invariants: those of `parse_delivery`
//! (`checks/parse_delivery.rs`), on a 256 KiB stack; and the webhook's `receive` answers `200`,
//! `400` or `413` (too many events; no check is configured) or hands over the events
//! `parse_delivery` reads.

#![no_main]

use acs_events::webhook::{Answer, Received, Webhook};
use libfuzzer_sys::fuzz_target;

#[path = "../checks/parse_delivery.rs"]
mod checks;
#[path = "../checks/delivery_builder.rs"]
mod delivery_builder;
#[path = "../checks/small_stack.rs"]
mod small_stack;

use delivery_builder::{Delivery, Samples, MAX_BODY};

fn samples() -> &'static Samples {
    static SAMPLES: std::sync::OnceLock<Samples> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| {
        Samples::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/fixtures"))
    })
}

/// The webhook as a server runs it, with room for every body built.
fn webhook() -> &'static Webhook {
    static WEBHOOK: std::sync::OnceLock<Webhook> = std::sync::OnceLock::new();
    WEBHOOK.get_or_init(|| {
        Webhook::builder()
            .body_limit(2 * MAX_BODY)
            .build()
            .expect("a valid configuration")
    })
}

fn receive(body: &[u8]) {
    let request = http::Request::post("/api/events")
        .header("aeg-event-type", "Notification")
        .body(body)
        .unwrap();
    match webhook().receive_request(request) {
        Received::Answered(Answer { kind, response, .. }) => {
            let status = response.status().as_u16();
            assert!(
                matches!(status, 200 | 400 | 413),
                "status {status}: {kind:?}"
            );
        }
        Received::Notification(notification) => {
            let delivery = acs_events::parse_delivery(body).expect("the webhook took the body");
            let events = notification.events();
            assert_eq!(events.len(), delivery.len(), "the delivery's events");
            for (received, parsed) in events.iter().zip(&delivery) {
                assert_eq!(received.is_ok(), parsed.is_ok(), "{received:?}\n{parsed:?}");
            }
        }
    }
}

fuzz_target!(|delivery: Delivery| {
    let body = delivery_builder::body(&delivery, samples());
    small_stack::on_small_stack(|| {
        checks::check(&body);
        receive(&body);
    });
});

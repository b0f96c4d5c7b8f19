//! One event from any transport: `parse_event` on a message body, `parse_message` on CloudEvents
//! binary mode under each protocol binding's prefix, and `pull::parse_receive_result`, each
//! held to what `parse_delivery` reads from the same event, for every fixture event.

mod support;

use acs_events::{parse_delivery, parse_event, parse_message, pull, EventErrorKind};
use serde_json::Value;

fn delivered(event: &Value) -> acs_events::Event {
    let body = serde_json::to_vec(&Value::Array(vec![event.clone()])).unwrap();
    let mut events = parse_delivery(&body).unwrap();
    events.remove(0).expect("fixture events parse")
}

#[test]
fn a_message_body_of_one_event_is_the_event_a_delivery_yields() {
    let events = support::fixture_events();
    assert!(events.len() > 100, "{} fixture events", events.len());
    for (file, index, event) in events {
        let one = parse_event(&serde_json::to_vec(&event).unwrap())
            .unwrap_or_else(|e| panic!("{file}[{index}]: {e}"));
        assert_eq!(one, delivered(&event), "{file}[{index}]");
    }
}

/// The CloudEvents attributes of a fixture event (either schema) and its data's text.
fn attributes(event: &Value) -> (Vec<(String, String)>, Vec<u8>) {
    let object = event.as_object().unwrap();
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let mut attributes = vec![("specversion".to_string(), "1.0".to_string())];
    for (attribute, eg, ce) in [
        ("id", "id", "id"),
        ("type", "eventType", "type"),
        ("source", "topic", "source"),
        ("subject", "subject", "subject"),
        ("time", "eventTime", "time"),
    ] {
        if let Some(value) = text(eg).or_else(|| text(ce)) {
            attributes.push((attribute.to_string(), value));
        }
    }
    let data = serde_json::to_vec(&object["data"]).unwrap();
    (attributes, data)
}

fn percent_encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b' '..=b'~' if b != b'%' && b != b'"' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn binary_mode_of_every_binding_gives_the_same_typed_payload() {
    for (file, index, event) in support::fixture_events() {
        let expected = delivered(&event);
        let (attributes, data) = attributes(&event);
        for prefix in ["ce-", "ce_", "cloudEvents:", "cloudEvents_"] {
            let mut pairs: Vec<(String, String)> = attributes
                .iter()
                .map(|(name, value)| {
                    let value = if prefix == "ce-" {
                        percent_encoded(value)
                    } else {
                        value.clone()
                    };
                    (format!("{prefix}{name}"), value)
                })
                .collect();
            pairs.push(("content-type".into(), "application/json".into()));
            // Metadata of no binding is ignored.
            pairs.push(("aeg-delivery-count".into(), "1".into()));
            let event = parse_message(pairs, &data)
                .unwrap_or_else(|e| panic!("{file}[{index}] {prefix}: {e}"));
            assert_eq!(event.data, expected.data, "{file}[{index}] {prefix}");
            assert_eq!(event.envelope.dedup_key(), expected.envelope.dedup_key());
            assert_eq!(event.envelope.event_type(), expected.envelope.event_type());
            assert_eq!(event.envelope.time(), expected.envelope.time());
            assert_eq!(event.envelope.data_content_type(), Some("application/json"));
            assert_eq!(event.raw_data().unwrap().get().as_bytes(), &data[..]);
        }
        // Without binary-mode attributes the body is the structured event.
        let body = serde_json::to_vec(&event).unwrap();
        let structured = parse_message([("aeg-delivery-count", "1")], &body).unwrap();
        assert_eq!(structured, expected, "{file}[{index}]");
    }
}

#[test]
fn a_bad_binary_payload_names_the_event_and_the_field() {
    let attributes = [
        ("cloudEvents:specversion", "1.0"),
        ("cloudEvents:id", "msg-9"),
        ("cloudEvents:source", "/subscriptions/s"),
        ("cloudEvents:type", "Microsoft.Communication.SMSReceived"),
    ];
    let error = parse_message(
        attributes,
        br#"{"messageId": "m", "from": "1", "to": "2", "message": 42}"#,
    )
    .unwrap_err();
    assert_eq!(error.kind, EventErrorKind::Data);
    assert_eq!(error.path, "data.message");
    assert_eq!(error.id.as_deref(), Some("msg-9"));
    assert!(
        error.to_string().starts_with(
            "event 0 (Microsoft.Communication.SMSReceived, id msg-9) at data.message: "
        ),
        "{error}"
    );
}

#[test]
fn pull_delivery_types_every_event_and_keeps_each_lock_token() {
    let events = support::fixture_events();
    let items: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(at, (_, _, event))| {
            serde_json::json!({
                "brokerProperties": {"lockToken": format!("token-{at}"), "deliveryCount": at % 3 + 1},
                "event": event,
            })
        })
        .collect();
    let body = serde_json::to_vec(&serde_json::json!({ "value": items })).unwrap();
    let received = pull::parse_receive_result(&body).unwrap();
    assert_eq!(received.len(), events.len());
    for (at, (result, (file, index, event))) in received.into_iter().zip(&events).enumerate() {
        let received = result.unwrap();
        assert_eq!(received.lock_token, format!("token-{at}"));
        assert_eq!(received.delivery_count as usize, at % 3 + 1);
        let typed = received
            .event
            .unwrap_or_else(|e| panic!("{file}[{index}]: {e}"));
        let expected = delivered(event);
        assert_eq!(typed.index, at);
        assert_eq!(
            (typed.envelope, typed.data),
            (expected.envelope, expected.data)
        );
    }
}

//! With the `schemars` feature: every fixture's `data` validates against the JSON Schema
//! derived from the generated Rust type of its event type.

#![cfg(feature = "schemars")]

mod support;

use acs_events::EventKind;

#[test]
fn every_fixture_validates_against_the_schema_derived_from_its_type() {
    let mut failures = Vec::new();
    let events = support::fixture_events();
    assert_eq!(events.len(), 175);
    for (file, index, event) in &events {
        let kind = EventKind::from_event_type(support::event_type(event)).unwrap();
        let schema = serde_json::to_value(kind.json_schema()).unwrap();
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", kind.model_name()));
        for error in validator.iter_errors(&event["data"]) {
            failures.push(format!(
                "{file} event {index} ({}): {error} at {}",
                kind.model_name(),
                error.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn derived_schemas_describe_the_wire_names_and_reject_wrong_types() {
    let schema = serde_json::to_value(EventKind::SmsDeliveryReportReceived.json_schema()).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    assert!(properties.contains_key("deliveryAttempts"));
    assert!(properties.contains_key("receivedTimestamp"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let wrong = serde_json::json!({"messageId": "m", "from": "1", "to": "2", "deliveryStatus": 5});
    assert!(
        !validator.is_valid(&wrong),
        "a number is not a delivery status"
    );
    let chat = serde_json::to_value(EventKind::ChatMessageReceivedInThread.json_schema()).unwrap();
    let chat = jsonschema::validator_for(&chat).unwrap();
    let base =
        serde_json::json!({"messageId": "1", "type": "Text", "threadId": "t", "messageBody": "b"});
    let mut as_string = base.clone();
    as_string["version"] = "1613783230064".into();
    let mut as_word = base.clone();
    as_word["version"] = "latest".into();
    assert!(chat.is_valid(&as_string), "string integers are accepted");
    assert!(!chat.is_valid(&as_word), "other strings are not");
}

#[test]
fn extensible_enums_derive_the_open_form_with_their_values() {
    let schema =
        serde_json::to_value(EventKind::AdvancedMessageDeliveryStatusUpdated.json_schema())
            .unwrap();
    let status = &schema["$defs"]["AcsMessageDeliveryStatus"];
    assert_eq!(
        status["anyOf"][0]["enum"],
        serde_json::json!(["Sent", "Delivered", "Read", "Failed", "Warning", "Unknown"]),
        "{status}"
    );
    assert_eq!(status["anyOf"][1], serde_json::json!({"type": "string"}));
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut data = serde_json::to_value(
        &support::fixture_events()
            .iter()
            .find(|(_, _, e)| {
                support::event_type(e)
                    == "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated"
            })
            .unwrap()
            .2["data"],
    )
    .unwrap();
    data["status"] = "Throttled".into();
    assert!(validator.is_valid(&data), "an unlisted status is accepted");
    data["status"] = 5.into();
    assert!(!validator.is_valid(&data), "a number is not");
}

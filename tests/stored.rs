//! The stored form of events: every fixture event, typed or unknown, serialized and restored
//! equal through JSON and a binary format, with `data` kept exactly as received.

mod support;

use acs_events::{parse_delivery, Event, EventData, EventSchema};

/// Every event of every fixture delivery, parsed (its index kept, so a batch is parsed whole),
/// named by its fixture and index.
fn parsed_fixture_events() -> Vec<(String, Event)> {
    let mut events = Vec::new();
    for (path, body) in support::fixture_deliveries() {
        let delivery = parse_delivery(&body).unwrap();
        for (index, event) in delivery.into_iter().enumerate() {
            events.push((
                format!("{path} #{index}"),
                event.unwrap_or_else(|e| panic!("{path}: {e}")),
            ));
        }
    }
    events
}

#[test]
fn every_fixture_event_restores_equal_from_json_with_its_data_as_received() {
    let events = parsed_fixture_events();
    assert!(events.len() > 100, "{} events", events.len());
    for (name, event) in &events {
        let stored = serde_json::to_string(event).unwrap();
        let restored: Event =
            serde_json::from_str(&stored).unwrap_or_else(|e| panic!("{name}: {e}\n{stored}"));
        assert_eq!(&restored, event, "{name}");
        assert_eq!(
            restored.raw_data().map(|raw| raw.get()),
            event.raw_data().map(|raw| raw.get()),
            "{name}"
        );
        // `data` is embedded as received, not re-serialized from the payload.
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
        let received: Option<serde_json::Value> = event
            .raw_data()
            .map(|raw| serde_json::from_str(raw.get()).unwrap());
        assert_eq!(
            value.get("data").cloned().filter(|d| !d.is_null()),
            received,
            "{name}"
        );
    }
}

#[test]
fn every_fixture_event_restores_equal_from_a_binary_format() {
    for (name, event) in parsed_fixture_events() {
        let stored = postcard::to_stdvec(&event).unwrap();
        let restored: Event =
            postcard::from_bytes(&stored).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(restored, event, "{name}");
    }
}

#[test]
fn unknown_events_and_extensions_restore_equal() {
    let body = br#"[
      {"specversion": "1.0", "type": "Contoso.Unknown", "source": "/s", "id": "c1", "time": "2024-05-01T10:00:00.5+02:00",
       "traceparent": "00-abc-def-01", "depth": {"a": [1, 2]}, "data": {"x": 1, "y": "\u00e9"}},
      {"id": "e2", "eventType": "Contoso.NoData", "subject": "s", "eventTime": "2024-05-01T10:00:00Z", "dataVersion": "1"}
    ]"#;
    let events: Vec<Event> = parse_delivery(body)
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let EventData::Unknown(unknown) = &events[0].data else {
        panic!("{}", events[0].data.variant_name())
    };
    assert_eq!(
        unknown.data.as_ref().unwrap().get(),
        r#"{"x": 1, "y": "\u00e9"}"#
    );
    for event in &events {
        let json: Event = serde_json::from_str(&serde_json::to_string(event).unwrap()).unwrap();
        let binary: Event = postcard::from_bytes(&postcard::to_stdvec(event).unwrap()).unwrap();
        assert_eq!(&json, event);
        assert_eq!(&binary, event);
    }
    let restored: Event =
        serde_json::from_str(&serde_json::to_string(&events[0]).unwrap()).unwrap();
    assert_eq!(restored.envelope.schema(), EventSchema::CloudEvents);
    assert_eq!(
        restored.envelope.extension("depth").unwrap().get(),
        r#"{"a": [1, 2]}"#,
        "extensions as received"
    );
    assert_eq!(
        restored.envelope.time().unwrap().offset().whole_hours(),
        2,
        "the offset survives"
    );
    let EventData::Unknown(unknown) = &restored.data else {
        panic!()
    };
    assert_eq!(
        unknown.data.as_ref().unwrap().get(),
        r#"{"x": 1, "y": "\u00e9"}"#,
        "byte for byte"
    );
    assert!(matches!(&events[1].data, EventData::Unknown(u) if u.data.is_none()));
}

#[test]
fn the_stored_form_is_the_documented_one() {
    let body = br#"{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
      "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
      "dataVersion": "1.0", "metadataVersion": "1",
      "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}"#;
    let event = parse_delivery(body).unwrap().remove(0).unwrap();
    let stored: serde_json::Value = serde_json::to_value(&event).unwrap();
    assert_eq!(
        stored,
        serde_json::json!({
            "index": 0,
            "envelope": {"schema": "EventGrid", "id": "1", "eventType": "Microsoft.Communication.SMSReceived",
                "source": "/subscriptions/s", "subject": "/phonenumber/15555555555", "time": "2020-09-18T00:27:47Z",
                "dataVersion": "1.0", "metadataVersion": "1", "specVersion": null, "dataContentType": null,
                "dataSchema": null, "extensions": []},
            "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}
        })
    );
}

#[test]
fn stored_data_that_no_longer_fits_its_type_is_an_error_naming_the_field() {
    let stored = r#"{"index": 0, "envelope": {"schema": "EventGrid", "id": "1", "eventType": "Microsoft.Communication.SMSReceived"},
      "data": {"messageId": "m", "from": "1", "to": 2, "message": "hi"}}"#;
    let error = serde_json::from_str::<Event>(stored)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("Microsoft.Communication.SMSReceived") && error.contains("data.to"),
        "{error}"
    );
    let missing = r#"{"index": 0, "envelope": {"schema": "EventGrid", "id": "1", "eventType": "Microsoft.Communication.SMSReceived"}}"#;
    assert!(serde_json::from_str::<Event>(missing)
        .unwrap_err()
        .to_string()
        .contains("has no `data`"));
}

#[test]
fn an_event_as_the_service_sends_it_is_not_the_stored_form_and_the_error_says_what_reads_it() {
    let raw_events = [
        r#"{"specversion": "1.0", "id": "1", "source": "/s", "type": "T", "data": {}}"#,
        r#"{"id": "1", "topic": "/s", "subject": "x", "eventType": "T", "eventTime": "2020-09-18T00:27:47Z", "data": {}}"#,
        r#"{"eventType": "T", "id": "1"}"#,
    ];
    for raw in raw_events {
        let error = serde_json::from_str::<Event>(raw).unwrap_err().to_string();
        assert!(error.starts_with("unknown field `"), "{error}");
        assert!(
            error.ends_with("read it with `parse_event` (one event) or `parse_delivery` (a batch)"),
            "{error}"
        );
    }
    // Any other unknown member keeps serde's own message.
    let error = serde_json::from_str::<Event>(r#"{"index": 0, "other": 1}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("unknown field `other`, expected one of"),
        "{error}"
    );
    assert!(!error.contains("parse_event"), "{error}");
}

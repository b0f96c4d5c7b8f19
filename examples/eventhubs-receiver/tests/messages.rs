//! `handle_message` on messages built the way the SDK hands them over: `EventData` from the SDK's
//! own builder (properties, content type, body), and a received AMQP message turned into
//! `ReceivedEventData` by the SDK's receive path. The payloads are the published ACS samples of
//! `schemas/fixtures/`.

use std::time::{Duration, SystemTime};

use acs_events::{EventData as Acs, EventErrorKind};
use azure_core_amqp::message::{AmqpMessageBody, AmqpMessageProperties};
use azure_core_amqp::{AmqpMessage, AmqpSimpleValue, AmqpTimestamp};
use azure_messaging_eventhubs::models::{EventData, ReceivedEventData};
use eventhubs_receiver::{handle_message, AttributeError, MessageError, Outcome, ValueProblem};

/// The one event of a fixture delivery (`[{…}]`), its text exactly as published: what Event
/// Grid puts in the body of an Event Hubs message.
fn fixture_event(path: &str) -> String {
    let file = format!(
        "{}/../../schemas/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("{file}: {error}"));
    let event = text
        .trim()
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or_else(|| panic!("{file} is not a delivery of one event"));
    assert!(
        event.trim_start().starts_with('{') && event.trim_end().ends_with('}'),
        "{file} holds more than one event"
    );
    event.to_owned()
}

/// The application properties Event Grid documents on every message it delivers to an event
/// hub (handler-event-hubs.md). Their AMQP types are not documented; none is a CloudEvents
/// attribute, so whatever their type they are not read.
fn event_grid_message(body: &str) -> azure_messaging_eventhubs::models::builders::EventDataBuilder {
    EventData::builder()
        .with_body(body)
        .add_property("aeg-subscription-name".to_owned(), "ACS-SMS")
        .add_property("aeg-delivery-count".to_owned(), 0_i32)
        .add_property("aeg-output-event-id".to_owned(), "output-1")
        .add_property("aeg-metadata-version".to_owned(), "1")
        .add_property("aeg-data-version".to_owned(), "1.0")
        .add_property("aeg-event-type".to_owned(), "Notification")
}

fn expect_event(outcome: Outcome) -> acs_events::Event {
    match outcome {
        Outcome::Event(event) => *event,
        Outcome::Rejected(error) => panic!("expected an event, got: {error}"),
    }
}

fn expect_rejected(outcome: Outcome) -> MessageError {
    match outcome {
        Outcome::Event(event) => panic!("expected an error, got {:?}", event.envelope),
        Outcome::Rejected(error) => error,
    }
}

/// 2023-04-04T17:18:42.554Z, the IncomingCall sample's `time` at AMQP's millisecond precision.
fn incoming_call_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(1_680_628_722_554)
}

/// A CloudEvents binary-mode message under the AMQP binding, from the IncomingCall sample: its
/// attributes as `cloudEvents:` properties (`time` as an AMQP timestamp), `data` as the body.
fn incoming_call_binary(data: &str) -> EventData {
    let source = "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}";
    EventData::builder()
        .with_body(data)
        .with_content_type("application/json; charset=utf-8".to_owned())
        .add_property("cloudEvents:specversion".to_owned(), "1.0")
        .add_property(
            "cloudEvents:id".to_owned(),
            "e80026e7-e298-46ba-bc42-dab0eda92581",
        )
        .add_property("cloudEvents:source".to_owned(), source)
        .add_property(
            "cloudEvents:subject".to_owned(),
            "/caller/{caller-id}/recipient/{recipient-id}",
        )
        .add_property(
            "cloudEvents:type".to_owned(),
            "Microsoft.Communication.IncomingCall",
        )
        .add_property(
            "cloudEvents:time".to_owned(),
            AmqpTimestamp(Some(incoming_call_time())),
        )
        .build()
}

/// The `data` member of a fixture event, as text.
fn fixture_data(path: &str) -> String {
    let event: serde_json::Value = serde_json::from_str(&fixture_event(path)).unwrap();
    event["data"].to_string()
}

#[test]
fn an_event_grid_schema_body_is_the_typed_event() {
    let message = event_grid_message(&fixture_event("sms/SMSReceived.docs.json")).build();

    let event = expect_event(handle_message(&message));

    assert_eq!(
        event.envelope.id(),
        "Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e"
    );
    assert_eq!(
        event.envelope.event_type(),
        "Microsoft.Communication.SMSReceived"
    );
    assert_eq!(
        event.envelope.time(),
        Some(time::macros::datetime!(2020-09-18 00:27:47 UTC))
    );
    match &event.data {
        Acs::SmsReceived(sms) => {
            assert_eq!(
                sms.message,
                "Great to connect with Azure Communication Services events"
            );
            assert_eq!(sms.from, "15555555555");
            assert_eq!(
                sms.received_timestamp,
                Some(time::macros::datetime!(2020-09-18 00:27:45.32 UTC))
            );
        }
        other => panic!("expected SmsReceived, got {}", other.variant_name()),
    }
}

#[test]
fn the_dedup_key_is_the_topic_and_id() {
    let message = event_grid_message(&fixture_event("sms/SMSReceived.docs.json")).build();

    let outcome = handle_message(&message);

    assert_eq!(
        outcome.dedup_key(),
        Some((
            "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourcegroups/acse2e/providers/microsoft.communication/communicationservices/{communication-services-resource-name}",
            "Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e",
        ))
    );
}

#[test]
fn a_cloudevents_structured_body_is_the_typed_event() {
    let message = event_grid_message(&fixture_event("call-automation/IncomingCall.spec.2.json"))
        .with_content_type("application/cloudevents+json; charset=utf-8".to_owned())
        .build();

    let event = expect_event(handle_message(&message));

    assert_eq!(
        event.envelope.schema(),
        acs_events::EventSchema::CloudEvents
    );
    assert_eq!(event.envelope.id(), "e80026e7-e298-46ba-bc42-dab0eda92581");
    assert_eq!(
        event.envelope.time(),
        Some(time::macros::datetime!(2023-04-04 17:18:42.5542219 UTC))
    );
    match &event.data {
        Acs::IncomingCall(call) => {
            assert_eq!(call.caller_display_name.as_deref(), Some("VOIP Caller"));
            assert_eq!(
                call.incoming_call_context.as_deref(),
                Some("{incoming-call-contextValue}")
            );
        }
        other => panic!("expected IncomingCall, got {}", other.variant_name()),
    }
}

#[test]
fn cloudevents_binary_mode_reads_the_attributes_from_cloudevents_properties() {
    let message = incoming_call_binary(&fixture_data("call-automation/IncomingCall.spec.2.json"));

    let outcome = handle_message(&message);

    assert_eq!(
        outcome.dedup_key().map(|(_, id)| id),
        Some("e80026e7-e298-46ba-bc42-dab0eda92581")
    );
    let event = expect_event(outcome);
    assert_eq!(
        event.envelope.schema(),
        acs_events::EventSchema::CloudEvents
    );
    assert_eq!(
        event.envelope.event_type(),
        "Microsoft.Communication.IncomingCall"
    );
    assert_eq!(
        event.envelope.subject(),
        Some("/caller/{caller-id}/recipient/{recipient-id}")
    );
    // The AMQP timestamp, written as RFC 3339 for the `time` attribute.
    assert_eq!(
        event.envelope.time(),
        Some(time::macros::datetime!(2023-04-04 17:18:42.554 UTC))
    );
    assert_eq!(
        event.envelope.data_content_type(),
        Some("application/json; charset=utf-8")
    );
    match &event.data {
        Acs::IncomingCall(call) => {
            assert_eq!(call.server_call_id.as_deref(), Some("{server-call-id}"));
            assert_eq!(call.correlation_id.as_deref(), Some("correlationId"));
        }
        other => panic!("expected IncomingCall, got {}", other.variant_name()),
    }
}

#[test]
fn a_message_received_over_amqp_reads_as_the_sdk_hands_it_over() {
    // The AMQP message as it arrives: content type in the properties section, attributes in
    // the application properties, the data as one binary data section. The SDK's receive path
    // (`ReceivedEventData::from`, then `event_data()`) turns it into the `EventData` handled.
    let data = fixture_data("call-automation/IncomingCall.spec.2.json");
    let sent = incoming_call_binary(&data);
    let mut amqp = AmqpMessage::builder()
        .with_body(AmqpMessageBody::Binary(vec![data.into_bytes()]))
        .with_properties(AmqpMessageProperties {
            content_type: Some("application/json; charset=utf-8".into()),
            ..Default::default()
        });
    for (name, value) in sent.properties().unwrap() {
        amqp = amqp.add_application_property(name.clone(), value.clone());
    }
    let received = ReceivedEventData::from(amqp.build());

    assert_eq!(received.event_data(), &sent);
    match expect_event(handle_message(received.event_data())).data {
        Acs::IncomingCall(call) => {
            assert_eq!(call.server_call_id.as_deref(), Some("{server-call-id}"))
        }
        other => panic!("expected IncomingCall, got {}", other.variant_name()),
    }
}

#[test]
fn a_structured_content_type_wins_over_repeated_attribute_properties() {
    // The AMQP binding lets a structured message repeat its attributes as properties; its
    // content type says the body is the whole event, not the data.
    let message = event_grid_message(&fixture_event("call-automation/IncomingCall.spec.2.json"))
        .with_content_type("application/cloudevents+json".to_owned())
        .add_property("cloudEvents:specversion".to_owned(), "1.0")
        .add_property(
            "cloudEvents:type".to_owned(),
            "Microsoft.Communication.IncomingCall",
        )
        .add_property(
            "cloudEvents:id".to_owned(),
            "e80026e7-e298-46ba-bc42-dab0eda92581",
        )
        .add_property("cloudEvents:source".to_owned(), "/elsewhere")
        .build();

    let event = expect_event(handle_message(&message));

    // The source of the body, not of the property.
    assert!(event
        .envelope
        .source()
        .unwrap()
        .starts_with("/subscriptions/"));
    assert!(matches!(event.data, Acs::IncomingCall(_)));
}

#[test]
fn other_bindings_prefixes_are_not_attributes_in_an_amqp_message() {
    // `ce-type` is an HTTP header name; as an AMQP property it names no attribute, and must not
    // make the Event Grid body read as binary-mode data.
    let message = event_grid_message(&fixture_event("sms/SMSReceived.docs.json"))
        .add_property("ce-specversion".to_owned(), "1.0")
        .add_property("ce_type".to_owned(), "Microsoft.Communication.SMSReceived")
        .build();

    let event = expect_event(handle_message(&message));

    assert_eq!(event.envelope.schema(), acs_events::EventSchema::EventGrid);
    assert!(matches!(event.data, Acs::SmsReceived(_)));
}

#[test]
fn a_payload_that_does_not_fit_names_the_event_type_and_path() {
    let body = fixture_event("sms/SMSReceived.docs.json").replace(
        "\"Message\": \"Great to connect with Azure Communication Services events\"",
        "\"Message\": 42",
    );
    assert!(body.contains("\"Message\": 42"));
    let message = event_grid_message(&body).build();

    let outcome = handle_message(&message);

    // The envelope was read: a redelivery of the same bad event is recognized.
    assert_eq!(
        outcome.dedup_key().map(|(_, id)| id),
        Some("Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e")
    );
    let MessageError::Event(error) = expect_rejected(outcome) else {
        panic!("expected an event error");
    };
    assert_eq!(
        error.event_type.as_deref(),
        Some("Microsoft.Communication.SMSReceived")
    );
    assert_eq!(error.kind, EventErrorKind::Data);
    assert_eq!(error.path, "data.Message");
    assert_eq!(
        error.to_string(),
        "event 0 (Microsoft.Communication.SMSReceived, id \
         Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e) at data.Message: invalid \
         type: integer `42`, expected a string"
    );
}

#[test]
fn a_json_body_that_is_no_event_is_an_envelope_error() {
    // Telemetry from another producer on the same event hub.
    let message = EventData::builder()
        .with_body(r#"{"deviceId": "thermostat-7", "temperature": 21.5}"#)
        .with_content_type("application/json".to_owned())
        .build();

    let outcome = handle_message(&message);

    assert_eq!(outcome.dedup_key(), None);
    let MessageError::Event(error) = expect_rejected(outcome) else {
        panic!("expected an event error");
    };
    assert_eq!(error.kind, EventErrorKind::Envelope);
    assert_eq!(
        (error.event_type.as_deref(), error.path.as_str()),
        (None, "eventType")
    );
    assert_eq!(
        error.to_string(),
        "event 0 (no event type) at eventType: missing `eventType`"
    );
}

#[test]
fn a_body_that_is_no_event_is_an_error() {
    let message = event_grid_message("temperature=21").build();

    let outcome = handle_message(&message);

    assert_eq!(outcome.dedup_key(), None);
    let MessageError::Event(error) = expect_rejected(outcome) else {
        panic!("expected an event error");
    };
    assert_eq!(error.event_type, None);
    assert_eq!(error.kind, EventErrorKind::Body);
    assert_eq!(error.path, "");
    assert_eq!(
        error.to_string(),
        "event 0 (no event type): the body is not JSON: expected ident (line 1, column 2)"
    );
}

#[test]
fn a_property_value_without_a_cloudevents_type_names_the_property() {
    let message = EventData::builder()
        .with_body("{}")
        .add_property("cloudEvents:specversion".to_owned(), "1.0")
        .add_property("cloudEvents:comexamplerating".to_owned(), 4.5_f64)
        .build();

    let error = expect_rejected(handle_message(&message));

    let MessageError::Attribute(error) = error else {
        panic!("expected an attribute error, got: {error}");
    };
    assert_eq!(
        error,
        AttributeError {
            property: "cloudEvents:comexamplerating".to_owned(),
            problem: ValueProblem::NoCloudEventsType("double"),
        }
    );
    assert_eq!(
        error.to_string(),
        "application property `cloudEvents:comexamplerating`: an AMQP double, which the \
         CloudEvents AMQP binding maps to no attribute type"
    );
}

#[test]
fn a_timestamp_past_year_9999_is_an_error_not_a_panic() {
    // Year 10000 and later: an AMQP timestamp holds it, RFC 3339 cannot.
    let far = SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_800);
    let message = EventData::builder()
        .with_body("{}")
        .add_property("cloudEvents:specversion".to_owned(), "1.0")
        .add_property("cloudEvents:time".to_owned(), AmqpTimestamp(Some(far)))
        .build();

    let error = expect_rejected(handle_message(&message));

    let MessageError::Attribute(error) = error else {
        panic!("expected an attribute error, got: {error}");
    };
    assert_eq!(error.property, "cloudEvents:time");
    assert_eq!(error.problem, ValueProblem::TimestampOutOfRange);
}

#[test]
fn simple_values_are_written_in_their_cloudevents_canonical_form() {
    use eventhubs_receiver::attributes::message_attributes;

    let message = EventData::builder()
        .with_content_type("application/json".to_owned())
        .add_property("cloudEvents:a_bool".to_owned(), true)
        .add_property("cloudEvents:b_long".to_owned(), -42_i64)
        .add_property("cloudEvents:c_ubyte".to_owned(), 7_u8)
        .add_property("cloudEvents:d_binary".to_owned(), vec![0xfb_u8, 0xff, 0x01])
        .add_property(
            "cloudEvents:e_time".to_owned(),
            AmqpTimestamp(Some(incoming_call_time())),
        )
        .add_property("cloudEvents:f_minimum_time".to_owned(), AmqpTimestamp(None))
        .add_property(
            "cloudEvents:g_symbol".to_owned(),
            azure_core_amqp::AmqpSymbol("sym".to_owned()),
        )
        .add_property("cloudEvents_h_underscore".to_owned(), "text")
        .add_property("aeg-delivery-count".to_owned(), AmqpSimpleValue::Null)
        .build();

    let attributes = message_attributes(&message).unwrap();

    let attributes: Vec<(&str, &str)> = attributes
        .iter()
        .map(|(name, value)| (*name, std::str::from_utf8(value).unwrap()))
        .collect();
    assert_eq!(
        attributes,
        [
            ("content-type", "application/json"),
            ("cloudEvents:a_bool", "true"),
            ("cloudEvents:b_long", "-42"),
            ("cloudEvents:c_ubyte", "7"),
            ("cloudEvents:d_binary", "+/8B"),
            ("cloudEvents:e_time", "2023-04-04T17:18:42.554Z"),
            ("cloudEvents:f_minimum_time", "0001-01-01T00:00:00Z"),
            ("cloudEvents:g_symbol", "sym"),
            ("cloudEvents_h_underscore", "text"),
        ]
    );
}

#[test]
fn a_body_holding_its_one_event_in_an_array_is_that_event() {
    // "The subscriber receives an array with a single event" (delivery-and-retry.md): the body
    // as the fixture delivery itself, `[{…}]`.
    let file = format!(
        "{}/../../schemas/fixtures/sms/SMSReceived.docs.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let message = event_grid_message(&std::fs::read_to_string(file).unwrap()).build();

    let event = expect_event(handle_message(&message));

    match &event.data {
        Acs::SmsReceived(sms) => assert_eq!(
            sms.message_id,
            "Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e"
        ),
        other => panic!("expected SmsReceived, got {}", other.variant_name()),
    }
}

#[test]
fn a_body_of_several_events_is_not_one_message_s_event() {
    let event = fixture_event("sms/SMSReceived.docs.json");
    let message = event_grid_message(&format!("[{event}, {event}]")).build();

    let error = expect_rejected(handle_message(&message));

    assert!(matches!(error, MessageError::NotOneEvent { events: 2 }));
    assert_eq!(
        error.to_string(),
        "the body is a delivery of 2 events, not one event; read it with \
         acs_events::parse_delivery"
    );
}

#[test]
fn binary_mode_data_that_is_an_array_is_data_not_a_batch() {
    // Only a structured body that is an array is read as a delivery; in binary mode the body is
    // `data`, whatever JSON it is.
    let message = EventData::builder()
        .with_body("[1, 2]")
        .with_content_type("application/json".to_owned())
        .add_property("cloudEvents_specversion".to_owned(), "1.0")
        .add_property("cloudEvents_id".to_owned(), "r-1")
        .add_property("cloudEvents_source".to_owned(), "/readings")
        .add_property("cloudEvents_type".to_owned(), "Contoso.Readings")
        .build();

    let event = expect_event(handle_message(&message));

    assert_eq!(event.envelope.dedup_key(), ("/readings", "r-1"));
    match &event.data {
        Acs::Unknown(unknown) => {
            assert_eq!(unknown.event_type, "Contoso.Readings");
            assert_eq!(
                unknown.data.as_deref().map(|data| data.get()),
                Some("[1, 2]")
            );
        }
        other => panic!("expected Unknown, got {}", other.variant_name()),
    }
}

#[test]
fn the_amqp_prefix_is_matched_in_any_case_as_parse_message_matches_it() {
    let data = fixture_data("call-automation/IncomingCall.spec.2.json");
    let mut message = EventData::builder().with_body(data.as_str());
    for (name, value) in incoming_call_binary(&data).properties().unwrap() {
        let attribute = name.strip_prefix("cloudEvents:").unwrap();
        message = message.add_property(format!("CLOUDEVENTS:{attribute}"), value.clone());
    }

    let event = expect_event(handle_message(&message.build()));

    assert_eq!(event.envelope.id(), "e80026e7-e298-46ba-bc42-dab0eda92581");
    assert!(matches!(event.data, Acs::IncomingCall(_)));
}

#[test]
fn binary_mode_data_that_does_not_fit_names_the_path_and_keeps_the_dedup_key() {
    let data = fixture_data("call-automation/IncomingCall.spec.2.json").replace(
        r#""serverCallId":"{server-call-id}""#,
        r#""serverCallId":5"#,
    );
    assert!(data.contains(r#""serverCallId":5"#));
    let message = incoming_call_binary(&data);

    let outcome = handle_message(&message);

    assert_eq!(
        outcome.dedup_key().map(|(_, id)| id),
        Some("e80026e7-e298-46ba-bc42-dab0eda92581")
    );
    let MessageError::Event(error) = expect_rejected(outcome) else {
        panic!("expected an event error");
    };
    assert_eq!(error.kind, EventErrorKind::Data);
    assert_eq!(
        error.event_type.as_deref(),
        Some("Microsoft.Communication.IncomingCall")
    );
    assert_eq!(error.path, "data.serverCallId");
}

//! `parse_delivery` behaviour: body shapes, both envelope schemas, key order, unknown events,
//! per-event errors with paths, and the drift tolerances the schemas declare.

use acs_events::models::{
    AcsEmailDeliveryReportStatus, AcsMessageDeliveryStatus, AcsUserEngagement,
};
use acs_events::{
    parse_delivery, DeliveryError, EventData, EventErrorKind, EventKind, EventSchema,
};

const SMS_DATA: &str = r#"{"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi", "receivedTimestamp": "2020-09-18T00:27:45.3200000Z"}"#;

fn eg_event(id: &str, event_type: &str, data: &str) -> String {
    format!(
        r#"{{"id": "{id}", "topic": "/subscriptions/s/resourceGroups/g", "subject": "/phonenumber/15555555555", "data": {data}, "eventType": "{event_type}", "dataVersion": "1.0", "metadataVersion": "1", "eventTime": "2020-09-18T00:27:47Z"}}"#
    )
}

fn eg_event_type_first(id: &str, event_type: &str, data: &str) -> String {
    format!(
        r#"{{"topic": "/t", "subject": "s", "id": "{id}", "eventType": "{event_type}", "eventTime": "2020-09-18T00:27:47Z", "data": {data}, "dataVersion": "1.0", "metadataVersion": "1"}}"#
    )
}

fn ce_event(id: &str, event_type: &str, data: &str) -> String {
    format!(
        r#"{{"specversion": "1.0", "id": "{id}", "source": "/subscriptions/s/resourceGroups/g", "type": "{event_type}", "time": "2020-09-18T00:27:47Z", "subject": "/phonenumber/1", "datacontenttype": "application/json", "traceparent": "00-abc-def-01", "data": {data}}}"#
    )
}

fn sms(event: &acs_events::Event) -> &acs_events::models::AcsSmsReceivedEventData {
    match &event.data {
        EventData::SmsReceived(data) => data,
        other => panic!("expected SmsReceived, got {}", other.variant_name()),
    }
}

#[test]
fn array_and_single_object_bodies_parse_the_same() {
    let event = eg_event("1", "Microsoft.Communication.SMSReceived", SMS_DATA);
    let batch = parse_delivery(format!("[{event}]").as_bytes()).unwrap();
    let single = parse_delivery(event.as_bytes()).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(single.len(), 1);
    let (a, b) = (batch[0].as_ref().unwrap(), single[0].as_ref().unwrap());
    assert_eq!(sms(a), sms(b));
    assert_eq!(sms(a).message, "hi");
    assert_eq!(a.envelope.schema(), EventSchema::EventGrid);
    assert_eq!(
        a.envelope.dedup_key(),
        ("/subscriptions/s/resourceGroups/g", "1")
    );
    assert_eq!(a.envelope.time().unwrap().unix_timestamp(), 1_600_388_867);
}

#[test]
fn escaped_envelope_strings_are_unescaped() {
    let body = format!(
        r#"[{{"id": "a\"b", "subject": "thread\/x\u00e9", "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47\u005a", "data": {SMS_DATA}}}]"#
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let event = events[0].as_ref().unwrap();
    assert_eq!(event.envelope.id(), "a\"b");
    assert_eq!(event.envelope.subject(), Some("thread/x\u{e9}"));
    assert_eq!(
        event.envelope.time().unwrap().unix_timestamp(),
        1_600_388_867
    );
}

#[test]
fn event_type_before_or_after_data_gives_the_same_event() {
    let after = parse_delivery(
        format!(
            "[{}]",
            eg_event("1", "Microsoft.Communication.SMSReceived", SMS_DATA)
        )
        .as_bytes(),
    )
    .unwrap();
    let before = parse_delivery(
        format!(
            "[{}]",
            eg_event_type_first("1", "Microsoft.Communication.SMSReceived", SMS_DATA)
        )
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        sms(after[0].as_ref().unwrap()),
        sms(before[0].as_ref().unwrap())
    );
    let nanos = sms(before[0].as_ref().unwrap())
        .received_timestamp
        .unwrap()
        .unix_timestamp_nanos();
    assert_eq!(nanos, 1_600_388_865_320_000_000);
}

#[test]
fn cloud_events_and_event_grid_events_mix_in_one_batch() {
    let body = format!(
        "[{}, {}]",
        ce_event("ce-1", "Microsoft.Communication.SMSReceived", SMS_DATA),
        eg_event("eg-1", "Microsoft.Communication.SMSReceived", SMS_DATA)
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let ce = events[0].as_ref().unwrap();
    assert_eq!(ce.envelope.schema(), EventSchema::CloudEvents);
    assert_eq!(ce.envelope.spec_version(), Some("1.0"));
    assert_eq!(
        ce.envelope.source(),
        Some("/subscriptions/s/resourceGroups/g")
    );
    assert_eq!(ce.envelope.data_content_type(), Some("application/json"));
    assert_eq!(
        ce.envelope.extension("traceparent").map(|v| v.get()),
        Some(r#""00-abc-def-01""#)
    );
    assert_eq!(ce.envelope.data_version(), None);
    assert_eq!(sms(ce).message_id, "Incoming_1");
    let eg = events[1].as_ref().unwrap();
    assert_eq!(eg.envelope.schema(), EventSchema::EventGrid);
    assert_eq!(eg.envelope.data_version(), Some("1.0"));
    assert!(eg.envelope.extensions().is_empty());
}

#[test]
fn unknown_event_types_keep_their_data_byte_for_byte() {
    let data = r#"{ "z": 1,  "a": [true, null], "nested": {"k": "v\u00e9"} }"#;
    let body = format!("[{}]", eg_event("u", "Microsoft.Storage.BlobCreated", data));
    let events = parse_delivery(body.as_bytes()).unwrap();
    let event = events[0].as_ref().unwrap();
    let EventData::Unknown(unknown) = &event.data else {
        panic!("expected Unknown, got {}", event.data.variant_name())
    };
    assert_eq!(unknown.event_type, "Microsoft.Storage.BlobCreated");
    assert_eq!(unknown.data.as_ref().unwrap().get(), data);
    assert_eq!(event.raw_data().unwrap().get(), data);
    assert_eq!(event.data.variant_name(), "Unknown");
    assert_eq!(serde_json::to_string(&event.data).unwrap(), data);
}

#[test]
fn a_bad_event_is_an_error_of_its_own_with_index_type_and_path() {
    let bad = r#"{"MessageId": "m", "From": "1", "To": "2", "DeliveryStatus": "Delivered", "DeliveryAttempts": [{"Timestamp": "2020-09-18T00:22:14Z", "SegmentsSucceeded": "one"}]}"#;
    let body = format!(
        "[{}, {}, {}]",
        eg_event("0", "Microsoft.Communication.SMSReceived", SMS_DATA),
        eg_event(
            "1",
            "Microsoft.Communication.SMSDeliveryReportReceived",
            bad
        ),
        eg_event("2", "Microsoft.Communication.SMSReceived", SMS_DATA)
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(sms(events[0].as_ref().unwrap()).message, "hi");
    assert_eq!(sms(events[2].as_ref().unwrap()).message, "hi");
    let error = events[1].as_ref().unwrap_err();
    assert_eq!(error.index, 1);
    assert_eq!(error.kind, EventErrorKind::Data);
    assert_eq!(
        error.event_type.as_deref(),
        Some("Microsoft.Communication.SMSDeliveryReportReceived")
    );
    assert_eq!(error.path, "data.DeliveryAttempts[0].SegmentsSucceeded");
    assert!(
        error.message.contains("invalid type: string \"one\""),
        "{}",
        error.message
    );
    assert_eq!(error.raw_data.as_ref().unwrap().get(), bad);
    assert_eq!(error.envelope.as_ref().unwrap().id(), "1");
    assert_eq!(
        error.to_string(),
        format!("event 1 (Microsoft.Communication.SMSDeliveryReportReceived, id 1) at data.DeliveryAttempts[0].SegmentsSucceeded: {}", error.message)
    );
}

#[test]
fn missing_required_fields_and_bad_timestamps_name_the_field() {
    let no_message = r#"{"messageId": "m", "from": "1", "to": "2"}"#;
    let bad_time = r#"{"messageId": "m", "from": "1", "to": "2", "message": "x", "receivedTimestamp": "yesterday"}"#;
    let body = format!(
        "[{}, {}]",
        eg_event("0", "Microsoft.Communication.SMSReceived", no_message),
        eg_event("1", "Microsoft.Communication.SMSReceived", bad_time)
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let missing = events[0].as_ref().unwrap_err();
    assert_eq!(missing.path, "data");
    assert!(
        missing.message.contains("missing field `message`"),
        "{}",
        missing.message
    );
    let time = events[1].as_ref().unwrap_err();
    assert_eq!(time.path, "data.receivedTimestamp");
}

#[test]
fn envelope_problems_are_per_event_errors() {
    let body = format!(
        r#"[42, {{"id": "x", "data": {{}}}}, {{"id": 7, "eventType": "Microsoft.Communication.SMSReceived", "data": {SMS_DATA}}}, {{"id": "t", "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "noon", "data": {SMS_DATA}}}, {}]"#,
        eg_event("ok", "Microsoft.Communication.SMSReceived", SMS_DATA)
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    assert_eq!(events.len(), 5);
    let not_object = events[0].as_ref().unwrap_err();
    assert_eq!(
        (
            not_object.index,
            not_object.kind,
            not_object.event_type.clone()
        ),
        (0, EventErrorKind::Envelope, None)
    );
    assert_eq!(
        not_object.message,
        "an event must be a JSON object, found a number"
    );
    let no_type = events[1].as_ref().unwrap_err();
    assert_eq!(
        (no_type.path.as_str(), no_type.event_type.clone()),
        ("eventType", None)
    );
    let bad_id = events[2].as_ref().unwrap_err();
    assert_eq!(bad_id.path, "id");
    assert_eq!(
        bad_id.event_type.as_deref(),
        Some("Microsoft.Communication.SMSReceived")
    );
    assert_eq!(events[3].as_ref().unwrap_err().path, "eventTime");
    assert_eq!(sms(events[4].as_ref().unwrap()).message, "hi");
}

#[test]
fn bodies_that_are_not_deliveries_are_one_clear_error() {
    assert_eq!(parse_delivery(b"").unwrap_err(), DeliveryError::Empty);
    assert_eq!(parse_delivery(b" \n ").unwrap_err(), DeliveryError::Empty);
    assert!(matches!(
        parse_delivery(b"[{\"id\": 1,]").unwrap_err(),
        DeliveryError::NotJson { line: 1, .. }
    ));
    assert!(matches!(
        parse_delivery(b"\"hello\"").unwrap_err(),
        DeliveryError::NotADelivery { .. }
    ));
    assert!(matches!(
        parse_delivery(b"[1] trailing").unwrap_err(),
        DeliveryError::NotJson { .. }
    ));
    assert_eq!(
        parse_delivery(b"[\xff]").unwrap_err(),
        DeliveryError::NotUtf8 { valid_up_to: 1 }
    );
    assert!(parse_delivery(b"[]").unwrap().is_empty());
    assert_eq!(
        parse_delivery(b"\xef\xbb\xbf[]").unwrap().len(),
        0,
        "a UTF-8 byte order mark is accepted"
    );
}

#[test]
fn integers_sent_as_strings_and_enum_case_drift_parse_to_known_values() {
    let chat = r#"{"messageId": "1", "type": "Text", "version": "1613783230064", "sequenceId": 5, "threadId": "t", "messageBody": "b"}"#;
    let email = r#"{"sender": "a@b", "recipient": "c@d", "status": "delivered", "deliveryAttemptTimeStamp": "2020-09-18T00:22:20.2855749+00:00"}"#;
    let engagement = r#"{"engagementType": "View"}"#;
    let whatsapp = r#"{"from": "a", "to": "b", "status": "read", "channelType": "WhatsApp"}"#;
    let body = format!(
        "[{}, {}, {}, {}]",
        eg_event(
            "0",
            "Microsoft.Communication.ChatMessageReceivedInThread",
            chat
        ),
        eg_event(
            "1",
            "Microsoft.Communication.EmailDeliveryReportReceived",
            email
        ),
        eg_event(
            "2",
            "Microsoft.Communication.EmailEngagementTrackingReportReceived",
            engagement
        ),
        eg_event(
            "3",
            "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
            whatsapp
        ),
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let EventData::ChatMessageReceivedInThread(chat) = &events[0].as_ref().unwrap().data else {
        panic!()
    };
    assert_eq!(
        (chat.version, chat.sequence_id),
        (Some(1_613_783_230_064), Some(5))
    );
    let EventData::EmailDeliveryReportReceived(email) = &events[1].as_ref().unwrap().data else {
        panic!()
    };
    assert_eq!(email.status, Some(AcsEmailDeliveryReportStatus::Delivered));
    assert_eq!(
        email
            .delivery_attempt_timestamp
            .unwrap()
            .unix_timestamp_nanos(),
        1_600_388_540_285_574_900
    );
    let EventData::EmailEngagementTrackingReportReceived(engagement) =
        &events[2].as_ref().unwrap().data
    else {
        panic!()
    };
    assert_eq!(engagement.engagement_type, Some(AcsUserEngagement::View));
    let EventData::AdvancedMessageDeliveryStatusUpdated(status) = &events[3].as_ref().unwrap().data
    else {
        panic!()
    };
    assert_eq!(status.status, Some(AcsMessageDeliveryStatus::Read));
    // Serialization writes the schema's spelling and the canonical key.
    let json = serde_json::to_value(&events[1].as_ref().unwrap().data).unwrap();
    assert_eq!(json["status"], "Delivered");
    assert!(json.get("deliveryAttemptTimestamp").is_some());
}

#[test]
fn unlisted_enum_values_are_kept_and_round_trip() {
    let data = r#"{"from": "a", "to": "b", "status": "Throttled"}"#;
    let body = format!(
        "[{}]",
        eg_event(
            "0",
            "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
            data
        )
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let EventData::AdvancedMessageDeliveryStatusUpdated(update) = &events[0].as_ref().unwrap().data
    else {
        panic!()
    };
    let status = update.status.as_ref().unwrap();
    assert!(matches!(status, AcsMessageDeliveryStatus::Other(_)));
    assert_eq!(status.as_str(), "Throttled");
    assert_eq!(serde_json::to_value(update).unwrap()["status"], "Throttled");
    // Parsing a listed value never produces the catch-all.
    assert_eq!(
        AcsMessageDeliveryStatus::from("FAILED"),
        AcsMessageDeliveryStatus::Failed
    );
}

#[test]
fn event_types_match_ignoring_ascii_case() {
    let body = format!(
        "[{}]",
        eg_event("0", "microsoft.communication.smsreceived", SMS_DATA)
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let event = events[0].as_ref().unwrap();
    assert_eq!(event.data.kind(), Some(EventKind::SmsReceived));
    assert_eq!(
        event.envelope.event_type(),
        "microsoft.communication.smsreceived",
        "the envelope keeps what was sent"
    );
}

#[test]
fn a_known_event_without_data_is_an_error() {
    let body = r#"[{"id": "1", "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z"}]"#;
    let events = parse_delivery(body.as_bytes()).unwrap();
    let error = events[0].as_ref().unwrap_err();
    assert_eq!(
        (error.kind, error.path.as_str()),
        (EventErrorKind::Data, "data")
    );
}

#[test]
fn every_event_kind_round_trips_its_names() {
    // Two Event Grid events, always compiled, and each family's events with its feature.
    let families = [
        (cfg!(feature = "chat"), 20),
        (cfg!(feature = "sms"), 2),
        (cfg!(feature = "email"), 2),
        (cfg!(feature = "advanced-messaging"), 3),
        (cfg!(feature = "calling"), 4),
        (cfg!(feature = "call-automation"), 1),
        (cfg!(feature = "recording"), 1),
        (cfg!(feature = "presence"), 1),
        (cfg!(feature = "router"), 22),
    ];
    assert_eq!(
        EventKind::ALL.len(),
        2 + families
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n)
            .sum::<usize>()
    );
    for kind in EventKind::ALL {
        assert_eq!(EventKind::from_event_type(kind.event_type()), Some(*kind));
        assert!(
            kind.model_name().ends_with("EventData"),
            "{}",
            kind.model_name()
        );
    }
    assert_eq!(
        EventKind::SmsReceived.model_name(),
        "AcsSmsReceivedEventData"
    );
    assert_eq!(
        EventKind::ChatThreadParticipantAdded.model_name(),
        "AcsChatParticipantAddedToThreadEventData"
    );
    assert_eq!(
        acs_events::event_types::SMS_RECEIVED,
        "Microsoft.Communication.SMSReceived"
    );
    assert_eq!(
        EventKind::SubscriptionValidationEvent.data_version(),
        Some("1")
    );
}

#[test]
fn base_model_traits_give_generic_access_to_shared_fields() {
    use acs_events::models::{
        AcsChatMessageEventInThreadBaseProperties, AcsSmsEventBaseProperties,
    };

    fn describe<T: AcsChatMessageEventInThreadBaseProperties>(message: &T) -> String {
        // `thread_id` comes from the supertrait.
        format!(
            "{} in {} (version {:?})",
            message.message_id(),
            message.thread_id(),
            message.version()
        )
    }
    fn sender<T: AcsSmsEventBaseProperties>(sms: &T) -> (&str, &str) {
        // `from` would read as `From::from`: the accessor is `get_from`.
        (sms.get_from(), sms.to())
    }

    let received = r#"{"messageId": "1", "type": "Text", "version": "7", "threadId": "t", "messageBody": "b"}"#;
    let deleted = r#"{"messageId": "2", "type": "Text", "version": 8, "threadId": "t", "deleteTime": "2021-02-20T00:59:10.464+00:00"}"#;
    let report =
        r#"{"MessageId": "m", "From": "1555", "To": "1666", "DeliveryStatus": "Delivered"}"#;
    let body = format!(
        "[{}, {}, {}]",
        eg_event(
            "0",
            "Microsoft.Communication.ChatMessageReceivedInThread",
            received
        ),
        eg_event(
            "1",
            "Microsoft.Communication.ChatMessageDeletedInThread",
            deleted
        ),
        eg_event(
            "2",
            "Microsoft.Communication.SMSDeliveryReportReceived",
            report
        ),
    );
    let events = parse_delivery(body.as_bytes()).unwrap();
    let descriptions: Vec<String> = events
        .iter()
        .filter_map(|e| match &e.as_ref().unwrap().data {
            // Payloads are boxed, and a box of a model implements the model's base traits.
            EventData::ChatMessageReceivedInThread(m) => Some(describe(m)),
            EventData::ChatMessageDeletedInThread(m) => Some(describe(m)),
            _ => None,
        })
        .collect();
    assert_eq!(
        descriptions,
        ["1 in t (version Some(7))", "2 in t (version Some(8))"]
    );
    let EventData::SmsDeliveryReportReceived(report) = &events[2].as_ref().unwrap().data else {
        panic!()
    };
    assert_eq!(sender(report), ("1555", "1666"));
}

/// Handler tests build payloads with `new` (the required members) and `with_…` (the optional
/// ones): no required member can be left out or fabricated.
#[test]
fn payloads_are_built_from_their_required_members() {
    use acs_events::models::AcsSmsReceivedEventData;

    let sms = AcsSmsReceivedEventData::new("m-1", "+15555550100", "+15555550101", "hello")
        .with_received_timestamp(time::OffsetDateTime::from_unix_timestamp(1_714_557_600).unwrap());
    assert_eq!(
        (sms.from.as_str(), sms.message.as_str()),
        ("+15555550100", "hello")
    );
    assert_eq!(sms.received_timestamp.unwrap().year(), 2024);
    // What it serializes to parses back to the same payload, through the delivery parser.
    let body = format!(
        "[{}]",
        eg_event(
            "0",
            "Microsoft.Communication.SMSReceived",
            &serde_json::to_string(&sms).unwrap()
        )
    );
    let event = parse_delivery(body.as_bytes()).unwrap().remove(0).unwrap();
    let EventData::SmsReceived(parsed) = &event.data else {
        panic!("{}", event.data.variant_name())
    };
    assert_eq!(**parsed, sms);
}

//! `acs_events::borrowed::parse_delivery`: payloads that borrow from the body. The generated
//! fixture tests check every fixture in both forms; these check what only the borrowed form
//! has: strings that are slices of the body, copies only where an escape forces one, and the
//! same per-event errors as the owned parse.
#![cfg(feature = "borrowed")]

mod support;

use acs_events::borrowed::{self, EventData};

fn sms_body(message_json: &str) -> String {
    format!(
        r#"[{{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
        "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
        "dataVersion": "1.0", "metadataVersion": "1",
        "data": {{"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": {message_json}}}}}]"#
    )
}

fn within(body: &str, text: &str) -> bool {
    let range = body.as_bytes().as_ptr_range();
    range.contains(&text.as_ptr())
}

#[test]
fn strings_are_slices_of_the_body_unless_an_escape_forces_a_copy() {
    let body = sms_body(r#""plain text""#);
    let delivery = borrowed::parse_delivery(body.as_bytes()).unwrap();
    let event = delivery[0].as_ref().unwrap();
    let EventData::SmsReceived(sms) = &event.data else {
        panic!("got {}", event.data.variant_name())
    };
    assert_eq!(sms.message, "plain text");
    assert!(
        sms.message.is_borrowed() && within(&body, &sms.message),
        "a slice of the body"
    );
    assert!(within(&body, event.envelope.id()) && within(&body, event.envelope.subject().unwrap()));

    let escaped = sms_body(r#""line\nbreak \u00e9""#);
    let delivery = borrowed::parse_delivery(escaped.as_bytes()).unwrap();
    let EventData::SmsReceived(sms) = &delivery[0].as_ref().unwrap().data else {
        panic!()
    };
    assert_eq!(sms.message, "line\nbreak é");
    assert!(!sms.message.is_borrowed(), "an escape forces a copy");
}

#[test]
fn unknown_events_keep_their_data_as_a_slice_and_convert_to_the_owned_event() {
    let body = r#"{"id": "9", "eventType": "Contoso.Custom", "subject": "s", "eventTime": "2020-09-18T00:27:47Z",
      "dataVersion": "1", "data": {"b": [1, 2.50], "a": "x"}}"#;
    let delivery = borrowed::parse_delivery(body.as_bytes()).unwrap();
    let event = delivery.into_iter().next().unwrap().unwrap();
    let EventData::Unknown(unknown) = &event.data else {
        panic!("got {}", event.data.variant_name())
    };
    assert_eq!(unknown.event_type, "Contoso.Custom");
    let data = unknown.data.unwrap().get();
    assert_eq!(data, r#"{"b": [1, 2.50], "a": "x"}"#);
    assert!(within(body, data));
    let owned = event.into_owned();
    assert_eq!(owned.raw_data().unwrap().get(), data);
    assert!(
        matches!(&owned.data, acs_events::EventData::Unknown(u) if u.event_type == "Contoso.Custom")
    );
}

#[test]
fn every_event_errs_as_in_the_owned_parse_and_the_others_still_arrive() {
    let good = sms_body(r#""hi""#);
    let good = good.trim().trim_start_matches('[').trim_end_matches(']');
    let bad_data = good.replace(r#""from": "15555555555""#, r#""from": 15555555555"#);
    let no_type = good.replace(r#""eventType": "Microsoft.Communication.SMSReceived","#, "");
    let body = format!("[{good}, {bad_data}, 7, {no_type}, {good}]");
    let owned = acs_events::parse_delivery(body.as_bytes()).unwrap();
    let borrowed = borrowed::parse_delivery(body.as_bytes()).unwrap();
    assert_eq!(borrowed.len(), 5);
    let oks: Vec<bool> = borrowed.iter().map(Result::is_ok).collect();
    assert_eq!(oks, [true, false, false, false, true]);
    for (borrowed, owned) in borrowed.iter().zip(&owned) {
        match (borrowed, owned) {
            (Err(b), Err(o)) => assert_eq!(format!("{b:?}"), format!("{o:?}")),
            (Ok(b), Ok(o)) => assert_eq!(b.data.clone().into_owned(), o.data),
            _ => panic!(
                "the two parses disagree on event {}",
                owned.as_ref().map_or_else(|e| e.index, |e| e.index)
            ),
        }
    }
    let error = borrowed[1].as_ref().unwrap_err();
    assert_eq!((error.index, error.path.as_str()), (1, "data.from"));
}

#[test]
fn a_body_that_is_not_a_delivery_is_the_same_error() {
    for body in [&b""[..], b"[{\"id\": ", b"\"text\"", b"\xff"] {
        let owned = acs_events::parse_delivery(body).unwrap_err();
        let borrowed = borrowed::parse_delivery(body).unwrap_err();
        assert_eq!(borrowed, owned, "{}", String::from_utf8_lossy(body));
    }
}

/// The direct parser (not the serde parse it falls back to) reads every fixture payload, exactly
/// as the serde parse reads it.
#[test]
fn the_direct_parser_reads_every_fixture_payload() {
    let mut read = 0;
    for (path, index, event) in support::fixture_events() {
        let body = std::fs::read(support::schemas_dir().join(&path)).unwrap();
        let event_type = support::event_type(&event);
        if acs_events::EventKind::from_event_type(event_type).is_none() {
            continue;
        }
        let data = eventgen_runtime::testing::raw_data(&body, index)
            .expect("a typed fixture event has data");
        let taken = eventgen_runtime::testing::assert_direct_agrees::<EventData>(event_type, &data);
        assert!(
            taken,
            "{path} event {index} ({event_type}): the direct parser gave up on {data}"
        );
        read += 1;
    }
    assert!(read > 100, "only {read} typed fixture events");
}

//! `parse_event`: one event on its own, the way queues and streams hand events over (an Event Hubs
//! or Service Bus message body, a Storage queue message, a Kafka record): the same [`Event`] a
//! delivery yields, or one [`EventError`].

use crate::delivery;
use crate::error::{DeliveryError, EventError, EventErrorKind};
use crate::event::Event;
use crate::event_set::EventSet;
use crate::read;

/// Parse one event object, in the Event Grid schema or CloudEvents 1.0 structured mode
/// (detected from its members), into the same [`Event`] [`crate::parse_delivery`] yields: typed,
/// or the set's unknown variant for an event type without a schema.
///
/// Every failure is one [`EventError`]: [`EventErrorKind::Body`] when the bytes are not one JSON
/// event object (not UTF-8, empty, not JSON, a scalar, or an array: a batch, which
/// [`crate::parse_delivery`] reads), [`EventErrorKind::Envelope`] or [`EventErrorKind::Data`]
/// as in a delivery.
pub fn parse_event<D: EventSet>(body: &[u8]) -> Result<Event<D>, EventError> {
    let text = read::body_text(body).map_err(body_error)?;
    // `body_text` has removed a byte order mark; JSON's white space is ASCII.
    if text.trim_ascii_start().starts_with('[') {
        return Err(not_one_event(
            "the body is a JSON array of events (a batch), not one event: read it with `parse_delivery`"
                .into(),
        ));
    }
    let results = delivery::parse_text::<D>(text, read::Pass::ScanFirst).map_err(body_error)?;
    // An object body is one event: exactly one result.
    match results.into_iter().next() {
        Some(result) => result,
        None => Err(not_one_event("the body holds no event".into())),
    }
}

/// The error for a body that is not one event at all.
pub(crate) fn not_one_event(message: String) -> EventError {
    EventError {
        index: 0,
        event_type: None,
        id: None,
        kind: EventErrorKind::Body,
        path: String::new(),
        message,
        envelope: None,
        raw_data: None,
    }
}

fn body_error(error: DeliveryError) -> EventError {
    not_one_event(match error {
        DeliveryError::NotADelivery { message } => {
            format!("the body is not an event object: {message}")
        }
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownEventData;

    const EVENT: &str = r#"{"id": "e-1", "topic": "/t", "subject": "s", "eventType": "Contoso.Thing",
        "eventTime": "2024-05-01T12:30:00Z", "dataVersion": "1", "metadataVersion": "1", "data": {"a": 1}}"#;

    #[test]
    fn one_event_object_is_the_event_a_delivery_yields() {
        let event = parse_event::<UnknownEventData>(EVENT.as_bytes()).unwrap();
        let delivered = crate::parse_delivery::<UnknownEventData>(EVENT.as_bytes()).unwrap();
        assert_eq!(Some(&event), delivered[0].as_ref().ok());
        assert_eq!(event.envelope.id(), "e-1");
        assert_eq!(event.raw_data().unwrap().get(), r#"{"a": 1}"#);
    }

    #[test]
    fn every_body_that_is_not_one_event_is_a_body_error() {
        for (body, wanted) in [
            (
                format!("[{EVENT}]"),
                "a JSON array of events (a batch), not one event: read it with `parse_delivery`",
            ),
            (format!(" \n[{EVENT}]"), "read it with `parse_delivery`"),
            ("".to_string(), "the body is empty"),
            ("  ".to_string(), "the body is empty"),
            ("{\"id\": ".to_string(), "the body is not JSON"),
            ("42".to_string(), "the body is not an event object"),
            ("\"text\"".to_string(), "the body is not an event object"),
            ("null".to_string(), "the body is not an event object"),
        ] {
            let error = parse_event::<UnknownEventData>(body.as_bytes()).unwrap_err();
            assert_eq!(error.kind, EventErrorKind::Body, "{body}");
            assert!(error.message.contains(wanted), "{body}: {}", error.message);
            assert_eq!((error.index, error.path.as_str()), (0, ""));
        }
        let error = parse_event::<UnknownEventData>(b"{\"id\": \"\xff\"}").unwrap_err();
        assert_eq!(error.kind, EventErrorKind::Body);
        assert_eq!(
            error.message,
            "the body is not UTF-8 (invalid byte at offset 8)"
        );
    }

    #[test]
    fn an_envelope_fault_is_the_events_own_error_with_its_id() {
        let body = EVENT.replace("\"2024-05-01T12:30:00Z\"", "\"yesterday\"");
        let error = parse_event::<UnknownEventData>(body.as_bytes()).unwrap_err();
        assert_eq!(error.kind, EventErrorKind::Envelope);
        assert_eq!(error.id.as_deref(), Some("e-1"));
        assert_eq!(error.path, "eventTime");
        assert_eq!(
            error.to_string(),
            "event 0 (Contoso.Thing, id e-1) at eventTime: `yesterday` is not an RFC 3339 timestamp like `2024-05-01T12:30:00Z`: its year is missing or malformed"
        );
    }
}

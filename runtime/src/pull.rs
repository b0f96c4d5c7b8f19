//! Event Grid namespace pull delivery: the body of a `:receive` call holds events with their
//! broker properties, `{"value": [{"brokerProperties": {"lockToken", "deliveryCount"}, "event":
//! {…}}]}` (Azure.Messaging.EventGrid's `ReceiveResult`). Each event is read as
//! [`crate::parse_event`] reads one; its lock token is kept even when the event fails, so it can
//! be rejected rather than left to time out.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{DeliveryError, EventError, EventErrorKind};
use crate::event::Event;
use crate::event_set::EventSet;
use crate::read;

/// One received event: the broker's handle on it and the event, typed or its error.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReceivedEvent<D> {
    /// The token that acknowledges, releases, rejects or renews the lock on this event.
    pub lock_token: String,
    /// How many times the event has been delivered, this time included.
    pub delivery_count: u32,
    /// The event, as [`crate::parse_event`] reads it, with its position in the receive result as
    /// its index.
    pub event: Result<Event<D>, EventError>,
}

/// The results of one receive call, in order: each a [`ReceivedEvent`], or an [`EventError`]
/// when its broker properties cannot be read (no lock token: the lock expires on its own).
pub type ReceiveResult<D> = Vec<Result<ReceivedEvent<D>, EventError>>;

/// Parse the body of an Event Grid namespace receive call.
///
/// ```
/// use eventgen_runtime::{pull, UnknownEventData};
///
/// let body = br#"{"value": [{"brokerProperties": {"lockToken": "CgMKATE=", "deliveryCount": 1},
///   "event": {"specversion": "1.0", "type": "Contoso.Orders.OrderPlaced", "source": "/orders",
///     "id": "7", "data": {"orderId": "o-1"}}}]}"#;
/// let mut acknowledge = Vec::new();
/// for received in pull::parse_receive_result::<UnknownEventData>(body)? {
///     let Ok(received) = received else { continue }; // unreadable broker properties
///     match received.event {
///         Ok(event) => {
///             assert_eq!(event.envelope.event_type(), "Contoso.Orders.OrderPlaced");
///             acknowledge.push(received.lock_token);
///         }
///         Err(error) => eprintln!("reject {}: {error}", received.lock_token),
///     }
/// }
/// assert_eq!(acknowledge, ["CgMKATE="]);
/// # Ok::<(), eventgen_runtime::DeliveryError>(())
/// ```
///
/// Only a body that is not a receive result at all is a [`DeliveryError`].
pub fn parse_receive_result<D: EventSet>(body: &[u8]) -> Result<ReceiveResult<D>, DeliveryError> {
    #[derive(Deserialize)]
    struct Body<'a> {
        #[serde(borrow)]
        value: Vec<&'a RawValue>,
    }
    let text = read::body_text(body)?;
    let parsed: Body<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => DeliveryError::NotADelivery {
            message: format!(
                "not an Event Grid receive result (`{{\"value\": [...]}}`): {}",
                read::strip_position(&e)
            ),
        },
        _ => DeliveryError::NotJson {
            line: e.line(),
            column: e.column(),
            message: read::strip_position(&e),
        },
    })?;
    Ok(parsed
        .value
        .into_iter()
        .enumerate()
        .map(|(index, item)| received(index, item))
        .collect())
}

fn received<D: EventSet>(index: usize, item: &RawValue) -> Result<ReceivedEvent<D>, EventError> {
    #[derive(Deserialize)]
    struct Item<'a> {
        #[serde(rename = "brokerProperties")]
        broker: BrokerProperties,
        #[serde(borrow)]
        event: &'a RawValue,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct BrokerProperties {
        lock_token: String,
        delivery_count: u32,
    }
    let item: Item<'_> = serde_json::from_str(item.get()).map_err(|e| EventError {
        index,
        event_type: None,
        id: None,
        kind: EventErrorKind::Envelope,
        path: "brokerProperties".into(),
        message: format!(
            "the received item's broker properties cannot be read: {}",
            read::strip_position(&e)
        ),
        envelope: None,
        raw_data: None,
    })?;
    let event = match crate::parse_event::<D>(item.event.get().as_bytes()) {
        Ok(mut event) => {
            event.index = index;
            Ok(event)
        }
        Err(mut error) => {
            error.index = index;
            Err(error)
        }
    };
    Ok(ReceivedEvent {
        lock_token: item.broker.lock_token,
        delivery_count: item.broker.delivery_count,
        event,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownEventData;

    fn item(token: &str, event: &str) -> String {
        format!(
            r#"{{"brokerProperties": {{"lockToken": "{token}", "deliveryCount": 2}}, "event": {event}}}"#
        )
    }

    const EVENT: &str =
        r#"{"specversion": "1.0", "type": "T", "source": "/s", "id": "e", "data": "test"}"#;

    #[test]
    fn each_item_keeps_its_lock_token_whatever_its_event() {
        let body = format!(
            r#"{{"value": [{}, {}, {}, {{"event": {EVENT}}}]}}"#,
            item("a", EVENT),
            item(
                "b",
                r#"{"specversion": "1.0", "type": "T", "source": "/s", "id": 5}"#
            ),
            item("c", "[1]"),
        );
        let results = parse_receive_result::<UnknownEventData>(body.as_bytes()).unwrap();
        assert_eq!(results.len(), 4);
        let first = results[0].as_ref().unwrap();
        assert_eq!((first.lock_token.as_str(), first.delivery_count), ("a", 2));
        let event = first.event.as_ref().unwrap();
        assert_eq!((event.index, event.envelope.id()), (0, "e"));
        assert_eq!(event.raw_data().unwrap().get(), "\"test\"");

        let second = results[1].as_ref().unwrap();
        assert_eq!(second.lock_token, "b");
        let error = second.event.as_ref().unwrap_err();
        assert_eq!(
            (error.index, error.kind, error.path.as_str()),
            (1, EventErrorKind::Envelope, "id")
        );

        let third = results[2].as_ref().unwrap();
        assert_eq!(third.lock_token, "c");
        assert_eq!(third.event.as_ref().unwrap_err().kind, EventErrorKind::Body);

        let fourth = results[3].as_ref().unwrap_err();
        assert_eq!(
            (fourth.index, fourth.kind, fourth.path.as_str()),
            (3, EventErrorKind::Envelope, "brokerProperties")
        );
        assert!(
            fourth.message.contains("missing field `brokerProperties`"),
            "{}",
            fourth.message
        );
    }

    #[test]
    fn a_body_that_is_no_receive_result_is_a_delivery_error() {
        for body in [&b"[]"[..], b"{}", b"{\"value\": 3}", b"\"x\""] {
            assert!(
                matches!(
                    parse_receive_result::<UnknownEventData>(body),
                    Err(DeliveryError::NotADelivery { .. })
                ),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(matches!(
            parse_receive_result::<UnknownEventData>(b"{\"value\": ["),
            Err(DeliveryError::NotJson {
                line: 1,
                column: 11,
                ..
            })
        ));
        assert!(matches!(
            parse_receive_result::<UnknownEventData>(b""),
            Err(DeliveryError::Empty)
        ));
        assert!(parse_receive_result::<UnknownEventData>(b"{\"value\": []}")
            .unwrap()
            .is_empty());
    }
}

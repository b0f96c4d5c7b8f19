//! `parse_message`: an event from any transport's message, whichever content mode it uses.

use crate::error::EventError;
use crate::event::Event;
use crate::event_set::EventSet;

/// Parse a message of any transport into one typed [`Event`]: its metadata as (name, value) pairs
/// and its body.
///
/// - **CloudEvents binary mode**, when the metadata carries a `specversion` attribute under a
///   protocol binding's prefix: HTTP headers `ce-…` (percent-decoded), AMQP application
///   properties `cloudEvents:…` or `cloudEvents_…` (Service Bus, Event Hubs), Kafka headers
///   `ce_…`. A pair named `content-type` gives `datacontenttype`; the body is `data`.
/// - **Otherwise** the body is one structured event, Event Grid schema or CloudEvents, read by
///   [`crate::parse_event`]. Pairs of no binding (`aeg-*`, other application properties) are
///   ignored in both modes.
///
/// Either way the event has its envelope (so `envelope.dedup_key()`) and `data` as received. A
/// binary-mode error names the attribute (`id`, `subject`) or `data`.
///
/// ```
/// use eventgen_runtime::{parse_message, UnknownEventData};
///
/// // A Service Bus message in binary mode: attributes as AMQP application properties.
/// let properties = [
///     ("cloudEvents:specversion", "1.0"),
///     ("cloudEvents:id", "7"),
///     ("cloudEvents:source", "/orders"),
///     ("cloudEvents:type", "Contoso.Orders.OrderPlaced"),
///     ("content-type", "application/json"),
/// ];
/// let event = parse_message::<UnknownEventData, _, _, _>(properties, br#"{"orderId": "o-1"}"#)?;
/// assert_eq!(event.envelope.dedup_key(), ("/orders", "7"));
/// assert_eq!(event.raw_data().unwrap().get(), r#"{"orderId": "o-1"}"#);
/// # Ok::<(), eventgen_runtime::EventError>(())
/// ```
pub fn parse_message<D, I, K, V>(attributes: I, body: &[u8]) -> Result<Event<D>, EventError>
where
    D: EventSet,
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    match crate::binary_mode::to_structured(attributes, body)? {
        Some(structured) => crate::parse_event(&structured),
        None => crate::parse_event(body),
    }
}

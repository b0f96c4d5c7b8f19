//! Typed bindings for the Azure Communication Services events that Azure Event Grid delivers.
//!
//! ```
//! use acs_events::{parse_delivery, EventData};
//!
//! let body = br#"[{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
//!   "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
//!   "dataVersion": "1.0", "metadataVersion": "1",
//!   "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}]"#;
//! for event in parse_delivery(body)? {
//!     match event {
//!         Ok(event) => match &event.data {
//!             EventData::SmsReceived(sms) => assert_eq!(sms.message, "hi"),
//!             other => println!("{} event", other.variant_name()),
//!         },
//!         Err(error) => eprintln!("{error}"),
//!     }
//! }
//! # Ok::<(), acs_events::DeliveryError>(())
//! ```
//!
//! The payload types in [`models`] are generated from the JSON Schemas in `schemas/` by
//! `eventgen` and committed in `generated/`, which the crate includes: building it needs no
//! generator. Feature `regenerate` generates them from the schemas at build time instead (the
//! same code). Parsing, errors and the webhook come from `eventgen-runtime`, re-exported here
//! for [`EventData`].

/// Generated payload types, event-type constants and the dispatch enums.
#[allow(clippy::all, rustdoc::broken_intra_doc_links)]
pub mod models {
    #[cfg(not(feature = "regenerate"))]
    include!("../generated/mod.rs");
    #[cfg(feature = "regenerate")]
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}

#[cfg(feature = "borrowed")]
pub mod borrowed;
pub mod pull;
pub mod webhook;

pub use eventgen_runtime::{
    inspect, DeliveryError, Envelope, EventError, EventErrorKind, EventSchema, EventSet,
    UnknownEventData,
};
pub use models::{event_types, EventData, EventKind};

/// One ACS event of a delivery whose envelope and data were read.
pub type Event = eventgen_runtime::Event<EventData>;

/// The result for each event of a delivery, in order.
pub type Delivery = eventgen_runtime::Delivery<EventData>;

/// Parse the HTTP body of an Event Grid delivery of ACS events: a JSON array of events or one
/// event object, each in the Event Grid schema or CloudEvents 1.0 structured mode (detected per
/// event).
///
/// Returns every event in order: typed, [`EventData::Unknown`], or an [`EventError`] naming
/// its index, event type and the path of the member at fault. A bad event never hides the
/// others. Only a body that is not a delivery at all is a [`DeliveryError`].
pub fn parse_delivery(body: &[u8]) -> Result<Delivery, DeliveryError> {
    eventgen_runtime::parse_delivery(body)
}

/// Parse one ACS event object, as queues and streams hand events over (an Event Hubs or Service
/// Bus message body, a Storage queue message): Event Grid schema or CloudEvents structured mode.
///
/// The same [`Event`] [`parse_delivery`] yields, or one [`EventError`]: a body that is not one
/// event object (a JSON array is a batch, for [`parse_delivery`]) is [`EventErrorKind::Body`].
///
/// ```
/// use acs_events::{parse_event, EventData};
///
/// let body = br#"{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
///   "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
///   "dataVersion": "1.0", "metadataVersion": "1",
///   "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}"#;
/// let event = parse_event(body)?;
/// assert!(matches!(&event.data, EventData::SmsReceived(sms) if sms.message == "hi"));
/// # Ok::<(), acs_events::EventError>(())
/// ```
pub fn parse_event(body: &[u8]) -> Result<Event, EventError> {
    eventgen_runtime::parse_event(body)
}

/// Parse a message of any transport: its metadata as (name, value) pairs and its body.
/// CloudEvents binary mode when the metadata carries `specversion` under a protocol binding's
/// prefix (AMQP `cloudEvents:`/`cloudEvents_` application properties for Service Bus and Event
/// Hubs, Kafka `ce_` headers, HTTP `ce-` headers; a `content-type` pair is the data's content
/// type); otherwise the body is one structured event, as [`parse_event`] reads it.
///
/// ```
/// use acs_events::{parse_message, EventData};
///
/// // A Kafka record in binary mode: attributes in `ce_` headers (bytes), the value is `data`.
/// let headers: [(&str, &[u8]); 5] = [
///     ("ce_specversion", b"1.0"),
///     ("ce_id", b"1"),
///     ("ce_source", b"/subscriptions/s"),
///     ("ce_type", b"Microsoft.Communication.SMSReceived"),
///     ("content-type", b"application/json"),
/// ];
/// let value = br#"{"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}"#;
/// let event = parse_message(headers, value)?;
/// assert_eq!(event.envelope.dedup_key(), ("/subscriptions/s", "1"));
/// assert!(matches!(&event.data, EventData::SmsReceived(sms) if sms.message == "hi"));
/// # Ok::<(), acs_events::EventError>(())
/// ```
pub fn parse_message<I, K, V>(attributes: I, body: &[u8]) -> Result<Event, EventError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    eventgen_runtime::parse_message(attributes, body)
}

/// The README's Rust examples, compiled (and run, where not `no_run`) as doctests so they stay
/// true. The webhook example needs the `axum` feature; CI tests with every feature.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

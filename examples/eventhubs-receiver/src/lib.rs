//! ACS events from Azure Event Hubs: each message that the official `azure_messaging_eventhubs`
//! consumer hands over becomes one typed [`acs_events::Event`], or an error that says why not.
//!
//! Event Grid delivers each event to an event hub as its own message: the body is the event in
//! the subscription's schema (Event Grid or CloudEvents), or a JSON array holding it, with Event
//! Grid's `aeg-*` application properties beside it. A producer may also send CloudEvents binary mode under the AMQP
//! binding: the attributes in `cloudEvents:` (or `cloudEvents_`) application properties, the
//! data as the body. [`handle_message`] reads all of these; the binary (`main.rs`) only receives.
//!
//! ```no_run
//! use azure_messaging_eventhubs::models::EventData;
//! use eventhubs_receiver::{handle_message, Outcome};
//!
//! fn on_message(message: &EventData) {
//!     match handle_message(message) {
//!         Outcome::Event(event) => println!("{}", event.data.variant_name()),
//!         Outcome::Rejected(error) => eprintln!("{error}"),
//!     }
//! }
//! ```

#![deny(missing_docs)]

pub mod attributes;

use std::fmt;

use azure_messaging_eventhubs::models::EventData;

pub use attributes::{AttributeError, ValueProblem};

/// What became of one message.
#[derive(Debug)]
pub enum Outcome {
    /// An ACS event: typed, or `EventData::Unknown` (its data kept byte for byte) for an event
    /// type without a schema or whose family's feature is off.
    Event(Box<acs_events::Event>),
    /// The message is no event that can be read.
    Rejected(MessageError),
}

impl Outcome {
    /// The key that identifies the event across Event Grid's at-least-once redeliveries (its
    /// source and id), wherever the envelope could be read: always for an event, and for a
    /// rejected one whose data alone failed, so a retry of the same bad event is recognized.
    pub fn dedup_key(&self) -> Option<(&str, &str)> {
        match self {
            Outcome::Event(event) => Some(event.envelope.dedup_key()),
            Outcome::Rejected(MessageError::Event(error)) => error
                .envelope
                .as_deref()
                .map(acs_events::Envelope::dedup_key),
            Outcome::Rejected(_) => None,
        }
    }
}

/// Why a message is no event.
#[derive(Debug)]
#[non_exhaustive]
pub enum MessageError {
    /// An application property named as a CloudEvents attribute holds a value that cannot be one.
    Attribute(AttributeError),
    /// The message is not an ACS event, or its envelope or data do not fit: the index, event
    /// type and path of the member at fault, as `acs_events::parse_message` reports them.
    Event(acs_events::EventError),
    /// The body is a JSON array that is no Event Grid delivery (not JSON throughout, for one).
    Delivery(acs_events::DeliveryError),
    /// The body is a delivery of more events than one, or of none.
    NotOneEvent {
        /// How many events it holds.
        events: usize,
    },
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageError::Attribute(error) => error.fmt(f),
            MessageError::Event(error) => error.fmt(f),
            MessageError::Delivery(error) => error.fmt(f),
            MessageError::NotOneEvent { events } => write!(
                f,
                "the body is a delivery of {events} events, not one event; read it with \
                 acs_events::parse_delivery"
            ),
        }
    }
}

impl std::error::Error for MessageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MessageError::Attribute(error) => Some(error),
            MessageError::Event(error) => Some(error),
            MessageError::Delivery(error) => Some(error),
            MessageError::NotOneEvent { .. } => None,
        }
    }
}

/// Read one received message as an ACS event.
///
/// The body is the event (Event Grid schema or CloudEvents structured mode), unless the
/// application properties carry CloudEvents binary mode (`cloudEvents:specversion` and the other
/// attributes, `content-type` as `datacontenttype`), where it is the event's `data`. A structured
/// body may also be a JSON array holding the one event, the form Event Grid gives each event it
/// sends on its own (delivery-and-retry.md). A message without a body (the SDK hands over a body
/// only for a single AMQP data section) reads as an empty one. Never panics; every failure is a
/// [`MessageError`].
pub fn handle_message(message: &EventData) -> Outcome {
    let attributes = match attributes::message_attributes(message) {
        Ok(attributes) => attributes,
        Err(error) => return Outcome::Rejected(MessageError::Attribute(error)),
    };
    let body = message.body().unwrap_or_default();
    let read = if is_json_array(body) && !attributes::is_binary_mode(&attributes) {
        read_single_event_array(body)
    } else {
        acs_events::parse_message(attributes, body).map_err(MessageError::Event)
    };
    match read {
        Ok(event) => Outcome::Event(Box::new(event)),
        Err(error) => Outcome::Rejected(error),
    }
}

fn is_json_array(body: &[u8]) -> bool {
    body.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'[')
}

/// The event of a delivery of one; a longer (or empty) delivery is not one message's event.
fn read_single_event_array(body: &[u8]) -> Result<acs_events::Event, MessageError> {
    let delivery = acs_events::parse_delivery(body).map_err(MessageError::Delivery)?;
    let events = delivery.len();
    let mut delivery = delivery.into_iter();
    match (delivery.next(), delivery.next()) {
        (Some(only), None) => only.map_err(MessageError::Event),
        _ => Err(MessageError::NotOneEvent { events }),
    }
}

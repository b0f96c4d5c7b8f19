//! Errors of `parse_delivery`: one for a body that is not a delivery at all, one per event
//! that cannot be read, naming its index, event type and the path of the failing member.

use std::fmt;

use serde_json::value::RawValue;

use crate::envelope::Envelope;

/// The body as a whole is not an Event Grid delivery; nothing in it can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryError {
    /// The body is not UTF-8; `valid_up_to` bytes are.
    NotUtf8 {
        /// How many bytes from the start are valid UTF-8.
        valid_up_to: usize,
    },
    /// The body is empty or only white space.
    Empty,
    /// The body is not valid JSON.
    NotJson {
        /// The line of the fault, from 1.
        line: usize,
        /// The column of the fault, from 1.
        column: usize,
        /// What is wrong, without the position.
        message: String,
    },
    /// The body is JSON but neither an array of events nor an event object.
    NotADelivery {
        /// What the body is instead.
        message: String,
    },
    /// The body holds more events than the receiver accepts (the webhook's
    /// `max_events`); reading stopped at the first event past the limit.
    TooManyEvents {
        /// The most events accepted in one delivery.
        limit: usize,
    },
}

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeliveryError::NotUtf8 { valid_up_to } => write!(
                f,
                "the body is not UTF-8 (invalid byte at offset {valid_up_to})"
            ),
            DeliveryError::Empty => f.write_str("the body is empty"),
            DeliveryError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "the body is not JSON: {message} (line {line}, column {column})"
            ),
            DeliveryError::NotADelivery { message } => {
                write!(f, "the body is not an Event Grid delivery (a JSON array of events or one event object): {message}")
            }
            DeliveryError::TooManyEvents { limit } => write!(
                f,
                "the delivery holds more than {limit} events, the most accepted in one delivery"
            ),
        }
    }
}

impl std::error::Error for DeliveryError {}

/// Which part of an event failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventErrorKind {
    /// The envelope: not an object, or a missing or mistyped `id`, `eventType`, `eventTime`, ….
    Envelope,
    /// The `data` does not fit the schema of the event type.
    Data,
    /// The bytes are not one event at all (`parse_event`, `parse_message`): not UTF-8, empty,
    /// not JSON, not an object, or a JSON array (a batch, which `parse_delivery` reads).
    Body,
}

/// One event of a delivery that could not be read. The other events are unaffected.
///
/// Kept within 128 bytes (boxed strings), so functions returning `Result<_, EventError>` pass
/// clippy's `result_large_err` in consumers' code too.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EventError {
    /// Position of the event in the delivery.
    pub index: usize,
    /// The event's type string, when it has one.
    pub event_type: Option<Box<str>>,
    /// The event's `id`, when it could be read: with the source, what finds the event in the
    /// sender's logs.
    pub id: Option<Box<str>>,
    /// Which part failed: the envelope or the data.
    pub kind: EventErrorKind,
    /// Where the problem is, from the event object: `eventTime`, `data.deliveryAttempts[0].timestamp`, or empty for
    /// the event itself.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The envelope, when only the data failed.
    pub envelope: Option<Box<Envelope>>,
    /// The event's `data`, exactly as received.
    pub raw_data: Option<Box<RawValue>>,
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event {}", self.index)?;
        match &self.event_type {
            Some(event_type) => write!(f, " ({event_type}")?,
            None => f.write_str(" (no event type")?,
        }
        match &self.id {
            // A hostile id must not flood the log line.
            Some(id) => write!(f, ", id {})", shortened(id, 80))?,
            None => f.write_str(")")?,
        }
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for EventError {}

/// `text` cut to `chars` characters (at a character boundary), with `…` when cut.
fn shortened(text: &str, chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

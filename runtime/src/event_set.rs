//! The contract between generated event sets and the runtime.

use serde_json::value::RawValue;

/// A generated set of event payloads: the `EventData` enum `eventgen` writes, one variant per
/// event type of the schemas and one for every other event type.
///
/// The runtime parses a delivery in two phases: the envelope first, then `data` once, as the
/// payload [`EventSet::kind_of`] picks for the event type. Implemented by generated code; an
/// implementation by hand must keep [`EventSet::unknown`] and [`EventSet::as_unknown`] inverse.
pub trait EventSet: Sized {
    /// The kinds of typed payload (the generated `EventKind`).
    type Kind: Copy + std::fmt::Debug + Eq + std::hash::Hash + 'static;

    /// The kind whose payload the event type carries; `None` for an event type without a schema.
    fn kind_of(event_type: &str) -> Option<Self::Kind>;

    /// The name of a kind's variant (`"OrderPlaced"`), for messages.
    fn kind_name(kind: Self::Kind) -> &'static str;

    /// Parse an event's `data` as `kind`'s payload.
    fn deserialize_data<'de, D: serde::Deserializer<'de>>(
        kind: Self::Kind,
        deserializer: D,
    ) -> Result<Self, D::Error>;

    /// `kind`'s payload read from `data`'s text by the direct parser, or `None` where the serde
    /// parse must decide ([`Self::deserialize_data`], which defines the result). Generated sets
    /// implement it with their borrowed form's parser; the default always defers.
    #[doc(hidden)]
    fn direct_data(kind: Self::Kind, data: &str) -> Option<Self> {
        let _ = (kind, data);
        None
    }

    /// The value for an event type without a schema.
    fn unknown(data: UnknownEventData) -> Self;

    /// The event's data when its type has no schema.
    fn as_unknown(&self) -> Option<&UnknownEventData>;

    /// The kind of a typed payload; `None` for an unknown one.
    fn kind(&self) -> Option<Self::Kind>;
}

/// The data of an event type without a schema, exactly as received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnknownEventData {
    /// The event-type string as received.
    pub event_type: String,
    /// The `data` member exactly as received, or `None` when the event had none.
    pub data: Option<Box<RawValue>>,
}

impl UnknownEventData {
    /// The data of an event of type `event_type`.
    pub fn new(event_type: String, data: Option<Box<RawValue>>) -> Self {
        UnknownEventData { event_type, data }
    }
}

/// Equal when the event types and the raw data texts are equal.
impl PartialEq for UnknownEventData {
    fn eq(&self, other: &Self) -> bool {
        self.event_type == other.event_type
            && self.data.as_ref().map(|d| d.get()) == other.data.as_ref().map(|d| d.get())
    }
}

/// The event set with no schemas: every event is unknown, its data kept exactly as received.
/// For code that reads envelopes only, such as a forwarder or a dead-letter inspector.
impl EventSet for UnknownEventData {
    type Kind = std::convert::Infallible;

    fn kind_of(_: &str) -> Option<Self::Kind> {
        None
    }

    fn kind_name(kind: Self::Kind) -> &'static str {
        match kind {}
    }

    fn deserialize_data<'de, D: serde::Deserializer<'de>>(
        kind: Self::Kind,
        _: D,
    ) -> Result<Self, D::Error> {
        match kind {}
    }

    fn unknown(data: UnknownEventData) -> Self {
        data
    }

    fn as_unknown(&self) -> Option<&UnknownEventData> {
        Some(self)
    }

    fn kind(&self) -> Option<Self::Kind> {
        None
    }
}

/// Serializes the data as received (`null` when the event had none).
impl serde::Serialize for UnknownEventData {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.data {
            Some(raw) => raw.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

//! The contract between generated borrowed event sets and the borrowed parser.

use serde_json::value::RawValue;

use super::CowStr;

/// A generated set of borrowed payloads: the `EventData<'a>` of a generated `borrowed` module,
/// whose payloads borrow from the body of lifetime `'a`. Its owned counterpart, the generated
/// `EventData`, picks the kind of each event type.
pub trait EventSet<'a>: Sized {
    /// The owned event set with the same event types.
    type Owned: crate::EventSet;

    /// Parse an event's `data` as `kind`'s payload, borrowing from the body.
    fn deserialize_data<D: serde::Deserializer<'a>>(
        kind: <Self::Owned as crate::EventSet>::Kind,
        deserializer: D,
    ) -> Result<Self, D::Error>;

    /// `kind`'s payload read from `data`'s text by the direct parser, or `None` where the serde
    /// parse must decide ([`Self::deserialize_data`], which defines the result). Generated sets
    /// implement it; the default always defers.
    #[doc(hidden)]
    fn direct_data(kind: <Self::Owned as crate::EventSet>::Kind, data: &'a str) -> Option<Self> {
        let _ = (kind, data);
        None
    }

    /// The value for an event type without a schema.
    fn unknown(data: UnknownEventData<'a>) -> Self;

    /// The event's data when its type has no schema.
    fn as_unknown(&self) -> Option<&UnknownEventData<'a>>;

    /// The kind of a typed payload; `None` for an unknown one.
    fn kind(&self) -> Option<<Self::Owned as crate::EventSet>::Kind>;

    /// The owned payload (copies every borrowed string).
    fn into_owned(self) -> Self::Owned;
}

/// The data of an event type without a schema, as slices of the body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnknownEventData<'a> {
    /// The event-type string as received.
    pub event_type: CowStr<'a>,
    /// The `data` member exactly as received, or `None` when the event had none.
    pub data: Option<&'a RawValue>,
}

impl<'a> UnknownEventData<'a> {
    /// The data of an event of type `event_type`.
    pub fn new(event_type: CowStr<'a>, data: Option<&'a RawValue>) -> Self {
        UnknownEventData { event_type, data }
    }

    /// The owned counterpart.
    pub fn into_owned(self) -> crate::UnknownEventData {
        crate::UnknownEventData::new(
            self.event_type.into_owned(),
            self.data.map(ToOwned::to_owned),
        )
    }
}

/// Equal when the event types and the raw data texts are equal.
impl PartialEq for UnknownEventData<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.event_type == other.event_type
            && self.data.map(RawValue::get) == other.data.map(RawValue::get)
    }
}

/// Serializes the data as received (`null` when the event had none).
impl serde::Serialize for UnknownEventData<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.data {
            Some(raw) => raw.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

/// The borrowed event set with no schemas: every event is unknown.
impl<'a> EventSet<'a> for UnknownEventData<'a> {
    type Owned = crate::UnknownEventData;

    fn deserialize_data<D: serde::Deserializer<'a>>(
        kind: std::convert::Infallible,
        _: D,
    ) -> Result<Self, D::Error> {
        match kind {}
    }

    fn unknown(data: UnknownEventData<'a>) -> Self {
        data
    }

    fn as_unknown(&self) -> Option<&UnknownEventData<'a>> {
        Some(self)
    }

    fn kind(&self) -> Option<std::convert::Infallible> {
        None
    }

    fn into_owned(self) -> crate::UnknownEventData {
        UnknownEventData::into_owned(self)
    }
}

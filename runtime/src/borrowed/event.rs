//! The borrowed counterparts of [`crate::Envelope`] and [`crate::Event`]: strings and raw
//! members are slices of the delivery's body.

use serde_json::value::RawValue;
use time::OffsetDateTime;

use super::{CowStr, EventSet};
use crate::event::EventSchema;

/// The envelope of an event, borrowed from the body: [`crate::Envelope`]'s fields, with strings
/// as [`CowStr`] and extension members as slices of the body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Envelope<'a> {
    /// The schema the event was written in.
    pub schema: EventSchema,
    /// `id`.
    pub id: CowStr<'a>,
    /// `eventType` (Event Grid) or `type` (CloudEvents).
    pub event_type: CowStr<'a>,
    /// `topic` (Event Grid) or `source` (CloudEvents): the resource that emitted the event.
    pub source: Option<CowStr<'a>>,
    /// `subject`.
    pub subject: Option<CowStr<'a>>,
    /// `eventTime` (Event Grid) or `time` (CloudEvents).
    pub time: Option<OffsetDateTime>,
    /// `dataVersion` (Event Grid only).
    pub data_version: Option<CowStr<'a>>,
    /// `metadataVersion` (Event Grid only).
    pub metadata_version: Option<CowStr<'a>>,
    /// `specversion` (CloudEvents only).
    pub spec_version: Option<CowStr<'a>>,
    /// `datacontenttype` (CloudEvents only).
    pub data_content_type: Option<CowStr<'a>>,
    /// `dataschema` (CloudEvents only).
    pub data_schema: Option<CowStr<'a>>,
    /// Every other member exactly as received, ordered as [`crate::Envelope::extensions`].
    pub extensions: Vec<(CowStr<'a>, &'a RawValue)>,
}

impl<'a> Envelope<'a> {
    /// The key that identifies an event across Event Grid's at-least-once redeliveries:
    /// the source (topic) and the id.
    pub fn dedup_key(&self) -> (&str, &str) {
        (self.source.as_deref().unwrap_or_default(), &self.id)
    }

    /// An extension member by name.
    pub fn extension(&self, name: &str) -> Option<&'a RawValue> {
        self.extensions.iter().find(|(key, _)| *key == name).map(|(_, value)| *value)
    }

    /// The owned envelope (copies every string).
    pub fn into_owned(self) -> crate::Envelope {
        let owned = |text: Option<CowStr<'_>>| text.map(CowStr::into_owned);
        crate::Envelope {
            schema: self.schema,
            id: self.id.into_owned(),
            event_type: self.event_type.into_owned(),
            source: owned(self.source),
            subject: owned(self.subject),
            time: self.time,
            data_version: owned(self.data_version),
            metadata_version: owned(self.metadata_version),
            spec_version: owned(self.spec_version),
            data_content_type: owned(self.data_content_type),
            data_schema: owned(self.data_schema),
            extensions: self.extensions.into_iter().map(|(key, value)| (key.into_owned(), value.to_owned())).collect(),
        }
    }
}

/// One event of a delivery, borrowed from the body; `D` is a generated borrowed `EventData<'a>`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Event<'a, D> {
    /// Position in the delivery.
    pub index: usize,
    /// The envelope members, in either schema.
    pub envelope: Envelope<'a>,
    /// The typed payload, or the set's unknown variant for an event type without a schema.
    pub data: D,
    /// `data` exactly as received: its JSON text, already validated.
    pub(crate) raw_data: Option<&'a str>,
}

impl<'a, D: EventSet<'a>> Event<'a, D> {
    /// The event's `data` exactly as received: members the schema does not know are here too.
    /// The text was validated when parsed; it becomes a `RawValue` on each call (one pass over
    /// it, no allocation), so a payload that is never asked for costs nothing.
    pub fn raw_data(&self) -> Option<&'a RawValue> {
        self.raw_data.and_then(|text| serde_json::from_str(text).ok())
    }

    /// The owned event, as [`crate::parse_delivery`] returns it.
    pub fn into_owned(self) -> crate::Event<D::Owned> {
        let typed = self.data.as_unknown().is_none();
        let raw_data = self.raw_data.filter(|_| typed).map(Box::from);
        crate::Event {
            index: self.index,
            envelope: self.envelope.into_owned(),
            data: self.data.into_owned(),
            // The owned event keeps an unknown event's data in its payload only.
            raw_data,
        }
    }
}

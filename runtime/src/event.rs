//! The events a delivery holds: [`Envelope`] (either envelope schema on one set of fields) and
//! [`Event`] (the envelope, the typed payload and `data` as received). Owned; their borrowed
//! counterparts are in [`crate::borrowed`].

use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::event_set::EventSet;

/// Which envelope schema an event uses (detected per event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventSchema {
    /// The Event Grid event schema (`eventType`, `eventTime`, `topic`, `dataVersion`, …).
    EventGrid,
    /// CloudEvents 1.0 in structured JSON mode (`specversion`, `type`, `source`, `time`, …).
    CloudEvents,
}

/// The envelope of an event, in either schema, with the Event Grid and CloudEvents names mapped
/// onto one set of fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Envelope {
    /// The schema the event was written in.
    pub schema: EventSchema,
    /// `id`.
    pub id: String,
    /// `eventType` (Event Grid) or `type` (CloudEvents).
    pub event_type: String,
    /// `topic` (Event Grid) or `source` (CloudEvents): the resource that emitted the event.
    pub source: Option<String>,
    /// `subject`.
    pub subject: Option<String>,
    /// `eventTime` (Event Grid) or `time` (CloudEvents).
    pub time: Option<OffsetDateTime>,
    /// `dataVersion` (Event Grid only).
    pub data_version: Option<String>,
    /// `metadataVersion` (Event Grid only).
    pub metadata_version: Option<String>,
    /// `specversion` (CloudEvents only).
    pub spec_version: Option<String>,
    /// `datacontenttype` (CloudEvents only).
    pub data_content_type: Option<String>,
    /// `dataschema` (CloudEvents only).
    pub data_schema: Option<String>,
    /// Every other member (CloudEvents extension attributes, `data_base64`, members Event Grid
    /// may add later) exactly as received: unnamed members in order, then members that belong
    /// to the other envelope schema.
    pub extensions: Vec<(String, Box<RawValue>)>,
}

impl Envelope {
    /// The key that identifies an event across Event Grid's at-least-once redeliveries:
    /// the source (topic) and the id.
    pub fn dedup_key(&self) -> (&str, &str) {
        (self.source.as_deref().unwrap_or_default(), &self.id)
    }

    /// An extension member by name.
    pub fn extension(&self, name: &str) -> Option<&RawValue> {
        self.extensions.iter().find(|(key, _)| key == name).map(|(_, value)| &**value)
    }
}

/// One event of a delivery whose envelope and data were read; `D` is the generated `EventData`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Event<D> {
    /// Position in the delivery.
    pub index: usize,
    /// The envelope members, in either schema.
    pub envelope: Envelope,
    /// The typed payload, or the set's unknown variant for an event type without a schema.
    pub data: D,
    /// `data` exactly as received, for typed events (unknown events keep it in `data`): its JSON
    /// text, validated by the typed parse that read it.
    pub(crate) raw_data: Option<Box<str>>,
}

impl<D: EventSet> Event<D> {
    /// The event's `data` exactly as received: members the schema does not know are here too.
    /// A typed event keeps the text, validated when parsed, and views it as a `RawValue` on each
    /// call (one pass over it, no allocation).
    pub fn raw_data(&self) -> Option<&RawValue> {
        match self.data.as_unknown() {
            Some(unknown) => unknown.data.as_deref(),
            None => self.raw_data.as_deref().and_then(|text| serde_json::from_str(text).ok()),
        }
    }
}


//! The envelope of an event, in either schema: [`Envelope`] (owned, its strings in one
//! allocation) and its borrowed counterpart in [`borrowed`], which `read.rs` builds from an
//! event's raw members and [`borrowed::Envelope::into_owned`] turns into this one.

pub(crate) mod borrowed;

use std::fmt;

use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::packed_strings::{Member, PackedStrings};

/// Which envelope schema an event uses (detected per event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum EventSchema {
    /// The Event Grid event schema (`eventType`, `eventTime`, `topic`, `dataVersion`, …).
    EventGrid,
    /// CloudEvents 1.0 in structured JSON mode (`specversion`, `type`, `source`, `time`, …).
    CloudEvents,
}

/// The envelope of an event, in either schema, with the Event Grid and CloudEvents names mapped
/// onto one set of members, read through methods.
///
/// Its string members share one allocation (a `String` each would cost one per member on every
/// event). Build one with [`Envelope::new`] and the `with_…` methods, for tests and mocks:
///
/// ```
/// use eventgen_runtime::{Envelope, EventSchema};
///
/// let envelope = Envelope::new(EventSchema::EventGrid, "1", "Contoso.Orders.OrderPlaced")
///     .with_source("/subscriptions/…/orders")
///     .with_subject("orders/o-1")
///     .with_data_version("1.0");
/// assert_eq!(envelope.event_type(), "Contoso.Orders.OrderPlaced");
/// assert_eq!(envelope.subject(), Some("orders/o-1"));
/// assert_eq!(envelope.metadata_version(), None);
/// ```
#[derive(Clone)]
pub struct Envelope {
    schema: EventSchema,
    time: Option<OffsetDateTime>,
    strings: PackedStrings,
    extensions: Vec<(String, Box<RawValue>)>,
}

impl Envelope {
    /// An envelope with its two required members; the others are absent until set.
    pub fn new(schema: EventSchema, id: impl AsRef<str>, event_type: impl AsRef<str>) -> Self {
        let strings = PackedStrings::pack([
            Some(id.as_ref()),
            Some(event_type.as_ref()),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]);
        Envelope {
            schema,
            time: None,
            strings,
            extensions: Vec::new(),
        }
    }

    /// The envelope [`crate::borrowed::Envelope::into_owned`] makes: every string packed at once.
    pub(crate) fn from_parts(
        schema: EventSchema,
        time: Option<OffsetDateTime>,
        strings: PackedStrings,
        extensions: Vec<(String, Box<RawValue>)>,
    ) -> Self {
        Envelope {
            schema,
            time,
            strings,
            extensions,
        }
    }

    /// The schema the event was written in.
    pub fn schema(&self) -> EventSchema {
        self.schema
    }

    /// `id`.
    pub fn id(&self) -> &str {
        self.strings.get(Member::Id).unwrap_or_default()
    }

    /// `eventType` (Event Grid) or `type` (CloudEvents).
    pub fn event_type(&self) -> &str {
        self.strings.get(Member::EventType).unwrap_or_default()
    }

    /// `topic` (Event Grid) or `source` (CloudEvents): the resource that emitted the event.
    pub fn source(&self) -> Option<&str> {
        self.strings.get(Member::Source)
    }

    /// `subject`.
    pub fn subject(&self) -> Option<&str> {
        self.strings.get(Member::Subject)
    }

    /// `eventTime` (Event Grid) or `time` (CloudEvents).
    pub fn time(&self) -> Option<OffsetDateTime> {
        self.time
    }

    /// `dataVersion` (Event Grid only).
    pub fn data_version(&self) -> Option<&str> {
        self.strings.get(Member::DataVersion)
    }

    /// `metadataVersion` (Event Grid only).
    pub fn metadata_version(&self) -> Option<&str> {
        self.strings.get(Member::MetadataVersion)
    }

    /// `specversion` (CloudEvents only).
    pub fn spec_version(&self) -> Option<&str> {
        self.strings.get(Member::SpecVersion)
    }

    /// `datacontenttype` (CloudEvents only).
    pub fn data_content_type(&self) -> Option<&str> {
        self.strings.get(Member::DataContentType)
    }

    /// `dataschema` (CloudEvents only).
    pub fn data_schema(&self) -> Option<&str> {
        self.strings.get(Member::DataSchema)
    }

    /// Every other member (CloudEvents extension attributes, `data_base64`, members Event Grid
    /// may add later) exactly as received: unnamed members in order, then members that belong
    /// to the other envelope schema.
    pub fn extensions(&self) -> &[(String, Box<RawValue>)] {
        &self.extensions
    }

    /// An extension member by name.
    pub fn extension(&self, name: &str) -> Option<&RawValue> {
        self.extensions
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| &**value)
    }

    /// The key that identifies an event across Event Grid's at-least-once redeliveries:
    /// the source (topic) and the id.
    pub fn dedup_key(&self) -> (&str, &str) {
        (self.source().unwrap_or_default(), self.id())
    }

    /// With `source` set.
    pub fn with_source(self, source: impl AsRef<str>) -> Self {
        self.with(Member::Source, source.as_ref())
    }

    /// With `subject` set.
    pub fn with_subject(self, subject: impl AsRef<str>) -> Self {
        self.with(Member::Subject, subject.as_ref())
    }

    /// With `time` set.
    pub fn with_time(mut self, time: OffsetDateTime) -> Self {
        self.time = Some(time);
        self
    }

    /// With `dataVersion` set.
    pub fn with_data_version(self, data_version: impl AsRef<str>) -> Self {
        self.with(Member::DataVersion, data_version.as_ref())
    }

    /// With `metadataVersion` set.
    pub fn with_metadata_version(self, metadata_version: impl AsRef<str>) -> Self {
        self.with(Member::MetadataVersion, metadata_version.as_ref())
    }

    /// With `specversion` set.
    pub fn with_spec_version(self, spec_version: impl AsRef<str>) -> Self {
        self.with(Member::SpecVersion, spec_version.as_ref())
    }

    /// With `datacontenttype` set.
    pub fn with_data_content_type(self, data_content_type: impl AsRef<str>) -> Self {
        self.with(Member::DataContentType, data_content_type.as_ref())
    }

    /// With `dataschema` set.
    pub fn with_data_schema(self, data_schema: impl AsRef<str>) -> Self {
        self.with(Member::DataSchema, data_schema.as_ref())
    }

    /// With one more extension member, after those already there.
    pub fn with_extension(mut self, name: impl Into<String>, value: Box<RawValue>) -> Self {
        self.extensions.push((name.into(), value));
        self
    }

    fn with(mut self, member: Member, value: &str) -> Self {
        self.strings = self.strings.with(member, Some(value));
        self
    }
}

/// Equal members; extension values compare by their JSON text, `time` by instant.
impl PartialEq for Envelope {
    fn eq(&self, other: &Self) -> bool {
        let same_extensions = self.extensions.len() == other.extensions.len()
            && self
                .extensions
                .iter()
                .zip(&other.extensions)
                .all(|((a, x), (b, y))| a == b && x.get() == y.get());
        self.schema == other.schema
            && self.time == other.time
            && self.strings == other.strings
            && same_extensions
    }
}

/// The members by name, as a struct with public fields would print them.
impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("schema", &self.schema)
            .field("id", &self.id())
            .field("event_type", &self.event_type())
            .field("source", &self.source())
            .field("subject", &self.subject())
            .field("time", &self.time)
            .field("data_version", &self.data_version())
            .field("metadata_version", &self.metadata_version())
            .field("spec_version", &self.spec_version())
            .field("data_content_type", &self.data_content_type())
            .field("data_schema", &self.data_schema())
            .field("extensions", &self.extensions)
            .finish()
    }
}

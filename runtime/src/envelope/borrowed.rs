//! The borrowed counterpart of [`crate::Envelope`]: strings and raw members are slices of the
//! delivery's body. `read.rs` builds it.

use serde_json::value::RawValue;
use time::OffsetDateTime;

use super::EventSchema;
use crate::cow_str::CowStr;
use crate::packed_strings::PackedStrings;

/// The envelope of an event, borrowed from the body: [`crate::Envelope`]'s members, read
/// through the same methods; strings are slices of the body unless an escape forced a copy,
/// extension members are slices of the body.
#[derive(Debug, Clone)]
pub struct Envelope<'a> {
    pub(crate) id: CowStr<'a>,
    pub(crate) event_type: CowStr<'a>,
    pub(crate) source: Option<CowStr<'a>>,
    pub(crate) subject: Option<CowStr<'a>>,
    pub(crate) time: Option<OffsetDateTime>,
    pub(crate) schema_members: SchemaMembers<'a>,
    pub(crate) extensions: Box<[(CowStr<'a>, &'a RawValue)]>,
}

/// The members only one envelope schema has, which also says the schema: an event has one
/// schema's set, so the envelope holds room for one (every borrowed event is this much smaller).
#[derive(Debug, Clone)]
pub(crate) enum SchemaMembers<'a> {
    EventGrid {
        data_version: Option<CowStr<'a>>,
        metadata_version: Option<CowStr<'a>>,
    },
    CloudEvents {
        spec_version: Option<CowStr<'a>>,
        data_content_type: Option<CowStr<'a>>,
        data_schema: Option<CowStr<'a>>,
    },
}

impl<'a> Envelope<'a> {
    /// The schema the event was written in.
    pub fn schema(&self) -> EventSchema {
        match self.schema_members {
            SchemaMembers::EventGrid { .. } => EventSchema::EventGrid,
            SchemaMembers::CloudEvents { .. } => EventSchema::CloudEvents,
        }
    }

    /// `id`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// `eventType` (Event Grid) or `type` (CloudEvents).
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// `topic` (Event Grid) or `source` (CloudEvents): the resource that emitted the event.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// `subject`.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// `eventTime` (Event Grid) or `time` (CloudEvents).
    pub fn time(&self) -> Option<OffsetDateTime> {
        self.time
    }

    /// `dataVersion` (Event Grid only).
    pub fn data_version(&self) -> Option<&str> {
        match &self.schema_members {
            SchemaMembers::EventGrid { data_version, .. } => data_version.as_deref(),
            SchemaMembers::CloudEvents { .. } => None,
        }
    }

    /// `metadataVersion` (Event Grid only).
    pub fn metadata_version(&self) -> Option<&str> {
        match &self.schema_members {
            SchemaMembers::EventGrid {
                metadata_version, ..
            } => metadata_version.as_deref(),
            SchemaMembers::CloudEvents { .. } => None,
        }
    }

    /// `specversion` (CloudEvents only).
    pub fn spec_version(&self) -> Option<&str> {
        match &self.schema_members {
            SchemaMembers::CloudEvents { spec_version, .. } => spec_version.as_deref(),
            SchemaMembers::EventGrid { .. } => None,
        }
    }

    /// `datacontenttype` (CloudEvents only).
    pub fn data_content_type(&self) -> Option<&str> {
        match &self.schema_members {
            SchemaMembers::CloudEvents {
                data_content_type, ..
            } => data_content_type.as_deref(),
            SchemaMembers::EventGrid { .. } => None,
        }
    }

    /// `dataschema` (CloudEvents only).
    pub fn data_schema(&self) -> Option<&str> {
        match &self.schema_members {
            SchemaMembers::CloudEvents { data_schema, .. } => data_schema.as_deref(),
            SchemaMembers::EventGrid { .. } => None,
        }
    }

    /// Every other member exactly as received, ordered as [`crate::Envelope::extensions`].
    pub fn extensions(&self) -> &[(CowStr<'a>, &'a RawValue)] {
        &self.extensions
    }

    /// An extension member by name.
    pub fn extension(&self, name: &str) -> Option<&'a RawValue> {
        self.extensions
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }

    /// The key that identifies an event across Event Grid's at-least-once redeliveries:
    /// the source (topic) and the id.
    pub fn dedup_key(&self) -> (&str, &str) {
        (self.source().unwrap_or_default(), self.id())
    }

    /// The owned envelope: its strings copied into one allocation.
    pub fn into_owned(self) -> crate::Envelope {
        let strings = PackedStrings::pack([
            Some(self.id()),
            Some(self.event_type()),
            self.source(),
            self.subject(),
            self.data_version(),
            self.metadata_version(),
            self.spec_version(),
            self.data_content_type(),
            self.data_schema(),
        ]);
        let extensions = self
            .extensions
            .iter()
            .map(|(key, value)| (key.to_string(), (*value).to_owned()))
            .collect();
        crate::Envelope::from_parts(self.schema(), self.time, strings, extensions)
    }
}

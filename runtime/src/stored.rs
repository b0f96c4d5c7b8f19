//! The stored form of [`Event`] and [`Envelope`]: serde, so an application can queue events
//! and restore them equal.
//!
//! An event is stored as its index, its envelope and its `data` exactly as received; the typed
//! payload is not stored but parsed again from that `data` on restore, as the delivery parse
//! read it. So nothing is lost, unknown members included, and a stored event restores to an
//! equal one. In JSON:
//!
//! ```json
//! {"index": 0,
//!  "envelope": {"schema": "EventGrid", "id": "1", "eventType": "Microsoft.Communication.SMSReceived",
//!               "source": "/subscriptions/…", "subject": "/phonenumber/15555555555",
//!               "time": "2020-09-18T00:27:47Z", "dataVersion": "1.0", "metadataVersion": "1",
//!               "specVersion": null, "dataContentType": null, "dataSchema": null, "extensions": []},
//!  "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}
//! ```
//!
//! `data` and each extension's value are JSON: embedded as JSON in human-readable formats (JSON,
//! YAML), its text as a string in compact binary ones (bincode, postcard, MessagePack).
//! `time` is RFC 3339. Restoring a typed event whose stored `data` no longer fits its payload
//! type (a schema changed since) is a deserialization error naming the field.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::envelope::{Envelope, EventSchema};
use crate::event::Event;
use crate::event_set::{EventSet, UnknownEventData};
use crate::packed_strings::PackedStrings;
use crate::raw_event::RawData;
use crate::shared_text::SharedText;

#[derive(Serialize)]
#[serde(rename = "Envelope", rename_all = "camelCase")]
struct EnvelopeOut<'a> {
    schema: EventSchema,
    id: &'a str,
    event_type: &'a str,
    source: Option<&'a str>,
    subject: Option<&'a str>,
    #[serde(with = "rfc3339")]
    time: Option<OffsetDateTime>,
    data_version: Option<&'a str>,
    metadata_version: Option<&'a str>,
    spec_version: Option<&'a str>,
    data_content_type: Option<&'a str>,
    data_schema: Option<&'a str>,
    extensions: Vec<(&'a str, JsonOut<'a>)>,
}

#[derive(Deserialize)]
#[serde(rename = "Envelope", rename_all = "camelCase", deny_unknown_fields)]
struct EnvelopeIn {
    schema: EventSchema,
    id: String,
    event_type: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default, with = "rfc3339")]
    time: Option<OffsetDateTime>,
    #[serde(default)]
    data_version: Option<String>,
    #[serde(default)]
    metadata_version: Option<String>,
    #[serde(default)]
    spec_version: Option<String>,
    #[serde(default)]
    data_content_type: Option<String>,
    #[serde(default)]
    data_schema: Option<String>,
    #[serde(default)]
    extensions: Vec<(String, JsonIn)>,
}

impl Serialize for Envelope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EnvelopeOut {
            schema: self.schema(),
            id: self.id(),
            event_type: self.event_type(),
            source: self.source(),
            subject: self.subject(),
            time: self.time(),
            data_version: self.data_version(),
            metadata_version: self.metadata_version(),
            spec_version: self.spec_version(),
            data_content_type: self.data_content_type(),
            data_schema: self.data_schema(),
            extensions: self
                .extensions()
                .iter()
                .map(|(name, value)| (name.as_str(), JsonOut(value.get())))
                .collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = EnvelopeIn::deserialize(deserializer)?;
        let strings = PackedStrings::pack([
            Some(&stored.id),
            Some(&stored.event_type),
            stored.source.as_deref(),
            stored.subject.as_deref(),
            stored.data_version.as_deref(),
            stored.metadata_version.as_deref(),
            stored.spec_version.as_deref(),
            stored.data_content_type.as_deref(),
            stored.data_schema.as_deref(),
        ]);
        let extensions = stored
            .extensions
            .into_iter()
            .map(|(name, JsonIn(value))| (name, value))
            .collect();
        Ok(Envelope::from_parts(
            stored.schema,
            stored.time,
            strings,
            extensions,
        ))
    }
}

#[derive(Serialize)]
#[serde(rename = "Event")]
struct EventOut<'a> {
    index: usize,
    envelope: &'a Envelope,
    data: Option<JsonOut<'a>>,
}

#[derive(Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
struct EventIn {
    index: usize,
    envelope: Envelope,
    #[serde(default)]
    data: Option<JsonIn>,
}

/// Members of an event as Event Grid or CloudEvents send it, which the stored form never has.
const RAW_EVENT_MEMBERS: [&str; 10] = [
    "id",
    "eventType",
    "type",
    "specversion",
    "topic",
    "source",
    "subject",
    "eventTime",
    "time",
    "dataVersion",
];

/// An event as the service sends it, read as the stored form, fails on its first member: say
/// which function reads it instead.
fn explain_raw_event<E: serde::de::Error>(error: E) -> E {
    let text = error.to_string();
    let raw = RAW_EVENT_MEMBERS
        .iter()
        .any(|member| text.starts_with(&format!("unknown field `{member}`")));
    if !raw {
        return error;
    }
    E::custom(format_args!(
        "{text}: this is an event as Event Grid or CloudEvents sends it, not the stored form of \
         `Event` (index, envelope, data); read it with `parse_event` (one event) or \
         `parse_delivery` (a batch)"
    ))
}

impl<D: EventSet> Serialize for Event<D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let data = match self.data.as_unknown() {
            Some(unknown) => unknown.data.as_deref().map(RawValue::get),
            None => self.raw_data.as_ref().map(SharedText::as_str),
        };
        EventOut {
            index: self.index,
            envelope: &self.envelope,
            data: data.map(JsonOut),
        }
        .serialize(serializer)
    }
}

impl<'de, D: EventSet> Deserialize<'de> for Event<D> {
    fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        let EventIn {
            index,
            envelope,
            data,
        } = EventIn::deserialize(deserializer).map_err(explain_raw_event)?;
        let data = data.map(|JsonIn(raw)| raw);
        let Some(kind) = D::kind_of(envelope.event_type()) else {
            let unknown = UnknownEventData::new(envelope.event_type().to_string(), data);
            return Ok(Event {
                index,
                envelope,
                data: D::unknown(unknown),
                raw_data: None,
            });
        };
        let Some(raw) = data else {
            return Err(De::Error::custom(format_args!(
                "a stored {} event has no `data`",
                envelope.event_type()
            )));
        };
        // The delivery parse's own typed parse, so a failure names its field the same way.
        let parsed = crate::read::parse_data(RawData::Checked(&raw), |parser| {
            D::deserialize_data(kind, parser)
        });
        let typed = match parsed {
            Ok(Ok(typed)) => typed,
            Ok(Err((path, message))) => {
                return Err(De::Error::custom(format_args!(
                    "stored {} event at {path}: {message}",
                    envelope.event_type()
                )))
            }
            Err(_) => unreachable!("checked data is JSON, the only reason to bail"),
        };
        Ok(Event {
            index,
            envelope,
            data: typed,
            raw_data: Some(SharedText::copy_of(raw.get())),
        })
    }
}

/// A JSON text, stored as JSON in human-readable formats and as its text in binary ones.
struct JsonOut<'a>(&'a str);

impl Serialize for JsonOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            let raw: &RawValue = serde_json::from_str(self.0).map_err(serde::ser::Error::custom)?;
            raw.serialize(serializer)
        } else {
            serializer.serialize_str(self.0)
        }
    }
}

/// [`JsonOut`] read back.
struct JsonIn(Box<RawValue>);

impl<'de> Deserialize<'de> for JsonIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            Box::<RawValue>::deserialize(deserializer).map(JsonIn)
        } else {
            let text = String::deserialize(deserializer)?;
            RawValue::from_string(text)
                .map(JsonIn)
                .map_err(D::Error::custom)
        }
    }
}

/// `time` as an RFC 3339 string, read back with the parser deliveries use (time's own serde
/// support asks binary formats for a self-describing value, which they cannot give).
mod rfc3339 {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    pub(super) fn serialize<S: Serializer>(
        time: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer
                .serialize_some(&time.format(&Rfc3339).map_err(serde::ser::Error::custom)?),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => crate::rfc3339::parse(&text)
                .map(Some)
                .map_err(|e| D::Error::custom(crate::rfc3339::message(&text, &e))),
            None => Ok(None),
        }
    }
}

//! `parse_delivery`: the HTTP body of an Event Grid delivery → every event, in order, each typed,
//! unknown, or an error of its own.
//!
//! Two phases per event (see ARCHITECTURE.md): the envelope is read with its members kept as
//! raw JSON ([`crate::envelope`]), then `data` is parsed once into the payload chosen by the
//! event type. Key order does not matter, and nothing is buffered into an intermediate tree.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::envelope::{RawDelivery, RawEvent, RawMembers};
use crate::error::{DeliveryError, EventError, EventErrorKind};
use crate::event_set::{EventSet, UnknownEventData};

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
    /// `data` exactly as received, for typed events (unknown events keep it in `data`).
    raw_data: Option<Box<RawValue>>,
}

impl<D: EventSet> Event<D> {
    /// The event's `data` exactly as received: members the schema does not know are here too.
    pub fn raw_data(&self) -> Option<&RawValue> {
        match self.data.as_unknown() {
            Some(unknown) => unknown.data.as_deref(),
            None => self.raw_data.as_deref(),
        }
    }
}

/// The result for each event of a delivery, in order.
pub type Delivery<D> = Vec<Result<Event<D>, EventError>>;

/// Parse the HTTP body of an Event Grid delivery: a JSON array of events or one event object,
/// each in the Event Grid schema or CloudEvents 1.0 structured mode (detected per event).
///
/// Returns every event in order: typed, unknown ([`EventSet::unknown`]), or an [`EventError`]
/// naming its index, event type and the path of the member at fault. A bad event never hides
/// the others. Only a body that is not a delivery at all is a [`DeliveryError`].
pub fn parse_delivery<D: EventSet>(body: &[u8]) -> Result<Delivery<D>, DeliveryError> {
    let text = std::str::from_utf8(body).map_err(|e| DeliveryError::NotUtf8 { valid_up_to: e.valid_up_to() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_ascii().is_empty() {
        return Err(DeliveryError::Empty);
    }
    let raw: RawDelivery<'_> = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => DeliveryError::NotADelivery { message: e.to_string() },
        _ => DeliveryError::NotJson { line: e.line(), column: e.column(), message: strip_position(&e) },
    })?;
    let events = match raw {
        RawDelivery::Batch(events) => events,
        RawDelivery::Single(event) => vec![event],
    };
    Ok(events.into_iter().enumerate().map(|(index, event)| parse_event(index, event)).collect())
}

/// A serde_json error's message without its ` at line L column C` suffix.
pub(crate) fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The members that make up the envelope in the event's schema; the other schema's members
/// become extensions, like any member the schemas do not name.
struct EnvelopeMembers<'a> {
    id: Option<&'a RawValue>,
    event_type: Option<&'a RawValue>,
    source: Option<&'a RawValue>,
    subject: Option<&'a RawValue>,
    time: Option<&'a RawValue>,
    data: Option<&'a RawValue>,
    data_version: Option<&'a RawValue>,
    metadata_version: Option<&'a RawValue>,
    spec_version: Option<&'a RawValue>,
    data_content_type: Option<&'a RawValue>,
    data_schema: Option<&'a RawValue>,
    extensions: Vec<(String, Box<RawValue>)>,
}

impl<'a> EnvelopeMembers<'a> {
    fn pick(schema: EventSchema, m: RawMembers<'a>) -> Self {
        use EventSchema::{CloudEvents, EventGrid};
        let mut extensions: Vec<(String, Box<RawValue>)> =
            m.others.into_iter().map(|(key, value)| (key.into_owned(), value.to_owned())).collect();
        // A member of the other schema's envelope is an extension, like any member neither names.
        let mut take = |owner: EventSchema, name: &str, value: Option<&'a RawValue>| {
            if owner == schema {
                return value;
            }
            if let Some(value) = value {
                extensions.push((name.to_string(), value.to_owned()));
            }
            None
        };
        let event_type = take(EventGrid, "eventType", m.event_type).or(take(CloudEvents, "type", m.type_));
        let source = take(EventGrid, "topic", m.topic).or(take(CloudEvents, "source", m.source));
        let time = take(EventGrid, "eventTime", m.event_time).or(take(CloudEvents, "time", m.time));
        let data_version = take(EventGrid, "dataVersion", m.data_version);
        let metadata_version = take(EventGrid, "metadataVersion", m.metadata_version);
        let spec_version = take(CloudEvents, "specversion", m.spec_version);
        let data_content_type = take(CloudEvents, "datacontenttype", m.data_content_type);
        let data_schema = take(CloudEvents, "dataschema", m.data_schema);
        EnvelopeMembers {
            id: m.id,
            event_type,
            source,
            subject: m.subject,
            time,
            data: m.data,
            data_version,
            metadata_version,
            spec_version,
            data_content_type,
            data_schema,
            extensions,
        }
    }
}

fn parse_event<D: EventSet>(index: usize, raw: RawEvent<'_>) -> Result<Event<D>, EventError> {
    let members = match raw {
        RawEvent::Object(members) => members,
        RawEvent::NotAnObject(found) => {
            return Err(envelope_error(index, None, "", format!("an event must be a JSON object, found {found}")));
        }
    };
    let schema = if members.spec_version.is_some() || (members.event_type.is_none() && members.type_.is_some()) {
        EventSchema::CloudEvents
    } else {
        EventSchema::EventGrid
    };
    let (type_key, time_key, source_key) = match schema {
        EventSchema::EventGrid => ("eventType", "eventTime", "topic"),
        EventSchema::CloudEvents => ("type", "time", "source"),
    };
    let slots = EnvelopeMembers::pick(schema, members);

    // The event type first, so every later error can name it.
    let event_type = match optional_string(slots.event_type) {
        Ok(Some(event_type)) => event_type,
        Ok(None) => return Err(envelope_error(index, None, type_key, format!("missing `{type_key}`"))),
        Err(message) => return Err(envelope_error(index, None, type_key, message)),
    };
    let fail = |key: &str, message: String| envelope_error(index, Some(event_type.clone()), key, message);
    let string = |raw: Option<&RawValue>, key: &str| optional_string(raw).map_err(|message| fail(key, message));
    let id = string(slots.id, "id")?.ok_or_else(|| fail("id", "missing `id`".into()))?;
    let time = match slots.time {
        None => None,
        Some(raw) => parse_time(raw).map_err(|message| fail(time_key, message))?,
    };
    let envelope = Envelope {
        schema,
        source: string(slots.source, source_key)?,
        subject: string(slots.subject, "subject")?,
        time,
        data_version: string(slots.data_version, "dataVersion")?,
        metadata_version: string(slots.metadata_version, "metadataVersion")?,
        spec_version: string(slots.spec_version, "specversion")?,
        data_content_type: string(slots.data_content_type, "datacontenttype")?,
        data_schema: string(slots.data_schema, "dataschema")?,
        extensions: slots.extensions,
        id,
        event_type,
    };

    let raw_data = slots.data;
    let Some(kind) = D::kind_of(&envelope.event_type) else {
        let data = D::unknown(UnknownEventData::new(envelope.event_type.clone(), raw_data.map(ToOwned::to_owned)));
        return Ok(Event { index, envelope, data, raw_data: None });
    };
    let Some(raw_data) = raw_data else {
        return Err(EventError {
            index,
            event_type: Some(envelope.event_type.clone()),
            kind: EventErrorKind::Data,
            path: "data".into(),
            message: format!("missing `data` for a {} event", D::kind_name(kind)),
            envelope: Some(Box::new(envelope)),
            raw_data: None,
        });
    };
    match parse_data(kind, raw_data.get()) {
        Ok(data) => Ok(Event { index, envelope, data, raw_data: Some(raw_data.to_owned()) }),
        Err((path, message)) => Err(EventError {
            index,
            event_type: Some(envelope.event_type.clone()),
            kind: EventErrorKind::Data,
            path,
            message,
            envelope: Some(Box::new(envelope)),
            raw_data: Some(raw_data.to_owned()),
        }),
    }
}

/// Parse `data` as `kind`'s payload. On failure the error's position names the field: the
/// happy path pays nothing for error reporting, and the payload deserializers are compiled once.
fn parse_data<D: EventSet>(kind: D::Kind, text: &str) -> Result<D, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match D::deserialize_data(kind, &mut deserializer).and_then(|data| deserializer.end().map(|()| data)) {
        Ok(data) => return Ok(data),
        Err(error) => error,
    };
    let path = match crate::json_path::offset_of(text, error.line(), error.column()) {
        Some(offset) => crate::json_path::path_at("data", text, offset),
        None => "data".to_string(),
    };
    Err((path, strip_position(&error)))
}

fn optional_string(raw: Option<&RawValue>) -> Result<Option<String>, String> {
    let Some(raw) = raw.filter(|raw| raw.get() != "null") else { return Ok(None) };
    // Most envelope strings have no escapes: the text between the quotes is the value.
    if let Some(text) = plain_string(raw.get()) {
        return Ok(Some(text.to_owned()));
    }
    String::deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
        .map(Some)
        .map_err(|_| format!("expected a string, found `{}`", preview(raw.get())))
}

/// The contents of a JSON string literal without escapes (a raw value is valid JSON, so a
/// quoted text without a backslash is exactly its contents).
fn plain_string(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

fn parse_time(raw: &RawValue) -> Result<Option<OffsetDateTime>, String> {
    if raw.get() == "null" {
        return Ok(None);
    }
    if let Some(text) = plain_string(raw.get()) {
        return OffsetDateTime::parse(text, &Rfc3339).map(Some).map_err(|e| format!("`{text}` is not an RFC 3339 timestamp: {e}"));
    }
    let text = Cow::<str>::deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
        .map_err(|_| format!("expected an RFC 3339 timestamp string, found `{}`", preview(raw.get())))?;
    OffsetDateTime::parse(&text, &Rfc3339).map(Some).map_err(|e| format!("`{text}` is not an RFC 3339 timestamp: {e}"))
}

fn preview(text: &str) -> &str {
    match text.char_indices().nth(40) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

fn envelope_error(index: usize, event_type: Option<String>, path: &str, message: String) -> EventError {
    EventError { index, event_type, kind: EventErrorKind::Envelope, path: path.to_string(), message, envelope: None, raw_data: None }
}

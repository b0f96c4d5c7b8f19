//! Reading a delivery up to the payloads, shared by the owned and borrowed parsers: the body into
//! raw events, each event's envelope (borrowed from the body), and the `data` parse with its
//! error path. The two parsers differ only in the payload types they ask for.

use serde::de::DeserializeSeed;
use serde::Deserialize;
use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::cow_str::CowStr;
use crate::envelope::borrowed::{Envelope, SchemaMembers};
use crate::envelope::EventSchema;
use crate::error::{DeliveryError, EventError, EventErrorKind};
use crate::raw_event::{Bail, DeliverySeed, Member, MemberFault, RawData, RawEvent, RawMembers};

/// Read a body (a JSON array of events, or one event object) and turn each raw event into a
/// result with `each` as it is read. A body that is not a delivery is an error, even when its
/// fault comes after events already read.
///
/// With [`Pass::ScanFirst`] the fast scan reads the body first; where it gives up, the serde_json
/// pass reads it again from the start and decides (`scan.rs`). `each` bails only on data the
/// scan did not validate. A body of more than `max_events` events is refused as soon as the
/// next one is read, before anything is built for it.
pub(crate) fn read_delivery<'a, T>(
    body: &'a [u8],
    pass: Pass,
    max_events: usize,
    each: impl FnMut(usize, RawEvent<'a>) -> Result<T, Bail>,
) -> Result<Vec<T>, DeliveryError> {
    read_events(body_text(body)?, pass, max_events, each)
}

/// The body as the JSON text [`read_events`] reads: UTF-8, without a byte order mark, not blank.
pub(crate) fn body_text(body: &[u8]) -> Result<&str, DeliveryError> {
    let text = match simdutf8::basic::from_utf8(body) {
        Ok(text) => text,
        // The fast check says only whether; std's says where.
        Err(_) => std::str::from_utf8(body).map_err(|e| DeliveryError::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        })?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_ascii().is_empty() {
        return Err(DeliveryError::Empty);
    }
    Ok(text)
}

/// [`read_delivery`] of a body already made text by [`body_text`]: every raw event it holds is a
/// slice of `text`.
pub(crate) fn read_events<'a, T>(
    text: &'a str,
    pass: Pass,
    max_events: usize,
    mut each: impl FnMut(usize, RawEvent<'a>) -> Result<T, Bail>,
) -> Result<Vec<T>, DeliveryError> {
    let capacity = expected_events(text.len()).min(max_events);
    if pass == Pass::ScanFirst {
        // The scan gives up on a body above the limit; the serde_json pass then reports it.
        if let Some(events) = crate::scan::scan_delivery(text, capacity, max_events, &mut each) {
            return Ok(events);
        }
    }
    read_validated(text, capacity, max_events, each)
}

/// No limit on the number of events (`parse_delivery`: its caller decides what a body may hold).
pub(crate) const UNLIMITED: usize = usize::MAX;

/// The serde_json pass: every member validated as it is read.
fn read_validated<'a, T>(
    text: &'a str,
    capacity: usize,
    max_events: usize,
    each: impl FnMut(usize, RawEvent<'a>) -> Result<T, Bail>,
) -> Result<Vec<T>, DeliveryError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let exceeded = std::cell::Cell::new(false);
    let seed = DeliverySeed {
        each,
        capacity,
        max_events,
        exceeded: &exceeded,
    };
    let events = seed
        .deserialize(&mut deserializer)
        .and_then(|events| deserializer.end().map(|()| events));
    if exceeded.get() {
        return Err(DeliveryError::TooManyEvents { limit: max_events });
    }
    events.map_err(|e| match e.classify() {
        serde_json::error::Category::Data => DeliveryError::NotADelivery {
            message: e.to_string(),
        },
        _ => DeliveryError::NotJson {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e),
        },
    })
}

/// How many events a body of `len` bytes likely holds: ACS events are about 1 KB, so a
/// single-event delivery (the default) reserves exactly one result and a batch about its count;
/// smaller events cost a growth or two. Capped so a hostile body cannot reserve much up front.
fn expected_events(len: usize) -> usize {
    (len / 1024).clamp(1, 4096)
}

/// Which pass reads a body. The scan pays off where typed payloads are parsed: the typed parse
/// then validates `data` once, and the event keeps its text. Where `data` is not parsed at all
/// (the webhook's envelope read, which types no payload), the serde_json pass validates it while
/// reading it, which is cheaper than scanning and validating apart.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// The fast scan, and the serde_json pass where it gives up.
    ScanFirst,
    /// The serde_json pass alone.
    Validated,
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
    id: Option<Member<'a>>,
    event_type: Option<Member<'a>>,
    source: Option<Member<'a>>,
    subject: Option<Member<'a>>,
    time: Option<Member<'a>>,
    data_version: Option<Member<'a>>,
    metadata_version: Option<Member<'a>>,
    spec_version: Option<Member<'a>>,
    data_content_type: Option<Member<'a>>,
    data_schema: Option<Member<'a>>,
    extensions: Vec<(CowStr<'a>, &'a RawValue)>,
}

impl<'a> EnvelopeMembers<'a> {
    fn pick(schema: EventSchema, m: RawMembers<'a>) -> Self {
        use EventSchema::{CloudEvents, EventGrid};
        let mut extensions = m.others;
        // A member of the other schema's envelope is an extension, like any member neither names.
        // Its text is valid JSON (both passes validate it), so it becomes a raw value.
        let mut take = |owner: EventSchema, name: &'static str, value: Option<Member<'a>>| {
            if owner == schema {
                return value;
            }
            if let Some(raw) =
                value.and_then(|value| serde_json::from_str::<&RawValue>(value.text()).ok())
            {
                extensions.push((CowStr::borrowed(name), raw));
            }
            None
        };
        let event_type =
            take(EventGrid, "eventType", m.event_type).or(take(CloudEvents, "type", m.type_));
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
            data_version,
            metadata_version,
            spec_version,
            data_content_type,
            data_schema,
            extensions,
        }
    }
}

/// An event's envelope, borrowed from the body, and its `data` member as received; or the
/// event's envelope error, once its data is known to be JSON (else [`Bail`]: the serde_json pass
/// would have failed the whole body on it).
pub(crate) fn read_envelope<'a>(
    index: usize,
    raw: RawEvent<'a>,
) -> Result<Result<(Envelope<'a>, Option<RawData<'a>>), EventError>, Bail> {
    let members = match raw {
        RawEvent::Object(members) => members,
        RawEvent::NotAnObject(found) => {
            return Ok(Err(envelope_error(
                index,
                None,
                None,
                "",
                format!("an event must be a JSON object, found {found}"),
            )));
        }
    };
    let data = members.data;
    match envelope(index, members) {
        Ok(envelope) => Ok(Ok((envelope, data))),
        Err(error) => {
            if let Some(data) = data {
                data.checked()?;
            }
            Ok(Err(error))
        }
    }
}

fn envelope<'a>(index: usize, mut members: RawMembers<'a>) -> Result<Envelope<'a>, EventError> {
    let fault = members.fault.take();
    let has_data = members.data.is_some();
    let schema = if members.spec_version.is_some()
        || (members.event_type.is_none() && members.type_.is_some())
    {
        EventSchema::CloudEvents
    } else {
        EventSchema::EventGrid
    };
    let (type_key, time_key, source_key) = match schema {
        EventSchema::EventGrid => ("eventType", "eventTime", "topic"),
        EventSchema::CloudEvents => ("type", "time", "source"),
    };
    let slots = EnvelopeMembers::pick(schema, members);
    // The id names the event in every error below, when it is readable text: borrowed, and
    // copied only into an error (an event that reads well allocates nothing for it).
    let id_hint = optional_string(slots.id).ok().flatten();
    let id_text = || id_hint.as_ref().map(|id| id.to_string());
    if let Some(fault) = fault.or_else(|| repeated_extension(&slots.extensions)) {
        // The event type names the error unless it is the member in doubt.
        let event_type = match &fault {
            MemberFault::Repeated(key) if key == type_key => None,
            _ => optional_string(slots.event_type)
                .ok()
                .flatten()
                .map(|event_type| event_type.to_string()),
        };
        let id = match &fault {
            MemberFault::Repeated(key) if key == "id" => None,
            _ => id_text(),
        };
        return Err(envelope_error(
            index,
            event_type,
            id,
            fault.path(),
            fault.message(),
        ));
    }

    // The event type first, so every later error can name it.
    let event_type = match optional_string(slots.event_type) {
        Ok(Some(event_type)) => event_type,
        Ok(None) => {
            return Err(envelope_error(
                index,
                None,
                id_text(),
                type_key,
                format!("missing `{type_key}`"),
            ))
        }
        Err(message) => return Err(envelope_error(index, None, id_text(), type_key, message)),
    };
    let fail = |key: &str, message: String| {
        envelope_error(index, Some(event_type.to_string()), id_text(), key, message)
    };
    let string = |raw: Option<Member<'a>>, key: &str| {
        optional_string(raw).map_err(|message| fail(key, message))
    };
    let id = string(slots.id, "id")?.ok_or_else(|| fail("id", "missing `id`".into()))?;
    let time = match slots.time {
        None => None,
        Some(raw) => parse_time(raw).map_err(|message| fail(time_key, message))?,
    };
    // Members are read in the order their errors take precedence.
    let source = string(slots.source, source_key)?;
    let subject = string(slots.subject, "subject")?;
    let schema_members = match schema {
        EventSchema::EventGrid => SchemaMembers::EventGrid {
            data_version: string(slots.data_version, "dataVersion")?,
            metadata_version: string(slots.metadata_version, "metadataVersion")?,
        },
        EventSchema::CloudEvents => {
            let spec_version = string(slots.spec_version, "specversion")?;
            if let Some(version) = spec_version.as_deref().filter(|v| *v != "1.0") {
                return Err(fail(
                    "specversion",
                    format!(
                        "CloudEvents specversion `{}` is not supported; this reader implements 1.0",
                        preview(version)
                    ),
                ));
            }
            if has_data && slots.extensions.iter().any(|(key, _)| key == "data_base64") {
                return Err(fail(
                    "data_base64",
                    "an event has `data` or `data_base64`, never both (CloudEvents 1.0 JSON format)"
                        .into(),
                ));
            }
            SchemaMembers::CloudEvents {
                spec_version,
                data_content_type: string(slots.data_content_type, "datacontenttype")?,
                data_schema: string(slots.data_schema, "dataschema")?,
            }
        }
    };
    let envelope = Envelope {
        source,
        subject,
        time,
        schema_members,
        extensions: slots.extensions.into_boxed_slice(),
        id,
        event_type,
    };
    Ok(envelope)
}

/// Parse `data` with `parse`. On failure the error's position names the field: the happy path
/// pays nothing for error reporting, and the payload deserializers are compiled once. A
/// successful parse has validated the text; on failure, text the scan did not validate must be
/// JSON (else [`Bail`]) before its error is located.
pub(crate) fn parse_data<'a, T>(
    data: RawData<'a>,
    parse: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'a>>,
    ) -> Result<T, serde_json::Error>,
) -> Result<Result<T, (String, String)>, Bail> {
    let text = data.text();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match parse(&mut deserializer).and_then(|data| deserializer.end().map(|()| data)) {
        Ok(data) => return Ok(Ok(data)),
        Err(error) => error,
    };
    data.checked()?;
    let path = match crate::json_path::offset_of(text, error.line(), error.column()) {
        Some(offset) => crate::json_path::path_at("data", text, offset),
        None => "data".to_string(),
    };
    Ok(Err((path, strip_position(&error))))
}

/// The owned copy of an event's data; [`Bail`] when the scan delimited text that is not JSON.
pub(crate) fn owned_raw(data: RawData<'_>) -> Result<Box<RawValue>, Bail> {
    match data {
        RawData::Checked(raw) => Ok(raw.to_owned()),
        RawData::Unchecked(text) => RawValue::from_string(text.to_owned()).map_err(|_| Bail),
    }
}

/// A typed event without `data`.
pub(crate) fn missing_data(index: usize, envelope: crate::Envelope, kind_name: &str) -> EventError {
    data_error(
        index,
        envelope,
        "data".into(),
        format!("missing `data` for a {kind_name} event"),
        None,
    )
}

/// A typed event whose `data` does not fit its schema, at `path`.
pub(crate) fn data_error(
    index: usize,
    envelope: crate::Envelope,
    path: String,
    message: String,
    raw_data: Option<&RawValue>,
) -> EventError {
    EventError {
        index,
        event_type: Some(envelope.event_type().into()),
        id: Some(envelope.id().into()),
        kind: EventErrorKind::Data,
        path,
        message,
        envelope: Some(Box::new(envelope)),
        raw_data: raw_data.map(ToOwned::to_owned),
    }
}

/// The first extension member that appears twice. Most events have none or a few, compared
/// pairwise; a hostile number of them is sorted, so the check stays `n log n`.
fn repeated_extension(extensions: &[(CowStr<'_>, &RawValue)]) -> Option<MemberFault> {
    let repeated = if extensions.len() <= 16 {
        extensions
            .iter()
            .enumerate()
            .find(|(at, (key, _))| extensions[..*at].iter().any(|(earlier, _)| earlier == key))
            .map(|(_, (key, _))| key.as_str())
    } else {
        let mut keys: Vec<&str> = extensions.iter().map(|(key, _)| key.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2)
            .find(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
    };
    repeated.map(|key| MemberFault::Repeated(key.to_string()))
}

/// A member's value from its (valid) JSON text.
fn optional_string(member: Option<Member<'_>>) -> Result<Option<CowStr<'_>>, String> {
    let Some(member) = member else {
        return Ok(None);
    };
    if let Some(text) = member.known_plain() {
        return Ok(Some(CowStr::borrowed(text)));
    }
    let raw = member.text();
    if raw == "null" {
        return Ok(None);
    }
    // Most envelope strings have no escapes: the text between the quotes is the value.
    if let Some(text) = plain_string(raw) {
        return Ok(Some(CowStr::borrowed(text)));
    }
    // An escaped string is decoded into one allocation, with no scratch buffer.
    if let Some(text) = raw
        .strip_prefix('"')
        .and_then(|raw| raw.strip_suffix('"'))
        .and_then(crate::direct::unescape)
    {
        return Ok(Some(CowStr::from(text)));
    }
    String::deserialize(&mut serde_json::Deserializer::from_str(raw))
        .map(|text| Some(CowStr::from(text)))
        .map_err(|_| format!("expected a string, found `{}`", preview(raw)))
}

/// The contents of a JSON string literal without escapes (the text is valid JSON, so a quoted
/// text without a backslash is exactly its contents).
fn plain_string(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

fn parse_time(member: Member<'_>) -> Result<Option<OffsetDateTime>, String> {
    if member.text() == "null" {
        return Ok(None);
    }
    let text = optional_string(Some(member))
        .map_err(|_| {
            format!(
                "expected an RFC 3339 timestamp string, found `{}`",
                preview(member.text())
            )
        })?
        .unwrap_or_default();
    crate::rfc3339::parse(&text)
        .map(Some)
        .map_err(|e| crate::rfc3339::message(&text, &e))
}

fn preview(text: &str) -> &str {
    match text.char_indices().nth(40) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

fn envelope_error(
    index: usize,
    event_type: Option<String>,
    id: Option<String>,
    path: &str,
    message: String,
) -> EventError {
    EventError {
        index,
        event_type: event_type.map(Into::into),
        id: id.map(Into::into),
        kind: EventErrorKind::Envelope,
        path: path.to_string(),
        message,
        envelope: None,
        raw_data: None,
    }
}

//! Phase one of parsing an event: its envelope, with every member kept as a borrowed raw JSON
//! slice. Reading raw members never fails on a member's type, so one malformed event is
//! reported on its own instead of aborting the delivery; members are then converted one by one.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::cow_str::CowStr;

/// One element of a delivery: the members of a JSON object, or the kind of a non-object value.
// Short-lived and almost always `Object`: boxing the members would cost an allocation per event.
#[allow(clippy::large_enum_variant)]
pub(crate) enum RawEvent<'a> {
    Object(RawMembers<'a>),
    NotAnObject(&'static str),
}

/// The members of an event object: one slot per envelope member of either schema (sorted in
/// the same pass that reads them), and every other member in order. Each slot holds the
/// member's JSON text, already validated.
#[derive(Default)]
pub(crate) struct RawMembers<'a> {
    pub id: Option<Member<'a>>,
    pub subject: Option<Member<'a>>,
    pub data: Option<RawData<'a>>,
    // Event Grid schema
    pub event_type: Option<Member<'a>>,
    pub topic: Option<Member<'a>>,
    pub event_time: Option<Member<'a>>,
    pub data_version: Option<Member<'a>>,
    pub metadata_version: Option<Member<'a>>,
    // CloudEvents
    pub spec_version: Option<Member<'a>>,
    pub type_: Option<Member<'a>>,
    pub source: Option<Member<'a>>,
    pub time: Option<Member<'a>>,
    pub data_content_type: Option<Member<'a>>,
    pub data_schema: Option<Member<'a>>,
    pub others: Vec<(CowStr<'a>, &'a RawValue)>,
    /// The first thing wrong with the object's members themselves, which makes the event an
    /// error of its own (never the delivery's).
    pub fault: Option<MemberFault>,
}

/// A fault in an event object's members that no single member's value explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MemberFault {
    /// An envelope member (or `data`) appears more than once: which one counts is ambiguous, so
    /// neither does.
    Repeated(String),
    /// A key that is no text: a lone surrogate escape, or a control character. Shown with its
    /// undecodable parts replaced and control characters escaped.
    BadKey(String),
}

impl MemberFault {
    /// The member the fault is at (empty for a key that cannot be named).
    pub(crate) fn path(&self) -> &str {
        match self {
            MemberFault::Repeated(key) => key,
            MemberFault::BadKey(_) => "",
        }
    }

    pub(crate) fn message(&self) -> String {
        match self {
            MemberFault::Repeated(key) => {
                format!("member `{key}` appears more than once, so which one counts is ambiguous")
            }
            MemberFault::BadKey(key) => format!(
                "member key `{key}` is not text (a lone surrogate escape or a control character)"
            ),
        }
    }
}

impl<'a> RawMembers<'a> {
    /// The slot of an envelope member other than `data`.
    pub(crate) fn slot(&mut self, key: &str) -> Option<&mut Option<Member<'a>>> {
        Some(match key {
            "id" => &mut self.id,
            "subject" => &mut self.subject,
            "eventType" => &mut self.event_type,
            "topic" => &mut self.topic,
            "eventTime" => &mut self.event_time,
            "dataVersion" => &mut self.data_version,
            "metadataVersion" => &mut self.metadata_version,
            "specversion" => &mut self.spec_version,
            "type" => &mut self.type_,
            "source" => &mut self.source,
            "time" => &mut self.time,
            "datacontenttype" => &mut self.data_content_type,
            "dataschema" => &mut self.data_schema,
            _ => return None,
        })
    }
}

/// An envelope member's JSON text, already validated.
#[derive(Clone, Copy)]
pub(crate) struct Member<'a> {
    json: &'a str,
    /// A string without escapes: its value is the text between the quotes. The scan knows this
    /// from crossing the string; elsewhere it is found out when the value is read.
    plain_string: bool,
}

impl<'a> Member<'a> {
    /// A member whose text is not known to be a plain string.
    pub(crate) fn json(json: &'a str) -> Self {
        Member {
            json,
            plain_string: false,
        }
    }

    /// A string member without escapes.
    pub(crate) fn plain_string(json: &'a str) -> Self {
        Member {
            json,
            plain_string: true,
        }
    }

    /// The JSON text.
    pub(crate) fn text(self) -> &'a str {
        self.json
    }

    /// The string's value when it is known to be a string without escapes.
    pub(crate) fn known_plain(self) -> Option<&'a str> {
        self.plain_string
            .then(|| &self.json[1..self.json.len() - 1])
    }
}

/// An event's `data` member as received: validated by the serde_json pass, or only delimited
/// by the fast scan (`scan.rs`), to be validated by whatever reads it.
#[derive(Clone, Copy)]
pub(crate) enum RawData<'a> {
    Checked(&'a RawValue),
    Unchecked(&'a str),
}

impl<'a> RawData<'a> {
    /// The JSON text.
    pub(crate) fn text(self) -> &'a str {
        match self {
            RawData::Checked(raw) => raw.get(),
            RawData::Unchecked(text) => text,
        }
    }

    /// The validated raw value; [`Bail`] when the fast scan delimited text that is not JSON.
    pub(crate) fn checked(self) -> Result<&'a RawValue, Bail> {
        match self {
            RawData::Checked(raw) => Ok(raw),
            RawData::Unchecked(text) => serde_json::from_str(text).map_err(|_| Bail),
        }
    }
}

/// The fast scan found something only the serde_json pass may judge: read the body with it.
#[derive(Debug)]
pub(crate) struct Bail;

impl<'de: 'a, 'a> Deserialize<'de> for RawEvent<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawEventVisitor)
    }
}

struct RawEventVisitor;

impl<'de> Visitor<'de> for RawEventVisitor {
    type Value = RawEvent<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = RawMembers::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value: &'de RawValue = map.next_value()?;
            let key = match key {
                Ok(key) => key,
                Err(fault) => {
                    members.fault.get_or_insert(fault);
                    continue;
                }
            };
            let repeated = if key == "data" {
                members.data.replace(RawData::Checked(value)).is_some()
            } else {
                match members.slot(&key) {
                    Some(slot) => slot.replace(Member::json(value.get())).is_some(),
                    None => {
                        members.others.push((key, value));
                        continue;
                    }
                }
            };
            if repeated {
                members
                    .fault
                    .get_or_insert_with(|| MemberFault::Repeated(key.to_string()));
            }
        }
        Ok(RawEvent::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawEvent::NotAnObject("an array"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(RawEvent::NotAnObject("null"))
    }
}

/// A member key read as bytes, so that a key which is no text (a lone surrogate escape, which
/// serde_json refuses as a string, or a control character) faults its own event instead of
/// failing the whole body.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Result<CowStr<'de>, MemberFault>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_bytes(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Result<CowStr<'de>, MemberFault>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member key")
    }

    fn visit_borrowed_bytes<E: de::Error>(self, bytes: &'de [u8]) -> Result<Self::Value, E> {
        Ok(key_text(bytes).map(CowStr::borrowed))
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
        Ok(key_text(bytes).map(|text| CowStr::from(text.to_owned())))
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        self.visit_borrowed_bytes(text.as_bytes())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        self.visit_bytes(text.as_bytes())
    }
}

/// A key's decoded bytes as text: UTF-8 (serde_json writes a lone surrogate as bytes that are
/// not) without control characters (raw ones are not JSON; escaped ones name no member).
fn key_text(bytes: &[u8]) -> Result<&str, MemberFault> {
    match std::str::from_utf8(bytes) {
        Ok(text) if !bytes.iter().any(|&byte| byte < 0x20) => Ok(text),
        _ => {
            let shown: String = String::from_utf8_lossy(bytes).chars().take(40).collect();
            Err(MemberFault::BadKey(shown.escape_debug().to_string()))
        }
    }
}

/// This pass validates every member, so nothing it reads can make an event bail.
fn unchecked<E: de::Error>(_: Bail) -> E {
    E::custom("an event bailed out of the validated pass")
}

/// A whole delivery (a JSON array of events, or one event object), each event handed to the
/// seed's function as it is read: the raw events are never collected, so a batch costs no
/// vector of them on top of its results. `capacity` is the expected number of events (JSON
/// arrays give no length up front), so the results are rarely moved by growth.
pub(crate) struct DeliverySeed<'s, F> {
    pub each: F,
    pub capacity: usize,
    /// The most events read; one more stops the read with an error and sets `exceeded`.
    pub max_events: usize,
    pub exceeded: &'s std::cell::Cell<bool>,
}

impl<'de, T, F: FnMut(usize, RawEvent<'de>) -> Result<T, Bail>> DeserializeSeed<'de>
    for DeliverySeed<'_, F>
{
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T, F: FnMut(usize, RawEvent<'de>) -> Result<T, Bail>> Visitor<'de>
    for DeliverySeed<'_, F>
{
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of events or a single event object")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(self.capacity));
        while let Some(event) = seq.next_element::<RawEvent<'de>>()? {
            if events.len() == self.max_events {
                self.exceeded.set(true);
                return Err(de::Error::custom("more events than the limit"));
            }
            events.push((self.each)(events.len(), event).map_err(unchecked)?);
        }
        Ok(events)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Self::Value, A::Error> {
        let event = RawEventVisitor.visit_map(map)?;
        Ok(vec![(self.each)(0, event).map_err(unchecked)?])
    }
}

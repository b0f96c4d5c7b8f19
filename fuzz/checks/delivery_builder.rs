//! Deliveries built from a structured description (`arbitrary` bytes), for the
//! `structured_delivery` fuzz target and for the `cargo test` replay of its findings: a batch or
//! a single event; each event in Event Grid or CloudEvents form, of a typed event type, an
//! unknown one or the validation event; envelope members removed, replaced, duplicated, with
//! hostile keys; `data` a fixture's payload with edited members, or a built value in which one
//! token can nest a million times or repeat a scalar a million times; strings with every escape,
//! invalid escapes before multi-byte characters, raw control characters and long runs.
//!
//! Nothing here recurses: a value is a flat token list written with an explicit stack, and no
//! description type contains itself, so neither building nor dropping a description can
//! overflow the small stacks the checks run on. The body is capped at the description's
//! [`Room`], at most [`MAX_BODY`] bytes.

use acs_events::webhook::SUBSCRIPTION_VALIDATION_EVENT_TYPE;
use arbitrary::{Arbitrary, Unstructured};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::path::Path;

/// The largest body built (about): a million nested arrays fit.
pub const MAX_BODY: usize = 3 << 20;

#[derive(Arbitrary, Debug)]
pub struct Delivery {
    pub room: Room,
    /// An array of the events; otherwise the first event alone (`{}` when there is none).
    pub batch: bool,
    /// A byte-order mark before the body.
    pub bom: bool,
    pub events: Vec<Event>,
}

#[derive(Arbitrary, Debug)]
pub struct Event {
    pub cloud_events: bool,
    pub event_type: EventType,
    pub data: Data,
    /// Changes to the envelope's members, in order.
    pub edits: Vec<Edit>,
    /// How many times the event appears in a batch (once at least).
    pub copies: Count,
}

#[derive(Arbitrary, Debug)]
pub enum EventType {
    /// One of `acs_events::event_types::ALL`, possibly lowercased.
    Typed {
        which: u8,
        lowercase: bool,
    },
    Unknown(Text),
    Validation,
}

#[derive(Arbitrary, Debug)]
pub enum Data {
    /// A fixture's `data` for the event type (any type's when it has none), edited: a member
    /// of the wrong type beside deep nesting, a hostile string where a typed string belongs.
    Sample {
        which: u8,
        edits: Vec<Edit>,
    },
    Value(Value),
    Absent,
}

/// A change to an object's members (the envelope's, or a sample's `data`).
#[derive(Arbitrary, Debug)]
pub enum Edit {
    /// The member at this index (modulo their count) gets the value.
    Replace(u8, Value),
    Remove(u8),
    Insert {
        at: u8,
        key: Key,
        value: Value,
    },
}

#[derive(Arbitrary, Debug)]
pub enum Key {
    /// A name the object knows (an envelope member, the sample's keys): a duplicate member.
    Known(u8),
    Other(Text),
}

/// A JSON value as tokens: each token but `Key` and `Close` is one value, placed in the
/// innermost open container (under the pending key, in an object). Tokens after a complete
/// top-level value are ignored; containers left open are closed at the end; none is `null`.
#[derive(Arbitrary, Debug)]
pub struct Value(pub Vec<Token>);

#[derive(Arbitrary, Debug)]
pub enum Token {
    Open(Container),
    Close,
    /// The key of the next value in an object (otherwise its index is).
    Key(Text),
    Scalar(Scalar),
    /// `depth` containers around `inner`, written by a loop: `[[[…1…]]]` or `{"a":{"a":…}}`.
    Nest {
        depth: Count,
        container: Container,
        inner: Scalar,
    },
    /// An array of `count` copies of `item`.
    Repeat {
        count: Count,
        item: Scalar,
    },
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Container {
    Array,
    Object,
}

#[derive(Arbitrary, Debug)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    /// One of [`NUMBERS`]: out of range, negative zero, not JSON.
    Number(u8),
    String(Text),
}

/// A string's pieces, written between quotes.
#[derive(Arbitrary, Debug)]
pub struct Text(pub Vec<Piece>);

#[derive(Arbitrary, Debug)]
pub enum Piece {
    /// Escaped as JSON requires (quotes, backslashes, control characters); the rest as is.
    Plain(String),
    /// One of [`ESCAPES`].
    Escape(u8),
    /// A backslash and this character: `\é` is no JSON escape.
    BadEscape(char),
    /// The character unescaped, even a quote, a backslash or a control character.
    Raw(char),
    /// Up to 127 ASCII letters: moves what follows across 16- and 64-byte block boundaries.
    Pad(u8),
    /// A long run of letters.
    Long(Count),
}

/// How large the body may grow: 4 KiB for half the inputs, 64 KiB for a quarter, 512 KiB for
/// an eighth, [`MAX_BODY`] for the rest, so that most runs are fast (a few hundred nested
/// arrays already overflow a recursive walk on the checks' stack) and huge values still come up.
#[derive(Debug, Clone, Copy)]
pub struct Room(pub usize);

impl<'a> Arbitrary<'a> for Room {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Room(match u8::arbitrary(u)?.leading_ones() {
            0 => 4 << 10,
            1 => 64 << 10,
            2 => 512 << 10,
            _ => MAX_BODY,
        }))
    }
}

/// A count of up to a million, each order of magnitude half as likely as the one below it (up
/// to a million: 1 in 64), so that most bodies stay small and the fuzzer fast.
#[derive(Debug, Clone, Copy)]
pub struct Count(pub u32);

impl<'a> Arbitrary<'a> for Count {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let magnitude = u8::arbitrary(u)?.leading_ones().min(6);
        Ok(Count(u.int_in_range(0..=10u32.pow(magnitude))?))
    }
}

/// Every member name of both envelope schemas.
pub const ENVELOPE_NAMES: &[&str] = &[
    "id",
    "topic",
    "subject",
    "eventType",
    "eventTime",
    "data",
    "dataVersion",
    "metadataVersion",
    "specversion",
    "type",
    "source",
    "time",
    "datacontenttype",
    "dataschema",
    "data_base64",
];

/// JSON escapes, surrogates lone and paired, and escapes cut short or unknown.
pub const ESCAPES: &[&str] = &[
    r#"\""#,
    r"\\",
    r"\/",
    r"\b",
    r"\f",
    r"\n",
    r"\r",
    r"\t",
    r"\u0000",
    r"\u001f",
    r"\u00e9",
    r"\uFFFF",
    r"\ud800",
    r"\udc00",
    r"\ud83d\ude00",
    r"\uDBFF\uDFFF",
    r"\ud800\u0041",
    r"\ud800\ud800",
    r"\ud83d\u",
    r"\ud83d",
    r"\u12",
    r"\u",
    r"\x41",
    r"\U0041",
];

/// Numbers JSON readers disagree on or refuse.
pub const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1.5",
    "1e999",
    "-1e999",
    "1E-400",
    "18446744073709551616",
    "-9223372036854775809",
    "9007199254740993",
    "0.1e1",
    "1.0",
    "01",
    "-",
    "1.",
    ".5",
    "+1",
    "NaN",
    "Infinity",
];

/// One fixture payload's members, sorted by key, each as its raw text.
type Sample = Vec<(String, Box<RawValue>)>;

/// The object payloads of the fixture deliveries, by event type.
pub struct Samples {
    by_type: BTreeMap<String, Vec<Sample>>,
    all: Vec<Sample>,
}

impl Samples {
    /// Every fixture delivery under `fixtures` (`schemas/fixtures`), read in path order.
    pub fn load(fixtures: &Path) -> Samples {
        let mut files: Vec<_> = std::fs::read_dir(fixtures)
            .unwrap()
            .map(|family| family.unwrap().path())
            .filter(|family| family.is_dir())
            .flat_map(|family| std::fs::read_dir(family).unwrap())
            .map(|file| file.unwrap().path())
            .filter(|file| file.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let mut samples = Samples {
            by_type: BTreeMap::new(),
            all: Vec::new(),
        };
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let events: Vec<BTreeMap<String, Box<RawValue>>> = serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            for event in events {
                let event_type = event.get("eventType").or_else(|| event.get("type"));
                let event_type = event_type.and_then(|t| serde_json::from_str(t.get()).ok());
                let data = event.get("data").map(|d| serde_json::from_str(d.get()));
                if let (Some(event_type), Some(Ok(data))) = (event_type, data) {
                    let data: BTreeMap<String, Box<RawValue>> = data;
                    let sample: Sample = data.into_iter().collect();
                    samples.all.push(sample.clone());
                    samples.by_type.entry(event_type).or_default().push(sample);
                }
            }
        }
        assert!(!samples.all.is_empty(), "no fixture payloads");
        samples
    }

    /// The `which`th payload of `event_type` (of any type when it has none).
    fn pick(&self, event_type: Option<&str>, which: u8) -> &Sample {
        let samples = event_type
            .and_then(|t| self.by_type.get(t))
            .unwrap_or(&self.all);
        &samples[which as usize % samples.len()]
    }
}

/// The delivery's body.
pub fn body(delivery: &Delivery, samples: &Samples) -> Vec<u8> {
    let mut out = Body {
        bytes: Vec::new(),
        room: delivery.room.0,
    };
    write_delivery(&mut out, delivery, samples);
    out.bytes
}

/// The body being written, and the size counts are cut to.
struct Body {
    bytes: Vec<u8>,
    room: usize,
}

impl Deref for Body {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.bytes
    }
}

impl DerefMut for Body {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.bytes
    }
}

impl Body {
    fn push_n(&mut self, byte: u8, count: usize) {
        self.bytes.resize(self.bytes.len() + count, byte);
    }
}

fn write_delivery(out: &mut Body, delivery: &Delivery, samples: &Samples) {
    if delivery.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    if !delivery.batch {
        match delivery.events.first() {
            Some(event) => write_event(out, event, samples),
            None => out.extend_from_slice(b"{}"),
        }
        return;
    }
    out.push(b'[');
    for (index, event) in delivery.events.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        let start = out.len();
        write_event(out, event, samples);
        let end = out.len();
        let copies = cut(event.copies.0, end - start + 1, out);
        for _ in 1..copies {
            out.push(b',');
            out.extend_from_within(start..end);
        }
    }
    out.push(b']');
}

/// `count`, or fewer so that `count` pieces of `size` bytes fit in the room `out` has left.
fn cut(count: u32, size: usize, out: &Body) -> usize {
    let room = out.room.saturating_sub(out.len());
    (count as usize).min(room / size.max(1))
}

/// A member's name and what its value is written from.
type Member<'a> = (Name<'a>, Source<'a>);

enum Name<'a> {
    Plain(&'a str),
    Text(&'a Text),
}

enum Source<'a> {
    Raw(&'a str),
    Value(&'a Value),
    EventType,
    Data,
}

fn write_event(out: &mut Body, event: &Event, samples: &Samples) {
    let (type_name, standard): (&str, &[(&str, &str)]) = if event.cloud_events {
        ("type", CLOUD_EVENTS_MEMBERS)
    } else {
        ("eventType", EVENT_GRID_MEMBERS)
    };
    // In the fixtures' order: `data` before the event type, which a scan must then look past.
    let mut members: Vec<Member> = standard
        .iter()
        .map(|(name, raw)| (Name::Plain(*name), Source::Raw(raw)))
        .collect();
    if !matches!(event.data, Data::Absent) {
        members.push((Name::Plain("data"), Source::Data));
    }
    members.push((Name::Plain(type_name), Source::EventType));
    apply(&mut members, &event.edits, ENVELOPE_NAMES);
    write_object(out, &members, |out, source| match source {
        Source::EventType => write_event_type(out, &event.event_type),
        Source::Data => write_data(out, &event.data, event.event_type.canonical(), samples),
        other => write_source(out, other),
    });
}

impl EventType {
    /// The type as the schemas spell it, which picks the sample; `None` for an unknown type.
    fn canonical(&self) -> Option<&'static str> {
        match self {
            EventType::Typed { which, .. } => Some(typed(*which)),
            EventType::Unknown(_) => None,
            EventType::Validation => Some(SUBSCRIPTION_VALIDATION_EVENT_TYPE),
        }
    }
}

fn typed(which: u8) -> &'static str {
    let all = acs_events::event_types::ALL;
    all[which as usize % all.len()]
}

fn write_event_type(out: &mut Body, event_type: &EventType) {
    match event_type {
        EventType::Typed {
            which,
            lowercase: true,
        } => write_json_string(out, &typed(*which).to_ascii_lowercase()),
        EventType::Typed { which, .. } => write_json_string(out, typed(*which)),
        EventType::Unknown(text) => write_text(out, text),
        EventType::Validation => write_json_string(out, SUBSCRIPTION_VALIDATION_EVENT_TYPE),
    }
}

/// Members every event starts with (besides its type and `data`), with plausible values.
const EVENT_GRID_MEMBERS: &[(&str, &str)] = &[
    ("id", r#""1""#),
    ("topic", r#""/topic""#),
    ("subject", r#""subject""#),
    ("eventTime", r#""2020-09-18T00:27:47Z""#),
    ("dataVersion", r#""1.0""#),
    ("metadataVersion", r#""1""#),
];

const CLOUD_EVENTS_MEMBERS: &[(&str, &str)] = &[
    ("id", r#""1""#),
    ("source", r#""/source""#),
    ("specversion", r#""1.0""#),
    ("subject", r#""subject""#),
    ("time", r#""2020-09-18T00:27:47Z""#),
    ("datacontenttype", r#""application/json""#),
];

fn write_data(out: &mut Body, data: &Data, event_type: Option<&str>, samples: &Samples) {
    match data {
        Data::Sample { which, edits } => {
            let sample = samples.pick(event_type, *which);
            let keys: Vec<&str> = sample.iter().map(|(key, _)| key.as_str()).collect();
            let mut members: Vec<Member> = sample
                .iter()
                .map(|(key, raw)| (Name::Plain(key.as_str()), Source::Raw(raw.get())))
                .collect();
            apply(&mut members, edits, &keys);
            write_object(out, &members, write_source);
        }
        Data::Value(value) => write_value(out, value),
        Data::Absent => out.extend_from_slice(b"null"),
    }
}

fn write_source(out: &mut Body, source: &Source) {
    match source {
        Source::Raw(raw) => out.extend_from_slice(raw.as_bytes()),
        Source::Value(value) => write_value(out, value),
        Source::EventType | Source::Data => unreachable!("written by the event"),
    }
}

/// The edits applied in order; `known` names the keys `Key::Known` picks from.
fn apply<'a>(members: &mut Vec<Member<'a>>, edits: &'a [Edit], known: &[&'a str]) {
    for edit in edits {
        match edit {
            Edit::Replace(at, value) if !members.is_empty() => {
                let at = *at as usize % members.len();
                members[at].1 = Source::Value(value);
            }
            Edit::Remove(at) if !members.is_empty() => {
                members.remove(*at as usize % members.len());
            }
            Edit::Insert { at, key, value } => {
                let name = match key {
                    Key::Known(which) if !known.is_empty() => {
                        Name::Plain(known[*which as usize % known.len()])
                    }
                    Key::Known(_) => Name::Plain(""),
                    Key::Other(text) => Name::Text(text),
                };
                let at = *at as usize % (members.len() + 1);
                members.insert(at, (name, Source::Value(value)));
            }
            Edit::Replace(..) | Edit::Remove(_) => {}
        }
    }
}

fn write_object<'a>(
    out: &mut Body,
    members: &[Member<'a>],
    mut write: impl FnMut(&mut Body, &Source<'a>),
) {
    out.push(b'{');
    for (index, (name, source)) in members.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        match name {
            Name::Plain(name) => write_json_string(out, name),
            Name::Text(text) => write_text(out, text),
        }
        out.push(b':');
        write(out, source);
    }
    out.push(b'}');
}

/// An open container while a value is written: its kind and how many values it holds.
struct Open {
    container: Container,
    len: usize,
}

fn write_value(out: &mut Body, value: &Value) {
    let mut open: Vec<Open> = Vec::new();
    let mut key: Option<&Text> = None;
    let mut written = false;
    for token in &value.0 {
        match token {
            Token::Key(text) => key = Some(text),
            Token::Close => {
                if let Some(container) = open.pop() {
                    out.push(close(container.container));
                }
            }
            _ if written && open.is_empty() => break,
            value => {
                if let Some(parent) = open.last_mut() {
                    if parent.len > 0 {
                        out.push(b',');
                    }
                    if let Container::Object = parent.container {
                        match key.take() {
                            Some(text) => write_text(out, text),
                            None => write_json_string(out, &parent.len.to_string()),
                        }
                        out.push(b':');
                    }
                    parent.len += 1;
                }
                written = true;
                match value {
                    Token::Open(container) => {
                        out.push(opening(*container));
                        open.push(Open {
                            container: *container,
                            len: 0,
                        });
                    }
                    Token::Scalar(scalar) => write_scalar(out, scalar),
                    Token::Nest {
                        depth,
                        container,
                        inner,
                    } => write_nest(out, depth.0, *container, inner),
                    Token::Repeat { count, item } => write_repeat(out, count.0, item),
                    Token::Key(_) | Token::Close => unreachable!("handled above"),
                }
            }
        }
    }
    if !written {
        out.extend_from_slice(b"null");
    }
    for container in open.iter().rev() {
        out.push(close(container.container));
    }
}

fn opening(container: Container) -> u8 {
    match container {
        Container::Array => b'[',
        Container::Object => b'{',
    }
}

fn close(container: Container) -> u8 {
    match container {
        Container::Array => b']',
        Container::Object => b'}',
    }
}

fn write_nest(out: &mut Body, depth: u32, container: Container, inner: &Scalar) {
    let level: &[u8] = match container {
        Container::Array => b"[",
        Container::Object => br#"{"a":"#,
    };
    let depth = cut(depth, level.len() + 1, out);
    for _ in 0..depth {
        out.extend_from_slice(level);
    }
    write_scalar(out, inner);
    out.push_n(close(container), depth);
}

fn write_repeat(out: &mut Body, count: u32, item: &Scalar) {
    out.push(b'[');
    let start = out.len();
    write_scalar(out, item);
    let end = out.len();
    let count = cut(count, end - start + 1, out).max(1);
    for _ in 1..count {
        out.push(b',');
        out.extend_from_within(start..end);
    }
    out.push(b']');
}

fn write_scalar(out: &mut Body, scalar: &Scalar) {
    match scalar {
        Scalar::Null => out.extend_from_slice(b"null"),
        Scalar::Bool(value) => out.extend_from_slice(value.to_string().as_bytes()),
        Scalar::Int(value) => out.extend_from_slice(value.to_string().as_bytes()),
        Scalar::Number(which) => {
            out.extend_from_slice(NUMBERS[*which as usize % NUMBERS.len()].as_bytes())
        }
        Scalar::String(text) => write_text(out, text),
    }
}

fn write_text(out: &mut Body, text: &Text) {
    out.push(b'"');
    for piece in &text.0 {
        match piece {
            Piece::Plain(plain) => escape(out, plain),
            Piece::Escape(which) => {
                out.extend_from_slice(ESCAPES[*which as usize % ESCAPES.len()].as_bytes())
            }
            Piece::BadEscape(c) => {
                out.push(b'\\');
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            Piece::Raw(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Piece::Pad(len) => out.push_n(b'a', *len as usize % 128),
            Piece::Long(len) => out.push_n(b'a', cut(len.0, 1, out)),
        }
    }
    out.push(b'"');
}

fn write_json_string(out: &mut Body, text: &str) {
    out.push(b'"');
    escape(out, text);
    out.push(b'"');
}

/// `text` as the inside of a JSON string.
fn escape(out: &mut Body, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(br#"\""#),
            '\\' => out.extend_from_slice(br"\\"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
}

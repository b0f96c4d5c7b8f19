//! What a message carries besides its body, as the (name, value) pairs that
//! `acs_events::parse_message` reads: the application properties named by the CloudEvents AMQP
//! protocol binding, each in the canonical string form of its CloudEvents type, and the AMQP
//! `content-type`.

use std::borrow::Cow;
use std::fmt;
use std::time::SystemTime;

use azure_messaging_eventhubs::models::{AmqpSimpleValue, EventData};
use base64::Engine as _;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The application-property prefixes of the CloudEvents AMQP binding: `cloudEvents:` (1.0.2) and
/// `cloudEvents_` (allowed since, for JMS selectors, which cannot name a colon). Names in other
/// bindings' forms (`ce-type`, `ce_type`) are not CloudEvents attributes in an AMQP message, so
/// they are not passed on: a stray one must not turn a structured body into binary-mode data.
const AMQP_PREFIXES: [&str; 2] = ["cloudEvents:", "cloudEvents_"];

/// The media type of every CloudEvents event format. The AMQP binding decides the content mode
/// by it: a message whose `content-type` starts with it is structured, whatever properties it
/// carries (the binding lets a structured message repeat its attributes as properties).
const CLOUDEVENTS_MEDIA_TYPE: &str = "application/cloudevents";

/// The pair name under which `parse_message` looks for the content type.
const CONTENT_TYPE: &str = "content-type";

/// One (name, value) pair for `acs_events::parse_message`.
pub type Attribute<'a> = (&'a str, Cow<'a, [u8]>);

/// The pairs `parse_message` needs from `message`: its content type, and its CloudEvents
/// attributes unless the content type says the body is a structured event.
pub fn message_attributes(message: &EventData) -> Result<Vec<Attribute<'_>>, AttributeError> {
    let mut attributes = Vec::new();
    if let Some(content_type) = message.content_type() {
        attributes.push((CONTENT_TYPE, Cow::Borrowed(content_type.as_bytes())));
        if is_structured(content_type) {
            return Ok(attributes);
        }
    }
    // Sorted by name: the SDK holds properties in a `HashMap`, and the same message must give
    // the same pairs, in the same order, every time it is read.
    let mut properties: Vec<_> = (message.properties().into_iter().flatten())
        .filter(|(name, _)| is_cloudevents_attribute(name))
        .collect();
    properties.sort_unstable_by_key(|(name, _)| name.as_str());
    for (name, value) in properties {
        let value = canonical_string(value).map_err(|problem| AttributeError {
            property: name.clone(),
            problem,
        })?;
        attributes.push((name.as_str(), value));
    }
    Ok(attributes)
}

/// Whether `attributes` make the message CloudEvents binary mode: a `specversion` attribute.
pub fn is_binary_mode(attributes: &[Attribute<'_>]) -> bool {
    attributes
        .iter()
        .any(|(name, _)| attribute_of(name).is_some_and(|a| a.eq_ignore_ascii_case("specversion")))
}

fn is_structured(content_type: &str) -> bool {
    content_type
        .get(..CLOUDEVENTS_MEDIA_TYPE.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(CLOUDEVENTS_MEDIA_TYPE))
}

fn is_cloudevents_attribute(name: &str) -> bool {
    attribute_of(name).is_some()
}

/// The attribute an AMQP binding name carries. The prefix is matched in any case, as
/// `parse_message` matches it, so the two never disagree on which properties are attributes.
fn attribute_of(name: &str) -> Option<&str> {
    AMQP_PREFIXES.iter().find_map(|prefix| {
        // `get` cuts on a character boundary whatever the name holds.
        let head = name.get(..prefix.len())?;
        let attribute = &name[prefix.len()..];
        (head.eq_ignore_ascii_case(prefix) && !attribute.is_empty()).then_some(attribute)
    })
}

/// A property value in the canonical string form of the CloudEvents type the AMQP binding maps
/// it from: boolean, long (and, as the binding allows a receiver, every other integer type),
/// string, binary (base64), timestamp (RFC 3339). A uuid, symbol or char is read as the string
/// it spells. Floats, decimals, null and described values have no CloudEvents type.
fn canonical_string(value: &AmqpSimpleValue) -> Result<Cow<'_, [u8]>, ValueProblem> {
    let text = match value {
        AmqpSimpleValue::String(text) => return Ok(Cow::Borrowed(text.as_bytes())),
        AmqpSimpleValue::Symbol(symbol) => return Ok(Cow::Borrowed(symbol.0.as_bytes())),
        AmqpSimpleValue::Boolean(flag) => flag.to_string(),
        AmqpSimpleValue::UByte(number) => number.to_string(),
        AmqpSimpleValue::Byte(number) => number.to_string(),
        AmqpSimpleValue::UShort(number) => number.to_string(),
        AmqpSimpleValue::Short(number) => number.to_string(),
        AmqpSimpleValue::UInt(number) => number.to_string(),
        AmqpSimpleValue::Int(number) => number.to_string(),
        AmqpSimpleValue::ULong(number) => number.to_string(),
        AmqpSimpleValue::Long(number) => number.to_string(),
        AmqpSimpleValue::Char(character) => character.to_string(),
        AmqpSimpleValue::Uuid(uuid) => uuid.hyphenated().to_string(),
        AmqpSimpleValue::Binary(bytes) => base64::engine::general_purpose::STANDARD.encode(bytes),
        AmqpSimpleValue::TimeStamp(timestamp) => rfc3339(timestamp.0)?,
        AmqpSimpleValue::Float(_) => return Err(ValueProblem::NoCloudEventsType("float")),
        AmqpSimpleValue::Double(_) => return Err(ValueProblem::NoCloudEventsType("double")),
        AmqpSimpleValue::Decimal32(_)
        | AmqpSimpleValue::Decimal64(_)
        | AmqpSimpleValue::Decimal128(_) => return Err(ValueProblem::NoCloudEventsType("decimal")),
        AmqpSimpleValue::Null => return Err(ValueProblem::NoCloudEventsType("null")),
        AmqpSimpleValue::Described(_) => {
            return Err(ValueProblem::NoCloudEventsType("described value"))
        }
    };
    Ok(Cow::Owned(text.into_bytes()))
}

/// An AMQP timestamp (milliseconds since the Unix epoch) in RFC 3339, UTC. The SDK hands over
/// `None` for AMQP's "minimum time", 0001-01-01T00:00:00Z, which it cannot hold in a
/// `SystemTime`; AMQP's range is far wider than RFC 3339's years 0000 to 9999.
fn rfc3339(time: Option<SystemTime>) -> Result<String, ValueProblem> {
    let Some(time) = time else {
        return Ok("0001-01-01T00:00:00Z".to_owned());
    };
    // Checked arithmetic: `OffsetDateTime::from(SystemTime)` panics outside `time`'s range.
    let instant = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => time::Duration::try_from(after)
            .ok()
            .and_then(|after| OffsetDateTime::UNIX_EPOCH.checked_add(after)),
        Err(before) => time::Duration::try_from(before.duration())
            .ok()
            .and_then(|before| OffsetDateTime::UNIX_EPOCH.checked_sub(before)),
    };
    instant
        .and_then(|instant| instant.format(&Rfc3339).ok())
        .ok_or(ValueProblem::TimestampOutOfRange)
}

/// An application property named as a CloudEvents attribute whose value cannot be one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    /// The property's name, such as `cloudEvents:time`.
    pub property: String,
    /// What is wrong with its value.
    pub problem: ValueProblem,
}

/// Why a property value is no CloudEvents attribute value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueProblem {
    /// The AMQP type (named) maps to no CloudEvents type.
    NoCloudEventsType(&'static str),
    /// A timestamp outside RFC 3339's years 0000 to 9999.
    TimestampOutOfRange,
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "application property `{}`: ", self.property)?;
        match self.problem {
            ValueProblem::NoCloudEventsType(amqp_type) => write!(
                f,
                "an AMQP {amqp_type}, which the CloudEvents AMQP binding maps to no attribute type"
            ),
            ValueProblem::TimestampOutOfRange => {
                f.write_str("a timestamp outside the years 0000 to 9999 that RFC 3339 can write")
            }
        }
    }
}

impl std::error::Error for AttributeError {}

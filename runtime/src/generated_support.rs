//! What generated code calls and users do not: union parsing and the direct parser. Public only so generated crates
//! can reach it (`eventgen_runtime::__private`); not part of the API and free to change with
//! the generator that uses it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The direct parser of borrowed payloads, which generated `DirectParse` impls drive.
pub use crate::direct::{parse as direct_parse, rfc3339 as direct_rfc3339, Cursor, DirectParse};

/// Present when the runtime's `schemars` feature is on (a generated crate that derives
/// `JsonSchema` turns it on).
#[cfg(feature = "schemars")]
pub use schemars;
/// The crates generated code names, reached through the runtime: a generated crate depends on
/// `eventgen-runtime` alone, and its serde, serde_json and schemars are the runtime's (`time`
/// is re-exported at the crate root: generated types hold its `OffsetDateTime`).
pub use serde;
pub use serde_json;

/// The map visitors' key and slot writer, and the wrappers of the wire forms a field may arrive
/// in besides its type's own.
pub use crate::slots::{put, Key, LenientDateTime, Rfc3339, StringOrFloat, StringOrInteger};

/// The owned form of a borrowed value, for the `into_owned()` of derived payloads.
pub use crate::into_owned::IntoOwned;

/// The JSON Schemas (`schemars`) of what the generated parsers accept where it differs from the
/// field's Rust type.
#[cfg(feature = "schemars")]
pub mod schema {
    pub use crate::lenient_schema::*;
}

/// The number form of `f64`s on output (`123`, not `123.0`): see `number_form.rs`.
pub use crate::number_form::{serialize_number_form, NumberForm};

/// Parse one option of a union from the union's text (a buffered copy, or a slice of the input
/// for borrowed unions, whose options may borrow from it).
pub fn parse_option<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// Parse an RFC 3339 timestamp option of a union (a schema that asserts `format: date-time`).
pub fn parse_rfc3339_option(text: &str) -> Result<time::OffsetDateTime, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let instant = deserialize_rfc3339(&mut deserializer)?;
    deserializer.end()?;
    Ok(instant)
}

/// An RFC 3339 timestamp string as the runtime reads it everywhere: `time`'s reading, except a
/// leap second or sub-nanosecond digits, which are errors rather than silently changed.
pub fn deserialize_rfc3339<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<time::OffsetDateTime, D::Error> {
    deserializer.deserialize_str(crate::rfc3339::Rfc3339Visitor)
}

/// An optional, nullable timestamp field (`Option<Option<OffsetDateTime>>`, `None` skipped by
/// the field's `skip_serializing_if`): `null` for `Some(None)`, RFC 3339 text otherwise.
pub fn serialize_nullable_rfc3339<S: serde::Serializer>(
    value: &Option<Option<time::OffsetDateTime>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    time::serde::rfc3339::option::serialize(&value.flatten(), serializer)
}

/// [`deserialize_rfc3339`] of a text already read.
pub fn parse_rfc3339(text: &str) -> Option<time::OffsetDateTime> {
    crate::rfc3339::parse(text).ok()
}

/// The keys of `text` when it is a JSON object (borrowed unless escaped); empty otherwise.
pub fn object_keys(text: &str) -> Vec<Cow<'_, str>> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<Cow<'de, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut keys = Vec::new();
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                map.next_value::<IgnoredAny>()?;
                keys.push(key);
            }
            Ok(keys)
        }
    }
    if !text.starts_with('{') {
        return Vec::new();
    }
    serde_json::Deserializer::from_str(text)
        .deserialize_map(Keys)
        .unwrap_or_default()
}

/// How many of `keys` an option declares (`declared` is sorted).
pub fn known_key_count(keys: &[Cow<'_, str>], declared: &[&str]) -> usize {
    keys.iter()
        .filter(|key| declared.binary_search(&key.as_ref()).is_ok())
        .count()
}

/// The error when no option of a union parses: it names the option tried first (the one that
/// declares most of an object's keys, or the narrowest) and why that one failed.
pub fn no_option_fits<E: de::Error>(union: &str, closest: Option<(&str, serde_json::Error)>) -> E {
    match closest {
        Some((option, error)) => {
            // The option was parsed from the union's own text: its position would mislead.
            let message = crate::read::strip_position(&error);
            E::custom(format_args!(
                "data did not match any option of `{union}`; as `{option}`: {message}"
            ))
        }
        None => E::custom(format_args!("data did not match any option of `{union}`")),
    }
}

/// Drops `keys` from a derived object schema's `required` list: a required member that also
/// has aliases may arrive under either name, which the schema cannot say (generated structs
/// name this in `#[schemars(transform = …)]`).
#[cfg(feature = "schemars")]
pub fn schema_not_required(schema: &mut schemars::Schema, keys: &[&str]) {
    if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
        required.retain(|key| !keys.iter().any(|k| key == k));
    }
}

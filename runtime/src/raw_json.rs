//! `RawJson`: a value the schema leaves open (any JSON value), kept as the exact text received.
//! Nothing of it is lost (key order, number spelling, duplicate keys), and reading it costs one
//! validation pass and one allocation instead of a tree of them.

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// Any JSON value, kept as the exact text received (`serde_json::value::RawValue`, owned).
///
/// Read it with [`RawJson::get`] (the text), [`RawJson::to_value`] (a `serde_json::Value`) or
/// [`RawJson::deserialize_into`] (any type). Equality and hashing compare the text: `{"a":1}` and
/// `{"a": 1}` are different values here, as they are different bytes on the wire.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text, exactly as received.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The value as serde_json's `RawValue`.
    pub fn as_raw_value(&self) -> &RawValue {
        &self.0
    }

    /// The value as an owned `RawValue`.
    pub fn into_raw_value(self) -> Box<RawValue> {
        self.0
    }

    /// The value parsed into a `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        // The text is valid JSON, so this parses; only a nesting deeper than serde_json's limit
        // fails, and then `Null` is the value that cannot mislead.
        serde_json::from_str(self.get()).unwrap_or(serde_json::Value::Null)
    }

    /// The value parsed as `T`.
    pub fn deserialize_into<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }

    /// Write `value` as compact JSON.
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<RawJson, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(RawJson)
    }
}

impl From<Box<RawValue>> for RawJson {
    fn from(raw: Box<RawValue>) -> Self {
        RawJson(raw)
    }
}

impl From<&serde_json::Value> for RawJson {
    fn from(value: &serde_json::Value) -> Self {
        // A `Value` always serializes.
        RawJson::from_serialize(value).unwrap_or_else(|_| RawJson::null())
    }
}

impl From<serde_json::Value> for RawJson {
    fn from(value: serde_json::Value) -> Self {
        RawJson::from(&value)
    }
}

impl RawJson {
    fn null() -> RawJson {
        RawJson(RawValue::NULL.to_owned())
    }
}

impl Default for RawJson {
    /// `null`, as `serde_json::Value`'s default.
    fn default() -> Self {
        RawJson::null()
    }
}

impl FromStr for RawJson {
    type Err = serde_json::Error;

    /// Validates `text` as one JSON value and keeps it as is (surrounding whitespace trimmed).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RawValue::from_string(text.trim().to_owned()).map(RawJson)
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl std::hash::Hash for RawJson {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The newtype name by which serde_json's deserializers recognise a request for raw text
/// (`serde_json::value::RawValue`'s own impl uses it). A test fails if serde_json changes it.
const SERDE_JSON_RAW_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> Deserialize<'de> for RawJson {
    /// From serde_json (text, bytes, readers, `Value`): the exact text. From anything else,
    /// such as serde's buffer for a user's `#[serde(tag)]` enum or `flatten`, where raw text no
    /// longer exists: the value, written as compact JSON.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawOrValue;
        impl<'de> serde::de::Visitor<'de> for RawOrValue {
            type Value = RawJson;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            // serde_json hands its raw text over as a one-entry map; `RawValue` reads it.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawJson, A::Error> {
                Box::<RawValue>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawJson)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<RawJson, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                RawJson::from_serialize(&value).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_newtype_struct(SERDE_JSON_RAW_TOKEN, RawOrValue)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for RawJson {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnyValue".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_text_and_compares_it() {
        let parsed: Vec<RawJson> =
            serde_json::from_str(r#"[{"b": 1, "a": 1.50}, [1,2], "x\u0041", null]"#).unwrap();
        let texts: Vec<&str> = parsed.iter().map(RawJson::get).collect();
        assert_eq!(
            texts,
            [r#"{"b": 1, "a": 1.50}"#, "[1,2]", r#""x\u0041""#, "null"]
        );
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"[{"b": 1, "a": 1.50},[1,2],"x\u0041",null]"#
        );
        assert!(parsed[3].is_null() && !parsed[0].is_null());
        assert_eq!(parsed[0].to_value(), serde_json::json!({"a": 1.5, "b": 1}));
        assert_ne!(
            parsed[1],
            "[1, 2]".parse::<RawJson>().unwrap(),
            "equality is textual"
        );
        assert_eq!(parsed[1], " [1,2] ".parse::<RawJson>().unwrap());
        assert!("[1,".parse::<RawJson>().is_err());
    }

    #[test]
    fn reads_through_serdes_buffer_as_compact_json() {
        // An internally tagged enum buffers its content, where raw text no longer exists.
        #[derive(serde::Deserialize)]
        #[serde(tag = "kind")]
        enum Tagged {
            A { any: RawJson },
        }
        let Tagged::A { any } =
            serde_json::from_str(r#"{"any": {"x": [1, 2.5]}, "kind": "A"}"#).unwrap();
        assert_eq!(any.get(), r#"{"x":[1,2.5]}"#);
    }

    #[test]
    fn reads_from_a_value_too() {
        let raw: RawJson = serde_json::from_value(serde_json::json!({"k": [true]})).unwrap();
        assert_eq!(raw.get(), r#"{"k":[true]}"#);
        assert_eq!(
            raw.deserialize_into::<std::collections::BTreeMap<String, Vec<bool>>>()
                .unwrap()["k"],
            [true]
        );
    }
}

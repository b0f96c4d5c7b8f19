//! `RawJson<'a>`: a value the schema leaves open, as a slice of the delivery's body.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// Any JSON value, exactly as received: a slice of the input (key order, number spelling,
/// whitespace inside), with no allocation. Equal and hashed by its text, like
/// [`crate::RawJson`], its owned counterpart.
///
/// Reads only from serde_json parsing borrowed text (`from_str`, `from_slice`), where the
/// value's text is a slice of the input.
#[derive(Clone, Copy)]
pub struct RawJson<'a>(&'a RawValue);

/// An open value is handed to serde_json as its own text, as the serde parse reads it.
impl<'a> crate::direct::DirectParse<'a> for RawJson<'a> {
    fn direct(cursor: &mut crate::direct::Cursor<'a>) -> Option<Self> {
        cursor.serde()
    }
}

impl<'a> RawJson<'a> {
    /// The JSON text.
    pub fn get(&self) -> &'a str {
        self.0.get()
    }

    /// As serde_json's raw value.
    pub fn as_raw_value(&self) -> &'a RawValue {
        self.0
    }

    /// The value parsed into a `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or(serde_json::Value::Null)
    }

    /// Parse the value as `T`, borrowing from the input where `T` can.
    pub fn deserialize_into<T: Deserialize<'a>>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.0.get() == "null"
    }

    /// The owned counterpart (one copy of the text).
    pub fn into_owned(self) -> crate::RawJson {
        crate::RawJson::from(self.0.to_owned())
    }
}

impl<'a> From<&'a RawValue> for RawJson<'a> {
    fn from(raw: &'a RawValue) -> Self {
        RawJson(raw)
    }
}

/// `null`, as the owned form's default.
impl Default for RawJson<'_> {
    fn default() -> Self {
        RawJson(RawValue::NULL)
    }
}

impl PartialEq for RawJson<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson<'_> {}

impl std::hash::Hash for RawJson<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

impl fmt::Debug for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl fmt::Display for RawJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawJson<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'de RawValue>::deserialize(deserializer).map(RawJson)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for RawJson<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        crate::RawJson::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::RawJson::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::RawJson;

    #[test]
    fn is_a_slice_of_the_input_and_converts_to_the_owned_form() {
        let text = r#"[{"b": 1, "a": 1.50}, "x\u0041"]"#;
        let parsed: Vec<RawJson<'_>> = serde_json::from_str(text).unwrap();
        assert_eq!(parsed[0].get(), r#"{"b": 1, "a": 1.50}"#);
        assert!(
            std::ptr::eq(parsed[0].get().as_ptr(), text[1..].as_ptr()),
            "borrowed, not copied"
        );
        assert_eq!(parsed[1].get(), r#""x\u0041""#);
        assert_eq!(parsed[0].into_owned().get(), parsed[0].get());
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"[{"b": 1, "a": 1.50},"x\u0041"]"#
        );
    }
}

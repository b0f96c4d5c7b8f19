//! `CowStr`: a JSON string borrowed from the input, owned only when an escape forces it.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string of a borrowed payload: a slice of the delivery's body, or an owned `String` when the
/// JSON text has escapes (`\n`, `\u00e9`, …) and the value is not a slice of it.
///
/// It is `std::borrow::Cow<'a, str>` with a `Deserialize` that borrows at every depth: serde's
/// own `Cow<str>` borrows only as a struct's direct field (with `#[serde(borrow)]`), never inside
/// an `Option`, a `Vec` or a map, where it always allocates. Reads as a `&str` through `Deref`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CowStr<'a>(Cow<'a, str>);

impl<'a> CowStr<'a> {
    /// A string that borrows `text`.
    pub const fn borrowed(text: &'a str) -> Self {
        CowStr(Cow::Borrowed(text))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is a slice of the input (no escape forced a copy).
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// The `Cow` it wraps.
    pub fn into_cow(self) -> Cow<'a, str> {
        self.0
    }

    /// An owned `String`: copies a borrowed string, moves an owned one.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl Deref for CowStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CowStr<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for CowStr<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for CowStr<'a> {
    fn from(text: &'a str) -> Self {
        CowStr(Cow::Borrowed(text))
    }
}

impl From<String> for CowStr<'_> {
    fn from(text: String) -> Self {
        CowStr(Cow::Owned(text))
    }
}

impl<'a> From<Cow<'a, str>> for CowStr<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        CowStr(text)
    }
}

impl<'a> From<CowStr<'a>> for Cow<'a, str> {
    fn from(text: CowStr<'a>) -> Self {
        text.0
    }
}

impl From<CowStr<'_>> for String {
    fn from(text: CowStr<'_>) -> Self {
        text.into_owned()
    }
}

impl PartialEq<str> for CowStr<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for CowStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for CowStr<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<CowStr<'_>> for str {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        *self == *other.0
    }
}

impl PartialEq<CowStr<'_>> for &str {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        **self == *other.0
    }
}

impl PartialEq<CowStr<'_>> for String {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CowStr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CowStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CowStrVisitor;
        impl<'de> Visitor<'de> for CowStrVisitor {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(CowStrVisitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for CowStr<'_> {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::CowStr;

    #[test]
    fn borrows_inside_options_vectors_and_maps_unless_escaped() {
        let parsed: std::collections::BTreeMap<CowStr<'_>, Option<Vec<CowStr<'_>>>> =
            serde_json::from_str(r#"{"a": ["x", "y\n"]}"#).unwrap();
        let (key, values) = parsed.iter().next().unwrap();
        let values = values.as_ref().unwrap();
        assert!(key.is_borrowed() && values[0].is_borrowed());
        assert!(!values[1].is_borrowed(), "an escape forces a copy");
        assert_eq!((key.as_str(), &*values[0], &*values[1]), ("a", "x", "y\n"));
    }

    #[test]
    fn reads_from_owned_input_by_copying() {
        let value = <CowStr<'static> as serde::Deserialize>::deserialize(serde_json::json!("v")).unwrap();
        assert!(!value.is_borrowed());
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""v""#);
    }
}

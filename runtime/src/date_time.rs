//! `DateTime`: a `format: date-time` string as JSON Schema means it by default, an annotation.
//! Any string is accepted and kept as received; the instant is there when the text is RFC 3339.

use std::fmt;
use std::str::FromStr;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A `format: date-time` value: the text exactly as received, and the instant it names when the
/// text is an RFC 3339 timestamp.
///
/// JSON Schema treats `format` as an annotation unless a schema asserts it, so a producer may
/// send `"2018-04-25 20:42:10"` and still be valid: that text parses here, with no instant, and
/// is written back unchanged. Schemas that assert the format (`x-format-assertion`) get
/// `time::OffsetDateTime` instead.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: Box<str>,
    instant: Option<OffsetDateTime>,
}

impl DateTime {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant, when the text is RFC 3339 (any offset, up to nanoseconds).
    pub fn instant(&self) -> Option<OffsetDateTime> {
        self.instant
    }
}

impl From<OffsetDateTime> for DateTime {
    /// The instant written as RFC 3339.
    fn from(instant: OffsetDateTime) -> Self {
        // Formatting fails only for years outside 0..=9999, which RFC 3339 cannot write.
        let text = instant
            .format(&Rfc3339)
            .unwrap_or_else(|_| instant.to_string());
        DateTime {
            text: text.into(),
            instant: Some(instant),
        }
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        DateTime {
            instant: crate::rfc3339::parse(text).ok(),
            text: text.into(),
        }
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        DateTime {
            instant: crate::rfc3339::parse(&text).ok(),
            text: text.into_boxed_str(),
        }
    }
}

impl FromStr for DateTime {
    type Err = std::convert::Infallible;

    /// Never fails: any text is a value, with or without an instant.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(DateTime::from(text))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime, E> {
                Ok(DateTime::from(text))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<DateTime, E> {
                Ok(DateTime::from(text))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A string with `format: date-time`, the schema it came from.
#[cfg(feature = "schemars")]
impl schemars::JsonSchema for DateTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    #[test]
    fn rfc3339_text_has_its_instant_and_keeps_its_spelling() {
        let value: DateTime = serde_json::from_str(r#""2024-05-01T10:00:00.000+02:00""#).unwrap();
        assert_eq!(value.instant().unwrap().unix_timestamp(), 1_714_550_400);
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#""2024-05-01T10:00:00.000+02:00""#
        );
    }

    #[test]
    fn other_text_is_kept_without_an_instant() {
        let value: DateTime = serde_json::from_str(r#""2018-04-25 20:42:10""#).unwrap();
        assert_eq!(
            (value.as_str(), value.instant()),
            ("2018-04-25 20:42:10", None)
        );
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#""2018-04-25 20:42:10""#
        );
    }

    #[test]
    fn a_non_string_is_an_error() {
        let error = serde_json::from_str::<DateTime>("1714550400").unwrap_err();
        assert!(error.to_string().contains("a date-time string"), "{error}");
    }

    #[test]
    fn an_instant_is_written_as_rfc3339() {
        let instant = time::OffsetDateTime::from_unix_timestamp(1_714_550_400).unwrap();
        assert_eq!(DateTime::from(instant).as_str(), "2024-05-01T08:00:00Z");
    }
}

//! What generated map visitors read with: a borrowed key, the slot writer, and the wrappers of
//! the wire forms a service sends besides a field's type (timestamps, .NET dates, numbers sent
//! as strings). Once here, tested here, instead of printed into every generated crate.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

/// A map key, borrowed from the input when it has no escapes.
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.into())))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the value of `key` into its slot; a key seen twice is an error.
///
/// Not inlined: one copy per value type serves every struct, instead of the value's whole
/// parser being inlined at each field of each struct (compile time follows that code size; a
/// call per field costs nothing measurable next to the parse).
#[inline(never)]
pub fn put<'de, A, V>(slot: &mut Option<V>, map: &mut A, key: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    V: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(<A::Error as de::Error>::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// An RFC 3339 timestamp (up to 9 fractional digits, any offset; no leap second).
pub struct Rfc3339(pub time::OffsetDateTime);

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::__private::deserialize_rfc3339(deserializer).map(Rfc3339)
    }
}

/// An RFC 3339 timestamp, or .NET's invariant general form (`3/28/2007 7:13:50 PM +00:00`).
pub struct LenientDateTime(pub time::OffsetDateTime);

impl<'de> Deserialize<'de> for LenientDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LenientVisitor;
        impl Visitor<'_> for LenientVisitor {
            type Value = LenientDateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 timestamp, or M/d/yyyy h:mm:ss AM +hh:mm")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<LenientDateTime, E> {
                crate::__private::parse_rfc3339(value)
                    .or_else(|| crate::formats::dotnet_general_date_time(value))
                    .map(LenientDateTime)
                    .ok_or_else(|| E::invalid_value(Unexpected::Str(value), &self))
            }
        }
        deserializer.deserialize_str(LenientVisitor)
    }
}

/// An integer that may arrive as a JSON string (`"version": "1613783230064"`).
pub struct StringOrInteger<T>(pub T);

impl<'de, T> Deserialize<'de> for StringOrInteger<T>
where
    T: TryFrom<i64> + TryFrom<u64> + std::str::FromStr,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntegerVisitor<T>(std::marker::PhantomData<T>);
        impl<T> Visitor<'_> for IntegerVisitor<T>
        where
            T: TryFrom<i64> + TryFrom<u64> + std::str::FromStr,
        {
            type Value = StringOrInteger<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer, or a string holding an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::try_from(v)
                    .map(StringOrInteger)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::try_from(v)
                    .map(StringOrInteger)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.parse()
                    .map(StringOrInteger)
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(IntegerVisitor(std::marker::PhantomData))
    }
}

/// A number that may arrive as a JSON string (`"ttlSeconds": "36"`).
pub struct StringOrFloat(pub f64);

impl<'de> Deserialize<'de> for StringOrFloat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FloatVisitor;
        impl Visitor<'_> for FloatVisitor {
            type Value = StringOrFloat;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or a string holding a number")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<StringOrFloat, E> {
                Ok(StringOrFloat(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StringOrFloat, E> {
                Ok(StringOrFloat(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StringOrFloat, E> {
                Ok(StringOrFloat(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StringOrFloat, E> {
                // Only a plain number's text: no `inf`, `NaN` or surrounding space.
                let plain = v
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'-')
                    && v.bytes().all(|b| {
                        b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+')
                    });
                v.parse::<f64>()
                    .ok()
                    .filter(|n| plain && n.is_finite())
                    .map(StringOrFloat)
                    .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(FloatVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_forms_read_as_the_generated_wrappers_did() {
        let n: StringOrInteger<i64> = serde_json::from_str(r#""1613783230064""#).unwrap();
        assert_eq!(n.0, 1_613_783_230_064);
        let n: StringOrInteger<i32> = serde_json::from_str("-7").unwrap();
        assert_eq!(n.0, -7);
        assert!(serde_json::from_str::<StringOrInteger<i32>>("4294967296").is_err());
        assert_eq!(
            serde_json::from_str::<StringOrFloat>(r#""36""#).unwrap().0,
            36.0
        );
        assert_eq!(serde_json::from_str::<StringOrFloat>("1.5").unwrap().0, 1.5);
        assert!(serde_json::from_str::<StringOrFloat>(r#""inf""#).is_err());
        assert!(serde_json::from_str::<StringOrFloat>(r#"" 1""#).is_err());
        let t: LenientDateTime = serde_json::from_str(r#""3/28/2007 7:13:50 PM +00:00""#).unwrap();
        assert_eq!(t.0.unix_timestamp(), 1_175_109_230);
        let t: Rfc3339 = serde_json::from_str(r#""2007-03-28T19:13:50Z""#).unwrap();
        assert_eq!(t.0.unix_timestamp(), 1_175_109_230);
        assert!(serde_json::from_str::<Rfc3339>(r#""3/28/2007 7:13:50 PM +00:00""#).is_err());
    }

    #[test]
    fn a_repeated_key_is_a_duplicate_field() {
        struct Two(Option<i32>);
        impl<'de> Deserialize<'de> for Two {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Two;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a map")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Two, A::Error> {
                        let mut slot = None;
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            assert_eq!(key.as_str(), "n");
                            put(&mut slot, &mut map, "n")?;
                        }
                        Ok(Two(slot))
                    }
                }
                d.deserialize_map(V)
            }
        }
        assert_eq!(
            serde_json::from_str::<Two>(r#"{"n": 1}"#).unwrap().0,
            Some(1)
        );
        let error = serde_json::from_str::<Two>(r#"{"n": 1, "n": 2}"#)
            .err()
            .unwrap();
        assert_eq!(error.to_string(), "duplicate field `n` at line 1 column 12");
    }
}

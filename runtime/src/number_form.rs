//! How generated types write JSON numbers held as `f64`: an integral value within ±2^53 as an
//! integer (`123`), anything else as serde_json writes an `f64` (`1.5`, `1e+300`).
//!
//! JSON has one number type, and JSON Schema counts `123` and `123.0` as the same number; the
//! parse keeps the value, not its spelling. Written back, `123` is what JavaScript, .NET's
//! System.Text.Json and Go write for an integral double, so a payload they produced
//! re-serializes to its own bytes, where `f64`'s own form (`123.0`) would change them. A
//! producer that writes `123.0` gets `123` back: the same number, other bytes. Whoever needs
//! the exact bytes (a signature over the payload) keeps the body, or reads the value as an open
//! `RawJson`.

use serde::ser::{Serialize, Serializer};

use crate::OrderedMap;

/// The largest magnitude below which every integer is an exact `f64` (2^53).
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// `value` with every `f64` in it written in the number form: the generated code's
/// `serialize_with` for fields, variants and payloads whose type holds a number.
pub fn serialize_number_form<T: NumberForm + ?Sized, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.serialize_number_form(serializer)
}

/// A value whose `f64`s are written in the number form; other values are written as they
/// serialize themselves.
pub trait NumberForm {
    /// Writes `self`, its numbers in the number form.
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl NumberForm for f64 {
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `fract() == 0.0` is false for NaN and the infinities, which serde_json writes as null.
        if self.fract() == 0.0 && self.abs() < EXACT_INTEGERS {
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }
}

/// One value in the number form, for the containers' element serializers.
struct InNumberForm<'a, T: ?Sized>(&'a T);

impl<T: NumberForm + ?Sized> Serialize for InNumberForm<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_number_form(serializer)
    }
}

impl<T: NumberForm> NumberForm for Option<T> {
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&InNumberForm(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<T: NumberForm + ?Sized> NumberForm for Box<T> {
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize_number_form(serializer)
    }
}

impl<T: NumberForm> NumberForm for Vec<T> {
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(InNumberForm))
    }
}

impl<K: AsRef<str>, V: NumberForm> NumberForm for OrderedMap<K, V> {
    fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, InNumberForm(value))))
    }
}

/// Values without numbers of their own, written as they serialize themselves (so that tuples
/// mixing them with numbers have the number form too).
macro_rules! as_itself {
    ($($ty:ty),*) => {$(
        impl NumberForm for $ty {
            fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize(serializer)
            }
        }
    )*};
}
as_itself!(
    String,
    bool,
    i32,
    i64,
    (),
    crate::RawJson,
    crate::DateTime,
    crate::borrowed::CowStr<'_>,
    crate::borrowed::RawJson<'_>
);

macro_rules! tuples {
    ($(($($item:ident $index:tt),+)),*) => {$(
        impl<$($item: NumberForm),+> NumberForm for ($($item,)+) {
            fn serialize_number_form<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeTuple;
                let mut tuple = serializer.serialize_tuple([$($index),+].len())?;
                $(tuple.serialize_element(&InNumberForm(&self.$index))?;)+
                tuple.end()
            }
        }
    )*};
}
tuples!(
    (A 0),
    (A 0, B 1),
    (A 0, B 1, C 2),
    (A 0, B 1, C 2, D 3),
    (A 0, B 1, C 2, D 3, E 4),
    (A 0, B 1, C 2, D 3, E 4, F 5),
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6),
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: NumberForm>(value: &T) -> String {
        let mut out = Vec::new();
        value
            .serialize_number_form(&mut serde_json::Serializer::new(&mut out))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn integral_values_are_written_as_integers_within_exact_range() {
        assert_eq!(written(&123.0), "123");
        assert_eq!(written(&-0.0), "0");
        assert_eq!(written(&1.5), "1.5");
        assert_eq!(written(&9_007_199_254_740_991.0), "9007199254740991");
        assert_eq!(written(&9_007_199_254_740_992.0), "9007199254740992.0");
        assert_eq!(written(&1e300), "1e+300");
        assert_eq!(written(&f64::NAN), "null");
        assert_eq!(written(&vec![Some(1.0), None, Some(2.5)]), "[1,null,2.5]");
        assert_eq!(written(&(String::from("a"), 3.0, true)), r#"["a",3,true]"#);
        assert_eq!(written(&Some(Some(4.0))), "4");
    }
}

//! Items the generated types share, emitted once: the catch-all payload of extensible enums,
//! the map key and slot helper of the struct deserializers, the wire forms that need a visitor
//! of their own (timestamps, numbers sent as strings), and the schemars helpers for them.

use proc_macro2::TokenStream;
use quote::quote;

use super::gate;
use crate::ir::{FieldDef, Model, TypeKind, TypeRef};

pub fn emit_support(model: &Model) -> TokenStream {
    let has_extensible_enum = model
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Enum(e) if e.extensible));
    let has_enum = model
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Enum(_)));
    // Private wire-form helpers compile with the types that use them (see `users_gate`).
    let string_or_float = users_gate(model, |f| f.string_or_number && f.ty == TypeRef::F64);
    let string_or_integer = users_gate(model, |f| f.string_or_number && f.ty.is_integer());
    let date_time = users_gate(model, |f| f.ty == TypeRef::DateTime && !f.lenient_date_time);
    let lenient_date_time = users_gate(model, |f| f.lenient_date_time);
    let (has_string_or_float, has_string_or_integer) =
        (string_or_float.is_some(), string_or_integer.is_some());
    let has_string_or_number = has_string_or_float || has_string_or_integer;
    let (has_date_time, has_lenient_date_time) = (date_time.is_some(), lenient_date_time.is_some());
    let mut items = TokenStream::new();
    if has_extensible_enum {
        items.extend(quote! {
            /// A string enum value that the schema does not list, exactly as received.
            ///
            /// Only the parser creates it, so a value the schema lists never ends up here.
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct UnknownValue(::std::string::String);

            impl UnknownValue {
                /// The value as received.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl ::std::fmt::Display for UnknownValue {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(&self.0)
                }
            }
        });
    }
    let has_struct = model
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Struct(_)));
    if has_struct {
        items.extend(quote! {
            /// A map key, borrowed from the input when it has no escapes.
            #[allow(dead_code)]
            struct Key<'de>(::std::borrow::Cow<'de, str>);

            #[allow(dead_code)]
            impl Key<'_> {
                fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl<'de> ::serde::Deserialize<'de> for Key<'de> {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = Key<'de>;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str("an object key")
                        }
                        fn visit_borrowed_str<E: ::serde::de::Error>(self, value: &'de str) -> ::std::result::Result<Key<'de>, E> {
                            Ok(Key(::std::borrow::Cow::Borrowed(value)))
                        }
                        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Key<'de>, E> {
                            Ok(Key(::std::borrow::Cow::Owned(value.into())))
                        }
                        fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
                            Ok(Key(::std::borrow::Cow::Owned(value)))
                        }
                    }
                    deserializer.deserialize_str(Visitor)
                }
            }

            /// Reads the value of `key` into its slot; a key seen twice is an error.
            ///
            /// Not inlined: one copy per value type serves every struct, instead of the value's
            /// whole parser being inlined at each field of each struct (compile time follows
            /// that code size; a call per field costs nothing measurable next to the parse).
            #[allow(dead_code)]
            #[inline(never)]
            fn put<'de, A, V>(slot: &mut ::std::option::Option<V>, map: &mut A, key: &'static str) -> ::std::result::Result<(), A::Error>
            where
                A: ::serde::de::MapAccess<'de>,
                V: ::serde::Deserialize<'de>,
            {
                if slot.is_some() {
                    return Err(<A::Error as ::serde::de::Error>::duplicate_field(key));
                }
                *slot = ::std::option::Option::Some(map.next_value()?);
                Ok(())
            }
        });
    }
    if let Some(features) = &date_time {
        items.extend(gate::gate_items(quote! {
            /// An RFC 3339 timestamp (up to 9 fractional digits, any offset; no leap second).
            #[allow(dead_code)]
            struct Rfc3339(::time::OffsetDateTime);

            impl<'de> ::serde::Deserialize<'de> for Rfc3339 {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    ::eventgen_runtime::__private::deserialize_rfc3339(deserializer).map(Rfc3339)
                }
            }
        }, features));
    }
    if let Some(features) = &lenient_date_time {
        items.extend(gate::gate_items(quote! {
            /// An RFC 3339 timestamp, or .NET's invariant general form (`3/28/2007 7:13:50 PM +00:00`).
            #[allow(dead_code)]
            struct LenientDateTime(::time::OffsetDateTime);

            impl<'de> ::serde::Deserialize<'de> for LenientDateTime {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = LenientDateTime;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str("an RFC 3339 timestamp, or M/d/yyyy h:mm:ss AM +hh:mm")
                        }
                        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<LenientDateTime, E> {
                            ::eventgen_runtime::__private::parse_rfc3339(value)
                                .or_else(|| ::eventgen_runtime::formats::dotnet_general_date_time(value))
                                .map(LenientDateTime)
                                .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(value), &self))
                        }
                    }
                    deserializer.deserialize_str(Visitor)
                }
            }
        }, features));
    }
    if let Some(features) = &string_or_integer {
        items.extend(gate::gate_items(quote! {
            /// An integer that may arrive as a JSON string (`"version": "1613783230064"`).
            #[allow(dead_code)]
            struct StringOrInteger<T>(T);

            impl<'de, T> ::serde::Deserialize<'de> for StringOrInteger<T>
            where
                T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
            {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor<T>(::std::marker::PhantomData<T>);
                    impl<'de, T> ::serde::de::Visitor<'de> for Visitor<T>
                    where
                        T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
                    {
                        type Value = StringOrInteger<T>;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str("an integer, or a string holding an integer")
                        }
                        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<Self::Value, E> {
                            T::try_from(v).map(StringOrInteger).map_err(|_| E::invalid_value(::serde::de::Unexpected::Signed(v), &self))
                        }
                        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<Self::Value, E> {
                            T::try_from(v).map(StringOrInteger).map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(v), &self))
                        }
                        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<Self::Value, E> {
                            v.parse().map(StringOrInteger).map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
                        }
                    }
                    deserializer.deserialize_any(Visitor(::std::marker::PhantomData))
                }
            }
        }, features));
    }
    if let Some(features) = &string_or_float {
        items.extend(gate::gate_items(quote! {
            /// A number that may arrive as a JSON string (`"ttlSeconds": "36"`).
            #[allow(dead_code)]
            struct StringOrFloat(f64);

            impl<'de> ::serde::Deserialize<'de> for StringOrFloat {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    struct Visitor;
                    impl<'de> ::serde::de::Visitor<'de> for Visitor {
                        type Value = StringOrFloat;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str("a number, or a string holding a number")
                        }
                        fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<StringOrFloat, E> {
                            Ok(StringOrFloat(v))
                        }
                        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<StringOrFloat, E> {
                            Ok(StringOrFloat(v as f64))
                        }
                        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<StringOrFloat, E> {
                            Ok(StringOrFloat(v as f64))
                        }
                        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<StringOrFloat, E> {
                            // Only what a JSON number could spell: no `inf`, `NaN` or `+1`.
                            let plain = v.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'-')
                                && v.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'e' | b'E' | b'+'));
                            v.parse::<f64>()
                                .ok()
                                .filter(|n| plain && n.is_finite())
                                .map(StringOrFloat)
                                .ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
                        }
                    }
                    deserializer.deserialize_any(Visitor)
                }
            }
        }, features));
    }
    if has_date_time || has_lenient_date_time || has_string_or_number {
        let date_time = if has_date_time || has_lenient_date_time {
            quote! {
            pub fn date_time(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": "string", "format": "date-time" })
            }
            pub fn optional_date_time(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": ["string", "null"], "format": "date-time" })
            }
            }
        } else {
            quote!()
        };
        let string_or_number = if has_string_or_float {
            quote! {
            pub fn string_or_number(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": ["number", "string"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$" })
            }
            pub fn optional_string_or_number(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": ["number", "string", "null"], "pattern": "^-?[0-9]+(\\.[0-9]+)?$" })
            }
            }
        } else {
            quote!()
        };
        let string_or_integer = if has_string_or_integer {
            quote! {
            pub fn string_or_integer(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": ["integer", "string"], "pattern": "^-?[0-9]+$" })
            }
            pub fn optional_string_or_integer(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": ["integer", "string", "null"], "pattern": "^-?[0-9]+$" })
            }
            }
        } else {
            quote!()
        };
        items.extend(quote! {
            /// JSON Schemas (for the `schemars` feature) of the values the generated serde code accepts.
            #[cfg(feature = "schemars")]
            #[allow(dead_code)]
            mod lenient_schema {
                #date_time
                #string_or_integer
                #string_or_number
            }
        });
    }
    if has_enum {
        items.extend(quote! {
            /// The JSON Schema of a string enum: its values, or, when it is extensible, the open
            /// form eventgen reads back: any string, its values listed.
            #[cfg(feature = "schemars")]
            fn enum_schema(values: &[&str], extensible: bool) -> ::schemars::Schema {
                if extensible {
                    ::schemars::json_schema!({ "anyOf": [{ "enum": values }, { "type": "string" }] })
                } else {
                    ::schemars::json_schema!({ "type": "string", "enum": values })
                }
            }
        });
    }
    items
}

/// The features of the structs with a field `uses` selects: `None` when none has one, empty
/// when an always-compiled struct has one.
fn users_gate(model: &Model, uses: impl Fn(&FieldDef) -> bool) -> Option<Vec<String>> {
    let mut features = std::collections::BTreeSet::new();
    let mut used = false;
    for def in &model.types {
        let TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        if !s.fields.iter().any(&uses) {
            continue;
        }
        if def.features.is_empty() {
            return Some(Vec::new());
        }
        used = true;
        features.extend(def.features.iter().cloned());
    }
    used.then(|| features.into_iter().collect())
}

//! Items the generated types share, emitted once: the catch-all payload of extensible enums,
//! the string-or-integer visitor, and the schemars helpers for both.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Model, TypeKind};

pub fn emit_support(model: &Model) -> TokenStream {
    let has_extensible_enum = model.types.iter().any(|t| matches!(&t.kind, TypeKind::Enum(e) if e.extensible));
    let has_enum = model.types.iter().any(|t| matches!(&t.kind, TypeKind::Enum(_)));
    let fields = || model.types.iter().filter_map(|t| match &t.kind {
        TypeKind::Struct(s) => Some(s.fields.iter()),
        _ => None,
    }).flatten();
    let has_string_or_number = fields().any(|f| f.string_or_number);
    let has_date_time = fields().any(|f| f.ty == crate::ir::TypeRef::DateTime);
    let mut items = TokenStream::new();
    if has_extensible_enum {
        items.extend(quote! {
            /// A string enum value that the schema does not list, exactly as received.
            ///
            /// Only the parser creates it, so a value the schema lists never ends up here.
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct UnknownValue(::std::string::String);

            impl UnknownValue {
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
    if has_string_or_number {
        items.extend(quote! {
        /// Integers that some payloads send as JSON strings (`"version": "1613783230064"`).
        /// Both forms parse; serialization writes a number.
        #[allow(dead_code)]
        mod lenient_int {
            use ::std::fmt;
            use ::std::marker::PhantomData;

            pub fn deserialize<'de, D, T>(deserializer: D) -> ::std::result::Result<T, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
            {
                deserializer.deserialize_any(IntegerVisitor::<T>(PhantomData))
            }

            pub fn deserialize_option<'de, D, T>(deserializer: D) -> ::std::result::Result<::std::option::Option<T>, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
            {
                deserializer.deserialize_option(OptionVisitor::<T>(PhantomData))
            }

            struct IntegerVisitor<T>(PhantomData<T>);

            impl<'de, T> ::serde::de::Visitor<'de> for IntegerVisitor<T>
            where
                T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
            {
                type Value = T;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an integer, or a string holding an integer")
                }
                fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<T, E> {
                    T::try_from(v).map_err(|_| E::invalid_value(::serde::de::Unexpected::Signed(v), &self))
                }
                fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<T, E> {
                    T::try_from(v).map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(v), &self))
                }
                fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<T, E> {
                    v.parse().map_err(|_| E::invalid_value(::serde::de::Unexpected::Str(v), &self))
                }
            }

            struct OptionVisitor<T>(PhantomData<T>);

            impl<'de, T> ::serde::de::Visitor<'de> for OptionVisitor<T>
            where
                T: ::std::convert::TryFrom<i64> + ::std::convert::TryFrom<u64> + ::std::str::FromStr,
            {
                type Value = ::std::option::Option<T>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("null, an integer, or a string holding an integer")
                }
                fn visit_none<E: ::serde::de::Error>(self) -> ::std::result::Result<Self::Value, E> {
                    Ok(None)
                }
                fn visit_unit<E: ::serde::de::Error>(self) -> ::std::result::Result<Self::Value, E> {
                    Ok(None)
                }
                fn visit_some<D: ::serde::Deserializer<'de>>(self, d: D) -> ::std::result::Result<Self::Value, D::Error> {
                    deserialize(d).map(Some)
                }
            }
        }

        });
    }
    if has_date_time || has_string_or_number {
        let date_time = if has_date_time {
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
        let string_or_integer = if has_string_or_number {
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
            }
        });
    }
    if has_enum {
        items.extend(quote! {
            /// The JSON Schema of a string enum: its values, or any string when it is extensible.
            #[cfg(feature = "schemars")]
            fn enum_schema(values: &[&str], extensible: bool) -> ::schemars::Schema {
                if extensible {
                    ::schemars::json_schema!({ "type": "string", "examples": values })
                } else {
                    ::schemars::json_schema!({ "type": "string", "enum": values })
                }
            }
        });
    }
    items
}

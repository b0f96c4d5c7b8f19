//! `#[derive(Literal)]`: serde's impls, and as declared `JsonSchema` and `DirectParse`, of a
//! generated literal: a newtype over `bool`, `i64` or `f64` whose listed values are its
//! `VALUES`. Parsing accepts only those values, compared as JSON Schema compares numbers (by
//! value: `1.0` is a listed `1`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{spanned::Spanned, Data, DeriveInput, Fields};

use crate::declaration::Container;
use crate::skeletons;

/// The JSON kind of the value a literal wraps.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Bool,
    Integer,
    Number,
}

pub fn derive_literal(input: &DeriveInput) -> syn::Result<TokenStream> {
    let kind = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                match quote::ToTokens::to_token_stream(&fields.unnamed[0].ty)
                    .to_string()
                    .as_str()
                {
                    "bool" => Some(Kind::Bool),
                    "i64" => Some(Kind::Integer),
                    "f64" => Some(Kind::Number),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(|| {
        syn::Error::new(
            input.span(),
            "`Literal` is derived for a newtype over `bool`, `i64` or `f64`",
        )
    })?;
    let Container {
        json_schema,
        direct,
        runtime,
        ..
    } = Container::read(&input.attrs, "Literal", &["json_schema", "direct", "crate"])?;
    let name = &input.ident;
    let private = quote!(#runtime::__private);
    let mut out = serde_impls(name, kind, &private);
    if json_schema {
        // Each listed value as the type writes it (a whole `f64` as an integer).
        out.extend(skeletons::json_schema(name, &runtime, quote! {
            let values: ::std::vec::Vec<#private::serde_json::Value> = #name::VALUES
                .iter()
                .map(|value| #private::serde_json::to_value(value).expect("a listed value is JSON"))
                .collect();
            #private::schemars::json_schema!({ "enum": values })
        }));
    }
    if direct {
        // Listed values are checked by the serde parse: serde_json reads them.
        out.extend(skeletons::direct_parse(
            quote!(#name),
            &runtime,
            quote!(cursor.serde()),
        ));
    }
    Ok(out)
}

fn serde_impls(name: &syn::Ident, kind: Kind, private: &TokenStream) -> TokenStream {
    let serde = quote!(#private::serde);
    let (inner, visit, unexpected) = match kind {
        Kind::Bool => (quote!(bool), quote!(visit_bool), quote!(Bool)),
        Kind::Integer => (quote!(i64), quote!(visit_i64), quote!(Signed)),
        Kind::Number => (quote!(f64), quote!(visit_f64), quote!(Float)),
    };
    let serialize = match kind {
        Kind::Bool => quote!(serializer.serialize_bool(self.0)),
        Kind::Integer => quote!(serializer.serialize_i64(self.0)),
        Kind::Number => quote!(#private::serialize_number_form(&self.0, serializer)),
    };
    // Integers arrive as i64 or u64, numbers also as integers: every visitor funnels into one check.
    let other_visits = match kind {
        Kind::Bool => quote!(),
        Kind::Integer => quote! {
            fn visit_u64<E: #serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                let signed = i64::try_from(value).map_err(|_| E::invalid_value(#serde::de::Unexpected::Unsigned(value), &self))?;
                self.visit_i64(signed)
            }
            // JSON Schema compares numbers by value: `1.0` is the listed `1`.
            fn visit_f64<E: #serde::de::Error>(self, value: f64) -> ::std::result::Result<#name, E> {
                if value.fract() == 0.0 && value.abs() < 9_223_372_036_854_775_808.0 {
                    self.visit_i64(value as i64)
                } else {
                    ::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::Float(value), &self))
                }
            }
        },
        Kind::Number => quote! {
            fn visit_i64<E: #serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                self.visit_f64(value as f64)
            }
            fn visit_u64<E: #serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                self.visit_f64(value as f64)
            }
        },
    };
    quote! {
        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> #serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("one of ")?;
                        for (n, listed) in #name::VALUES.iter().enumerate() {
                            if n > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "`{}`", listed.0)?;
                        }
                        ::std::result::Result::Ok(())
                    }
                    fn #visit<E: #serde::de::Error>(self, value: #inner) -> ::std::result::Result<#name, E> {
                        if #name::VALUES.iter().any(|listed| listed.0 == value) {
                            ::std::result::Result::Ok(#name(value))
                        } else {
                            ::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::#unexpected(value), &self))
                        }
                    }
                    #other_visits
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_its_json_kind_and_numbers_by_value() {
        let integer = derive_literal(&syn::parse_quote!(
            #[eventgen(json_schema, direct)]
            struct L(i64);
        ))
        .unwrap()
        .to_string();
        for expected in [
            "fn visit_u64",
            "fn visit_f64",
            "serialize_i64 (self . 0)",
            "JsonSchema for L",
            "DirectParse < 'a > for L",
        ] {
            assert!(integer.contains(expected), "{expected}: {integer}");
        }
        let number = derive_literal(&syn::parse_quote!(
            struct N(f64);
        ))
        .unwrap()
        .to_string();
        assert!(
            number.contains("serialize_number_form (& self . 0 , serializer)"),
            "{number}"
        );
        assert!(!number.contains("JsonSchema"), "{number}");
        let flag = derive_literal(&syn::parse_quote!(
            struct B(bool);
        ))
        .unwrap()
        .to_string();
        assert!(flag.contains("fn visit_bool"), "{flag}");
        assert!(!flag.contains("visit_u64"), "{flag}");
    }

    #[test]
    fn only_a_newtype_over_a_json_scalar_is_a_literal() {
        let error = |input: DeriveInput| derive_literal(&input).unwrap_err().to_string();
        let message = "`Literal` is derived for a newtype over `bool`, `i64` or `f64`";
        assert_eq!(
            error(syn::parse_quote!(
                struct L(String);
            )),
            message
        );
        assert_eq!(
            error(syn::parse_quote!(
                struct L {
                    v: bool,
                }
            )),
            message
        );
        assert_eq!(
            error(syn::parse_quote!(
                enum L {
                    A,
                }
            )),
            message
        );
    }
}

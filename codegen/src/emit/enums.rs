//! String enums. Extensible enums (the default) keep unknown values in a catch-all variant
//! holding an `UnknownValue`, which only the parser can build, so a known value can never end up
//! there. serde impls are written out (not derived) so known values parse without allocating.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::doc_attrs;
use crate::ir::{EnumDef, Part, TypeDef};

pub fn emit_enum(def: &TypeDef, e: &EnumDef, schemars: &Part) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` values.", def.name));
    if e.extensible {
        doc.push_str(&format!(
            "\n\nExtensible: a value not listed here parses as [`{}::{}`], keeping the string.",
            def.name, e.catch_all
        ));
    }
    if e.case_insensitive {
        doc.push_str("\n\nValues are recognised ignoring ASCII case.");
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    let doc = doc_attrs(Some(&doc));
    let idents: Vec<_> = e
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.ident))
        .collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = e.variants.iter().map(|v| {
        let text = match &v.doc {
            Some(d) => format!("`{}`: {d}", v.value),
            None => format!("`{}`.", v.value),
        };
        doc_attrs(Some(&text))
    });
    let catch_all = format_ident!("{}", e.catch_all);
    let (catch_all_variant, catch_all_str, from_wire, catch_all_schema) = if e.extensible {
        (
            quote!(
                /// A value the schema does not list, kept as received.
                #catch_all(UnknownValue),
            ),
            quote!(#name::#catch_all(value) => value.as_str(),),
            quote!(
                /// The variant for a wire value; unknown values land in the catch-all.
                pub fn from_wire(value: &str) -> Self {
                    Self::known(value).unwrap_or_else(|| #name::#catch_all(UnknownValue(value.into())))
                }
            ),
            quote!(true),
        )
    } else {
        (quote!(), quote!(), quote!(), quote!(false))
    };
    // Listed values and their other spellings (`x-enum-aliases`), as (text, variant) pairs.
    let spellings: Vec<(&str, proc_macro2::Ident)> = e
        .variants
        .iter()
        .map(|v| (v.value.as_str(), format_ident!("{}", v.ident)))
        .chain(
            e.aliases
                .iter()
                .map(|(alias, ident)| (alias.as_str(), format_ident!("{}", ident))),
        )
        .collect();
    let spelled: Vec<&str> = spellings.iter().map(|(text, _)| *text).collect();
    let spelled_idents: Vec<&proc_macro2::Ident> =
        spellings.iter().map(|(_, ident)| ident).collect();
    let case_fallback = if e.case_insensitive {
        quote!({
            #(if value.eq_ignore_ascii_case(#spelled) {
                return ::std::option::Option::Some(#name::#spelled_idents);
            })*
            ::std::option::Option::None
        })
    } else {
        quote!(None)
    };
    let visit_str = if e.extensible {
        quote!(Ok(#name::from_wire(value)))
    } else {
        quote!(#name::known(value).ok_or_else(|| E::unknown_variant(value, #name::VALUES)))
    };
    let visit_string = if e.extensible {
        quote!(
            fn visit_string<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#name, E> {
                // The owned string becomes the unknown value without a copy.
                Ok(match #name::known(&value) {
                    ::std::option::Option::Some(known) => known,
                    ::std::option::Option::None => #name::#catch_all(UnknownValue(value)),
                })
            }
        )
    } else {
        quote!()
    };
    let (expecting, integer_visitors, any_kind) = if e.integer_values.is_empty() {
        (format!("a `{}` string", def.name), quote!(), false)
    } else {
        // `x-enum-integer-values`: some payloads send the value's number instead of its name.
        let codes = e.integer_values.iter().map(|(code, _)| *code);
        let code_idents = e
            .integer_values
            .iter()
            .map(|(_, ident)| format_ident!("{}", ident));
        (
            format!("a `{}` string or its integer code", def.name),
            quote!(
                fn visit_i64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                    match value {
                        #(#codes => Ok(#name::#code_idents),)*
                        _ => Err(E::invalid_value(::eventgen_runtime::__private::serde::de::Unexpected::Signed(value), &self)),
                    }
                }
                fn visit_u64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                    match i64::try_from(value) {
                        Ok(value) => self.visit_i64(value),
                        Err(_) => Err(E::invalid_value(::eventgen_runtime::__private::serde::de::Unexpected::Unsigned(value), &self)),
                    }
                }
            ),
            true,
        )
    };
    let conversions = if e.extensible {
        quote!(
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    #name::from_wire(value)
                }
            }
            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    Ok(#name::from_wire(value))
                }
            }
        )
    } else {
        let type_name = def.name.clone();
        quote!(
            impl ::std::str::FromStr for #name {
                type Err = ::eventgen_runtime::ParseEnumError;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    #name::known(value).ok_or_else(|| ::eventgen_runtime::ParseEnumError::new(#type_name, value))
                }
            }
        )
    };
    let deserialize = super::visitor::deserialize_impl(
        &name,
        super::rust_types::Form::Owned,
        &expecting,
        quote! {
            fn visit_str<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                #visit_str
            }
            #visit_string
            #integer_visitors
        },
        |visitor| {
            if any_kind {
                quote!(deserializer.deserialize_any(#visitor))
            } else {
                quote!(deserializer.deserialize_str(#visitor))
            }
        },
    );
    let json_schema = super::visitor::json_schema_impl(
        &name,
        quote!(::eventgen_runtime::__private::schema::string_enum(#name::VALUES, #catch_all_schema)),
        schemars,
    );
    let derives = super::derives::derive_attr(def, false, false);
    let config_attrs = super::rust_types::config_attrs(&def.attributes);
    quote! {
            #doc
            #derives
            #config_attrs
            #[non_exhaustive]
            pub enum #name {
                #(#variant_docs #idents,)*
                #catch_all_variant
            }

            impl #name {
                /// Every value the schema lists, in schema order.
                pub const VALUES: &'static [&'static str] = &[#(#values),*];

                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#name::#idents => #values,)*
                        #catch_all_str
                    }
                }

                fn known(value: &str) -> ::std::option::Option<Self> {
                    match value {
                        #(#spelled => ::std::option::Option::Some(#name::#spelled_idents),)*
                        _ => #case_fallback,
                    }
                }

                #from_wire
            }

            #conversions

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::eventgen_runtime::__private::serde::Serialize for #name {
                fn serialize<S: ::eventgen_runtime::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            #deserialize

    #json_schema
        }
}

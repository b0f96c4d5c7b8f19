//! `oneOf` / `anyOf` of distinct schemas: an enum with one variant per option. Serialization is
//! serde's `untagged`; parsing is written out: the value is buffered once as its exact text
//! (so options holding `RawJson` keep it byte for byte, which serde's untagged buffer cannot),
//! then the options are tried in the order the IR's `UnionSelection` gives.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, rust_type};
use crate::ir::{TypeDef, TypeRef, UnionDef, UnionSelection};

pub fn emit_union(def: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut doc = def.doc.clone().unwrap_or_else(|| format!("One of the `{}` options.", def.name));
    match u.selection {
        UnionSelection::FirstFit => doc.push_str("\n\nParsed by trying each option in order; the first that fits wins."),
        UnionSelection::MostKnownKeys => doc.push_str(
            "\n\nAn object is parsed as the option that declares most of its keys (ties in order), so no option \
             drops keys another keeps; other values by trying each option in order.",
        ),
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    let doc = doc_attrs(Some(&doc));
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let ty = rust_type(&v.ty);
        let fallback = format!("The `{}` option.", v.ident);
        let doc = doc_attrs(Some(v.doc.as_deref().unwrap_or(&fallback)));
        // Timestamps are RFC 3339 strings on the wire.
        let with = if v.ty == TypeRef::DateTime {
            quote!(#[serde(serialize_with = "::time::serde::rfc3339::serialize")] #[cfg_attr(feature = "schemars", schemars(with = "::std::string::String"))])
        } else {
            quote!()
        };
        quote!(#doc #with #ident(#ty),)
    });
    let derives = super::derives::derive_attr(def, &[quote!(::serde::Serialize)]);
    let deserialize = emit_deserialize(def, u);
    quote! {
        #doc
        #derives
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
        #deserialize
    }
}

/// `impl Deserialize`: buffer the value's text once, try the options in order (by known keys
/// first when the union selects so), and on failure name the option tried first.
fn emit_deserialize(def: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let indexes: Vec<Literal> = (0..u.variants.len()).map(Literal::usize_unsuffixed).collect();
    let count = Literal::usize_unsuffixed(u.variants.len());
    let order = match u.selection {
        UnionSelection::FirstFit => quote!(let order: [usize; #count] = [#(#indexes),*];),
        UnionSelection::MostKnownKeys => {
            let scores = u.variants.iter().map(|v| {
                let keys = &v.known_keys;
                quote!(::eventgen_runtime::__private::known_key_count(&keys, &[#(#keys),*]))
            });
            quote! {
                let keys = ::eventgen_runtime::__private::object_keys(text);
                let mut scored: [(usize, usize); #count] = [#((#scores, #indexes)),*];
                scored.sort_by_key(|&(known, index)| (::std::cmp::Reverse(known), index));
                let order = scored.map(|(_, index)| index);
            }
        }
    };
    let attempts = u.variants.iter().zip(&indexes).map(|(v, index)| {
        let ident = format_ident!("{}", v.ident);
        let label = &v.ident;
        let parse = if v.ty == TypeRef::DateTime {
            quote!(::eventgen_runtime::__private::parse_rfc3339_option(text))
        } else {
            let ty = rust_type(&v.ty);
            quote!(::eventgen_runtime::__private::parse_option::<#ty>(text))
        };
        quote!(#index => (#label, #parse.map(#name::#ident)),)
    });
    let type_name = &def.name;
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let raw = <::eventgen_runtime::RawJson as ::serde::Deserialize>::deserialize(deserializer)?;
                let text = raw.get();
                #order
                let mut closest = ::std::option::Option::None;
                for index in order {
                    let (option, parsed) = match index {
                        #(#attempts)*
                        _ => continue,
                    };
                    match parsed {
                        ::std::result::Result::Ok(parsed) => return ::std::result::Result::Ok(parsed),
                        ::std::result::Result::Err(error) => {
                            closest.get_or_insert((option, error));
                        }
                    }
                }
                ::std::result::Result::Err(::eventgen_runtime::__private::no_option_fits(#type_name, closest))
            }
        }
    }
}

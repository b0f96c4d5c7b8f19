//! `oneOf` / `anyOf` of distinct schemas: an enum with one variant per option. Serialization is
//! serde's `untagged`; parsing is too when the union selects first-fit, and is written out when
//! it selects objects by known keys (see `UnionSelection`).

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
            quote!(#[serde(with = "::time::serde::rfc3339")] #[cfg_attr(feature = "schemars", schemars(with = "::std::string::String"))])
        } else {
            quote!()
        };
        quote!(#doc #with #ident(#ty),)
    });
    let (serde_derives, deserialize) = match u.selection {
        UnionSelection::FirstFit => (vec![quote!(::serde::Serialize), quote!(::serde::Deserialize)], quote!()),
        UnionSelection::MostKnownKeys => (vec![quote!(::serde::Serialize)], by_known_keys(def, u)),
    };
    let derives = super::derives::derive_attr(def, &serde_derives);
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

/// `impl Deserialize` for a union that selects objects by known keys: the value is buffered
/// once, options are tried by how many of the object's keys they declare (most first, ties in
/// order), and the first that parses wins. On failure the error names the best candidate.
fn by_known_keys(def: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let indexes: Vec<Literal> = (0..u.variants.len()).map(Literal::usize_unsuffixed).collect();
    let scores = u.variants.iter().map(|v| {
        let keys = &v.known_keys;
        if keys.is_empty() {
            quote!(0)
        } else {
            quote!(known(&[#(#keys),*]))
        }
    });
    let attempts = u.variants.iter().zip(&indexes).map(|(v, index)| {
        let ident = format_ident!("{}", v.ident);
        let label = &v.ident;
        let parse = if v.ty == TypeRef::DateTime {
            quote!(::time::serde::rfc3339::deserialize(&value))
        } else {
            let ty = rust_type(&v.ty);
            quote!(<#ty as ::serde::Deserialize>::deserialize(&value))
        };
        quote!(#index => (#label, #parse.map(#name::#ident)),)
    });
    let count = Literal::usize_unsuffixed(u.variants.len());
    let type_name = &def.name;
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                // How many of the object's keys an option declares (its keys are sorted).
                let known = |keys: &[&str]| {
                    value.as_object().map_or(0, |object| object.keys().filter(|key| keys.binary_search(&key.as_str()).is_ok()).count())
                };
                let mut order: [(usize, usize); #count] = [#((#scores, #indexes)),*];
                order.sort_by_key(|&(known, index)| (::std::cmp::Reverse(known), index));
                let mut closest: ::std::option::Option<(&str, ::serde_json::Error)> = ::std::option::Option::None;
                for (_, index) in order {
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
                let (option, error) = closest.map_or(("", ::std::string::String::new()), |(option, error)| (option, error.to_string()));
                ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(::std::format_args!(
                    "data did not match any option of `{}`; as `{}`: {}", #type_name, option, error
                )))
            }
        }
    }
}

//! `oneOf` / `anyOf` of distinct schemas: an untagged enum, tried in schema order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, rust_type};
use crate::ir::{TypeDef, TypeRef, UnionDef};

pub fn emit_union(def: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut doc = def.doc.clone().unwrap_or_else(|| format!("One of the `{}` options.", def.name));
    doc.push_str("\n\nParsed by trying each option in order; the first that fits wins.");
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
    let derives = super::derives::derive_attr(def, &[quote!(::serde::Serialize), quote!(::serde::Deserialize)]);
    quote! {
        #doc
        #derives
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

//! `oneOf` / `anyOf` of distinct schemas: an enum with one variant per option, declared for the
//! runtime's `#[derive(OneOf)]`, which writes its parser: the value is buffered once as its
//! exact text (so options holding `RawJson` keep it byte for byte, which serde's untagged buffer
//! cannot), then the options are tried in the order the IR's `UnionSelection` gives.
//! Serialization is serde's `untagged`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, rust_type, Form};
use crate::ir::{Output, TypeDef, TypeRef, UnionDef, UnionSelection};

pub fn emit_union(def: &TypeDef, u: &UnionDef, form: Form<'_>, output: &Output) -> TokenStream {
    let schemars = &output.schemars;
    let name = format_ident!("{}", def.name);
    let generics = form.generics();
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("One of the `{}` options.", def.name));
    match u.selection {
        UnionSelection::FirstFit => doc.push_str("\n\nParsed by trying each option in order; the first that fits wins."),
        UnionSelection::MostKnownKeys => doc.push_str(
            "\n\nAn object is parsed as the option that declares most of its keys (ties in order), so no option \
             drops keys another keeps; other values by trying each option in order.",
        ),
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    if let Form::Borrowed(_) = form {
        doc.push_str(&format!("\n\nBorrowed from the input: [`super::{}`] with strings and open values as slices of it.", def.name));
    }
    let doc = doc_attrs(Some(&doc));
    let most_known_keys = u.selection == UnionSelection::MostKnownKeys;
    let variants = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let ty = rust_type(&v.ty, form);
        let fallback = format!("The `{}` option.", v.ident);
        let doc = doc_attrs(Some(v.doc.as_deref().unwrap_or(&fallback)));
        // Timestamps are RFC 3339 strings on the wire.
        let with = match (v.ty == TypeRef::DateTime, form) {
            (false, _) => super::rust_types::number_form(&v.ty),
            (true, Form::Owned) => {
                let schema = gate::part_attr(schemars, quote!(schemars(with = "::std::string::String")));
                quote!(#[serde(serialize_with = "::eventgen_runtime::time::serde::rfc3339::serialize")] #schema)
            }
            (true, Form::Borrowed(_)) => quote!(#[serde(serialize_with = "::eventgen_runtime::time::serde::rfc3339::serialize")]),
        };
        let mut args = Vec::new();
        if v.ty == TypeRef::DateTime {
            args.push(quote!(rfc3339));
        }
        if most_known_keys {
            args.extend(v.known_keys.iter().map(|key| quote!(key = #key)));
        }
        let declaration = (!args.is_empty()).then(|| quote!(#[eventgen(#(#args),*)]));
        quote!(#doc #with #declaration #ident(#ty),)
    });
    let derives = super::derives::derive_attr(def);
    // The `Config`'s attributes go on the owned form, the one users build and name.
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&def.attributes),
        Form::Borrowed(_) => quote!(),
    };
    let args = match most_known_keys {
        true => vec![quote!(most_known_keys)],
        false => Vec::new(),
    };
    let declaration = super::declarations::type_declaration(def, form, output, args);
    // The borrowed form's schema is the owned form's: only the owned one derives it.
    let schemars_derive = match form {
        Form::Owned => super::derives::schemars_derive(schemars, None),
        Form::Borrowed(_) => quote!(),
    };
    quote! {
        #doc
        #derives
        #config_attrs
        #schemars_derive
        #declaration
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name #generics {
            #(#variants)*
        }
    }
}

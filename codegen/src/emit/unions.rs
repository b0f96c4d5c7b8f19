//! `oneOf` / `anyOf` of distinct schemas: an enum with one variant per option. Serialization is
//! serde's `untagged`; parsing is written out: the value is buffered once as its exact text
//! (so options holding `RawJson` keep it byte for byte, which serde's untagged buffer cannot),
//! then the options are tried in the order the IR's `UnionSelection` gives.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, into_owned, rust_type, Form};
use crate::ir::{Part, TypeDef, TypeRef, UnionDef, UnionSelection};

pub fn emit_union(def: &TypeDef, u: &UnionDef, form: Form<'_>, schemars: &Part) -> TokenStream {
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
        quote!(#doc #with #ident(#ty),)
    });
    let derives = super::derives::derive_attr(def, true, None);
    // The `Config`'s attributes go on the owned form, the one users build and name.
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&def.attributes),
        Form::Borrowed(_) => quote!(),
    };
    let deserialize = emit_deserialize(def, u, form);
    // The borrowed form's schema is the owned form's: only the owned one derives it.
    let schemars_derive = match form {
        Form::Owned => super::derives::schemars_derive(schemars, None),
        Form::Borrowed(_) => quote!(),
    };
    let owned = owned_conversion(def, u, form);
    quote! {
        #doc
        #derives
        #config_attrs
        #schemars_derive
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name #generics {
            #(#variants)*
        }
        #owned
        #deserialize
    }
}

/// `into_owned()` of a borrowed union: the same option, converted.
fn owned_conversion(def: &TypeDef, u: &UnionDef, form: Form<'_>) -> TokenStream {
    let Form::Borrowed(_) = form else {
        return quote!();
    };
    let name = format_ident!("{}", def.name);
    let arms = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let value = into_owned(quote!(v), &v.ty, form);
        quote!(#name::#ident(v) => super::#name::#ident(#value),)
    });
    let doc = doc_attrs(Some(&format!(
        "The owned [`super::{}`]: copies every borrowed string.",
        def.name
    )));
    let trait_impl = super::rust_types::into_owned_trait_impl(&name);
    quote! {
        impl<'a> #name<'a> {
            #doc
            pub fn into_owned(self) -> super::#name {
                match self { #(#arms)* }
            }
        }
        #trait_impl
    }
}

/// `impl Deserialize`: buffer the value's text once, try the options in order (by known keys
/// first when the union selects so), and on failure name the option tried first.
fn emit_deserialize(def: &TypeDef, u: &UnionDef, form: Form<'_>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let indexes: Vec<Literal> = (0..u.variants.len())
        .map(Literal::usize_unsuffixed)
        .collect();
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
            let ty = rust_type(&v.ty, form);
            quote!(::eventgen_runtime::__private::parse_option::<#ty>(text))
        };
        quote!(#index => (#label, #parse.map(#name::#ident)),)
    });
    let type_name = &def.name;
    // The owned form buffers the value's text; the borrowed form's is a slice of the input.
    let (impl_head, buffer) = match form {
        Form::Owned => (
            quote!(impl<'de> ::eventgen_runtime::__private::serde::Deserialize<'de> for #name),
            quote!(let raw = <::eventgen_runtime::RawJson as ::eventgen_runtime::__private::serde::Deserialize>::deserialize(deserializer)?;),
        ),
        Form::Borrowed(_) => (
            quote!(impl<'de: 'a, 'a> ::eventgen_runtime::__private::serde::Deserialize<'de> for #name<'a>),
            quote!(let raw = <::eventgen_runtime::borrowed::RawJson<'de> as ::eventgen_runtime::__private::serde::Deserialize>::deserialize(deserializer)?;),
        ),
    };
    quote! {
        #impl_head {
            fn deserialize<D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #buffer
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

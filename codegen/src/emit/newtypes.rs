//! Newtypes: an event payload that is not an object, enum or union (`data` may be any JSON
//! value), named so that `EventData` can hold it. `pub struct Name(pub T)`, read and written
//! exactly as `T` is (the runtime's `#[derive(Newtype)]` reads it); the borrowed form wraps
//! `T`'s borrowed form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, rust_type, Form};
use crate::ir::{Output, TypeDef, TypeRef};

pub fn emit_newtype(
    def: &TypeDef,
    inner: &TypeRef,
    form: Form<'_>,
    output: &Output,
) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let generics = form.generics();
    let ty = rust_type(inner, form);
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` payload.", def.name));
    doc.push_str(&format!(
        "\n\nA payload that is {}, read and written as such.",
        inner.describe()
    ));
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    if let Form::Borrowed(_) = form {
        doc.push_str(&format!(
            "\n\nBorrowed from the input: [`super::{}`] with strings and open values as slices of it.",
            def.name
        ));
    }
    let doc = doc_attrs(Some(&doc));
    let derives = super::derives::derive_attr(def);
    // The `Config`'s attributes go on the owned form, the one users build and name.
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&def.attributes),
        Form::Borrowed(_) => quote!(),
    };
    let owned = match form {
        // `#[non_exhaustive]` keeps the constructor in this crate, as structs' `new` does.
        Form::Owned => quote! {
            impl #name {
                /// The payload holding `value`.
                pub fn new(value: #ty) -> Self {
                    #name(value)
                }
            }
        },
        Form::Borrowed(_) => quote!(),
    };
    // An asserted timestamp is RFC 3339 text, read and written as the runtime does everywhere.
    let field_attr = match inner {
        TypeRef::DateTime => quote!(
            #[serde(serialize_with = "::eventgen_runtime::time::serde::rfc3339::serialize")]
            #[eventgen(rfc3339)]
        ),
        _ => super::rust_types::number_form(inner),
    };
    let declaration = super::declarations::type_declaration(def, form, output, Vec::new());
    quote! {
        #doc
        #derives
        #config_attrs
        #declaration
        #[serde(transparent)]
        #[non_exhaustive]
        pub struct #name #generics(#field_attr pub #ty);

        #owned
    }
}

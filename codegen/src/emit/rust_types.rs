//! The one place where IR types become Rust types, for either generated form: the owned types,
//! and the borrowed ones (`borrowed::Name<'a>`) whose strings and open values are slices of the
//! input. Strings go through [`string_type`] only.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::BTreeSet;

use crate::ir::{FieldDef, TypeRef};

/// Which generated form a type is written for.
#[derive(Clone, Copy)]
pub enum Form<'m> {
    /// The owned types (`String`, `RawJson`, …), at the root of the generated module.
    Owned,
    /// The borrowed types, in the generated `borrowed` module, given the names of the types that
    /// borrow (`Model::borrowing_types`); the others are the owned ones, named from the parent module.
    Borrowed(&'m BTreeSet<String>),
}

impl Form<'_> {
    /// The generics of a type that borrows: `<'a>` in the borrowed form.
    pub fn generics(self) -> TokenStream {
        match self {
            Form::Owned => quote!(),
            Form::Borrowed(_) => quote!(<'a>),
        }
    }

    /// Whether a value of `ty` holds a lifetime in this form.
    pub fn borrows(self, ty: &TypeRef) -> bool {
        match self {
            Form::Owned => false,
            Form::Borrowed(borrowing) => crate::finalize::ty_borrows(ty, borrowing),
        }
    }
}

/// A JSON string: `String`, or a slice of the input unless an escape forces a copy.
pub fn string_type(form: Form<'_>) -> TokenStream {
    match form {
        Form::Owned => quote!(::std::string::String),
        Form::Borrowed(_) => quote!(::eventgen_runtime::borrowed::CowStr<'a>),
    }
}

pub fn rust_type(ty: &TypeRef, form: Form<'_>) -> TokenStream {
    match ty {
        TypeRef::String => string_type(form),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(::eventgen_runtime::time::OffsetDateTime),
        TypeRef::DateTimeText => quote!(::eventgen_runtime::DateTime),
        // Exactly as received: key order, number spelling, one allocation.
        TypeRef::Any => match form {
            Form::Owned => quote!(::eventgen_runtime::RawJson),
            Form::Borrowed(_) => quote!(::eventgen_runtime::borrowed::RawJson<'a>),
        },
        TypeRef::Unit => quote!(()),
        TypeRef::Named(name) => {
            let ident = format_ident!("{}", name);
            match form {
                Form::Owned => quote!(#ident),
                Form::Borrowed(_) if form.borrows(ty) => quote!(#ident<'a>),
                Form::Borrowed(_) => quote!(super::#ident),
            }
        }
        TypeRef::Array(item) => {
            let item = rust_type(item, form);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, form);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::Tuple(items) => {
            let items = items.iter().map(|item| rust_type(item, form));
            quote!((#(#items,)*))
        }
        // Maps keep the order received, without serde_json's crate-wide `preserve_order`.
        // Keys are the form's string type: `String`, or `CowStr<'a>` borrowed from the body.
        TypeRef::Map(value) => {
            let key = string_type(form);
            let value = rust_type(value, form);
            quote!(::eventgen_runtime::OrderedMap<#key, #value>)
        }
    }
}

/// The declared type of a struct field: boxed when `finalize` boxed it, `Option` when optional.
pub fn field_type(field: &FieldDef, form: Form<'_>) -> TokenStream {
    wrap_field(rust_type(&field.ty, form), field)
}

/// `ty` as the field holds it: boxed when `finalize` boxed it, then in an `Option` whose `None`
/// is `null` when nullable, then in one whose `None` is absence when not required
/// (`ir::Presence`).
pub fn wrap_field(mut ty: TokenStream, field: &FieldDef) -> TokenStream {
    if field.boxed.is_some() {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if field.nullable {
        ty = quote!(::std::option::Option<#ty>);
    }
    if !field.required {
        ty = quote!(::std::option::Option<#ty>);
    }
    ty
}

/// `#[serde(serialize_with)]` for a value of `ty` that holds an `f64`, so its numbers are
/// written in the number form (`123`, not `123.0`: `eventgen_runtime`'s `number_form.rs`).
/// Named types write their own numbers; a type that mixes one into a tuple with numbers
/// (rare) writes its numbers as `f64`s.
pub fn number_form(ty: &TypeRef) -> TokenStream {
    if writes_number_form(ty) {
        quote!(#[serde(serialize_with = "::eventgen_runtime::__private::serialize_number_form")])
    } else {
        quote!()
    }
}

/// Whether a value of `ty` is written through the runtime's number form ([`number_form`]).
pub fn writes_number_form(ty: &TypeRef) -> bool {
    holds_number(ty) && number_form_applies(ty)
}

fn holds_number(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::F64 => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_number(inner)
        }
        TypeRef::Tuple(items) => items.iter().any(holds_number),
        _ => false,
    }
}

/// Whether the runtime's `NumberForm` covers every part of `ty`.
fn number_form_applies(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) | TypeRef::DateTime => false,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            number_form_applies(inner)
        }
        TypeRef::Tuple(items) => items.iter().all(number_form_applies),
        _ => true,
    }
}

/// `#[doc]` attributes for a description, one per line: the one way generated code gets docs.
/// Control characters other than tab are written escaped (`\r`), since a doc comment cannot
/// hold them and schema text (descriptions, property keys, event types) may.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else {
        return TokenStream::new();
    };
    let lines = doc.lines().map(|line| {
        let mut text = String::from(" ");
        for c in line.chars() {
            if c.is_control() && c != '\t' {
                text.extend(c.escape_default());
            } else {
                text.push(c);
            }
        }
        text
    });
    quote!(#(#[doc = #lines])*)
}

/// The attributes the `Config` added to a type or field (checked to parse when they were
/// settled onto the IR).
pub fn config_attrs(attributes: &[String]) -> TokenStream {
    attributes
        .iter()
        .map(|attribute| {
            attribute
                .parse::<TokenStream>()
                .expect("checked by attributes::apply")
        })
        .collect()
}

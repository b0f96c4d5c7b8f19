//! The one place where IR types become Rust types. Strings go through [`string_type`] only,
//! so a borrowed (zero-copy) form of the payload types can later swap it for `Cow<'a, str>`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{FieldDef, TypeRef};

pub fn string_type() -> TokenStream {
    quote!(::std::string::String)
}

pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => string_type(),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::DateTime => quote!(::time::OffsetDateTime),
        TypeRef::DateTimeText => quote!(::eventgen_runtime::DateTime),
        // Exactly as received: key order, number spelling, one allocation.
        TypeRef::Any => quote!(::eventgen_runtime::RawJson),
        TypeRef::Unit => quote!(()),
        TypeRef::Named(name) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
        TypeRef::Array(item) => {
            let item = rust_type(item);
            quote!(::std::vec::Vec<#item>)
        }
        // Maps keep the order received, without serde_json's crate-wide `preserve_order`.
        TypeRef::Map(value) => {
            let value = rust_type(value);
            quote!(::eventgen_runtime::OrderedMap<#value>)
        }
    }
}

/// The declared type of a struct field: boxed when it breaks a cycle, `Option` when optional.
pub fn field_type(field: &FieldDef) -> TokenStream {
    wrap_field(rust_type(&field.ty), field)
}

/// `ty` as the field holds it: boxed when it breaks a cycle, `Option` when optional.
pub fn wrap_field(mut ty: TokenStream, field: &FieldDef) -> TokenStream {
    if field.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if field.is_optional() {
        ty = quote!(::std::option::Option<#ty>);
    }
    ty
}

/// `#[doc]` attributes for a description, one per line.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else { return TokenStream::new() };
    let lines = doc.lines().map(|line| format!(" {line}"));
    quote!(#(#[doc = #lines])*)
}

//! Base models as traits. A struct that extends a base (through `allOf`) has the base's fields
//! copied in, so parsing never buffers; the trait gives read access to those fields, so code can
//! be generic over every model that extends the base. Traits mirror the `allOf` hierarchy with
//! supertraits, so each accessor is declared once.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, rust_type, Form};
use crate::ir::{BaseDef, FieldDef, Model, Presence, TypeKind, TypeRef};

pub fn emit_base(model: &Model, base: &BaseDef) -> TokenStream {
    let name = format_ident!("{}", base.name);
    let origin = base.origin.to_string();
    let reexport = base
        .extern_module
        .as_ref()
        .map(|module| super::externs::reexport(&base.name, module, &origin, false));
    let mut doc = base
        .doc
        .clone()
        .unwrap_or_else(|| format!("The fields of the `{}` base model.", base.name));
    doc.push_str(&format!(
        "\n\nImplemented by every model that extends `{}`; its fields are copied into those models.",
        base.name
    ));
    doc.push_str(&format!("\n\nSchema: `{}`.", base.origin));
    let doc = doc_attrs(Some(&doc));
    let supertraits: Vec<_> = base
        .extends
        .iter()
        .filter(|b| model.base_named(b).is_some())
        .map(|b| format_ident!("{}", b))
        .collect();
    let bound = if supertraits.is_empty() {
        quote!()
    } else {
        quote!(: #(#supertraits)+*)
    };
    let signatures = base
        .own_fields
        .iter()
        .zip(&base.accessors)
        .map(|(f, name)| {
            let (method, returns, _) = accessor(f, name);
            let doc = doc_attrs(Some(
                f.doc
                    .as_deref()
                    .unwrap_or(&format!("The `{}` property.", f.wire_name)),
            ));
            quote!(#doc fn #method(&self) -> #returns;)
        });
    let implementors = model
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Struct(s) if s.implements.contains(&base.name)))
        // The other crate implements its trait for its own types.
        .filter(|t| base.extern_module.is_none() || t.extern_module.is_none());
    let impls = implementors.map(|t| {
        let ty = format_ident!("{}", t.name);
        let methods = base
            .own_fields
            .iter()
            .zip(&base.accessors)
            .map(|(f, name)| {
                let (method, returns, body) = accessor(f, name);
                quote!(fn #method(&self) -> #returns { #body })
            });
        // Compiled with the struct: a base shared by several families outlives each of them.
        let cfg = super::gate::cfg_attr(&t.features);
        quote!(#cfg impl #name for #ty { #(#methods)* })
    });
    // A boxed model reads as the model: generic code takes `Box<T>` without `&**boxed`.
    let forwarded = base
        .own_fields
        .iter()
        .zip(&base.accessors)
        .map(|(f, name)| {
            let (method, returns, _) = accessor(f, name);
            quote!(fn #method(&self) -> #returns { (**self).#method() })
        });
    if let Some(reexport) = reexport {
        return quote!(#reexport #(#impls)*);
    }
    quote! {
        #doc
        pub trait #name #bound {
            #(#signatures)*
        }
        impl<T: #name + ?Sized> #name for ::std::boxed::Box<T> {
            #(#forwarded)*
        }
        #(#impls)*
    }
}

/// Method name, return type and body of the accessor for a field: strings as `&str`, `Copy`
/// values by value, everything else by reference; optional fields as `Option`, where an absent
/// key and a `null` are both `None` (the field itself tells them apart).
fn accessor(field: &FieldDef, method: &str) -> (proc_macro2::Ident, TokenStream, TokenStream) {
    let ident = format_ident!("{}", field.rust_name);
    let method = format_ident!("{}", method);
    if field.presence() == Presence::OptionalNullable {
        return nullable_accessor(field, &ident, method);
    }
    let optional = field.is_optional();
    let copy = matches!(
        field.ty,
        TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F64 | TypeRef::DateTime
    );
    let (returns, body) = match (&field.ty, optional) {
        (TypeRef::String, false) => (quote!(&str), quote!(&self.#ident)),
        (TypeRef::String, true) => (
            quote!(::std::option::Option<&str>),
            quote!(self.#ident.as_deref()),
        ),
        (ty, false) if copy => (rust_type(ty, Form::Owned), quote!(self.#ident)),
        (ty, true) if copy => {
            let ty = rust_type(ty, Form::Owned);
            (quote!(::std::option::Option<#ty>), quote!(self.#ident))
        }
        (ty, false) => {
            let ty = rust_type(ty, Form::Owned);
            (quote!(&#ty), quote!(&self.#ident))
        }
        (ty, true) => {
            let ty = rust_type(ty, Form::Owned);
            let body = if field.boxed.is_some() {
                quote!(self.#ident.as_deref())
            } else {
                quote!(self.#ident.as_ref())
            };
            (quote!(::std::option::Option<&#ty>), body)
        }
    };
    (method, returns, body)
}

/// [`accessor`] of an `Option<Option<T>>` field: the value, if one was sent.
fn nullable_accessor(
    field: &FieldDef,
    ident: &proc_macro2::Ident,
    method: proc_macro2::Ident,
) -> (proc_macro2::Ident, TokenStream, TokenStream) {
    let ty = rust_type(&field.ty, Form::Owned);
    let (returns, body) = match &field.ty {
        TypeRef::String => (
            quote!(::std::option::Option<&str>),
            quote!(self.#ident.as_ref().and_then(|v| v.as_deref())),
        ),
        TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F64 | TypeRef::DateTime => (
            quote!(::std::option::Option<#ty>),
            quote!(self.#ident.flatten()),
        ),
        _ if field.boxed.is_some() => (
            quote!(::std::option::Option<&#ty>),
            quote!(self.#ident.as_ref().and_then(|v| v.as_deref())),
        ),
        _ => (
            quote!(::std::option::Option<&#ty>),
            quote!(self.#ident.as_ref().and_then(::std::option::Option::as_ref)),
        ),
    };
    (method, returns, body)
}

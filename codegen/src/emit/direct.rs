//! `impl DirectParse` for the borrowed form: the runtime's direct parser reads payloads with these
//! instead of through serde (`eventgen_runtime::__private::DirectParse`). Each impl mirrors its
//! type's `Deserialize`: the same keys and aliases, the same slots; it gives up (`None`) wherever
//! that parse could fail or differ (a repeated or missing key, a closed enum's unknown value),
//! and hands values it does not read itself (escaped strings, floats, unions, maps, lenient wire
//! forms) to serde_json, so the serde parse stays the one definition of every value.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{rust_type, Form};
use crate::ir::{EnumDef, FieldDef, StructDef, TypeDef, TypeKind, TypeRef};

/// The impl for one type, in the borrowed module: on `Name<'a>` when the type borrows, on the
/// owned `super::Name` (which the borrowed form uses) when it does not.
pub fn emit_direct(def: &TypeDef, form: Form<'_>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let target = match def.borrows {
        true => quote!(#name<'a>),
        false => quote!(super::#name),
    };
    let body = match &def.kind {
        TypeKind::Struct(s) => struct_body(s, form),
        TypeKind::Enum(e) => enum_body(e),
        // Unions try options in turn and literals check listed values: serde_json reads them.
        TypeKind::Union(_) | TypeKind::Literal(_) => quote!(cursor.serde()),
        TypeKind::Newtype(inner) => newtype_body(inner, form),
    };
    quote! {
        impl<'a> ::eventgen_runtime::__private::DirectParse<'a> for #target {
            fn direct(cursor: &mut ::eventgen_runtime::__private::Cursor<'a>) -> ::std::option::Option<Self> {
                #body
            }
        }
    }
}

/// A plain string is matched as the enum's `Deserialize` matches it; anything else (escapes,
/// integer codes) goes to serde_json.
fn enum_body(e: &EnumDef) -> TokenStream {
    let known = match e.extensible {
        true => quote!(::std::option::Option::Some(Self::from_wire(value))),
        false => quote!(Self::known(value)),
    };
    quote! {
        match cursor.plain_str() {
            ::std::option::Option::Some(value) => #known,
            ::std::option::Option::None => cursor.serde(),
        }
    }
}

fn struct_body(s: &StructDef, form: Form<'_>) -> TokenStream {
    let slots: Vec<_> = (0..s.fields.len())
        .map(|i| format_ident!("f{}", i))
        .collect();
    // Each slot holds one value as read: the field's type, in an `Option` when `null` may be read.
    let slot_types = s
        .fields
        .iter()
        .map(|field| super::rust_types::wrap_read(rust_type(&field.ty, form), field));
    let arms = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let keys = std::iter::once(&field.wire_name).chain(&field.aliases);
        let read = read_field(field, slot, form);
        quote!(#(#keys)|* => #read,)
    });
    let values = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = format_ident!("{}", field.rust_name);
        // A missing required key gives up: the serde parse reports it.
        let slot = match field.required {
            true => quote!(#slot?),
            false => quote!(#slot),
        };
        let value = super::structs::slot_value(field, slot, quote!());
        quote!(#ident: #value,)
    });
    let (extra_slot, extra_arm, extra_value) = match &s.additional {
        Some(a) => {
            let ident = format_ident!("{}", a.rust_name);
            let value = rust_type(&a.ty, form);
            (
                quote!(let mut extra: ::std::vec::Vec<(_, #value)> = ::std::vec::Vec::new();),
                quote!(_ => {
                    let value = <#value as ::eventgen_runtime::__private::DirectParse<'a>>::direct(cursor)?;
                    extra.push((::std::convert::From::from(key), value));
                    ::std::option::Option::Some(())
                }),
                quote!(#ident: ::eventgen_runtime::OrderedMap::from_entries(extra),),
            )
        }
        // An undeclared key of a closed object: the serde parse reports it.
        None if s.closed => (
            quote!(),
            quote!(_ => { let _ = &cursor; ::std::option::Option::None }),
            quote!(),
        ),
        None => (quote!(), quote!(_ => cursor.skip(),), quote!()),
    };
    quote! {
        #(let mut #slots: ::std::option::Option<#slot_types> = ::std::option::Option::None;)*
        #extra_slot
        cursor.object(|cursor, key| match key {
            #(#arms)*
            #extra_arm
        })?;
        ::std::option::Option::Some(Self { #(#values)* #extra_value })
    }
}

/// Reading one field into its slot (which holds one value as read): RFC 3339 timestamps by the
/// runtime, other wire forms (lenient timestamps, numbers sent as strings) through their serde
/// wrapper, everything else by its own `DirectParse`.
fn read_field(field: &FieldDef, slot: &proc_macro2::Ident, form: Form<'_>) -> TokenStream {
    match (&field.ty, field.string_or_number, field.lenient_date_time) {
        (TypeRef::DateTime, _, false) => {
            let read = quote!(::eventgen_runtime::__private::direct_rfc3339(cursor));
            let read = match super::rust_types::reads_null(field) {
                true => {
                    quote!(if cursor.null() { ::std::option::Option::Some(::std::option::Option::None) } else { #read.map(::std::option::Option::Some) })
                }
                false => read,
            };
            quote!(cursor.put_with(&mut #slot, |cursor| #read))
        }
        (TypeRef::DateTime, _, _) | (_, true, _) => {
            // The serde slot's wrapper, read by serde_json and unwrapped as the serde parse does.
            let read_type = super::structs::read_type(field, form);
            let unwrap = super::structs::unwrap_read(field);
            quote!(cursor.put_with(&mut #slot, |cursor| cursor.serde::<#read_type>().map(|value| value #unwrap)))
        }
        _ => quote!(cursor.put(&mut #slot)),
    }
}

/// A newtype reads its value as its own type does; an asserted timestamp by the runtime.
fn newtype_body(inner: &TypeRef, form: Form<'_>) -> TokenStream {
    match inner {
        TypeRef::DateTime => {
            quote!(::eventgen_runtime::__private::direct_rfc3339(cursor).map(Self))
        }
        _ => {
            let ty = rust_type(inner, form);
            quote!(<#ty as ::eventgen_runtime::__private::DirectParse<'a>>::direct(cursor).map(Self))
        }
    }
}

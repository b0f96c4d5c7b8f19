//! `impl DirectParse` of the borrowed form: the runtime's direct parser reads the payload with
//! it instead of through serde. It reads the same keys and aliases into the same slots as the
//! `Deserialize` of the same declaration, gives up (`None`) wherever that parse could fail or
//! differ (a repeated or missing key, an undeclared key of a closed struct), and hands wire
//! forms it does not read itself to serde_json through the same wrappers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::declaration::{Payload, WireForm};

pub fn direct_parse(payload: &Payload) -> TokenStream {
    let name = &payload.name;
    let runtime = &payload.runtime;
    let private = quote!(#runtime::__private);
    let slots: Vec<_> = (0..payload.fields.len())
        .map(|i| format_ident!("f{}", i))
        .collect();
    // Each slot holds one value as read: the field's type, in an `Option` when `null` is read.
    let slot_types = payload.fields.iter().map(|f| {
        let core = &f.core;
        f.wrap_read(quote!(#core))
    });
    let arms = payload.fields.iter().zip(&slots).map(|(field, slot)| {
        let keys = std::iter::once(&field.key).chain(&field.aliases);
        let read = match field.wire {
            WireForm::Rfc3339 => {
                let read = quote!(#private::direct_rfc3339(cursor));
                let read = match field.reads_null() {
                    true => quote!(if cursor.null() { ::std::option::Option::Some(::std::option::Option::None) } else { #read.map(::std::option::Option::Some) }),
                    false => read,
                };
                quote!(cursor.put_with(&mut #slot, |cursor| #read))
            }
            WireForm::LenientDateTime | WireForm::StringOrNumber => {
                let read_type = field.serde_read_type(runtime);
                let unwrap = field.unwrap_read();
                quote!(cursor.put_with(&mut #slot, |cursor| cursor.serde::<#read_type>().map(|value| value #unwrap)))
            }
            WireForm::AsType => quote!(cursor.put(&mut #slot)),
        };
        quote!(#(#keys)|* => #read,)
    });
    let values = payload.fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = &field.ident;
        // A missing required key gives up: the serde parse reports it.
        let slot = match field.required {
            true => quote!(#slot?),
            false => quote!(#slot),
        };
        let value = field.slot_value(slot, quote!());
        quote!(#ident: #value,)
    });
    let (extra_slot, extra_arm, extra_value) = match &payload.extra {
        Some((ident, value)) => (
            quote!(let mut extra: ::std::vec::Vec<(_, #value)> = ::std::vec::Vec::new();),
            quote!(_ => {
                let value = <#value as #private::DirectParse<'a>>::direct(cursor)?;
                extra.push((::std::convert::From::from(key), value));
                ::std::option::Option::Some(())
            }),
            quote!(#ident: #runtime::OrderedMap::from_entries(extra),),
        ),
        None if payload.closed => (
            quote!(),
            quote!(_ => { let _ = &cursor; ::std::option::Option::None }),
            quote!(),
        ),
        None => (quote!(), quote!(_ => cursor.skip(),), quote!()),
    };
    // A borrowed struct is read as itself; an owned one (`direct`) for the borrowed form.
    let target = match payload.borrowed {
        true => quote!(#name<'a>),
        false => quote!(#name),
    };
    quote! {
        impl<'a> #private::DirectParse<'a> for #target {
            fn direct(cursor: &mut #private::Cursor<'a>) -> ::std::option::Option<Self> {
                #(let mut #slots: ::std::option::Option<#slot_types> = ::std::option::Option::None;)*
                #extra_slot
                cursor.object(|cursor, key| match key {
                    #(#arms)*
                    #extra_arm
                })?;
                ::std::option::Option::Some(Self { #(#values)* #extra_value })
            }
        }
    }
}

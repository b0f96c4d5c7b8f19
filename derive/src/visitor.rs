//! `impl Deserialize`: a map visitor with one slot per field. Keys are matched against the wire
//! key and every alias; a repeated key is `duplicate_field`, a missing required one
//! `missing_field` with the wire key, as serde's derive reports them. Undeclared keys are kept
//! (`#[serde(flatten)]` field), refused (`closed`) or skipped.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::declaration::Payload;

pub fn deserialize(payload: &Payload) -> TokenStream {
    let name = &payload.name;
    let runtime = &payload.runtime;
    let serde = quote!(#runtime::__private::serde);
    let private = quote!(#runtime::__private);
    let expecting = format!("a `{name}` object");
    let slots: Vec<_> = (0..payload.fields.len())
        .map(|i| format_ident!("f{}", i))
        .collect();
    let slot_types = payload.fields.iter().map(|f| f.serde_read_type(runtime));
    let arms = payload.fields.iter().zip(&slots).map(|(field, slot)| {
        let key = &field.key;
        let keys = std::iter::once(key).chain(&field.aliases);
        quote!(#(#keys)|* => #private::put(&mut #slot, &mut map, #key),)
    });
    // Required keys are checked together: one error exit for all of them (each exit drops every
    // slot, so exits, not fields, make a deserializer large).
    let required: Vec<_> = payload
        .fields
        .iter()
        .zip(&slots)
        .filter(|(f, _)| f.required)
        .collect();
    let required_check = if required.is_empty() {
        quote!()
    } else {
        let slots: Vec<_> = required.iter().map(|(_, slot)| *slot).collect();
        let keys = required.iter().map(|(f, _)| &f.key);
        quote! {
            let missing = [#((#slots.is_none(), #keys)),*];
            let (#(::std::option::Option::Some(#slots),)*) = (#(#slots,)*) else {
                let name = missing.iter().find(|(absent, _)| *absent).map_or("", |(_, name)| *name);
                return ::std::result::Result::Err(<A::Error as #serde::de::Error>::missing_field(name));
            };
        }
    };
    let values = payload.fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = &field.ident;
        let value = field.slot_value(quote!(#slot), field.unwrap_read());
        quote!(#ident: #value,)
    });
    let (extra_slot, extra_arm, extra_value) = match &payload.extra {
        Some((ident, value)) => {
            let (key_type, key) = match payload.borrowed {
                false => (quote!(::std::string::String), quote!(key.0.into_owned())),
                true => (
                    quote!(#runtime::borrowed::CowStr<'a>),
                    quote!(#runtime::borrowed::CowStr::from(key.0)),
                ),
            };
            (
                quote!(let mut extra: ::std::vec::Vec<(#key_type, #value)> = ::std::vec::Vec::new();),
                quote!(_ => map.next_value::<#value>().map(|value| extra.push((#key, value))),),
                quote!(#ident: #runtime::OrderedMap::from_entries(extra),),
            )
        }
        None if payload.closed => {
            let keys = payload
                .fields
                .iter()
                .flat_map(|f| std::iter::once(&f.key).chain(&f.aliases));
            (
                quote!(),
                quote!(other => ::std::result::Result::Err(<A::Error as #serde::de::Error>::unknown_field(other, &[#(#keys),*])),),
                quote!(),
            )
        }
        None => (
            quote!(),
            quote!(_ => map.next_value::<#serde::de::IgnoredAny>().map(|_| ()),),
            quote!(),
        ),
    };
    let (value_type, impl_generics, visitor_type, visitor) = match payload.borrowed {
        false => (
            quote!(#name),
            quote!(<'de>),
            quote!(Visitor),
            quote!(Visitor),
        ),
        true => (
            quote!(#name<'a>),
            quote!(<'de: 'a, 'a>),
            quote!(Visitor<'a>),
            quote!(Visitor(::std::marker::PhantomData)),
        ),
    };
    let visitor_struct = match payload.borrowed {
        false => quote!(
            struct Visitor;
        ),
        true => quote!(struct Visitor<'a>(::std::marker::PhantomData<#name<'a>>);),
    };
    quote! {
        impl #impl_generics #serde::Deserialize<'de> for #value_type {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #visitor_struct
                impl #impl_generics #serde::de::Visitor<'de> for #visitor_type {
                    type Value = #value_type;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: #serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#value_type, A::Error> {
                        #(let mut #slots: ::std::option::Option<#slot_types> = ::std::option::Option::None;)*
                        #extra_slot
                        while let ::std::option::Option::Some(key) = map.next_key::<#private::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                #extra_arm
                            }?;
                        }
                        #required_check
                        ::std::result::Result::Ok(#name { #(#values)* #extra_value })
                    }
                }
                deserializer.deserialize_map(#visitor)
            }
        }
    }
}

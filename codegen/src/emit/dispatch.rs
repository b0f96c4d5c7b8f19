//! Dispatch: a constant per event-type string, `EventKind` (a cheap tag chosen from the string),
//! and `EventData` (the typed payload, or the raw data of an event type without a schema).
//! The runtime reads the envelope with `data` kept raw, asks `EventKind` for the type, then
//! parses `data` once with `EventKind::deserialize_data`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, into_owned, rust_type, Form};
use crate::ir::{Model, TypeRef};

pub fn emit_dispatch(model: &Model) -> TokenStream {
    let events = &model.events;
    // The borrowed form's direct parser, then a copy of its strings (when there is that form).
    let direct_data = gate::part_cfg(&model.output.borrowed).map(|cfg| {
        quote! {
            #cfg
            fn direct_data(kind: EventKind, data: &str) -> ::std::option::Option<Self> {
                borrowed::EventData::direct_owned(kind, data)
            }
        }
    });
    // Each event's `#[cfg]`: on its constant, variants, match arms and list entries.
    let cfgs: Vec<TokenStream> = events
        .iter()
        .map(|e| gate::cfg_attr(e.feature.as_slice()))
        .collect();
    let constants = events.iter().zip(&cfgs).map(|(e, cfg)| {
        let constant = format_ident!("{}", e.constant);
        let value = &e.event_type;
        let doc = match &e.feature {
            Some(feature) => format!(
                "`{}`: data is [`{}`](super::{}). Feature `{feature}`.",
                e.event_type, e.payload, e.payload
            ),
            None => format!(
                "`{}`: data is [`{}`](super::{}).",
                e.event_type, e.payload, e.payload
            ),
        };
        let doc = doc_attrs(Some(&doc));
        quote!(#doc #cfg pub const #constant: &str = #value;)
    });
    let all_constants: Vec<_> = events
        .iter()
        .map(|e| format_ident!("{}", e.constant))
        .collect();
    let variants: Vec<_> = events
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let variant_names: Vec<&str> = events.iter().map(|e| e.variant.as_str()).collect();
    let payloads: Vec<_> = events
        .iter()
        .map(|e| format_ident!("{}", e.payload))
        .collect();
    let payload_names: Vec<&str> = events.iter().map(|e| e.payload.as_str()).collect();
    let json_schema = gate::part_cfg(&model.output.schemars).map(|cfg| {
        quote! {
            /// The JSON Schema of this kind's payload, derived from the generated type.
            #cfg
            pub fn json_schema(self) -> ::eventgen_runtime::__private::schemars::Schema {
                match self {
                    #(#cfgs EventKind::#variants => ::eventgen_runtime::__private::schemars::schema_for!(#payloads),)*
                }
            }
        }
    });
    let event_types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    let data_versions = events.iter().map(|e| match &e.data_version {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    });
    let kind_docs = events
        .iter()
        .map(|e| doc_attrs(Some(&format!("`{}`.", e.event_type))));
    let data_docs = events.iter().map(|e| {
        let text = match &e.doc {
            Some(d) => format!("`{}`: {d}", e.event_type),
            None => format!("`{}`.", e.event_type),
        };
        doc_attrs(Some(&text))
    });

    let (accessors, serialize) = (
        event_data_accessors(&cfgs, &variants),
        event_data_serialize(&cfgs, &variants, quote!()),
    );
    quote! {
        /// The event-type strings this crate has a schema for.
        pub mod event_types {
            #(#constants)*

            /// Every event type above.
            pub const ALL: &[&str] = &[#(#cfgs #all_constants),*];
        }

        /// Which event type an event is: one variant per schema.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum EventKind {
            #(#kind_docs #cfgs #variants,)*
        }

        impl EventKind {
            /// Every kind, sorted by event type.
            pub const ALL: &'static [EventKind] = &[#(#cfgs EventKind::#variants),*];

            /// The kind for an event-type string: an exact match, else one that differs only in
            /// ASCII case (Event Grid compares event types case-insensitively).
            pub fn from_event_type(event_type: &str) -> ::std::option::Option<Self> {
                match event_type {
                    #(#cfgs #event_types => ::std::option::Option::Some(EventKind::#variants),)*
                    _ => Self::ALL.iter().copied().find(|kind| kind.event_type().eq_ignore_ascii_case(event_type)),
                }
            }

            /// The event-type string.
            pub const fn event_type(self) -> &'static str {
                match self {
                    #(#cfgs EventKind::#variants => #event_types,)*
                }
            }

            /// The name of the `EventData` variant.
            pub const fn variant_name(self) -> &'static str {
                match self {
                    #(#cfgs EventKind::#variants => #variant_names,)*
                }
            }

            /// The name of the payload model (the service's own model name).
            pub const fn model_name(self) -> &'static str {
                match self {
                    #(#cfgs EventKind::#variants => #payload_names,)*
                }
            }

            /// The data version the schema describes.
            pub const fn data_version(self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#cfgs EventKind::#variants => #data_versions,)*
                }
            }

            #json_schema

            /// Parse an event's `data` as this kind's payload.
            pub fn deserialize_data<'de, D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<EventData, D::Error> {
                match self {
                    #(#cfgs EventKind::#variants => <#payloads as ::eventgen_runtime::__private::serde::Deserialize>::deserialize(deserializer).map(|data| EventData::#variants(::std::boxed::Box::new(data))),)*
                }
            }
        }

        /// The typed payload of an event.
        ///
        /// Event types without a schema parse as [`EventData::Unknown`], keeping their data byte for byte.
        /// Payloads are boxed: they are hundreds of bytes, and an event is moved several times
        /// between parsing and the caller.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum EventData {
            #(#data_docs #cfgs #variants(::std::boxed::Box<#payloads>),)*
            /// An event type without a schema here, with its data exactly as received.
            Unknown(UnknownEventData),
        }

        impl EventData {
            #accessors
        }

        #serialize

        /// The data of an event type without a schema (from the runtime crate).
        pub use ::eventgen_runtime::UnknownEventData;

        /// Lets the runtime (`parse_delivery`, the webhook, `inspect`) read deliveries of these events.
        impl ::eventgen_runtime::EventSet for EventData {
            type Kind = EventKind;

            fn kind_of(event_type: &str) -> ::std::option::Option<EventKind> {
                EventKind::from_event_type(event_type)
            }

            fn kind_name(kind: EventKind) -> &'static str {
                kind.variant_name()
            }

            fn deserialize_data<'de, D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(kind: EventKind, deserializer: D) -> ::std::result::Result<Self, D::Error> {
                kind.deserialize_data(deserializer)
            }

            #direct_data

            fn unknown(data: UnknownEventData) -> Self {
                EventData::Unknown(data)
            }

            fn as_unknown(&self) -> ::std::option::Option<&UnknownEventData> {
                match self {
                    EventData::Unknown(unknown) => ::std::option::Option::Some(unknown),
                    _ => ::std::option::Option::None,
                }
            }

            fn kind(&self) -> ::std::option::Option<EventKind> {
                EventData::kind(self)
            }
        }
    }
}

/// The borrowed `EventData<'a>` of the generated `borrowed` module: the same variants, with
/// payloads that borrow from the body, for `eventgen_runtime::borrowed::parse_delivery`.
pub fn emit_borrowed_dispatch(model: &Model, form: Form<'_>) -> TokenStream {
    let events = &model.events;
    let cfgs: Vec<TokenStream> = events
        .iter()
        .map(|e| gate::cfg_attr(e.feature.as_slice()))
        .collect();
    let variants: Vec<_> = events
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let payload_refs: Vec<TypeRef> = events
        .iter()
        .map(|e| TypeRef::Named(e.payload.clone()))
        .collect();
    let payloads: Vec<TokenStream> = payload_refs.iter().map(|ty| rust_type(ty, form)).collect();
    // A payload that does not borrow is already the owned one: its box moves across.
    let conversions = payload_refs.iter().map(|ty| match form.borrows(ty) {
        true => {
            let owned = into_owned(quote!((*data)), ty, form);
            quote!(::std::boxed::Box::new(#owned))
        }
        false => quote!(data),
    });
    // The owned payload straight from the direct parser's unboxed result: one box, the owned one.
    let direct_owned = payload_refs.iter().map(|ty| match form.borrows(ty) {
        true => into_owned(quote!(data), ty, form),
        false => quote!(data),
    });
    let data_docs = events
        .iter()
        .map(|e| doc_attrs(Some(&format!("`{}`.", e.event_type))));
    let (accessors, serialize) = (
        event_data_accessors(&cfgs, &variants),
        event_data_serialize(&cfgs, &variants, quote!(<'_>)),
    );
    quote! {
        /// The typed payload of an event, borrowed from the delivery's body: [`super::EventData`]
        /// with each payload in its borrowed form.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum EventData<'a> {
            #(#data_docs #cfgs #variants(::std::boxed::Box<#payloads>),)*
            /// An event type without a schema here, with its data as a slice of the body.
            Unknown(UnknownEventData<'a>),
        }

        impl<'a> EventData<'a> {
            #accessors

            /// The owned payload: copies every borrowed string.
            pub fn into_owned(self) -> super::EventData {
                match self {
                    #(#cfgs EventData::#variants(data) => super::EventData::#variants(#conversions),)*
                    EventData::Unknown(unknown) => super::EventData::Unknown(unknown.into_owned()),
                }
            }

            /// The owned `EventSet::direct_data`: `kind`'s payload read by the direct parser and
            /// copied, or `None` where the serde parse must decide.
            pub(super) fn direct_owned(kind: EventKind, data: &'a str) -> ::std::option::Option<super::EventData> {
                match kind {
                    #(#cfgs EventKind::#variants => ::eventgen_runtime::__private::direct_parse::<#payloads>(data).map(|data| super::EventData::#variants(::std::boxed::Box::new(#direct_owned))),)*
                }
            }
        }

        #serialize

        /// The data of an event type without a schema, borrowed (from the runtime crate).
        pub use ::eventgen_runtime::borrowed::UnknownEventData;

        /// Lets the runtime's `borrowed::parse_delivery` read deliveries of these events.
        impl<'a> ::eventgen_runtime::borrowed::EventSet<'a> for EventData<'a> {
            type Owned = super::EventData;

            fn deserialize_data<D: ::eventgen_runtime::__private::serde::Deserializer<'a>>(kind: EventKind, deserializer: D) -> ::std::result::Result<Self, D::Error> {
                match kind {
                    #(#cfgs EventKind::#variants => <#payloads as ::eventgen_runtime::__private::serde::Deserialize>::deserialize(deserializer).map(|data| EventData::#variants(::std::boxed::Box::new(data))),)*
                }
            }

            fn direct_data(kind: EventKind, data: &'a str) -> ::std::option::Option<Self> {
                match kind {
                    #(#cfgs EventKind::#variants => ::eventgen_runtime::__private::direct_parse::<#payloads>(data).map(|data| EventData::#variants(::std::boxed::Box::new(data))),)*
                }
            }

            fn unknown(data: UnknownEventData<'a>) -> Self {
                EventData::Unknown(data)
            }

            fn as_unknown(&self) -> ::std::option::Option<&UnknownEventData<'a>> {
                match self {
                    EventData::Unknown(unknown) => ::std::option::Option::Some(unknown),
                    _ => ::std::option::Option::None,
                }
            }

            fn kind(&self) -> ::std::option::Option<EventKind> {
                EventData::kind(self)
            }

            fn into_owned(self) -> super::EventData {
                EventData::into_owned(self)
            }
        }
    }
}

/// `kind()`, `event_type()` and `variant_name()`, the same in both forms of `EventData`.
fn event_data_accessors(cfgs: &[TokenStream], variants: &[proc_macro2::Ident]) -> TokenStream {
    quote! {
        /// The kind of a typed payload; `None` for [`EventData::Unknown`].
        pub fn kind(&self) -> ::std::option::Option<EventKind> {
            match self {
                #(#cfgs EventData::#variants(_) => ::std::option::Option::Some(EventKind::#variants),)*
                EventData::Unknown(_) => ::std::option::Option::None,
            }
        }

        /// The event-type string: the schema's for typed payloads, the received one otherwise.
        pub fn event_type(&self) -> &str {
            match self {
                EventData::Unknown(unknown) => &unknown.event_type,
                typed => typed.kind().map(EventKind::event_type).unwrap_or_default(),
            }
        }

        /// The variant's name (`"SmsReceived"`, …, `"Unknown"`).
        pub fn variant_name(&self) -> &'static str {
            match self.kind() {
                ::std::option::Option::Some(kind) => kind.variant_name(),
                ::std::option::Option::None => "Unknown",
            }
        }
    }
}

/// `impl Serialize` of either form of `EventData` (`generics`: `<'_>` for the borrowed one):
/// the payload alone, with the schema's property names; unknown data as received.
fn event_data_serialize(
    cfgs: &[TokenStream],
    variants: &[proc_macro2::Ident],
    generics: TokenStream,
) -> TokenStream {
    quote! {
        /// Serializes the payload alone (the event's `data`), with the schema's property names.
        impl ::eventgen_runtime::__private::serde::Serialize for EventData #generics {
            fn serialize<S: ::eventgen_runtime::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#cfgs EventData::#variants(data) => data.serialize(serializer),)*
                    EventData::Unknown(unknown) => unknown.serialize(serializer),
                }
            }
        }
    }
}

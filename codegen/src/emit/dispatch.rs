//! Dispatch: a constant per event-type string, `EventKind` (a cheap tag chosen from the string),
//! and `EventData` (the typed payload, or the raw data of an event type without a schema).
//! The runtime reads the envelope with `data` kept raw, asks `EventKind` for the type, then
//! parses `data` once with `EventKind::deserialize_data`. Both enums are declarations: the
//! runtime's `#[derive(EventKind)]` and `#[derive(EventData)]` write their methods and
//! `EventSet` impls from the variants a build compiles.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, rust_type, Form};
use crate::ir::{Model, TypeRef, DEFAULT_RUNTIME_PATH};

pub fn emit_dispatch(model: &Model) -> TokenStream {
    let events = &model.events;
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
    let payloads: Vec<_> = events
        .iter()
        .map(|e| format_ident!("{}", e.payload))
        .collect();
    let kind_declarations = events.iter().map(|e| {
        let event_type = &e.event_type;
        let payload = format_ident!("{}", e.payload);
        let version = e.data_version.as_ref().map(|v| quote!(, data_version = #v));
        quote!(#[eventgen(event_type = #event_type, data = #payload #version)])
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
    let json_schema = gate::part_attr(&model.output.schemars, quote!(eventgen(json_schema)));
    let direct = gate::part_attr(
        &model.output.borrowed,
        quote!(eventgen(direct = borrowed::EventData)),
    );
    let runtime = runtime_declaration(model);
    quote! {
        /// The event-type strings this crate has a schema for.
        pub mod event_types {
            #(#constants)*

            /// Every event type above.
            pub const ALL: &[&str] = &[#(#cfgs #all_constants),*];
        }

        /// Which event type an event is: one variant per schema.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::eventgen_runtime::EventKind)]
        #[eventgen(event_data = EventData)]
        #runtime
        #json_schema
        #[non_exhaustive]
        pub enum EventKind {
            #(#kind_docs #cfgs #kind_declarations #variants,)*
        }

        /// The typed payload of an event.
        ///
        /// Event types without a schema parse as [`EventData::Unknown`], keeping their data byte for byte.
        /// Payloads are boxed: they are hundreds of bytes, and an event is moved several times
        /// between parsing and the caller.
        #[derive(Debug, Clone, PartialEq, ::eventgen_runtime::EventData)]
        #[eventgen(kind = EventKind)]
        #runtime
        #direct
        #[non_exhaustive]
        pub enum EventData {
            #(#data_docs #cfgs #variants(::std::boxed::Box<#payloads>),)*
            /// An event type without a schema here, with its data exactly as received.
            #[eventgen(unknown)]
            Unknown(UnknownEventData),
        }

        /// The data of an event type without a schema (from the runtime crate).
        pub use ::eventgen_runtime::UnknownEventData;
    }
}

/// `#[eventgen(crate = …)]` when the runtime is not at its default path (the runtime-path pass
/// then puts the configured one in the string).
fn runtime_declaration(model: &Model) -> TokenStream {
    match model.output.runtime != DEFAULT_RUNTIME_PATH {
        true => quote!(#[eventgen(crate = #DEFAULT_RUNTIME_PATH)]),
        false => quote!(),
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
    let data_docs = events
        .iter()
        .map(|e| doc_attrs(Some(&format!("`{}`.", e.event_type))));
    let runtime = runtime_declaration(model);
    quote! {
        /// The typed payload of an event, borrowed from the delivery's body: [`super::EventData`]
        /// with each payload in its borrowed form.
        #[derive(Debug, Clone, PartialEq, ::eventgen_runtime::EventData)]
        #[eventgen(kind = EventKind, owned = super::EventData)]
        #runtime
        #[non_exhaustive]
        pub enum EventData<'a> {
            #(#data_docs #cfgs #variants(::std::boxed::Box<#payloads>),)*
            /// An event type without a schema here, with its data as a slice of the body.
            #[eventgen(unknown)]
            Unknown(UnknownEventData<'a>),
        }

        /// The data of an event type without a schema, borrowed (from the runtime crate).
        pub use ::eventgen_runtime::borrowed::UnknownEventData;
    }
}

//! `#[derive(EventKind)]` and `#[derive(EventData)]`: the dispatch of a generated event set,
//! from what its two enums declare. The generator used to print every `match` below per event
//! set, twice over for the borrowed form; now each enum only lists its variants.
//!
//! `#[cfg]` on a variant is applied before a derive runs, so the expansions match exactly the
//! variants a build compiles, and need no `cfg` of their own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{
    spanned::Spanned, Data, DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Type,
};

use crate::declaration::{borrows, eventgen_args};

/// One event type of `EventKind`.
struct Kind {
    ident: syn::Ident,
    event_type: String,
    data: syn::Path,
    data_version: Option<String>,
}

/// `EventKind`: a unit variant per event type, each declaring its event-type string, payload
/// type and data version.
pub fn derive_event_kind(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "`EventKind` is derived for enums only",
        ));
    };
    let mut runtime: syn::Path = syn::parse_quote!(::eventgen_runtime);
    let mut event_data: Option<syn::Path> = None;
    let mut json_schema = false;
    eventgen_args(&input.attrs, |meta| {
        if meta.path.is_ident("event_data") {
            event_data = Some(meta.value()?.parse()?);
        } else if meta.path.is_ident("json_schema") {
            json_schema = true;
        } else if meta.path.is_ident("crate") {
            runtime = meta.value()?.parse::<LitStr>()?.parse()?;
        } else {
            return Err(meta.error("unknown `eventgen` attribute of an `EventKind`"));
        }
        Ok(())
    })?;
    let event_data = event_data.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "an `EventKind` names its data enum: `#[eventgen(event_data = EventData)]`",
        )
    })?;
    let mut kinds = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return Err(syn::Error::new(
                variant.span(),
                "an `EventKind` variant has no fields",
            ));
        }
        let (mut event_type, mut data, mut data_version) = (None, None, None);
        eventgen_args(&variant.attrs, |meta| {
            if meta.path.is_ident("event_type") {
                event_type = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("data") {
                data = Some(meta.value()?.parse::<syn::Path>()?);
            } else if meta.path.is_ident("data_version") {
                data_version = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                return Err(meta.error("unknown `eventgen` attribute of an event kind"));
            }
            Ok(())
        })?;
        let missing = |what: &str| {
            syn::Error::new(variant.ident.span(), format!("an event kind declares its {what}: `#[eventgen(event_type = \"…\", data = Payload)]`"))
        };
        kinds.push(Kind {
            ident: variant.ident.clone(),
            event_type: event_type.ok_or_else(|| missing("event type"))?,
            data: data.ok_or_else(|| missing("payload type"))?,
            data_version,
        });
    }
    Ok(kind_impl(
        &input.ident,
        &event_data,
        &runtime,
        json_schema,
        &kinds,
    ))
}

fn kind_impl(
    name: &syn::Ident,
    event_data: &syn::Path,
    runtime: &syn::Path,
    json_schema: bool,
    kinds: &[Kind],
) -> TokenStream {
    let private = quote!(#runtime::__private);
    let variants: Vec<_> = kinds.iter().map(|k| &k.ident).collect();
    let event_types: Vec<_> = kinds.iter().map(|k| &k.event_type).collect();
    let variant_names: Vec<_> = variants.iter().map(|v| v.to_string()).collect();
    let payloads: Vec<_> = kinds.iter().map(|k| &k.data).collect();
    let model_names: Vec<_> = payloads
        .iter()
        .map(|p| {
            p.segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default()
        })
        .collect();
    let data_versions = kinds.iter().map(|k| match &k.data_version {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    });
    let json_schema = json_schema.then(|| {
        quote! {
            /// The JSON Schema of this kind's payload, derived from the generated type.
            pub fn json_schema(self) -> #private::schemars::Schema {
                match self {
                    #(#name::#variants => #private::schemars::schema_for!(#payloads),)*
                }
            }
        }
    });
    quote! {
        impl #name {
            /// Every kind, sorted by event type.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The kind for an event-type string: an exact match, else one that differs only in
            /// ASCII case (Event Grid compares event types case-insensitively).
            pub fn from_event_type(event_type: &str) -> ::std::option::Option<Self> {
                match event_type {
                    #(#event_types => ::std::option::Option::Some(#name::#variants),)*
                    _ => Self::ALL.iter().copied().find(|kind| kind.event_type().eq_ignore_ascii_case(event_type)),
                }
            }

            /// The event-type string.
            pub const fn event_type(self) -> &'static str {
                match self {
                    #(#name::#variants => #event_types,)*
                }
            }

            /// The name of the `EventData` variant.
            pub const fn variant_name(self) -> &'static str {
                match self {
                    #(#name::#variants => #variant_names,)*
                }
            }

            /// The name of the payload model (the service's own model name).
            pub const fn model_name(self) -> &'static str {
                match self {
                    #(#name::#variants => #model_names,)*
                }
            }

            /// The data version the schema describes.
            pub const fn data_version(self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#name::#variants => #data_versions,)*
                }
            }

            #json_schema

            /// Parse an event's `data` as this kind's payload.
            pub fn deserialize_data<'de, D: #private::serde::Deserializer<'de>>(self, deserializer: D) -> ::std::result::Result<#event_data, D::Error> {
                match self {
                    #(#name::#variants => <#payloads as #private::serde::Deserialize>::deserialize(deserializer).map(|data| #event_data::#variants(::std::boxed::Box::new(data))),)*
                }
            }
        }
    }
}

/// One typed variant of `EventData`: its name (the kind's) and payload type (inside its `Box`).
struct Typed {
    ident: syn::Ident,
    payload: Type,
}

/// `EventData` in either form: a variant per kind holding `Box<Payload>`, and the variant marked
/// `#[eventgen(unknown)]` for event types without a schema. The owned form (no lifetime) names
/// its kind enum and, when there is a borrowed form, that form's enum (`direct`); the borrowed
/// one names its owned form (`owned`).
pub fn derive_event_data(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "`EventData` is derived for enums only",
        ));
    };
    let mut runtime: syn::Path = syn::parse_quote!(::eventgen_runtime);
    let (mut kind, mut direct, mut owned) = (None, None, None);
    eventgen_args(&input.attrs, |meta| {
        if meta.path.is_ident("kind") {
            kind = Some(meta.value()?.parse::<syn::Path>()?);
        } else if meta.path.is_ident("direct") {
            direct = Some(meta.value()?.parse::<syn::Path>()?);
        } else if meta.path.is_ident("owned") {
            owned = Some(meta.value()?.parse::<syn::Path>()?);
        } else if meta.path.is_ident("crate") {
            runtime = meta.value()?.parse::<LitStr>()?.parse()?;
        } else {
            return Err(meta.error("unknown `eventgen` attribute of an `EventData`"));
        }
        Ok(())
    })?;
    let kind = kind.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "an `EventData` names its kind enum: `#[eventgen(kind = EventKind)]`",
        )
    })?;
    let mut typed = Vec::new();
    let mut unknown = None;
    for variant in &data.variants {
        let is_unknown = variant.attrs.iter().any(|a| {
            a.path().is_ident("eventgen")
                && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "unknown")
        });
        let Fields::Unnamed(fields) = &variant.fields else {
            return Err(syn::Error::new(
                variant.span(),
                "an `EventData` variant holds one value",
            ));
        };
        let [field] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
            return Err(syn::Error::new(
                variant.span(),
                "an `EventData` variant holds one value",
            ));
        };
        if is_unknown {
            unknown = Some(variant.ident.clone());
            continue;
        }
        let payload = boxed(&field.ty).ok_or_else(|| {
            syn::Error::new(
                field.ty.span(),
                "an `EventData` payload is boxed: `Box<Payload>`",
            )
        })?;
        typed.push(Typed {
            ident: variant.ident.clone(),
            payload: payload.clone(),
        });
    }
    let unknown = unknown.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "an `EventData` has a variant marked `#[eventgen(unknown)]`",
        )
    })?;
    let borrowed = input.generics.lifetimes().next().is_some();
    let set = Set {
        name: &input.ident,
        kind: &kind,
        runtime: &runtime,
        typed: &typed,
        unknown: &unknown,
    };
    let mut out = set.accessors_and_serialize(borrowed);
    match (borrowed, owned) {
        (true, Some(owned)) => out.extend(set.borrowed_event_set(&owned)),
        (true, None) => return Err(syn::Error::new(
            input.ident.span(),
            "a borrowed `EventData` names its owned form: `#[eventgen(owned = super::EventData)]`",
        )),
        (false, _) => out.extend(set.owned_event_set(direct.as_ref())),
    }
    Ok(out)
}

/// `T` of a `Box<T>` (written with any path to `Box`).
fn boxed(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Box" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// What both forms' expansions are printed from.
struct Set<'d> {
    name: &'d syn::Ident,
    kind: &'d syn::Path,
    runtime: &'d syn::Path,
    typed: &'d [Typed],
    unknown: &'d syn::Ident,
}

impl Set<'_> {
    /// `kind()`, `event_type()`, `variant_name()` and `Serialize`, the same in both forms.
    fn accessors_and_serialize(&self, borrowed: bool) -> TokenStream {
        let Set {
            name,
            kind,
            runtime,
            unknown,
            ..
        } = self;
        let private = quote!(#runtime::__private);
        let variants: Vec<_> = self.typed.iter().map(|t| &t.ident).collect();
        let (impl_generics, generics) = match borrowed {
            true => (quote!(<'a>), quote!(<'a>)),
            false => (quote!(), quote!()),
        };
        quote! {
            impl #impl_generics #name #generics {
                /// The kind of a typed payload; `None` for an event type without a schema.
                pub fn kind(&self) -> ::std::option::Option<#kind> {
                    match self {
                        #(#name::#variants(_) => ::std::option::Option::Some(#kind::#variants),)*
                        #name::#unknown(_) => ::std::option::Option::None,
                    }
                }

                /// The event-type string: the schema's for typed payloads, the received one otherwise.
                pub fn event_type(&self) -> &str {
                    match self {
                        #name::#unknown(unknown) => &unknown.event_type,
                        typed => typed.kind().map(#kind::event_type).unwrap_or_default(),
                    }
                }

                /// The variant's name (`"SmsReceived"`, …, `"Unknown"`).
                pub fn variant_name(&self) -> &'static str {
                    match self.kind() {
                        ::std::option::Option::Some(kind) => kind.variant_name(),
                        ::std::option::Option::None => stringify!(#unknown),
                    }
                }
            }

            /// Serializes the payload alone (the event's `data`), with the schema's property names.
            impl #impl_generics #private::serde::Serialize for #name #generics {
                fn serialize<S: #private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#name::#variants(data) => #private::serde::Serialize::serialize(data, serializer),)*
                        #name::#unknown(unknown) => #private::serde::Serialize::serialize(unknown, serializer),
                    }
                }
            }
        }
    }

    /// The owned form's `EventSet`, which `parse_delivery` reads through.
    fn owned_event_set(&self, direct: Option<&syn::Path>) -> TokenStream {
        let Set {
            name,
            kind,
            runtime,
            unknown,
            ..
        } = self;
        let private = quote!(#runtime::__private);
        let direct_data = direct.map(|borrowed| {
            quote! {
                fn direct_data(kind: #kind, data: &str) -> ::std::option::Option<Self> {
                    #borrowed::direct_owned(kind, data)
                }
            }
        });
        quote! {
            /// Lets the runtime (`parse_delivery`, the webhook, `inspect`) read deliveries of these events.
            impl #runtime::EventSet for #name {
                type Kind = #kind;

                fn kind_of(event_type: &str) -> ::std::option::Option<#kind> {
                    #kind::from_event_type(event_type)
                }

                fn kind_name(kind: #kind) -> &'static str {
                    kind.variant_name()
                }

                fn deserialize_data<'de, D: #private::serde::Deserializer<'de>>(kind: #kind, deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    kind.deserialize_data(deserializer)
                }

                #direct_data

                fn unknown(data: #runtime::UnknownEventData) -> Self {
                    #name::#unknown(data)
                }

                fn as_unknown(&self) -> ::std::option::Option<&#runtime::UnknownEventData> {
                    match self {
                        #name::#unknown(unknown) => ::std::option::Option::Some(unknown),
                        _ => ::std::option::Option::None,
                    }
                }

                fn kind(&self) -> ::std::option::Option<#kind> {
                    #name::kind(self)
                }
            }
        }
    }

    /// The borrowed form's `EventSet`, `into_owned()`, and `direct_owned()` for the owned form's
    /// `direct_data`.
    fn borrowed_event_set(&self, owned: &syn::Path) -> TokenStream {
        let Set {
            name,
            kind,
            runtime,
            unknown,
            ..
        } = self;
        let private = quote!(#runtime::__private);
        let variants: Vec<_> = self.typed.iter().map(|t| &t.ident).collect();
        let payloads: Vec<_> = self.typed.iter().map(|t| &t.payload).collect();
        // A payload that does not borrow is already the owned one: it moves across.
        let conversions = self.typed.iter().map(|t| match borrows(&t.payload) {
            true => quote!(#private::IntoOwned::into_owned(data)),
            false => quote!(data),
        });
        let direct_owned = self.typed.iter().map(|t| match borrows(&t.payload) {
            true => quote!(#private::IntoOwned::into_owned(data)),
            false => quote!(data),
        });
        let owned_variant = format_ident!("{}", unknown);
        quote! {
            impl<'a> #name<'a> {
                /// The owned payload: copies every borrowed string.
                pub fn into_owned(self) -> #owned {
                    match self {
                        #(#name::#variants(data) => #owned::#variants(#conversions),)*
                        #name::#unknown(unknown) => #owned::#owned_variant(unknown.into_owned()),
                    }
                }

                /// The owned `EventSet::direct_data`: `kind`'s payload read by the direct parser and
                /// copied, or `None` where the serde parse must decide.
                pub(super) fn direct_owned(kind: #kind, data: &'a str) -> ::std::option::Option<#owned> {
                    match kind {
                        #(#kind::#variants => #private::direct_parse::<#payloads>(data).map(|data| #owned::#variants(::std::boxed::Box::new(#direct_owned))),)*
                    }
                }
            }

            /// Lets the runtime's `borrowed::parse_delivery` read deliveries of these events.
            impl<'a> #runtime::borrowed::EventSet<'a> for #name<'a> {
                type Owned = #owned;

                fn deserialize_data<D: #private::serde::Deserializer<'a>>(kind: #kind, deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    match kind {
                        #(#kind::#variants => <#payloads as #private::serde::Deserialize>::deserialize(deserializer).map(|data| #name::#variants(::std::boxed::Box::new(data))),)*
                    }
                }

                fn direct_data(kind: #kind, data: &'a str) -> ::std::option::Option<Self> {
                    match kind {
                        #(#kind::#variants => #private::direct_parse::<#payloads>(data).map(|data| #name::#variants(::std::boxed::Box::new(data))),)*
                    }
                }

                fn unknown(data: #runtime::borrowed::UnknownEventData<'a>) -> Self {
                    #name::#unknown(data)
                }

                fn as_unknown(&self) -> ::std::option::Option<&#runtime::borrowed::UnknownEventData<'a>> {
                    match self {
                        #name::#unknown(unknown) => ::std::option::Option::Some(unknown),
                        _ => ::std::option::Option::None,
                    }
                }

                fn kind(&self) -> ::std::option::Option<#kind> {
                    #name::kind(self)
                }

                fn into_owned(self) -> #owned {
                    #name::into_owned(self)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_error(input: DeriveInput) -> String {
        derive_event_kind(&input).unwrap_err().to_string()
    }

    fn data_error(input: DeriveInput) -> String {
        derive_event_data(&input).unwrap_err().to_string()
    }

    #[test]
    fn a_kind_declaration_gives_each_variant_its_event_type_payload_and_version() {
        let out = derive_event_kind(&syn::parse_quote! {
            #[eventgen(event_data = EventData, json_schema)]
            enum EventKind {
                #[eventgen(event_type = "A.Created", data = ACreated, data_version = "1.0")]
                Created,
                #[eventgen(event_type = "A.Deleted", data = m::ADeleted)]
                Deleted,
            }
        })
        .unwrap()
        .to_string();
        for expected in [
            "\"A.Created\" => :: std :: option :: Option :: Some (EventKind :: Created)",
            "EventKind :: Created => \"ACreated\"",
            "EventKind :: Deleted => \"ADeleted\"",
            "EventKind :: Created => :: std :: option :: Option :: Some (\"1.0\")",
            "EventKind :: Deleted => :: std :: option :: Option :: None",
            "schema_for ! (m :: ADeleted)",
            "EventData :: Deleted (:: std :: boxed :: Box :: new (data))",
        ] {
            assert!(out.contains(expected), "{expected}: {out}");
        }
    }

    #[test]
    fn a_kind_without_its_declarations_is_an_error_naming_what_is_missing() {
        assert_eq!(
            kind_error(syn::parse_quote!(
                enum EventKind {
                    #[eventgen(event_type = "A")]
                    A,
                }
            )),
            "an `EventKind` names its data enum: `#[eventgen(event_data = EventData)]`"
        );
        assert_eq!(
            kind_error(syn::parse_quote! {
                #[eventgen(event_data = EventData)]
                enum EventKind { #[eventgen(data = A)] A }
            }),
            "an event kind declares its event type: `#[eventgen(event_type = \"…\", data = Payload)]`"
        );
        assert_eq!(
            kind_error(syn::parse_quote! {
                #[eventgen(event_data = EventData)]
                enum EventKind { #[eventgen(event_type = "A", version = "1")] A }
            }),
            "unknown `eventgen` attribute of an event kind"
        );
        assert_eq!(
            kind_error(syn::parse_quote!(
                struct EventKind;
            )),
            "`EventKind` is derived for enums only"
        );
    }

    #[test]
    fn a_borrowed_data_enum_converts_only_the_payloads_that_borrow() {
        let out = derive_event_data(&syn::parse_quote! {
            #[eventgen(kind = EventKind, owned = super::EventData)]
            enum EventData<'a> {
                A(Box<A<'a>>),
                B(Box<super::B>),
                #[eventgen(unknown)]
                Unknown(UnknownEventData<'a>),
            }
        })
        .unwrap()
        .to_string();
        assert!(out.contains("EventData :: A (data) => super :: EventData :: A (:: eventgen_runtime :: __private :: IntoOwned :: into_owned (data))"), "{out}");
        assert!(
            out.contains("EventData :: B (data) => super :: EventData :: B (data)"),
            "{out}"
        );
        assert!(
            out.contains("borrowed :: EventSet < 'a > for EventData < 'a >"),
            "{out}"
        );
    }

    #[test]
    fn a_data_enum_without_its_declarations_is_an_error_naming_what_is_missing() {
        assert_eq!(
            data_error(syn::parse_quote!(
                enum EventData {
                    #[eventgen(unknown)]
                    U(X),
                }
            )),
            "an `EventData` names its kind enum: `#[eventgen(kind = EventKind)]`"
        );
        assert_eq!(
            data_error(syn::parse_quote!(
                #[eventgen(kind = K)]
                enum EventData {
                    A(Box<A>),
                }
            )),
            "an `EventData` has a variant marked `#[eventgen(unknown)]`"
        );
        assert_eq!(
            data_error(syn::parse_quote!(
                #[eventgen(kind = K)]
                enum EventData {
                    A(A),
                }
            )),
            "an `EventData` payload is boxed: `Box<Payload>`"
        );
        assert_eq!(
            data_error(syn::parse_quote! {
                #[eventgen(kind = K)]
                enum EventData<'a> { #[eventgen(unknown)] U(X<'a>) }
            }),
            "a borrowed `EventData` names its owned form: `#[eventgen(owned = super::EventData)]`"
        );
    }
}

//! `#[derive(Payload)]`: the parsers of an eventgen-generated payload struct, from what its
//! fields declare. Generated code only declares a type; this derive writes, once for every
//! type, what the generator used to print per type:
//!
//! - `serde::Deserialize`, a map visitor with one slot per field (both forms);
//! - in the borrowed form (a struct with a lifetime), the direct parser's `DirectParse` and
//!   `into_owned()` to the owned form.
//!
//! Users reach it as `eventgen_runtime::Payload`; the expansion names only paths below the
//! runtime (`::eventgen_runtime`, or the path `#[eventgen(crate = "…")]` gives), so a generated
//! crate depends on the runtime alone.
//!
//! What a struct declares:
//!
//! | Where | Attribute | Meaning |
//! |---|---|---|
//! | field | `#[serde(rename = "key")]` | the wire key (default: the field's name) |
//! | field | `#[serde(default)]` or `#[serde(skip_serializing_if = …)]` | the key may be absent: the type is in an `Option` for it |
//! | field | `#[serde(flatten)]` | the map of keys the schema does not declare |
//! | field | `#[eventgen(alias = "Key")]` | another key the service sends for it (repeatable) |
//! | field | `#[eventgen(nullable)]` | `null` is a value: the type is in an `Option` for it |
//! | field | `#[eventgen(boxed)]` | the value is in a `Box` (inside the `Option`s) |
//! | field | `#[eventgen(keeps_null)]` | the type holds `null` itself (any JSON value) |
//! | field | `#[eventgen(rfc3339)]`, `#[eventgen(lenient_date_time)]`, `#[eventgen(string_or_number)]` | the value's wire form |
//! | struct | `#[eventgen(owned = "path")]` | the borrowed form's owned type |
//! | struct | `#[eventgen(closed)]` | an undeclared key is an error |
//! | struct | `#[eventgen(direct)]` | an owned struct (no lifetime) gets `DirectParse` too, for the borrowed form that uses it |
//! | struct | `#[eventgen(crate = "path")]` | the runtime's path, when not `::eventgen_runtime` |
//!
//! `serde`'s own attributes are read, not repeated, as schemars does: the owned and borrowed
//! forms derive `Serialize` from them too.
//!
//! `#[derive(EventKind)]` and `#[derive(EventData)]` write an event set's dispatch from its two
//! enums (see each derive):
//!
//! | Where | Attribute | Meaning |
//! |---|---|---|
//! | `EventKind` | `#[eventgen(event_data = EventData)]` | the data enum `deserialize_data` returns |
//! | `EventKind` | `#[eventgen(json_schema)]` | add `json_schema()` (schemars) |
//! | kind variant | `#[eventgen(event_type = "…", data = Payload, data_version = "…")]` | its event-type string, payload type and (optional) data version |
//! | `EventData` | `#[eventgen(kind = EventKind)]` | the kind enum; variants share its variants' names |
//! | `EventData` | `#[eventgen(direct = borrowed::EventData)]` | the borrowed form, whose direct parser the owned form's `EventSet` uses |
//! | `EventData<'a>` | `#[eventgen(owned = super::EventData)]` | the owned form, for `into_owned()` |
//! | data variant | `#[eventgen(unknown)]` | the variant for event types without a schema |
//! | either enum | `#[eventgen(crate = "path")]` | the runtime's path |
//!
//! `#[derive(StringEnum)]` writes a string enum's methods and impls:
//!
//! | Where | Attribute | Meaning |
//! |---|---|---|
//! | variant | `#[eventgen(value = "…")]` | its wire value (default: the variant's name) |
//! | variant | `#[eventgen(alias = "…")]`, `#[eventgen(code = 3)]` | another spelling, an integer that denotes it (repeatable) |
//! | variant | `#[eventgen(other)]` | the catch-all `Other(UnknownValue)` of an extensible enum |
//! | enum | `#[eventgen(case_insensitive)]` | values match ignoring ASCII case |
//! | enum | `#[eventgen(json_schema)]`, `#[eventgen(direct)]` | add `JsonSchema`, `DirectParse` |
//! | enum | `#[eventgen(crate = "path")]` | the runtime's path |
//!
//! `#[derive(OneOf)]` writes a union's `Deserialize` (its `Serialize` is serde's `untagged`):
//!
//! | Where | Attribute | Meaning |
//! |---|---|---|
//! | option | `#[eventgen(rfc3339)]` | an RFC 3339 instant, read from its string |
//! | option | `#[eventgen(key = "…")]` | a key its object declares (repeatable), for `most_known_keys` |
//! | union | `#[eventgen(most_known_keys)]` | an object goes first to the option that declares most of its keys |
//! | union | `#[eventgen(owned = "path")]` | the borrowed form's owned type (`into_owned()`, `IntoOwned`) |
//! | union | `#[eventgen(direct)]` | an owned union gets `DirectParse` too (a borrowed one always has it) |
//! | union | `#[eventgen(crate = "path")]` | the runtime's path |
//!
//! `#[derive(Literal)]` writes serde's impls of a literal from its `VALUES`; it takes
//! `#[eventgen(json_schema)]`, `#[eventgen(direct)]` and `#[eventgen(crate = "path")]`.
//! `#[derive(Newtype)]` reads a newtype as its value (an instant when the value is marked
//! `#[eventgen(rfc3339)]`) and takes those three and `#[eventgen(owned = "path")]`.

mod declaration;
mod direct;
mod event_set;
mod literal;
mod newtype;
mod one_of;
mod owned;
mod skeletons;
mod string_enum;
mod visitor;

use proc_macro::TokenStream;

/// The parsers of a generated payload struct (see the crate documentation).
// `serde` is a helper here too (as in schemars), so a type need not derive `Serialize` to declare keys.
#[proc_macro_derive(Payload, attributes(eventgen, serde))]
pub fn derive_payload(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    match declaration::Payload::read(&input) {
        Ok(payload) => {
            let mut out = visitor::deserialize(&payload);
            if payload.borrowed || payload.direct {
                out.extend(direct::direct_parse(&payload));
            }
            if payload.borrowed {
                out.extend(owned::into_owned(&payload));
            }
            out.into()
        }
        Err(error) => error.to_compile_error().into(),
    }
}

/// The inherent methods of a generated `EventKind` (`ALL`, `from_event_type`, `event_type`,
/// `deserialize_data`, …) from its variants' `#[eventgen(event_type = "…", data = Payload,
/// data_version = "…")]`; the enum names its data enum with `#[eventgen(event_data = …)]`, and
/// `#[eventgen(json_schema)]` adds `json_schema()`.
#[proc_macro_derive(EventKind, attributes(eventgen))]
pub fn derive_event_kind(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    event_set::derive_event_kind(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// A generated `EventData`'s accessors, `Serialize` and the runtime's `EventSet` (the borrowed
/// one, and `into_owned()`, for an enum with a lifetime), from its `Box<Payload>` variants, the
/// variant marked `#[eventgen(unknown)]`, and `#[eventgen(kind = …, direct = …, owned = …)]`.
#[proc_macro_derive(EventData, attributes(eventgen))]
pub fn derive_event_data(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    event_set::derive_event_data(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// A generated string enum's `VALUES`, `as_str()`, `from_wire()`, `FromStr`, `Display`, serde
/// impls and, as declared, `JsonSchema` and `DirectParse`, from its variants (see the crate
/// documentation).
#[proc_macro_derive(StringEnum, attributes(eventgen))]
pub fn derive_string_enum(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    string_enum::derive_string_enum(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The parser of a generated union (see the crate documentation): the value buffered once, the
/// options tried in order or by known keys; `into_owned()` and `DirectParse` as declared.
#[proc_macro_derive(OneOf, attributes(eventgen))]
pub fn derive_one_of(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    one_of::derive_one_of(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// serde's impls and, as declared, `JsonSchema` and `DirectParse` of a generated literal (a
/// newtype over `bool`, `i64` or `f64` with listed `VALUES`).
#[proc_macro_derive(Literal, attributes(eventgen))]
pub fn derive_literal(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    literal::derive_literal(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The parsers of a generated newtype (`pub struct Name(pub T)`, read as `T` is; an RFC 3339
/// instant when its value says `#[eventgen(rfc3339)]`), `into_owned()` for the borrowed form, and
/// as declared `JsonSchema` and `DirectParse`.
#[proc_macro_derive(Newtype, attributes(eventgen))]
pub fn derive_newtype(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    newtype::derive_newtype(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

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

mod declaration;
mod direct;
mod owned;
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

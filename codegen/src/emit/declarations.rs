//! What `#[derive(eventgen_runtime::Payload)]` reads from a struct: each field's aliases,
//! presence, boxing and wire form, and the struct's owned form, closedness and runtime path.
//! The derive writes the struct's parsers (serde's `Deserialize`, the direct parser) and
//! `into_owned()` from these, so they read the same keys into the same slots by construction.
//! Wire keys and optional presence are the `#[serde(…)]` attributes `Serialize` already has.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::Form;
use crate::ir::{FieldDef, Output, StructDef, TypeDef, TypeRef, DEFAULT_RUNTIME_PATH};

/// `#[eventgen(…)]` of one field: what its `#[serde(…)]` does not say; nothing when that is all.
pub fn field_declaration(field: &FieldDef) -> TokenStream {
    let mut args: Vec<TokenStream> = field
        .aliases
        .iter()
        .map(|alias| quote!(alias = #alias))
        .collect();
    if field.nullable {
        args.push(quote!(nullable));
    }
    if field.boxed.is_some() {
        args.push(quote!(boxed));
    }
    if field.holds_null() && !field.required {
        args.push(quote!(keeps_null));
    }
    match (&field.ty, field.string_or_number, field.lenient_date_time) {
        (TypeRef::DateTime, _, true) => args.push(quote!(lenient_date_time)),
        (TypeRef::DateTime, _, false) => args.push(quote!(rfc3339)),
        (_, true, _) => args.push(quote!(string_or_number)),
        _ => {}
    }
    match args.is_empty() {
        true => quote!(),
        false => quote!(#[eventgen(#(#args),*)]),
    }
}

/// `#[eventgen(…)]` of the struct: `closed` when the schema closes the object, then what every
/// declared type says (`type_declaration`: owned form, runtime path, `direct`). Its schema is
/// schemars' derive's.
pub fn struct_declaration(
    def: &TypeDef,
    s: &StructDef,
    form: Form<'_>,
    output: &Output,
) -> TokenStream {
    let closed = (s.closed && s.additional.is_none()).then(|| quote!(closed));
    type_declaration(def, form, output, closed.into_iter().collect())
}

/// `#[eventgen(…)]` of a declared type: its own `args`, then the
/// borrowed form's owned type and the runtime's path when it is not the default; and for the
/// owned form, `json_schema` (when the type's codec has its runtime derive write its schema) and
/// `direct` (for a type that does not borrow, which the borrowed form uses as it is) as the
/// output's parts say.
pub fn type_declaration(
    def: &TypeDef,
    form: Form<'_>,
    output: &Output,
    mut args: Vec<TokenStream>,
) -> TokenStream {
    if let Form::Borrowed(_) = form {
        let owned = format!("super::{}", def.name);
        args.push(quote!(owned = #owned));
    }
    if output.runtime != DEFAULT_RUNTIME_PATH {
        args.push(quote!(crate = #DEFAULT_RUNTIME_PATH));
    }
    let declaration = (!args.is_empty()).then(|| quote!(#[eventgen(#(#args),*)]));
    let (json_schema, direct) = match form {
        Form::Owned => (
            match def.kind.codec().schemars_derive() {
                false => super::gate::part_attr(&output.schemars, quote!(eventgen(json_schema))),
                true => quote!(),
            },
            match def.borrows {
                false => super::gate::part_attr(&output.borrowed, quote!(eventgen(direct))),
                true => quote!(),
            },
        ),
        Form::Borrowed(_) => (quote!(), quote!()),
    };
    quote!(#declaration #json_schema #direct)
}

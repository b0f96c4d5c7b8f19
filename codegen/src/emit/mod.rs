//! Emitting: IR → Rust source files, formatted with prettyplease.
//!
//! Files: one per schema module (`chat.rs`, `sms.rs`, …), `events.rs` (dispatch), `support.rs`
//! (shared helpers), `mod.rs` (includes the others from `OUT_DIR`), and, when fixtures are
//! configured, `fixture_tests.rs`. Every file starts with an `@generated` header.

mod bases;
mod declarations;
mod derives;
mod dispatch;
mod enums;
mod externs;
mod fixture_tests;
mod gate;
mod literals;
mod newtypes;
mod prelude_names;
mod runtime_path;
mod rust_types;
mod structs;
mod support;
mod unions;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};
use crate::fixtures::Fixture;
use crate::ir::{Model, Output, Part, TypeKind};
use rust_types::Form;

/// Name of the entry file that includes every other generated item file.
pub const ENTRY_FILE: &str = "mod.rs";
/// Name of the generated fixture test file (included by `mod.rs` under `#[cfg(test)]`).
pub const FIXTURE_TESTS_FILE: &str = "fixture_tests.rs";
/// Name of the file of borrowed types (included by `mod.rs` as the `borrowed` module).
pub const BORROWED_FILE: &str = "borrowed.rs";

/// Every generated file: name → formatted contents, in a deterministic order. The model's
/// output settings ([`Model::settle_output`]) say which optional parts there are, under which
/// features, and the runtime's path.
pub fn emit(model: &Model, fixtures: Option<&[Fixture]>) -> Result<BTreeMap<String, String>> {
    let mut files: BTreeMap<String, TokenStream> = BTreeMap::new();
    for module in model.modules() {
        let items = model.types.iter().filter(|t| t.module == module).map(|t| {
            if let Some(extern_module) = &t.extern_module {
                let origin = t.origin.to_string();
                let item = externs::reexport(&t.name, extern_module, &origin, false);
                return gate::gate_items(item, &t.features);
            }
            let items = match &t.kind {
                TypeKind::Struct(s) => structs::emit_struct(t, s, Form::Owned, &model.output),
                TypeKind::Enum(e) => enums::emit_enum(t, e, &model.output),
                TypeKind::Union(u) => unions::emit_union(t, u, Form::Owned, &model.output),
                TypeKind::Literal(l) => literals::emit_literal(t, l, &model.output),
                TypeKind::Newtype(inner) => {
                    newtypes::emit_newtype(t, inner, Form::Owned, &model.output)
                }
            };
            gate::gate_items(items, &t.features)
        });
        let traits = model
            .bases
            .iter()
            .filter(|b| b.module == module)
            .map(|b| gate::gate_items(bases::emit_base(model, b), &b.features));
        files.insert(format!("{module}.rs"), quote!(#(#items)* #(#traits)*));
    }
    files.insert("events.rs".into(), dispatch::emit_dispatch(model));
    files.insert("support.rs".into(), support::emit_support(model));

    // Relative to this file, so the same text works in OUT_DIR and in a committed copy.
    let includes: Vec<TokenStream> = files.keys().map(|file| quote!(include!(#file);)).collect();
    // Without the borrowed form, neither the file nor the module; ungated, no `cfg` at all, so
    // a crate without such a feature sees none it does not know.
    let borrowed = gate::part_cfg(&model.output.borrowed).map(|cfg| {
        files.insert(BORROWED_FILE.into(), emit_borrowed(model));
        let feature = match &model.output.borrowed {
            Part::Gated(feature) => format!(" (feature `{feature}`)"),
            Part::On | Part::Off => String::new(),
        };
        let doc = format!(
            " The payloads in their borrowed form{feature}: strings and open values are slices \
             of the delivery's body, for the runtime's `borrowed::parse_delivery`. Types that \
             hold neither (enums, structs of numbers) are the owned ones, named from here."
        );
        quote! {
            #[doc = #doc]
            #cfg
            pub mod borrowed {
                #[allow(unused_imports)]
                use super::*;
                include!(#BORROWED_FILE);
            }
        }
    });
    // The fixture tests come with the crate's own unit tests: `cargo test` runs them.
    let fixture_tests = fixtures.map(|_| {
        quote! {
            /// One test per fixture delivery (generated).
            #[cfg(test)]
            mod fixture_tests {
                #[allow(unused_imports)]
                use super::*;
                include!(#FIXTURE_TESTS_FILE);
            }
        }
    });
    files.insert(
        ENTRY_FILE.into(),
        quote!(#(#includes)* #borrowed #fixture_tests),
    );
    if let Some(fixtures) = fixtures {
        files.insert(
            FIXTURE_TESTS_FILE.into(),
            fixture_tests::emit_fixture_tests(model, fixtures)?,
        );
    }

    let defined = defined_names(model);
    let prelude = prelude_names::Prelude::new(&defined);
    files
        .into_iter()
        .map(|(name, tokens)| {
            let tokens = runtime_path::replace(tokens, &model.output.runtime);
            let tokens = prelude.rewrite(tokens);
            Ok((name.clone(), format_file(&name, tokens)?))
        })
        .collect()
}

/// Every name the generated module defines or re-exports: what could shadow the prelude.
fn defined_names(model: &Model) -> std::collections::BTreeSet<String> {
    let fixed = [
        "EventKind",
        "EventData",
        "UnknownEventData",
        "UnknownValue",
        "event_types",
        "borrowed",
        "fixture_tests",
    ];
    model
        .types
        .iter()
        .map(|t| t.name.clone())
        .chain(model.bases.iter().map(|b| b.name.clone()))
        .chain(fixed.iter().map(|name| name.to_string()))
        .collect()
}

/// The borrowed form of every type that borrows, and the borrowed `EventData<'a>`.
fn emit_borrowed(model: &Model) -> TokenStream {
    let borrowing = model.borrowing_types();
    let form = Form::Borrowed(&borrowing);
    // The borrowed form derives no `JsonSchema`: its schema is the owned form's.
    let borrowed_output = Output {
        schemars: Part::Off,
        ..model.output.clone()
    };
    let items = model.types.iter().filter(|t| t.borrows).map(|t| {
        if let Some(extern_module) = &t.extern_module {
            let origin = t.origin.to_string();
            let item = externs::reexport(&t.name, extern_module, &origin, true);
            return gate::gate_items(item, &t.features);
        }
        let items = match &t.kind {
            TypeKind::Struct(s) => structs::emit_struct(t, s, form, &borrowed_output),
            TypeKind::Union(u) => unions::emit_union(t, u, form, &borrowed_output),
            TypeKind::Newtype(inner) => newtypes::emit_newtype(t, inner, form, &borrowed_output),
            // Enums and literals never borrow.
            TypeKind::Enum(_) | TypeKind::Literal(_) => TokenStream::new(),
        };
        gate::gate_items(items, &t.features)
    });
    // Every type the borrowed form names, the owned ones it uses included, is read directly:
    // each type's derive writes its `DirectParse` (`#[eventgen(direct)]` on an owned one).
    let dispatch = dispatch::emit_borrowed_dispatch(model, form);
    quote!(#(#items)* #dispatch)
}

fn format_file(name: &str, tokens: TokenStream) -> Result<String> {
    let syntax: syn::File = syn::parse2(tokens).map_err(|e| Error::Emit {
        file: name.to_string(),
        message: e.to_string(),
    })?;
    let body = prettyplease::unparse(&syntax);
    Ok(format!("{}{body}", header(name)))
}

fn header(name: &str) -> String {
    let purpose = match name {
        ENTRY_FILE => "Includes every generated file; the crate includes this one.",
        FIXTURE_TESTS_FILE => "One test per fixture delivery.",
        "events.rs" => "Event-type constants, EventKind and the EventData dispatch enum.",
        "support.rs" => "Helpers shared by the generated types.",
        BORROWED_FILE => {
            "The borrowed form of the types: strings and open values as slices of the input."
        }
        _ => "Types generated from the schemas of this module.",
    };
    format!(
        "// @generated by eventgen {} from JSON Schema event definitions. Do not edit by hand:\n\
         // change the schemas and regenerate (`eventgen generate`, or the build script).\n\
         // {purpose}\n\n",
        env!("CARGO_PKG_VERSION")
    )
}

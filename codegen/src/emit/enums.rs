//! String enums, as declarations: `#[derive(eventgen_runtime::StringEnum)]` writes their
//! methods and trait impls from each variant's wire value. Extensible enums (the default) keep
//! unknown values in a catch-all variant holding an `UnknownValue`, which only the parser can
//! build, so a known value can never end up there.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::doc_attrs;
use super::rust_types::Form;
use crate::ir::{EnumDef, Output, TypeDef};

pub fn emit_enum(def: &TypeDef, e: &EnumDef, output: &Output) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` values.", def.name));
    if e.extensible {
        doc.push_str(&format!(
            "\n\nExtensible: a value not listed here parses as [`{}::{}`], keeping the string.",
            def.name, e.catch_all
        ));
    }
    if e.case_insensitive {
        doc.push_str("\n\nValues are recognised ignoring ASCII case.");
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    let doc = doc_attrs(Some(&doc));
    let variants = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.ident);
        let text = match &v.doc {
            Some(d) => format!("`{}`: {d}", v.value),
            None => format!("`{}`.", v.value),
        };
        let doc = doc_attrs(Some(&text));
        // The wire value, unless it is the variant's name; other spellings and integer codes.
        let mut args = Vec::new();
        if v.value != v.ident {
            let value = &v.value;
            args.push(quote!(value = #value));
        }
        for (alias, _) in e.aliases.iter().filter(|(_, ident)| *ident == v.ident) {
            args.push(quote!(alias = #alias));
        }
        for (code, _) in e
            .integer_values
            .iter()
            .filter(|(_, ident)| *ident == v.ident)
        {
            let code = proc_macro2::Literal::i64_unsuffixed(*code);
            args.push(quote!(code = #code));
        }
        let declaration = (!args.is_empty()).then(|| quote!(#[eventgen(#(#args),*)]));
        quote!(#doc #declaration #ident,)
    });
    let catch_all = format_ident!("{}", e.catch_all);
    let catch_all_variant = e.extensible.then(|| {
        quote!(
            /// A value the schema does not list, kept as received.
            #[eventgen(other)]
            #catch_all(UnknownValue),
        )
    });
    let args = match e.case_insensitive {
        true => vec![quote!(case_insensitive)],
        false => Vec::new(),
    };
    // Enums never borrow: the borrowed form reads the owned enum with the direct parser.
    let declaration = super::declarations::type_declaration(def, Form::Owned, output, args);
    let derives = super::derives::derive_attr(def);
    let config_attrs = super::rust_types::config_attrs(&def.attributes);
    quote! {
        #doc
        #derives
        #declaration
        #config_attrs
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #catch_all_variant
        }
    }
}

//! Literals: a newtype over `bool`, `i64` or `f64` whose associated constants are the values
//! the schema lists (`const`/`enum` of non-strings). Parsing accepts only those values: the
//! runtime's `#[derive(Literal)]` writes it, and serde's and schemars' impls, from `VALUES`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::rust_types::doc_attrs;
use crate::ir::{LiteralDef, LiteralKind, Output, TypeDef};

pub fn emit_literal(def: &TypeDef, l: &LiteralDef, output: &Output) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let listed = l
        .values
        .iter()
        .map(|v| format!("`{}`", v.value))
        .collect::<Vec<_>>()
        .join(", ");
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` value.", def.name));
    doc.push_str(&format!(
        "\n\nOne of {listed}; any other value fails to parse."
    ));
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    let doc = doc_attrs(Some(&doc));
    let inner = match l.kind {
        LiteralKind::Bool => quote!(bool),
        LiteralKind::Integer => quote!(i64),
        LiteralKind::Number => quote!(f64),
    };
    let values: Vec<TokenStream> = l
        .values
        .iter()
        .map(|v| literal_tokens(l.kind, &v.value))
        .collect();
    let consts = l.values.iter().zip(&values).map(|(v, value)| {
        let ident = format_ident!("{}", v.ident);
        let text = match &v.doc {
            Some(d) => format!("`{}`: {d}", v.value),
            None => format!("`{}`.", v.value),
        };
        let doc = doc_attrs(Some(&text));
        quote!(#doc pub const #ident: #name = #name(#value);)
    });
    let derives = super::derives::derive_attr(def);
    let config_attrs = super::rust_types::config_attrs(&def.attributes);
    // Literals never borrow: the borrowed form reads the owned literal with the direct parser.
    let declaration = super::declarations::type_declaration(
        def,
        super::rust_types::Form::Owned,
        output,
        Vec::new(),
    );
    quote! {
        #doc
        #derives
        #declaration
        #config_attrs
        pub struct #name(#inner);

        impl #name {
            #(#consts)*
            /// Every listed value.
            pub const VALUES: &'static [#name] = &[#(#name(#values)),*];

            /// The value.
            pub fn get(self) -> #inner {
                self.0
            }
        }
    }
}

fn literal_tokens(kind: LiteralKind, value: &Value) -> TokenStream {
    match (kind, value) {
        (LiteralKind::Bool, Value::Bool(b)) => quote!(#b),
        (LiteralKind::Integer, Value::Number(n)) => {
            let v = proc_macro2::Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            if n.as_i64().is_some_and(|v| v < 0) {
                let abs = proc_macro2::Literal::i64_unsuffixed(
                    n.as_i64().unwrap_or_default().unsigned_abs() as i64,
                );
                quote!(-#abs)
            } else {
                quote!(#v)
            }
        }
        (_, Value::Number(n)) => {
            let f = n.as_f64().unwrap_or_default();
            let lit = proc_macro2::Literal::f64_suffixed(f.abs());
            if f < 0.0 {
                quote!(-#lit)
            } else {
                quote!(#lit)
            }
        }
        _ => quote!(::std::unreachable!()),
    }
}

//! Literals: a newtype over `bool`, `i64` or `f64` whose associated constants are the values
//! the schema lists (`const`/`enum` of non-strings). Parsing accepts only those values.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::rust_types::doc_attrs;
use crate::ir::{LiteralDef, LiteralKind, Part, TypeDef};

pub fn emit_literal(def: &TypeDef, l: &LiteralDef, schemars: &Part) -> TokenStream {
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
    let (inner, visit) = match l.kind {
        LiteralKind::Bool => (quote!(bool), format_ident!("visit_bool")),
        LiteralKind::Integer => (quote!(i64), format_ident!("visit_i64")),
        LiteralKind::Number => (quote!(f64), format_ident!("visit_f64")),
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
    let derives = super::derives::derive_attr(def, false, None);
    let config_attrs = super::rust_types::config_attrs(&def.attributes);
    let expecting = format!("one of {listed}");
    // Integers arrive as i64 or u64, numbers also as integers: every visitor funnels into one check.
    let extra_visits = match l.kind {
        LiteralKind::Bool => quote!(),
        LiteralKind::Integer => quote! {
            fn visit_u64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                let signed = i64::try_from(value).map_err(|_| E::invalid_value(::eventgen_runtime::__private::serde::de::Unexpected::Unsigned(value), &self))?;
                self.visit_i64(signed)
            }
            // JSON Schema compares numbers by value: `1.0` is the listed `1`.
            fn visit_f64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: f64) -> ::std::result::Result<#name, E> {
                if value.fract() == 0.0 && value.abs() < 9_223_372_036_854_775_808.0 {
                    self.visit_i64(value as i64)
                } else {
                    ::std::result::Result::Err(E::invalid_value(::eventgen_runtime::__private::serde::de::Unexpected::Float(value), &self))
                }
            }
        },
        LiteralKind::Number => quote! {
            fn visit_i64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                self.visit_f64(value as f64)
            }
            fn visit_u64<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                self.visit_f64(value as f64)
            }
        },
    };
    let unexpected = match l.kind {
        LiteralKind::Bool => quote!(::eventgen_runtime::__private::serde::de::Unexpected::Bool(
            value
        )),
        LiteralKind::Integer => {
            quote!(::eventgen_runtime::__private::serde::de::Unexpected::Signed(value))
        }
        LiteralKind::Number => quote!(::eventgen_runtime::__private::serde::de::Unexpected::Float(
            value
        )),
    };
    let serialize = match l.kind {
        LiteralKind::Bool => quote!(serializer.serialize_bool(self.0)),
        LiteralKind::Integer => quote!(serializer.serialize_i64(self.0)),
        LiteralKind::Number => {
            quote!(::eventgen_runtime::__private::serialize_number_form(
                &self.0, serializer
            ))
        }
    };
    let methods = quote! {
        fn #visit<E: ::eventgen_runtime::__private::serde::de::Error>(self, value: #inner) -> ::std::result::Result<#name, E> {
            if #name::VALUES.iter().any(|listed| listed.0 == value) {
                ::std::result::Result::Ok(#name(value))
            } else {
                ::std::result::Result::Err(E::invalid_value(#unexpected, &self))
            }
        }
        #extra_visits
    };
    let deserialize = super::visitor::deserialize_impl(
        &name,
        super::rust_types::Form::Owned,
        &expecting,
        methods,
        |visitor| quote!(deserializer.deserialize_any(#visitor)),
    );
    let schema_values: Vec<String> = l.values.iter().map(|v| v.value.to_string()).collect();
    let json_schema = super::visitor::json_schema_impl(
        &name,
        quote! {
            let values: ::std::vec::Vec<::eventgen_runtime::__private::serde_json::Value> =
                [#(#schema_values),*].iter().map(|v| ::eventgen_runtime::__private::serde_json::from_str(v).expect("a listed value")).collect();
            ::eventgen_runtime::__private::schemars::json_schema!({ "enum": values })
        },
        schemars,
    );
    quote! {
            #doc
            #derives
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

            impl ::eventgen_runtime::__private::serde::Serialize for #name {
                fn serialize<S: ::eventgen_runtime::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize
                }
            }

            #deserialize

    #json_schema
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

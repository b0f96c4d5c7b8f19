//! Structs: one per object schema, with serde attributes for wire names, aliases, optional
//! fields, timestamps and integers that may arrive as strings.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, field_type};
use crate::ir::{FieldDef, Model, StructDef, TypeDef, TypeKind, TypeRef};

pub fn emit_struct(model: &Model, def: &TypeDef, s: &StructDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let mut doc = def.doc.clone().unwrap_or_else(|| format!("The `{}` model.", def.name));
    if !s.bases.is_empty() {
        let bases = s.bases.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ");
        doc.push_str(&format!("\n\nIncludes the fields of {bases}."));
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    let doc = doc_attrs(Some(&doc));
    let fields = s.fields.iter().map(emit_field);
    let default = if derives_default(model, def) { quote!(Default,) } else { quote!() };
    let accessors = default_accessors(&name, s);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #accessors
    }
}

fn emit_field(field: &FieldDef) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let ty = field_type(field);
    let mut doc = field.doc.clone().unwrap_or_else(|| format!("The `{}` property.", field.wire_name));
    if let Some(default) = &field.default {
        doc.push_str(&format!("\n\nDefaults to `{default}` when absent."));
    }
    if field.deprecated {
        doc.push_str("\n\nDeprecated by the service.");
    }
    let doc = doc_attrs(Some(&doc));

    let mut serde_args: Vec<TokenStream> = Vec::new();
    if field.rust_name != field.wire_name {
        let wire = &field.wire_name;
        serde_args.push(quote!(rename = #wire));
    }
    for alias in &field.aliases {
        serde_args.push(quote!(alias = #alias));
    }
    let optional = field.is_optional();
    if !field.required {
        serde_args.push(quote!(default));
        serde_args.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
    }
    let mut schemars_args: Vec<TokenStream> = Vec::new();
    match (&field.ty, field.string_or_number) {
        (TypeRef::DateTime, _) => {
            let with = if optional { "::time::serde::rfc3339::option" } else { "::time::serde::rfc3339" };
            serde_args.push(quote!(with = #with));
            let schema = if optional { "lenient_schema::optional_date_time" } else { "lenient_schema::date_time" };
            schemars_args.push(quote!(schema_with = #schema));
        }
        (_, true) => {
            let with = if optional { "lenient_int::deserialize_option" } else { "lenient_int::deserialize" };
            serde_args.push(quote!(deserialize_with = #with));
            let schema = if optional { "lenient_schema::optional_string_or_integer" } else { "lenient_schema::string_or_integer" };
            schemars_args.push(quote!(schema_with = #schema));
        }
        _ if field.required && field.nullable => {
            // serde fills a missing `Option` with `None` unless a deserializer is named: naming
            // one makes the key required while `null` stays allowed.
            serde_args.push(quote!(deserialize_with = "::serde::Deserialize::deserialize"));
        }
        _ => {}
    }
    if !field.aliases.is_empty() && field.required {
        // The derived schema cannot express "this key or its alias", so it does not require either.
        schemars_args.push(quote!(default));
    }
    let serde_attr = if serde_args.is_empty() { quote!() } else { quote!(#[serde(#(#serde_args),*)]) };
    let schemars_attr =
        if schemars_args.is_empty() { quote!() } else { quote!(#[cfg_attr(feature = "schemars", schemars(#(#schemars_args),*))]) };
    quote! {
        #doc
        #serde_attr
        #schemars_attr
        pub #ident: #ty,
    }
}

/// `fn field_or_default(&self)` for optional scalar fields whose schema declares a default.
fn default_accessors(name: &proc_macro2::Ident, s: &StructDef) -> TokenStream {
    let mut methods = Vec::new();
    for field in s.fields.iter().filter(|f| f.is_optional() && !f.boxed) {
        let Some(default) = &field.default else { continue };
        let ident = format_ident!("{}", field.rust_name);
        let method = format_ident!("{}_or_default", field.rust_name.trim_end_matches('_'));
        let doc = format!(" `{}`, or its schema default `{default}` when absent.", field.wire_name);
        let body = match (&field.ty, default) {
            (TypeRef::Bool, serde_json::Value::Bool(b)) => quote!(pub fn #method(&self) -> bool { self.#ident.unwrap_or(#b) }),
            (TypeRef::I64, serde_json::Value::Number(n)) if n.is_i64() => {
                let v = n.as_i64().unwrap_or_default();
                quote!(pub fn #method(&self) -> i64 { self.#ident.unwrap_or(#v) })
            }
            (TypeRef::I32, serde_json::Value::Number(n)) if n.as_i64().and_then(|v| i32::try_from(v).ok()).is_some() => {
                let v = n.as_i64().and_then(|v| i32::try_from(v).ok()).unwrap_or_default();
                quote!(pub fn #method(&self) -> i32 { self.#ident.unwrap_or(#v) })
            }
            (TypeRef::F64, serde_json::Value::Number(n)) if n.as_f64().is_some() => {
                let v = n.as_f64().unwrap_or_default();
                quote!(pub fn #method(&self) -> f64 { self.#ident.unwrap_or(#v) })
            }
            (TypeRef::String, serde_json::Value::String(v)) => quote!(pub fn #method(&self) -> &str { self.#ident.as_deref().unwrap_or(#v) }),
            _ => continue,
        };
        methods.push(quote!(#[doc = #doc] #body));
    }
    if methods.is_empty() {
        return quote!();
    }
    quote!(impl #name { #(#methods)* })
}

/// Whether every field type has a `Default`, so the struct can derive it.
fn derives_default(model: &Model, def: &TypeDef) -> bool {
    fn type_has_default(model: &Model, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::DateTime => false,
            TypeRef::Named(name) => match model.type_named(name).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) if depth < 16 => {
                    s.fields.iter().all(|f| f.is_optional() || type_has_default(model, &f.ty, depth + 1))
                }
                _ => false,
            },
            _ => true,
        }
    }
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().all(|f| f.is_optional() || type_has_default(model, &f.ty, 0)),
        _ => false,
    }
}

//! Structs: one per object schema, declared, not written out. `Serialize` is serde's derive
//! (wire names, optional fields, RFC 3339 timestamps); the parsers (`Deserialize`, the direct
//! parser, `into_owned()`) are the runtime's `#[derive(Payload)]`, from the `#[eventgen(…)]`
//! declarations `declarations.rs` prints. The struct also gets its builder, its `…_or_default`
//! accessors and, as the output says, its schemars derive.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, field_type, Form};
use crate::ir::{DefaultValue, FieldDef, Output, Part, Presence, StructDef, TypeDef, TypeRef};

pub fn emit_struct(def: &TypeDef, s: &StructDef, form: Form<'_>, output: &Output) -> TokenStream {
    let schemars = &output.schemars;
    let name = format_ident!("{}", def.name);
    let generics = form.generics();
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` model.", def.name));
    if !s.bases.is_empty() {
        let bases = s
            .bases
            .iter()
            .map(|b| format!("`{b}`"))
            .collect::<Vec<_>>()
            .join(", ");
        doc.push_str(&format!("\n\nIncludes the fields of {bases}."));
    }
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    if let Form::Borrowed(_) = form {
        doc.push_str(&format!("\n\nBorrowed from the input: [`super::{}`] with strings and open values as slices of it.", def.name));
    }
    let doc = doc_attrs(Some(&doc));
    let fields = s
        .fields
        .iter()
        .map(|field| emit_field(field, form, schemars));
    let additional = s.additional.as_ref().map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        let ty = super::rust_types::rust_type(&TypeRef::Map(Box::new(a.ty.clone())), form);
        quote! {
            /// Keys the schema allows beyond its properties, as received.
            #[serde(flatten)]
            pub #ident: #ty,
        }
    });
    let derives = super::derives::derive_attr(def);
    // The `Config`'s attributes go on the owned form, the one users build and name.
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&def.attributes),
        Form::Borrowed(_) => quote!(),
    };
    let declaration = super::declarations::struct_declaration(def, s, form, output);
    let accessors = default_accessors(&name, s, form);
    let builder = match form {
        Form::Owned => builder(def, s),
        Form::Borrowed(_) => quote!(),
    };
    // The borrowed form's schema is the owned form's: only the owned one derives it.
    let (schemars_derive, schema_transform_fn) = match form {
        Form::Owned => {
            let (transform, function) = schema_not_required_keys(def, s, schemars);
            let derive = super::derives::schemars_derive(schemars, transform.as_ref());
            (derive, function)
        }
        Form::Borrowed(_) => (quote!(), quote!()),
    };
    quote! {
        #doc
        #derives
        #config_attrs
        #schemars_derive
        #declaration
        #[non_exhaustive]
        pub struct #name #generics {
            #(#fields)*
            #additional
        }
        #accessors
        #builder
        #schema_transform_fn
    }
}

/// The derived schema cannot say "this key or its alias", so a required field with aliases is
/// not required there: a container `transform` drops those keys from `required` (a field-level
/// `default` would need the type to implement `Default`, which a struct with required fields
/// does not).
///
/// An optional field written by a `serialize_with` function is in the list too: it has no
/// `#[serde(default)]` (schemars' derive would expand its default through a `serde` path that
/// a crate without serde of its own cannot resolve), so the derive counts it required.
fn schema_not_required_keys(
    def: &TypeDef,
    s: &StructDef,
    schemars: &Part,
) -> (Option<proc_macro2::Ident>, TokenStream) {
    let keys: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| (f.required && !f.aliases.is_empty()) || (!f.required && serializes_with(f)))
        .map(|f| f.wire_name.as_str())
        .collect();
    if keys.is_empty() || *schemars == Part::Off {
        return (None, quote!());
    }
    let name = format_ident!("__{}_schema_keys", def.name);
    let function = gate::part_items(
        schemars,
        quote! {
            #[allow(non_snake_case)]
            fn #name(schema: &mut ::eventgen_runtime::__private::schemars::Schema) {
                ::eventgen_runtime::__private::schema_not_required(schema, &[#(#keys),*]);
            }
        },
    );
    (Some(name), function)
}

/// Whether the field is written by a `serialize_with` function: RFC 3339 timestamps, and
/// numbers in the number form.
fn serializes_with(field: &FieldDef) -> bool {
    field.ty == TypeRef::DateTime || super::rust_types::writes_number_form(&field.ty)
}

/// `new` and the `with_…` setters the finalize pass settled (owned form only: the borrowed one
/// is made by parsing).
fn builder(def: &TypeDef, s: &StructDef) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let field = |rust_name: &str| {
        s.fields
            .iter()
            .find(|f| f.rust_name == rust_name)
            .expect("the builder names the struct's own fields")
    };
    // A parameter's type, and the expression that stores it when it is not stored as it is:
    // strings as `impl Into<String>`, boxed fields taken unboxed.
    let param = |f: &FieldDef| {
        let ident = format_ident!("{}", f.rust_name);
        let (ty, converted) = match &f.ty {
            TypeRef::String => (
                quote!(impl ::std::convert::Into<::std::string::String>),
                Some(quote!(#ident.into())),
            ),
            ty => (super::rust_types::rust_type(ty, Form::Owned), None),
        };
        let converted = match (&f.boxed, converted) {
            (Some(_), converted) => {
                let value = converted.unwrap_or(quote!(#ident));
                Some(quote!(::std::boxed::Box::new(#value)))
            }
            (None, converted) => converted,
        };
        (ident, ty, converted)
    };
    let params = s.builder.required.iter().map(|n| {
        let (ident, ty, _) = param(field(n));
        quote!(#ident: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        if !s.builder.required.contains(&f.rust_name) {
            return match f.is_optional() {
                true => quote!(#ident: ::std::option::Option::None),
                false => quote!(#ident: ()), // `null`-only: its one value
            };
        }
        match param(f) {
            (_, _, Some(value)) => quote!(#ident: #value),
            (_, _, None) => quote!(#ident),
        }
    });
    let additional = s.additional.as_ref().map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        quote!(#ident: ::std::default::Default::default(),)
    });
    let new_doc = doc_attrs(Some(
        "From its required members; the optional ones are absent until set with the `with_…` methods.",
    ));
    let setters = s.builder.setters.iter().map(|(method, rust_name)| {
        let f = field(rust_name);
        let (ident, ty, converted) = param(f);
        let mut value = converted.unwrap_or(quote!(#ident));
        // `Some` for each `Option` the field is in (absent, then null).
        for _ in 0..f.option_layers() {
            value = quote!(::std::option::Option::Some(#value));
        }
        let method = format_ident!("{}", method);
        let doc = doc_attrs(Some(&format!("With `{}` set.", f.wire_name)));
        quote! {
            #doc
            pub fn #method(mut self, #ident: #ty) -> Self {
                self.#ident = #value;
                self
            }
        }
    });
    quote! {
        impl #name {
            #new_doc
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#params),*) -> Self {
                #name { #(#inits,)* #additional }
            }
            #(#setters)*
        }
    }
}

fn emit_field(field: &FieldDef, form: Form<'_>, schemars: &Part) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let ty = field_type(field, form);
    let mut doc = field
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` property.", field.wire_name));
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
    let optional = field.is_optional();
    if !field.required {
        // `default` only tells schemars' derive the key may be absent (`Deserialize` is written
        // out); a field with `serialize_with` says so through the struct's transform instead.
        if !serializes_with(field) {
            serde_args.push(quote!(default));
        }
        serde_args.push(quote!(
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let mut schemars_args: Vec<TokenStream> = Vec::new();
    match (&field.ty, field.string_or_number) {
        (TypeRef::DateTime, _) => {
            let with = match field.presence() {
                Presence::Required => "::eventgen_runtime::time::serde::rfc3339::serialize",
                Presence::RequiredNullable | Presence::Optional => {
                    "::eventgen_runtime::time::serde::rfc3339::option::serialize"
                }
                Presence::OptionalNullable => {
                    "::eventgen_runtime::__private::serialize_nullable_rfc3339"
                }
            };
            serde_args.push(quote!(serialize_with = #with));
            let schema = if optional {
                "::eventgen_runtime::__private::schema::optional_date_time"
            } else {
                "::eventgen_runtime::__private::schema::date_time"
            };
            schemars_args.push(quote!(schema_with = #schema));
        }
        (TypeRef::F64, true) => {
            let schema = if optional {
                "::eventgen_runtime::__private::schema::optional_string_or_number"
            } else {
                "::eventgen_runtime::__private::schema::string_or_number"
            };
            schemars_args.push(quote!(schema_with = #schema));
        }
        (_, true) => {
            let schema = if optional {
                "::eventgen_runtime::__private::schema::optional_string_or_integer"
            } else {
                "::eventgen_runtime::__private::schema::string_or_integer"
            };
            schemars_args.push(quote!(schema_with = #schema));
        }
        _ => {}
    }
    // Numbers in the number form (`123`, not `123.0`), through the field's `Option`s.
    if super::rust_types::writes_number_form(&field.ty) {
        serde_args.push(quote!(
            serialize_with = "::eventgen_runtime::__private::serialize_number_form"
        ));
    }
    let serde_attr = if serde_args.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#serde_args),*)])
    };
    let schemars_attr = match form {
        Form::Owned if !schemars_args.is_empty() => {
            gate::part_attr(schemars, quote!(schemars(#(#schemars_args),*)))
        }
        _ => quote!(),
    };
    let declaration = super::declarations::field_declaration(field);
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&field.attributes),
        Form::Borrowed(_) => quote!(),
    };
    quote! {
        #doc
        #serde_attr
        #declaration
        #schemars_attr
        #config_attrs
        pub #ident: #ty,
    }
}

/// The `…_or_default` accessors the finalize pass settled.
fn default_accessors(name: &proc_macro2::Ident, s: &StructDef, form: Form<'_>) -> TokenStream {
    if s.default_accessors.is_empty() {
        return quote!();
    }
    let methods = s.default_accessors.iter().map(|accessor| {
        let field = format_ident!("{}", accessor.field);
        let method = format_ident!("{}", accessor.method);
        // The default as JSON: strings quoted, numbers and booleans as written.
        let shown = match &accessor.value {
            DefaultValue::Bool(v) => serde_json::Value::from(*v),
            DefaultValue::I32(v) => serde_json::Value::from(*v),
            DefaultValue::I64(v) => serde_json::Value::from(*v),
            DefaultValue::F64(v) => serde_json::Value::from(*v),
            DefaultValue::Str(v) => serde_json::Value::from(v.as_str()),
        };
        let doc = format!(
            "`{}`, or its schema default `{shown}` when absent.",
            accessor.wire_name
        );
        let body = match &accessor.value {
            DefaultValue::Bool(v) => {
                quote!(pub fn #method(&self) -> bool { self.#field.unwrap_or(#v) })
            }
            DefaultValue::I32(v) => {
                quote!(pub fn #method(&self) -> i32 { self.#field.unwrap_or(#v) })
            }
            DefaultValue::I64(v) => {
                quote!(pub fn #method(&self) -> i64 { self.#field.unwrap_or(#v) })
            }
            DefaultValue::F64(v) => {
                quote!(pub fn #method(&self) -> f64 { self.#field.unwrap_or(#v) })
            }
            DefaultValue::Str(v) => {
                quote!(pub fn #method(&self) -> &str { self.#field.as_deref().unwrap_or(#v) })
            }
        };
        let doc = doc_attrs(Some(&doc));
        quote!(#doc #body)
    });
    let generics = form.generics();
    quote!(impl #generics #name #generics { #(#methods)* })
}

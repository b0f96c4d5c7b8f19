//! Structs: one per object schema. `Serialize` is derived (wire names, optional fields,
//! RFC 3339 timestamps); `Deserialize` is written out by [`emit_deserialize`]: a map visitor
//! only, with keys read through one shared borrowed key type. That is about half the code
//! serde's derive produces (which adds a sequence visitor and a field-identifier type per
//! struct), and the generated crate's compile time follows code size.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::gate;
use super::rust_types::{doc_attrs, field_into_owned, field_type, into_owned, Form};
use crate::ir::{DefaultValue, FieldDef, Part, Presence, StructDef, TypeDef, TypeRef};

pub fn emit_struct(def: &TypeDef, s: &StructDef, form: Form<'_>, schemars: &Part) -> TokenStream {
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
    let derives = super::derives::derive_attr(def, true);
    let accessors = default_accessors(&name, s, form);
    let builder = match form {
        Form::Owned => builder(def, s),
        Form::Borrowed(_) => quote!(),
    };
    let deserialize = emit_deserialize(def, s, form);
    // The borrowed form's schema is the owned form's: only the owned one derives it.
    let schemars_derive = match form {
        Form::Owned => super::derives::schemars_derive(schemars),
        Form::Borrowed(_) => quote!(),
    };
    let (schema_transform, schema_transform_fn) = match form {
        Form::Owned => schema_not_required_keys(def, s, schemars),
        Form::Borrowed(_) => (quote!(), quote!()),
    };
    let owned = owned_conversion(def, s, form);
    quote! {
        #doc
        #derives
        #schemars_derive
        #schema_transform
        #[non_exhaustive]
        pub struct #name #generics {
            #(#fields)*
            #additional
        }
        #accessors
        #builder
        #owned
        #deserialize
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
) -> (TokenStream, TokenStream) {
    let keys: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| (f.required && !f.aliases.is_empty()) || (!f.required && serializes_with(f)))
        .map(|f| f.wire_name.as_str())
        .collect();
    if keys.is_empty() {
        return (quote!(), quote!());
    }
    let function = format_ident!("__{}_schema_keys", def.name);
    let attr = gate::part_attr(schemars, quote!(schemars(transform = #function)));
    let function = gate::part_items(
        schemars,
        quote! {
            #[allow(non_snake_case)]
            fn #function(schema: &mut ::eventgen_runtime::__private::schemars::Schema) {
                ::eventgen_runtime::__private::schema_not_required(schema, &[#(#keys),*]);
            }
        },
    );
    (attr, function)
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

/// `into_owned()` of a borrowed struct: every field converted to the owned form's.
fn owned_conversion(def: &TypeDef, s: &StructDef, form: Form<'_>) -> TokenStream {
    let Form::Borrowed(_) = form else {
        return quote!();
    };
    let name = format_ident!("{}", def.name);
    let fields = s.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name);
        let value = field_into_owned(quote!(self.#ident), field, form);
        quote!(#ident: #value,)
    });
    let additional = s.additional.as_ref().map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        let value = into_owned(
            quote!(self.#ident),
            &TypeRef::Map(Box::new(a.ty.clone())),
            form,
        );
        quote!(#ident: #value,)
    });
    let doc = doc_attrs(Some(&format!(
        "The owned [`super::{}`]: copies every borrowed string.",
        def.name
    )));
    quote! {
        impl<'a> #name<'a> {
            #doc
            pub fn into_owned(self) -> super::#name {
                super::#name { #(#fields)* #additional }
            }
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
    quote! {
        #doc
        #serde_attr
        #schemars_attr
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

/// `impl Deserialize`: a map visitor with one slot per field. Keys are matched against the wire
/// name and every alias; unknown keys are skipped; a repeated key is an error, as with serde's
/// derive; a missing required key is `missing_field` with the wire name.
fn emit_deserialize(def: &TypeDef, s: &StructDef, form: Form<'_>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let generics = form.generics();
    let expecting = format!("a `{}` object", def.name);
    let slots: Vec<_> = (0..s.fields.len())
        .map(|i| format_ident!("f{}", i))
        .collect();
    let slot_types = s.fields.iter().map(|field| read_type(field, form));
    let arms = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.wire_name;
        let keys = std::iter::once(wire).chain(&field.aliases);
        quote!(#(#keys)|* => ::eventgen_runtime::__private::put(&mut #slot, &mut map, #wire),)
    });
    // Required keys are checked together, so the function has one error exit for them (each
    // exit drops every slot: exits, not fields, are what makes a deserializer large).
    let required: Vec<(&FieldDef, &proc_macro2::Ident)> = s
        .fields
        .iter()
        .zip(&slots)
        .filter(|(f, _)| f.required)
        .collect();
    let required_slots: Vec<_> = required.iter().map(|(_, slot)| *slot).collect();
    let required_wires: Vec<_> = required.iter().map(|(f, _)| &f.wire_name).collect();
    let required_check = if required.is_empty() {
        quote!()
    } else {
        quote! {
            let missing = [#((#required_slots.is_none(), #required_wires)),*];
            let (#(::std::option::Option::Some(#required_slots),)*) = (#(#required_slots,)*) else {
                let name = missing.iter().find(|(absent, _)| *absent).map_or("", |(_, name)| *name);
                return ::std::result::Result::Err(<A::Error as ::eventgen_runtime::__private::serde::de::Error>::missing_field(name));
            };
        }
    };
    let values = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let ident = format_ident!("{}", field.rust_name);
        let value = slot_value(field, quote!(#slot), unwrap_read(field));
        quote!(#ident: #value,)
    });
    // Undeclared keys: kept when the schema allows them, skipped otherwise.
    let (extra_slot, extra_arm, extra_value) = match &s.additional {
        Some(a) => {
            let ident = format_ident!("{}", a.rust_name);
            let value = super::rust_types::rust_type(&a.ty, form);
            let (key_type, key) = match form {
                Form::Owned => (quote!(::std::string::String), quote!(key.0.into_owned())),
                Form::Borrowed(_) => (
                    super::rust_types::string_type(form),
                    quote!(::eventgen_runtime::borrowed::CowStr::from(key.0)),
                ),
            };
            (
                quote!(let mut extra: ::std::vec::Vec<(#key_type, #value)> = ::std::vec::Vec::new();),
                quote!(_ => map.next_value::<#value>().map(|value| extra.push((#key, value))),),
                quote!(#ident: ::eventgen_runtime::OrderedMap::from_entries(extra),),
            )
        }
        // A closed object refuses an undeclared key, naming the ones it declares.
        None if s.closed => {
            let keys: Vec<&String> = s
                .fields
                .iter()
                .flat_map(|f| std::iter::once(&f.wire_name).chain(&f.aliases))
                .collect();
            (
                quote!(),
                quote!(other => ::std::result::Result::Err(<A::Error as ::eventgen_runtime::__private::serde::de::Error>::unknown_field(other, &[#(#keys),*])),),
                quote!(),
            )
        }
        None => (
            quote!(),
            quote!(_ => map.next_value::<::eventgen_runtime::__private::serde::de::IgnoredAny>().map(|_| ()),),
            quote!(),
        ),
    };
    let visit_map = quote! {
        fn visit_map<A: ::eventgen_runtime::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name #generics, A::Error> {
            #(let mut #slots: ::std::option::Option<#slot_types> = ::std::option::Option::None;)*
            #extra_slot
            while let ::std::option::Option::Some(key) = map.next_key::<::eventgen_runtime::__private::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    #extra_arm
                }?;
            }
            #required_check
            ::std::result::Result::Ok(#name { #(#values)* #extra_value })
        }
    };
    super::visitor::deserialize_impl(
        &name,
        form,
        &expecting,
        visit_map,
        |visitor| quote!(deserializer.deserialize_map(#visitor)),
    )
}

/// The field's value from its slot (`None` while the key was not seen), where the slot holds
/// what was read and `unwrap` turns one read value into the field's held value ([`unwrap_read`]).
/// A required slot is already checked to be `Some` and unwrapped. An optional field's slot is
/// its value, except that a `null` the schema does not allow reads as absent (`flatten`).
pub(super) fn slot_value(field: &FieldDef, slot: TokenStream, unwrap: TokenStream) -> TokenStream {
    let lenient_null =
        field.presence() == Presence::Optional && super::rust_types::reads_null(field);
    match field.presence() {
        Presence::Required | Presence::RequiredNullable => quote!(#slot #unwrap),
        // `unwrap` reads the flattened `Option` as it reads one value.
        _ if lenient_null => quote!(#slot.flatten() #unwrap),
        _ if unwrap.is_empty() => slot,
        _ => quote!(#slot.map(|value| value #unwrap)),
    }
}

/// What a field's slot reads from the wire: the field's type, or a wrapper that parses the
/// wire form (timestamps, numbers sent as strings), in an `Option` when `null` may be sent
/// (allowed by the schema, or read as absent for an optional key), unless the type holds `null`
/// itself.
pub(super) fn read_type(field: &FieldDef, form: Form<'_>) -> TokenStream {
    let ty = match (&field.ty, field.string_or_number, field.lenient_date_time) {
        (TypeRef::DateTime, _, true) => quote!(::eventgen_runtime::__private::LenientDateTime),
        (TypeRef::DateTime, _, false) => quote!(::eventgen_runtime::__private::Rfc3339),
        (TypeRef::F64, true, _) => quote!(::eventgen_runtime::__private::StringOrFloat),
        (ty, true, _) => {
            let inner = super::rust_types::rust_type(ty, form);
            quote!(::eventgen_runtime::__private::StringOrInteger<#inner>)
        }
        (ty, false, _) => super::rust_types::rust_type(ty, form),
    };
    super::rust_types::wrap_read(ty, field)
}

/// Turns one value the slot read into the field's type: the wire wrapper's `.0`, through the
/// `Option` of a nullable read; nothing for a value read as its own type.
pub(super) fn unwrap_read(field: &FieldDef) -> TokenStream {
    let wrapped = field.ty == TypeRef::DateTime || field.string_or_number;
    match (wrapped, super::rust_types::reads_null(field)) {
        (false, _) => quote!(),
        (true, false) => quote!(.0),
        (true, true) => quote!(.map(|value| value.0)),
    }
}

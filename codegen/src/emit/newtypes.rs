//! Newtypes: an event payload that is not an object, enum or union (`data` may be any JSON
//! value), named so that `EventData` can hold it. `pub struct Name(pub T)`, read and written
//! exactly as `T` is; the borrowed form wraps `T`'s borrowed form.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{doc_attrs, into_owned, rust_type, Form};
use crate::ir::{Part, TypeDef, TypeRef};

pub fn emit_newtype(
    def: &TypeDef,
    inner: &TypeRef,
    form: Form<'_>,
    schemars: &Part,
) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let generics = form.generics();
    let ty = rust_type(inner, form);
    let mut doc = def
        .doc
        .clone()
        .unwrap_or_else(|| format!("The `{}` payload.", def.name));
    doc.push_str(&format!(
        "\n\nA payload that is {}, read and written as such.",
        inner.describe()
    ));
    doc.push_str(&format!("\n\nSchema: `{}`.", def.origin));
    if let Form::Borrowed(_) = form {
        doc.push_str(&format!(
            "\n\nBorrowed from the input: [`super::{}`] with strings and open values as slices of it.",
            def.name
        ));
    }
    let doc = doc_attrs(Some(&doc));
    let derives = super::derives::derive_attr(def, true, None);
    // The `Config`'s attributes go on the owned form, the one users build and name.
    let config_attrs = match form {
        Form::Owned => super::rust_types::config_attrs(&def.attributes),
        Form::Borrowed(_) => quote!(),
    };
    let impl_generics = match form {
        Form::Owned => quote!(<'de>),
        Form::Borrowed(_) => quote!(<'de: 'a, 'a>),
    };
    let owned = match form {
        // `#[non_exhaustive]` keeps the constructor in this crate, as structs' `new` does.
        Form::Owned => quote! {
            impl #name {
                /// The payload holding `value`.
                pub fn new(value: #ty) -> Self {
                    #name(value)
                }
            }
        },
        Form::Borrowed(_) => {
            let value = into_owned(quote!(self.0), inner, form);
            let doc = doc_attrs(Some(&format!(
                "The owned [`super::{}`]: copies every borrowed string.",
                def.name
            )));
            let trait_impl = super::rust_types::into_owned_trait_impl(&name);
            quote! {
                impl<'a> #name<'a> {
                    #doc
                    pub fn into_owned(self) -> super::#name {
                        super::#name(#value)
                    }
                }
                #trait_impl
            }
        }
    };
    // An asserted timestamp is RFC 3339 text, read and written as the runtime does everywhere.
    let (field_attr, read, json_schema) = match inner {
        TypeRef::DateTime => (
            quote!(#[serde(serialize_with = "::eventgen_runtime::time::serde::rfc3339::serialize")]),
            quote!(::eventgen_runtime::__private::deserialize_rfc3339(
                deserializer
            )),
            quote!(
                ::eventgen_runtime::__private::schemars::json_schema!({ "type": "string", "format": "date-time" })
            ),
        ),
        _ => (
            super::rust_types::number_form(inner),
            quote!(<#ty as ::eventgen_runtime::__private::serde::Deserialize<'de>>::deserialize(deserializer)),
            quote!(<#ty as ::eventgen_runtime::__private::schemars::JsonSchema>::json_schema(generator)),
        ),
    };
    let schema = match form {
        Form::Owned => super::gate::part_items(
            schemars,
            quote! {
                impl ::eventgen_runtime::__private::schemars::JsonSchema for #name {
                    fn schema_name() -> ::std::borrow::Cow<'static, str> {
                        ::std::borrow::Cow::Borrowed(stringify!(#name))
                    }
                    #[allow(unused_variables)]
                    fn json_schema(generator: &mut ::eventgen_runtime::__private::schemars::SchemaGenerator) -> ::eventgen_runtime::__private::schemars::Schema {
                        #json_schema
                    }
                }
            },
        ),
        Form::Borrowed(_) => quote!(),
    };
    quote! {
        #doc
        #derives
        #config_attrs
        #[serde(transparent)]
        #[non_exhaustive]
        pub struct #name #generics(#field_attr pub #ty);

        impl #impl_generics ::eventgen_runtime::__private::serde::Deserialize<'de> for #name #generics {
            fn deserialize<D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #read.map(#name)
            }
        }

        #owned
        #schema
    }
}

//! The written-out trait impl skeletons shared by generated enums and literals (structs get
//! theirs from `#[derive(Payload)]`): `impl Deserialize` (a local `Visitor` with the given
//! methods, driven by the given `deserialize_*` call) and `impl JsonSchema`, as the output's
//! schemars part says.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust_types::Form;
use crate::ir::Part;

/// `impl Deserialize for #name` through a visitor whose `Value` is `#name` (`#name<'a>`,
/// borrowing from the input, in the borrowed form); `call` drives the visitor it is given.
pub fn deserialize_impl(
    name: &Ident,
    form: Form<'_>,
    expecting: &str,
    methods: TokenStream,
    call: impl FnOnce(TokenStream) -> TokenStream,
) -> TokenStream {
    match form {
        Form::Owned => {
            let call = call(quote!(Visitor));
            quote! {
                impl<'de> ::eventgen_runtime::__private::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        struct Visitor;
                        impl<'de> ::eventgen_runtime::__private::serde::de::Visitor<'de> for Visitor {
                            type Value = #name;
                            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str(#expecting)
                            }
                            #methods
                        }
                        #call
                    }
                }
            }
        }
        Form::Borrowed(_) => {
            let call = call(quote!(Visitor(::std::marker::PhantomData)));
            quote! {
                impl<'de: 'a, 'a> ::eventgen_runtime::__private::serde::Deserialize<'de> for #name<'a> {
                    fn deserialize<D: ::eventgen_runtime::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        struct Visitor<'a>(::std::marker::PhantomData<#name<'a>>);
                        impl<'de: 'a, 'a> ::eventgen_runtime::__private::serde::de::Visitor<'de> for Visitor<'a> {
                            type Value = #name<'a>;
                            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str(#expecting)
                            }
                            #methods
                        }
                        #call
                    }
                }
            }
        }
    }
}

/// `impl JsonSchema for #name` whose schema is the expression `schema`, as the output's
/// schemars part says.
pub fn json_schema_impl(name: &Ident, schema: TokenStream, schemars: &Part) -> TokenStream {
    super::gate::part_items(
        schemars,
        quote! {
            impl ::eventgen_runtime::__private::schemars::JsonSchema for #name {
                fn schema_name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(stringify!(#name))
                }
                fn json_schema(_: &mut ::eventgen_runtime::__private::schemars::SchemaGenerator) -> ::eventgen_runtime::__private::schemars::Schema {
                    #schema
                }
            }
        },
    )
}

//! The `impl Deserialize` skeleton shared by generated structs and enums: a local `Visitor`
//! with the given methods, driven by the given `deserialize_*` call.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `impl Deserialize for #name` through a visitor whose `Value` is `#name`.
pub fn deserialize_impl(name: &Ident, expecting: &str, methods: TokenStream, call: TokenStream) -> TokenStream {
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
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

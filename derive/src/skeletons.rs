//! The impl skeletons several derives fill: `DirectParse` and schemars' `JsonSchema`, so each
//! derive writes only the body that is its own.

use proc_macro2::TokenStream;
use quote::quote;

/// `impl DirectParse for #target` whose `direct(cursor)` is `body`.
pub fn direct_parse(target: TokenStream, runtime: &syn::Path, body: TokenStream) -> TokenStream {
    let private = quote!(#runtime::__private);
    quote! {
        impl<'a> #private::DirectParse<'a> for #target {
            fn direct(cursor: &mut #private::Cursor<'a>) -> ::std::option::Option<Self> {
                #body
            }
        }
    }
}

/// `impl JsonSchema for #name` named after the type, whose schema is `body` (which may use the
/// `generator`).
pub fn json_schema(name: &syn::Ident, runtime: &syn::Path, body: TokenStream) -> TokenStream {
    let private = quote!(#runtime::__private);
    quote! {
        impl #private::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!(#name))
            }
            #[allow(unused_variables)]
            fn json_schema(generator: &mut #private::schemars::SchemaGenerator) -> #private::schemars::Schema {
                #body
            }
        }
    }
}

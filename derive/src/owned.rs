//! `into_owned()` of the borrowed form: each field that borrows (its type names the lifetime)
//! converted through the runtime's `IntoOwned`, the others moved as they are.

use proc_macro2::TokenStream;
use quote::quote;

use crate::declaration::{borrows, Payload};

pub fn into_owned(payload: &Payload) -> TokenStream {
    let name = &payload.name;
    let owned = payload
        .owned
        .as_ref()
        .expect("checked when the declaration was read");
    let runtime = &payload.runtime;
    let private = quote!(#runtime::__private);
    let fields = payload
        .fields
        .iter()
        .map(|f| (&f.ident, &f.ty))
        .chain(payload.extra.iter().map(|(ident, value)| (ident, value)))
        .map(|(ident, ty)| {
            // The extra map always borrows its keys.
            let converts = borrows(ty) || payload.extra.as_ref().is_some_and(|(e, _)| e == ident);
            match converts {
                true => quote!(#ident: #private::IntoOwned::into_owned(self.#ident),),
                false => quote!(#ident: self.#ident,),
            }
        });
    owned_form(name, owned, runtime, quote!(#owned { #(#fields)* }))
}

/// `into_owned()` of a borrowed type, whose body is `conversion` (an expression of `self`), and
/// the runtime's `IntoOwned` that a field of the type converts through.
pub fn owned_form(
    name: &syn::Ident,
    owned: &syn::Path,
    runtime: &syn::Path,
    conversion: TokenStream,
) -> TokenStream {
    let private = quote!(#runtime::__private);
    let doc = format!(
        " The owned [`{}`]: copies every borrowed string.",
        quote!(#owned).to_string().replace(' ', "")
    );
    quote! {
        impl<'a> #name<'a> {
            #[doc = #doc]
            pub fn into_owned(self) -> #owned {
                #conversion
            }
        }
        impl<'a> #private::IntoOwned for #name<'a> {
            type Owned = #owned;
            fn into_owned(self) -> #owned {
                #name::into_owned(self)
            }
        }
    }
}

//! `#[cfg(feature = …)]` attributes from the features the IR assigned (see `gating`).

use proc_macro2::TokenStream;
use quote::quote;

/// The attribute for a set of features: none when always compiled, `any` for several.
pub fn cfg_attr(features: &[String]) -> TokenStream {
    match features {
        [] => quote!(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The opposite attribute: compiled when none of the features is on.
pub fn cfg_not_attr(features: &[String]) -> TokenStream {
    match features {
        [] => quote!(#[cfg(any())]),
        [one] => quote!(#[cfg(not(feature = #one))]),
        many => quote!(#[cfg(not(any(#(feature = #many),*)))]),
    }
}

/// Puts the attribute on every item of `tokens` (a type and its impls).
pub fn gate_items(tokens: TokenStream, features: &[String]) -> TokenStream {
    if features.is_empty() {
        return tokens;
    }
    let attr = cfg_attr(features);
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let items = file.items.into_iter();
            quote!(#(#attr #items)*)
        }
        // Not items: left as they are, so formatting reports the error with the file name.
        Err(_) => tokens,
    }
}

//! `#[cfg(feature = …)]` attributes from the features the IR assigned (see `gating`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Part;

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

/// The attribute `#[inner]` as an optional part of the output says: as it is when on, under
/// `cfg_attr` when a feature gates the part, none when it is off.
pub fn part_attr(part: &Part, inner: TokenStream) -> TokenStream {
    match part {
        Part::Off => quote!(),
        Part::On => quote!(#[#inner]),
        Part::Gated(feature) => quote!(#[cfg_attr(feature = #feature, #inner)]),
    }
}

/// Items that belong to an optional part: as they are when on, each under `#[cfg]` when a
/// feature gates the part, none when it is off.
pub fn part_items(part: &Part, items: TokenStream) -> TokenStream {
    match part {
        Part::Off => quote!(),
        Part::On => items,
        Part::Gated(feature) => gate_items(items, std::slice::from_ref(feature)),
    }
}

/// The `#[cfg]` to put on one piece (an item, a statement, a match arm) of an optional part:
/// `None` when the part is off, an empty attribute when it is always compiled.
pub fn part_cfg(part: &Part) -> Option<TokenStream> {
    match part {
        Part::Off => None,
        Part::On => Some(quote!()),
        Part::Gated(feature) => Some(quote!(#[cfg(feature = #feature)])),
    }
}

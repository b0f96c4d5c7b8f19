//! `#[derive]` attributes, printed from the traits the finalize pass settled, and the derives of
//! serde and schemars, named through the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Part, TypeDef};

/// `#[derive(<the type's derives>)]`: the standard traits the finalize pass settled, serde's
/// `Serialize` where the type's codec leaves it to serde, and the codec's runtime derive, which
/// writes the type's parsers from its declarations. serde's derive is reached through the
/// runtime's re-export, so it is told where serde is (`#[serde(crate = …)]`): the user's crate
/// need not depend on serde.
pub fn derive_attr(def: &TypeDef) -> TokenStream {
    let codec = def.kind.codec();
    let mut derives: Vec<TokenStream> = def
        .derives
        .iter()
        .map(|d| {
            let ident = format_ident!("{}", d.name());
            quote!(#ident)
        })
        .collect();
    if codec.serde_serialize() {
        derives.push(quote!(::eventgen_runtime::__private::serde::Serialize));
    }
    let runtime_derive = format_ident!("{}", codec.derive());
    derives.push(quote!(::eventgen_runtime::#runtime_derive));
    let krate = codec
        .serde_serialize()
        .then(|| quote!(#[serde(crate = "::eventgen_runtime::__private::serde")]));
    quote! {
        #[derive(#(#derives),*)]
        #krate
    }
}

/// `#[derive(JsonSchema)]` as the output's schemars part says (for a type whose codec leaves its
/// schema to schemars), told where schemars is and,
/// when given, the container `transform` to apply: one `cfg_attr` when a feature gates it.
pub fn schemars_derive(schemars: &Part, transform: Option<&proc_macro2::Ident>) -> TokenStream {
    let derive = quote!(derive(::eventgen_runtime::__private::schemars::JsonSchema));
    let transform = transform.map(|function| quote!(, transform = #function));
    let settings = quote!(schemars(crate = "::eventgen_runtime::__private::schemars" #transform));
    match schemars {
        Part::Off => quote!(),
        Part::On => quote!(#[#derive] #[#settings]),
        Part::Gated(feature) => quote!(#[cfg_attr(feature = #feature, #derive, #settings)]),
    }
}

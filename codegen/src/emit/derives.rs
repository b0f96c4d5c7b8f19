//! `#[derive]` attributes, printed from the traits the finalize pass settled.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::TypeDef;

/// `#[derive(<the type's derives>, <extra>)]`; `extra` are paths such as `::serde::Serialize`.
pub fn derive_attr(def: &TypeDef, extra: &[TokenStream]) -> TokenStream {
    let derives = def.derives.iter().map(|d| format_ident!("{}", d.name()));
    quote!(#[derive(#(#derives,)* #(#extra),*)])
}

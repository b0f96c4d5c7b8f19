//! Types and base traits taken from another crate (`Config::extern_path`): re-exported under
//! their names, so every reference to them reads as a reference to a type of this crate.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `pub use <module>::Name;` (or `<module>::borrowed::Name` for the borrowed form).
pub fn reexport(name: &str, module: &str, origin: &str, borrowed: bool) -> TokenStream {
    // `extern_paths::apply` checked that the module is a Rust path.
    let module: syn::Path = syn::parse_str(module).expect("extern module checked when settled");
    let ident = format_ident!("{}", name);
    let doc = format!(
        " From `{}`, generated from the same schema (`{origin}`).",
        quote!(#module).to_string().replace(' ', "")
    );
    if borrowed {
        quote!(#[doc = #doc] pub use #module::borrowed::#ident;)
    } else {
        quote!(#[doc = #doc] pub use #module::#ident;)
    }
}

//! `impl DirectParse` for the borrowed form: the runtime's direct parser reads payloads with these
//! instead of through serde (`eventgen_runtime::__private::DirectParse`). Each impl mirrors its
//! type's `Deserialize`: the same keys and aliases, the same slots; it gives up (`None`) wherever
//! that parse could fail or differ (a repeated or missing key, a closed enum's unknown value),
//! and hands values it does not read itself (escaped strings, floats, unions, maps, lenient wire
//! forms) to serde_json, so the serde parse stays the one definition of every value.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::{rust_type, Form};
use crate::ir::{TypeDef, TypeKind, TypeRef};

/// The impl for one type, in the borrowed module: on `Name<'a>` when the type borrows, on the
/// owned `super::Name` (which the borrowed form uses) when it does not.
pub fn emit_direct(def: &TypeDef, form: Form<'_>) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let target = match def.borrows {
        true => quote!(#name<'a>),
        false => quote!(super::#name),
    };
    let body = match &def.kind {
        // The derives write the others': `Payload`, `StringEnum`, `OneOf`, `Literal`.
        TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_) | TypeKind::Literal(_) => {
            return quote!()
        }
        TypeKind::Newtype(inner) => newtype_body(inner, form),
    };
    quote! {
        impl<'a> ::eventgen_runtime::__private::DirectParse<'a> for #target {
            fn direct(cursor: &mut ::eventgen_runtime::__private::Cursor<'a>) -> ::std::option::Option<Self> {
                #body
            }
        }
    }
}

/// A newtype reads its value as its own type does; an asserted timestamp by the runtime.
fn newtype_body(inner: &TypeRef, form: Form<'_>) -> TokenStream {
    match inner {
        TypeRef::DateTime => {
            quote!(::eventgen_runtime::__private::direct_rfc3339(cursor).map(Self))
        }
        _ => {
            let ty = rust_type(inner, form);
            quote!(<#ty as ::eventgen_runtime::__private::DirectParse<'a>>::direct(cursor).map(Self))
        }
    }
}

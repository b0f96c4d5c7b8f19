//! Items the generated types share, emitted once: the catch-all payload of extensible enums.
//! Everything schema-independent (map keys, slots, wire forms, schemars helpers) is the
//! runtime's (`eventgen_runtime::__private`), documented and tested there.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Model, TypeKind};

pub fn emit_support(model: &Model) -> TokenStream {
    let has_extensible_enum = model
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Enum(e) if e.extensible));
    let mut items = TokenStream::new();
    if has_extensible_enum {
        items.extend(quote! {
            /// A string enum value that the schema does not list, exactly as received.
            ///
            /// Only the parser creates it, so a value the schema lists never ends up here.
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct UnknownValue(::std::string::String);

            impl UnknownValue {
                /// The value as received.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl ::std::fmt::Display for UnknownValue {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(&self.0)
                }
            }
        });
    }
    items
}

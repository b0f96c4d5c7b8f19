//! `#[derive(OneOf)]`: the parser of a generated union (`oneOf`/`anyOf` of distinct schemas),
//! an enum with one single-value variant per option. The value's text is buffered once (so an
//! option holding raw JSON keeps it byte for byte, which serde's untagged buffer cannot), then
//! the options are tried in the declared order, or, with `most_known_keys`, an object goes first
//! to the option that declares most of its keys. Writing it stays serde's `untagged`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::{spanned::Spanned, Data, DeriveInput, Fields, LitStr, Type};

use crate::declaration::{borrows, eventgen_args, Container};
use crate::skeletons;

/// One option.
struct Option_ {
    ident: syn::Ident,
    ty: Type,
    /// An RFC 3339 instant (`time::OffsetDateTime`), read from its string.
    rfc3339: bool,
    /// The keys its object declares, for `most_known_keys`.
    keys: Vec<String>,
}

pub fn derive_one_of(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "`OneOf` is derived for enums only",
        ));
    };
    let container = Container::read(
        &input.attrs,
        "OneOf",
        &["most_known_keys", "direct", "owned", "crate"],
    )?;
    let most_known_keys = container.flag("most_known_keys");
    let Container {
        direct,
        owned,
        runtime,
        ..
    } = container;
    let mut options = Vec::new();
    for variant in &data.variants {
        let ty = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => fields.unnamed[0].ty.clone(),
            _ => {
                return Err(syn::Error::new(
                    variant.span(),
                    "a `OneOf` option holds one value",
                ))
            }
        };
        let mut option = Option_ {
            ident: variant.ident.clone(),
            ty,
            rfc3339: false,
            keys: Vec::new(),
        };
        eventgen_args(&variant.attrs, |meta| {
            if meta.path.is_ident("rfc3339") {
                option.rfc3339 = true;
            } else if meta.path.is_ident("key") {
                option.keys.push(meta.value()?.parse::<LitStr>()?.value());
            } else {
                return Err(meta.error("unknown `eventgen` attribute of a `OneOf` option"));
            }
            Ok(())
        })?;
        options.push(option);
    }
    let borrowed = input.generics.lifetimes().next().is_some();
    if borrowed && owned.is_none() {
        return Err(syn::Error::new(
            input.ident.span(),
            "a borrowed `OneOf` names its owned form: `#[eventgen(owned = \"…\")]`",
        ));
    }
    let mut out = deserialize(&input.ident, borrowed, most_known_keys, &options, &runtime);
    if let Some(owned) = &owned {
        out.extend(into_owned(&input.ident, owned, &options, &runtime));
    }
    if direct || borrowed {
        let name = &input.ident;
        let target = match borrowed {
            true => quote!(#name<'a>),
            false => quote!(#name),
        };
        // Options are tried in turn: serde_json reads them.
        out.extend(skeletons::direct_parse(
            target,
            &runtime,
            quote!(cursor.serde()),
        ));
    }
    Ok(out)
}

/// `impl Deserialize`: buffer the value's text once, try the options in order, and on failure
/// name the option tried first.
fn deserialize(
    name: &syn::Ident,
    borrowed: bool,
    most_known_keys: bool,
    options: &[Option_],
    runtime: &syn::Path,
) -> TokenStream {
    let private = quote!(#runtime::__private);
    let indexes: Vec<Literal> = (0..options.len()).map(Literal::usize_unsuffixed).collect();
    let count = Literal::usize_unsuffixed(options.len());
    let order = if most_known_keys {
        let scores = options.iter().map(|o| {
            let keys = &o.keys;
            quote!(#private::known_key_count(&keys, &[#(#keys),*]))
        });
        quote! {
            let keys = #private::object_keys(text);
            let mut scored: [(usize, usize); #count] = [#((#scores, #indexes)),*];
            scored.sort_by_key(|&(known, index)| (::std::cmp::Reverse(known), index));
            let order = scored.map(|(_, index)| index);
        }
    } else {
        quote!(let order: [usize; #count] = [#(#indexes),*];)
    };
    let attempts = options.iter().zip(&indexes).map(|(o, index)| {
        let ident = &o.ident;
        let label = ident.to_string();
        let ty = &o.ty;
        let parse = match o.rfc3339 {
            true => quote!(#private::parse_rfc3339_option(text)),
            false => quote!(#private::parse_option::<#ty>(text)),
        };
        quote!(#index => (#label, #parse.map(#name::#ident)),)
    });
    let type_name = name.to_string();
    // The owned form buffers the value's text; the borrowed form's is a slice of the input.
    let (impl_head, buffer) = match borrowed {
        false => (
            quote!(impl<'de> #private::serde::Deserialize<'de> for #name),
            quote!(let raw = <#runtime::RawJson as #private::serde::Deserialize>::deserialize(deserializer)?;),
        ),
        true => (
            quote!(impl<'de: 'a, 'a> #private::serde::Deserialize<'de> for #name<'a>),
            quote!(let raw = <#runtime::borrowed::RawJson<'de> as #private::serde::Deserialize>::deserialize(deserializer)?;),
        ),
    };
    quote! {
        #impl_head {
            fn deserialize<D: #private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #buffer
                let text = raw.get();
                #order
                let mut closest = ::std::option::Option::None;
                for index in order {
                    let (option, parsed) = match index {
                        #(#attempts)*
                        _ => continue,
                    };
                    match parsed {
                        ::std::result::Result::Ok(parsed) => return ::std::result::Result::Ok(parsed),
                        ::std::result::Result::Err(error) => {
                            closest.get_or_insert((option, error));
                        }
                    }
                }
                ::std::result::Result::Err(#private::no_option_fits(#type_name, closest))
            }
        }
    }
}

/// `into_owned()` and `IntoOwned` of a borrowed union: the same option, converted.
fn into_owned(
    name: &syn::Ident,
    owned: &syn::Path,
    options: &[Option_],
    runtime: &syn::Path,
) -> TokenStream {
    let private = quote!(#runtime::__private);
    let arms = options.iter().map(|o| {
        let ident = &o.ident;
        let value = match borrows(&o.ty) {
            true => quote!(#private::IntoOwned::into_owned(v)),
            false => quote!(v),
        };
        quote!(#name::#ident(v) => #owned::#ident(#value),)
    });
    crate::owned::owned_form(name, owned, runtime, quote!(match self { #(#arms)* }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_tried_in_order_or_by_known_keys_and_timestamps_read_as_rfc_3339() {
        let out = derive_one_of(&syn::parse_quote! {
            #[eventgen(most_known_keys, owned = "super::U")]
            enum U<'a> {
                A(A<'a>),
                #[eventgen(key = "x", key = "y")]
                B(super::B),
                #[eventgen(rfc3339)]
                At(OffsetDateTime),
            }
        })
        .unwrap()
        .to_string();
        for expected in [
            "known_key_count (& keys , & [\"x\" , \"y\"])",
            "1 => (\"B\" , :: eventgen_runtime :: __private :: parse_option :: < super :: B > (text) . map (U :: B))",
            "2 => (\"At\" , :: eventgen_runtime :: __private :: parse_rfc3339_option (text) . map (U :: At))",
            "U :: A (v) => super :: U :: A (:: eventgen_runtime :: __private :: IntoOwned :: into_owned (v))",
            "U :: B (v) => super :: U :: B (v)",
            "DirectParse < 'a > for U < 'a >",
            "no_option_fits (\"U\" , closest)",
        ] {
            assert!(out.contains(expected), "{expected}: {out}");
        }
        let first_fit = derive_one_of(&syn::parse_quote!(
            enum V {
                A(i64),
                B(String),
            }
        ))
        .unwrap()
        .to_string();
        assert!(
            first_fit.contains("let order : [usize ; 2] = [0 , 1]"),
            "{first_fit}"
        );
        assert!(!first_fit.contains("DirectParse"), "{first_fit}");
    }

    #[test]
    fn a_bad_declaration_is_an_error_naming_it() {
        let error = |input: DeriveInput| derive_one_of(&input).unwrap_err().to_string();
        assert_eq!(
            error(syn::parse_quote!(
                enum U {
                    A(i64, i64),
                }
            )),
            "a `OneOf` option holds one value"
        );
        assert_eq!(
            error(syn::parse_quote!(
                enum U<'a> {
                    A(&'a str),
                }
            )),
            "a borrowed `OneOf` names its owned form: `#[eventgen(owned = \"…\")]`"
        );
        assert_eq!(
            error(syn::parse_quote!(
                enum U {
                    #[eventgen(keys = "x")]
                    A(i64),
                }
            )),
            "unknown `eventgen` attribute of a `OneOf` option"
        );
    }
}

//! `#[derive(Newtype)]`: the parsers of a generated newtype, an event payload that is not an
//! object, enum or union (`pub struct Name(pub T)`), read exactly as `T` is; an RFC 3339 instant
//! (`#[eventgen(rfc3339)]`) from its string. Writing it stays serde's `transparent`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{spanned::Spanned, Data, DeriveInput, Fields};

use crate::declaration::{borrows, eventgen_args, Container};
use crate::skeletons;

pub fn derive_newtype(input: &DeriveInput) -> syn::Result<TokenStream> {
    let inner = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Some(&fields.unnamed[0]),
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(|| {
        syn::Error::new(
            input.span(),
            "`Newtype` is derived for a struct of one unnamed field",
        )
    })?;
    let Container {
        json_schema,
        direct,
        owned,
        runtime,
        ..
    } = Container::read(
        &input.attrs,
        "Newtype",
        &["json_schema", "direct", "owned", "crate"],
    )?;
    let mut rfc3339 = false;
    eventgen_args(&inner.attrs, |meta| {
        if meta.path.is_ident("rfc3339") {
            rfc3339 = true;
            Ok(())
        } else {
            Err(meta.error("unknown `eventgen` attribute of a `Newtype`'s value"))
        }
    })?;
    let borrowed = input.generics.lifetimes().next().is_some();
    if borrowed && owned.is_none() {
        return Err(syn::Error::new(
            input.ident.span(),
            "a borrowed `Newtype` names its owned form: `#[eventgen(owned = \"…\")]`",
        ));
    }
    let name = &input.ident;
    let ty = &inner.ty;
    let private = quote!(#runtime::__private);
    let (impl_generics, generics) = match borrowed {
        true => (quote!(<'de: 'a, 'a>), quote!(<'a>)),
        false => (quote!(<'de>), quote!()),
    };
    let read = match rfc3339 {
        true => quote!(#private::deserialize_rfc3339(deserializer)),
        false => quote!(<#ty as #private::serde::Deserialize<'de>>::deserialize(deserializer)),
    };
    let mut out = quote! {
        impl #impl_generics #private::serde::Deserialize<'de> for #name #generics {
            fn deserialize<D: #private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #read.map(#name)
            }
        }
    };
    if let Some(owned) = &owned {
        let value = match borrows(ty) {
            true => quote!(#private::IntoOwned::into_owned(self.0)),
            false => quote!(self.0),
        };
        out.extend(crate::owned::owned_form(
            name,
            owned,
            &runtime,
            quote!(#owned(#value)),
        ));
    }
    if json_schema {
        let schema = match rfc3339 {
            true => {
                quote!(#private::schemars::json_schema!({ "type": "string", "format": "date-time" }))
            }
            false => quote!(<#ty as #private::schemars::JsonSchema>::json_schema(generator)),
        };
        out.extend(skeletons::json_schema(name, &runtime, schema));
    }
    // The borrowed form always reads directly; an owned newtype it uses, when declared.
    if direct || borrowed {
        let target = match borrowed {
            true => quote!(#name<'a>),
            false => quote!(#name),
        };
        let body = match rfc3339 {
            true => quote!(#private::direct_rfc3339(cursor).map(Self)),
            false => quote!(<#ty as #private::DirectParse<'a>>::direct(cursor).map(Self)),
        };
        out.extend(skeletons::direct_parse(target, &runtime, body));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newtype_reads_as_its_value_and_an_instant_as_rfc_3339() {
        let borrowed = derive_newtype(&syn::parse_quote! {
            #[eventgen(owned = "super::Note")]
            struct Note<'a>(pub CowStr<'a>);
        })
        .unwrap()
        .to_string();
        for expected in [
            "< CowStr < 'a > as :: eventgen_runtime :: __private :: serde :: Deserialize < 'de >> :: deserialize (deserializer) . map (Note)",
            "super :: Note (:: eventgen_runtime :: __private :: IntoOwned :: into_owned (self . 0))",
            "DirectParse < 'a > for Note < 'a >",
        ] {
            assert!(borrowed.contains(expected), "{expected}: {borrowed}");
        }
        let instant = derive_newtype(&syn::parse_quote! {
            #[eventgen(json_schema, direct)]
            struct At(#[eventgen(rfc3339)] pub OffsetDateTime);
        })
        .unwrap()
        .to_string();
        for expected in [
            "deserialize_rfc3339 (deserializer) . map (At)",
            "\"format\" : \"date-time\"",
            "direct_rfc3339 (cursor) . map (Self)",
        ] {
            assert!(instant.contains(expected), "{expected}: {instant}");
        }
    }

    #[test]
    fn a_bad_declaration_is_an_error_naming_it() {
        let error = |input: DeriveInput| derive_newtype(&input).unwrap_err().to_string();
        assert_eq!(
            error(syn::parse_quote!(
                struct N(i64, i64);
            )),
            "`Newtype` is derived for a struct of one unnamed field"
        );
        assert_eq!(
            error(syn::parse_quote!(
                struct N<'a>(&'a str);
            )),
            "a borrowed `Newtype` names its owned form: `#[eventgen(owned = \"…\")]`"
        );
    }
}

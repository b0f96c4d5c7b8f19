//! `#[derive(StringEnum)]`: a generated string enum's methods and trait impls, from its
//! variants' wire values. Extensible enums keep unknown values in the variant marked
//! `#[eventgen(other)]`, holding the crate's `UnknownValue`, which only this parser builds, so a
//! listed value can never end up there. Known values parse without allocating.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{spanned::Spanned, Data, DeriveInput, Fields, LitInt, LitStr};

use crate::declaration::{eventgen_args, Container};
use crate::skeletons;

/// A listed value.
struct Value {
    ident: syn::Ident,
    /// As sent (default: the variant's name).
    wire: String,
    /// Other spellings that denote it (`x-enum-aliases`).
    aliases: Vec<String>,
    /// Integers that denote it (`x-enum-integer-values`).
    codes: Vec<i64>,
}

/// What an enum declares.
struct StringEnum {
    name: syn::Ident,
    values: Vec<Value>,
    /// The catch-all variant and the type it holds, for an extensible enum.
    other: Option<(syn::Ident, syn::Type)>,
    case_insensitive: bool,
    json_schema: bool,
    direct: bool,
    runtime: syn::Path,
}

pub fn derive_string_enum(input: &DeriveInput) -> syn::Result<TokenStream> {
    let e = read(input)?;
    let mut out = TokenStream::new();
    out.extend([inherent(&e), conversions(&e), serde_impls(&e)]);
    if e.json_schema {
        out.extend(json_schema(&e));
    }
    if e.direct {
        out.extend(direct(&e));
    }
    Ok(out)
}

fn read(input: &DeriveInput) -> syn::Result<StringEnum> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.span(),
            "`StringEnum` is derived for enums only",
        ));
    };
    let container = Container::read(
        &input.attrs,
        "StringEnum",
        &["case_insensitive", "json_schema", "direct", "crate"],
    )?;
    let mut e = StringEnum {
        name: input.ident.clone(),
        values: Vec::new(),
        other: None,
        case_insensitive: container.flag("case_insensitive"),
        json_schema: container.json_schema,
        direct: container.direct,
        runtime: container.runtime,
    };
    for variant in &data.variants {
        let mut value = Value {
            ident: variant.ident.clone(),
            wire: variant.ident.to_string(),
            aliases: Vec::new(),
            codes: Vec::new(),
        };
        let mut other = false;
        eventgen_args(&variant.attrs, |meta| {
            if meta.path.is_ident("value") {
                value.wire = meta.value()?.parse::<LitStr>()?.value();
            } else if meta.path.is_ident("alias") {
                value.aliases.push(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("code") {
                value
                    .codes
                    .push(meta.value()?.parse::<LitInt>()?.base10_parse()?);
            } else if meta.path.is_ident("other") {
                other = true;
            } else {
                return Err(meta.error("unknown `eventgen` attribute of a `StringEnum` variant"));
            }
            Ok(())
        })?;
        match (&variant.fields, other) {
            (Fields::Unit, false) => e.values.push(value),
            (Fields::Unnamed(fields), true) if fields.unnamed.len() == 1 && e.other.is_none() => {
                e.other = Some((variant.ident.clone(), fields.unnamed[0].ty.clone()));
            }
            _ => {
                return Err(syn::Error::new(
                    variant.span(),
                    "a `StringEnum` variant is a unit, or the one `#[eventgen(other)] Other(UnknownValue)`",
                ))
            }
        }
    }
    Ok(e)
}

/// `VALUES`, `as_str()`, `known()` and, when extensible, `from_wire()`.
fn inherent(e: &StringEnum) -> TokenStream {
    let name = &e.name;
    let idents: Vec<_> = e.values.iter().map(|v| &v.ident).collect();
    let wires: Vec<_> = e.values.iter().map(|v| &v.wire).collect();
    // Listed values first, then other spellings: a listed value always wins.
    let (spelled, spelled_idents): (Vec<&String>, Vec<&syn::Ident>) = e
        .values
        .iter()
        .map(|v| (&v.wire, &v.ident))
        .chain(
            e.values
                .iter()
                .flat_map(|v| v.aliases.iter().map(move |alias| (alias, &v.ident))),
        )
        .unzip();
    let fallback = match e.case_insensitive {
        true => quote!({
            #(if value.eq_ignore_ascii_case(#spelled) {
                return ::std::option::Option::Some(#name::#spelled_idents);
            })*
            ::std::option::Option::None
        }),
        false => quote!(::std::option::Option::None),
    };
    let (other_str, from_wire) = match &e.other {
        Some((other, held)) => (
            quote!(#name::#other(value) => value.as_str(),),
            quote! {
                /// The variant for a wire value; unknown values land in the catch-all.
                pub fn from_wire(value: &str) -> Self {
                    Self::known(value).unwrap_or_else(|| #name::#other(#held(value.into())))
                }
            },
        ),
        None => (quote!(), quote!()),
    };
    quote! {
        impl #name {
            /// Every value the schema lists, in schema order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#idents => #wires,)*
                    #other_str
                }
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#spelled => ::std::option::Option::Some(#name::#spelled_idents),)*
                    _ => #fallback,
                }
            }

            #from_wire
        }
    }
}

/// `FromStr` (infallible when extensible, `ParseEnumError` when closed), `From<&str>` when
/// extensible, and `Display`.
fn conversions(e: &StringEnum) -> TokenStream {
    let (name, runtime) = (&e.name, &e.runtime);
    let from_str = match e.other {
        Some(_) => quote! {
            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    #name::from_wire(value)
                }
            }
            impl ::std::str::FromStr for #name {
                type Err = ::std::convert::Infallible;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    ::std::result::Result::Ok(#name::from_wire(value))
                }
            }
        },
        None => {
            let type_name = name.to_string();
            quote! {
                impl ::std::str::FromStr for #name {
                    type Err = #runtime::ParseEnumError;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        #name::known(value).ok_or_else(|| #runtime::ParseEnumError::new(#type_name, value))
                    }
                }
            }
        }
    };
    quote! {
        #from_str
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `Serialize` (the wire string) and `Deserialize` (a string, or one of the integer codes when
/// any are declared).
fn serde_impls(e: &StringEnum) -> TokenStream {
    let (name, runtime) = (&e.name, &e.runtime);
    let serde = quote!(#runtime::__private::serde);
    let visit_str = match e.other {
        Some(_) => quote!(::std::result::Result::Ok(#name::from_wire(value))),
        None => quote!(#name::known(value).ok_or_else(|| E::unknown_variant(value, #name::VALUES))),
    };
    let visit_string = e.other.as_ref().map(|(other, held)| {
        quote! {
            fn visit_string<E: #serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#name, E> {
                // The owned string becomes the unknown value without a copy.
                ::std::result::Result::Ok(match #name::known(&value) {
                    ::std::option::Option::Some(known) => known,
                    ::std::option::Option::None => #name::#other(#held(value)),
                })
            }
        }
    });
    let codes: Vec<(i64, &syn::Ident)> = e
        .values
        .iter()
        .flat_map(|v| v.codes.iter().map(move |code| (*code, &v.ident)))
        .collect();
    let (expecting, integer_visitors, call) = if codes.is_empty() {
        (
            format!("a `{name}` string"),
            quote!(),
            quote!(deserialize_str),
        )
    } else {
        let (numbers, code_idents): (Vec<i64>, Vec<&syn::Ident>) = codes.into_iter().unzip();
        (
            format!("a `{name}` string or its integer code"),
            quote! {
                fn visit_i64<E: #serde::de::Error>(self, value: i64) -> ::std::result::Result<#name, E> {
                    match value {
                        #(#numbers => ::std::result::Result::Ok(#name::#code_idents),)*
                        _ => ::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::Signed(value), &self)),
                    }
                }
                fn visit_u64<E: #serde::de::Error>(self, value: u64) -> ::std::result::Result<#name, E> {
                    match i64::try_from(value) {
                        ::std::result::Result::Ok(value) => self.visit_i64(value),
                        ::std::result::Result::Err(_) => ::std::result::Result::Err(E::invalid_value(#serde::de::Unexpected::Unsigned(value), &self)),
                    }
                }
            },
            quote!(deserialize_any),
        )
    };
    quote! {
        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> #serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: #serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                        #visit_str
                    }
                    #visit_string
                    #integer_visitors
                }
                deserializer.#call(Visitor)
            }
        }
    }
}

/// `JsonSchema`: a string schema listing the values (open when extensible).
fn json_schema(e: &StringEnum) -> TokenStream {
    let (name, runtime) = (&e.name, &e.runtime);
    let open = e.other.is_some();
    let body = quote!(#runtime::__private::schema::string_enum(#name::VALUES, #open));
    skeletons::json_schema(name, runtime, body)
}

/// `DirectParse`, for the borrowed form: a plain string is matched as `Deserialize` matches it;
/// anything else (escapes, integer codes) goes to serde_json.
fn direct(e: &StringEnum) -> TokenStream {
    let known = match e.other {
        Some(_) => quote!(::std::option::Option::Some(Self::from_wire(value))),
        None => quote!(Self::known(value)),
    };
    let name = &e.name;
    let body = quote! {
        match cursor.plain_str() {
            ::std::option::Option::Some(value) => #known,
            ::std::option::Option::None => cursor.serde(),
        }
    };
    skeletons::direct_parse(quote!(#name), &e.runtime, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(input: DeriveInput) -> String {
        derive_string_enum(&input).unwrap().to_string()
    }

    #[test]
    fn values_default_to_the_variant_name_and_aliases_codes_and_case_are_read() {
        let out = expand(syn::parse_quote! {
            #[eventgen(case_insensitive, json_schema, direct)]
            enum Tier {
                Basic,
                #[eventgen(value = "plus", alias = "PLUS+", code = 2)]
                Plus,
                #[eventgen(other)]
                Other(UnknownValue),
            }
        });
        for expected in [
            "pub const VALUES : & 'static [& 'static str] = & [\"Basic\" , \"plus\"]",
            "\"PLUS+\" => :: std :: option :: Option :: Some (Tier :: Plus)",
            "value . eq_ignore_ascii_case (\"PLUS+\")",
            "2i64 => :: std :: result :: Result :: Ok (Tier :: Plus)",
            "deserializer . deserialize_any (Visitor)",
            "Tier :: Other (UnknownValue (value . into ()))",
            "string_enum (Tier :: VALUES , true)",
            "DirectParse < 'a > for Tier",
            "type Err = :: std :: convert :: Infallible",
        ] {
            assert!(out.contains(expected), "{expected}: {out}");
        }
    }

    #[test]
    fn a_closed_enum_refuses_unknown_values() {
        let out = expand(syn::parse_quote!(
            enum Mode {
                On,
                Off,
            }
        ));
        assert!(
            out.contains("E :: unknown_variant (value , Mode :: VALUES)"),
            "{out}"
        );
        assert!(
            out.contains("ParseEnumError :: new (\"Mode\" , value)"),
            "{out}"
        );
        assert!(
            out.contains("deserializer . deserialize_str (Visitor)"),
            "{out}"
        );
        assert!(!out.contains("from_wire"), "{out}");
        assert!(!out.contains("JsonSchema"), "{out}");
    }

    #[test]
    fn a_variant_that_is_neither_a_unit_nor_the_catch_all_is_an_error() {
        let error = |input: DeriveInput| derive_string_enum(&input).unwrap_err().to_string();
        let message =
            "a `StringEnum` variant is a unit, or the one `#[eventgen(other)] Other(UnknownValue)`";
        assert_eq!(
            error(syn::parse_quote!(
                enum A {
                    B(String),
                }
            )),
            message
        );
        assert_eq!(
            error(syn::parse_quote!(
                enum A {
                    #[eventgen(other)]
                    B(U),
                    #[eventgen(other)]
                    C(U),
                }
            )),
            message
        );
        assert_eq!(
            error(syn::parse_quote!(
                enum A {
                    #[eventgen(name = "b")]
                    B,
                }
            )),
            "unknown `eventgen` attribute of a `StringEnum` variant"
        );
    }
}

//! What a payload struct declares, read from its attributes: the model every expansion is
//! printed from, so the serde, direct and owned parsers agree by construction.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{
    spanned::Spanned, Data, DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Type,
};

/// A payload struct.
pub struct Payload {
    pub name: syn::Ident,
    /// The borrowed form: the struct has a lifetime (`'a`) and borrows from the input.
    pub borrowed: bool,
    /// The borrowed form's owned type.
    pub owned: Option<syn::Path>,
    /// An undeclared key is an error.
    pub closed: bool,
    /// An owned struct the borrowed form uses gets the direct parser too.
    pub direct: bool,
    /// The path of `eventgen_runtime` in the expansion (`#[eventgen(crate = "…")]`).
    pub runtime: syn::Path,
    pub fields: Vec<Field>,
    /// The field that keeps undeclared keys, and its map's value type.
    pub extra: Option<(syn::Ident, Type)>,
}

/// How the value of a field is written on the wire, when not as its Rust type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WireForm {
    AsType,
    Rfc3339,
    LenientDateTime,
    StringOrNumber,
}

/// A declared field.
pub struct Field {
    pub ident: syn::Ident,
    pub ty: Type,
    pub key: String,
    pub aliases: Vec<String>,
    pub required: bool,
    pub nullable: bool,
    pub boxed: bool,
    pub keeps_null: bool,
    pub wire: WireForm,
    /// The field's type inside its `Option`s and `Box`.
    pub core: Type,
}

impl Payload {
    pub fn read(input: &DeriveInput) -> syn::Result<Payload> {
        let Data::Struct(data) = &input.data else {
            return Err(syn::Error::new(
                input.span(),
                "`Payload` is derived for structs only",
            ));
        };
        let Fields::Named(named) = &data.fields else {
            return Err(syn::Error::new(
                input.span(),
                "`Payload` needs named fields",
            ));
        };
        let mut payload = Payload {
            name: input.ident.clone(),
            borrowed: input.generics.lifetimes().next().is_some(),
            owned: None,
            closed: false,
            direct: false,
            runtime: syn::parse_quote!(::eventgen_runtime),
            fields: Vec::new(),
            extra: None,
        };
        eventgen_args(&input.attrs, |meta| {
            if meta.path.is_ident("owned") {
                payload.owned = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if meta.path.is_ident("closed") {
                payload.closed = true;
            } else if meta.path.is_ident("direct") {
                payload.direct = true;
            } else if meta.path.is_ident("crate") {
                payload.runtime = meta.value()?.parse::<LitStr>()?.parse()?;
            } else {
                return Err(meta.error("unknown `eventgen` struct attribute"));
            }
            Ok(())
        })?;
        if payload.borrowed && payload.owned.is_none() {
            return Err(syn::Error::new(
                input.ident.span(),
                "a borrowed payload names its owned form: `#[eventgen(owned = \"…\")]`",
            ));
        }
        for field in &named.named {
            let ident = field.ident.clone().expect("named fields have names");
            let mut key = ident.to_string();
            let mut required = true;
            let mut flatten = false;
            for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        key = meta.value()?.parse::<LitStr>()?.value();
                    } else if meta.path.is_ident("default") {
                        required = false;
                    } else if meta.path.is_ident("skip_serializing_if") {
                        // Written only when present: the key may be absent.
                        required = false;
                        meta.value()?.parse::<syn::Expr>()?;
                    } else if meta.path.is_ident("flatten") {
                        flatten = true;
                    } else if meta.input.peek(syn::Token![=]) {
                        // Serialize-only arguments (`skip_serializing_if`, `serialize_with`).
                        meta.value()?.parse::<syn::Expr>()?;
                    }
                    Ok(())
                })?;
            }
            if flatten {
                let value = type_arguments(&field.ty).last().copied().ok_or_else(|| {
                    syn::Error::new(
                        field.ty.span(),
                        "the flattened field is an `OrderedMap<K, V>`",
                    )
                })?;
                payload.extra = Some((ident, value.clone()));
                continue;
            }
            let mut declared = Field {
                ident,
                ty: field.ty.clone(),
                key,
                aliases: Vec::new(),
                required,
                nullable: false,
                boxed: false,
                keeps_null: false,
                wire: WireForm::AsType,
                core: field.ty.clone(),
            };
            eventgen_args(&field.attrs, |meta| {
                let path = &meta.path;
                let wire = if path.is_ident("alias") {
                    declared
                        .aliases
                        .push(meta.value()?.parse::<LitStr>()?.value());
                    return Ok(());
                } else if path.is_ident("nullable") {
                    declared.nullable = true;
                    return Ok(());
                } else if path.is_ident("boxed") {
                    declared.boxed = true;
                    return Ok(());
                } else if path.is_ident("keeps_null") {
                    declared.keeps_null = true;
                    return Ok(());
                } else if path.is_ident("rfc3339") {
                    WireForm::Rfc3339
                } else if path.is_ident("lenient_date_time") {
                    WireForm::LenientDateTime
                } else if path.is_ident("string_or_number") {
                    WireForm::StringOrNumber
                } else {
                    return Err(meta.error("unknown `eventgen` field attribute"));
                };
                if declared.wire != WireForm::AsType {
                    return Err(meta.error("a field has one wire form"));
                }
                declared.wire = wire;
                Ok(())
            })?;
            declared.core = declared.unwrapped_type()?;
            payload.fields.push(declared);
        }
        Ok(payload)
    }
}

impl Field {
    /// The type inside the field's `Option`s (absence, then `null`) and its `Box`.
    fn unwrapped_type(&self) -> syn::Result<Type> {
        let mut ty = &self.ty;
        let layers =
            usize::from(!self.required) + usize::from(self.nullable) + usize::from(self.boxed);
        for _ in 0..layers {
            ty = first_type_argument(ty).ok_or_else(|| {
                syn::Error::new(
                    self.ty.span(),
                    "the declared presence and boxing do not match the field's type",
                )
            })?;
        }
        Ok(ty.clone())
    }

    /// `null` is read as `None` of an `Option` in the slot: allowed by the schema, or read as
    /// absent for an optional key, unless the type holds `null` itself.
    pub fn reads_null(&self) -> bool {
        !self.keeps_null && (self.nullable || !self.required)
    }

    /// Whether the field's value is read through a wire-form wrapper (`.0` unwraps it).
    pub fn wrapped(&self) -> bool {
        self.wire != WireForm::AsType
    }

    /// `ty` in the field's `Box` and, when `null` is read, an `Option`.
    pub fn wrap_read(&self, mut ty: TokenStream) -> TokenStream {
        if self.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        if self.reads_null() {
            ty = quote!(::std::option::Option<#ty>);
        }
        ty
    }

    /// What the serde parse reads into the slot: the type, or its wire-form wrapper.
    pub fn serde_read_type(&self, runtime: &syn::Path) -> TokenStream {
        let private = quote!(#runtime::__private);
        let core = &self.core;
        let ty = match self.wire {
            WireForm::AsType => quote!(#core),
            WireForm::Rfc3339 => quote!(#private::Rfc3339),
            WireForm::LenientDateTime => quote!(#private::LenientDateTime),
            WireForm::StringOrNumber if is_f64(core) => quote!(#private::StringOrFloat),
            WireForm::StringOrNumber => quote!(#private::StringOrInteger<#core>),
        };
        self.wrap_read(ty)
    }

    /// Turns one value the serde slot read into the field's: the wrapper's `.0`, through the
    /// `Option` of a nullable read.
    pub fn unwrap_read(&self) -> TokenStream {
        match (self.wrapped(), self.reads_null()) {
            (false, _) => quote!(),
            (true, false) => quote!(.0),
            (true, true) => quote!(.map(|value| value.0)),
        }
    }

    /// The field's value from its slot, where `unwrap` turns one read value into the field's.
    /// A required slot is already unwrapped; a `null` the schema does not allow for an optional
    /// key reads as absent (`flatten`).
    pub fn slot_value(&self, slot: TokenStream, unwrap: TokenStream) -> TokenStream {
        let lenient_null = !self.required && !self.nullable && self.reads_null();
        if self.required {
            quote!(#slot #unwrap)
        } else if lenient_null {
            quote!(#slot.flatten() #unwrap)
        } else if unwrap.is_empty() {
            slot
        } else {
            quote!(#slot.map(|value| value #unwrap))
        }
    }
}

/// `T` of `Option<T>` and `Box<T>`: the last path segment's first type argument.
fn first_type_argument(ty: &Type) -> Option<&Type> {
    type_arguments(ty).first().copied()
}

/// The type arguments of the last path segment (`K` and `V` of `OrderedMap<K, V>`).
fn type_arguments(ty: &Type) -> Vec<&Type> {
    let Type::Path(path) = ty else {
        return Vec::new();
    };
    let Some(PathArguments::AngleBracketed(args)) =
        path.path.segments.last().map(|segment| &segment.arguments)
    else {
        return Vec::new();
    };
    args.args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect()
}

fn is_f64(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.is_ident("f64"))
}

/// Whether `ty` names a lifetime: in the borrowed form, exactly the types that borrow.
/// The `#[eventgen(…)]` settings of a type that the enum, union, literal and newtype derives
/// share, and the flags particular to one of them (`case_insensitive`, `most_known_keys`).
pub struct Container {
    /// Write `JsonSchema` (`json_schema`).
    pub json_schema: bool,
    /// Write `DirectParse` for an owned type the borrowed form uses (`direct`).
    pub direct: bool,
    /// The borrowed form's owned type (`owned = "path"`).
    pub owned: Option<syn::Path>,
    /// The runtime's path (`crate = "path"`).
    pub runtime: syn::Path,
    flags: Vec<String>,
}

impl Container {
    /// Reads the settings among `attrs`; `accepted` names those the derive takes, and any other
    /// is an error naming `what` (the derive).
    pub fn read(attrs: &[syn::Attribute], what: &str, accepted: &[&str]) -> syn::Result<Container> {
        let mut container = Container {
            json_schema: false,
            direct: false,
            owned: None,
            runtime: syn::parse_quote!(::eventgen_runtime),
            flags: Vec::new(),
        };
        eventgen_args(attrs, |meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            if !accepted.contains(&key.as_str()) {
                return Err(meta.error(format!("unknown `eventgen` attribute of a `{what}`")));
            }
            match key.as_str() {
                "json_schema" => container.json_schema = true,
                "direct" => container.direct = true,
                "owned" => container.owned = Some(meta.value()?.parse::<LitStr>()?.parse()?),
                "crate" => container.runtime = meta.value()?.parse::<LitStr>()?.parse()?,
                _ => container.flags.push(key),
            }
            Ok(())
        })?;
        Ok(container)
    }

    /// Whether the flag `name` was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|flag| flag == name)
    }
}

/// Calls `each` with every argument of the `#[eventgen(…)]` attributes among `attrs`.
pub fn eventgen_args(
    attrs: &[syn::Attribute],
    mut each: impl FnMut(syn::meta::ParseNestedMeta) -> syn::Result<()>,
) -> syn::Result<()> {
    for attr in attrs.iter().filter(|a| a.path().is_ident("eventgen")) {
        attr.parse_nested_meta(&mut each)?;
    }
    Ok(())
}

pub fn borrows(ty: &Type) -> bool {
    quote!(#ty).to_string().contains('\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message of the error a declaration gives, or `None` when it reads.
    fn error(input: DeriveInput) -> Option<String> {
        Payload::read(&input).err().map(|e| e.to_string())
    }

    #[test]
    fn a_declaration_reads_keys_presence_and_wire_forms() {
        let payload = Payload::read(&syn::parse_quote! {
            #[eventgen(owned = "super::A", closed)]
            struct A<'a> {
                #[serde(rename = "messageId")]
                #[eventgen(alias = "MessageId", alias = "id")]
                message_id: CowStr<'a>,
                #[serde(rename = "at", skip_serializing_if = "Option::is_none")]
                #[eventgen(nullable, rfc3339)]
                at: Option<Option<OffsetDateTime>>,
                #[serde(default)]
                #[eventgen(boxed)]
                inner: Option<Box<B<'a>>>,
                #[serde(flatten)]
                rest: OrderedMap<CowStr<'a>, RawJson<'a>>,
            }
        })
        .unwrap();
        assert!(payload.borrowed && payload.closed && !payload.direct);
        let fields: Vec<(String, &[String], bool, bool, bool)> = payload
            .fields
            .iter()
            .map(|f| {
                (
                    f.key.clone(),
                    f.aliases.as_slice(),
                    f.required,
                    f.nullable,
                    f.boxed,
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                (
                    "messageId".into(),
                    &["MessageId".to_string(), "id".into()][..],
                    true,
                    false,
                    false
                ),
                ("at".into(), &[][..], false, true, false),
                ("inner".into(), &[][..], false, false, true),
            ]
        );
        assert!(payload.fields[1].wire == WireForm::Rfc3339);
        let core = &payload.fields[1].core;
        assert_eq!(quote!(#core).to_string(), "OffsetDateTime");
        let core = &payload.fields[2].core;
        assert_eq!(quote!(#core).to_string(), "B < 'a >");
        let (extra, value) = payload.extra.as_ref().unwrap();
        assert_eq!(
            (extra.to_string(), quote!(#value).to_string()),
            ("rest".into(), "RawJson < 'a >".into())
        );
        let runtime = &payload.runtime;
        assert_eq!(quote!(#runtime).to_string(), ":: eventgen_runtime");
    }

    #[test]
    fn a_bad_declaration_is_an_error_that_says_what_is_wrong() {
        let cases: [(DeriveInput, &str); 7] = [
            (
                syn::parse_quote!(
                    enum A {
                        X,
                    }
                ),
                "`Payload` is derived for structs only",
            ),
            (
                syn::parse_quote!(
                    struct A(u8);
                ),
                "`Payload` needs named fields",
            ),
            (
                syn::parse_quote!(
                    struct A<'a> {
                        x: CowStr<'a>,
                    }
                ),
                "a borrowed payload names its owned form: `#[eventgen(owned = \"…\")]`",
            ),
            (
                syn::parse_quote!(
                    #[eventgen(open)]
                    struct A {
                        x: u8,
                    }
                ),
                "unknown `eventgen` struct attribute",
            ),
            (
                syn::parse_quote!(
                    struct A {
                        #[eventgen(lenient)]
                        x: u8,
                    }
                ),
                "unknown `eventgen` field attribute",
            ),
            (
                syn::parse_quote!(
                    struct A {
                        #[eventgen(rfc3339, string_or_number)]
                        x: u8,
                    }
                ),
                "a field has one wire form",
            ),
            (
                syn::parse_quote!(
                    struct A {
                        #[serde(default)]
                        #[eventgen(nullable)]
                        x: Option<u8>,
                    }
                ),
                "the declared presence and boxing do not match the field's type",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(error(input).as_deref(), Some(message));
        }
    }

    #[test]
    fn crate_and_direct_are_read() {
        let payload = Payload::read(&syn::parse_quote! {
            #[eventgen(direct, crate = "::rt")]
            struct A { x: i64 }
        })
        .unwrap();
        assert!(payload.direct && !payload.borrowed);
        let runtime = &payload.runtime;
        assert_eq!(quote!(#runtime).to_string(), ":: rt");
    }
}

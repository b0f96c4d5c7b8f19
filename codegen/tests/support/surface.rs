//! The public API surface of generated code: what a user's code sees, for review before the code
//! itself. The generated files with every body, private item, test and doc comment removed:
//! each public type with its derives, attributes and cfg gates, its fields or variants with
//! their Rust types, every trait it implements (`impl Trait for Type {}`), and its public
//! methods and constants by signature. Printed with prettyplease.
//!
//! Generated code names serde, serde_json, schemars and time through the runtime's re-exports;
//! the surface names them as the crates they are (`::serde::Serialize`), the same items. A
//! struct that derives the runtime's `Payload` is shown with the impls the derive writes (its
//! `#[eventgen(…)]` declarations say which), as if they were written out: the derive is how,
//! not what. So are the enums that derive `EventKind` and `EventData`.

use syn::{Attribute, ImplItem, Item, Visibility};

/// The surface of `files` (name → Rust source), file by file, in name order.
pub fn render(files: &std::collections::BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, source) in files {
        let source = crate_paths(source);
        let mut file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        file.attrs.clear();
        file.items = surface(file.items);
        out.push_str(&format!("// ---- {name}\n"));
        out.push_str(&prettyplease::unparse(&file));
        out.push('\n');
    }
    out
}

/// The runtime's re-exports named as the crates they re-export.
fn crate_paths(source: &str) -> String {
    source
        .replace("::eventgen_runtime::__private::serde::", "::serde::")
        .replace(
            "::eventgen_runtime::__private::serde_json::",
            "::serde_json::",
        )
        .replace("::eventgen_runtime::__private::schemars::", "::schemars::")
        .replace("::eventgen_runtime::time::", "::time::")
}

fn surface(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .flat_map(|it| {
            let derived = match &it {
                Item::Struct(s) if public(&s.vis) => payload_impls(s),
                Item::Enum(e) if public(&e.vis) => {
                    let mut impls = event_set_impls(e);
                    impls.extend(string_enum_impls(e));
                    impls
                }
                _ => Vec::new(),
            };
            item(it).into_iter().chain(derived)
        })
        .collect()
}

/// The impls `#[derive(Payload)]` writes for `s`, under the struct's own `cfg`s: `Deserialize`;
/// `DirectParse` for a borrowed struct or one declared `direct` (under that declaration's
/// `cfg_attr` feature); `into_owned()` and `IntoOwned` for a borrowed one.
fn payload_impls(s: &syn::ItemStruct) -> Vec<Item> {
    let text = |a: &Attribute| quote::ToTokens::to_token_stream(a).to_string();
    let derives_payload = s
        .attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && text(a).contains("Payload"));
    if !derives_payload {
        return Vec::new();
    }
    let name = &s.ident;
    let borrowed = s.generics.lifetimes().next().is_some();
    let mut impls: Vec<Item> = Vec::new();
    if borrowed {
        impls.push(syn::parse_quote!(impl<'de: 'a, 'a> ::serde::Deserialize<'de> for #name<'a> {}));
        let owned: syn::Path = s
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("eventgen"))
            .find_map(|a| {
                let mut owned = None;
                let _ = a.parse_nested_meta(|meta| {
                    if meta.path.is_ident("owned") {
                        owned = Some(meta.value()?.parse::<syn::LitStr>()?.parse()?);
                    } else if meta.input.peek(syn::Token![=]) {
                        meta.value()?.parse::<syn::Expr>()?;
                    }
                    Ok(())
                });
                owned
            })
            .expect("a borrowed payload names its owned form");
        impls.push(syn::parse_quote!(impl<'a> #name<'a> { pub fn into_owned(self) -> #owned {} }));
        impls.push(syn::parse_quote!(
            impl<'a> ::eventgen_runtime::__private::IntoOwned for #name<'a> {}
        ));
        impls.push(syn::parse_quote!(
            impl<'a> ::eventgen_runtime::__private::DirectParse<'a> for #name<'a> {}
        ));
    } else {
        impls.push(syn::parse_quote!(impl<'de> ::serde::Deserialize<'de> for #name {}));
        // `#[cfg_attr(feature = "…", eventgen(direct))]`: the impl exists under that feature.
        if let Some(cfg) = declared(&s.attrs, "direct") {
            impls.push(syn::parse_quote!(
                #cfg impl<'a> ::eventgen_runtime::__private::DirectParse<'a> for #name {}
            ));
        }
    }
    under_cfgs_of(&s.attrs, impls)
}

/// `impls` under the `cfg`s among `attrs` (the type's own), ahead of their own.
fn under_cfgs_of(attrs: &[Attribute], mut impls: Vec<Item>) -> Vec<Item> {
    let cfgs: Vec<&Attribute> = attrs.iter().filter(|a| a.path().is_ident("cfg")).collect();
    for item in &mut impls {
        if let Item::Impl(i) = item {
            let mut attrs: Vec<Attribute> = cfgs.iter().map(|a| syn::parse_quote!(#a)).collect();
            attrs.append(&mut i.attrs);
            i.attrs = attrs;
        }
    }
    impls
}

/// The impls `#[derive(EventKind)]` and `#[derive(EventData)]` write for `e`: the kind's
/// methods (`json_schema` under the feature its `cfg_attr` names), and each form of the data
/// enum's accessors, `Serialize` and `EventSet` (`into_owned` for the borrowed one).
fn event_set_impls(e: &syn::ItemEnum) -> Vec<Item> {
    let text = |a: &Attribute| quote::ToTokens::to_token_stream(a).to_string();
    let derives = |name: &str| {
        e.attrs
            .iter()
            .any(|a| a.path().is_ident("derive") && text(a).contains(name))
    };
    let name = &e.ident;
    if derives("EventKind") {
        let json_schema = declared(&e.attrs, "json_schema")
            .map(|cfg| quote::quote!(#cfg pub fn json_schema(self) -> ::schemars::Schema {}));
        return vec![syn::parse_quote! {
            impl #name {
                pub const ALL: &'static [#name] = ..;
                pub fn from_event_type(event_type: &str) -> Option<Self> {}
                pub const fn event_type(self) -> &'static str {}
                pub const fn variant_name(self) -> &'static str {}
                pub const fn model_name(self) -> &'static str {}
                pub const fn data_version(self) -> Option<&'static str> {}
                #json_schema
                pub fn deserialize_data<'de, D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<EventData, D::Error> {}
            }
        }];
    }
    if !derives("EventData") {
        return Vec::new();
    }
    if e.generics.lifetimes().next().is_some() {
        vec![
            syn::parse_quote! {
                impl<'a> #name<'a> {
                    pub fn kind(&self) -> Option<EventKind> {}
                    pub fn event_type(&self) -> &str {}
                    pub fn variant_name(&self) -> &'static str {}
                    pub fn into_owned(self) -> super::EventData {}
                }
            },
            syn::parse_quote!(impl ::serde::Serialize for #name<'_> {}),
            syn::parse_quote!(impl<'a> ::eventgen_runtime::borrowed::EventSet<'a> for #name<'a> {}),
        ]
    } else {
        vec![
            syn::parse_quote! {
                impl #name {
                    pub fn kind(&self) -> Option<EventKind> {}
                    pub fn event_type(&self) -> &str {}
                    pub fn variant_name(&self) -> &'static str {}
                }
            },
            syn::parse_quote!(impl ::serde::Serialize for #name {}),
            syn::parse_quote!(impl ::eventgen_runtime::EventSet for #name {}),
        ]
    }
}

/// The `cfg` under which `#[eventgen(<what>)]` holds: none when written plainly, the feature
/// of its `cfg_attr` when gated; `None` when the item does not declare it.
fn declared(attrs: &[Attribute], what: &str) -> Option<proc_macro2::TokenStream> {
    let text = |a: &Attribute| quote::ToTokens::to_token_stream(a).to_string();
    let attr = attrs
        .iter()
        .find(|a| text(a).contains(&format!("eventgen ({what})")))?;
    if !attr.path().is_ident("cfg_attr") {
        return Some(quote::quote!());
    }
    let feature: syn::Meta = attr
        .parse_args_with(|input: syn::parse::ParseStream| {
            let feature: syn::Meta = input.parse()?;
            let _: proc_macro2::TokenStream = input.parse()?;
            Ok(feature)
        })
        .expect("cfg_attr(feature, …)");
    Some(quote::quote!(#[cfg(#feature)]))
}

/// The impls `#[derive(StringEnum)]` writes for `e`, under the enum's own `cfg`s: `VALUES`,
/// `as_str()` and, for an extensible enum (one with an `#[eventgen(other)]` variant),
/// `from_wire()` and `From<&str>`; `FromStr`, `Display`, serde's traits; `JsonSchema` and
/// `DirectParse` where declared.
fn string_enum_impls(e: &syn::ItemEnum) -> Vec<Item> {
    let text = |a: &Attribute| quote::ToTokens::to_token_stream(a).to_string();
    if !e
        .attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && text(a).contains("StringEnum"))
    {
        return Vec::new();
    }
    let name = &e.ident;
    let extensible = e
        .variants
        .iter()
        .any(|v| v.attrs.iter().any(|a| text(a).contains("eventgen (other)")));
    let from_wire = extensible.then(|| {
        quote::quote!(
            pub fn from_wire(value: &str) -> Self {}
        )
    });
    let mut impls: Vec<Item> = vec![syn::parse_quote! {
        impl #name {
            pub const VALUES: &'static [&'static str] = ..;
            pub fn as_str(&self) -> &str {}
            #from_wire
        }
    }];
    if extensible {
        impls.push(syn::parse_quote!(impl From<&str> for #name {}));
    }
    impls.push(syn::parse_quote!(impl ::std::str::FromStr for #name {}));
    impls.push(syn::parse_quote!(impl ::std::fmt::Display for #name {}));
    impls.push(syn::parse_quote!(impl ::serde::Serialize for #name {}));
    impls.push(syn::parse_quote!(impl<'de> ::serde::Deserialize<'de> for #name {}));
    if let Some(cfg) = declared(&e.attrs, "json_schema") {
        impls.push(syn::parse_quote!(#cfg impl ::schemars::JsonSchema for #name {}));
    }
    if let Some(cfg) = declared(&e.attrs, "direct") {
        impls.push(syn::parse_quote!(#cfg impl<'a> ::eventgen_runtime::__private::DirectParse<'a> for #name {}));
    }
    under_cfgs_of(&e.attrs, impls)
}

fn item(item: Item) -> Option<Item> {
    match item {
        Item::Struct(mut s) if public(&s.vis) => {
            strip_docs(&mut s.attrs);
            for field in s.fields.iter_mut() {
                strip_docs(&mut field.attrs);
            }
            Some(Item::Struct(s))
        }
        Item::Enum(mut e) if public(&e.vis) => {
            strip_docs(&mut e.attrs);
            for variant in e.variants.iter_mut() {
                strip_docs(&mut variant.attrs);
                for field in variant.fields.iter_mut() {
                    strip_docs(&mut field.attrs);
                }
            }
            Some(Item::Enum(e))
        }
        Item::Trait(mut t) if public(&t.vis) => {
            strip_docs(&mut t.attrs);
            for member in t.items.iter_mut() {
                if let syn::TraitItem::Fn(f) = member {
                    strip_docs(&mut f.attrs);
                    f.default = None;
                    f.semi_token = Some(Default::default());
                }
            }
            Some(Item::Trait(t))
        }
        Item::Const(mut c) if public(&c.vis) => {
            strip_docs(&mut c.attrs);
            c.expr = Box::new(syn::parse_quote!(..));
            Some(Item::Const(c))
        }
        Item::Type(mut t) if public(&t.vis) => {
            strip_docs(&mut t.attrs);
            Some(Item::Type(t))
        }
        Item::Mod(mut m) if public(&m.vis) && !m.attrs.iter().any(is_cfg_test) => {
            strip_docs(&mut m.attrs);
            if let Some((_, content)) = m.content.take() {
                m.content = Some((Default::default(), surface(content)));
            }
            Some(Item::Mod(m))
        }
        Item::Impl(mut i) => {
            strip_docs(&mut i.attrs);
            if i.trait_.is_some() {
                // Which traits a type implements is the surface; how is not.
                i.items.clear();
                return Some(Item::Impl(i));
            }
            i.items.retain_mut(|member| match member {
                ImplItem::Fn(f) if public(&f.vis) => {
                    strip_docs(&mut f.attrs);
                    f.block = syn::parse_quote!({});
                    true
                }
                ImplItem::Const(c) if public(&c.vis) => {
                    strip_docs(&mut c.attrs);
                    c.expr = syn::parse_quote!(..);
                    true
                }
                _ => false,
            });
            (!i.items.is_empty()).then_some(Item::Impl(i))
        }
        _ => None,
    }
}

/// Drops doc comments, serde attributes and schemars' per-field settings: the wire mapping is
/// reviewed in the code and by `eventgen diff`; the surface is the Rust API.
fn strip_docs(attrs: &mut Vec<Attribute>) {
    let schema_tweak = |a: &Attribute| {
        a.path().is_ident("cfg_attr")
            && !quote::ToTokens::to_token_stream(a)
                .to_string()
                .contains("derive")
    };
    attrs.retain(|a| {
        !a.path().is_ident("doc")
            && !a.path().is_ident("serde")
            && !a.path().is_ident("schemars")
            && !a.path().is_ident("eventgen")
            && !schema_tweak(a)
    });
    for attr in attrs.iter_mut() {
        *attr = derives_only(attr);
    }
}

/// A `cfg_attr` that derives, keeping only its `derive(…)`s (schemars' settings beside them are
/// how, not what).
fn derives_only(attr: &Attribute) -> Attribute {
    use syn::punctuated::Punctuated;
    if !attr.path().is_ident("cfg_attr") {
        return syn::parse_quote!(#attr);
    }
    let Ok(metas) = attr.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
    else {
        return syn::parse_quote!(#attr);
    };
    let mut metas = metas.into_iter();
    let predicate = metas.next();
    let derives: Vec<syn::Meta> = metas.filter(|m| m.path().is_ident("derive")).collect();
    syn::parse_quote!(#[cfg_attr(#predicate, #(#derives),*)])
}

fn public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn is_cfg_test(attr: &Attribute) -> bool {
    attr.path().is_ident("cfg")
        && attr
            .parse_args::<syn::Ident>()
            .is_ok_and(|arg| arg == "test")
}

//! The public API surface of generated code: what a user's code sees, for review before the code
//! itself. The generated files with every body, private item, test and doc comment removed:
//! each public type with its derives, attributes and cfg gates, its fields or variants with
//! their Rust types, every trait it implements (`impl Trait for Type {}`), and its public
//! methods and constants by signature. Printed with prettyplease.
//!
//! Generated code names serde, serde_json, schemars and time through the runtime's re-exports;
//! the surface names them as the crates they are (`::serde::Serialize`), the same items.

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
    items.into_iter().filter_map(item).collect()
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
            && !schema_tweak(a)
    });
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

//! The `Config`'s extra attributes (`type_attribute`, `field_attribute`), settled onto the IR
//! by path, in the manner of prost-build's: `.` is every type (or every field), `Type` one type
//! (or each of its fields), `Type.field` one field. Names are the generated Rust names. Each
//! attribute is checked to be outer attributes as Rust writes them, and each path must name
//! something, so a typo is an error rather than an attribute silently dropped. Types taken from
//! another crate (`extern_path`) are not declared here: `.` skips them, and naming one is an
//! error.

use crate::error::{Error, Result};
use crate::ir::{Model, Output, TypeKind};

/// Put each configured attribute on the types and fields its path names.
pub fn apply(model: &mut Model, output: &Output) -> Result<()> {
    for (path, attribute) in &output.type_attributes {
        check_attribute("type_attribute", attribute)?;
        let mut matched = false;
        for def in &mut model.types {
            if let Some(module) = def.extern_module.as_ref().filter(|_| *path == def.name) {
                return Err(taken_from(module, "type_attribute", path));
            }
            if def.extern_module.is_some() {
                continue;
            }
            if path == "." || *path == def.name {
                def.attributes.push(attribute.clone());
                matched = true;
            }
        }
        if !matched {
            return Err(unmatched("type_attribute", path, "a generated type's name"));
        }
    }
    for (path, attribute) in &output.field_attributes {
        check_attribute("field_attribute", attribute)?;
        let (type_path, field_path) = match path.split_once('.') {
            _ if path == "." => (None, None),
            Some((type_name, field)) => (Some(type_name), Some(field)),
            None => (Some(path.as_str()), None),
        };
        let mut matched = false;
        for def in &mut model.types {
            let TypeKind::Struct(s) = &mut def.kind else {
                continue;
            };
            if type_path.is_some_and(|name| name != def.name) {
                continue;
            }
            if let Some(module) = &def.extern_module {
                if type_path.is_some() {
                    return Err(taken_from(module, "field_attribute", path));
                }
                continue;
            }
            for field in &mut s.fields {
                if field_path.is_none_or(|name| name == field.rust_name) {
                    field.attributes.push(attribute.clone());
                    matched = true;
                }
            }
        }
        if !matched {
            return Err(unmatched(
                "field_attribute",
                path,
                "`Type.field` with a generated struct's name and a field's Rust name",
            ));
        }
    }
    Ok(())
}

/// Outer attributes, one or more (`#[derive(Hash)] #[doc(alias = "x")]`).
fn check_attribute(setting: &str, attribute: &str) -> Result<()> {
    let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute);
    match parsed {
        Ok(attributes) if !attributes.is_empty() => Ok(()),
        _ => Err(Error::Config(format!(
            "{setting}: `{attribute}` is not an attribute; hint: write it as in Rust source, such as `#[derive(Hash)]`"
        ))),
    }
}

/// An attribute for a type that another crate declares (`Config::extern_path`).
fn taken_from(module: &str, setting: &str, path: &str) -> Error {
    Error::Config(format!(
        "{setting}: `{path}` is taken from `{module}` (extern_path), which declares it; hint: set the attribute where that crate is generated"
    ))
}

fn unmatched(setting: &str, path: &str, wanted: &str) -> Error {
    Error::Config(format!(
        "{setting}: `{path}` names nothing generated; hint: use `.` for all, or {wanted}"
    ))
}

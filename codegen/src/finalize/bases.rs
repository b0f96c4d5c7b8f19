//! Base traits: a struct that extends a base model (through `allOf`) implements the base's
//! trait only when it holds the base's fields unchanged (a model that narrows a base field's
//! type, or holds it boxed, cannot return what the trait's accessor promises); and each
//! accessor's name, which is the field's unless that reads like a std trait's method.

use crate::ir::{BaseDef, FieldDef, Model, TypeKind};

/// Methods of std traits (and the conversions named like them) an accessor must not read as:
/// `sms.from()` looks like `From::from`.
const STD_METHOD_NAMES: &[&str] = &[
    "as_mut",
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "drop",
    "eq",
    "extend",
    "fmt",
    "from",
    "from_iter",
    "from_str",
    "ge",
    "gt",
    "hash",
    "index",
    "into",
    "into_iter",
    "le",
    "lt",
    "max",
    "min",
    "ne",
    "next",
    "partial_cmp",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// Each base's accessor names: the field's Rust name, or `get_<name>` where that is a std
/// trait's method name.
pub(super) fn settle_accessor_names(model: &mut Model) {
    for base in &mut model.bases {
        base.accessors = base
            .own_fields
            .iter()
            .map(|f| {
                let name = f.rust_name.as_str();
                if STD_METHOD_NAMES.contains(&name) {
                    format!("get_{name}")
                } else {
                    name.to_string()
                }
            })
            .collect();
    }
}

pub(super) fn settle_implementations(model: &mut Model) {
    let settled: Vec<Vec<String>> = model
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s
                .bases
                .iter()
                .filter(|b| {
                    model
                        .base_named(b)
                        .is_some_and(|base| implements(model, &t.name, base))
                })
                .cloned()
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for (def, implements) in model.types.iter_mut().zip(settled) {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.implements = implements;
        }
    }
}

/// Whether struct `type_name` extends `base` with the base's fields unchanged, and implements
/// its supertraits.
fn implements(model: &Model, type_name: &str, base: &BaseDef) -> bool {
    let Some(TypeKind::Struct(s)) = model.type_named(type_name).map(|t| &t.kind) else {
        return false;
    };
    if !s.bases.contains(&base.name) {
        return false;
    }
    let same_shape = |own: &FieldDef| {
        s.fields.iter().any(|f| {
            f.wire_name == own.wire_name
                && f.ty == own.ty
                && f.presence() == own.presence()
                && f.boxed.is_some() == own.boxed.is_some()
        })
    };
    base.own_fields.iter().all(same_shape)
        && base
            .extends
            .iter()
            .filter_map(|b| model.base_named(b))
            .all(|parent| implements(model, type_name, parent))
}

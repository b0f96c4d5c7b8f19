//! Derives: the standard traits each type derives. Every type derives `Debug`, `Clone` and
//! `PartialEq`; `Eq` and `Hash` wherever its type graph has no float (a greatest fixpoint, so
//! recursive types qualify); closed enums (unit variants only) are also `Copy` and `Ord`; a
//! struct derives `Default` only when it has no required field but `null`-only ones.

use std::collections::BTreeSet;

use crate::ir::{Derive, LiteralKind, Model, TypeDef, TypeKind, TypeRef};

pub(super) fn settle_derives(model: &mut Model) {
    let with_default = structs_with_default(model);
    let with_eq = types_with_eq(model);
    for def in &mut model.types {
        def.derives = derives_of(def, &with_default, &with_eq);
    }
}

fn derives_of(
    def: &TypeDef,
    with_default: &BTreeSet<String>,
    with_eq: &BTreeSet<String>,
) -> Vec<Derive> {
    use Derive::*;
    match &def.kind {
        TypeKind::Struct(_) | TypeKind::Union(_) => {
            let mut derives = vec![Debug, Clone, PartialEq];
            if with_eq.contains(&def.name) {
                derives.extend([Eq, Hash]);
            }
            if with_default.contains(&def.name) {
                derives.push(Default);
            }
            derives
        }
        // A closed enum is a set of unit variants: a value to copy and to order.
        TypeKind::Enum(e) if !e.extensible => {
            vec![Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord]
        }
        TypeKind::Enum(_) => vec![Debug, Clone, PartialEq, Eq, Hash],
        // `f64` has no total order or hash.
        TypeKind::Literal(l) if l.kind == LiteralKind::Number => {
            vec![Debug, Clone, Copy, PartialEq, PartialOrd]
        }
        TypeKind::Literal(_) => vec![Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord],
        TypeKind::Newtype(_) => {
            let mut derives = vec![Debug, Clone, PartialEq];
            if with_eq.contains(&def.name) {
                derives.extend([Eq, Hash]);
            }
            derives
        }
    }
}

/// The types that can derive `Eq` and `Hash`: every type whose graph holds no float, as a
/// greatest fixpoint (a type leaves once a field or option reaches one that cannot), so a
/// recursive type without floats qualifies.
fn types_with_eq(model: &Model) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = model.types.iter().map(|def| def.name.clone()).collect();
    loop {
        let before = found.len();
        for def in &model.types {
            let keeps = match &def.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().all(|f| has_eq(&f.ty, &found))
                        && s.additional.iter().all(|a| has_eq(&a.ty, &found))
                }
                TypeKind::Union(u) => u.variants.iter().all(|v| has_eq(&v.ty, &found)),
                TypeKind::Enum(_) => true,
                TypeKind::Literal(l) => l.kind != LiteralKind::Number,
                TypeKind::Newtype(inner) => has_eq(inner, &found),
            };
            if !keeps {
                found.remove(&def.name);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether the Rust type of `ty` is `Eq` and `Hash`, given the named types known to be.
fn has_eq(ty: &TypeRef, types: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::F64 => false,
        TypeRef::Named(name) => types.contains(name),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => has_eq(item, types),
        TypeRef::Tuple(items) => items.iter().all(|item| has_eq(item, types)),
        _ => true,
    }
}

/// The structs that derive `Default`: those without a required field, apart from `null`-only
/// ones (`()`, whose one value is the schema's). A required field's `Default` (an empty string,
/// a zero, a default nested struct) would be a value the schema does not promise; such structs
/// are built with `new` instead.
fn structs_with_default(model: &Model) -> BTreeSet<String> {
    model
        .types
        .iter()
        .filter(|def| matches!(&def.kind, TypeKind::Struct(s) if s.fields.iter().all(|f| f.is_optional() || f.ty == TypeRef::Unit)))
        .map(|def| def.name.clone())
        .collect()
}

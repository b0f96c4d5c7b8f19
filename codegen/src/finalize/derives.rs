//! Derives: the standard traits each type derives. Fixed per kind of type, except that a struct
//! derives `Default` only when every required field's type has a default.

use std::collections::BTreeSet;

use crate::ir::{Derive, LiteralKind, Model, TypeDef, TypeKind, TypeRef};

pub(super) fn settle_derives(model: &mut Model) {
    let with_default = structs_with_default(model);
    for def in &mut model.types {
        def.derives = derives_of(def, &with_default);
    }
}

fn derives_of(def: &TypeDef, with_default: &BTreeSet<String>) -> Vec<Derive> {
    use Derive::*;
    match &def.kind {
        TypeKind::Struct(_) if with_default.contains(&def.name) => {
            vec![Debug, Clone, PartialEq, Default]
        }
        TypeKind::Struct(_) | TypeKind::Union(_) => vec![Debug, Clone, PartialEq],
        TypeKind::Enum(_) => vec![Debug, Clone, PartialEq, Eq, Hash],
        // `f64` has no total order or hash.
        TypeKind::Literal(l) if l.kind == LiteralKind::Number => {
            vec![Debug, Clone, Copy, PartialEq, PartialOrd]
        }
        TypeKind::Literal(_) => vec![Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord],
    }
}

/// The structs that can derive `Default`, as a least fixpoint: a struct joins once every
/// required field's type has a default, so a cycle of required fields (which no finite value
/// satisfies, and whose derived `default()` would never return) never does.
fn structs_with_default(model: &Model) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    loop {
        let before = found.len();
        for def in &model.types {
            let TypeKind::Struct(s) = &def.kind else {
                continue;
            };
            if !found.contains(&def.name)
                && s.fields
                    .iter()
                    .all(|f| f.is_optional() || has_default(&f.ty, &found))
            {
                found.insert(def.name.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether the Rust type of `ty` implements `Default`, given the structs known to.
fn has_default(ty: &TypeRef, structs: &BTreeSet<String>) -> bool {
    match ty {
        // Enums, unions and literals have no value to prefer; an instant has no neutral value.
        TypeRef::DateTime | TypeRef::DateTimeText => false,
        TypeRef::Named(name) => structs.contains(name),
        _ => true,
    }
}

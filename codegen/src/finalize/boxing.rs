//! Boxing: a field whose type directly contains (not through a `Vec` or map) the struct that
//! holds it is boxed, so every type has a finite size; so is a field its schema asks to box
//! (`x-boxed`: a large member that is usually absent, which its holder should not reserve room
//! for in every value).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Boxing, TypeDef, TypeKind, TypeRef};

/// Box every field whose type directly contains (not through a Vec or map) the struct itself,
/// and every field whose schema asks for it.
pub(super) fn mark_boxed_fields(types: &mut [TypeDef]) {
    let direct: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|t| {
            let targets = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| named(&v.ty)).collect(),
                // A newtype is only ever a payload, boxed in `EventData`.
                TypeKind::Enum(_) | TypeKind::Literal(_) | TypeKind::Newtype(_) => Vec::new(),
            };
            (t.name.clone(), targets)
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current.clone()) {
                stack.extend(direct.get(&current).into_iter().flatten().cloned());
            }
        }
        false
    };
    for t in types.iter_mut() {
        let owner = t.name.clone();
        if let TypeKind::Struct(s) = &mut t.kind {
            for field in &mut s.fields {
                let cycle = named(&field.ty).is_some_and(|target| reaches(&target, &owner));
                field.boxed = match (cycle, field.box_requested) {
                    (true, _) => Some(Boxing::Cycle),
                    (false, true) => Some(Boxing::Requested),
                    (false, false) => None,
                };
            }
        }
    }
}

fn named(ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Named(n) => Some(n.clone()),
        _ => None,
    }
}

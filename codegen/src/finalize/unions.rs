//! Union selection: with two or more object options, serde's first-fit would give every object
//! to the first option that parses it, dropping the keys only a later option declares (objects
//! ignore undeclared keys). Such unions select by known keys instead, and carry each object
//! option's keys for the generated parser.

use crate::ir::{Model, TypeKind, TypeRef, UnionSelection};

pub(super) fn settle_union_selection(model: &mut Model) {
    let keys_of = |ty: &TypeRef| -> Option<Vec<String>> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        match &model.type_named(name)?.kind {
            TypeKind::Struct(s) => {
                let mut keys: Vec<String> = s
                    .fields
                    .iter()
                    .flat_map(|f| std::iter::once(&f.wire_name).chain(&f.aliases))
                    .cloned()
                    .collect();
                keys.sort();
                keys.dedup();
                Some(keys)
            }
            _ => None,
        }
    };
    let settled: Vec<Option<Vec<Option<Vec<String>>>>> = model
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Union(u) => Some(u.variants.iter().map(|v| keys_of(&v.ty)).collect()),
            _ => None,
        })
        .collect();
    for (def, keys) in model.types.iter_mut().zip(settled) {
        let (TypeKind::Union(u), Some(keys)) = (&mut def.kind, keys) else {
            continue;
        };
        if keys.iter().filter(|k| k.is_some()).count() < 2 {
            u.selection = UnionSelection::FirstFit;
            continue;
        }
        u.selection = UnionSelection::MostKnownKeys;
        for (variant, keys) in u.variants.iter_mut().zip(keys) {
            variant.known_keys = keys.unwrap_or_default();
        }
    }
}

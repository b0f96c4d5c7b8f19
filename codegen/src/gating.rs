//! Feature gating: which cargo features compile each generated type.
//!
//! An event schema names its feature (`x-cargo-feature`). A type is compiled when any event
//! that reaches it is compiled: a model shared by two families compiles with either, and one
//! reached by an ungated event is always compiled. Decided here, once, in the IR, so the
//! emitters only print `#[cfg]` attributes and `eventgen diff` can compare the gating.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, TypeKind, TypeRef};

/// Set the features of every type and base model from the events that reach it.
pub fn assign_features(model: &mut Model) {
    // type name → the features of the events reaching it (None once an ungated event does).
    let mut gates: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
    for event in &model.events {
        let mut stack = vec![event.payload.clone()];
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let entry = gates
                .entry(name.clone())
                .or_insert_with(|| Some(BTreeSet::new()));
            match (&event.feature, entry.as_mut()) {
                (Some(feature), Some(set)) => {
                    set.insert(feature.clone());
                }
                (None, _) => *entry = None,
                (Some(_), None) => {}
            }
            let Some(def) = model.types.iter().find(|t| t.name == name) else {
                continue;
            };
            match &def.kind {
                TypeKind::Struct(s) => {
                    stack.extend(s.fields.iter().flat_map(|f| named_in(&f.ty)));
                    stack.extend(s.bases.iter().cloned());
                    stack.extend(s.additional.iter().flat_map(|a| named_in(&a.ty)));
                }
                TypeKind::Union(u) => stack.extend(u.variants.iter().flat_map(|v| named_in(&v.ty))),
                TypeKind::Newtype(inner) => stack.extend(named_in(inner)),
                TypeKind::Enum(_) | TypeKind::Literal(_) => {}
            }
        }
    }
    let features_of = |name: &str| -> Vec<String> {
        match gates.get(name) {
            Some(Some(set)) => set.iter().cloned().collect(),
            // Ungated, or not reached by any event (a standalone definition): always compiled.
            _ => Vec::new(),
        }
    };
    for def in &mut model.types {
        def.features = features_of(&def.name);
    }
    for base in &mut model.bases {
        base.features = features_of(&base.name);
    }
}

/// The named type a field or variant type refers to, through arrays and maps.
fn named_in(ty: &TypeRef) -> Vec<String> {
    match ty {
        TypeRef::Named(name) => vec![name.clone()],
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named_in(inner),
        TypeRef::Tuple(items) => items.iter().flat_map(named_in).collect(),
        _ => Vec::new(),
    }
}

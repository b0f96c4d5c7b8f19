//! Base-trait impls: a struct that extends a base model (through `allOf`) implements the base's
//! trait only when it holds the base's fields unchanged. A model that narrows a base field's
//! type (or holds it boxed) cannot return what the trait's accessor promises.

use crate::ir::{BaseDef, FieldDef, Model, TypeKind};

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
                && f.is_optional() == own.is_optional()
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

//! `…_or_default` accessors: an optional scalar field whose schema declares a default gets a
//! method returning the field's value or that default. And the builder: `new` from the
//! required fields, `with_…` for each optional one.

use serde_json::Value;

use crate::ir::{
    Builder, DefaultAccessor, DefaultValue, FieldDef, Model, Presence, TypeKind, TypeRef,
};

/// Each struct's builder: `new` takes the required fields in order; each optional field gets
/// `with_<name>` (a trailing `_` of a keyword's escape dropped: `type_` → `with_type`). A
/// required `null`-only field (`()`) has one value, so `new` sets it and takes nothing.
pub(super) fn settle_builders(model: &mut Model) {
    for def in &mut model.types {
        if let TypeKind::Struct(s) = &mut def.kind {
            let (optional, required): (Vec<&FieldDef>, Vec<&FieldDef>) = s
                .fields
                .iter()
                .filter(|f| f.is_optional() || f.ty != TypeRef::Unit)
                .partition(|f| f.is_optional());
            s.builder = Builder {
                required: required.iter().map(|f| f.rust_name.clone()).collect(),
                setters: optional
                    .iter()
                    .map(|f| {
                        (
                            format!("with_{}", f.rust_name.trim_end_matches('_')),
                            f.rust_name.clone(),
                        )
                    })
                    .collect(),
            };
        }
    }
}

pub(super) fn settle_default_accessors(model: &mut Model) {
    for def in &mut model.types {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.default_accessors = s.fields.iter().filter_map(accessor).collect();
        }
    }
}

/// The accessor for a field, when it may be absent but not null (a default stands in for an
/// absent key; the accessor has no answer for a `null`), is not boxed, and its default is a
/// value of its own scalar type.
fn accessor(field: &FieldDef) -> Option<DefaultAccessor> {
    if field.presence() != Presence::Optional || field.boxed.is_some() {
        return None;
    }
    let value = match (&field.ty, field.default.as_ref()?) {
        (TypeRef::Bool, Value::Bool(b)) => DefaultValue::Bool(*b),
        (TypeRef::I64, Value::Number(n)) => DefaultValue::I64(n.as_i64()?),
        (TypeRef::I32, Value::Number(n)) => {
            DefaultValue::I32(n.as_i64().and_then(|v| i32::try_from(v).ok())?)
        }
        (TypeRef::F64, Value::Number(n)) => DefaultValue::F64(n.as_f64()?),
        (TypeRef::String, Value::String(s)) => DefaultValue::Str(s.clone()),
        _ => return None,
    };
    Some(DefaultAccessor {
        method: format!("{}_or_default", field.rust_name.trim_end_matches('_')),
        field: field.rust_name.clone(),
        wire_name: field.wire_name.clone(),
        value,
    })
}

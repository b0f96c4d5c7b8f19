//! Borrowing: which types get a borrowed form `Name<'a>` whose strings and open values are
//! slices of the input. A type borrows when it holds a string, an open value or a map (whose
//! keys are strings), directly or through a type that borrows. Enums keep their owned form in
//! both (known values hold nothing on the heap), and so does every type that holds none of these.

use std::collections::BTreeSet;

use crate::ir::{Model, TypeKind, TypeRef};

pub(super) fn settle_borrowing(model: &mut Model) {
    let borrowing = borrowing_types(model);
    for def in &mut model.types {
        def.borrows = borrowing.contains(&def.name);
    }
}

/// A least fixpoint over the types: a type joins once one of the types it holds borrows.
fn borrowing_types(model: &Model) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    loop {
        let before = found.len();
        for def in &model.types {
            let holds = |ty: &TypeRef| ty_borrows(ty, &found);
            let borrows = match &def.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().any(|f| holds(&f.ty)) || s.additional.is_some()
                }
                TypeKind::Union(u) => u.variants.iter().any(|v| holds(&v.ty)),
                TypeKind::Newtype(inner) => holds(inner),
                TypeKind::Enum(_) | TypeKind::Literal(_) => false,
            };
            if borrows {
                found.insert(def.name.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether a value of `ty` borrows, given the named types known to.
pub(crate) fn ty_borrows(ty: &TypeRef, borrowing: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::String | TypeRef::Any | TypeRef::Map(_) => true,
        TypeRef::Array(item) | TypeRef::Nullable(item) => ty_borrows(item, borrowing),
        TypeRef::Tuple(items) => items.iter().any(|item| ty_borrows(item, borrowing)),
        TypeRef::Named(name) => borrowing.contains(name),
        // A text date-time keeps its owned form: it is rare, and its instant is parsed anyway.
        TypeRef::DateTimeText
        | TypeRef::DateTime
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F64
        | TypeRef::Unit => false,
    }
}

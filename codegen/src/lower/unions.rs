//! Values of several shapes: `oneOf`/`anyOf` of distinct schemas and `type` arrays of several
//! kinds. Both become an untagged enum whose variants are tried narrowest first (a date-time
//! before a string, an integer before a number, a struct with more required keys before one
//! with fewer), so no option hides another that would keep more of the value.

use serde_json::{Map, Value};

use super::nullability::is_null_only;
use super::Lowering;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::rust_idents;

impl Lowering<'_> {
    pub(super) fn union(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        keyword: &str,
        options: &Value,
    ) -> Result<TypeRef> {
        let at_options = at.join(keyword);
        let options = options
            .as_array()
            .ok_or_else(|| Error::schema(&at_options, "must be an array"))?;
        let non_null: Vec<usize> = (0..options.len())
            .filter(|&i| !is_null_only(&options[i]))
            .collect();
        if non_null.is_empty() {
            return Ok(TypeRef::Unit);
        }
        if let [only] = non_null.as_slice() {
            return self.type_at(&at_options.join(&only.to_string()));
        }
        let name = self.reserve(at)?;
        let mut variants: Vec<UnionVariant> = Vec::new();
        for i in non_null {
            let option_at = at_options.join(&i.to_string());
            let ty = self.type_at(&option_at)?;
            let option = self.set.node(&option_at)?;
            let title = option
                .get("title")
                .and_then(Value::as_str)
                .filter(|t| !t.trim().is_empty());
            let format = option.get("format").and_then(Value::as_str);
            let ident = match title {
                Some(title) => rust_idents::type_name(title),
                None => variant_ident(&ty, format),
            };
            let ident = if variants.iter().any(|v| v.ident == ident) {
                format!("{ident}{i}")
            } else {
                ident
            };
            let doc = option
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string);
            variants.push(UnionVariant {
                ident,
                ty,
                doc,
                known_keys: Vec::new(),
            });
        }
        Ok(self.define_union(at, name, object, variants))
    }

    /// `type: [k1, k2, …]` (besides `null`): a union of the kinds, or any JSON value when the
    /// kinds include objects or arrays (whose shapes a `type` list cannot describe per kind).
    pub(super) fn multi_type(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        types: &[String],
    ) -> Result<TypeRef> {
        let kinds: Vec<&str> = types.iter().map(String::as_str).collect();
        self.kinds_union(at, object, &kinds)
    }

    /// A value of several JSON kinds, each constrained only by its own keywords: an object by
    /// `properties` and the other object keywords (a struct, or a map when it has none), an
    /// array by `items` (or a tuple), the scalar kinds as they are. A union of one option per
    /// kind, narrowest first; `null` is the use site's nullability.
    pub(super) fn kinds_union(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        kinds: &[&str],
    ) -> Result<TypeRef> {
        let name = self.reserve(at)?;
        let owner = name.trim_end_matches('_').to_string();
        let mut variants = Vec::new();
        for kind in kinds {
            let ty = match *kind {
                "object" if has_object_keywords(object) => {
                    let key = format!("{at}#object");
                    match self.named.get(&key) {
                        Some(existing) => TypeRef::Named(existing.clone()),
                        None => {
                            let wanted = super::naming::Wanted {
                                name: format!("{owner}Object"),
                                explicit: false,
                                at: at.clone(),
                            };
                            let struct_name = self.reserve_key(key, wanted, at)?;
                            // A problem stays with the type, as for every named type (`lower`).
                            let def = self.struct_def(std::slice::from_ref(at));
                            if let Some(def) = self.recover(def)? {
                                let mut described = object.clone();
                                described.remove("description");
                                self.define(at, &struct_name, &described, TypeKind::Struct(def));
                            }
                            TypeRef::Named(struct_name)
                        }
                    }
                }
                "object" => TypeRef::Map(Box::new(TypeRef::Any)),
                "null" => continue,
                other => self.scalar(at, object, Some(other))?,
            };
            let format = object
                .get("format")
                .and_then(Value::as_str)
                .filter(|_| *kind == "string");
            let ident = match *kind {
                "object" => "Object".to_string(),
                "array" => "Array".to_string(),
                _ => variant_ident(&ty, format),
            };
            variants.push(UnionVariant {
                ident,
                ty,
                doc: None,
                known_keys: Vec::new(),
            });
        }
        if let [only] = variants.as_slice() {
            return Ok(only.ty.clone());
        }
        Ok(self.define_union(at, name, object, variants))
    }

    /// Defines the union `name` of `variants` (ordered narrowest first) at `at`, whose schema
    /// object (for its documentation) is `object`: the one way lowering makes a union.
    pub(super) fn define_union(
        &mut self,
        at: &Location,
        name: String,
        object: &Map<String, Value>,
        mut variants: Vec<UnionVariant>,
    ) -> TypeRef {
        self.order_by_specificity(&mut variants);
        self.define(
            at,
            &name,
            object,
            TypeKind::Union(UnionDef {
                variants,
                selection: UnionSelection::FirstFit,
            }),
        );
        TypeRef::Named(name)
    }

    pub(super) fn order_by_specificity(&self, variants: &mut [UnionVariant]) {
        variants.sort_by_key(|v| self.breadth(&v.ty));
    }

    /// How much a type accepts, as a sort key: narrower first.
    fn breadth(&self, ty: &TypeRef) -> (u8, i64) {
        match ty {
            TypeRef::DateTime | TypeRef::I32 | TypeRef::Unit => (0, 0),
            TypeRef::Named(name) => match self.types.get(name).map(|t| &t.kind) {
                Some(TypeKind::Literal(_)) => (0, 0),
                Some(TypeKind::Enum(e)) if !e.extensible => (0, 0),
                Some(TypeKind::Enum(_)) => (2, 0),
                Some(TypeKind::Struct(s)) => {
                    (1, -(s.fields.iter().filter(|f| f.required).count() as i64))
                }
                _ => (1, 0),
            },
            TypeRef::I64 | TypeRef::Bool => (1, 0),
            // A date-time kept as text accepts any string, as `String` does.
            TypeRef::F64 | TypeRef::String | TypeRef::DateTimeText | TypeRef::Array(_) => (2, 0),
            TypeRef::Map(_) => (3, 0),
            TypeRef::Nullable(inner) => self.breadth(inner),
            TypeRef::Tuple(_) => (1, 0),
            TypeRef::Any => (4, 0),
        }
    }
}

/// The variant of an option without a title: its type's name, or its JSON kind (a string's
/// `format`, when it has one).
pub(super) fn variant_ident(ty: &TypeRef, format: Option<&str>) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::String => format
            .map(rust_idents::upper_camel)
            .unwrap_or_else(|| "String".into()),
        TypeRef::Bool => "Bool".into(),
        TypeRef::I32 | TypeRef::I64 => "Integer".into(),
        TypeRef::F64 => "Number".into(),
        TypeRef::DateTime | TypeRef::DateTimeText => "DateTime".into(),
        TypeRef::Any => "Value".into(),
        TypeRef::Unit => "Null".into(),
        TypeRef::Array(item) => format!("{}List", variant_ident(item, None)),
        TypeRef::Map(value) => format!("{}Map", variant_ident(value, None)),
        TypeRef::Nullable(inner) => variant_ident(inner, format),
        TypeRef::Tuple(_) => "Tuple".into(),
    }
}

/// Keywords that constrain one JSON kind each, by kind.
const KIND_KEYWORDS: &[(&str, &[&str])] = &[
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
            "dependentRequired",
            "dependencies",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
        ],
    ),
    ("string", &["minLength", "maxLength", "pattern"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
];

/// Every JSON kind besides `null` (which is nullability), narrowest first.
pub(super) const EVERY_KIND: &[&str] =
    &["object", "array", "string", "integer", "number", "boolean"];

/// Whether a schema without `type` constrains a JSON kind with its keywords (and says nothing
/// else about its shape): by JSON Schema each such keyword constrains only its kind, so every
/// kind, `null` included, is valid.
pub(super) fn untyped_with_kind_keywords(object: &Map<String, Value>) -> bool {
    let shaped = ["type", "enum", "const", "oneOf", "anyOf", "allOf", "$ref"]
        .iter()
        .any(|k| object.contains_key(*k));
    !shaped
        && KIND_KEYWORDS
            .iter()
            .any(|(_, keywords)| keywords.iter().any(|k| object.contains_key(*k)))
}

/// Whether a schema has keywords that shape objects (so an object option is a struct).
fn has_object_keywords(object: &Map<String, Value>) -> bool {
    [
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
    ]
    .iter()
    .any(|k| object.contains_key(*k))
}

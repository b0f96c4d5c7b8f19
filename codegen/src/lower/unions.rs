//! Values of several shapes: `oneOf`/`anyOf` of distinct schemas and `type` arrays of several
//! kinds. Both become an untagged enum whose variants are tried narrowest first (a date-time
//! before a string, an integer before a number, a struct with more required keys before one
//! with fewer), so no option hides another that would keep more of the value.

use serde_json::{Map, Value};

use super::nullability::is_null_only;
use super::Lowering;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::names;

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
                Some(title) => names::type_name(title),
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
        Ok(TypeRef::Named(name))
    }

    /// `type: [k1, k2, …]` (besides `null`): a union of the kinds, or any JSON value when the
    /// kinds include objects or arrays (whose shapes a `type` list cannot describe per kind).
    pub(super) fn multi_type(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
        types: &[String],
    ) -> Result<TypeRef> {
        if types.iter().any(|t| t == "object" || t == "array") {
            return Ok(TypeRef::Any);
        }
        let name = self.reserve(at)?;
        let mut variants = Vec::new();
        for kind in types {
            let ty = self.scalar(at, object, Some(kind))?;
            let format = object
                .get("format")
                .and_then(Value::as_str)
                .filter(|_| kind == "string");
            variants.push(UnionVariant {
                ident: variant_ident(&ty, format),
                ty,
                doc: None,
                known_keys: Vec::new(),
            });
        }
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
        Ok(TypeRef::Named(name))
    }

    /// A schema without `type` whose keywords constrain several JSON kinds (`properties` and
    /// `items`): by JSON Schema each keyword constrains only its kind, so every kind is valid,
    /// `null` too (the use site's nullability). A union of a struct for objects, a list for
    /// arrays, and strings, integers, numbers and booleans, narrowest first.
    pub(super) fn untyped(
        &mut self,
        at: &Location,
        object: &Map<String, Value>,
    ) -> Result<TypeRef> {
        let name = self.reserve(at)?;
        let owner = name.trim_end_matches('_').to_string();
        let mut variants = Vec::new();
        let object_key = format!("{at}#object");
        let object_name = match self.named.get(&object_key) {
            Some(existing) => existing.clone(),
            None => {
                let wanted = super::naming::Wanted {
                    name: format!("{owner}Object"),
                    explicit: false,
                    at: at.clone(),
                };
                let struct_name = self.reserve_key(object_key, wanted, at)?;
                let def = self.struct_def(std::slice::from_ref(at))?;
                let mut described = object.clone();
                described.remove("description");
                self.define(at, &struct_name, &described, TypeKind::Struct(def));
                struct_name
            }
        };
        variants.push(UnionVariant {
            ident: "Object".into(),
            ty: TypeRef::Named(object_name),
            doc: None,
            known_keys: Vec::new(),
        });
        for (kind, ident) in [
            ("array", "Array"),
            ("string", "String"),
            ("integer", "Integer"),
            ("number", "Number"),
            ("boolean", "Bool"),
        ] {
            variants.push(UnionVariant {
                ident: ident.into(),
                ty: self.scalar(at, object, Some(kind))?,
                doc: None,
                known_keys: Vec::new(),
            });
        }
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
        Ok(TypeRef::Named(name))
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
            .map(names::upper_camel)
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
            "minProperties",
            "maxProperties",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
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

/// Whether a schema without `type` constrains several JSON kinds with its keywords (and says
/// nothing else about its shape), so that every kind is valid.
pub(super) fn constrains_several_kinds(object: &Map<String, Value>) -> bool {
    let shaped = ["type", "enum", "const", "oneOf", "anyOf", "allOf", "$ref"]
        .iter()
        .any(|k| object.contains_key(*k));
    let kinds = KIND_KEYWORDS
        .iter()
        .filter(|(_, keywords)| keywords.iter().any(|k| object.contains_key(*k)))
        .count();
    !shaped && kinds >= 2
}

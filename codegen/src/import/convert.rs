//! One OpenAPI schema object → JSON Schema (2020-12) as eventgen reads it. Every keyword the
//! import meets is either carried over, translated or dropped for a stated reason; any other is
//! a problem at its JSON pointer, so a construct a newer specification introduces is never lost
//! without a word.
//!
//! - `$ref: #/definitions/X` → a relative reference to where the layout writes `X`.
//! - `x-ms-enum` with `modelAsString: true` → an open enum (`anyOf [enum, string]`), its values'
//!   descriptions as `x-enum-descriptions`; without it, or `false`, the `enum` stays closed.
//! - `x-nullable: true` → `null` allowed (`type: [T, "null"]`, or `oneOf [ref, null]`).
//! - `x-ms-client-name` → `x-rust-name`, the SDKs' name for the member, in snake case.
//! - `readOnly` is dropped: it speaks of requests, and events are only read.

use serde_json::{json, Map, Value};

use super::layout::Layout;
use crate::error::{Location, Problem};

/// How deep a schema may nest; deeper is a problem, not a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// Keywords carried over as they are (their values hold no schemas).
const KEPT: &[&str] = &[
    "type",
    "format",
    "description",
    "required",
    "title",
    "default",
];

/// Converts one schema.
pub struct Converter<'l> {
    pub layout: &'l Layout,
    /// The output file the schema is written in (for relative references).
    pub here: &'l str,
}

impl Converter<'_> {
    /// `schema`, found at `at` in the specification, converted; problems are pushed.
    pub fn convert(&self, schema: &Value, at: &Location, problems: &mut Vec<Problem>) -> Value {
        self.convert_at(schema, at, problems, 0)
    }

    fn convert_at(
        &self,
        schema: &Value,
        at: &Location,
        problems: &mut Vec<Problem>,
        depth: usize,
    ) -> Value {
        if depth > MAX_DEPTH {
            problems.push(Problem::new(
                at.clone(),
                &format!(
                    "nests deeper than {MAX_DEPTH} levels; name the inner schemas as definitions"
                ),
            ));
            return Value::Bool(true);
        }
        let Value::Object(object) = schema else {
            return schema.clone();
        };
        let mut out = Map::new();
        for (key, value) in object {
            let at = at.join(key);
            match key.as_str() {
                "$ref" => match value.as_str().and_then(|r| self.reference(r)) {
                    Some(reference) => drop(out.insert(key.clone(), Value::String(reference))),
                    None => problems.push(Problem::new(
                        at,
                        &format!("{value} is not a definition of this document; references are `#/definitions/<name>`"),
                    )),
                },
                k if KEPT.contains(&k) => drop(out.insert(key.clone(), value.clone())),
                "properties" => {
                    let mut properties = Map::new();
                    for (name, property) in value.as_object().into_iter().flatten() {
                        let converted = self.convert_at(property, &at.join(name), problems, depth + 1);
                        properties.insert(name.clone(), with_client_name(name, property, converted));
                    }
                    out.insert(key.clone(), Value::Object(properties));
                }
                "items" | "additionalProperties" => {
                    out.insert(key.clone(), self.convert_at(value, &at, problems, depth + 1));
                }
                "allOf" => {
                    let items = value.as_array().into_iter().flatten().enumerate();
                    let converted = items
                        .map(|(i, item)| self.convert_at(item, &at.join(&i.to_string()), problems, depth + 1))
                        .collect();
                    out.insert(key.clone(), Value::Array(converted));
                }
                // Read with `enum` and on the property that holds them, below.
                "enum" | "x-ms-enum" | "x-nullable" | "x-ms-client-name" => {}
                "readOnly" => {}
                other => problems.push(Problem::new(
                    at,
                    &format!("`{other}` is not imported; map it in the import (`codegen/src/import/convert.rs`) or remove it in an overlay"),
                )),
            }
        }
        if let Some(values) = object.get("enum") {
            out = enumeration(out, values, object.get("x-ms-enum"));
        }
        if object.get("x-nullable").and_then(Value::as_bool) == Some(true) {
            out = nullable(out);
        }
        Value::Object(out)
    }

    /// `#/definitions/X` → where `X` is written, relative to this file.
    fn reference(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix("#/definitions/")?;
        let place = self.layout.places.get(name)?;
        let file = match place.file == self.here {
            true => String::new(),
            false => relative(self.here, &place.file),
        };
        Some(format!("{file}#{}", place.pointer))
    }
}

/// `enum` (and `x-ms-enum`): open when the specification says values are strings that may
/// grow (`modelAsString: true`), closed otherwise; descriptions kept in value order.
fn enumeration(
    mut out: Map<String, Value>,
    values: &Value,
    ms_enum: Option<&Value>,
) -> Map<String, Value> {
    let descriptions: Option<Vec<Value>> = ms_enum
        .and_then(|e| e.get("values"))
        .and_then(Value::as_array)
        .map(|listed| {
            let text = |value: &Value| {
                listed
                    .iter()
                    .find(|l| l.get("value") == Some(value))
                    .and_then(|l| l.get("description"))
                    .cloned()
                    .unwrap_or(Value::String(String::new()))
            };
            values.as_array().into_iter().flatten().map(text).collect()
        })
        .filter(|texts: &Vec<Value>| {
            texts
                .iter()
                .any(|t| t.as_str().is_some_and(|t| !t.is_empty()))
        });
    let open = ms_enum
        .and_then(|e| e.get("modelAsString"))
        .and_then(Value::as_bool)
        == Some(true);
    if open {
        let ty = out.remove("type").unwrap_or(json!("string"));
        out.insert("anyOf".into(), json!([{ "enum": values }, { "type": ty }]));
    } else {
        out.insert("enum".into(), values.clone());
    }
    if let Some(descriptions) = descriptions {
        out.insert("x-enum-descriptions".into(), Value::Array(descriptions));
    }
    out
}

/// `null` allowed besides the schema's values.
pub(super) fn nullable(mut out: Map<String, Value>) -> Map<String, Value> {
    match out.remove("type") {
        Some(Value::String(ty)) => {
            out.insert("type".into(), json!([ty, "null"]));
        }
        Some(other) => {
            out.insert("type".into(), other);
            wrap_in_one_of_null(&mut out);
        }
        None => wrap_in_one_of_null(&mut out),
    }
    out
}

/// Moves the schema's constraints into `oneOf [schema, null]`, keeping its annotations outside.
fn wrap_in_one_of_null(out: &mut Map<String, Value>) {
    let annotations = ["description", "title", "default"];
    let (kept, inner): (Map<String, Value>, Map<String, Value>) = std::mem::take(out)
        .into_iter()
        .partition(|(k, _)| annotations.contains(&k.as_str()));
    *out = kept;
    out.insert("oneOf".into(), json!([inner, { "type": "null" }]));
}

/// The property's converted schema with the SDKs' name for it (`x-ms-client-name`) as its Rust
/// name, when that name differs from the one the wire name gives.
fn with_client_name(wire: &str, property: &Value, mut converted: Value) -> Value {
    let Some(client) = property.get("x-ms-client-name").and_then(Value::as_str) else {
        return converted;
    };
    let rust = crate::rust_idents::snake(client);
    if rust != crate::rust_idents::snake(wire) {
        if let Value::Object(object) = &mut converted {
            object.insert("x-rust-name".into(), Value::String(rust));
        }
    }
    converted
}

/// The path from the directory of `from` to `to`, both relative to the output directory.
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .rsplit_once('/')
        .map_or(Vec::new(), |(dir, _)| dir.split('/').collect());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = std::iter::repeat_n("..", from_dir.len() - common);
    ups.chain(to_parts[common..].iter().copied())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::Place;

    fn layout() -> Layout {
        let mut layout = Layout::default();
        for (name, file, pointer) in [
            ("Blob", "storage/blob-created.json", ""),
            ("Tier", "storage/definitions.json", "/$defs/Tier"),
            ("Auth", "common/definitions.json", "/$defs/Auth"),
        ] {
            layout.places.insert(
                name.into(),
                Place {
                    file: file.into(),
                    pointer: pointer.into(),
                },
            );
        }
        layout
    }

    fn convert(schema: Value) -> (Value, Vec<String>) {
        let layout = layout();
        let converter = Converter {
            layout: &layout,
            here: "storage/blob-created.json",
        };
        let mut problems = Vec::new();
        let out = converter.convert(
            &schema,
            &Location::new("spec.json", "/definitions/Blob"),
            &mut problems,
        );
        (out, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn references_become_relative_and_enums_open_or_closed_as_the_spec_says() {
        let (out, problems) = convert(json!({
            "type": "object",
            "properties": {
                "tier": {"$ref": "#/definitions/Tier", "description": "The tier."},
                "auth": {"$ref": "#/definitions/Auth", "readOnly": true},
                "kind": {"type": "string", "enum": ["a", "b"], "x-ms-enum": {"name": "Kind", "modelAsString": true,
                    "values": [{"name": "A", "value": "a", "description": "An a."}, {"name": "B", "value": "b", "description": "A b."}]}},
                "mode": {"type": "string", "enum": ["on"], "x-ms-enum": {"name": "Mode", "modelAsString": false}},
                "resourceUri": {"type": "string", "x-ms-client-name": "resourceUrl"},
                "note": {"type": "string", "x-nullable": true},
                "tags": {"type": "array", "items": {"$ref": "#/definitions/Tier"}, "x-nullable": true}
            },
            "required": ["tier"]
        }));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            out,
            json!({
                "type": "object",
                "properties": {
                    "tier": {"$ref": "definitions.json#/$defs/Tier", "description": "The tier."},
                    "auth": {"$ref": "../common/definitions.json#/$defs/Auth"},
                    "kind": {"anyOf": [{"enum": ["a", "b"]}, {"type": "string"}], "x-enum-descriptions": ["An a.", "A b."]},
                    "mode": {"type": "string", "enum": ["on"]},
                    "resourceUri": {"type": "string", "x-rust-name": "resource_url"},
                    "note": {"type": ["string", "null"]},
                    "tags": {"type": ["array", "null"], "items": {"$ref": "definitions.json#/$defs/Tier"}}
                },
                "required": ["tier"]
            })
        );
    }

    #[test]
    fn an_unknown_keyword_or_reference_and_deep_nesting_are_problems_at_their_pointers() {
        let (_, problems) = convert(json!({
            "discriminator": "kind",
            "properties": {"x": {"$ref": "#/definitions/Missing"}, "y": {"$ref": "other.json#/X"}}
        }));
        assert_eq!(
            problems,
            [
                "spec.json#/definitions/Blob/discriminator: `discriminator` is not imported; hint: map it in the import (`codegen/src/import/convert.rs`) or remove it in an overlay",
                "spec.json#/definitions/Blob/properties/x/$ref: \"#/definitions/Missing\" is not a definition of this document; hint: references are `#/definitions/<name>`",
                "spec.json#/definitions/Blob/properties/y/$ref: \"other.json#/X\" is not a definition of this document; hint: references are `#/definitions/<name>`",
            ]
        );
        let mut deep = json!({"type": "string"});
        for _ in 0..100 {
            deep = json!({"type": "array", "items": deep});
        }
        let (_, problems) = convert(deep);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("nests deeper than 64 levels"),
            "{problems:?}"
        );
    }

    #[test]
    fn relative_paths_climb_only_as_far_as_needed() {
        assert_eq!(
            relative("storage/a.json", "storage/definitions.json"),
            "definitions.json"
        );
        assert_eq!(
            relative("storage/a.json", "common/definitions.json"),
            "../common/definitions.json"
        );
        assert_eq!(
            relative("a.json", "common/definitions.json"),
            "common/definitions.json"
        );
    }
}

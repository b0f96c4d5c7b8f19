//! Whether a schema admits `null`. Decided by the schema at the use site alone (following
//! `$ref`), never by which use reached a named type first: every use of a nullable definition
//! is an `Option`.

use serde_json::{Map, Value};

use super::{objects, reference_chain_error, Lowering, MAX_REFERENCE_CHAIN};
use crate::error::{Location, Result};

/// `{"type": "null"}`, `{"const": null}` or `{"enum": [null]}`: only `null`.
pub fn is_null_only(schema: &Value) -> bool {
    schema.as_object().is_some_and(null_only)
}

fn null_only(schema: &Map<String, Value>) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) if t == "null" => return true,
        Some(Value::Array(ts)) if !ts.is_empty() && ts.iter().all(|t| t == "null") => return true,
        _ => {}
    }
    schema.get("const") == Some(&Value::Null)
        || schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|v| !v.is_empty() && v.iter().all(Value::is_null))
}

impl Lowering<'_> {
    /// `type: [T, "null"]`, `null` in `enum`, `const: null`, an option of `oneOf`/`anyOf`
    /// that admits `null`, or a `$ref` to a schema that does (unless a sibling `type` excludes it).
    pub(super) fn admits_null(&self, at: &Location) -> Result<bool> {
        self.admits_null_within(at, 0)
    }

    fn admits_null_within(&self, at: &Location, depth: usize) -> Result<bool> {
        if depth > MAX_REFERENCE_CHAIN {
            return Err(reference_chain_error(at));
        }
        let Some(object) = self.schema_object(at)? else {
            return Ok(false);
        };
        if null_only(object) {
            return Ok(true);
        }
        // `type` and `enum` both constrain: null must pass each that is present.
        let type_allows = match object.get("type") {
            None => None,
            Some(Value::Array(types)) => Some(types.iter().any(|t| t == "null")),
            Some(_) => Some(false),
        };
        if let Some(Value::Array(values)) = object.get("enum") {
            return Ok(values.contains(&Value::Null) && type_allows != Some(false));
        }
        if let Some(allowed) = type_allows {
            return Ok(allowed);
        }
        if object.contains_key("const") {
            return Ok(false);
        }
        for keyword in ["oneOf", "anyOf"] {
            if objects::required_alternatives(object, keyword).is_some() {
                continue;
            }
            if let Some(Value::Array(options)) = object.get(keyword) {
                let keyword_at = at.join(keyword);
                for i in 0..options.len() {
                    if self.admits_null_within(&keyword_at.join(&i.to_string()), depth + 1)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
        }
        if let Some(target) = self.follow(at, object)? {
            return self.admits_null_within(&target, depth + 1);
        }
        // Keywords of a kind and no `type`: every kind is valid, `null` too.
        Ok(super::unions::untyped_with_kind_keywords(object))
    }
}

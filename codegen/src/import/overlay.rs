//! The overlay: quirks declared by hand and applied after every import, so a newer
//! specification never erases one. A JSON object keyed by definition name; each entry says
//! `why` (required: what the service does, and where that was seen) and any of:
//!
//! - `optional`: members the specification requires but the service does not always send,
//!   removed from `required`. Each must still be required there, or the entry is stale.
//! - `nullable`: members the service sends as `null` although the specification does not allow
//!   it; each must be a member of the schema.
//! - `patch`: an RFC 7396 merge patch on the imported schema (the project's `x-` keywords, such
//!   as `"x-aliases"` for a key the service spells otherwise).
//!
//! A name the import does not write, or an entry without `why`, is a problem at its pointer.

use serde_json::{Map, Value};

use crate::error::{Location, Problem};

/// One definition's declared quirks.
#[derive(Debug, Clone)]
pub struct Quirk {
    pub optional: Vec<String>,
    pub nullable: Vec<String>,
    pub patch: Option<Value>,
    /// Where the entry is, for problems.
    pub at: Location,
}

/// The overlay's entries by definition name, or every problem with it.
pub fn read(file: &str, text: &str) -> Result<Map<String, Value>, Vec<Problem>> {
    let root = Location::new(file, "");
    match serde_json::from_str(text) {
        Ok(Value::Object(entries)) => Ok(entries),
        Ok(_) => Err(vec![Problem::new(
            root,
            "an overlay is a JSON object keyed by definition name; write `{\"Model\": {\"why\": …, \"optional\": […], \"patch\": {…}}}`",
        )]),
        Err(e) => Err(vec![Problem::new(root, &format!("not JSON: {e}"))]),
    }
}

/// The entry for `name`, checked.
pub fn quirk(file: &str, name: &str, entry: &Value, problems: &mut Vec<Problem>) -> Option<Quirk> {
    let at = Location::new(file, "").join(name);
    let Value::Object(entry) = entry else {
        problems.push(Problem::new(
            at,
            "an overlay entry is an object with `why` and `optional`, `nullable` or `patch`",
        ));
        return None;
    };
    // Required, and read only by the people who review the overlay.
    let mut explained = false;
    let mut quirk = Quirk {
        optional: Vec::new(),
        nullable: Vec::new(),
        patch: None,
        at: at.clone(),
    };
    for (key, value) in entry {
        match (key.as_str(), value) {
            ("why", Value::String(why)) if !why.trim().is_empty() => explained = true,
            ("optional" | "nullable", Value::Array(names)) if names.iter().all(Value::is_string) => {
                let names = names.iter().filter_map(Value::as_str).map(str::to_string).collect();
                match key.as_str() {
                    "optional" => quirk.optional = names,
                    _ => quirk.nullable = names,
                }
            }
            ("patch", Value::Object(_)) => quirk.patch = Some(value.clone()),
            _ => problems.push(Problem::new(
                at.join(key),
                &format!("`{key}` is not an overlay setting of this form; use `why` (text), `optional` or `nullable` (names) or `patch` (an object)"),
            )),
        }
    }
    if !explained {
        problems.push(Problem::new(
            at,
            "says no `why`; write what the service does and where it was seen",
        ));
        return None;
    }
    Some(quirk)
}

impl Quirk {
    /// Applies the quirk to an imported schema.
    pub fn apply(&self, schema: &mut Map<String, Value>, problems: &mut Vec<Problem>) {
        for name in &self.optional {
            let required = schema.get_mut("required").and_then(Value::as_array_mut);
            match required.and_then(|r| r.iter().position(|n| n == name).map(|i| (r, i))) {
                Some((required, index)) => {
                    required.remove(index);
                    if required.is_empty() {
                        schema.remove("required");
                    }
                }
                None => problems.push(Problem::new(
                    self.at.join("optional"),
                    &format!("`{name}` is not required by the specification; remove it from `optional` (the quirk is gone or the name is wrong)"),
                )),
            }
        }
        for name in &self.nullable {
            let property = schema
                .get_mut("properties")
                .and_then(Value::as_object_mut)
                .and_then(|p| p.get_mut(name))
                .and_then(Value::as_object_mut);
            match property {
                Some(property) => *property = super::convert::nullable(std::mem::take(property)),
                None => problems.push(Problem::new(
                    self.at.join("nullable"),
                    &format!("`{name}` is not a member of the schema; check the name against the specification"),
                )),
            }
        }
        if let Some(patch) = &self.patch {
            let mut value = Value::Object(std::mem::take(schema));
            merge_patch(&mut value, patch);
            if let Value::Object(patched) = value {
                *schema = patched;
            }
        }
    }
}

/// RFC 7396: objects merge member by member, `null` removes a member, anything else replaces.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let target = target.as_object_mut().expect("made an object");
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quirk_of(entry: Value) -> (Option<Quirk>, Vec<String>) {
        let mut problems = Vec::new();
        let quirk = quirk("overlay.json", "Model", &entry, &mut problems);
        (quirk, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn optional_members_leave_required_and_a_patch_merges() {
        let (quirk, problems) = quirk_of(json!({
            "why": "The service omits `b`.",
            "optional": ["b"],
            "nullable": ["b"],
            "patch": {"properties": {"a": {"x-aliases": ["A"], "description": null}}}
        }));
        assert_eq!(problems, Vec::<String>::new());
        let mut schema = json!({
            "required": ["a", "b"],
            "properties": {"a": {"type": "string", "description": "An a."}, "b": {"type": "string"}}
        })
        .as_object()
        .unwrap()
        .clone();
        let mut problems = Vec::new();
        quirk.unwrap().apply(&mut schema, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            Value::Object(schema),
            json!({
                "required": ["a"],
                "properties": {"a": {"type": "string", "x-aliases": ["A"]}, "b": {"type": ["string", "null"]}}
            })
        );
    }

    #[test]
    fn a_stale_or_unexplained_quirk_is_a_problem_at_its_pointer() {
        let (quirk, _) = quirk_of(json!({"why": "w", "optional": ["gone"]}));
        let mut schema = json!({"required": ["a"]}).as_object().unwrap().clone();
        let mut problems = Vec::new();
        quirk.unwrap().apply(&mut schema, &mut problems);
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["overlay.json#/Model/optional: `gone` is not required by the specification; hint: remove it from `optional` (the quirk is gone or the name is wrong)"]
        );
        let (quirk, problems) = quirk_of(json!({"optional": ["a"], "extra": 1}));
        assert!(quirk.is_none());
        assert_eq!(
            problems,
            [
                "overlay.json#/Model/extra: `extra` is not an overlay setting of this form; hint: use `why` (text), `optional` or `nullable` (names) or `patch` (an object)",
                "overlay.json#/Model: says no `why`; hint: write what the service does and where it was seen",
            ]
        );
    }
}

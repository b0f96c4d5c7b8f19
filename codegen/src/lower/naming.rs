//! Type names: wanted from the schema alone (`x-rust-name`, `title`, or the location), then
//! settled over the whole set, so no name depends on which use reached a schema first.
//! How one string is spelled as an identifier is `rust_idents.rs`'s job.
//!
//! When several schemas want one name, identical schemas share one type, and the others are
//! told apart by their file: `User` in `push.json` becomes `PushUser`. An `x-rust-name` is
//! never changed; two of them clashing is an error.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::load::SchemaSet;
use crate::rust_idents;

/// Names the generated code declares itself in the module every type lives in: a schema that
/// wants one is told apart by its file, as with any clash (`Key` in `a.json` is `AKey`).
pub const RESERVED: &[&str] = &[
    "EventData",
    "EventKind",
    "UnknownValue",
    "Key",
    "Rfc3339",
    "LenientDateTime",
    "StringOrInteger",
    "StringOrFloat",
    "Visitor",
];

/// The name a schema asks for, and where.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub name: String,
    /// From `x-rust-name`: kept as written.
    pub explicit: bool,
    /// The schema (for a merged property: its last part).
    pub at: Location,
}

/// The settled names.
#[derive(Debug, Default)]
pub struct Names {
    names: BTreeMap<String, String>,
    /// A schema identical to another that wants the same name → that other schema.
    canonical: BTreeMap<Location, Location>,
}

impl Names {
    pub fn name(&self, key: &str) -> Option<&str> {
        self.names.get(key).map(String::as_str)
    }

    /// The location whose type stands for the schema at `at`.
    pub fn canonical(&self, at: &Location) -> Location {
        self.canonical
            .get(at)
            .cloned()
            .unwrap_or_else(|| at.clone())
    }
}

/// The name the schema at `at` asks for.
pub fn wanted_name(set: &SchemaSet, at: &Location) -> Result<Wanted> {
    let node = set.node(at)?;
    if let Some(name) = node.get("x-rust-name") {
        return match name.as_str() {
            Some(name) if RESERVED.contains(&name) => Err(Error::schema(
                &at.join("x-rust-name"),
                format!("`{name}` is a name the generated code declares itself; choose another `x-rust-name`"),
            )),
            Some(name) if rust_idents::is_identifier(name) => Ok(Wanted {
                name: name.to_string(),
                explicit: true,
                at: at.clone(),
            }),
            _ => Err(Error::schema(
                &at.join("x-rust-name"),
                "must be a string that is a Rust identifier",
            )),
        };
    }
    Ok(Wanted {
        name: derived_name(set, at, 0),
        explicit: false,
        at: at.clone(),
    })
}

/// The `x-rust-name` (for a parent), the title, or a name built from the location:
/// `$defs/Thing` → `Thing`, a property `p` of `Owner` → `OwnerP`, its items → `OwnerPItem`,
/// option 2 of a union → `UnionVariant2`.
fn derived_name(set: &SchemaSet, at: &Location, depth: usize) -> String {
    let node = set.node(at).ok();
    if let Some(Value::String(name)) = node.and_then(|n| n.get("x-rust-name")) {
        return name.clone();
    }
    if let Some(title) = node
        .and_then(|n| n.get("title"))
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
    {
        return rust_idents::type_name(title);
    }
    let segments = segments(&at.pointer);
    let Some((last, parent_segments)) = segments.split_last() else {
        return rust_idents::type_name(file_stem(&at.file));
    };
    if depth > 64 {
        return rust_idents::upper_camel(last);
    }
    // A parent's name as the start of a longer one (`Self_` + `Mode` is `SelfMode`).
    let owner = |at: &Location| {
        derived_name(set, at, depth + 1)
            .trim_end_matches('_')
            .to_string()
    };
    let parent = |n: usize| -> Location {
        let kept = &segments[..segments.len() - n];
        let mut loc = Location::new(at.file.clone(), "");
        for s in kept {
            loc = loc.join(s);
        }
        loc
    };
    let container = parent_segments.last().map(String::as_str);
    match (container, last.as_str()) {
        (Some("$defs" | "definitions"), name) => rust_idents::type_name(name),
        (Some("properties"), property) => {
            format!(
                "{}{}",
                owner(&parent(2)),
                rust_idents::upper_camel(property)
            )
        }
        (Some("oneOf" | "anyOf"), index) => {
            let union = parent(2);
            if single_non_null_option(set, &parent(1)) {
                derived_name(set, &union, depth + 1)
            } else {
                format!("{}Variant{index}", owner(&union))
            }
        }
        (Some("allOf"), _) => derived_name(set, &parent(2), depth + 1),
        (Some("items"), index) => {
            format!("{}Item{index}", owner(&parent(2)))
        }
        (_, "items") => format!("{}Item", owner(&parent(1))),
        (_, "additionalProperties") => format!("{}Value", owner(&parent(1))),
        (_, other) => format!("{}{}", owner(&parent(1)), rust_idents::upper_camel(other)),
    }
}

/// A `oneOf`/`anyOf` with exactly one option besides `null`: that option is the value's type.
fn single_non_null_option(set: &SchemaSet, options: &Location) -> bool {
    let Ok(Value::Array(options)) = set.node(options) else {
        return false;
    };
    options
        .iter()
        .filter(|o| !super::nullability::is_null_only(o))
        .count()
        == 1
}

fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// `push/created.schema.json` → `created`.
fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    let name = name.strip_suffix(".json").unwrap_or(name);
    name.strip_suffix(".schema").unwrap_or(name)
}

/// Settle every wanted name: unique names stay; identical schemas share; others take their
/// file's name as a prefix, then a number, in the order of their keys.
pub fn settle(set: &SchemaSet, wanted: BTreeMap<String, Wanted>) -> Names {
    let mut by_name: BTreeMap<&str, Vec<(&String, &Wanted)>> = BTreeMap::new();
    for (key, want) in &wanted {
        by_name
            .entry(want.name.as_str())
            .or_default()
            .push((key, want));
    }
    let mut settled = Names::default();
    let mut taken: std::collections::BTreeSet<String> = by_name
        .keys()
        .map(|n| n.to_string())
        .chain(RESERVED.iter().map(|n| n.to_string()))
        .collect();
    for (name, members) in by_name {
        let reserved = RESERVED.contains(&name);
        if members.len() == 1 && !reserved {
            settled.names.insert(members[0].0.clone(), name.to_string());
            continue;
        }
        // Identical schemas (same JSON, and no relative reference whose meaning depends on the
        // file) are one type.
        let mut distinct: Vec<(&String, &Wanted)> = Vec::new();
        for (key, want) in &members {
            let twin = distinct.iter().find(|(other_key, other)| {
                is_single(key) && is_single(other_key) && same_schema(set, &want.at, &other.at)
            });
            match twin {
                Some((_, other)) => {
                    settled.canonical.insert(want.at.clone(), other.at.clone());
                    settled.names.insert((*key).clone(), name.to_string());
                }
                None => distinct.push((key, want)),
            }
        }
        if distinct.len() == 1 && !reserved {
            settled
                .names
                .insert(distinct[0].0.clone(), name.to_string());
            continue;
        }
        let has_explicit = distinct.iter().any(|(_, want)| want.explicit);
        for (i, (key, want)) in distinct.iter().enumerate() {
            let plain_free = !reserved && (want.explicit || (!has_explicit && i == 0));
            let chosen = if plain_free {
                name.to_string()
            } else {
                let prefixed = format!(
                    "{}{}",
                    rust_idents::upper_camel(file_stem(&want.at.file)),
                    name
                );
                let mut candidate = prefixed.clone();
                let mut n = 2;
                while taken.contains(&candidate) {
                    candidate = format!("{prefixed}{n}");
                    n += 1;
                }
                candidate
            };
            taken.insert(chosen.clone());
            settled.names.insert((*key).clone(), chosen);
        }
    }
    settled
}

/// A key of one location (not a merged property).
fn is_single(key: &str) -> bool {
    !key.contains(" & ")
}

fn same_schema(set: &SchemaSet, a: &Location, b: &Location) -> bool {
    let (Ok(x), Ok(y)) = (set.node(a), set.node(b)) else {
        return false;
    };
    x == y && (a.file == b.file || !contains_ref(x))
}

fn contains_ref(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.contains_key("$ref") || map.values().any(contains_ref),
        Value::Array(items) => items.iter().any(contains_ref),
        _ => false,
    }
}

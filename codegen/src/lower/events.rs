//! Events: every schema file with `x-event-type` is an event whose payload is its root schema:
//! any JSON value, as CloudEvents `data` may be (a struct, an enum, a union, or a newtype over
//! anything else).
//!
//! Variant names come from the event type's last segment (`Order.Created` → `Created`); events
//! whose last segments collide take as many trailing segments as it takes to tell them apart
//! (`a.created`, `b.created` → `ACreated`, `BCreated`), decided over the whole set.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Lowering;
use crate::error::{Error, Location, Problem, Result};
use crate::ir::*;
use crate::rust_idents;

/// An event as declared, before its variant name is settled.
struct Declared {
    event_type: String,
    data_version: Option<String>,
    explicit_variant: Option<String>,
    payload: String,
    doc: Option<String>,
    origin: Location,
    feature: Option<String>,
}

/// Every event of the set, sorted by event type. An event with a problem is left out and its
/// problem kept, so the other events are still lowered and theirs reported too.
pub(super) fn lower_events(lowering: &mut Lowering<'_>) -> Result<Vec<EventDef>> {
    let mut declared: Vec<Declared> = Vec::new();
    // Every event type a file declares, its event lowered or not (duplicates are found in all).
    let mut claimed: Vec<(String, Location)> = Vec::new();
    for (file, document) in lowering.set.documents() {
        let Some(event_type) = document.get("x-event-type") else {
            continue;
        };
        let at = Location::new(file.clone(), "");
        if let Some(event_type) = event_type.as_str() {
            claimed.push((event_type.to_string(), at.clone()));
        }
        let event = declare(lowering, at, event_type, document);
        declared.extend(lowering.recover(event)?);
    }
    // In file order from here, so which of two clashing events is reported does not depend on
    // the order the files were given in.
    claimed.sort_by(|a, b| a.1.cmp(&b.1));
    let repeated = lowering.repeated_declarations(&claimed);
    declared.retain(|event| !repeated.contains(&event.origin));
    declared.sort_by(|a, b| a.origin.cmp(&b.origin));
    let Some(variants) = lowering.recover(variant_names(&declared))? else {
        return Ok(Vec::new());
    };
    let mut events: Vec<EventDef> = declared
        .into_iter()
        .zip(variants)
        .map(|(d, variant)| EventDef {
            constant: rust_idents::screaming(&variant),
            event_type: d.event_type,
            data_version: d.data_version,
            variant,
            payload: d.payload,
            doc: d.doc,
            origin: d.origin,
            feature: d.feature,
        })
        .collect();
    events.sort_by(|a, b| a.event_type.cmp(&b.event_type));
    Ok(events)
}

/// The event the document at `at` declares with `x-event-type`, its payload lowered.
fn declare(
    lowering: &mut Lowering<'_>,
    at: Location,
    event_type: &Value,
    document: &Value,
) -> Result<Declared> {
    let event_type = event_type
        .as_str()
        .ok_or_else(|| Error::schema(&at.join("x-event-type"), "must be a string"))?
        .to_string();
    let data_version = match document.get("x-data-version") {
        None => None,
        Some(Value::String(v)) => Some(v.clone()),
        Some(_) => {
            return Err(Error::schema(
                &at.join("x-data-version"),
                "must be a string",
            ))
        }
    };
    let payload = lowering.payload_type(&at)?;
    let feature = match document.get("x-cargo-feature") {
        None => None,
        Some(Value::String(name)) if is_feature_name(name) => Some(name.clone()),
        Some(_) => {
            return Err(Error::schema(
                &at.join("x-cargo-feature"),
                "must be a cargo feature name (letters, digits, `-` and `_`), declared in the crate's Cargo.toml",
            ))
        }
    };
    let explicit_variant = match document.get("x-variant-name") {
        Some(Value::String(name)) if rust_idents::is_identifier(name) => Some(name.clone()),
        Some(_) => {
            return Err(Error::schema(
                &at.join("x-variant-name"),
                "must be a string that is a Rust identifier",
            ))
        }
        None => None,
    };
    Ok(Declared {
        event_type,
        data_version,
        explicit_variant,
        payload,
        doc: document
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        origin: at,
        feature,
    })
}

impl Lowering<'_> {
    /// The files (of `claimed`, in file order) that declare an event type an earlier file
    /// declares (in any case), each a problem naming the first.
    fn repeated_declarations(&mut self, claimed: &[(String, Location)]) -> BTreeSet<Location> {
        let mut repeated = BTreeSet::new();
        let mut first_of: BTreeMap<String, &Location> = BTreeMap::new();
        for (event_type, at) in claimed {
            let first = *first_of
                .entry(event_type.to_ascii_lowercase())
                .or_insert(at);
            if first != at {
                self.problems.add(Problem::new(
                    at.join("x-event-type"),
                    &format!(
                        "event `{event_type}` is also declared in {}, and an event type has one schema; keep one of the two, or give the other its own `x-event-type`",
                        first.file
                    ),
                ));
                repeated.insert(at.clone());
            }
        }
        repeated
    }

    /// The named type of an event's payload: a struct, enum or union as the schema lowers, or,
    /// for any other value (`data` may be any JSON value: a string, a number, an array), a
    /// newtype over it. A payload that may be `null` holds an `Option`.
    fn payload_type(&mut self, at: &Location) -> Result<String> {
        let ty = self.type_at(at)?;
        let nullable = !holds_null(&ty) && self.admits_null(at)?;
        let name = match ty {
            TypeRef::Named(name) if !nullable => return Ok(name),
            // A named payload that may be null: a newtype over its `Option`, named apart.
            TypeRef::Named(_) => {
                let own = super::naming::wanted_name(self.set, at)?.name;
                let wanted = super::naming::Wanted {
                    name: format!("{}OrNull", own.trim_end_matches('_')),
                    explicit: false,
                    at: at.clone(),
                };
                self.reserve_key(format!("{at}#payload"), wanted, at)?
            }
            _ => self.reserve(at)?,
        };
        let ty = match nullable {
            true => TypeRef::Nullable(Box::new(ty)),
            false => ty,
        };
        let object = self.schema_object(at)?.cloned().unwrap_or_default();
        self.define(at, &name, &object, TypeKind::Newtype(ty));
        Ok(name)
    }
}

/// One variant name per event: `x-variant-name`, else the fewest trailing segments of the
/// event type that no other event shares.
fn variant_names(declared: &[Declared]) -> Result<Vec<String>> {
    let segments: Vec<Vec<&str>> = declared
        .iter()
        .map(|d| {
            d.event_type
                .split(['.', '/', ':'])
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    let mut taken: Vec<usize> = vec![1; declared.len()];
    let name_of = |i: usize, n: usize| -> String {
        if let Some(explicit) = &declared[i].explicit_variant {
            return explicit.clone();
        }
        let parts = &segments[i];
        let start = parts.len().saturating_sub(n);
        rust_idents::upper_camel(&parts[start..].join(" "))
    };
    loop {
        let current: Vec<String> = (0..declared.len()).map(|i| name_of(i, taken[i])).collect();
        let mut grew = false;
        for i in 0..declared.len() {
            let clashes = (0..declared.len()).any(|j| j != i && current[j] == current[i]);
            if clashes && declared[i].explicit_variant.is_none() && taken[i] < segments[i].len() {
                taken[i] += 1;
                grew = true;
            }
        }
        if !grew {
            for i in 0..declared.len() {
                if let Some(j) = (0..declared.len()).find(|&j| j != i && current[j] == current[i]) {
                    let at = &declared[i].origin;
                    return Err(Error::schema(
                        &at.join("x-event-type"),
                        format!(
                            "event `{}` and `{}` ({}) would both be variant `{}`; set `x-variant-name` on one of them",
                            declared[i].event_type, declared[j].event_type, declared[j].origin.file, current[i]
                        ),
                    ));
                }
            }
            return Ok(current);
        }
    }
}

fn is_feature_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

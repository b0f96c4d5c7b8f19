//! Events: every schema file with `x-event-type` is an event whose payload is its root schema:
//! any JSON value, as CloudEvents `data` may be (a struct, an enum, a union, or a newtype over
//! anything else).
//!
//! Variant names come from the event type's last segment (`Order.Created` → `Created`); events
//! whose last segments collide take as many trailing segments as it takes to tell them apart
//! (`a.created`, `b.created` → `ACreated`, `BCreated`), decided over the whole set.

use serde_json::Value;

use super::Lowering;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::names;

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

pub(super) fn lower_events(lowering: &mut Lowering<'_>) -> Result<Vec<EventDef>> {
    let mut declared: Vec<Declared> = Vec::new();
    for (file, document) in lowering.set.documents() {
        let Some(event_type) = document.get("x-event-type") else {
            continue;
        };
        let at = Location::new(file.clone(), "");
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
            Some(Value::String(name)) if names::is_identifier(name) => Some(name.clone()),
            Some(_) => {
                return Err(Error::schema(
                    &at.join("x-variant-name"),
                    "must be a string that is a Rust identifier",
                ))
            }
            None => None,
        };
        if let Some(other) = declared
            .iter()
            .find(|e| e.event_type.eq_ignore_ascii_case(&event_type))
        {
            return Err(Error::schema(
                &at.join("x-event-type"),
                format!(
                    "event `{event_type}` is also declared in {}; an event type has one schema",
                    other.origin.file
                ),
            ));
        }
        declared.push(Declared {
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
        });
    }
    let variants = variant_names(&declared)?;
    let mut events: Vec<EventDef> = declared
        .into_iter()
        .zip(variants)
        .map(|(d, variant)| EventDef {
            constant: names::screaming(&variant),
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

impl Lowering<'_> {
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
        names::upper_camel(&parts[start..].join(" "))
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

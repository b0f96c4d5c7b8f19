//! Drift between hand-curated schemas and a specification: for each event type the schemas
//! have, its model is imported from the specification (mapped by the schema's `title`), both
//! are lowered, and the members and enum values each reaches are compared. A spec update is
//! then noticed, entry by entry, and reviewed with `eventgen diff` once the schemas follow.
//!
//! Names the curated schemas declare as another spelling (`x-aliases`, `x-enum-aliases`) count
//! as present; everything is compared exactly otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::Input;
use crate::error::Result;
use crate::ir::{Model, TypeKind, TypeRef};

/// How deep the comparison follows nested models (the specification's models nest 4 deep).
const MAX_DEPTH: usize = 12;

/// One difference, for one event type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// The event type it concerns.
    pub event_type: String,
    /// What differs.
    pub what: Disagreement,
}

/// What differs about an event type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Disagreement {
    /// A member (`/a/b`) or enum value (`/a/b = v`) the specification has and the schemas lack.
    OnlyInSpec(String),
    /// A member or enum value the schemas have and the specification lacks.
    OnlyInSchemas(String),
    /// The curated event's model (by its title), which the specification does not define.
    ModelNotInSpec(String),
    /// The specification's model for an event type the schemas lack.
    EventNotInSchemas(String),
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let event_type = &self.event_type;
        match &self.what {
            Disagreement::OnlyInSpec(at) => {
                write!(f, "{event_type}: only in the specification: {at}")
            }
            Disagreement::OnlyInSchemas(at) => write!(f, "{event_type}: only in the schemas: {at}"),
            Disagreement::ModelNotInSpec(model) => {
                write!(
                    f,
                    "{event_type}: its model {model} is not in the specification"
                )
            }
            Disagreement::EventNotInSchemas(model) => {
                write!(f, "{event_type}: only in the specification (model {model})")
            }
        }
    }
}

/// The differences between the curated schemas in `schemas` and `spec`, for the event types
/// whose string starts with `prefix` (`Microsoft.Communication.`), sorted.
pub fn drift(spec: Input<'_>, schemas: &Path, prefix: &str) -> Result<Vec<Difference>> {
    let curated = crate::lower::lower(&crate::load::SchemaSet::load(schemas)?)?;
    let events: Vec<_> = curated
        .events
        .iter()
        .filter(|e| e.event_type.starts_with(prefix))
        .collect();
    let service = prefix.trim_end_matches('.');
    let mapping: Vec<Value> = events
        .iter()
        .map(|e| serde_json::json!({"eventType": e.event_type, "model": e.payload, "service": service}))
        .collect();
    let mapping = serde_json::to_string(&mapping).expect("JSON values print");
    let imported = super::import(spec, Input::new("(the schemas' titles)", &mapping), None)?;
    let documents = imported.files.iter().map(|(name, text)| {
        (
            name.clone(),
            serde_json::from_str::<Value>(text).expect("the import writes JSON"),
        )
    });
    let from_spec = crate::lower::lower(&crate::load::SchemaSet::from_documents(documents)?)?;

    let mut differences = Vec::new();
    for event in &events {
        let Some(spec_event) = from_spec
            .events
            .iter()
            .find(|e| e.event_type == event.event_type)
        else {
            differences.push(Difference {
                event_type: event.event_type.clone(),
                what: Disagreement::ModelNotInSpec(event.payload.clone()),
            });
            continue;
        };
        let ours = Reach::of(&curated, &event.payload);
        let theirs = Reach::of(&from_spec, &spec_event.payload);
        // The specification's paths in the schemas' spellings.
        let theirs: BTreeSet<String> = theirs
            .canonical
            .iter()
            .map(|at| ours.canonical_form(at))
            .collect();
        let theirs_folded: BTreeSet<String> =
            theirs.iter().map(|at| at.to_ascii_lowercase()).collect();
        let ours_folded = |at: &String| ours.folded.contains(&at.to_ascii_lowercase());
        for at in theirs
            .difference(&ours.canonical)
            .filter(|at| !ours_folded(at))
        {
            differences.push(Difference {
                event_type: event.event_type.clone(),
                what: Disagreement::OnlyInSpec(at.clone()),
            });
        }
        for at in ours
            .canonical
            .difference(&theirs)
            .filter(|at| !(ours_folded(at) && theirs_folded.contains(&at.to_ascii_lowercase())))
        {
            differences.push(Difference {
                event_type: event.event_type.clone(),
                what: Disagreement::OnlyInSchemas(at.clone()),
            });
        }
    }
    let curated_models: BTreeSet<&str> = events.iter().map(|e| e.payload.as_str()).collect();
    for (model, event_type) in described_events(spec.text, prefix) {
        if !curated_models.contains(model.as_str())
            && !events.iter().any(|e| e.event_type == event_type)
        {
            differences.push(Difference {
                event_type,
                what: Disagreement::EventNotInSchemas(model),
            });
        }
    }
    differences.sort();
    differences.dedup();
    Ok(differences)
}

/// What a model reaches: member paths (`/a/b`) and enum values (`/a/b = v`), in the schemas'
/// spellings, and the other spellings they declare.
#[derive(Default)]
struct Reach {
    canonical: BTreeSet<String>,
    /// Another spelling's path (`/a/B`, `/a = v2`) → the canonical one (`/a/b`, `/a = v`).
    renames: BTreeMap<String, String>,
    /// Enum values of enums that ignore ASCII case, lower-cased.
    folded: BTreeSet<String>,
}

impl Reach {
    fn of(model: &Model, payload: &str) -> Reach {
        let mut reach = Reach::default();
        reach.walk(model, &TypeRef::Named(payload.to_string()), "", 0);
        reach
    }

    /// `at` with each segment, and the value, in this side's canonical spelling.
    fn canonical_form(&self, at: &str) -> String {
        let (path, value) = match at.split_once(" = ") {
            Some((path, value)) => (path, Some(value)),
            None => (at, None),
        };
        let mut current = String::new();
        for segment in path.split('/').skip(1) {
            let candidate = format!("{current}/{segment}");
            current = self.renames.get(&candidate).cloned().unwrap_or(candidate);
        }
        match value {
            Some(value) => {
                let entry = format!("{current} = {value}");
                self.renames.get(&entry).cloned().unwrap_or(entry)
            }
            None => current,
        }
    }

    fn walk(&mut self, model: &Model, ty: &TypeRef, at: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.walk(model, inner, at, depth + 1)
            }
            TypeRef::Tuple(items) => items
                .iter()
                .for_each(|item| self.walk(model, item, at, depth + 1)),
            TypeRef::Named(name) => {
                let Some(def) = model.type_named(name) else {
                    return;
                };
                match &def.kind {
                    TypeKind::Struct(s) => {
                        for field in &s.fields {
                            let path = format!("{at}/{}", field.wire_name);
                            self.canonical.insert(path.clone());
                            for alias in &field.aliases {
                                self.renames.insert(format!("{at}/{alias}"), path.clone());
                            }
                            self.walk(model, &field.ty, &path, depth + 1);
                        }
                    }
                    TypeKind::Enum(e) => {
                        for variant in &e.variants {
                            self.canonical.insert(format!("{at} = {}", variant.value));
                        }
                        for (alias, ident) in &e.aliases {
                            if let Some(variant) = e.variants.iter().find(|v| &v.ident == ident) {
                                self.renames.insert(
                                    format!("{at} = {alias}"),
                                    format!("{at} = {}", variant.value),
                                );
                            }
                        }
                        if e.case_insensitive {
                            let values = e.variants.iter().map(|v| format!("{at} = {}", v.value));
                            self.folded.extend(values.map(|v| v.to_ascii_lowercase()));
                        }
                    }
                    TypeKind::Union(u) => {
                        for variant in &u.variants {
                            self.walk(model, &variant.ty, at, depth + 1);
                        }
                    }
                    TypeKind::Newtype(inner) => self.walk(model, inner, at, depth + 1),
                    TypeKind::Literal(_) => {}
                }
            }
            _ => {}
        }
    }
}

/// (model, event type) for each definition whose description says it is the data of an event
/// whose type starts with `prefix`: the specification's only statement of that pairing.
fn described_events(spec_text: &str, prefix: &str) -> BTreeMap<String, String> {
    let Ok(document) = serde_json::from_str::<Value>(spec_text) else {
        return BTreeMap::new();
    };
    let marker = format!("for a {prefix}");
    super::definitions(&document)
        .into_iter()
        .flat_map(|(_, definitions)| definitions)
        .filter_map(|(model, schema)| {
            let description = schema.get("description")?.as_str()?;
            let start = description.find(&marker)? + "for a ".len();
            let event_type: String = description[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            Some((model.clone(), event_type.trim_end_matches('.').to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_events_description_names_its_type() {
        let spec = r#"{"definitions": {
            "AcsSmsReceivedEventData": {"description": "Schema of the Data property of an EventGridEvent for a Microsoft.Communication.SMSReceived event."},
            "Other": {"description": "A model."}
        }}"#;
        assert_eq!(
            described_events(spec, "Microsoft.Communication."),
            BTreeMap::from([(
                "AcsSmsReceivedEventData".to_string(),
                "Microsoft.Communication.SMSReceived".to_string()
            )])
        );
    }
}

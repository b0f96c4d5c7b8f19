//! `eventgen validate`: check each event of a captured delivery against the JSON Schema of its
//! event type with a real JSON Schema 2020-12 validator, resolving the schemas' cross-file
//! `$ref`s in memory (nothing is fetched).
//!
//! The schemas say what the parser accepts, so an extensible enum (the open form,
//! `anyOf: [{enum: [...]}, {type: string}]`) admits any string. A value outside its listed
//! ones is then a warning, not a violation: each event is validated a second time against the
//! documented schemas (`documented_only`), where each open enum admits only its listed values
//! (other cases too, when it ignores case), and what fails only there is reported as a warning.

use std::collections::BTreeMap;

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

use crate::load::SchemaSet;

const BASE: &str = "file:///schemas/";

/// The verdict for one event of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventVerdict {
    /// The event's position in the delivery.
    pub index: usize,
    /// Its event type, when it has one.
    pub event_type: Option<String>,
    /// What the validator found.
    pub outcome: Outcome,
    /// Values an extensible enum accepts but does not list, each as the JSON pointer (from the
    /// event) and a message: valid, and worth a look (a new service value, or a typo).
    pub warnings: Vec<(String, String)>,
}

/// What validating one event found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The event's `data` is valid for its schema.
    Valid,
    /// No schema declares this event type.
    UnknownEventType,
    /// The event has no event type, or is not an object.
    NotAnEvent(String),
    /// Each violation's JSON pointer (from the event) and message.
    Violations(Vec<(String, String)>),
}

/// Validate every event of `body` (a JSON array of events or one event object).
pub fn validate_delivery(set: &SchemaSet, body: &[u8]) -> Result<Vec<EventVerdict>, String> {
    DeliveryValidator::new(set).validate(body)
}

/// Validates deliveries against one schema set, building each event type's validators once
/// (for many deliveries, as property tests send).
pub struct DeliveryValidator<'s> {
    set: &'s SchemaSet,
    /// The set with each open enum narrowed to its listed values (`documented_only`).
    documented: SchemaSet,
    /// Event type → the file of its schema.
    schemas: BTreeMap<String, String>,
    /// File → its validators: as written, and documented values only.
    validators: BTreeMap<String, (Validator, Validator)>,
}

impl<'s> DeliveryValidator<'s> {
    /// A validator for the event schemas of `set` (those with `x-event-type`).
    pub fn new(set: &'s SchemaSet) -> Self {
        let schemas = set
            .files
            .iter()
            .filter_map(|(file, schema)| {
                Some((
                    schema.get("x-event-type")?.as_str()?.to_string(),
                    file.clone(),
                ))
            })
            .collect();
        DeliveryValidator {
            set,
            documented: documented_only(set),
            schemas,
            validators: BTreeMap::new(),
        }
    }

    /// Validate every event of `body` (a JSON array of events or one event object).
    pub fn validate(&mut self, body: &[u8]) -> Result<Vec<EventVerdict>, String> {
        crate::deep_stack::run(|| self.validate_here(body))
    }

    fn validate_here(&mut self, body: &[u8]) -> Result<Vec<EventVerdict>, String> {
        let delivery: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
        let events = match delivery {
            Value::Array(events) => events,
            object @ Value::Object(_) => vec![object],
            _ => {
                return Err(
                    "not a delivery: expected a JSON array of events or one event object".into(),
                )
            }
        };
        let mut verdicts = Vec::new();
        for (index, event) in events.iter().enumerate() {
            let event_type = event
                .get("eventType")
                .or_else(|| event.get("type"))
                .and_then(Value::as_str)
                .map(str::to_string);
            let mut warnings = Vec::new();
            let outcome = match (&event_type, event.as_object()) {
                (_, None) => Outcome::NotAnEvent("not a JSON object".into()),
                (None, Some(_)) => Outcome::NotAnEvent("no eventType or type".into()),
                (Some(event_type), Some(_)) => match crate::ir::dispatch_event_type(
                    self.schemas.iter().map(|(t, file)| (t.as_str(), file)),
                    event_type,
                ) {
                    None => Outcome::UnknownEventType,
                    Some(file) => {
                        if !self.validators.contains_key(file) {
                            let pair = (
                                validator(self.set, file)?,
                                validator(&self.documented, file)?,
                            );
                            self.validators.insert(file.clone(), pair);
                        }
                        let (validator, documented) = &self.validators[file];
                        let data = event.get("data").unwrap_or(&Value::Null);
                        let errors = |validator: &Validator| -> Vec<(String, String)> {
                            validator
                                .iter_errors(data)
                                .map(|e| (format!("/data{}", e.instance_path()), e.to_string()))
                                .collect()
                        };
                        let violations = errors(validator);
                        warnings = errors(documented)
                            .into_iter()
                            .filter(|found| !violations.contains(found))
                            .map(|(pointer, message)| {
                                (pointer, format!("not a documented value: {message}"))
                            })
                            .collect();
                        if violations.is_empty() {
                            Outcome::Valid
                        } else {
                            Outcome::Violations(violations)
                        }
                    }
                },
            };
            verdicts.push(EventVerdict {
                index,
                event_type,
                outcome,
                warnings,
            });
        }
        Ok(verdicts)
    }
}

/// The schema set with each open enum narrowed to its listed values: `anyOf: [{enum: E},
/// {type: string}]` becomes `anyOf: [{enum: E}]`, plus, when it ignores case
/// (`x-enum-case-insensitive`), a pattern matching the listed strings in any case.
fn documented_only(set: &SchemaSet) -> SchemaSet {
    let mut documented = set.clone();
    for document in documented.files.values_mut() {
        narrow_open_enums(document);
    }
    documented
}

fn narrow_open_enums(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            let ignores_case = object.get("x-enum-case-insensitive") == Some(&Value::Bool(true));
            if let Some(Value::Array(options)) = object.get_mut("anyOf") {
                let listed = crate::lower::open_form(options)
                    .and_then(|listed| listed["enum"].as_array().cloned());
                if let Some(listed) = listed {
                    options.pop();
                    if ignores_case {
                        let any_case: Vec<String> = listed
                            .iter()
                            .filter_map(Value::as_str)
                            .map(any_case_pattern)
                            .collect();
                        let pattern = format!("^(?:{})$", any_case.join("|"));
                        options.push(serde_json::json!({"type": "string", "pattern": pattern}));
                    }
                }
            }
            object.values_mut().for_each(narrow_open_enums);
        }
        Value::Array(items) => items.iter_mut().for_each(narrow_open_enums),
        _ => {}
    }
}

/// An ECMA-262 pattern matching `text` in any ASCII case (`Sent` → `[Ss][Ee][Nn][Tt]`); other
/// characters are escaped when the pattern syntax gives them a meaning.
fn any_case_pattern(text: &str) -> String {
    let mut pattern = String::new();
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            pattern.push('[');
            pattern.push(c.to_ascii_uppercase());
            pattern.push(c.to_ascii_lowercase());
            pattern.push(']');
        } else if "\\^$.|?*+()[]{}".contains(c) {
            pattern.push('\\');
            pattern.push(c);
        } else {
            pattern.push(c);
        }
    }
    pattern
}

/// The validator of one event schema. Where its document sets `x-format-assertion`, `format`
/// is asserted, as the parser does: a `date-time` that is not RFC 3339 is a violation.
fn validator(set: &SchemaSet, file: &str) -> Result<Validator, String> {
    let asserts_formats = set.files[file].get("x-format-assertion") == Some(&Value::Bool(true));
    jsonschema::options()
        .should_validate_formats(asserts_formats)
        .with_base_uri(format!("{BASE}{file}"))
        .with_retriever(SchemaResources {
            files: set.files.clone(),
            index: set.index().clone(),
        })
        .build(&set.files[file])
        .map_err(|e| format!("{file}: {e}"))
}

/// Serves the schema set to the validator: each file at `file:///schemas/<path>`, and every
/// schema at the `$id` it declares, so a `$ref` by `$id` resolves without a network.
struct SchemaResources {
    files: BTreeMap<String, Value>,
    index: crate::resolve::Index,
}

impl Retrieve for SchemaResources {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let at = self.index.resource(uri.as_str()).ok_or_else(|| {
            format!("{uri} is neither a schema file nor an `$id` of the schema set")
        })?;
        let document = self
            .files
            .get(&at.file)
            .ok_or_else(|| format!("no schema file {}", at.file))?;
        document
            .pointer(&at.pointer)
            .cloned()
            .ok_or_else(|| format!("no schema at {at}").into())
    }
}

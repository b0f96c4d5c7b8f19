//! Every fixture's `data` validates against the JSON Schema of its event type, with a real
//! JSON Schema 2020-12 validator resolving the cross-file `$ref`s; and every event schema has
//! at least one fixture.

mod support;

use std::collections::BTreeMap;

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

const BASE: &str = "file:///schemas/";

/// Schema files by path relative to `schemas/` (fixtures excluded).
fn schema_files() -> BTreeMap<String, Value> {
    let root = support::schemas_dir();
    support::json_files(&root)
        .into_iter()
        .filter(|p| !p.starts_with(root.join("fixtures")))
        .map(|p| {
            let relative = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            (relative, serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap())
        })
        .collect()
}

/// Serves `file:///schemas/<path>` from the loaded files; nothing is fetched.
struct SchemaFiles(BTreeMap<String, Value>);

impl Retrieve for SchemaFiles {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let relative = uri.as_str().strip_prefix(BASE).ok_or_else(|| format!("{uri} is outside schemas/"))?;
        let relative = relative.split('#').next().unwrap_or(relative);
        self.0.get(relative).cloned().ok_or_else(|| format!("no schema file {relative}").into())
    }
}

/// A validator per event type.
fn validators() -> BTreeMap<String, (String, Validator)> {
    let files = schema_files();
    let mut validators = BTreeMap::new();
    for (relative, schema) in &files {
        let Some(event_type) = schema.get("x-event-type").and_then(Value::as_str) else { continue };
        let validator = jsonschema::options()
            .with_base_uri(format!("{BASE}{relative}"))
            .with_retriever(SchemaFiles(files.clone()))
            .build(schema)
            .unwrap_or_else(|e| panic!("{relative}: {e}"));
        validators.insert(event_type.to_string(), (relative.clone(), validator));
    }
    validators
}

#[test]
fn every_fixture_validates_against_its_event_schema() {
    let validators = validators();
    assert_eq!(validators.len(), 28, "26 ACS event types and 2 Event Grid events");
    let mut failures = Vec::new();
    let mut validated = 0;
    for (fixture, index, event) in support::fixture_events() {
        let event_type = event["eventType"].as_str().expect("fixture events use the Event Grid schema");
        let (schema, validator) = validators.get(event_type).unwrap_or_else(|| panic!("{fixture}: no schema for {event_type}"));
        for error in validator.iter_errors(&event["data"]) {
            failures.push(format!("{fixture} event {index} against {schema}: {} at /data{}", error, error.instance_path()));
        }
        validated += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(validated, 37);
}

#[test]
fn every_event_schema_has_a_fixture() {
    let covered: Vec<String> = support::fixture_events().iter().map(|(_, _, e)| e["eventType"].as_str().unwrap().to_string()).collect();
    for event_type in validators().keys() {
        assert!(covered.contains(event_type), "no fixture for {event_type}");
    }
}

#[test]
fn the_validator_rejects_data_that_breaks_a_schema() {
    let validators = validators();
    let (_, sms) = &validators["Microsoft.Communication.SMSReceived"];
    let missing_message = serde_json::json!({"messageId": "m", "from": "1", "to": "2"});
    assert!(!sms.is_valid(&missing_message), "`message` is required");
    let (_, chat) = &validators["Microsoft.Communication.ChatMessageReceived"];
    let bad_identifier = serde_json::json!({"messageId": "1", "type": "Text", "threadId": "t", "messageBody": "b",
        "senderCommunicationIdentifier": {"communicationUser": {"id": "x"}}});
    let errors: Vec<String> = chat.iter_errors(&bad_identifier).map(|e| e.instance_path().to_string()).collect();
    assert_eq!(errors, ["/senderCommunicationIdentifier"], "rawId is required by the shared identifier model");
}

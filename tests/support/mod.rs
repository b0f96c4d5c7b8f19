//! Helpers shared by the integration tests.

#![allow(dead_code)]

use serde_json::Value;

mod files;
pub use files::json_files;

/// `schemas/` of this package.
pub fn schemas_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

/// The fixture deliveries, sorted by path.
pub fn fixture_files() -> Vec<std::path::PathBuf> {
    json_files(&schemas_dir().join("fixtures"))
}

/// Every fixture delivery: (fixture path relative to `schemas/`, body as read), sorted by path.
pub fn fixture_deliveries() -> Vec<(String, Vec<u8>)> {
    fixture_files()
        .into_iter()
        .map(|file| {
            let relative = file
                .strip_prefix(schemas_dir())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(&file).unwrap())
        })
        .collect()
}

/// Every fixture event: (fixture path relative to `schemas/`, index in its delivery, event).
pub fn fixture_events() -> Vec<(String, usize, Value)> {
    let mut events = Vec::new();
    for (relative, body) in fixture_deliveries() {
        let delivery: Value = serde_json::from_slice(&body).unwrap();
        let list = match delivery {
            Value::Array(list) => list,
            one => vec![one],
        };
        events.extend(
            list.into_iter()
                .enumerate()
                .map(|(index, event)| (relative.clone(), index, event)),
        );
    }
    events
}
pub mod http;

/// The event type of a fixture event in either envelope (`eventType` or CloudEvents `type`).
#[allow(dead_code)]
pub fn event_type(event: &Value) -> &str {
    event
        .get("eventType")
        .or_else(|| event.get("type"))
        .and_then(Value::as_str)
        .expect("fixture event has an event type")
}

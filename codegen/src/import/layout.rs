//! Where each imported definition is written. An event type's model is a file of its own,
//! `<service>/<event>.json` (`Microsoft.Storage.BlobCreated` → `storage/blob-created.json`).
//! A model those files reach through `$ref` is written once, under `$defs`: in
//! `<service>/definitions.json` when one service's events reach it, in
//! `common/definitions.json` when several do. A definition no event reaches is not written.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::mapping::EventType;

/// The file and JSON pointer a definition is written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `/`-separated, relative to the output directory.
    pub file: String,
    /// Empty for an event's own file, `/$defs/<Name>` for a shared model.
    pub pointer: String,
}

/// The file shared models go to when several services reach them.
pub const COMMON_FILE: &str = "common/definitions.json";

/// Every written definition's place, and the event type of each event file.
#[derive(Debug, Default)]
pub struct Layout {
    pub places: BTreeMap<String, Place>,
    /// Event file → its event type.
    pub events: BTreeMap<String, EventType>,
}

impl Layout {
    /// Lays out the mapped event types whose models `definitions` has (the others are left to
    /// the caller to report), and the models they reach.
    pub fn new(
        definitions: &Map<String, Value>,
        event_types: &[EventType],
    ) -> Result<Layout, String> {
        let mut layout = Layout::default();
        let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for event in event_types
            .iter()
            .filter(|e| definitions.contains_key(&e.model))
        {
            let service = service_dir(&event.service);
            let rest = &event.event_type[event.service.len() + 1..];
            let file = format!("{service}/{}.json", kebab(rest));
            if let Some(other) = layout.events.get(&file) {
                return Err(format!(
                    "`{}` and `{}` would both be written to `{file}`",
                    other.event_type, event.event_type
                ));
            }
            if let Some(place) = layout.places.get(&event.model) {
                return Err(format!(
                    "`{}` is the model of two event types (`{}` is written at `{}`)",
                    event.model, event.event_type, place.file
                ));
            }
            layout.places.insert(
                event.model.clone(),
                Place {
                    file: file.clone(),
                    pointer: String::new(),
                },
            );
            layout.events.insert(file, event.clone());
            for name in references(definitions, &event.model) {
                reached.entry(name).or_default().insert(service.clone());
            }
        }
        for (name, services) in reached {
            if layout.places.contains_key(&name) {
                // Another event's model: referenced where it is.
                continue;
            }
            let file = match services.len() {
                1 => format!(
                    "{}/definitions.json",
                    services.first().expect("one service")
                ),
                _ => COMMON_FILE.to_string(),
            };
            layout.places.insert(
                name.clone(),
                Place {
                    file,
                    pointer: format!("/$defs/{name}"),
                },
            );
        }
        Ok(layout)
    }
}

/// The definitions `model` reaches through `#/definitions/…` references, transitively, itself
/// left out unless it reaches itself.
fn references(definitions: &Map<String, Value>, model: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![model.to_string()];
    while let Some(name) = stack.pop() {
        let Some(schema) = definitions.get(&name) else {
            continue;
        };
        let mut found = Vec::new();
        collect_refs(schema, &mut found);
        for target in found {
            if seen.insert(target.clone()) {
                stack.push(target);
            }
        }
    }
    seen
}

/// Every `#/definitions/<name>` a schema refers to. Iterative: a document's nesting is not a
/// bound on the stack.
fn collect_refs(schema: &Value, found: &mut Vec<String>) {
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(object) => {
                if let Some(target) = object
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                {
                    found.push(target.to_string());
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// The directory of a provider's schemas: `Microsoft.ResourceNotifications` →
/// `resource-notifications`.
pub fn service_dir(service: &str) -> String {
    kebab(service.strip_prefix("Microsoft.").unwrap_or(service))
}

/// `HealthResources.AvailabilityStatusChanged` → `health-resources-availability-status-changed`:
/// the words the generator's identifiers split into (`AVSCluster` → `avs-cluster`), lower case.
pub fn kebab(name: &str) -> String {
    crate::rust_idents::words(name)
        .iter()
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_where_the_case_changes() {
        assert_eq!(kebab("BlobCreated"), "blob-created");
        assert_eq!(
            kebab("HealthResources.AvailabilityStatusChanged"),
            "health-resources-availability-status-changed"
        );
        assert_eq!(kebab("AVSClusterCreated"), "avs-cluster-created");
        assert_eq!(kebab("ExportRDBCompleted"), "export-rdb-completed");
        assert_eq!(kebab("SignalRService"), "signal-r-service");
        assert_eq!(
            service_dir("Microsoft.ResourceNotifications"),
            "resource-notifications"
        );
    }

    #[test]
    fn events_get_files_and_shared_models_go_where_their_services_reach_them() {
        let definitions: Map<String, Value> = serde_json::from_str(
            r##"{
                "ABlob": {"properties": {"x": {"$ref": "#/definitions/Tier"}, "y": {"$ref": "#/definitions/Auth"}}},
                "BSite": {"allOf": [{"$ref": "#/definitions/Auth"}]},
                "Tier": {"type": "string"},
                "Auth": {"properties": {"z": {"$ref": "#/definitions/Claims"}}},
                "Claims": {"type": "object"},
                "Unused": {"type": "object"}
            }"##,
        )
        .unwrap();
        let events = [
            EventType {
                event_type: "Microsoft.Storage.BlobCreated".into(),
                model: "ABlob".into(),
                service: "Microsoft.Storage".into(),
            },
            EventType {
                event_type: "Microsoft.Web.SiteStopped".into(),
                model: "BSite".into(),
                service: "Microsoft.Web".into(),
            },
            EventType {
                event_type: "Microsoft.Web.Gone".into(),
                model: "NotThere".into(),
                service: "Microsoft.Web".into(),
            },
        ];
        let layout = Layout::new(&definitions, &events).unwrap();
        let place = |name: &str| {
            layout
                .places
                .get(name)
                .map(|p| format!("{}#{}", p.file, p.pointer))
        };
        assert_eq!(
            place("ABlob").as_deref(),
            Some("storage/blob-created.json#")
        );
        assert_eq!(place("BSite").as_deref(), Some("web/site-stopped.json#"));
        assert_eq!(
            place("Tier").as_deref(),
            Some("storage/definitions.json#/$defs/Tier")
        );
        assert_eq!(
            place("Auth").as_deref(),
            Some("common/definitions.json#/$defs/Auth")
        );
        assert_eq!(
            place("Claims").as_deref(),
            Some("common/definitions.json#/$defs/Claims")
        );
        assert_eq!(place("Unused"), None);
        assert_eq!(layout.events.len(), 2);
    }
}

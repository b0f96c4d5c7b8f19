//! The event-type → model mapping an import follows (`event-types.json`): a JSON array of
//! `{"eventType", "model", "service", …}` entries. The specification itself does not say which
//! model an event type carries, so this file, kept beside the vendored spec, does.

use serde_json::Value;

use crate::error::{Location, Problem};

/// One event type and the definition that describes its `data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    /// The event-type string, as the service sends it.
    pub event_type: String,
    /// The definition's name in the specification.
    pub model: String,
    /// The provider (`Microsoft.Storage`): the directory the schema is written to.
    pub service: String,
}

/// The entries of a mapping file, or every problem with it (each at its JSON pointer).
pub fn read(file: &str, text: &str) -> Result<Vec<EventType>, Vec<Problem>> {
    let root = Location::new(file, "");
    let value: Value = serde_json::from_str(text)
        .map_err(|e| vec![Problem::new(root.clone(), &format!("not JSON: {e}"))])?;
    let Value::Array(entries) = value else {
        return Err(vec![Problem::new(
            root,
            "a mapping is a JSON array; write `[{\"eventType\": …, \"model\": …, \"service\": …}]`",
        )]);
    };
    let mut problems = Vec::new();
    let mut out: Vec<EventType> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let at = root.join(&index.to_string());
        let field = |name: &str| entry.get(name).and_then(Value::as_str).map(str::to_string);
        match (field("eventType"), field("model"), field("service")) {
            (Some(event_type), Some(model), Some(service)) => {
                if out.iter().any(|e| e.event_type == event_type) {
                    problems.push(Problem::new(
                        at.join("eventType"),
                        &format!("`{event_type}` is mapped twice; keep one entry per event type"),
                    ));
                } else if !event_type.starts_with(&format!("{service}.")) {
                    problems.push(Problem::new(
                        at.join("service"),
                        &format!("`{event_type}` is not an event type of `{service}`; the service is the event type's prefix, such as `Microsoft.Storage`"),
                    ));
                } else {
                    out.push(EventType {
                        event_type,
                        model,
                        service,
                    });
                }
            }
            _ => problems.push(Problem::new(
                at,
                "an entry has string members `eventType`, `model` and `service`",
            )),
        }
    }
    match problems.is_empty() {
        true => Ok(out),
        false => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_and_each_bad_one_is_a_problem_at_its_pointer() {
        let good = read(
            "m.json",
            r#"[{"eventType": "Microsoft.Storage.BlobCreated", "model": "StorageBlobCreatedEventData", "service": "Microsoft.Storage", "sources": []}]"#,
        )
        .unwrap();
        assert_eq!(
            good,
            vec![EventType {
                event_type: "Microsoft.Storage.BlobCreated".into(),
                model: "StorageBlobCreatedEventData".into(),
                service: "Microsoft.Storage".into(),
            }]
        );
        let problems = read(
            "m.json",
            r#"[
                {"eventType": "Microsoft.Storage.A", "model": "A", "service": "Microsoft.Storage"},
                {"eventType": "Microsoft.Storage.A", "model": "B", "service": "Microsoft.Storage"},
                {"eventType": "Microsoft.Web.C", "model": "C", "service": "Microsoft.Storage"},
                {"eventType": "Microsoft.Web.D"}
            ]"#,
        )
        .unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "m.json#/1/eventType: `Microsoft.Storage.A` is mapped twice; hint: keep one entry per event type",
                "m.json#/2/service: `Microsoft.Web.C` is not an event type of `Microsoft.Storage`; hint: the service is the event type's prefix, such as `Microsoft.Storage`",
                "m.json#/3: an entry has string members `eventType`, `model` and `service`",
            ]
        );
        assert_eq!(
            read("m.json", "{}").unwrap_err()[0].to_string(),
            "m.json#: a mapping is a JSON array; hint: write `[{\"eventType\": …, \"model\": …, \"service\": …}]`"
        );
    }
}

//! Hostile schemas and deliveries for the generator and `eventgen validate`, on a thread with a
//! 256 KiB stack so that a recursion on input depth is a crash here: nesting up to 10^6 levels
//! in a schema file, schemas nested as deep as JSON parsing allows, long and cyclic `$ref`
//! chains, and deep deliveries to validate. Each ends in output or in an error naming the file.

use serde_json::{json, Value};

// The fuzz targets' 256 KiB stack, so a test and a fuzz run crash alike.
#[path = "../../fuzz/checks/small_stack.rs"]
mod small_stack;
use small_stack::on_small_stack;

/// A directory of its own under the system's temporary directory, emptied first.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("eventgen-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn event_schema(properties: Value) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "DeepEventData",
        "x-event-type": "Test.Deep",
        "type": "object",
        "properties": properties,
    })
}

#[test]
fn a_schema_file_nested_a_million_levels_is_a_json_error_naming_the_file() {
    on_small_stack(|| {
        for depth in [129, 10_000, 1_000_000] {
            for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
                let dir = scratch(&format!("nested-{depth}-{}", open.len()));
                let text = format!(
                    r#"{{"title": "DeepEventData", "x-event-type": "Test.Deep", "type": "object", "default": {}1{}}}"#,
                    open.repeat(depth),
                    close.repeat(depth)
                );
                std::fs::write(dir.join("deep.json"), text).unwrap();
                let error = eventgen::Config::new()
                    .schemas(&dir)
                    .out_dir(dir.join("out"))
                    .render()
                    .unwrap_err();
                match &error {
                    eventgen::Error::Schemas(problems) => {
                        let [problem] = problems.as_slice() else {
                            panic!("{depth}: {error}")
                        };
                        assert_eq!(problem.at, eventgen::Location::new("deep.json", ""));
                        assert!(
                            problem
                                .message
                                .starts_with("not valid JSON: recursion limit exceeded"),
                            "{error}"
                        );
                    }
                    other => panic!("{depth}: {other}"),
                }
                std::fs::remove_dir_all(&dir).unwrap();
            }
        }
    });
}

/// `{"type": "object", "properties": {"p": …}}` nested `depth` times around a string.
fn nested_properties(depth: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for _ in 0..depth {
        schema = json!({"type": "object", "properties": {"p": schema}});
    }
    schema
}

#[test]
fn schemas_as_deep_as_json_allows_generate_and_deeper_ones_fail_with_a_pointer() {
    // Each level is two JSON levels deep: 40 levels come near serde_json's 128, 70 pass it.
    for depth in [10, 40, 70] {
        let schema = event_schema(json!({"p": nested_properties(depth)}));
        let result = on_small_stack(move || eventgen::render_documents([("deep.json", schema)]));
        match (depth, result) {
            (10 | 40, Ok(files)) => {
                assert!(files.values().any(|text| text.contains("DeepEventData")))
            }
            (70, Err(eventgen::Error::Schemas(problems))) => {
                let [eventgen::Problem { at, message, .. }] = problems.as_slice() else {
                    panic!("one problem: {problems:?}")
                };
                assert_eq!(at.file, "deep.json");
                assert!(
                    at.pointer.starts_with("/properties/p/properties/p/"),
                    "{at}"
                );
                assert!(message.contains("more than 128 levels"), "{message}");
            }
            (depth, other) => panic!("{depth}: {other:?}"),
        }
    }
}

#[test]
fn long_and_cyclic_ref_chains_generate_or_fail_naming_where() {
    on_small_stack(|| {
        for length in [20, 1_000, 100_000] {
            let mut definitions = serde_json::Map::new();
            for i in 0..length {
                definitions.insert(
                    format!("d{i}"),
                    json!({"$ref": format!("#/$defs/d{}", i + 1)}),
                );
            }
            definitions.insert(format!("d{length}"), json!({"type": "string"}));
            let mut schema = event_schema(json!({"p": {"$ref": "#/$defs/d0"}}));
            schema["$defs"] = Value::Object(definitions.clone());
            match (length, eventgen::render_documents([("chain.json", schema)])) {
                (20, Ok(files)) => assert!(!files.is_empty()),
                (_, Err(eventgen::Error::Schemas(problems))) if length > 20 => {
                    let [eventgen::Problem { at, message, .. }] = problems.as_slice() else {
                        panic!("one problem: {problems:?}")
                    };
                    assert_eq!(at.file, "chain.json");
                    assert!(message.contains("passes 32 references"), "{message}");
                }
                (length, other) => panic!("{length}: {other:?}"),
            }
            // The same chain closed into a cycle of references only: no type can come of it.
            definitions.insert(format!("d{length}"), json!({"$ref": "#/$defs/d0"}));
            let mut schema = event_schema(json!({"p": {"$ref": "#/$defs/d0"}}));
            schema["$defs"] = Value::Object(definitions);
            match eventgen::render_documents([("cycle.json", schema)]) {
                Err(eventgen::Error::Schemas(problems)) => {
                    let [eventgen::Problem { at, message, .. }] = problems.as_slice() else {
                        panic!("one problem: {problems:?}")
                    };
                    assert_eq!(at.file, "cycle.json");
                    assert!(message.contains("reference cycle"), "{message}");
                }
                other => panic!("{length}: {other:?}"),
            }
        }
    });
}

#[test]
fn validate_refuses_a_delivery_nested_past_json_limits_without_crashing() {
    on_small_stack(|| {
        let set = eventgen::load::SchemaSet::from_documents([(
            "deep.json",
            event_schema(json!({"p": {"type": "string"}})),
        )])
        .unwrap();
        for depth in [129, 1_000_000] {
            for deep in ["[".repeat(depth) + &"]".repeat(depth), "[".repeat(depth)] {
                let body = format!(r#"[{{"id": "1", "eventType": "Test.Deep", "data": {deep}}}]"#);
                let error =
                    eventgen::validate::validate_delivery(&set, body.as_bytes()).unwrap_err();
                assert!(error.starts_with("not JSON"), "{error}");
            }
        }
    });
}

//! The generator on small schemas that exercise one construct each: a snapshot of the emitted
//! code per construct, and of the error message for each malformed schema.

use serde_json::{json, Value};

fn render(documents: Vec<(&str, Value)>) -> String {
    match eventgen::render_documents(documents) {
        Ok(files) => files
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "mod.rs" | "support.rs" | "events.rs"))
            .map(|(name, contents)| format!("==> {name}\n{contents}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => format!("error: {error}"),
    }
}

fn event(title: &str, event_type: &str, body: Value) -> Value {
    let mut schema = json!({"title": title, "x-event-type": event_type, "type": "object"});
    schema.as_object_mut().unwrap().extend(body.as_object().unwrap().clone());
    schema
}

/// One snapshot per case directory of `edge-cases/schemas/` (each becomes one generated file);
/// the `edge-cases` crate compiles the same output and tests its behaviour.
#[test]
fn one_snapshot_per_construct() {
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("edge-cases/schemas");
    let files = eventgen::Config::new().schemas(&schemas).render().unwrap();
    let cases: Vec<_> = files.iter().filter(|(name, _)| !matches!(name.as_str(), "mod.rs" | "support.rs" | "events.rs")).collect();
    assert_eq!(cases.len(), 8);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/edge_cases");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, contents) in cases {
            insta::assert_snapshot!(name.trim_end_matches(".rs"), contents);
        }
    });
}

#[test]
fn malformed_schemas_report_file_and_pointer() {
    let cases: Vec<(&str, Vec<(&str, Value)>)> = vec![
        ("missing_reference", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"$ref": "nope.json#/$defs/A"}}})))]),
        ("bad_pointer", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"$ref": "#/$defs/Missing"}}})))]),
        ("unsupported_keyword", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"type": "string", "not": {"const": "b"}}}})))]),
        ("name_clash", vec![
            ("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"title": "Thing", "type": "object", "properties": {}}}}))),
            ("y.json", event("YEventData", "T.Y", json!({"properties": {"b": {"title": "Thing", "type": "object", "properties": {}}}}))),
        ]),
        ("duplicate_event_type", vec![
            ("x.json", event("XEventData", "T.Same", json!({"properties": {}}))),
            ("y.json", event("YEventData", "T.Same", json!({"properties": {}}))),
        ]),
        ("multi_type", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"type": ["string", "integer"]}}})))]),
        ("reference_cycle", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}})))]),
        ("event_without_title", vec![("x.json", json!({"x-event-type": "T.X", "type": "object"}))]),
        ("invalid_variant_name", vec![("x.json", json!({"title": "XEventData", "x-event-type": "T.X", "x-variant-name": "Not valid", "type": "object"}))]),
        ("invalid_enum_varname", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"title": "A", "enum": ["a"], "x-enum-varnames": ["9a"]}}})))]),
        ("string_or_number_on_string", vec![("x.json", event("XEventData", "T.X", json!({"properties": {"a": {"type": "string", "x-string-or-number": true}}})))]),
    ];
    let report = cases
        .into_iter()
        .map(|(name, documents)| format!("{name}: {}", render(documents)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/edge_cases");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("malformed_schemas", report));
}

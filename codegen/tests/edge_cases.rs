//! The generator on small schemas that exercise one construct each: a snapshot of the emitted
//! code (or of the error message) per case.

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

fn snapshot(name: &str, documents: Vec<(&str, Value)>) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/edge_cases");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, render(documents)));
}

fn event(title: &str, event_type: &str, body: Value) -> Value {
    let mut schema = json!({"title": title, "x-event-type": event_type, "type": "object"});
    schema.as_object_mut().unwrap().extend(body.as_object().unwrap().clone());
    schema
}

#[test]
fn cross_file_references() {
    snapshot(
        "cross_file_references",
        vec![
            ("shared/ids.json", json!({"$defs": {"UserId": {"title": "UserId", "type": "object", "properties": {"raw": {"type": "string"}}, "required": ["raw"]}}})),
            ("orders/order-placed.json", event("OrderPlacedEventData", "Shop.OrderPlaced", json!({
                "properties": {"buyer": {"$ref": "../shared/ids.json#/$defs/UserId", "description": "Who ordered."}, "items": {"type": "array", "items": {"$ref": "../shared/ids.json#/$defs/UserId"}}},
                "required": ["buyer"]}))),
        ],
    );
}

#[test]
fn all_of_base_models() {
    snapshot(
        "all_of_base_models",
        vec![
            ("base.json", json!({"$defs": {
                "Root": {"title": "Root", "type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
                "Middle": {"title": "Middle", "allOf": [{"$ref": "#/$defs/Root"}], "properties": {"version": {"type": "integer", "format": "int64"}}}}})),
            ("leaf.json", event("LeafEventData", "Test.Leaf", json!({
                "allOf": [{"$ref": "base.json#/$defs/Middle"}, {"properties": {"note": {"type": "string"}}}],
                "properties": {"version": {"type": "integer", "format": "int32", "description": "Narrowed by the leaf."}},
                "required": ["note"]}))),
        ],
    );
}

#[test]
fn enums_extensible_closed_and_case_insensitive() {
    snapshot(
        "enums",
        vec![("e.json", event("EnumsEventData", "Test.Enums", json!({"properties": {
            "open": {"title": "Color", "type": "string", "enum": ["red", "dark-blue", "other"], "x-enum-descriptions": ["Red.", "Dark blue.", "A value named other."]},
            "closed": {"title": "Size", "type": "string", "enum": ["S", "M"], "x-enum-closed": true},
            "folded": {"title": "Status", "type": "string", "enum": ["Sent", "Read"], "x-enum-case-insensitive": true},
            "fixed": {"const": "v1", "description": "Always v1."}}})))],
    );
}

#[test]
fn aliases_and_required_alternatives() {
    snapshot(
        "aliases",
        vec![("a.json", event("AliasEventData", "Test.Alias", json!({
            "properties": {
                "messageId": {"type": "string", "x-aliases": ["MessageId"]},
                "receivedTimestamp": {"type": "string", "format": "date-time", "x-aliases": ["receivedTimeStamp", "ReceivedTimestamp"]}},
            "anyOf": [{"required": ["messageId"]}, {"required": ["MessageId"]}]})))],
    );
}

#[test]
fn string_or_number() {
    snapshot(
        "string_or_number",
        vec![("s.json", event("VersionedEventData", "Test.Versioned", json!({"properties": {
            "version": {"type": ["integer", "string"], "format": "int64", "pattern": "^-?[0-9]+$", "x-string-or-number": true},
            "count": {"type": ["integer", "string"], "format": "int32", "x-string-or-number": true}},
            "required": ["version"]})))],
    );
}

#[test]
fn nullable_defaults_maps_and_unions() {
    snapshot(
        "nullable_defaults_maps_unions",
        vec![("n.json", event("MixedEventData", "Test.Mixed", json!({"properties": {
            "maybe": {"type": ["string", "null"]},
            "alsoMaybe": {"oneOf": [{"type": "integer"}, {"type": "null"}]},
            "flag": {"type": "boolean", "default": false},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "anything": {"type": "object", "additionalProperties": true},
            "target": {"oneOf": [{"title": "ByName", "type": "object", "properties": {"name": {"type": "string"}}}, {"type": "string"}]}},
            "required": ["maybe"]})))],
    );
}

#[test]
fn recursion_is_boxed() {
    snapshot(
        "recursion",
        vec![("r.json", event("TreeEventData", "Test.Tree", json!({"properties": {"root": {"$ref": "#/$defs/Node"}},
            "$defs": {"Node": {"title": "Node", "type": "object", "properties": {
                "value": {"type": "string"}, "parent": {"$ref": "#/$defs/Node"}, "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}}}}})))],
    );
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

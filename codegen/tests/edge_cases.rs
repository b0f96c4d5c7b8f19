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
    schema
        .as_object_mut()
        .unwrap()
        .extend(body.as_object().unwrap().clone());
    schema
}

/// One snapshot per case directory of `edge-cases/schemas/` (each becomes one generated file);
/// the `edge-cases` crate compiles the same output and tests its behaviour.
#[test]
fn one_snapshot_per_construct() {
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("edge-cases/schemas");
    // As the edge-cases crate's build script makes it: both optional parts, each gated.
    let files = eventgen::Config::new()
        .schemas(&schemas)
        .borrowed_form_feature("borrowed")
        .schemars_feature("schemars")
        .render()
        .unwrap();
    let cases: Vec<_> = files
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "mod.rs" | "support.rs" | "events.rs"))
        .collect();
    assert_eq!(
        cases.len(),
        18,
        "one file per case directory, and borrowed.rs"
    );
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
        (
            "missing_reference",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"$ref": "nope.json#/$defs/A"}}}),
                ),
            )],
        ),
        (
            "bad_pointer",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"$ref": "#/$defs/Missing"}}}),
                ),
            )],
        ),
        (
            "unsupported_keyword",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "not": {"const": "b"}}}}),
                ),
            )],
        ),
        (
            "explicit_name_clash",
            vec![
                (
                    "x.json",
                    event(
                        "XEventData",
                        "T.X",
                        json!({"properties": {"a": {"x-rust-name": "Thing", "type": "object", "properties": {"p": {"type": "string"}}}}}),
                    ),
                ),
                (
                    "y.json",
                    event(
                        "YEventData",
                        "T.Y",
                        json!({"properties": {"b": {"x-rust-name": "Thing", "type": "object", "properties": {"q": {"type": "string"}}}}}),
                    ),
                ),
            ],
        ),
        (
            "explicit_field_name_clash",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {
            "a": {"type": "string", "x-rust-name": "same"}, "b": {"type": "string", "x-rust-name": "same"}}}),
                ),
            )],
        ),
        (
            "explicit_variant_clash",
            vec![
                (
                    "x.json",
                    json!({"title": "XEventData", "x-event-type": "T.X", "x-variant-name": "Same", "type": "object"}),
                ),
                (
                    "y.json",
                    json!({"title": "YEventData", "x-event-type": "T.Y", "x-variant-name": "Same", "type": "object"}),
                ),
            ],
        ),
        (
            "all_of_contradiction",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({
            "allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"a": {"type": "integer"}}}],
            "$defs": {"Base": {"type": "object", "properties": {"a": {"type": "string"}}}}}),
                ),
            )],
        ),
        (
            "enum_of_objects",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"enum": ["a", {"k": 1}]}}}),
                ),
            )],
        ),
        (
            "enum_without_a_value_of_its_type",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "enum": [1, 2]}}}),
                ),
            )],
        ),
        (
            "remote_reference",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"$ref": "https://example.com/s.json#/$defs/A"}}}),
                ),
            )],
        ),
        (
            "duplicate_id",
            vec![
                (
                    "x.json",
                    json!({"$id": "https://example.com/s.json", "title": "XEventData", "x-event-type": "T.X", "type": "object"}),
                ),
                (
                    "y.json",
                    json!({"$id": "https://example.com/s.json", "title": "YEventData", "x-event-type": "T.Y", "type": "object"}),
                ),
            ],
        ),
        (
            "tuple_items",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "array", "items": [{"type": "string"}]}}}),
                ),
            )],
        ),
        (
            "duplicate_event_type",
            vec![
                (
                    "x.json",
                    event("XEventData", "T.Same", json!({"properties": {}})),
                ),
                (
                    "y.json",
                    event("YEventData", "T.Same", json!({"properties": {}})),
                ),
            ],
        ),
        (
            "reference_cycle",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}}),
                ),
            )],
        ),
        (
            "invalid_variant_name",
            vec![(
                "x.json",
                json!({"title": "XEventData", "x-event-type": "T.X", "x-variant-name": "Not valid", "type": "object"}),
            )],
        ),
        (
            "invalid_enum_varname",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"title": "A", "enum": ["a"], "x-enum-varnames": ["9a"]}}}),
                ),
            )],
        ),
        (
            "string_or_number_on_string",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "x-string-or-number": true}}}),
                ),
            )],
        ),
        (
            "boxed_string",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "x-boxed": true}}}),
                ),
            )],
        ),
        (
            "boxed_not_a_flag",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"$ref": "#/$defs/A", "x-boxed": "yes"}}, "$defs": {"A": {"type": "object"}}}),
                ),
            )],
        ),
        (
            "enum_closed_keyword",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "enum": ["a"], "x-enum-closed": true}}}),
                ),
            )],
        ),
        (
            "closed_enum_ignoring_case",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"enum": ["a"], "x-enum-case-insensitive": true}}}),
                ),
            )],
        ),
        (
            "open_enum_under_one_of",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"oneOf": [{"enum": ["a"]}, {"type": "string"}]}}}),
                ),
            )],
        ),
        (
            "open_enum_keywords_inside",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"anyOf": [{"enum": ["a"], "x-enum-case-insensitive": true}, {"type": "string"}]}}}),
                ),
            )],
        ),
        (
            "open_enum_not_a_string",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "integer", "anyOf": [{"enum": ["a"]}, {"type": "string"}]}}}),
                ),
            )],
        ),
        (
            "required_key_of_a_closed_object_without_property",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string"}}, "required": ["a", "b"], "additionalProperties": false}),
                ),
            )],
        ),
        (
            "draft_03_required_not_a_boolean",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "required": "yes"}}}),
                ),
            )],
        ),
        (
            "choices_multiply_too_far",
            vec![(
                "x.json",
                json!({"title": "XEventData", "x-event-type": "T.X", "allOf": [{"type": "object", "allOf": [
                    {"oneOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"properties": {"b": {"type": "string"}}, "required": ["b"]}, {"properties": {"c": {"type": "string"}}, "required": ["c"]}, {"properties": {"d": {"type": "string"}}, "required": ["d"]}]},
                    {"oneOf": [{"properties": {"e": {"type": "string"}}, "required": ["e"]}, {"properties": {"f": {"type": "string"}}, "required": ["f"]}, {"properties": {"g": {"type": "string"}}, "required": ["g"]}, {"properties": {"h": {"type": "string"}}, "required": ["h"]}]},
                    {"oneOf": [{"properties": {"i": {"type": "string"}}, "required": ["i"]}, {"properties": {"j": {"type": "string"}}, "required": ["j"]}, {"properties": {"k": {"type": "string"}}, "required": ["k"]}]}
                ]}]}),
            )],
        ),
        (
            "no_option_is_an_object",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string"}}, "oneOf": [{"type": "string"}, {"type": "integer"}]}),
                ),
            )],
        ),
        (
            "all_of_members_contradict_the_type",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "allOf": [{"type": "integer"}]}}}),
                ),
            )],
        ),
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

/// A schema set with a problem in each of four files, two in some, and one in a definition two
/// events share.
fn broken_set() -> Vec<(String, Value)> {
    let shared = json!({"$ref": "c.json#/$defs/Shared"});
    vec![
        (
            "a.json".into(),
            json!({"title": "AEventData", "x-event-type": "T.A", "type": "object",
                "x-cargo-feature": "not a feature",
                "properties": {
                    "tuple": {"type": "array", "prefixItems": [{"type": "string"}]},
                    "shared": shared.clone(),
                    "fine": {"type": "string"}}}),
        ),
        (
            "b.json".into(),
            event(
                "BEventData",
                "T.B",
                json!({"required": ["kept"], "properties": {
                    "negated": {"type": "string", "not": {"const": ""}},
                    "kept": {"$ref": "#/$defs/Missing"},
                    "shared": shared,
                    "fine": {"type": "integer"}}}),
            ),
        ),
        (
            "c.json".into(),
            json!({"$defs": {"Shared": {"type": "object", "properties": {
                "conditional": {"type": "string", "if": {"minLength": 1}}}}}}),
        ),
        (
            "d.json".into(),
            event("DEventData", "t.a", json!({"properties": {}})),
        ),
        (
            "e.json".into(),
            event(
                "EEventData",
                "T.E",
                json!({"properties": {"fine": {"type": "string"}}}),
            ),
        ),
    ]
}

/// One run reports every problem of the set, each once (the shared definition's too), in file
/// and pointer order: an event with a problem does not stop the others, nor does a property.
#[test]
fn every_problem_of_a_set_is_reported_once_in_file_and_pointer_order() {
    let error = eventgen::render_documents(broken_set()).unwrap_err();
    let eventgen::Error::Schemas(problems) = &error else {
        panic!("{error:?}")
    };
    let located: Vec<String> = problems.iter().map(|p| p.at.to_string()).collect();
    assert_eq!(
        located,
        [
            "a.json#/properties/tuple/prefixItems",
            "a.json#/x-cargo-feature",
            "b.json#/properties/kept/$ref",
            "b.json#/properties/negated/not",
            "c.json#/$defs/Shared/properties/conditional/if",
            "d.json#/x-event-type",
        ]
    );
    assert_eq!(
        problems[3].message,
        "`not` is not supported: it constrains values in a way the generated types cannot keep"
    );
    assert_eq!(
        problems[3].hint.as_deref(),
        Some("remove it or restate it with `oneOf`/`enum`")
    );
    assert_eq!(problems[1].hint, None);
    assert_eq!(
        error.to_string(),
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        "one problem per line"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/edge_cases");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("every_problem", error.to_string()));
}

/// The permutations of `permuted_inputs_give_identical_output`: files reversed, rotated, and
/// reversed with every definition list reversed.
fn permutations(documents: &[(String, Value)]) -> Vec<(&'static str, Vec<(String, Value)>)> {
    let mut reversed = documents.to_vec();
    reversed.reverse();
    let mut rotated = documents.to_vec();
    rotated.rotate_left(documents.len() / 2);
    let mut redefined = reversed.clone();
    redefined
        .iter_mut()
        .for_each(|(_, doc)| reverse_definitions(doc));
    vec![
        ("reversed", reversed),
        ("rotated", rotated),
        ("definitions reversed", redefined),
    ]
}

/// Every schema of a directory as (relative path, document), in path order.
fn documents_below(root: &std::path::Path) -> Vec<(String, Value)> {
    let set = eventgen::load::SchemaSet::load(root).unwrap();
    set.files.into_iter().collect()
}

/// `$defs` and `definitions` members in reverse order, everywhere in a document.
fn reverse_definitions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for key in ["$defs", "definitions"] {
                if let Some(Value::Object(defs)) = map.get_mut(key) {
                    let reversed: serde_json::Map<String, Value> =
                        std::mem::take(defs).into_iter().rev().collect();
                    *defs = reversed;
                }
            }
            map.values_mut().for_each(reverse_definitions);
        }
        Value::Array(items) => items.iter_mut().for_each(reverse_definitions),
        _ => {}
    }
}

/// Output does not depend on the order schemas are visited in: the edge cases and the ACS
/// schemas, generated from their files in path order, reversed, rotated, and with every
/// definition list reversed, give byte-identical files; a set with problems gives the same
/// problems in the same order.
#[test]
fn permuted_inputs_give_identical_output() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for root in [
        manifest.join("edge-cases/schemas"),
        manifest.join("../schemas"),
    ] {
        let documents = documents_below(&root);
        let expected = eventgen::render_documents(documents.clone()).unwrap();
        for (label, permuted) in permutations(&documents) {
            let actual = eventgen::render_documents(permuted).unwrap();
            assert_eq!(
                actual.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>(),
                "{label}: {}",
                root.display()
            );
            for (file, contents) in &expected {
                assert!(
                    actual[file] == *contents,
                    "{label}: {file} differs for {}",
                    root.display()
                );
            }
        }
    }
    let broken = broken_set();
    let expected = eventgen::render_documents(broken.clone())
        .unwrap_err()
        .to_string();
    assert_eq!(expected.lines().count(), 6, "{expected}");
    for (label, permuted) in permutations(&broken) {
        let actual = eventgen::render_documents(permuted)
            .unwrap_err()
            .to_string();
        assert_eq!(actual, expected, "{label}");
    }
}

/// Each error's hint, followed literally, gives a schema set that generates.
#[test]
fn every_hint_works_when_followed() {
    let cases: Vec<(&str, Vec<(&str, Value)>)> = vec![
        // "give one of them another `x-rust-name`"
        (
            "explicit_name_clash",
            vec![
                (
                    "x.json",
                    event(
                        "XEventData",
                        "T.X",
                        json!({"properties": {"a": {"x-rust-name": "Thing", "type": "object", "properties": {"p": {"type": "string"}}}}}),
                    ),
                ),
                (
                    "y.json",
                    event(
                        "YEventData",
                        "T.Y",
                        json!({"properties": {"b": {"x-rust-name": "OtherThing", "type": "object", "properties": {"q": {"type": "string"}}}}}),
                    ),
                ),
            ],
        ),
        // "choose another `x-rust-name`"
        (
            "explicit_field_name_clash",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {
            "a": {"type": "string", "x-rust-name": "same"}, "b": {"type": "string", "x-rust-name": "other"}}}),
                ),
            )],
        ),
        // "set `x-variant-name` on one of them"
        (
            "explicit_variant_clash",
            vec![
                (
                    "x.json",
                    json!({"title": "XEventData", "x-event-type": "T.X", "x-variant-name": "Same", "type": "object"}),
                ),
                (
                    "y.json",
                    json!({"title": "YEventData", "x-event-type": "T.Y", "x-variant-name": "Different", "type": "object"}),
                ),
            ],
        ),
        // "narrow it to an `enum`"
        (
            "all_of_contradiction",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({
            "allOf": [{"$ref": "#/$defs/Base"}, {"properties": {"a": {"enum": ["x", "y"]}}}],
            "$defs": {"Base": {"type": "object", "properties": {"a": {"type": "string"}}}}}),
                ),
            )],
        ),
        // "split it into a `oneOf` with one `enum` per JSON type"
        (
            "mixed_enum",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"oneOf": [{"enum": [1]}, {"enum": [true]}]}}}),
                ),
            )],
        ),
        // "map it in `x-enum-integer-values`"
        (
            "mixed_string_enum",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {
            "type": ["string", "integer"], "enum": ["a", 1], "x-enum-integer-values": {"1": "a"}}}}),
                ),
            )],
        ),
        // "put that schema (with its `$id`) below the schema root"
        (
            "remote_reference",
            vec![
                (
                    "x.json",
                    event(
                        "XEventData",
                        "T.X",
                        json!({"properties": {"a": {"$ref": "https://example.com/s.json#/$defs/A"}}}),
                    ),
                ),
                (
                    "vendored/s.json",
                    json!({"$id": "https://example.com/s.json", "$defs": {"A": {"type": "string"}}}),
                ),
            ],
        ),
        // "point the `$ref` at a schema of the set (a typo, or a definition still to add)"
        (
            "bad_pointer",
            vec![(
                "x.json",
                json!({"title": "XEventData", "x-event-type": "T.X", "type": "object",
                    "properties": {"a": {"$ref": "#/$defs/Missing"}},
                    "$defs": {"Missing": {"type": "string"}}}),
            )],
        ),
        // "keep one of the two, or give the other its own `x-event-type`"
        (
            "duplicate_event_type",
            vec![
                ("x.json", event("XEventData", "T.Same", json!({}))),
                ("y.json", event("YEventData", "T.Other", json!({}))),
            ],
        ),
        // "describe the items with one schema (`oneOf` for several shapes)"
        (
            "tuple_items",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}}),
                ),
            )],
        ),
        // "add `minItems` and `maxItems` so that it holds exactly its items"
        (
            "tuple_items_of_exact_length",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "array", "items": [{"type": "string"}], "minItems": 1, "maxItems": 1}}}),
                ),
            )],
        ),
        // "restate it with `oneOf`/`enum`"
        (
            "unsupported_keyword",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "enum": ["a", "c"]}}}),
                ),
            )],
        ),
        // "Remove `x-boxed` here"
        (
            "boxed_string",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string"}}}),
                ),
            )],
        ),
        // "remove the keyword"
        (
            "enum_closed_keyword",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "enum": ["a"]}}}),
                ),
            )],
        ),
        // "write it open"
        (
            "closed_enum_ignoring_case",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"anyOf": [{"enum": ["a"]}, {"type": "string"}], "x-enum-case-insensitive": true}}}),
                ),
            )],
        ),
        // "write the open enum with `anyOf`"
        (
            "open_enum_under_one_of",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"anyOf": [{"enum": ["a"]}, {"type": "string"}]}}}),
                ),
            )],
        ),
        // "put ... the `x-enum-…` keywords beside `anyOf`"
        (
            "open_enum_keywords_inside",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"anyOf": [{"enum": ["a"]}, {"type": "string"}], "x-enum-case-insensitive": true}}}),
                ),
            )],
        ),
        // "must admit \"string\""
        (
            "open_enum_not_a_string",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string", "anyOf": [{"enum": ["a"]}, {"type": "string"}]}}}),
                ),
            )],
        ),
        // "declare it under `properties`"
        (
            "required_key_of_a_closed_object_without_property",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string"}, "b": {}}, "required": ["a", "b"], "additionalProperties": false}),
                ),
            )],
        ),
        // "state the shapes as one `oneOf` of complete objects"
        (
            "choices_multiply_too_far",
            vec![(
                "x.json",
                json!({"title": "XEventData", "x-event-type": "T.X", "type": "object", "oneOf": [
                    {"properties": {"a": {"type": "string"}, "e": {"type": "string"}}, "required": ["a", "e"]},
                    {"properties": {"b": {"type": "string"}, "f": {"type": "string"}}, "required": ["b", "f"]}
                ]}),
            )],
        ),
        // "remove the options that are not objects"
        (
            "no_option_is_an_object",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "string"}}, "oneOf": [{"properties": {"b": {"type": "integer"}}}]}),
                ),
            )],
        ),
        // "make them agree"
        (
            "all_of_members_contradict_the_type",
            vec![(
                "x.json",
                event(
                    "XEventData",
                    "T.X",
                    json!({"properties": {"a": {"type": "integer", "allOf": [{"type": "integer"}]}}}),
                ),
            )],
        ),
    ];
    for (name, documents) in cases {
        if let Err(error) = eventgen::render_documents(documents) {
            panic!("{name}: following the hint still fails: {error}");
        }
    }
}

//! Findings of the `generate` fuzz target (fuzz/fuzz_targets/generate.rs), each kept as a test:
//! whatever the schemas say, every generated file parses as Rust.

use serde_json::json;

fn assert_every_file_parses(documents: Vec<(&str, serde_json::Value)>) {
    let files = eventgen::render_documents(documents).expect("the schema generates");
    for (name, text) in files {
        if let Err(error) = syn::parse_file(&text) {
            panic!("generated {name} does not parse: {error}\n{text}");
        }
    }
}

/// A property key with a carriage return (`"fooB\r"`) went verbatim into doc comments
/// (`/// The `fooB\r` property.`), where Rust refuses a bare CR: no generated file lexed. Doc
/// text now escapes control characters, wherever it comes from.
#[test]
fn control_characters_in_schema_text_stay_out_of_doc_comments() {
    assert_every_file_parses(vec![(
        "reaction.json",
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "ReactionEventData",
            "x-event-type": "Test.Reactions.Created\r",
            "type": "object",
            "description": "A description\rwith a bare CR and a \u{7}bell.",
            "properties": {
                "fooB\r": { "type": "string" },
                "count\r": { "type": "integer", "default": 3 },
                "kind": { "anyOf": [{ "enum": ["a\rb"] }, { "type": "string" }] }
            }
        }),
    )]);
}

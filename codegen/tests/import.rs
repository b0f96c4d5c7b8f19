//! `eventgen import` on the vendored Event Grid system-events specification and its overlay
//! (`system-events/spec/`): the committed `system-events/schemas/` is what it writes, a second
//! process writes the same bytes from the mapping in another order, and what it writes
//! generates.

use std::path::Path;
use std::process::Command;

#[path = "support/paths.rs"]
mod paths;
use paths::workspace;

fn spec_dir() -> std::path::PathBuf {
    workspace().join("system-events/spec")
}

fn run_import(spec: &Path, mapping: &Path, out: &Path, check: bool) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eventgen"));
    command
        .arg("import")
        .arg("--spec")
        .arg(spec)
        .arg("--event-types")
        .arg(mapping)
        .arg("--overlay")
        .arg(spec_dir().join("overlay.json"))
        .arg("--out")
        .arg(out);
    if check {
        command.arg("--check");
    }
    command.output().unwrap()
}

#[test]
fn the_committed_schemas_are_what_the_import_writes() {
    let output = run_import(
        &spec_dir().join("GeneratedSystemEvents.json"),
        &spec_dir().join("event-types.json"),
        &workspace().join("system-events/schemas"),
        true,
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("system-events/schemas: up to date with "),
        "{stdout}"
    );
    assert_eq!(stdout.matches("not imported: ").count(), 34, "{stdout}");
}

/// Another process, the mapping's entries reversed, into an empty directory: the same files,
/// byte for byte.
#[test]
fn importing_again_from_a_reordered_mapping_writes_the_same_bytes() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-again");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let mapping: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(spec_dir().join("event-types.json")).unwrap(),
    )
    .unwrap();
    let reversed: Vec<_> = mapping.into_iter().rev().collect();
    let reversed_path = scratch.join("event-types.json");
    std::fs::write(&reversed_path, serde_json::to_string(&reversed).unwrap()).unwrap();
    let out = scratch.join("schemas");
    let output = run_import(
        &spec_dir().join("GeneratedSystemEvents.json"),
        &reversed_path,
        &out,
        false,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = files(&workspace().join("system-events/schemas"));
    let again = files(&out);
    assert_eq!(committed.len(), 170);
    assert_eq!(committed, again);
    std::fs::remove_dir_all(&scratch).unwrap();
}

/// Every imported event type becomes an `EventKind` variant.
#[test]
fn the_imported_schemas_generate_a_variant_per_event_type() {
    let files = eventgen::Config::new()
        .schemas(workspace().join("system-events/schemas"))
        .render()
        .unwrap();
    let events = &files["events.rs"];
    assert_eq!(
        events.matches("#[eventgen(\n        event_type = ").count()
            + events.matches("#[eventgen(event_type = ").count(),
        155,
        "{events}"
    );
    assert!(
        events.contains("event_type = \"Microsoft.Storage.BlobCreated\""),
        "{events}"
    );
    assert!(files.contains_key("storage.rs"));
}

/// The crate's settings: its schemas, the ACS schemas its manifest mounts, its extern paths.
fn system_events_config() -> eventgen::Config {
    let dir = workspace().join("system-events");
    let mut config = eventgen::Config::new();
    config
        .schemas(dir.join("schemas"))
        .package_metadata(dir.join("Cargo.toml"))
        .out_dir(dir.join("generated"));
    config
}

/// `azure-system-events`' committed `generated/` is what its schemas and manifest generate
/// (`cd system-events && eventgen generate` rewrites it).
#[test]
fn the_system_events_crate_is_up_to_date_with_its_schemas() {
    if let Err(error) = system_events_config().check() {
        panic!("{error}\nhint: cd system-events && cargo run -p eventgen -- generate");
    }
}

/// The crate dispatches every imported event type and every mounted ACS one, and takes the
/// ACS types from acs-events instead of declaring them.
#[test]
fn the_system_events_crate_has_every_event_type_and_declares_no_acs_type() {
    let files = system_events_config().render().unwrap();
    let events = &files["events.rs"];
    let event_types = events.matches("event_type = \"").count();
    let acs_events = events
        .matches("event_type = \"Microsoft.Communication.")
        .count();
    assert_eq!((event_types, acs_events), (155 + 56, 56), "{events}");
    let acs = &files["acs.rs"];
    assert!(
        !acs.contains("pub struct") && !acs.contains("pub enum"),
        "{acs}"
    );
    assert!(
        acs.contains("pub use ::acs_events::models::AcsSmsReceivedEventData;"),
        "{acs}"
    );
}

/// Relative path → contents of every file below `dir`, the hand-copied `fixtures/` left out.
fn files(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("fixtures") {
                    pending.push(path);
                }
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

/// Each kind of difference, on schemas and a document made for it: a member and an enum value
/// only one side has, another spelling the schemas declare, a value in another case where the
/// schemas ignore case, and an event the document describes that the schemas lack.
#[test]
fn drift_lists_each_member_value_and_event_only_one_side_has() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("drift-case");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("schemas/test")).unwrap();
    std::fs::write(
        scratch.join("schemas/test/test.json"),
        r#"{
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "AcsTestEventData",
          "x-event-type": "Microsoft.Communication.Test",
          "type": "object",
          "properties": {
            "name": {"type": "string", "x-aliases": ["Name"]},
            "onlyOurs": {"type": "string"},
            "state": {"anyOf": [{"enum": ["On"]}, {"type": "string"}], "x-enum-case-insensitive": true},
            "mode": {"enum": ["fast"]}
          }
        }"#,
    )
    .unwrap();
    let spec = r#"{"swagger": "2.0", "definitions": {
        "AcsTestEventData": {"type": "object", "properties": {
            "Name": {"type": "string"},
            "onlyTheirs": {"type": "integer"},
            "state": {"type": "string", "enum": ["on", "off"]},
            "mode": {"type": "string", "enum": ["Fast"]}
        }},
        "AcsOtherEventData": {"type": "object", "description": "Schema of the Data property of an EventGridEvent for a Microsoft.Communication.Other event."}
    }}"#;
    let differences = eventgen::import::drift(
        eventgen::import::Input::new("spec.json", spec),
        &scratch.join("schemas"),
        "Microsoft.Communication.",
    )
    .unwrap();
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Microsoft.Communication.Other: only in the specification (model AcsOtherEventData)",
            "Microsoft.Communication.Test: only in the specification: /mode = Fast",
            "Microsoft.Communication.Test: only in the specification: /onlyTheirs",
            "Microsoft.Communication.Test: only in the specification: /state = off",
            "Microsoft.Communication.Test: only in the schemas: /mode = fast",
            "Microsoft.Communication.Test: only in the schemas: /onlyOurs",
        ]
    );
    std::fs::remove_dir_all(&scratch).unwrap();
}

/// The ACS schemas against the vendored specification, as reviewed: the report a spec update
/// changes. `eventgen drift --spec system-events/spec/GeneratedSystemEvents.json` prints it.
#[test]
fn the_acs_schemas_drift_from_the_vendored_spec_as_reviewed() {
    let spec = std::fs::read_to_string(spec_dir().join("GeneratedSystemEvents.json")).unwrap();
    let differences = eventgen::import::drift(
        eventgen::import::Input::new("GeneratedSystemEvents.json", &spec),
        &workspace().join("schemas"),
        "Microsoft.Communication.",
    )
    .unwrap();
    let report: String = differences.iter().map(|d| format!("{d}\n")).collect();
    insta::assert_snapshot!("acs_drift", report);
}

/// Every example payload of the specification (`system-events/schemas/fixtures/`, copied as
/// they are) validates against the imported schemas: the overlay's quirks are what make some of
/// them valid (numbers sent as strings, `null`s), so removing one fails here.
#[test]
fn every_example_of_the_specification_validates_against_the_imported_schemas() {
    let schemas = workspace().join("system-events/schemas");
    let set = system_events_config().load_schemas().unwrap();
    // The documentation's samples (`docs--*`) use the overlay's aliases, which a JSON Schema
    // validator does not read; the generated fixture tests check those value by value.
    let fixtures: Vec<_> = eventgen::fixtures::load_fixtures(&schemas.join("fixtures"))
        .unwrap()
        .into_iter()
        .filter(|fixture| {
            !fixture
                .path
                .rsplit('/')
                .next()
                .unwrap()
                .starts_with("docs--")
        })
        .collect();
    assert_eq!(fixtures.len(), 53);
    let mut failures = Vec::new();
    let mut read_by_alias = Vec::new();
    for fixture in &fixtures {
        let verdicts =
            eventgen::validate::validate_delivery(&set, fixture.text.as_bytes()).unwrap();
        for (verdict, event) in verdicts.iter().zip(&fixture.events) {
            if !verdict.warnings.is_empty() {
                failures.push(format!("{}: {verdict:?}", fixture.path));
            }
            let eventgen::validate::Outcome::Violations(violations) = &verdict.outcome else {
                continue;
            };
            for (pointer, message) in violations {
                let event_type = verdict.event_type.as_deref().unwrap_or_default();
                match aliased_member(&set, event_type, pointer, message, &event["data"]) {
                    Some(alias) => read_by_alias.push(format!("{}: {alias}", fixture.path)),
                    None => failures.push(format!("{}: {pointer}: {message}", fixture.path)),
                }
            }
        }
    }
    assert_eq!(failures, Vec::<String>::new());
    // A JSON Schema validator does not read `x-aliases`: the one example that spells members
    // otherwise, which the typed parse reads (its generated fixture test checks the values).
    assert_eq!(
        read_by_alias,
        [
            "machine-learning-services/model_registered.json: modelName as ModelName",
            "machine-learning-services/model_registered.json: modelVersion as ModelVersion",
        ]
    );
}

/// For a "`m` is a required property" violation of an event's `data`: the member `m` of its
/// schema sent under one of its declared `x-aliases`, as "m as Alias".
fn aliased_member(
    set: &eventgen::load::SchemaSet,
    event_type: &str,
    pointer: &str,
    message: &str,
    data: &serde_json::Value,
) -> Option<String> {
    let member = message
        .strip_prefix('"')?
        .strip_suffix("\" is a required property")?;
    if pointer != "/data" {
        return None;
    }
    let schema = set
        .documents()
        .map(|(_, document)| document)
        .find(|document| document["x-event-type"] == event_type)?;
    let aliases = schema["properties"][member]["x-aliases"].as_array()?;
    let alias = aliases
        .iter()
        .filter_map(serde_json::Value::as_str)
        .find(|alias| data.get(*alias).is_some())?;
    Some(format!("{member} as {alias}"))
}

//! `eventgen import`: JSON Schema files, one per event type, from an OpenAPI document's
//! definitions (2.0 `definitions`, or 3.x `components.schemas`) and a mapping from event type
//! to model (`mapping.rs`). `layout.rs` says where each definition is written, `convert.rs`
//! translates each schema. The output is a schema directory `eventgen generate` reads; importing
//! the same input again writes the same bytes.
//!
//! Each written file says it is imported (a `$comment`), so that a later import removes only
//! files it wrote and `--check` names the ones that differ. `drift.rs` compares hand-curated
//! schemas with a specification, member by member.

mod convert;
mod drift;
mod layout;
mod mapping;
mod overlay;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::error::{Error, Location, Problem, Result};
pub use drift::{drift, Difference, Disagreement};
pub use mapping::EventType;

/// The start of the `$comment` every imported file carries.
pub const IMPORTED_MARKER: &str = "Imported by `eventgen import`";

/// What an import produced.
#[derive(Debug)]
pub struct Import {
    /// File (relative, `/`-separated) → contents.
    pub files: BTreeMap<String, String>,
    /// Mapped event types whose model the document does not define: not written.
    pub missing_models: Vec<EventType>,
    /// Definitions no mapped event type reaches: not written.
    pub unreached: Vec<String>,
}

/// An input text of the import: a file's name (for problems) and its contents.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The name problems give for it.
    pub name: &'a str,
    /// Its contents.
    pub text: &'a str,
}

impl<'a> Input<'a> {
    /// The text `text` of the file `name`.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Input { name, text }
    }
}

/// Import `spec` (an OpenAPI document) following `mapping`, then apply `overlay`'s declared
/// quirks (`overlay.rs`), if one is given.
pub fn import(spec: Input<'_>, mapping: Input<'_>, overlay: Option<Input<'_>>) -> Result<Import> {
    let (spec_name, spec_text) = (spec.name, spec.text);
    let event_types = mapping::read(mapping.name, mapping.text).map_err(Error::Schemas)?;
    let quirks = match overlay {
        Some(Input { name, text }) => {
            Some((name, overlay::read(name, text).map_err(Error::Schemas)?))
        }
        None => None,
    };
    let document: Value = serde_json::from_str(spec_text).map_err(|e| {
        Error::Schemas(vec![Problem::new(
            Location::new(spec_name, ""),
            &format!("not JSON: {e}"),
        )])
    })?;
    let (pointer, definitions) = definitions(&document).ok_or_else(|| {
        Error::Schemas(vec![Problem::new(
            Location::new(spec_name, ""),
            "has no `definitions` (OpenAPI 2.0) or `components.schemas` (OpenAPI 3.x); import an OpenAPI document",
        )])
    })?;
    let layout = layout::Layout::new(definitions, &event_types)
        .map_err(|message| Error::Config(format!("import: {message}")))?;
    let mut problems = Vec::new();
    if let Some((name, quirks)) = &quirks {
        for model in quirks.keys().filter(|m| !layout.places.contains_key(*m)) {
            problems.push(Problem::new(
                Location::new(*name, "").join(model),
                &format!("`{model}` is not written by this import; remove the entry, or map an event type to it"),
            ));
        }
    }
    let mut documents: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (name, place) in &layout.places {
        let at = Location::new(spec_name, format!("{pointer}/{name}"));
        let converter = convert::Converter {
            layout: &layout,
            here: &place.file,
        };
        let mut schema = match converter.convert(&definitions[name], &at, &mut problems) {
            Value::Object(object) => object,
            _ => Map::new(),
        };
        if place.pointer.is_empty() {
            // Each service is a cargo feature of the crate made from the import, named as its
            // directory; the overlay may remove it (`"x-cargo-feature": null`) or rename it.
            let service = &layout.events[&place.file].service;
            schema.insert(
                "x-cargo-feature".into(),
                Value::String(layout::service_dir(service)),
            );
            // The variant is the model's name, which carries its service (`StorageBlobCreated`):
            // event types' last segments repeat across services (`…Deleted`, `…Opened`).
            let variant = name
                .strip_suffix("EventData")
                .filter(|v| !v.is_empty())
                .unwrap_or(name);
            schema.insert("x-variant-name".into(), Value::String(variant.to_string()));
        }
        if let Some((overlay_name, quirks)) = &quirks {
            if let Some(entry) = quirks.get(name) {
                if let Some(quirk) = overlay::quirk(overlay_name, name, entry, &mut problems) {
                    quirk.apply(&mut schema, &mut problems);
                }
            }
        }
        schema.shift_insert(0, "title".into(), Value::String(name.clone()));
        let document = documents.entry(place.file.clone()).or_insert_with(|| {
            // The file's name only: the same bytes wherever the import runs from.
            let source = Path::new(spec_name).file_name().map_or(spec_name.into(), |n| n.to_string_lossy());
            let comment = format!(
                "{IMPORTED_MARKER} from {source}; do not edit: change the specification, the mapping or the overlay, and import again."
            );
            let mut document = Map::new();
            document.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
            document.insert("$comment".into(), Value::String(comment));
            document
        });
        match place.pointer.is_empty() {
            true => {
                let event = &layout.events[&place.file];
                document.insert(
                    "x-event-type".into(),
                    Value::String(event.event_type.clone()),
                );
                document.extend(schema);
            }
            false => {
                let defs = document
                    .entry("$defs")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(defs) = defs {
                    defs.insert(name.clone(), Value::Object(schema));
                }
            }
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::Schemas(problems));
    }
    let files = documents
        .into_iter()
        .map(|(file, document)| {
            let text =
                serde_json::to_string_pretty(&Value::Object(document)).expect("JSON values print");
            (file, format!("{text}\n"))
        })
        .collect();
    let missing_models = event_types
        .iter()
        .filter(|e| !definitions.contains_key(&e.model))
        .cloned()
        .collect();
    let unreached = definitions
        .keys()
        .filter(|name| !layout.places.contains_key(*name))
        .cloned()
        .collect();
    Ok(Import {
        files,
        missing_models,
        unreached,
    })
}

/// The document's definitions and the JSON pointer they sit at.
fn definitions(document: &Value) -> Option<(&'static str, &Map<String, Value>)> {
    if let Some(definitions) = document.get("definitions").and_then(Value::as_object) {
        return Some(("/definitions", definitions));
    }
    document
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object)
        .map(|schemas| ("/components/schemas", schemas))
}

/// Writes the imported files under `dir` when their contents changed, and removes imported
/// files the import no longer produces. Returns the files written or removed.
pub fn write(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>> {
    crate::output::write_files(dir, files, imported_files(dir)?)
}

/// The imported files under `dir` that differ from `files`, are missing, or are no longer
/// produced, sorted.
pub fn stale(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>> {
    let mut stale = crate::output::stale_files(dir, files, imported_files(dir)?);
    stale.sort();
    Ok(stale)
}

/// `.json` files below `dir` whose `$comment` says they were imported, relative and sorted.
fn imported_files(dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: current.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                && fs::read_to_string(&path)
                    .is_ok_and(|t| t.contains(&format!("\"$comment\": \"{IMPORTED_MARKER}")))
            {
                let relative = path.strip_prefix(dir).expect("below dir");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"{
        "swagger": "2.0",
        "definitions": {
            "StorageBlobCreatedEventData": {
                "type": "object",
                "description": "Schema of the Data property of an EventGridEvent for a Microsoft.Storage.BlobCreated event.",
                "properties": {
                    "url": {"type": "string"},
                    "accessTier": {"$ref": "#/definitions/StorageBlobAccessTier"}
                },
                "required": ["url"]
            },
            "StorageBlobAccessTier": {
                "type": "string",
                "enum": ["Hot", "Cool"],
                "x-ms-enum": {"name": "StorageBlobAccessTier", "modelAsString": true}
            },
            "AcsThing": {"type": "object"}
        }
    }"##;

    const MAPPING: &str = r#"[
        {"eventType": "Microsoft.Storage.BlobCreated", "model": "StorageBlobCreatedEventData", "service": "Microsoft.Storage"},
        {"eventType": "Microsoft.Media.JobFinished", "model": "MediaJobFinishedEventData", "service": "Microsoft.Media"}
    ]"#;

    #[test]
    fn an_event_gets_a_file_its_shared_models_another_and_what_is_left_is_reported() {
        let import = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", MAPPING),
            None,
        )
        .unwrap();
        assert_eq!(
            import.files.keys().collect::<Vec<_>>(),
            ["storage/blob-created.json", "storage/definitions.json"]
        );
        let event: Value =
            serde_json::from_str(&import.files["storage/blob-created.json"]).unwrap();
        assert_eq!(event["x-event-type"], "Microsoft.Storage.BlobCreated");
        assert_eq!(event["title"], "StorageBlobCreatedEventData");
        assert_eq!(
            event["properties"]["accessTier"]["$ref"],
            "definitions.json#/$defs/StorageBlobAccessTier"
        );
        let shared: Value =
            serde_json::from_str(&import.files["storage/definitions.json"]).unwrap();
        assert_eq!(
            shared["$defs"]["StorageBlobAccessTier"]["anyOf"],
            json!([{"enum": ["Hot", "Cool"]}, {"type": "string"}])
        );
        assert_eq!(
            import
                .missing_models
                .iter()
                .map(|e| e.model.as_str())
                .collect::<Vec<_>>(),
            ["MediaJobFinishedEventData"]
        );
        assert_eq!(import.unreached, ["AcsThing"]);
    }

    #[test]
    fn the_same_input_imports_to_the_same_bytes_whatever_the_mapping_order() {
        let first = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", MAPPING),
            None,
        )
        .unwrap();
        let entries: Vec<Value> = serde_json::from_str(MAPPING).unwrap();
        let reversed: Vec<Value> = entries.into_iter().rev().collect();
        let reversed = serde_json::to_string(&reversed).unwrap();
        let second = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", &reversed),
            None,
        )
        .unwrap();
        assert_eq!(first.files, second.files);
    }

    #[test]
    fn the_overlay_is_applied_after_the_import_and_names_nothing_unwritten() {
        let overlay = r#"{"StorageBlobCreatedEventData": {"why": "The service omits it.", "optional": ["url"],
            "patch": {"properties": {"url": {"x-aliases": ["URL"]}}}}}"#;
        let imported = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", MAPPING),
            Some(Input::new("overlay.json", overlay)),
        )
        .unwrap();
        let event: Value =
            serde_json::from_str(&imported.files["storage/blob-created.json"]).unwrap();
        assert_eq!(event.get("required"), None);
        assert_eq!(event["properties"]["url"]["x-aliases"], json!(["URL"]));
        let error = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", MAPPING),
            Some(Input::new("overlay.json", r#"{"AcsThing": {"why": "w"}}"#)),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "overlay.json#/AcsThing: `AcsThing` is not written by this import; hint: remove the entry, or map an event type to it"
        );
    }

    #[test]
    fn a_document_without_definitions_is_an_error_that_says_so() {
        let error = import(
            Input::new("spec.json", r#"{"openapi": "3.0.0"}"#),
            Input::new("map.json", "[]"),
            None,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "spec.json#: has no `definitions` (OpenAPI 2.0) or `components.schemas` (OpenAPI 3.x); hint: import an OpenAPI document"
        );
    }

    #[test]
    fn writing_removes_only_imported_files_and_check_names_what_differs() {
        let dir = std::env::temp_dir().join(format!("eventgen-import-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let import = import(
            Input::new("spec.json", SPEC),
            Input::new("map.json", MAPPING),
            None,
        )
        .unwrap();
        fs::create_dir_all(dir.join("storage")).unwrap();
        fs::write(dir.join("storage/hand-written.json"), "{}\n").unwrap();
        fs::write(
            dir.join("storage/old.json"),
            format!("{{\"$comment\": \"{IMPORTED_MARKER} from an older spec\"}}\n"),
        )
        .unwrap();
        assert_eq!(
            stale(&dir, &import.files).unwrap(),
            [
                "storage/blob-created.json",
                "storage/definitions.json",
                "storage/old.json"
            ]
        );
        let written = write(&dir, &import.files).unwrap();
        assert_eq!(
            written,
            [
                "storage/blob-created.json",
                "storage/definitions.json",
                "storage/old.json"
            ]
        );
        assert!(dir.join("storage/hand-written.json").exists());
        assert!(!dir.join("storage/old.json").exists());
        assert_eq!(stale(&dir, &import.files).unwrap(), Vec::<String>::new());
        assert_eq!(write(&dir, &import.files).unwrap(), Vec::<String>::new());
        fs::remove_dir_all(&dir).unwrap();
    }
}

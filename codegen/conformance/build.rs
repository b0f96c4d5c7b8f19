//! Generates every group of the vendored JSON Schema Test Suite (`suite/`) whose schema the
//! generator accepts, each as its own event set (a group's schema is the payload of one event
//! type), into OUT_DIR; and lists the groups it refuses, with the generator's message.
//! `src/lib.rs` compiles the generated sets, `tests/suite.rs` runs the suite's instances.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

fn main() {
    println!("cargo:rerun-if-changed=suite");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut modules = String::new();
    let mut generated = String::new();
    let mut refused = String::new();
    for (draft, file, groups) in suite() {
        for (index, group) in groups.iter().enumerate() {
            let module = format!("g_{}_{}_{index}", ident(&draft), ident(&file)).to_lowercase();
            let mut schema = group["schema"].clone();
            // The suite's draft-07 schemas do not say their dialect; the generator reads it from
            // `$schema` (keywords beside `$ref` are ignored before 2019-09).
            if let (Value::Object(object), "draft7") = (&mut schema, draft.as_str()) {
                object
                    .entry("$schema")
                    .or_insert_with(|| Value::from("http://json-schema.org/draft-07/schema#"));
            }
            match render(schema) {
                Ok(files) => {
                    let dir = Path::new(&out_dir).join(&module);
                    std::fs::create_dir_all(&dir).unwrap();
                    for (name, text) in files {
                        std::fs::write(dir.join(name), text).unwrap();
                    }
                    writeln!(
                        modules,
                        "#[allow(clippy::all, dead_code, unused, non_camel_case_types, missing_docs)]\npub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{module}/mod.rs\")); }}"
                    )
                    .unwrap();
                    writeln!(
                        generated,
                        "    Generated {{ draft: {draft:?}, file: {file:?}, group: {index}, parse: round_trip!({module}) }},"
                    )
                    .unwrap();
                }
                Err(message) => writeln!(
                    refused,
                    "    Refused {{ draft: {draft:?}, file: {file:?}, group: {index}, message: {message:?} }},"
                )
                .unwrap(),
            }
        }
    }
    let table = format!(
        "{modules}\n/// Every group that generates, in suite order.\npub static GENERATED: &[Generated] = &[\n{generated}];\n\n/// Every group the generator refuses, with its message.\npub static REFUSED: &[Refused] = &[\n{refused}];\n"
    );
    std::fs::write(Path::new(&out_dir).join("groups.rs"), table).unwrap();
}

/// (draft, file stem, groups) for every file of `suite/<draft>/`, in name order.
fn suite() -> Vec<(String, String, Vec<Value>)> {
    let mut files = Vec::new();
    for draft in ["draft2020-12", "draft7"] {
        let dir = Path::new("suite").join(draft);
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            let groups: Vec<Value> = serde_json::from_str(&text).unwrap();
            files.push((
                draft.to_string(),
                name.trim_end_matches(".json").to_string(),
                groups,
            ));
        }
    }
    files
}

/// The group's schema as the payload of one event type, generated; the generator's message
/// when it refuses it.
fn render(schema: Value) -> Result<Vec<(String, String)>, String> {
    let document = match schema {
        Value::Object(mut object) => {
            object.insert("x-event-type".into(), Value::from("Suite.Group"));
            Value::Object(object)
        }
        // `true` admits anything: the same as `{}`. `false` admits nothing.
        Value::Bool(true) => serde_json::json!({ "x-event-type": "Suite.Group" }),
        _ => return Err("a `false` schema admits no value: there is nothing to generate".into()),
    };
    let files = eventgen::render_documents(vec![("group.json", document)])
        .map_err(|error| error.to_string())?;
    Ok(files.into_iter().collect())
}

fn ident(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

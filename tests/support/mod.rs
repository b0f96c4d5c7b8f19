//! Helpers shared by the integration tests.

#![allow(dead_code)]

use serde_json::Value;

/// Compare the re-serialized typed data with the input data, as JSON values, under the
/// normalizations the crate documents and nothing else:
/// - a key may differ from the input key in ASCII case only (aliases such as `MessageId` →
///   `messageId`, `deliveryAttemptTimeStamp` → `deliveryAttemptTimestamp`);
/// - two strings that are both RFC 3339 timestamps compare as instants;
/// - an integer sent as a JSON string equals the number.
///
/// Every input key must be present in the output, and the output may not add keys.
pub fn assert_wire_equivalent(input: &Value, output: &Value, path: &str) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let matched = b.get(key).map(|v| (key.as_str(), v)).or_else(|| {
                    b.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(k, v)| (k.as_str(), v))
                });
                match matched {
                    Some((_, v)) => assert_wire_equivalent(value, v, &format!("{path}.{key}")),
                    None => panic!("{path}.{key} was lost: input {value}, output keys {:?}", b.keys().collect::<Vec<_>>()),
                }
            }
            for key in b.keys() {
                assert!(
                    a.keys().any(|k| k.eq_ignore_ascii_case(key)),
                    "{path}.{key} was added by serialization: {}",
                    b[key]
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: array length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_wire_equivalent(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            let instant = |s: &str| time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok();
            match (instant(a), instant(b)) {
                (Some(x), Some(y)) => assert_eq!(x, y, "{path}: timestamps {a} and {b} differ as instants"),
                _ => panic!("{path}: {a:?} became {b:?}"),
            }
        }
        (Value::String(a), Value::Number(b)) => {
            assert_eq!(a.parse::<i64>().ok(), b.as_i64(), "{path}: string integer {a:?} became {b}");
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

/// The `data` of event `index` of a fixture body, as a JSON value, read independently of the
/// crate's parser.
pub fn input_data(body: &[u8], index: usize) -> Value {
    let delivery: Value = serde_json::from_slice(body).expect("fixture is JSON");
    let event = match delivery {
        Value::Array(mut events) => events.swap_remove(index),
        object => object,
    };
    event.get("data").cloned().unwrap_or(Value::Null)
}

/// Every `*.json` file below `dir`, sorted.
pub fn json_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
}

/// `schemas/` of this package.
pub fn schemas_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

/// The fixture deliveries, sorted by path.
pub fn fixture_files() -> Vec<std::path::PathBuf> {
    json_files(&schemas_dir().join("fixtures"))
}

/// Every fixture event: (fixture path relative to `schemas/`, index in its delivery, event).
pub fn fixture_events() -> Vec<(String, usize, Value)> {
    let mut events = Vec::new();
    for file in fixture_files() {
        let relative = file.strip_prefix(schemas_dir()).unwrap().to_string_lossy().replace('\\', "/");
        let delivery: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let list = match delivery {
            Value::Array(list) => list,
            one => vec![one],
        };
        events.extend(list.into_iter().enumerate().map(|(index, event)| (relative.clone(), index, event)));
    }
    events
}
pub mod http;

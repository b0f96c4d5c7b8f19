//! Helpers shared by the integration tests.

#![allow(dead_code)]

use serde_json::Value;

/// The spellings the schemas declare equivalent (tables generated from the schemas; empty
/// where a test has none).
#[derive(Default, Clone, Copy)]
pub struct Spellings<'a> {
    /// (alias key, the key serialization writes).
    pub key_aliases: &'a [(&'a str, &'a str)],
    /// (other spelling of an enum value, the value serialization writes).
    pub value_aliases: &'a [(&'a str, &'a str)],
    /// Enum values recognised ignoring ASCII case.
    pub case_insensitive_values: &'a [&'a str],
    /// (integer code, the enum value serialization writes).
    pub integer_codes: &'a [(i64, &'a str)],
}

/// Compare the re-serialized typed data with the input data, as JSON values, under the
/// normalizations the crate documents and nothing else:
/// - a key may be an alias of the output key, or differ from it in ASCII case only;
/// - an enum value may be written in another declared spelling, case, or as its integer code;
/// - two strings that are both timestamps (RFC 3339, or .NET's general form where a schema
///   allows it) compare as instants;
/// - a number sent as a JSON string equals the number; integers and floats compare by value;
/// - `null` for an optional property is written as an absent key.
///
/// Every other input key must be present in the output, and the output may not add keys.
pub fn assert_wire_equivalent(input: &Value, output: &Value, path: &str, spellings: &Spellings) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            let output_key = |key: &str| -> Option<String> {
                if b.contains_key(key) {
                    return Some(key.to_string());
                }
                let aliased = spellings.key_aliases.iter().find(|(alias, _)| *alias == key).map(|(_, wire)| *wire);
                if let Some(wire) = aliased.filter(|wire| b.contains_key(*wire)) {
                    return Some(wire.to_string());
                }
                b.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()
            };
            let mut matched = Vec::new();
            for (key, value) in a {
                match output_key(key) {
                    Some(k) => {
                        assert_wire_equivalent(value, &b[&k], &format!("{path}.{key}"), spellings);
                        matched.push(k);
                    }
                    None if value.is_null() => {}
                    None => panic!("{path}.{key} was lost: input {value}, output keys {:?}", b.keys().collect::<Vec<_>>()),
                }
            }
            for key in b.keys() {
                assert!(matched.contains(key), "{path}.{key} was added by serialization: {}", b[key]);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: array length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_wire_equivalent(x, y, &format!("{path}[{i}]"), spellings);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            let same_value = spellings.value_aliases.iter().any(|(alias, value)| alias.eq_ignore_ascii_case(a) && value == b)
                || (a.eq_ignore_ascii_case(b) && spellings.case_insensitive_values.contains(&b.as_str()));
            if same_value {
                return;
            }
            let instant = |s: &str| {
                eventgen::fixtures::rfc3339_unix_nanos(s).or_else(|| eventgen::fixtures::dotnet_general_unix_nanos(s))
            };
            match (instant(a), instant(b)) {
                (Some(x), Some(y)) => assert_eq!(x, y, "{path}: timestamps {a} and {b} differ as instants"),
                _ => panic!("{path}: {a:?} became {b:?}"),
            }
        }
        (Value::String(a), Value::Number(b)) => {
            assert_eq!(a.parse::<f64>().ok(), b.as_f64(), "{path}: string number {a:?} became {b}");
        }
        (Value::Number(a), Value::String(b)) => {
            let code = a.as_i64().and_then(|a| spellings.integer_codes.iter().find(|(code, _)| *code == a));
            assert_eq!(code.map(|(_, value)| *value), Some(b.as_str()), "{path}: {a} became {b:?}");
        }
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64(), "{path}"),
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

/// The event type of a fixture event in either envelope (`eventType` or CloudEvents `type`).
#[allow(dead_code)]
pub fn event_type(event: &Value) -> &str {
    event.get("eventType").or_else(|| event.get("type")).and_then(Value::as_str).expect("fixture event has an event type")
}

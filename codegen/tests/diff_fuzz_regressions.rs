//! Findings of the `diff` fuzz target (fuzz/fuzz_targets/diff.rs), each kept as a test.

use eventgen::diff::{self, Kind, Semver};
use eventgen::load::SchemaSet;
use serde_json::{json, Value};

/// One event whose payload has the property `level` of the given schema.
fn set(level: Value) -> SchemaSet {
    SchemaSet::from_documents([(
        "e.json",
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "MeasurementEventData",
            "x-event-type": "Test.Measurement.Taken",
            "type": "object",
            "properties": { "level": level },
            "required": ["level"]
        }),
    )])
    .unwrap()
}

fn kinds(old: &SchemaSet, new: &SchemaSet) -> Vec<(String, Kind)> {
    diff::diff(old, new)
        .unwrap()
        .changes
        .into_iter()
        .map(|c| (c.path, c.kind))
        .collect()
}

/// A literal (`const`/`enum` of booleans or numbers) compared with itself was reported as
/// `type_changed` (major): the comparison had no case for two literals.
#[test]
fn a_literal_compared_with_itself_is_no_change() {
    for level in [
        json!({ "const": true }),
        json!({ "enum": [1, 2, 3] }),
        json!({ "enum": [0.5, -1.5] }),
    ] {
        let a = set(level.clone());
        let report = diff::diff(&a, &a).unwrap();
        assert_eq!(report.changes, [], "{level} compared with itself");
        assert_eq!(report.bump(), Semver::None);
    }
}

/// Two literals of one kind compare by their values, as a closed enum's; of different kinds
/// (bool, i64, f64 newtypes) they are a type change.
#[test]
fn literals_compare_by_their_values() {
    let (small, large) = (
        set(json!({ "enum": [1, 2] })),
        set(json!({ "enum": [1, 2, 3] })),
    );
    let at = "data.level".to_string();
    assert_eq!(
        kinds(&small, &large),
        [(at.clone(), Kind::ClosedEnumValueAdded)]
    );
    assert_eq!(
        kinds(&large, &small),
        [(at.clone(), Kind::ClosedEnumValueRemoved)]
    );
    let flag = set(json!({ "const": true }));
    assert_eq!(kinds(&flag, &small), [(at, Kind::TypeChanged)]);
}

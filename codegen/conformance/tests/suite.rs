//! The JSON Schema Test Suite through the generated types. For every group whose schema
//! generates:
//! - each valid instance must parse and be written back as an equal JSON value (numbers equal
//!   as numbers, `null`s included): a value changed or lost fails the test outright;
//! - each invalid instance is rejected wherever the Rust type expresses the constraint (kinds,
//!   `required`, closed enums, `const`, closed objects, tuples); where the group's schema uses
//!   a keyword the types do not check (`minimum`, `pattern`, `format`, …), an accepted invalid
//!   instance is counted as validation-only.
//!
//! The figures, and every valid instance rejected and invalid one accepted, are a snapshot
//! (`snapshots/suite__report.snap`), so a change in any verdict is reviewed; the totals are
//! also in the README, which this test checks.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use eventgen_conformance::{GENERATED, REFUSED};
use eventgen_runtime::testing::json_equal;
use serde_json::Value;

/// Keywords that constrain values in ways the generated types do not check: the parser leaves
/// them to a validator (`eventgen validate`). `oneOf` is here for its "exactly one": a union
/// takes the first option that fits.
const VALIDATION_ONLY: &[&str] = &[
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "patternProperties",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "dependencies",
    "oneOf",
];

#[derive(Default)]
struct Counts {
    groups: usize,
    generated: usize,
    valid: usize,
    round_trip: usize,
    valid_rejected: usize,
    invalid: usize,
    rejected: usize,
    validation_only: usize,
    missed: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.groups += other.groups;
        self.generated += other.generated;
        self.valid += other.valid;
        self.round_trip += other.round_trip;
        self.valid_rejected += other.valid_rejected;
        self.invalid += other.invalid;
        self.rejected += other.rejected;
        self.validation_only += other.validation_only;
        self.missed += other.missed;
    }

    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {}/{} | {} | {}/{} | {} | {} |",
            self.groups,
            self.generated,
            self.round_trip,
            self.valid,
            self.valid_rejected,
            self.rejected,
            self.invalid,
            self.validation_only,
            self.missed
        )
    }
}

const HEADER: &str = "| suite | groups | generate | valid round-trip | valid rejected | invalid rejected | validation-only | invalid accepted |\n|---|---:|---:|---:|---:|---:|---:|---:|";

fn suite_file(draft: &str, file: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("suite")
        .join(draft)
        .join(format!("{file}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `value` as JSON text with every object's keys sorted.
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let members: Vec<String> = entries
                .into_iter()
                .map(|(key, value)| format!("{}:{}", Value::from(key.as_str()), canonical(value)))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

fn uses_validation_only_keyword(schema: &Value) -> bool {
    match schema {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| VALIDATION_ONLY.contains(&k.as_str()) || uses_validation_only_keyword(v)),
        Value::Array(items) => items.iter().any(uses_validation_only_keyword),
        _ => false,
    }
}

#[test]
fn the_json_schema_test_suite_through_the_generated_types() {
    let mut per_file: BTreeMap<(String, String), Counts> = BTreeMap::new();
    let mut lost = Vec::new();
    let mut details = String::new();
    for refused in REFUSED {
        per_file
            .entry((refused.draft.into(), refused.file.into()))
            .or_default()
            .groups += 1;
    }
    for generated in GENERATED {
        let groups = suite_file(generated.draft, generated.file);
        let group = &groups[generated.group];
        let counts = per_file
            .entry((generated.draft.into(), generated.file.into()))
            .or_default();
        counts.groups += 1;
        counts.generated += 1;
        let validation_only = uses_validation_only_keyword(&group["schema"]);
        for test in group["tests"].as_array().unwrap() {
            let instance = &test["data"];
            // Keys sorted, so the text (and the snapshot) does not depend on whether serde_json's
            // `preserve_order` is on, as feature unification decides in a workspace build.
            let text = canonical(instance);
            let place = format!(
                "{}/{} #{} {:?} / {:?}",
                generated.draft,
                generated.file,
                generated.group,
                group["description"].as_str().unwrap_or(""),
                test["description"].as_str().unwrap_or("")
            );
            let parsed = (generated.parse)(&text);
            if test["valid"].as_bool().unwrap() {
                counts.valid += 1;
                match parsed {
                    Ok(written) => {
                        let written: Value = serde_json::from_str(&written).unwrap();
                        if json_equal(&written, instance) {
                            counts.round_trip += 1;
                        } else {
                            lost.push(format!("{place}: {text} was written back as {written}"));
                        }
                    }
                    Err(error) => {
                        counts.valid_rejected += 1;
                        writeln!(details, "valid, rejected: {place}: {text}: {error}").unwrap();
                    }
                }
            } else {
                counts.invalid += 1;
                match parsed {
                    Err(_) => counts.rejected += 1,
                    Ok(_) if validation_only => counts.validation_only += 1,
                    Ok(_) => {
                        counts.missed += 1;
                        writeln!(details, "invalid, accepted: {place}: {text}").unwrap();
                    }
                }
            }
        }
    }
    assert_eq!(
        lost,
        Vec::<String>::new(),
        "valid instances whose values changed"
    );

    let mut totals: BTreeMap<String, Counts> = BTreeMap::new();
    let mut report = format!("{HEADER}\n");
    for ((draft, file), counts) in &per_file {
        writeln!(report, "{}", counts.row(&format!("{draft}/{file}"))).unwrap();
        totals.entry(draft.clone()).or_default().add(counts);
    }
    let mut summary = format!("{HEADER}\n");
    for (draft, counts) in &totals {
        writeln!(summary, "{}", counts.row(draft)).unwrap();
    }
    report.push_str("\nTotals:\n\n");
    report.push_str(&summary);
    report.push_str("\nRefused:\n\n");
    for refused in REFUSED {
        writeln!(
            report,
            "{}/{} #{}: {}",
            refused.draft, refused.file, refused.group, refused.message
        )
        .unwrap();
    }
    report.push('\n');
    report.push_str(&details);
    insta::assert_snapshot!("report", report);

    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
    )
    .unwrap();
    assert!(
        readme.contains(summary.trim_end()),
        "README.md shows the suite's totals:\n{summary}"
    );
}

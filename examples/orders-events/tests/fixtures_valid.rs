//! Every fixture delivery is valid for its event type's schema, checked by a standard JSON
//! Schema validator (`eventgen validate`), with `$ref`s by `$id` served from the schema set.

use std::path::Path;

use eventgen::load::SchemaSet;
use eventgen::validate::{validate_delivery, Outcome};

fn fixture_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_event_with_a_schema_is_valid() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let set = SchemaSet::load(&schemas).unwrap();
    let mut files = Vec::new();
    fixture_files(&schemas.join("fixtures"), &mut files);
    files.sort();
    let mut checked = 0;
    for file in &files {
        for verdict in validate_delivery(&set, &std::fs::read(file).unwrap()).unwrap() {
            match verdict.outcome {
                Outcome::Valid => checked += 1,
                Outcome::UnknownEventType => assert_eq!(verdict.event_type.as_deref(), Some("Contoso.Shipments.ShipmentRerouted")),
                other => panic!("{} event {}: {other:?}", file.display(), verdict.index),
            }
        }
    }
    assert_eq!(checked, 7, "typed fixture events validated");
}

#[test]
fn an_invalid_event_is_reported_with_its_pointer() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let set = SchemaSet::load(&schemas).unwrap();
    let body = br#"{"specversion": "1.0", "type": "Contoso.Orders.OrderPlaced", "source": "/orders", "id": "1",
      "data": {"orderId": "o", "customerId": "c", "items": [], "total": {"amount": "1", "currency": "eur"}, "placedAt": "2026-01-01T00:00:00Z"}}"#;
    let verdicts = validate_delivery(&set, body).unwrap();
    let Outcome::Violations(violations) = &verdicts[0].outcome else { panic!("{:?}", verdicts[0].outcome) };
    let pointers: Vec<&str> = violations.iter().map(|(pointer, _)| pointer.as_str()).collect();
    assert_eq!(pointers, ["/data/items", "/data/total/currency"], "{violations:?}");
}

//! Every fixture delivery is valid for its event type's schema, checked by a standard JSON
//! Schema validator (`eventgen validate`), with `$ref`s by `$id` served from the schema set.

use std::path::Path;

use eventgen::fixtures::load_fixtures;
use eventgen::load::SchemaSet;
use eventgen::validate::{validate_delivery, Outcome};

#[test]
fn every_fixture_event_with_a_schema_is_valid() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let set = SchemaSet::load(&schemas).unwrap();
    let mut checked = 0;
    for fixture in load_fixtures(&schemas.join("fixtures")).unwrap() {
        for verdict in validate_delivery(&set, fixture.text.as_bytes()).unwrap() {
            match verdict.outcome {
                Outcome::Valid => checked += 1,
                Outcome::UnknownEventType => assert_eq!(
                    verdict.event_type.as_deref(),
                    Some("Contoso.Shipments.ShipmentRerouted")
                ),
                other => panic!("{} event {}: {other:?}", fixture.path, verdict.index),
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
    let Outcome::Violations(violations) = &verdicts[0].outcome else {
        panic!("{:?}", verdicts[0].outcome)
    };
    let pointers: Vec<&str> = violations
        .iter()
        .map(|(pointer, _)| pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        ["/data/items", "/data/total/currency"],
        "{violations:?}"
    );
}

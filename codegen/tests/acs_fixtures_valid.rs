//! The ACS schemas (`../schemas`) and their fixtures: every fixture's `data` validates against
//! the JSON Schema of its event type, with the validation `eventgen validate` ships (a real JSON
//! Schema 2020-12 validator resolving the cross-file `$ref`s); and every event schema has at
//! least one fixture. Here rather than in `acs-events`, so that crate's tests and benchmarks do
//! not depend on the generator (whose `serde_json` keeps schema key order with `preserve_order`).

use eventgen::fixtures::{load_fixtures, Fixture};
use eventgen::load::SchemaSet;
use eventgen::validate::{validate_delivery, Outcome};
use serde_json::Value;

fn schemas_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

/// The fixture deliveries, sorted by path, read the way the generator reads them.
fn fixtures() -> Vec<Fixture> {
    load_fixtures(&schemas_dir().join("fixtures")).unwrap()
}

/// The event type of a fixture event in either envelope (`eventType` or CloudEvents `type`).
fn event_type(event: &Value) -> &str {
    event
        .get("eventType")
        .or_else(|| event.get("type"))
        .and_then(Value::as_str)
        .expect("fixture event has an event type")
}

fn schema_set() -> SchemaSet {
    SchemaSet::load(&schemas_dir()).unwrap()
}

fn event_types(set: &SchemaSet) -> Vec<String> {
    set.files
        .values()
        .filter_map(|s| s.get("x-event-type")?.as_str().map(str::to_string))
        .collect()
}

/// Enum values in documentation samples that are template text (`{role}`) or test values of
/// the specification's examples (`UserRole`, `TestCallEndedBy`): valid (the enums are
/// extensible, and the parser keeps them in the catch-all), but not documented values.
const DOC_PLACEHOLDERS: &[&str] = &["{role}", "UserRole", "TestCallEndedBy"];

#[test]
fn every_fixture_validates_against_its_event_schema() {
    let set = schema_set();
    assert_eq!(
        event_types(&set).len(),
        58,
        "56 ACS event types and 2 Event Grid events"
    );
    let mut failures = Vec::new();
    let mut placeholders = 0;
    let mut lenient_date_times = 0;
    let mut validated = 0;
    for fixture in fixtures() {
        for verdict in validate_delivery(&set, fixture.text.as_bytes()).unwrap() {
            match &verdict.outcome {
                Outcome::Valid => {}
                // The one leniency real samples use: .NET's date-time form where the schema
                // says `x-lenient-date-time` (the parser reads it; `format: date-time`, asserted
                // by these documents, does not admit it).
                Outcome::Violations(violations)
                    if violations
                        .iter()
                        .all(|(_, m)| is_dot_net_date_time_violation(m)) =>
                {
                    lenient_date_times += violations.len()
                }
                other => failures.push(format!(
                    "{} event {}: {other:?}",
                    fixture.path, verdict.index
                )),
            }
            // Template text in documentation samples, not values the service sends: warned
            // about as undocumented (schemas/fixtures/README.md lists them). Any other warning
            // is a failure: a real sample's value missing from its enum's list.
            for (pointer, message) in &verdict.warnings {
                let placeholder = DOC_PLACEHOLDERS
                    .iter()
                    .any(|p| message.starts_with(&format!("not a documented value: \"{p}\"")));
                if placeholder {
                    placeholders += 1;
                } else {
                    failures.push(format!(
                        "{} event {}: warning {pointer}: {message}",
                        fixture.path, verdict.index
                    ));
                }
            }
            validated += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(validated, 175);
    assert_eq!(
        placeholders, 27,
        "documentation placeholders seen by the validator"
    );
    assert_eq!(
        lenient_date_times, 3,
        "RouterJobReceived's scheduledOn samples"
    );
}

/// `"3/28/2007 7:13:50 PM +00:00" is not a "date-time"`: .NET's invariant general form.
fn is_dot_net_date_time_violation(message: &str) -> bool {
    let Some(value) = message
        .strip_prefix('"')
        .and_then(|m| m.strip_suffix("\" is not a \"date-time\""))
    else {
        return false;
    };
    let parts: Vec<&str> = value.split(' ').collect();
    matches!(parts.as_slice(), [date, time, "AM" | "PM", offset]
        if date.split('/').count() == 3
            && time.split(':').count() == 3
            && (offset.starts_with('+') || offset.starts_with('-')))
}

#[test]
fn every_event_schema_has_a_fixture() {
    let covered: Vec<String> = fixtures()
        .iter()
        .flat_map(|f| &f.events)
        .map(|e| event_type(e).to_string())
        .collect();
    for event_type in event_types(&schema_set()) {
        assert!(covered.contains(&event_type), "no fixture for {event_type}");
    }
}

#[test]
fn the_validator_rejects_data_that_breaks_a_schema() {
    let event = |event_type: &str, data: Value| serde_json::json!({"id": "1", "eventType": event_type, "data": data});
    let delivery = serde_json::json!([
        event(
            "Microsoft.Communication.SMSReceived",
            serde_json::json!({"messageId": "m", "from": "1", "to": "2"})
        ),
        event(
            "Microsoft.Communication.ChatMessageReceived",
            serde_json::json!({"messageId": "1", "type": "Text", "threadId": "t",
            "messageBody": "b", "senderCommunicationIdentifier": {"communicationUser": {"id": "x"}}})
        ),
    ]);
    let verdicts = validate_delivery(&schema_set(), delivery.to_string().as_bytes()).unwrap();
    let pointers = |i: usize| match &verdicts[i].outcome {
        Outcome::Violations(v) => v
            .iter()
            .map(|(pointer, _)| pointer.clone())
            .collect::<Vec<_>>(),
        other => panic!("event {i}: {other:?}"),
    };
    assert_eq!(pointers(0), ["/data"], "`message` is required");
    assert_eq!(
        pointers(1),
        ["/data/senderCommunicationIdentifier"],
        "rawId is required by the shared identifier model"
    );
}

/// An event type is matched as the crate's parser matches it: exactly, else in any ASCII case
/// (Event Grid compares event types case-insensitively), so validation never passes over an
/// event the parser types.
#[test]
fn the_validator_picks_the_schema_the_parser_picks_in_any_case() {
    let delivery = serde_json::json!([
        {"id": "1", "eventType": "microsoft.communication.smsreceived",
         "data": {"messageId": "m", "from": "1", "to": "2"}},
        {"id": "2", "eventType": "Microsoft.Communication.NoSuchEvent", "data": {}},
    ]);
    let verdicts = validate_delivery(&schema_set(), delivery.to_string().as_bytes()).unwrap();
    match &verdicts[0].outcome {
        Outcome::Violations(violations) => assert_eq!(
            violations
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>(),
            ["/data"],
            "`message` is required"
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(verdicts[1].outcome, Outcome::UnknownEventType),
        "{:?}",
        verdicts[1].outcome
    );
}

/// The schemas say what the parser accepts: an extensible enum takes any string (a value it
/// does not list is a warning, not a violation), and a case-insensitive one takes its listed
/// values in any case without a warning.
#[test]
fn the_validator_accepts_what_the_parser_accepts() {
    let sample =
        std::fs::read_to_string(schemas_dir().join(
            "fixtures/advanced-messaging/AdvancedMessageDeliveryStatusUpdated.docs.sent.json",
        ))
        .unwrap();
    let with_status = |status: &str| {
        assert!(sample.contains(r#""status": "Sent""#));
        sample.replace(r#""status": "Sent""#, &format!(r#""status": "{status}""#))
    };
    let set = schema_set();
    let verdict = |status: &str| {
        let mut verdicts = validate_delivery(&set, with_status(status).as_bytes()).unwrap();
        assert_eq!(verdicts.len(), 1);
        verdicts.remove(0)
    };

    for listed in ["Sent", "read", "DELIVERED"] {
        let verdict = verdict(listed);
        assert_eq!(verdict.outcome, Outcome::Valid, "{listed}");
        assert_eq!(verdict.warnings, [], "{listed} is listed, ignoring case");
    }
    let unlisted = verdict("Throttled");
    assert_eq!(unlisted.outcome, Outcome::Valid);
    assert_eq!(unlisted.warnings.len(), 1, "{:?}", unlisted.warnings);
    assert_eq!(unlisted.warnings[0].0, "/data/status");
    assert!(
        unlisted.warnings[0]
            .1
            .starts_with("not a documented value: \"Throttled\""),
        "{}",
        unlisted.warnings[0].1
    );
    // Not a string at all: a violation, and no warning repeats it.
    let number = verdict_of_number(&set, &sample);
    assert!(
        matches!(&number.outcome, Outcome::Violations(v) if v.iter().any(|(p, _)| p == "/data/status")),
        "{:?}",
        number.outcome
    );
    assert_eq!(number.warnings, []);
}

fn verdict_of_number(set: &SchemaSet, sample: &str) -> eventgen::validate::EventVerdict {
    let body = sample.replace(r#""status": "Sent""#, r#""status": 7"#);
    validate_delivery(set, body.as_bytes()).unwrap().remove(0)
}

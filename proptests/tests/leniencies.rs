//! Where the typed parse and a standard JSON Schema validator disagree, listed: each case is a
//! concrete event both judge, and the test fails when either side changes its verdict (then
//! this list, the README and `Leniency` in `src/instance.rs` change with it). Everywhere else
//! the property tests hold the two to "valid ⇔ typed".

use eventgen::load::SchemaSet;
use eventgen::validate::{validate_delivery, Outcome};
use eventgen_runtime::{parse_delivery, EventSet};
use serde_json::{json, Value};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (the validator accepts it, the parser accepts it) for a one-event delivery.
fn verdicts<D: EventSet>(schemas: &str, body: &str) -> (bool, bool) {
    let set = SchemaSet::load(&root().join(schemas)).unwrap();
    let validator = matches!(
        validate_delivery(&set, body.as_bytes()).unwrap()[0].outcome,
        Outcome::Valid
    );
    let parser = parse_delivery::<D>(body.as_bytes()).unwrap()[0].is_ok();
    (validator, parser)
}

fn acs(body: &str) -> (bool, bool) {
    verdicts::<acs_events::EventData>("schemas", body)
}

fn orders(body: &str) -> (bool, bool) {
    verdicts::<orders_events::EventData>("examples/orders-events/schemas", body)
}

fn sms_received(extra: Value) -> String {
    let mut data = json!({"messageId": "m", "from": "+1", "to": "+2", "message": "hi"});
    for (k, v) in extra.as_object().unwrap() {
        data[k] = v.clone();
    }
    json!([{"id": "1", "eventType": "Microsoft.Communication.SMSReceived", "subject": "s",
        "eventTime": "2024-05-06T07:08:09Z", "dataVersion": "1.0", "data": data}])
    .to_string()
}

fn order_cancelled(refund: Value) -> String {
    json!([{"id": "1", "type": "Contoso.Orders.OrderCancelled", "source": "/shop", "specversion": "1.0",
        "data": {"orderId": "o", "reason": "outOfStock", "cancelledAt": "2024-05-06T07:08:09Z", "refund": refund}}])
    .to_string()
}

/// The parser accepts what the schema's standard keywords reject.
#[test]
fn the_parser_accepts_more_here() {
    let dot_net =
        std::fs::read_to_string(root().join("schemas/fixtures/router/RouterJobReceived.docs.json"))
            .unwrap();
    assert!(dot_net.contains("PM +00:00"));
    let cases = [
        // `x-lenient-date-time`: .NET's general form, which `format: date-time` (asserted by
        // the ACS documents) does not admit.
        ("a .NET-form date-time", acs(&dot_net)),
        // serde reads `null` as `None` for any `Option`: an optional member whose schema does
        // not admit null is absent when it is null.
        (
            "null for an optional member that does not admit null",
            acs(&sms_received(json!({"segmentCount": null}))),
        ),
        // `pattern`, `minimum` and the other value assertions are not checked by the parser:
        // the value is typed as usual (`eventgen validate` checks them).
        (
            "a string breaking its pattern",
            orders(&order_cancelled(
                json!({"amount": "1.5", "currency": "euro"}),
            )),
        ),
        // `x-aliases` in place of a key a plain `required` lists (a validator sees the
        // property missing): exercised by the property tests (`Leniency::AliasKey`), as no
        // ACS schema requires an aliased key outside its `anyOf` alternatives.
    ];
    for (what, verdicts) in cases {
        assert_eq!(verdicts, (false, true), "{what}: (validator, parser)");
    }
}

/// The parser rejects what the schema's standard keywords accept: numbers its Rust types cannot
/// hold exactly.
#[test]
fn the_parser_accepts_less_here() {
    let cases = [
        // `format: int32` is an annotation to a validator; the field is an `i32`.
        (
            "an integer beyond i32 where format is int32",
            acs(&sms_received(json!({"segmentCount": 3_000_000_000u64}))),
        ),
        // JSON Schema counts 1.0 as an integer; serde's integers do not.
        (
            "an integer written with a fraction",
            acs(&sms_received(json!({"segmentCount": 1.0}))),
        ),
        // RFC 3339 admits a leap second and any number of fractional digits; an
        // `OffsetDateTime` holds neither exactly, and the parser refuses rather than rounds.
        (
            "a leap second",
            acs(&sms_received(
                json!({"receivedTimestamp": "2016-12-31T23:59:60Z"}),
            )),
        ),
        (
            "non-zero digits past the ninth fractional digit",
            acs(&sms_received(
                json!({"receivedTimestamp": "2024-05-06T07:08:09.1234567891Z"}),
            )),
        ),
        // A validator reads a repeated member as JSON parsers commonly do (the last one
        // counts); the parser refuses the event, since which one counts is ambiguous.
        (
            "a repeated member",
            acs(&sms_received(json!({})).replacen(
                r#""subject":"s""#,
                r#""subject":"s","subject":"t""#,
                1,
            )),
        ),
    ];
    for (what, verdicts) in cases {
        assert_eq!(verdicts, (true, false), "{what}: (validator, parser)");
    }
}

/// Where they agree though it may look otherwise: an extensible enum's unlisted value and a
/// case-insensitive enum in another case pass both (the open form), and so does an
/// `x-string-or-number` value sent as a string (its schema lists `string` with a pattern).
#[test]
fn the_two_agree_on_the_wire_forms_the_schemas_declare() {
    let chat =
        std::fs::read_to_string(root().join("schemas/fixtures/chat/ChatMessageReceived.docs.json"))
            .unwrap();
    let mut body: Value = serde_json::from_str(&chat).unwrap();
    body[0]["data"]["version"] = json!("1613783230064");
    assert_eq!(acs(&body.to_string()), (true, true), "version as a string");
    body[0]["data"]["version"] = json!("16137x");
    assert_eq!(
        acs(&body.to_string()),
        (false, false),
        "version as other text"
    );
    let status = std::fs::read_to_string(root().join(
        "schemas/fixtures/advanced-messaging/AdvancedMessageDeliveryStatusUpdated.docs.sent.json",
    ))
    .unwrap();
    for value in ["read", "Throttled"] {
        let body = status.replace(r#""status": "Sent""#, &format!(r#""status": "{value}""#));
        assert_eq!(acs(&body), (true, true), "status {value}");
    }
    let body = status.replace(r#""status": "Sent""#, r#""status": 3"#);
    assert_eq!(acs(&body), (false, false), "status as a number");
    // `additionalProperties: false` closes an object for both.
    assert_eq!(
        orders(&order_cancelled(
            json!({"amount": "1.5", "currency": "EUR", "note": "x"})
        )),
        (false, false),
        "an undeclared key where additionalProperties is false"
    );
}

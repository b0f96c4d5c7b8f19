//! Samples of every construct, shared by the direct-parser differential test (`direct.rs`) and
//! the validator round-trip property (`validated.rs`), which corrupt them with
//! `tests/support/corrupt.rs` of the workspace's root.

/// (event type, `data` text) for each construct: aliases, nullable and required fields, maps,
/// unions, literals, open objects, recursion, lenient wire forms, enums of every kind.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "Shop.OrderPlaced",
        r#"{"buyer": {"raw": "u1"}, "items": [{"raw": "u2"}]}"#,
    ),
    ("Test.Leaf", r#"{"id": "a", "version": 7, "note": "n"}"#),
    (
        "Test.Enums",
        r#"{"open": "purple", "closed": "S", "folded": "READ", "fixed": "v1"}"#,
    ),
    ("Test.Enums", r#"{"open": "dark-blue", "closed": "M"}"#),
    (
        "Test.Alias",
        r#"{"MessageId": "m", "receivedTimeStamp": "2020-09-18T00:22:20.2855749+00:00"}"#,
    ),
    (
        "Test.Alias",
        r#"{"messageId": "m\u00e9", "receivedTimestamp": "2020-09-18T00:22:20Z"}"#,
    ),
    (
        "Test.Versioned",
        r#"{"version": "1613783230064", "count": "3"}"#,
    ),
    ("Test.Versioned", r#"{"version": 5, "count": null}"#),
    (
        "Test.Mixed",
        r#"{"maybe": null, "alsoMaybe": null, "labels": {"b": "2", "a": "1"}, "anything": {"z": [1], "a": {"k": true}}, "target": "by-id"}"#,
    ),
    (
        "Test.Mixed",
        r#"{"maybe": "x", "flag": true, "target": {"name": "n"}}"#,
    ),
    (
        "Test.Tree",
        r#"{"root": {"value": "a", "parent": {"value": "p", "parent": {"value": "pp"}}, "children": [{"value": "c", "children": []}]}, "annotation": {"note": "n", "author": "a"}}"#,
    ),
    (
        "Test.Shipment.Updated",
        r#"{"carrier": null, "previousCarrier": "dhl", "label": null, "reserved": null, "eta": null}"#,
    ),
    (
        "Test.Shipment.Updated",
        r#"{"carrier": "ups", "previousCarrier": null, "label": {"url": "u"}, "reserved": null}"#,
    ),
    (
        "Test.Account.Upgraded",
        r#"{"owner": {"login": "l", "id": 7, "email": "e"}, "tier": "pro", "tags": ["a"], "since": "2024-01-02T03:04:05Z"}"#,
    ),
    (
        "Test.Webhook.Received",
        r#"{"clientPayload": {"a": 1, "b": [true]}, "inputs": {"x": "1"}, "settings": {"mode": "m", "retries": 3}, "extras": {"z": {"deep": null}, "kind": "k", "a": 2}, "nothing": {}}"#,
    ),
    ("Test.Anything", r#"{"k": [1, 2], "j": "s"}"#),
    (
        "Test.Measurement.Taken",
        r#"{"reading": 42, "raw": {"o": [1]}, "exact": 1.5, "verified": true, "level": 2, "ratio": -1.5, "takenAt": "2024-01-02T03:04:05Z", "link": "mailto:x", "scores": ["a"]}"#,
    ),
    (
        "Test.Measurement.Taken",
        r#"{"verified": true, "takenAt": "2018-04-25 20:42:10", "samples": ["2024-01-02T03:04:05.000Z", "soon"]}"#,
    ),
    (
        "Test.Measurement.Taken",
        r#"{"reading": "n/a", "exact": 3, "verified": true, "takenAt": 17}"#,
    ),
    ("Test.Sensor.Changed", r#"{"added": "s1", "by": "me"}"#),
    ("Test.Sensor.Changed", r#"{"removed": "s1"}"#),
    (
        "Test.Registration.Created",
        r#"{"owner": {"name": "Acme", "vatId": "DE1", "employees": 12}}"#,
    ),
    (
        "Test.Registration.Created",
        r#"{"owner": {"name": "Ada", "email": "ada@example.com"}}"#,
    ),
    (
        "Test.Invoice.Paid",
        r#"{"payer": {"name": "a", "address": {"city": "c"}}, "payee": {"name": "b"}, "amount": {"cents": 5}, "currency": "EUR", "memo": "m"}"#,
    ),
    (
        "Test.Reactions.Created",
        r#"{"+1": 3, "-1": 1, "fooBar": "c", "foo_bar": "s", "type": "t"}"#,
    ),
    ("Test.Ping", r#"{}"#),
    (
        "Test.Presence",
        r#"{"always": "a", "alwaysOrNull": null, "sometimes": null, "sometimesOrNull": null, "anything": null, "anythingAtAll": null, "requiredAnything": null, "onlyNull": null, "requiredNull": null, "stampOrNull": null, "countOrNull": null, "reasonOrNull": null}"#,
    ),
    (
        "Test.Presence",
        r#"{"always": "a", "alwaysOrNull": "b", "sometimesOrNull": 3, "anything": [1], "requiredAnything": {"k": 1}, "requiredNull": null, "stampOrNull": "2024-01-02T03:04:05Z", "countOrNull": "12", "reasonOrNull": {"code": "c"}}"#,
    ),
    (
        "Test.Undeclared",
        r#"{"name": "n", "token": [1, null], "limits": {"low": 1, "high": 9, "other": 3}}"#,
    ),
    ("Test.Legacy", r#"{"id": "i", "note": "n"}"#),
    ("Test.Payload.Level", r#""high""#),
    ("Test.Webhook.Received", r#"{"nothing": {}}"#),
    (
        "Test.Tuples",
        r#"{"point": [1, 2.5], "tagged": ["a\u00e9", 3, false]}"#,
    ),
    (
        "Test.Patterns",
        r#"{"counters": {"n_a": 1}, "labels": {"owner": "o", "x-a": "b", "n-c": 2}}"#,
    ),
    ("Test.Untyped", r#"{"shape": {"side": 3}}"#),
    ("Test.Untyped", r#"{"shape": ["a"]}"#),
    ("Test.Untyped", r#"{"shape": null}"#),
    ("Test.MixedValues", r#"{"setting": "auto", "unit": "lb"}"#),
    ("Test.MixedValues", r#"{"setting": 1, "unit": "kg"}"#),
    ("Test.MixedValues", r#"{"setting": true}"#),
    ("Test.Payload.Note", r#""a \u00e9 note""#),
    ("Test.Payload.Readings", r#"[1, null, -3]"#),
    ("Test.Payload.Any", r#"{"k": [1, "x", null]}"#),
    ("Test.Payload.Any", r#"null"#),
    ("Test.Payload.Stamp", r#""2024-01-02T03:04:05.5+01:00""#),
    (
        "Test.Lists",
        r#"{"names": ["a", null, "b"], "scores": {"x": null, "y": 2}}"#,
    ),
    (
        "Test.Delivery.Routed",
        r#"{"parcel": "p", "street": "s", "floor": 2}"#,
    ),
    ("Test.Delivery.Routed", r#"{"parcel": "p", "locker": "l"}"#),
    (
        "Test.Customer.Contacted",
        r#"{"customer": "c", "at": "t", "phone": "1"}"#,
    ),
    (
        "Test.Rated",
        r#"{"stars": 4.5, "votes": 3, "grade": "good"}"#,
    ),
];

//! `#[derive(Payload)]` on hand-written declarations, read by both parsers: the serde parse
//! (owned and borrowed) and the direct parse, with `into_owned` between the forms.

use eventgen_runtime::__private::direct_parse;
use eventgen_runtime::borrowed::{CowStr, RawJson};
use eventgen_runtime::{OrderedMap, Payload};

#[derive(Debug, PartialEq, Payload)]
#[eventgen(closed)]
struct Inner {
    code: String,
}

#[derive(Debug, PartialEq, Payload)]
struct Order {
    #[serde(rename = "orderId")]
    #[eventgen(alias = "OrderId")]
    order_id: String,
    #[serde(default)]
    #[eventgen(string_or_number)]
    count: Option<i64>,
    #[serde(default)]
    #[eventgen(nullable, boxed)]
    inner: Option<Option<Box<Inner>>>,
    #[serde(default)]
    #[eventgen(rfc3339)]
    at: Option<time::OffsetDateTime>,
    #[serde(flatten)]
    rest: OrderedMap<String, eventgen_runtime::RawJson>,
}

#[derive(Debug, PartialEq, Payload)]
#[eventgen(owned = "OwnedNote")]
struct Note<'a> {
    text: CowStr<'a>,
    #[serde(default)]
    #[eventgen(keeps_null)]
    extra: Option<RawJson<'a>>,
    #[serde(flatten)]
    rest: OrderedMap<CowStr<'a>, RawJson<'a>>,
}

#[derive(Debug, PartialEq)]
struct OwnedNote {
    text: String,
    extra: Option<eventgen_runtime::RawJson>,
    rest: OrderedMap<String, eventgen_runtime::RawJson>,
}

#[test]
fn owned_form_reads_keys_aliases_wire_forms_and_keeps_the_rest() {
    let order: Order = serde_json::from_str(
        r#"{"OrderId": "o-1", "count": "42", "inner": {"code": "x"}, "at": "2024-01-02T03:04:05Z", "z": [1]}"#,
    )
    .unwrap();
    assert_eq!(order.order_id, "o-1");
    assert_eq!(order.count, Some(42));
    assert_eq!(
        order.inner,
        Some(Some(Box::new(Inner { code: "x".into() })))
    );
    assert_eq!(order.at.map(|t| t.unix_timestamp()), Some(1_704_164_645));
    assert_eq!(
        order
            .rest
            .iter()
            .map(|(k, v)| (k.to_owned(), v.get().to_owned()))
            .collect::<Vec<_>>(),
        [("z".to_owned(), "[1]".to_owned())]
    );

    let null: Order =
        serde_json::from_str(r#"{"orderId": "o-2", "inner": null, "count": null}"#).unwrap();
    assert_eq!(
        (null.inner, null.count),
        (Some(None), None),
        "null kept where nullable, absent elsewhere"
    );
}

#[test]
fn owned_form_errors_name_the_key() {
    let missing = serde_json::from_str::<Order>(r#"{"count": 1}"#).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "missing field `orderId` at line 1 column 12"
    );
    let twice = serde_json::from_str::<Order>(r#"{"orderId": "a", "OrderId": "b"}"#).unwrap_err();
    assert_eq!(
        twice.to_string(),
        "duplicate field `orderId` at line 1 column 26"
    );
    let closed = serde_json::from_str::<Inner>(r#"{"code": "x", "other": 1}"#).unwrap_err();
    assert_eq!(
        closed.to_string(),
        "unknown field `other`, expected `code` at line 1 column 21"
    );
}

#[test]
fn borrowed_form_reads_directly_as_serde_reads_and_converts_to_owned() {
    let text = r#"{"text": "hi", "extra": null, "k": {"a": 1}}"#;
    let direct: Note = direct_parse(text).expect("the direct parse reads it");
    let serde: Note = serde_json::from_str(text).unwrap();
    assert_eq!(direct, serde);
    assert!(
        direct.text.is_borrowed(),
        "a plain string is a slice of the input"
    );
    assert_eq!(
        direct.extra.map(|v| v.get()),
        Some("null"),
        "null is a value of RawJson"
    );
    let owned = serde.into_owned();
    assert_eq!(owned.text, "hi");
    assert_eq!(
        owned
            .rest
            .iter()
            .map(|(k, v)| (k.to_owned(), v.get().to_owned()))
            .collect::<Vec<_>>(),
        [("k".to_owned(), r#"{"a": 1}"#.to_owned())]
    );

    assert_eq!(
        direct_parse::<Note>(r#"{"text": "a", "text": "b"}"#),
        None,
        "a repeated key is left to serde"
    );
    assert_eq!(
        direct_parse::<Note>(r#"{"extra": 1}"#),
        None,
        "a missing key is left to serde"
    );
}

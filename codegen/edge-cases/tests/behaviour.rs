//! What each generated construct does at run time.

use eventgen_edge_cases::models::*;
use serde_json::json;

fn parse<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[test]
fn cross_file_references_resolve_to_one_shared_type() {
    let order: OrderPlacedEventData = parse(json!({"buyer": {"raw": "u1"}, "items": [{"raw": "u2"}]})).unwrap();
    assert_eq!(order.buyer.raw, "u1");
    assert_eq!(order.items.as_ref().unwrap()[0], {
        let mut id = UserId::default();
        id.raw = "u2".into();
        id
    });
    assert!(parse::<OrderPlacedEventData>(json!({})).unwrap_err().contains("missing field `buyer`"));
}

#[test]
fn all_of_merges_bases_and_the_leaf_narrows_a_field() {
    let leaf: LeafEventData = parse(json!({"id": "a", "version": 7, "note": "n"})).unwrap();
    assert_eq!((leaf.id.as_str(), leaf.version, leaf.note.as_str()), ("a", Some(7i32), "n"));
    let too_big = parse::<LeafEventData>(json!({"id": "a", "note": "n", "version": 1u64 << 40})).unwrap_err();
    assert!(too_big.contains("invalid value"), "{too_big}");
}

#[test]
fn extensible_enums_keep_unknown_values_and_never_misfile_known_ones() {
    let enums: EnumsEventData = parse(json!({"open": "purple", "closed": "S", "folded": "READ", "fixed": "v1"})).unwrap();
    let open = enums.open.clone().unwrap();
    assert!(matches!(&open, Color::UnrecognizedValue(v) if v.as_str() == "purple"), "{open:?}");
    assert_eq!(Color::from("dark-blue"), Color::DarkBlue);
    assert_eq!(Color::from("other"), Color::Other, "a value named `other` is a listed value, not the catch-all");
    assert_eq!(enums.folded, Some(Status::Read));
    assert_eq!(serde_json::to_value(&enums).unwrap(), json!({"open": "purple", "closed": "S", "folded": "Read", "fixed": "v1"}));
    assert_eq!(Color::VALUES, ["red", "dark-blue", "other"]);
}

#[test]
fn closed_enums_and_constants_reject_other_values() {
    let error = parse::<EnumsEventData>(json!({"closed": "XL"})).unwrap_err();
    assert!(error.contains("unknown variant `XL`, expected `S` or `M`"), "{error}");
    let error = parse::<EnumsEventData>(json!({"fixed": "v2"})).unwrap_err();
    assert!(error.contains("unknown variant `v2`, expected `v1`"), "{error}");
    assert_eq!("M".parse::<Size>(), Ok(Size::M));
    assert!("m".parse::<Size>().is_err(), "closed enums are case-sensitive unless declared otherwise");
}

#[test]
fn aliases_are_read_and_the_canonical_name_is_written() {
    let a: AliasEventData = parse(json!({"MessageId": "m", "receivedTimeStamp": "2020-09-18T00:22:20.2855749+00:00"})).unwrap();
    assert_eq!(a.message_id, "m");
    assert_eq!(a.received_timestamp.unwrap().unix_timestamp_nanos(), 1_600_388_540_285_574_900);
    let out = serde_json::to_value(&a).unwrap();
    assert_eq!(out["messageId"], "m");
    assert!(out.get("MessageId").is_none());
    assert!(parse::<AliasEventData>(json!({})).unwrap_err().contains("missing field `messageId`"));
}

#[test]
fn integers_may_arrive_as_strings_and_are_written_as_numbers() {
    let v: VersionedEventData = parse(json!({"version": "1613783230064", "count": "3"})).unwrap();
    assert_eq!((v.version, v.count), (1_613_783_230_064, Some(3)));
    assert_eq!(serde_json::to_value(&v).unwrap(), json!({"version": 1613783230064i64, "count": 3}));
    let v: VersionedEventData = parse(json!({"version": 5, "count": null})).unwrap();
    assert_eq!((v.version, v.count), (5, None));
    assert!(parse::<VersionedEventData>(json!({"version": "five"})).unwrap_err().contains("a string holding an integer"));
    assert!(parse::<VersionedEventData>(json!({"version": 1, "count": "9999999999"})).is_err(), "out of range for int32");
}

#[test]
fn nullable_fields_defaults_maps_and_unions() {
    let m: MixedEventData = parse(json!({"maybe": null, "alsoMaybe": null, "labels": {"b": "2", "a": "1"},
        "anything": {"z": [1], "a": {"k": true}}, "target": "by-id"})).unwrap();
    assert_eq!(m.maybe, None);
    assert_eq!(m.also_maybe, None);
    assert!(!m.flag_or_default());
    assert_eq!(m.labels.as_ref().unwrap().get("a").map(String::as_str), Some("1"));
    let anything: Vec<&String> = m.anything.as_ref().unwrap().keys().collect();
    assert_eq!(anything, ["z", "a"], "free-form objects keep the sender's key order");
    assert_eq!(m.target, Some(MixedEventDataTarget::String("by-id".into())));
    let m: MixedEventData = parse(json!({"maybe": "x", "flag": true, "target": {"name": "n"}})).unwrap();
    assert!(m.flag_or_default());
    assert!(matches!(m.target, Some(MixedEventDataTarget::ByName(ref by)) if by.name == "n"));
    assert!(parse::<MixedEventData>(json!({})).unwrap_err().contains("missing field `maybe`"), "nullable but required");
}

#[test]
fn recursive_types_parse_to_any_depth() {
    let t: TreeEventData = parse(json!({"root": {"value": "a", "parent": {"value": "p", "parent": {"value": "pp"}},
        "children": [{"value": "c", "children": []}]}})).unwrap();
    let root = t.root.unwrap();
    assert_eq!(root.parent.as_ref().unwrap().parent.as_ref().unwrap().value.as_deref(), Some("pp"));
    assert_eq!(root.children.as_ref().unwrap()[0].value.as_deref(), Some("c"));
}

#[test]
fn dispatch_covers_every_event_schema() {
    assert_eq!(EventKind::ALL.len(), 8);
    assert_eq!(EventKind::from_event_type("test.tree"), Some(EventKind::Tree));
    assert_eq!(EventKind::Heartbeat.event_type(), "Test.Ping", "x-variant-name overrides the variant");
    let mut de = serde_json::Deserializer::from_str(r#"{"anything": 1}"#);
    let data = EventKind::Heartbeat.deserialize_data(&mut de).unwrap();
    assert_eq!(data.variant_name(), "Heartbeat");
    assert_eq!(event_types::ORDER_PLACED, "Shop.OrderPlaced");
}

//! What each generated construct does at run time.

use eventgen_edge_cases::models::*;
use serde_json::json;
// The models include types titled as prelude names (`name_collisions/prelude.json`); these
// explicit imports outrank the glob, so here the names mean the standard items.
#[allow(unused_imports)]
use std::{boxed::Box, option::Option, option::Option::Some, string::String};

fn parse<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[test]
fn cross_file_references_resolve_to_one_shared_type() {
    let order: OrderPlacedEventData =
        parse(json!({"buyer": {"raw": "u1"}, "items": [{"raw": "u2"}]})).unwrap();
    assert_eq!(order.buyer.raw, "u1");
    assert_eq!(order.items.as_ref().unwrap()[0], UserId::new("u2"));
    assert!(parse::<OrderPlacedEventData>(json!({}))
        .unwrap_err()
        .contains("missing field `buyer`"));
}

#[test]
fn all_of_merges_bases_and_the_leaf_narrows_a_field() {
    let leaf: LeafEventData = parse(json!({"id": "a", "version": 7, "note": "n"})).unwrap();
    assert_eq!(
        (leaf.id.as_str(), leaf.version, leaf.note.as_str()),
        ("a", Some(7i32), "n")
    );
    let too_big =
        parse::<LeafEventData>(json!({"id": "a", "note": "n", "version": 1u64 << 40})).unwrap_err();
    assert!(too_big.contains("invalid value"), "{too_big}");
}

#[test]
fn extensible_enums_keep_unknown_values_and_never_misfile_known_ones() {
    let enums: EnumsEventData =
        parse(json!({"open": "purple", "closed": "S", "folded": "READ", "fixed": "v1"})).unwrap();
    let open = enums.open.clone().unwrap();
    assert!(
        matches!(&open, Color::UnrecognizedValue(v) if v.as_str() == "purple"),
        "{open:?}"
    );
    assert_eq!(Color::from("dark-blue"), Color::DarkBlue);
    assert_eq!(
        Color::from("other"),
        Color::Other,
        "a value named `other` is a listed value, not the catch-all"
    );
    assert_eq!(enums.folded, Some(Status::Read));
    assert_eq!(
        serde_json::to_value(&enums).unwrap(),
        json!({"open": "purple", "closed": "S", "folded": "Read", "fixed": "v1"})
    );
    assert_eq!(Color::VALUES, ["red", "dark-blue", "other"]);
}

#[test]
fn closed_enums_and_constants_reject_other_values() {
    let error = parse::<EnumsEventData>(json!({"closed": "XL"})).unwrap_err();
    assert!(
        error.contains("unknown variant `XL`, expected `S` or `M`"),
        "{error}"
    );
    let error = parse::<EnumsEventData>(json!({"fixed": "v2"})).unwrap_err();
    assert!(
        error.contains("unknown variant `v2`, expected `v1`"),
        "{error}"
    );
    assert_eq!("M".parse::<Size>(), Ok(Size::M));
    let error = "m".parse::<Size>().unwrap_err();
    assert_eq!(
        (error.type_name(), error.value()),
        ("Size", "m"),
        "closed enums are case-sensitive"
    );
    assert_eq!(error.to_string(), "not a `Size` value: `m`");
    let _: &dyn std::error::Error = &error;
}

#[test]
fn aliases_are_read_and_the_canonical_name_is_written() {
    let a: AliasEventData =
        parse(json!({"MessageId": "m", "receivedTimeStamp": "2020-09-18T00:22:20.2855749+00:00"}))
            .unwrap();
    assert_eq!(a.message_id, "m");
    assert_eq!(
        a.received_timestamp.unwrap().unix_timestamp_nanos(),
        1_600_388_540_285_574_900
    );
    let out = serde_json::to_value(&a).unwrap();
    assert_eq!(out["messageId"], "m");
    assert!(out.get("MessageId").is_none());
    assert!(parse::<AliasEventData>(json!({}))
        .unwrap_err()
        .contains("missing field `messageId`"));
}

#[test]
fn integers_may_arrive_as_strings_and_are_written_as_numbers() {
    let v: VersionedEventData = parse(json!({"version": "1613783230064", "count": "3"})).unwrap();
    assert_eq!((v.version, v.count), (1_613_783_230_064, Some(3)));
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        json!({"version": 1613783230064i64, "count": 3})
    );
    let v: VersionedEventData = parse(json!({"version": 5, "count": null})).unwrap();
    assert_eq!((v.version, v.count), (5, None));
    assert!(parse::<VersionedEventData>(json!({"version": "five"}))
        .unwrap_err()
        .contains("a string holding an integer"));
    assert!(
        parse::<VersionedEventData>(json!({"version": 1, "count": "9999999999"})).is_err(),
        "out of range for int32"
    );
}

#[test]
fn nullable_fields_defaults_maps_and_unions() {
    let m: MixedEventData = parse(
        json!({"maybe": null, "alsoMaybe": null, "labels": {"b": "2", "a": "1"},
        "anything": {"z": [1], "a": {"k": true}}, "target": "by-id"}),
    )
    .unwrap();
    assert_eq!(m.maybe, None);
    assert_eq!(m.also_maybe, Some(None), "an optional key's null is kept");
    assert!(!m.flag_or_default());
    assert_eq!(
        m.labels.as_ref().unwrap().get("a").map(String::as_str),
        Some("1")
    );
    // From text: `json!` objects are sorted by key (serde_json without `preserve_order`).
    let ordered: MixedEventData =
        serde_json::from_str(r#"{"maybe": null, "alsoMaybe": null, "anything": {"z": [1], "a": {"k": true, "b": 1.50}}}"#).unwrap();
    let anything = ordered.anything.as_ref().unwrap();
    assert_eq!(
        anything.keys().collect::<Vec<_>>(),
        ["z", "a"],
        "free-form objects keep the sender's key order"
    );
    assert_eq!(
        anything["a"].get(),
        r#"{"k": true, "b": 1.50}"#,
        "and their values as received"
    );
    assert_eq!(
        serde_json::to_string(&ordered).unwrap(),
        r#"{"maybe":null,"alsoMaybe":null,"anything":{"z":[1],"a":{"k": true, "b": 1.50}}}"#,
        "the optional key's null is written back"
    );
    assert_eq!(m.target, Some(MixedEventDataTarget::String("by-id".into())));
    let m: MixedEventData =
        parse(json!({"maybe": "x", "flag": true, "target": {"name": "n"}})).unwrap();
    assert!(m.flag_or_default());
    assert!(matches!(m.target, Some(MixedEventDataTarget::ByName(ref by)) if by.name == "n"));
    assert!(
        parse::<MixedEventData>(json!({}))
            .unwrap_err()
            .contains("missing field `maybe`"),
        "nullable but required"
    );
}

#[test]
fn recursive_types_parse_to_any_depth() {
    let t: TreeEventData = parse(
        json!({"root": {"value": "a", "parent": {"value": "p", "parent": {"value": "pp"}},
        "children": [{"value": "c", "children": []}]}}),
    )
    .unwrap();
    let root = t.root.unwrap();
    assert_eq!(
        root.parent
            .as_ref()
            .unwrap()
            .parent
            .as_ref()
            .unwrap()
            .value
            .as_deref(),
        Some("pp")
    );
    assert_eq!(
        root.children.as_ref().unwrap()[0].value.as_deref(),
        Some("c")
    );
}

#[test]
fn an_x_boxed_member_is_held_in_a_box_and_reads_and_writes_as_inline() {
    let t: TreeEventData = parse(json!({"annotation": {"note": "n", "author": "a"}})).unwrap();
    let annotation: Box<Annotation> = t.annotation.clone().unwrap();
    assert_eq!(
        (annotation.note.as_str(), annotation.author.as_deref()),
        ("n", Some("a"))
    );
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        json!({"annotation": {"note": "n", "author": "a"}})
    );
    let absent: TreeEventData = parse(json!({})).unwrap();
    assert!(absent.annotation.is_none());
    assert!(
        parse::<TreeEventData>(json!({"annotation": {"author": "a"}}))
            .unwrap_err()
            .contains("note")
    );
}

#[test]
fn dispatch_covers_every_event_schema() {
    assert_eq!(EventKind::ALL.len(), 36);
    assert_eq!(
        EventKind::from_event_type("test.tree"),
        Some(EventKind::Tree)
    );
    assert_eq!(
        EventKind::Heartbeat.event_type(),
        "Test.Ping",
        "x-variant-name overrides the variant"
    );
    let mut de = serde_json::Deserializer::from_str(r#"{"anything": 1}"#);
    let data = EventKind::Heartbeat.deserialize_data(&mut de).unwrap();
    assert_eq!(data.variant_name(), "Heartbeat");
    assert_eq!(event_types::ORDER_PLACED, "Shop.OrderPlaced");
}

#[test]
fn a_nullable_definition_is_an_option_at_every_use() {
    let shipment: ShipmentEventData =
        parse(json!({"carrier": null, "previousCarrier": "dhl", "label": null, "reserved": null, "eta": null})).unwrap();
    assert_eq!(shipment.carrier, None);
    assert_eq!(shipment.previous_carrier, Some(Carrier::Dhl));
    assert_eq!(shipment.label, None);
    // `type: null` alone: `()`, which holds the null itself.
    let () = shipment.reserved;
    let labelled: ShipmentEventData = parse(
        json!({"carrier": "ups", "previousCarrier": null, "label": {"url": "u"}, "reserved": null}),
    )
    .unwrap();
    assert_eq!(labelled.label.unwrap().url, "u");
    assert!(parse::<ShipmentEventData>(
        json!({"carrier": "ups", "previousCarrier": null, "label": null, "reserved": 1})
    )
    .unwrap_err()
    .contains("invalid type: integer `1`, expected unit"));
}

#[test]
fn an_all_of_overlay_refines_base_properties_without_dropping_their_fields() {
    let value = json!({"owner": {"login": "l", "id": 7, "email": "e"}, "tier": "pro", "tags": ["a"], "since": "2024-01-02T03:04:05Z"});
    let upgraded: AccountUpgradedEventData = parse(value.clone()).unwrap();
    assert_eq!(
        (
            upgraded.owner.login.as_str(),
            upgraded.owner.id,
            upgraded.owner.email.as_deref()
        ),
        ("l", 7, Some("e"))
    );
    assert_eq!(upgraded.tier, AccountUpgradedEventDataTier::Pro);
    assert_eq!(serde_json::to_value(&upgraded).unwrap(), value);
    // The overlay made `owner.id` required.
    let missing =
        parse::<AccountUpgradedEventData>(json!({"owner": {"login": "l"}, "tier": "pro"}))
            .unwrap_err();
    assert!(missing.contains("missing field `id`"), "{missing}");
}

#[test]
fn open_objects_keep_every_key() {
    let value = json!({
        "clientPayload": {"a": 1, "b": [true]},
        "inputs": {"x": "1"},
        "settings": {"mode": "m", "retries": 3},
        "extras": {"kind": "k", "z": {"deep": null}, "a": 2},
        "nothing": {}
    });
    let webhook: WebhookEventData = parse(value.clone()).unwrap();
    assert_eq!(
        webhook
            .settings
            .as_ref()
            .unwrap()
            .additional_properties
            .get("retries"),
        Some(&3)
    );
    assert_eq!(serde_json::to_value(&webhook).unwrap(), value);
    // Undeclared keys keep the sender's order (from text: `json!` objects are sorted).
    let text = r#"{"extras": {"z": {"deep": null}, "kind": "k", "a": 2}, "nothing": {}}"#;
    let ordered: WebhookEventData = serde_json::from_str(text).unwrap();
    assert_eq!(
        ordered
            .extras
            .as_ref()
            .unwrap()
            .additional_properties
            .keys()
            .collect::<Vec<_>>(),
        ["z", "a"]
    );
    assert_eq!(
        serde_json::to_string(&ordered).unwrap(),
        r#"{"extras":{"kind":"k","z":{"deep": null},"a":2},"nothing":{}}"#
    );
    assert!(
        parse::<WebhookEventData>(json!({"nothing": {}, "settings": {"retries": "x"}}))
            .unwrap_err()
            .contains("expected i64")
    );
    // `additionalProperties: false` closes the object: an undeclared key is an error.
    let error = parse::<WebhookEventData>(json!({"nothing": {"x": 1}})).unwrap_err();
    assert!(
        error.contains("unknown field `x`, there are no fields"),
        "{error}"
    );
    let anything: AnythingGoesEventData = parse(json!({"k": [1, 2], "j": "s"})).unwrap();
    assert_eq!(
        serde_json::to_value(&anything).unwrap(),
        json!({"k": [1, 2], "j": "s"})
    );
}

#[test]
fn several_types_become_unions_literals_or_any_value() {
    let value = json!({
        "reading": 42, "raw": {"o": [1]}, "exact": 1.5, "verified": true, "level": 2, "ratio": -1.5,
        "takenAt": "2024-01-02T03:04:05Z", "link": "mailto:x", "scores": ["a"]
    });
    let m: MeasurementEventData = parse(value.clone()).unwrap();
    assert_eq!(
        m.reading,
        Some(Some(MeasurementEventDataReading::Integer(42)))
    );
    assert_eq!(m.exact, Some(MeasurementEventDataExact::Number(1.5)));
    assert_eq!(m.verified, MeasurementEventDataVerified::TRUE);
    assert_eq!(m.level, Some(MeasurementEventDataLevel::N_2));
    assert_eq!(m.ratio, Some(MeasurementEventDataRatio::MINUS_1_5));
    assert!(
        matches!(&m.taken_at, Some(MeasurementEventDataTakenAt::DateTime(t)) if t.instant().map(|t| t.unix_timestamp()) == Some(1_704_164_645))
    );
    assert_eq!(
        m.scores,
        Some(MeasurementEventDataScores::StringList(vec!["a".into()]))
    );
    assert_eq!(serde_json::to_value(&m).unwrap(), value);
    // `format` annotates: a date-time that is not RFC 3339 is kept, without an instant.
    let loose: MeasurementEventData = parse(json!({"verified": true, "takenAt": "2018-04-25 20:42:10", "samples": ["2024-01-02T03:04:05.000Z", "soon"]})).unwrap();
    let Some(MeasurementEventDataTakenAt::DateTime(taken)) = &loose.taken_at else {
        panic!("{:?}", loose.taken_at)
    };
    assert_eq!(
        (taken.as_str(), taken.instant()),
        ("2018-04-25 20:42:10", None)
    );
    let samples = loose.samples.as_ref().unwrap();
    assert_eq!(
        samples
            .iter()
            .map(|s| (s.as_str(), s.instant().is_some()))
            .collect::<Vec<_>>(),
        [("2024-01-02T03:04:05.000Z", true), ("soon", false)]
    );
    assert_eq!(
        serde_json::to_value(&loose).unwrap()["samples"],
        json!(["2024-01-02T03:04:05.000Z", "soon"])
    );
    let text: MeasurementEventData =
        parse(json!({"reading": "n/a", "exact": 3, "verified": true, "takenAt": 17})).unwrap();
    assert_eq!(
        text.reading,
        Some(Some(MeasurementEventDataReading::String("n/a".into())))
    );
    assert_eq!(text.exact, Some(MeasurementEventDataExact::Integer(3)));
    assert_eq!(
        text.taken_at,
        Some(MeasurementEventDataTakenAt::Integer(17))
    );
    assert!(parse::<MeasurementEventData>(json!({"verified": false}))
        .unwrap_err()
        .contains("invalid value: boolean `false`"));
    assert!(
        parse::<MeasurementEventData>(json!({"verified": true, "level": 4}))
            .unwrap_err()
            .contains("invalid value: integer `4`")
    );
}

#[test]
fn an_event_payload_can_be_one_of_several_objects() {
    let added: SensorEventData = parse(json!({"added": "s1", "by": "me"})).unwrap();
    assert!(matches!(&added, SensorEventData::SensorAdded(a) if a.added == "s1"));
    let removed: SensorEventData = parse(json!({"removed": "s1"})).unwrap();
    assert!(matches!(&removed, SensorEventData::SensorRemoved(r) if r.removed == "s1"));
    let kind = EventKind::from_event_type("Test.Sensor.Changed").unwrap();
    let data = kind
        .deserialize_data(&mut serde_json::Deserializer::from_str(
            r#"{"removed": "s2"}"#,
        ))
        .unwrap();
    assert!(matches!(data, EventData::Changed(_)), "{data:?}");
}

#[test]
fn an_object_goes_to_the_option_that_declares_most_of_its_keys() {
    // Both options accept any object (no required keys): first-fit would give this to
    // `RegistrantPerson` and drop `vatId` and `employees`.
    let value = json!({"owner": {"name": "Acme", "vatId": "DE1", "employees": 12}});
    let company: RegistrationEventData = parse(value.clone()).unwrap();
    let Some(RegistrationEventDataOwner::RegistrantCompany(owner)) = &company.owner else {
        panic!("{:?}", company.owner)
    };
    assert_eq!(
        (
            owner.name.as_deref(),
            owner.vat_id.as_deref(),
            owner.employees
        ),
        (Some("Acme"), Some("DE1"), Some(12))
    );
    assert_eq!(serde_json::to_value(&company).unwrap(), value);
    // An alias counts as a known key.
    let aliased: RegistrationEventData = parse(json!({"owner": {"VatId": "DE2"}})).unwrap();
    assert!(
        matches!(&aliased.owner, Some(RegistrationEventDataOwner::RegistrantCompany(c)) if c.vat_id.as_deref() == Some("DE2"))
    );
    let person: RegistrationEventData =
        parse(json!({"owner": {"name": "Ada", "email": "ada@example.com"}})).unwrap();
    assert!(
        matches!(&person.owner, Some(RegistrationEventDataOwner::RegistrantPerson(p)) if p.email.as_deref() == Some("ada@example.com"))
    );
    // A tie keeps the schema's order.
    let tie: RegistrationEventData = parse(json!({"owner": {"name": "Bo"}})).unwrap();
    assert!(
        matches!(
            &tie.owner,
            Some(RegistrationEventDataOwner::RegistrantPerson(_))
        ),
        "{:?}",
        tie.owner
    );
    // The best candidate failing falls through to the next that parses.
    let fallback: RegistrationEventData =
        parse(json!({"owner": {"name": "Cy", "employees": "many", "vatId": "X"}})).unwrap();
    assert!(
        matches!(
            &fallback.owner,
            Some(RegistrationEventDataOwner::RegistrantPerson(_))
        ),
        "{:?}",
        fallback.owner
    );
    // When nothing fits, the error names the closest option and why.
    let error =
        parse::<RegistrationEventData>(json!({"owner": {"name": 5, "vatId": "X"}})).unwrap_err();
    assert!(error.contains("data did not match any option of `RegistrationEventDataOwner`; as `RegistrantCompany`: invalid type: integer `5`"), "{error}");
    let error = parse::<RegistrationEventData>(json!({"owner": "Acme"})).unwrap_err();
    assert!(
        error.contains("as `RegistrantPerson`: invalid type: string \"Acme\""),
        "{error}"
    );
}

#[test]
fn references_resolve_by_id_anchor_and_escaped_pointer() {
    let invoice: InvoiceEventData = parse(json!({
        "payer": {"name": "a", "address": {"city": "c"}}, "payee": {"name": "b"},
        "amount": {"cents": 5}, "currency": "EUR", "memo": "m"
    }))
    .unwrap();
    assert_eq!(invoice.payer.address.unwrap().city.as_deref(), Some("c"));
    assert_eq!(invoice.payee.unwrap().name, "b");
    assert_eq!(invoice.amount.cents, 5);
    assert_eq!(invoice.currency, Some(Code::Eur));
}

#[test]
fn colliding_names_are_told_apart() {
    let value = json!({"+1": 3, "-1": 1, "fooBar": "c", "foo_bar": "s", "type": "t"});
    let reaction: ReactionEventData = parse(value.clone()).unwrap();
    assert_eq!((reaction.plus_1, reaction.minus_1), (Some(3), Some(1)));
    assert_eq!(
        (
            reaction.foo_bar.as_deref(),
            reaction.foo_bar_snake.as_deref(),
            reaction.type_.as_deref()
        ),
        (Some("c"), Some("s"), Some("t"))
    );
    assert_eq!(serde_json::to_value(&reaction).unwrap(), value);
    assert_eq!(
        EventKind::from_event_type("Test.Comments.Created"),
        Some(EventKind::CommentsCreated)
    );
    assert_eq!(
        EventKind::from_event_type("Test.Reactions.Created"),
        Some(EventKind::ReactionsCreated)
    );
}

/// Types whose graph has no float are `Eq` and `Hash` (recursive ones too); closed enums are
/// also `Copy` and ordered in schema order.
#[test]
fn float_free_types_are_eq_and_hash_and_closed_enums_copy_and_ordered() {
    fn eq_hash<T: Eq + std::hash::Hash>() {}
    eq_hash::<Node>();
    eq_hash::<TreeEventData>();
    eq_hash::<Size>();
    let small = Size::S;
    let copied = small;
    assert!(
        small < Size::M && copied == Size::S,
        "declaration order is schema order"
    );
    let mut sizes = vec![Size::M, Size::S];
    sizes.sort();
    assert_eq!(sizes, [Size::S, Size::M]);
    let set: std::collections::HashSet<Size> = [Size::S, Size::S, Size::M].into_iter().collect();
    assert_eq!(set.len(), 2);
}

/// Each state of a key, absent or null or a value, reads back as received: a `null` the schema
/// allows is never folded into an absent key, and an absent key never comes back as `null`.
#[test]
fn absent_keys_and_nulls_read_back_as_received() {
    let all_null = json!({
        "always": "a", "alwaysOrNull": null, "sometimesOrNull": null, "anything": null,
        "anythingAtAll": null, "requiredAnything": null, "onlyNull": null, "requiredNull": null,
        "stampOrNull": null, "countOrNull": null, "reasonOrNull": null
    });
    let data: PresenceEventData = parse(all_null.clone()).unwrap();
    assert_eq!(data.always_or_null, None);
    assert_eq!(data.sometimes_or_null, Some(None));
    assert_eq!(data.anything.as_ref().map(|raw| raw.get()), Some("null"));
    assert_eq!(
        data.anything_at_all.as_ref().map(|raw| raw.get()),
        Some("null")
    );
    assert_eq!(data.required_anything.get(), "null");
    assert_eq!(data.only_null, Some(()));
    assert_eq!(data.stamp_or_null, Some(None));
    assert_eq!(data.count_or_null, Some(None));
    assert_eq!(data.reason_or_null, Some(None));
    assert_eq!(serde_json::to_value(&data).unwrap(), all_null);

    let all_absent =
        json!({"always": "a", "alwaysOrNull": "b", "requiredAnything": 1, "requiredNull": null});
    let data: PresenceEventData = parse(all_absent.clone()).unwrap();
    assert_eq!(
        (
            data.sometimes_or_null,
            data.anything.is_none(),
            data.only_null
        ),
        (None, true, None)
    );
    assert_eq!(
        (data.stamp_or_null, data.count_or_null, &data.reason_or_null),
        (None, None, &None)
    );
    assert_eq!(serde_json::to_value(&data).unwrap(), all_absent);

    let values = json!({
        "always": "a", "alwaysOrNull": "b", "sometimesOrNull": 3, "requiredAnything": [1],
        "requiredNull": null, "stampOrNull": "2024-01-02T03:04:05Z", "countOrNull": "12",
        "reasonOrNull": {"code": "c"}
    });
    let data: PresenceEventData = parse(values).unwrap();
    assert_eq!(data.sometimes_or_null, Some(Some(3)));
    assert_eq!(data.count_or_null, Some(Some(12)));
    assert_eq!(
        data.stamp_or_null.flatten().map(|t| t.unix_timestamp()),
        Some(1_704_164_645)
    );
    assert_eq!(
        data.reason_or_null
            .as_ref()
            .and_then(Option::as_ref)
            .map(|r| r.code.as_str()),
        Some("c")
    );

    // A null where the schema allows none is an error for a required key, and reads as absent
    // for an optional one (the documented leniency), never as a value.
    let error = parse::<PresenceEventData>(
        json!({"always": null, "alwaysOrNull": null, "requiredAnything": 1, "requiredNull": null}),
    )
    .unwrap_err();
    assert!(
        error.contains("invalid type: null, expected a string"),
        "{error}"
    );
    let lenient: PresenceEventData = parse(json!({"always": "a", "alwaysOrNull": null, "sometimes": null, "requiredAnything": 1, "requiredNull": null})).unwrap();
    assert_eq!(lenient.sometimes, None);
    let error = parse::<PresenceEventData>(
        json!({"always": "a", "alwaysOrNull": null, "requiredAnything": 1, "requiredNull": 0}),
    )
    .unwrap_err();
    assert!(error.contains("expected unit"), "{error}");
    let error = parse::<PresenceEventData>(
        json!({"always": "a", "alwaysOrNull": null, "requiredNull": null}),
    )
    .unwrap_err();
    assert!(
        error.contains("missing field `requiredAnything`"),
        "{error}"
    );
}

/// A key `required` lists without a property declaring it is a required field holding what
/// `additionalProperties` allows: kept on output, and its absence is an error.
#[test]
fn required_keys_without_a_property_are_required_fields() {
    let sent =
        json!({"name": "n", "token": [1, null], "limits": {"low": 1, "high": 9, "other": 3}});
    let data: UndeclaredEventData = parse(sent.clone()).unwrap();
    assert_eq!(data.token.get(), "[1,null]");
    assert_eq!((data.limits.low, data.limits.high), (Some(1), 9));
    assert_eq!(data.limits.additional_properties.get("other"), Some(&3));
    assert_eq!(serde_json::to_value(&data).unwrap(), sent);
    let error =
        parse::<UndeclaredEventData>(json!({"name": "n", "limits": {"high": 1}})).unwrap_err();
    assert!(error.contains("missing field `token`"), "{error}");
    let error =
        parse::<UndeclaredEventData>(json!({"name": "n", "token": 1, "limits": {"low": 1}}))
            .unwrap_err();
    assert!(error.contains("missing field `high`"), "{error}");
    let error =
        parse::<UndeclaredEventData>(json!({"name": "n", "token": 1, "limits": {"high": "x"}}))
            .unwrap_err();
    assert!(
        error.contains("invalid type: string \"x\", expected i64"),
        "{error}"
    );
}

/// Draft-03's `"required": true` on a property makes it required; `false` leaves it optional.
#[test]
fn draft_03_required_on_a_property_is_honoured() {
    let data: LegacyEventData = parse(json!({"id": "i"})).unwrap();
    assert_eq!((data.id.as_str(), data.note), ("i", None));
    let error = parse::<LegacyEventData>(json!({"note": "n"})).unwrap_err();
    assert!(error.contains("missing field `id`"), "{error}");
}

/// A `oneOf` beside an object's own `properties` and `required`: every option is merged with
/// them, so the object's required keys stay required and are written back.
#[test]
fn a_choice_beside_properties_keeps_them_in_every_option() {
    let sent = json!({"parcel": "p", "street": "s", "floor": 2});
    let routed: RoutedEventData = parse(sent.clone()).unwrap();
    let RoutedEventData::ToDoor(door) = &routed else {
        panic!("{routed:?}");
    };
    assert_eq!(
        (door.parcel.as_str(), door.street.as_str(), door.floor),
        ("p", "s", Some(2))
    );
    assert_eq!(serde_json::to_value(&routed).unwrap(), sent);
    let locker: RoutedEventData = parse(json!({"parcel": "p", "locker": "l"})).unwrap();
    assert!(
        matches!(&locker, RoutedEventData::ToLocker(l) if l.parcel == "p" && l.locker == "l"),
        "{locker:?}"
    );
    // The object's own required key is required in every option.
    let error = parse::<RoutedEventData>(json!({"locker": "l"})).unwrap_err();
    assert!(error.contains("parcel"), "{error}");
    let error = parse::<RoutedEventData>(json!({"parcel": "p"})).unwrap_err();
    assert!(
        error.contains("locker") || error.contains("street"),
        "{error}"
    );
}

/// An `allOf` member that is a `oneOf`: the choice is distributed over the other members, and
/// each merged struct still implements the base model's trait.
#[test]
fn a_choice_inside_all_of_is_distributed_over_the_other_members() {
    let sent = json!({"customer": "c", "at": "t", "phone": "1"});
    let contacted: ContactedEventData = parse(sent.clone()).unwrap();
    let ContactedEventData::ByPhone(by_phone) = &contacted else {
        panic!("{contacted:?}");
    };
    assert_eq!(Contact::customer(by_phone), "c");
    assert_eq!(by_phone.phone, "1");
    assert_eq!(serde_json::to_value(&contacted).unwrap(), sent);
    let error = parse::<ContactedEventData>(json!({"customer": "c"})).unwrap_err();
    assert!(
        error.contains("email") || error.contains("phone"),
        "{error}"
    );
    let error = parse::<ContactedEventData>(json!({"email": "e"})).unwrap_err();
    assert!(error.contains("customer"), "{error}");
}

/// `allOf` of numbers, or of a string and an `enum`, is that value: not an object.
#[test]
fn all_of_of_values_that_are_not_objects_is_their_conjunction() {
    let rated: RatedEventData = parse(json!({"stars": 4, "votes": 3, "grade": "good"})).unwrap();
    assert_eq!(rated.stars, 4.0);
    assert_eq!(rated.votes, Some(3));
    assert_eq!(rated.grade, Some(RatedEventDataGrade::Good));
    let error = parse::<RatedEventData>(json!({"stars": 4, "grade": "fine"})).unwrap_err();
    assert!(error.contains("unknown variant `fine`"), "{error}");
    let error = parse::<RatedEventData>(json!({"stars": 4, "votes": 1.5})).unwrap_err();
    assert!(error.contains("expected i64"), "{error}");
}

/// Array items and map values that may be null are `Option`s, so a null item is neither
/// rejected nor dropped.
#[test]
fn items_and_map_values_that_may_be_null_keep_their_nulls() {
    let sent = json!({"names": ["a", null, "b"], "scores": {"x": null, "y": 2}});
    let lists: ListsEventData = parse(sent.clone()).unwrap();
    assert_eq!(
        lists.names,
        [Some("a".to_string()), None, Some("b".to_string())]
    );
    let scores = lists.scores.as_ref().unwrap();
    assert_eq!(
        (scores.get("x"), scores.get("y")),
        (Some(&None), Some(&Some(2)))
    );
    assert_eq!(serde_json::to_value(&lists).unwrap(), sent);
    let error = parse::<ListsEventData>(json!({"names": [1]})).unwrap_err();
    assert!(
        error.contains("invalid type: integer `1`, expected a string"),
        "{error}"
    );
}

/// A keyword as a title, property or value, a title the generated code declares itself (`Key`),
/// and enum values that differ only in case all get distinct, valid names, deterministically.
#[test]
fn keywords_reserved_names_and_case_variants_get_distinct_names() {
    let sent = json!({"self": "a", "Self": "b", "key": {"id": "k"}, "mode": "ANY"});
    let data: Self_ = parse(sent.clone()).unwrap();
    // Numbered in wire-name order: `Self` sorts before `self`.
    assert_eq!(
        (data.self_.as_deref(), data.self_2.as_deref()),
        (Some("b"), Some("a"))
    );
    let key: &KeywordsKey = data.key.as_ref().unwrap();
    assert_eq!(key.id.as_deref(), Some("k"));
    assert_eq!(data.mode, Some(SelfMode::Any4));
    assert_eq!(serde_json::to_value(&data).unwrap(), sent);
    let modes = ["Any", "any", "ANY", "Any2", "self"].map(|v| parse::<SelfMode>(json!(v)).unwrap());
    assert_eq!(
        modes,
        [
            SelfMode::Any,
            SelfMode::Any3,
            SelfMode::Any4,
            SelfMode::Any2,
            SelfMode::Self_
        ]
    );
}

/// Types named as the prelude's (`String`, `Option`, `Some`, `Box`) are generated under those
/// names, and the standard types they shadow keep meaning the standard ones, in both forms.
#[test]
fn titles_that_are_prelude_names_shadow_nothing_the_generated_code_uses() {
    use eventgen_edge_cases::models as m;
    let sent = json!({
        "text": "t", "note": null, "tags": ["a"], "option": "off",
        "some": {"value": 3}, "boxed": {"inner": "i"}
    });
    let data: m::String = parse(sent.clone()).unwrap();
    let text: &String = &data.text;
    assert_eq!(text, "t");
    assert_eq!(data.note, Some(None));
    assert_eq!(data.tags.as_deref(), Some(&["a".to_string()][..]));
    assert_eq!(data.option, Some(m::Option::Off));
    let some: &m::Some = data.some.as_ref().unwrap();
    assert_eq!(some.value, Some(3));
    let boxed: &m::Box = data.boxed.as_ref().unwrap();
    assert_eq!(boxed.inner.as_deref(), Some("i"));
    assert_eq!(serde_json::to_value(&data).unwrap(), sent);
    let delivery = format!(
        r#"[{{"specversion":"1.0","type":"Test.Prelude","source":"/s","id":"1","data":{sent}}}]"#
    );
    let events = eventgen_runtime::borrowed::parse_delivery::<m::borrowed::EventData<'_>>(
        delivery.as_bytes(),
    )
    .unwrap();
    match &events[0].as_ref().unwrap().data {
        m::borrowed::EventData::Prelude(data) => assert_eq!(data.text, "t"),
        other => panic!("{other:?}"),
    }
}

/// A `$ref` to a file whose extension is not `.json` reads that file.
#[test]
fn a_reference_to_a_file_of_another_extension_reads_it() {
    let order: OrderPlacedEventData =
        parse(json!({"buyer": {"raw": "u1"}, "total": {"cents": 250, "currency": "EUR"}})).unwrap();
    let total: &Price = order.total.as_ref().unwrap();
    assert_eq!((total.cents, total.currency.as_deref()), (250, Some("EUR")));
}

/// An event's `data` may be any JSON value: an enum, a string, an array, anything, a timestamp.
/// Each is a named type `EventData` holds, read and written back as received.
#[test]
fn payloads_that_are_not_objects_are_named_types() {
    assert_eq!(
        parse::<LevelEventData>(json!("high")).unwrap(),
        LevelEventData::High
    );
    let note: NoteEventData = parse(json!("n")).unwrap();
    assert_eq!(note.0, "n");
    let readings: ReadingsEventData = parse(json!([1, null, -3])).unwrap();
    assert_eq!(readings.0, [Some(1), None, Some(-3)]);
    assert_eq!(
        serde_json::to_value(&readings).unwrap(),
        json!([1, null, -3])
    );
    let any: AnyPayloadEventData = serde_json::from_str(r#"{"k": [1.50, null]}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&any).unwrap(),
        r#"{"k": [1.50, null]}"#
    );
    let stamp: StampEventData = parse(json!("2024-01-02T03:04:05.5+01:00")).unwrap();
    assert_eq!(stamp.0.unix_timestamp(), 1_704_161_045);
    assert_eq!(
        serde_json::to_value(&stamp).unwrap(),
        json!("2024-01-02T03:04:05.5+01:00")
    );
    assert!(parse::<NoteEventData>(json!(1))
        .unwrap_err()
        .contains("expected a string"));
    assert!(parse::<StampEventData>(json!("yesterday")).is_err());

    // Through the event kind, as a delivery reads them.
    let kind = EventKind::from_event_type("Test.Payload.Readings").unwrap();
    let mut deserializer = serde_json::Deserializer::from_str("[2]");
    let data = kind.deserialize_data(&mut deserializer).unwrap();
    assert!(matches!(data, EventData::Readings(r) if r.0 == [Some(2)]));
}

/// An `enum` of several JSON kinds is a union of one closed enum or literal per kind; values
/// that `type` rules out are not values.
#[test]
fn enums_of_several_kinds_and_enums_narrowed_by_type() {
    let data: MixedValuesEventData = parse(json!({"setting": 2.5, "unit": "kg"})).unwrap();
    assert_eq!(
        data.setting,
        Some(MixedValuesEventDataSetting::Number(
            MixedValuesEventDataSettingNumber::N_2_5
        ))
    );
    assert_eq!(data.unit, Some(MixedValuesEventDataUnit::Kg));
    for (value, expected) in [
        (
            json!("auto"),
            MixedValuesEventDataSetting::String(MixedValuesEventDataSettingString::Auto),
        ),
        (
            json!(true),
            MixedValuesEventDataSetting::Bool(MixedValuesEventDataSettingBool::TRUE),
        ),
    ] {
        let data: MixedValuesEventData = parse(json!({"setting": value.clone()})).unwrap();
        assert_eq!(data.setting, Some(expected));
        assert_eq!(
            serde_json::to_value(&data).unwrap(),
            json!({"setting": value})
        );
    }
    let null: MixedValuesEventData = parse(json!({"setting": null})).unwrap();
    assert_eq!(null.setting, None);
    for rejected in [json!("manual"), json!(false), json!(3), json!([1])] {
        assert!(
            parse::<MixedValuesEventData>(json!({"setting": rejected.clone()})).is_err(),
            "{rejected}"
        );
    }
    // 7 and null are listed, but `type: string` rules them out.
    assert!(parse::<MixedValuesEventData>(json!({"setting": null, "unit": 7})).is_err());
    assert_eq!(MixedValuesEventDataUnit::VALUES, ["kg", "lb"]);
}

/// Keywords of several kinds without `type` constrain only their kinds: an object must fit
/// `properties`, an array `items`, and strings, numbers, booleans and null are valid as they are.
#[test]
fn keywords_of_several_kinds_without_type_admit_every_kind() {
    for shape in [
        json!({"side": 2}),
        json!(["a", "b"]),
        json!("square"),
        json!(4),
        json!(4.5),
        json!(true),
        json!(null),
    ] {
        let sent = json!({ "shape": shape });
        let data: UntypedEventData = parse(sent.clone()).unwrap();
        assert_eq!(serde_json::to_value(&data).unwrap(), sent, "{shape}");
    }
    let data: UntypedEventData = parse(json!({"shape": {"side": 2}})).unwrap();
    assert!(matches!(
        data.shape,
        Some(UntypedEventDataShape::Object(ref o)) if o.side == 2
    ));
    let data: UntypedEventData = parse(json!({"shape": 4})).unwrap();
    assert_eq!(data.shape, Some(UntypedEventDataShape::Integer(4)));
    for invalid in [json!({"side": "x"}), json!({}), json!([1])] {
        assert!(
            parse::<UntypedEventData>(json!({ "shape": invalid })).is_err(),
            "{invalid}"
        );
    }
}

/// `patternProperties`: keys matching a pattern are kept, with values of the patterns' types
/// (which pattern a key matches is, like `pattern`, not checked).
#[test]
fn pattern_properties_keep_their_keys_and_value_types() {
    let sent = json!({"counters": {"n_a": 1, "n_b": 2}, "labels": {"owner": "o", "x-team": "t", "n-size": 3}});
    let data: PatternsEventData = parse(sent.clone()).unwrap();
    let counters = data.counters.as_ref().unwrap();
    assert_eq!(
        (counters.get("n_a"), counters.get("n_b")),
        (Some(&1), Some(&2))
    );
    let labels = data.labels.as_ref().unwrap();
    assert_eq!(labels.owner.as_deref(), Some("o"));
    assert_eq!(
        labels.additional_properties.get("n-size"),
        Some(&PatternsEventDataLabelsValue::Integer(3))
    );
    assert_eq!(serde_json::to_value(&data).unwrap(), sent);
    assert!(parse::<PatternsEventData>(json!({"counters": {"n_a": "1"}})).is_err());
    assert!(parse::<PatternsEventData>(json!({"labels": {"x-team": true}})).is_err());
}

/// `prefixItems` held to exactly its length is a Rust tuple, each position its own type.
#[test]
fn arrays_of_exactly_so_many_items_are_tuples() {
    let sent = json!({"point": [1.5, -2.5], "tagged": ["t", null, true]});
    let data: TuplesEventData = parse(sent.clone()).unwrap();
    assert_eq!(data.point, (1.5, -2.5));
    assert_eq!(data.tagged, Some(("t".to_string(), None, true)));
    assert_eq!(serde_json::to_value(&data).unwrap(), sent);
    for invalid in [json!([1.5]), json!([1.5, 2.5, 3.5]), json!(["a", 1])] {
        assert!(
            parse::<TuplesEventData>(json!({ "point": invalid })).is_err(),
            "{invalid}"
        );
    }
    assert!(parse::<TuplesEventData>(json!({"point": [0, 0], "tagged": ["t", 1]})).is_err());
}

/// Numbers held as `f64` are written in the number form: an integral value as an integer, so
/// `4` comes back as `4` (JavaScript's and .NET's spelling), not `4.0`; `4.0` sent comes back
/// as `4`, the same number.
#[test]
fn integral_numbers_are_written_as_integers() {
    for (sent, written) in [
        (r#"{"stars":4}"#, r#"{"stars":4}"#),
        (r#"{"stars":4.5}"#, r#"{"stars":4.5}"#),
        (r#"{"stars":4.0}"#, r#"{"stars":4}"#),
        (r#"{"stars":-0.0}"#, r#"{"stars":0}"#),
        (r#"{"stars":1e300}"#, r#"{"stars":1e+300}"#),
    ] {
        let rated: RatedEventData = serde_json::from_str(sent).unwrap();
        assert_eq!(serde_json::to_string(&rated).unwrap(), written, "{sent}");
    }
    let tuples: TuplesEventData = serde_json::from_str(r#"{"point":[1,2.5]}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&tuples).unwrap(),
        r#"{"point":[1,2.5]}"#
    );
    let setting: MixedValuesEventData = serde_json::from_str(r#"{"setting":1}"#).unwrap();
    assert_eq!(serde_json::to_string(&setting).unwrap(), r#"{"setting":1}"#);
    let shape: UntypedEventData = serde_json::from_str(r#"{"shape":7.0}"#).unwrap();
    assert_eq!(serde_json::to_string(&shape).unwrap(), r#"{"shape":7}"#);
}

/// JSON Schema allows any key a schema does not declare unless `additionalProperties` is
/// false: such keys are kept, as received, and written back, never dropped.
#[test]
fn undeclared_keys_are_kept_unless_the_object_is_closed() {
    let sent = r#"{"stars":4,"comment":{"text":"fine","at":[1,2.50]},"votes":2}"#;
    let rated: RatedEventData = serde_json::from_str(sent).unwrap();
    assert_eq!(rated.votes, Some(2));
    assert_eq!(
        rated
            .additional_properties
            .get("comment")
            .map(|raw| raw.get()),
        Some(r#"{"text":"fine","at":[1,2.50]}"#)
    );
    assert_eq!(
        serde_json::to_string(&rated).unwrap(),
        r#"{"stars":4,"votes":2,"comment":{"text":"fine","at":[1,2.50]}}"#
    );
}

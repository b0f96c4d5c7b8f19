//! Random instances that a standard validator accepts must round-trip: each edge-case sample,
//! corrupted at random (values swapped, keys escaped, members cut or spliced), is validated
//! against its event's schema by `eventgen validate`'s validator (the `jsonschema` crate), and
//! every instance it accepts must parse and be written back as an equal JSON value.
//!
//! Two documented differences are set aside (README, "Schema extensions"): the forms the parser
//! refuses though a validator accepts them (an integer written `1.0`, an `int32` beyond its range,
//! a timestamp an `OffsetDateTime` cannot hold exactly, a repeated member), and the other spellings a schema declares (`x-aliases`,
//! `x-string-or-number`, enum aliases, case-insensitive enums), which are written back in the
//! canonical one and so are compared as parsed values (a validator checks nothing of a value
//! under an alias key, so there the parser may also refuse what it accepts).

use std::sync::OnceLock;

use eventgen::load::SchemaSet;
use eventgen::validate::{DeliveryValidator, Outcome};
use eventgen_edge_cases::models::EventData;
use eventgen_runtime::testing::json_equal;
use eventgen_runtime::testing::Rng;
use proptest::prelude::*;
use serde_json::Value;

#[path = "../../../tests/support/corrupt.rs"]
mod corrupt;
mod samples;

/// Event types whose schemas declare other spellings of keys or values.
const CANONICAL_SPELLINGS: &[&str] = &[
    "Test.Alias",
    "Test.Versioned",
    "Test.Enums",
    "Test.Registration.Created",
    "Test.Presence",
];

/// The edge-case schemas a 2020-12 validator reads: all but the draft-03 document, whose
/// `"required": true` no validator of this century accepts (its events go unchecked).
fn set() -> &'static SchemaSet {
    static SET: OnceLock<SchemaSet> = OnceLock::new();
    SET.get_or_init(|| {
        let all =
            SchemaSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas"))
                .unwrap();
        SchemaSet::from_documents(
            all.files
                .into_iter()
                .filter(|(file, _)| file != "presence/draft03.json"),
        )
        .unwrap()
    })
}

/// Forms the parser refuses though a validator accepts them: an integral number written with a
/// fraction or exponent where an integer is expected, an integer beyond `int32` or `i64`, a
/// timestamp an `OffsetDateTime` cannot hold exactly, and a repeated member (a validator reads
/// the last one).
fn documented_refusal(text: &str, value: &Value) -> bool {
    fn scalars<'v>(
        value: &'v Value,
        numbers: &mut Vec<&'v serde_json::Number>,
        strings: &mut Vec<&'v str>,
    ) {
        match value {
            Value::Number(n) => numbers.push(n),
            Value::String(s) => strings.push(s),
            Value::Array(items) => items.iter().for_each(|v| scalars(v, numbers, strings)),
            Value::Object(map) => map.values().for_each(|v| scalars(v, numbers, strings)),
            _ => {}
        }
    }
    let (mut numbers, mut strings) = (Vec::new(), Vec::new());
    scalars(value, &mut numbers, &mut strings);
    let odd_number = numbers.iter().any(|n| {
        let integral_float = n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0);
        let beyond_i32 = n.as_i64().is_some_and(|i| i32::try_from(i).is_err());
        integral_float || beyond_i32 || n.is_u64() && n.as_i64().is_none()
    });
    odd_number || strings.iter().any(|s| inexact_instant(s)) || has_repeated_member(text)
}

/// Whether `text` is an RFC 3339 timestamp (as `time` reads it) that no `OffsetDateTime` holds
/// exactly: a leap second, or a non-zero digit past the ninth fractional one.
fn inexact_instant(text: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    if time::OffsetDateTime::parse(text, &Rfc3339).is_err() {
        return false;
    }
    // RFC 3339's fixed prefix is ASCII, so these byte offsets are char boundaries.
    let leap_second = text.get(17..19) == Some("60");
    let fraction = text
        .get(19..)
        .filter(|rest| rest.starts_with('.'))
        .map(|rest| {
            rest[1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .collect::<Vec<u8>>()
        });
    let beyond_nanoseconds =
        fraction.is_some_and(|digits| digits.iter().skip(9).any(|&d| d != b'0'));
    leap_second || beyond_nanoseconds
}

/// Whether some object of `text` (valid JSON) repeats a key.
fn has_repeated_member(text: &str) -> bool {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    struct Unique;
    impl<'de> Visitor<'de> for Unique {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut keys = std::collections::BTreeSet::new();
            let mut repeated = false;
            while let Some(key) = map.next_key::<String>()? {
                repeated |= !keys.insert(key);
                repeated |= map.next_value::<Repeats>()?.0;
            }
            Ok(repeated)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            let mut repeated = false;
            while let Some(item) = seq.next_element::<Repeats>()? {
                repeated |= item.0;
            }
            Ok(repeated)
        }
        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    struct Repeats(bool);
    impl<'de> serde::Deserialize<'de> for Repeats {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Unique).map(Repeats)
        }
    }
    let _ = IgnoredAny;
    serde_json::from_str::<Repeats>(text).is_ok_and(|r| r.0)
}

fn delivery(event_type: &str, data: &Value) -> String {
    serde_json::json!([{
        "id": "1", "eventType": event_type, "subject": "s",
        "eventTime": "2024-05-06T07:08:09Z", "dataVersion": "1.0", "data": data
    }])
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn every_instance_a_validator_accepts_round_trips(
        sample in 0..samples::SAMPLES.len(),
        seed in any::<u64>(),
        rounds in 1..3usize,
    ) {
        let (event_type, data) = samples::SAMPLES[sample];
        let mut rng = Rng(seed);
        let mut text = data.to_string();
        for _ in 0..rounds {
            text = corrupt::corrupt_text(&text, &mut rng);
        }
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            return Ok(()); // not JSON: nothing for a validator to accept
        };
        let body = delivery(event_type, &value);
        let mut validator = DeliveryValidator::new(set());
        let verdicts = validator.validate(body.as_bytes()).unwrap();
        if verdicts[0].outcome != Outcome::Valid || documented_refusal(&text, &value) {
            return Ok(());
        }
        let events = eventgen_runtime::parse_delivery::<EventData>(body.as_bytes()).unwrap();
        let event = match &events[0] {
            Ok(event) => event,
            // A validator sees an alias key (`x-aliases`) as an undeclared one and checks
            // nothing of its value; the parser reads it as the property it stands for.
            Err(_) if CANONICAL_SPELLINGS.contains(&event_type) => return Ok(()),
            Err(error) => return Err(TestCaseError::fail(format!(
                "{event_type} {text}: valid for the validator, refused by the parser: {error}"
            ))),
        };
        let written = serde_json::to_value(&event.data).unwrap();
        if CANONICAL_SPELLINGS.contains(&event_type) {
            let again = eventgen_runtime::parse_delivery::<EventData>(delivery(event_type, &written).as_bytes()).unwrap();
            let again = again[0].as_ref().unwrap();
            prop_assert_eq!(&again.data, &event.data, "{} {}: written back as {}", event_type, text, written);
        } else {
            prop_assert!(json_equal(&written, &value), "{} {}: written back as {}", event_type, text, written);
        }
    }
}

/// The property checks something: a good share of the random instances are valid, across most
/// event types (a fixed seed, so the count is the same on every run).
#[test]
fn the_random_instances_include_many_valid_ones_of_most_event_types() {
    let mut validator = DeliveryValidator::new(set());
    let mut rng = Rng(0x7e57_5eed);
    let (mut valid, mut total) = (0, 0);
    let mut types = std::collections::BTreeSet::new();
    for (event_type, data) in samples::SAMPLES {
        for _ in 0..40 {
            let text = corrupt::corrupt_text(data, &mut rng);
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            total += 1;
            let body = delivery(event_type, &value);
            if validator.validate(body.as_bytes()).unwrap()[0].outcome == Outcome::Valid {
                valid += 1;
                types.insert(*event_type);
            }
        }
    }
    assert!(valid * 4 > total, "{valid} of {total} instances valid");
    assert!(
        types.len() * 3 > samples::SAMPLES.len(),
        "{} event types",
        types.len()
    );
}

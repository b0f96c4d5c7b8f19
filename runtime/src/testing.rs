//! Assertions for the fixture tests `eventgen` generates: parse a captured delivery, and check
//! that re-serializing typed data keeps every value. They panic with the path of the first
//! difference, as test assertions do; nothing else in this crate panics on input.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::{borrowed, parse_delivery, Event, EventSet};

/// The spellings the schemas declare equivalent (tables generated from the schemas; empty
/// where a set has none).
#[derive(Debug, Default, Clone, Copy)]
pub struct Spellings<'a> {
    /// (alias key, the key serialization writes).
    pub key_aliases: &'a [(&'a str, &'a str)],
    /// (other spelling of an enum value, the value serialization writes).
    pub value_aliases: &'a [(&'a str, &'a str)],
    /// Enum values recognised ignoring ASCII case.
    pub case_insensitive_values: &'a [&'a str],
    /// (integer code, the enum value serialization writes).
    pub integer_codes: &'a [(i64, &'a str)],
}

/// Parse a fixture body; every event must parse.
pub fn parse_fixture<D: EventSet>(body: &[u8]) -> Vec<Event<D>> {
    parse_delivery::<D>(body)
        .unwrap_or_else(|error| panic!("the fixture is not a delivery: {error}"))
        .into_iter()
        .map(|event| event.unwrap_or_else(|error| panic!("{error}")))
        .collect()
}

/// Parse a fixture body in the borrowed form and check it against the owned events `owned`:
/// every event parses, with the same envelope, the same raw data, a payload that serializes
/// the same, and one that `into_owned` turns into the owned payload.
pub fn assert_borrowed_matches<'a, B>(body: &'a [u8], owned: &[Event<B::Owned>])
where
    B: borrowed::EventSet<'a> + Serialize + Clone,
    B::Owned: PartialEq + Serialize + std::fmt::Debug,
{
    let events = borrowed::parse_delivery::<B>(body)
        .unwrap_or_else(|error| panic!("borrowed: the fixture is not a delivery: {error}"));
    assert_eq!(events.len(), owned.len(), "borrowed: number of events");
    for (event, owned) in events.into_iter().zip(owned) {
        let event = event.unwrap_or_else(|error| panic!("borrowed: {error}"));
        let at = event.index;
        assert_eq!(at, owned.index, "borrowed: index");
        assert_eq!(
            event.raw_data().map(RawValue::get),
            owned.raw_data().map(RawValue::get),
            "borrowed: raw data of event {at}"
        );
        let envelope = event.envelope.clone().into_owned();
        assert_eq!(
            format!("{envelope:?}"),
            format!("{:?}", owned.envelope),
            "borrowed: envelope of event {at}"
        );
        let written = serde_json::to_string(&event.data).expect("borrowed data serializes");
        assert_eq!(
            written,
            serde_json::to_string(&owned.data).expect("owned data serializes"),
            "borrowed: data of event {at}"
        );
        assert_eq!(
            event.data.into_owned(),
            owned.data,
            "borrowed: into_owned of event {at}"
        );
    }
}

/// Both parses read `body` alike through the fast structural scan and through the serde_json
/// pass alone: the same events, errors, envelopes and raw data, whichever pass produced them
/// (`Debug` compared), in the owned and the borrowed form.
pub fn assert_passes_agree<'a, B>(body: &'a [u8])
where
    B: borrowed::EventSet<'a> + std::fmt::Debug,
    B::Owned: std::fmt::Debug,
{
    use crate::read::Pass;
    let scanned = crate::delivery::parse_with::<B::Owned>(body, Pass::ScanFirst);
    let validated = crate::delivery::parse_with::<B::Owned>(body, Pass::Validated);
    assert_eq!(
        format!("{scanned:?}"),
        format!("{validated:?}"),
        "owned: the passes differ on {}",
        String::from_utf8_lossy(body)
    );
    let scanned =
        crate::borrowed::delivery::parse_with::<B>(body, Pass::ScanFirst, crate::read::UNLIMITED);
    let validated =
        crate::borrowed::delivery::parse_with::<B>(body, Pass::Validated, crate::read::UNLIMITED);
    assert_eq!(
        format!("{scanned:?}"),
        format!("{validated:?}"),
        "borrowed: the passes differ on {}",
        String::from_utf8_lossy(body)
    );
}

/// The direct parser reads `data` of an `event_type` event as the serde parse does: where it
/// takes the payload, the serde parse reads the same one (`Debug` compared); where the serde parse
/// fails, it gives up. Returns whether it took the payload, so callers can check it is used.
pub fn assert_direct_agrees<'a, B>(event_type: &str, data: &'a str) -> bool
where
    B: borrowed::EventSet<'a> + std::fmt::Debug,
{
    let kind = <B::Owned as EventSet>::kind_of(event_type)
        .unwrap_or_else(|| panic!("`{event_type}` has no schema"));
    let Some(direct) = B::direct_data(kind, data) else {
        return false;
    };
    let parsed =
        crate::read::parse_data(crate::raw_event::RawData::Unchecked(data), |deserializer| {
            B::deserialize_data(kind, deserializer)
        });
    match parsed {
        Ok(Ok(parsed)) => assert_eq!(
            format!("{direct:?}"),
            format!("{parsed:?}"),
            "the parses differ on {data}"
        ),
        Ok(Err((path, message))) => panic!(
            "the direct parser took {data}, which the serde parse refuses at {path}: {message}"
        ),
        Err(_) => panic!("the direct parser took {data}, which is not JSON"),
    }
    true
}

/// The raw `data` text of event `index` of a fixture body, read independently of the parser.
pub fn raw_data(body: &[u8], index: usize) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct DataOnly<'a> {
        #[serde(borrow)]
        data: Option<&'a RawValue>,
    }
    let event = match serde_json::from_slice::<Vec<&RawValue>>(body) {
        Ok(events) => events.get(index)?.get(),
        Err(_) => std::str::from_utf8(body).ok()?,
    };
    let event: DataOnly = serde_json::from_str(event).ok()?;
    event.data.map(|d| d.get().to_string())
}

/// The `data` of event `index` of a fixture body as a JSON value, read independently of the
/// parser.
pub fn input_data(body: &[u8], index: usize) -> Value {
    let delivery: Value = serde_json::from_slice(body).expect("the fixture is JSON");
    let event = match delivery {
        Value::Array(mut events) => events.swap_remove(index),
        object => object,
    };
    event.get("data").cloned().unwrap_or(Value::Null)
}

/// Serialize `data` and compare it with the data of event `index` of `body` under
/// [`assert_wire_equivalent`].
pub fn assert_data_round_trips<D: Serialize>(
    body: &[u8],
    index: usize,
    data: &D,
    spellings: &Spellings,
) {
    let output = serde_json::to_value(data).expect("typed data serializes");
    assert_wire_equivalent(&input_data(body, index), &output, "data", spellings);
}

/// JSON Schema's equality of two instances: numbers by value (`1` equals `1.0`), objects
/// regardless of key order, everything else as `Value`'s own equality.
pub fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Compare re-serialized typed data with the input data, as JSON values, under the
/// normalizations the generated types document and nothing else:
/// - a key may be an alias of the output key, or differ from it in ASCII case only;
/// - an enum value may be written in another declared spelling, case, or as its integer code;
/// - two strings that are both timestamps (RFC 3339, or .NET's general form) compare as
///   instants;
/// - a number sent as a JSON string equals the number; integers and floats compare by value;
/// - `null` for an optional property that does not admit it is written as an absent key.
///
/// Every other input key must be present in the output, and the output may not add keys.
pub fn assert_wire_equivalent(input: &Value, output: &Value, path: &str, spellings: &Spellings) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            let output_key = |key: &str| -> Option<String> {
                if b.contains_key(key) {
                    return Some(key.to_string());
                }
                let aliased = spellings
                    .key_aliases
                    .iter()
                    .find(|(alias, _)| *alias == key)
                    .map(|(_, wire)| *wire);
                if let Some(wire) = aliased.filter(|wire| b.contains_key(*wire)) {
                    return Some(wire.to_string());
                }
                b.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()
            };
            let mut matched = Vec::new();
            for (key, value) in a {
                match output_key(key) {
                    Some(k) => {
                        assert_wire_equivalent(value, &b[&k], &format!("{path}.{key}"), spellings);
                        matched.push(k);
                    }
                    None if value.is_null() => {}
                    None => panic!(
                        "{path}.{key} was lost: input {value}, output keys {:?}",
                        b.keys().collect::<Vec<_>>()
                    ),
                }
            }
            for key in b.keys() {
                assert!(
                    matched.contains(key),
                    "{path}.{key} was added by serialization: {}",
                    b[key]
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: array length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_wire_equivalent(x, y, &format!("{path}[{i}]"), spellings);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            let same_value = spellings
                .value_aliases
                .iter()
                .any(|(alias, value)| alias.eq_ignore_ascii_case(a) && value == b)
                || (a.eq_ignore_ascii_case(b)
                    && spellings.case_insensitive_values.contains(&b.as_str()));
            if same_value {
                return;
            }
            let instant = |s: &str| {
                OffsetDateTime::parse(s, &Rfc3339)
                    .ok()
                    .or_else(|| crate::formats::dotnet_general_date_time(s))
            };
            match (instant(a), instant(b)) {
                (Some(x), Some(y)) => {
                    assert_eq!(x, y, "{path}: timestamps {a} and {b} differ as instants")
                }
                _ => panic!("{path}: {a:?} became {b:?}"),
            }
        }
        (Value::String(a), Value::Number(b)) => {
            assert_eq!(
                a.parse::<f64>().ok(),
                b.as_f64(),
                "{path}: string number {a:?} became {b}"
            );
        }
        (Value::Number(a), Value::String(b)) => {
            let code = a
                .as_i64()
                .and_then(|a| spellings.integer_codes.iter().find(|(code, _)| *code == a));
            assert_eq!(
                code.map(|(_, value)| *value),
                Some(b.as_str()),
                "{path}: {a} became {b:?}"
            );
        }
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64(), "{path}"),
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    #[should_panic(expected = "data.b was lost")]
    fn a_lost_key_fails() {
        assert_wire_equivalent(
            &json!({"a": 1, "b": 2}),
            &json!({"a": 1}),
            "data",
            &Spellings::default(),
        );
    }

    #[test]
    #[should_panic(expected = "data.c was added")]
    fn an_added_key_fails() {
        assert_wire_equivalent(
            &json!({"a": 1}),
            &json!({"a": 1, "c": 3}),
            "data",
            &Spellings::default(),
        );
    }

    #[test]
    #[should_panic(expected = "differ as instants")]
    fn another_instant_fails() {
        assert_wire_equivalent(
            &json!("2024-01-01T00:00:00Z"),
            &json!("2024-01-01T00:00:01Z"),
            "data",
            &Spellings::default(),
        );
    }

    #[test]
    fn declared_spellings_and_same_instants_pass() {
        let spellings = Spellings {
            key_aliases: &[("From", "from")],
            integer_codes: &[(1, "expired")],
            ..Spellings::default()
        };
        let input =
            json!({"From": "x", "at": "2024-01-01T00:00:00.000Z", "state": 1, "gone": null});
        let output = json!({"from": "x", "at": "2024-01-01T00:00:00Z", "state": "expired"});
        assert_wire_equivalent(&input, &output, "data", &spellings);
    }

    #[test]
    fn raw_data_reads_a_batch_or_one_event() {
        assert_eq!(
            raw_data(br#"[{"data": {"a": 1}}, {"data": [2]}]"#, 1).as_deref(),
            Some("[2]")
        );
        assert_eq!(
            raw_data(br#"{"data": {"a": 1}}"#, 0).as_deref(),
            Some(r#"{"a": 1}"#)
        );
        assert_eq!(raw_data(br#"{"id": "1"}"#, 0), None);
    }
}

/// A small deterministic generator (xorshift64*) for tests that corrupt inputs: a fixed seed
/// makes a failure reproduce.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

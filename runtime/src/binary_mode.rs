//! CloudEvents binary content mode of any protocol binding: the attributes travel as message
//! metadata under the binding's prefix and the message body is the data. The event is rebuilt as
//! one structured CloudEvents object and read like any other, so both modes give the same
//! `Event`.
//!
//! | binding | attribute names | values | content type |
//! |---|---|---|---|
//! | HTTP | `ce-id` headers (any case) | percent-encoded | `Content-Type` |
//! | AMQP | `cloudEvents:id` (or `cloudEvents_id`) application properties | as is | `content-type` property |
//! | Kafka | `ce_id` headers | as is | `content-type` header |

use serde_json::{Map, Value};

use crate::error::{EventError, EventErrorKind};

/// The structured JSON text of the binary-mode event the attributes carry, `None` when they
/// carry no CloudEvents `specversion` (the body is then a structured event itself), or the error
/// that stops the event from being built.
pub(crate) fn to_structured<I, K, V>(
    attributes: I,
    data: &[u8],
) -> Result<Option<Vec<u8>>, EventError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<[u8]>,
{
    let mut object = Map::new();
    let mut content_type = None;
    let mut fault = None;
    for (name, value) in attributes {
        let (name, value) = (name.as_ref(), value.as_ref());
        let Some((attribute, binding)) = attribute_name(name) else {
            continue;
        };
        let text = match decode(binding, value) {
            Ok(text) => text,
            Err(why) => {
                fault.get_or_insert_with(|| (attribute.clone(), format!("`{name}` {why}")));
                continue;
            }
        };
        if attribute == "content-type" {
            content_type = Some(text);
        } else if object
            .insert(attribute.clone(), Value::String(text))
            .is_some()
        {
            fault.get_or_insert_with(|| {
                (
                    attribute.clone(),
                    format!("attribute `{attribute}` is given twice"),
                )
            });
        }
    }
    if !object.contains_key("specversion") {
        return Ok(None);
    }
    // The type and id name the event in every error.
    let attribute = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let (event_type, id) = (attribute("type"), attribute("id"));
    let fail = |kind, path: &str, message: String| EventError {
        index: 0,
        event_type: event_type.clone().map(Into::into),
        id: id.clone().map(Into::into),
        kind,
        path: path.to_string(),
        message,
        envelope: None,
        raw_data: None,
    };
    if let Some((path, message)) = fault {
        return Err(fail(EventErrorKind::Envelope, &path, message));
    }
    if let Some(content_type) = content_type {
        if !data.is_empty() && !is_json(&content_type) {
            return Err(fail(
                EventErrorKind::Data,
                "data",
                format!("binary-mode data of content type `{content_type}` is not JSON, and only JSON data is typed"),
            ));
        }
        object.insert("datacontenttype".into(), Value::String(content_type));
    }
    let mut text = serde_json::to_vec(&object)
        .map_err(|e| fail(EventErrorKind::Envelope, "", e.to_string()))?;
    if !data.is_empty() {
        let data = std::str::from_utf8(data).map_err(|e| {
            fail(
                EventErrorKind::Data,
                "data",
                format!(
                    "binary-mode data is not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        serde_json::from_str::<&serde_json::value::RawValue>(data).map_err(|e| {
            fail(
                EventErrorKind::Data,
                "data",
                format!("binary-mode data is not JSON: {e}"),
            )
        })?;
        text.pop(); // the closing brace
        text.extend_from_slice(b",\"data\":");
        text.extend_from_slice(data.trim().as_bytes());
        text.push(b'}');
    }
    Ok(Some(text))
}

/// How a binding writes attribute values.
#[derive(Clone, Copy)]
enum Binding {
    /// HTTP header values: percent-encoded where not printable ASCII.
    Http,
    /// AMQP application properties and Kafka headers: the value's UTF-8 text as is.
    Plain,
}

/// The CloudEvents attribute a metadata name carries (lower case), or `content-type`; `None`
/// for names of no binding (other application properties, `aeg-*` headers, …).
fn attribute_name(name: &str) -> Option<(String, Binding)> {
    if name.eq_ignore_ascii_case("content-type") {
        return Some(("content-type".into(), Binding::Plain));
    }
    const PREFIXES: [(&str, Binding); 4] = [
        ("ce-", Binding::Http),
        ("ce_", Binding::Plain),
        ("cloudEvents:", Binding::Plain),
        ("cloudEvents_", Binding::Plain),
    ];
    PREFIXES.iter().find_map(|&(prefix, binding)| {
        // `get` keeps the cut on a character boundary whatever the name holds.
        let head = name.get(..prefix.len())?;
        let rest = &name[prefix.len()..];
        (head.eq_ignore_ascii_case(prefix) && !rest.is_empty())
            .then(|| (rest.to_ascii_lowercase(), binding))
    })
}

fn decode(binding: Binding, value: &[u8]) -> Result<String, &'static str> {
    let text = std::str::from_utf8(value).map_err(|_| "is not UTF-8")?;
    match binding {
        Binding::Plain => Ok(text.to_string()),
        Binding::Http => percent_decode(text).ok_or("has a bad percent-encoding"),
    }
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

fn percent_decode(value: &str) -> Option<String> {
    if !value.contains('%') {
        return Some(value.to_string());
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn structured(pairs: &[(&str, &str)], data: &str) -> Value {
        let text = to_structured(pairs.iter().copied(), data.as_bytes())
            .unwrap()
            .expect("binary mode");
        serde_json::from_slice(&text).unwrap()
    }

    #[test]
    fn each_bindings_prefix_gives_the_same_event() {
        let wanted = serde_json::json!({"specversion": "1.0", "id": "1", "type": "T", "source": "/s",
            "subject": "café", "datacontenttype": "application/json", "data": {"a": 1}});
        for (prefix, subject) in [
            ("ce-", "caf%C3%A9"),
            ("CE-", "caf%C3%A9"),
            ("ce_", "café"),
            ("cloudEvents:", "café"),
            ("cloudEvents_", "café"),
        ] {
            let names =
                ["specversion", "id", "type", "source", "subject"].map(|n| format!("{prefix}{n}"));
            let pairs = [
                (names[0].as_str(), "1.0"),
                (names[1].as_str(), "1"),
                (names[2].as_str(), "T"),
                (names[3].as_str(), "/s"),
                (names[4].as_str(), subject),
                ("Content-Type", "application/json"),
                ("aeg-delivery-count", "0"),
                ("x-opt-enqueued-time", "whenever"),
            ];
            assert_eq!(structured(&pairs, r#" {"a": 1} "#), wanted, "{prefix}");
        }
    }

    #[test]
    fn without_specversion_it_is_not_binary_mode() {
        let pairs = [("ce_id", "1"), ("content-type", "application/json")];
        assert_eq!(to_structured(pairs, b"{}").unwrap(), None);
        assert_eq!(
            to_structured(Vec::<(&str, &str)>::new(), b"{}").unwrap(),
            None
        );
    }

    #[test]
    fn no_body_is_an_event_without_data() {
        let value = structured(&[("ce_specversion", "1.0"), ("ce_id", "1")], "");
        assert_eq!(value, serde_json::json!({"specversion": "1.0", "id": "1"}));
    }

    #[test]
    fn each_class_of_bad_attribute_or_data_is_an_error_naming_it() {
        let base = [("ce_specversion", "1.0"), ("ce_id", "7"), ("ce_type", "T")];
        // Extra attributes, data, and the error wanted: kind, path, start of the message.
        type Case<'a> = (
            Vec<(&'a str, &'a [u8])>,
            &'a [u8],
            EventErrorKind,
            &'a str,
            &'a str,
        );
        let cases: [Case<'_>; 6] = [
            (
                vec![("ce_id", b"8")],
                b"{}",
                EventErrorKind::Envelope,
                "id",
                "attribute `id` is given twice",
            ),
            (
                vec![("ce-subject", b"%zz")],
                b"{}",
                EventErrorKind::Envelope,
                "subject",
                "`ce-subject` has a bad percent-encoding",
            ),
            (
                vec![("ce-subject", b"%C3")],
                b"{}",
                EventErrorKind::Envelope,
                "subject",
                "`ce-subject` has a bad percent-encoding",
            ),
            (
                vec![("ce_subject", b"\xff")],
                b"{}",
                EventErrorKind::Envelope,
                "subject",
                "`ce_subject` is not UTF-8",
            ),
            (
                vec![("content-type", b"text/plain")],
                b"hello",
                EventErrorKind::Data,
                "data",
                "binary-mode data of content type `text/plain` is not JSON",
            ),
            (
                vec![],
                b"{\"a\": ",
                EventErrorKind::Data,
                "data",
                "binary-mode data is not JSON",
            ),
        ];
        for (extra, data, kind, path, message) in cases {
            let pairs = base
                .iter()
                .map(|&(name, value)| (name, value.as_bytes()))
                .chain(extra);
            let error = to_structured(pairs, data).unwrap_err();
            assert_eq!((error.kind, error.path.as_str()), (kind, path), "{message}");
            assert!(error.message.starts_with(message), "{}", error.message);
            assert_eq!(error.event_type.as_deref(), Some("T"));
        }
        let error = to_structured(base.iter().copied(), b"\xff").unwrap_err();
        assert_eq!(
            error.message,
            "binary-mode data is not UTF-8 (invalid byte at offset 0)"
        );
    }

    #[test]
    fn names_of_any_bytes_never_split_a_character() {
        for name in [
            "c",
            "cé",
            "ceé",
            "é-specversion",
            "cloudEvents",
            "cloudEventsé",
            "ce-",
            "ce_",
        ] {
            assert!(
                to_structured([(name, "1.0")], b"{}").unwrap().is_none(),
                "{name}"
            );
        }
    }
}

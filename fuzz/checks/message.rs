//! The invariants of the single-event entry points, shared by the `message` fuzz target: no
//! panic on any metadata or body; without binary-mode metadata `parse_message` is `parse_event`
//! of the body; in binary mode an event keeps the attributes' id and type and the body as its
//! `data`; `parse_event` of one event object is what `parse_delivery` yields for it; every
//! received item keeps its index.

use acs_events::{parse_delivery, parse_event, parse_message, pull, EventErrorKind};

/// Binding prefixes, in each case a binding may write them, and one that is none.
pub const PREFIXES: &[&str] = &[
    "ce-",
    "CE-",
    "ce_",
    "cloudEvents:",
    "cloudEvents_",
    "x-",
    "",
];
/// CloudEvents attributes, `content-type`, and an extension.
pub const ATTRIBUTES: &[&str] = &[
    "specversion",
    "id",
    "type",
    "source",
    "subject",
    "time",
    "datacontenttype",
    "dataschema",
    "content-type",
    "traceparent",
];

/// The metadata name the fuzzer's choice makes.
pub fn name(prefix: u8, attribute: u8, raw: String) -> String {
    if !raw.is_empty() {
        return raw;
    }
    let prefix = PREFIXES[usize::from(prefix) % PREFIXES.len()];
    let attribute = ATTRIBUTES[usize::from(attribute) % ATTRIBUTES.len()];
    if attribute == "content-type" {
        attribute.to_string()
    } else {
        format!("{prefix}{attribute}")
    }
}

/// Whether a name carries `specversion` under a binding prefix, as `parse_message` decides.
fn is_binary(pairs: &[(String, Vec<u8>)]) -> bool {
    pairs.iter().any(|(name, _)| {
        ["ce-", "ce_", "cloudevents:", "cloudevents_"]
            .iter()
            .any(|prefix| name.to_ascii_lowercase() == format!("{prefix}specversion"))
    })
}

/// Panics when an invariant breaks.
pub fn check(pairs: &[(String, Vec<u8>)], body: &[u8]) {
    let message = parse_message(pairs.iter().map(|(n, v)| (n.as_str(), v.as_slice())), body);
    let event = parse_event(body);
    if !is_binary(pairs) {
        assert_eq!(
            format!("{message:?}"),
            format!("{event:?}"),
            "without binary-mode metadata the body is the event"
        );
    } else if let Ok(message) = &message {
        let value = |attribute: &str| {
            pairs.iter().find_map(|(name, value)| {
                let lower = name.to_ascii_lowercase();
                (lower.ends_with(&format!("_{attribute}"))
                    || lower.ends_with(&format!(":{attribute}"))
                    || lower.ends_with(&format!("-{attribute}")))
                .then_some(value)
            })
        };
        if let Some(id) = value("id").filter(|v| !v.contains(&b'%')) {
            assert_eq!(
                message.envelope.id().as_bytes(),
                &id[..],
                "the id attribute"
            );
        }
        if !body.is_empty() {
            let data = message.raw_data().expect("binary data is kept");
            let text = std::str::from_utf8(body).unwrap().trim();
            assert_eq!(data.get(), text, "the body is data, as received");
        }
    }

    // One event object: what a delivery of it yields.
    let starts_array = std::str::from_utf8(body)
        .map(|t| {
            t.trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r'])
                .starts_with('[')
        })
        .unwrap_or(false);
    match (&event, parse_delivery(body)) {
        (Ok(event), Ok(delivered)) => {
            assert_eq!(delivered.len(), 1);
            assert_eq!(
                format!("{:?}", delivered[0]),
                format!("{:?}", Ok::<_, ()>(event))
            );
        }
        (Err(error), Ok(delivered)) if error.kind != EventErrorKind::Body => {
            assert_eq!(
                format!("{:?}", delivered[0]),
                format!("{:?}", Err::<(), _>(error))
            );
        }
        (Err(error), Ok(_)) => assert!(starts_array, "a body error of a delivery: {error}"),
        (Ok(_), Err(error)) => panic!("one event but no delivery: {error}"),
        (Err(error), Err(_)) => assert_eq!(error.kind, EventErrorKind::Body),
    }

    if let Ok(items) = pull::parse_receive_result(body) {
        for (index, item) in items.iter().enumerate() {
            match item {
                Ok(received) => match &received.event {
                    Ok(event) => assert_eq!(event.index, index),
                    Err(error) => assert_eq!(error.index, index),
                },
                Err(error) => assert_eq!(error.index, index),
            }
        }
    }
}

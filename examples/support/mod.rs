//! The JSON line both examples print for an event (`inspect` for a captured delivery, `webhook`
//! for received ones): `index`, `event_type`, `status`, `variant`, `data`, `error`.

use acs_events::{Event, EventData, EventError};
use serde::Serialize;
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Line<'a> {
    index: usize,
    event_type: Option<&'a str>,
    status: &'static str,
    variant: Option<&'static str>,
    data: Option<Data<'a>>,
    error: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Data<'a> {
    Typed(&'a EventData),
    Raw(Box<RawValue>),
}

/// One line of JSON (no trailing newline) describing event `index` of a delivery.
pub fn event_line(index: usize, event: &Result<Event, EventError>) -> String {
    let line = match event {
        Ok(event) => match &event.data {
            EventData::Unknown(unknown) => Line {
                index,
                event_type: Some(&event.envelope.event_type),
                status: "unknown",
                variant: Some("Unknown"),
                data: unknown.data.as_deref().map(|raw| Data::Raw(single_line(raw))),
                error: None,
            },
            typed => Line {
                index,
                event_type: Some(&event.envelope.event_type),
                status: "typed",
                variant: Some(typed.variant_name()),
                data: Some(Data::Typed(typed)),
                error: None,
            },
        },
        Err(error) => Line {
            index,
            event_type: error.event_type.as_deref(),
            status: "error",
            variant: None,
            data: None,
            error: Some(error.to_string()),
        },
    };
    // Serializing typed data, raw JSON and strings cannot fail.
    serde_json::to_string(&line).unwrap_or_else(|e| format!(r#"{{"index":{index},"status":"error","error":"{e}"}}"#))
}

/// Raw JSON with line breaks between tokens turned into spaces (JSON strings cannot contain a
/// raw line break, so no string changes and the value is identical).
fn single_line(raw: &RawValue) -> Box<RawValue> {
    let text = raw.get();
    if !text.contains(['\n', '\r']) {
        return raw.to_owned();
    }
    let flattened = text.replace(['\n', '\r'], " ");
    RawValue::from_string(flattened).unwrap_or_else(|_| raw.to_owned())
}

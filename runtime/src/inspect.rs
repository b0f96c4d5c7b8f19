//! One line of JSON per event, for tools and logs: `index`, `event_type`, `status` (`typed`,
//! `unknown` or `error`), `variant`, `data` and `error`.
//!
//! `data` is the typed value re-serialized (the schema's property names) for typed events, the
//! raw data for unknown event types (line breaks between tokens become spaces, so each event
//! stays on one line; every other byte is unchanged), and null on error.

use serde::Serialize;

use crate::{Event, EventError, EventSet};
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Line<'a, D> {
    index: usize,
    event_type: Option<&'a str>,
    status: &'static str,
    variant: Option<&'static str>,
    data: Option<Data<'a, D>>,
    error: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Data<'a, D> {
    Typed(&'a D),
    Raw(Box<RawValue>),
}

/// One line of JSON (no trailing newline) describing event `index` of a delivery.
pub fn event_line<D: EventSet + Serialize>(
    index: usize,
    event: &Result<Event<D>, EventError>,
) -> String {
    let line = match event {
        Ok(event) => match (event.data.as_unknown(), event.data.kind()) {
            (Some(unknown), _) => Line {
                index,
                event_type: Some(event.envelope.event_type()),
                status: "unknown",
                variant: Some("Unknown"),
                data: unknown
                    .data
                    .as_deref()
                    .map(|raw| Data::Raw(single_line(raw))),
                error: None,
            },
            (None, kind) => Line {
                index,
                event_type: Some(event.envelope.event_type()),
                status: "typed",
                variant: kind.map(D::kind_name),
                data: Some(Data::Typed(&event.data)),
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
    serde_json::to_string(&line)
        .unwrap_or_else(|e| format!(r#"{{"index":{index},"status":"error","error":"{e}"}}"#))
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

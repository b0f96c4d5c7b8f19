//! One line of JSON per event, for tools and logs: `index`, `event_type`, `status` (`typed`,
//! `unknown` or `error`), `variant`, `data` and `error`.
//!
//! `data` is the typed value re-serialized (the schema's property names) for typed events, the
//! raw data for unknown event types, and null on error. Each event is one line whatever its
//! values hold: line breaks between tokens of raw JSON (unknown data, and open values of typed
//! data, both kept as received) become spaces; every other byte is unchanged.

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
    Raw(&'a RawValue),
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
                data: unknown.data.as_deref().map(Data::Raw),
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
    let text = serde_json::to_string(&line)
        .unwrap_or_else(|e| format!(r#"{{"index":{index},"status":"error","error":"{e}"}}"#));
    single_line(text)
}

/// JSON text with its line breaks turned into spaces. serde_json escapes them inside strings, and
/// raw JSON (`RawValue`, `RawJson`) can hold them only between tokens, where a space means the
/// same: the value is unchanged, and the line is one line.
fn single_line(text: String) -> String {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    }
}

//! One line of JSON per event, for tools and logs: `index`, `event_type`, `status` (`typed`,
//! `unknown` or `error`), `variant`, `data` and `error`.
//!
//! `data` is the typed value re-serialized (the schema's property names) for typed events, the
//! raw data for unknown event types, and null on error. Each event is one line whatever its
//! values hold: line breaks between tokens of raw JSON (unknown data, and open values of typed
//! data, both kept as received) become spaces; every other byte is unchanged.
//!
//! [`command`] is a whole `inspect` program over a file or stdin, so that every generated event
//! set's example prints the same format.

use std::io::{self, Read, Write};
use std::process::ExitCode;

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

/// The `inspect` program for the event set `D`: `inspect FILE` (`-` for stdin) prints
/// [`event_line`] for each event of the delivery in FILE. A body that is not a delivery, an
/// unreadable file or a missing argument is a message on stderr and exit status 2, with nothing
/// on stdout; a closed stdout (piped into `head`) is exit status 1.
pub fn command<D: EventSet + Serialize>() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: inspect FILE   (FILE may be - for stdin)");
        return ExitCode::from(2);
    };
    let body = match read_body(&path) {
        Ok(body) => body,
        Err(error) => {
            eprintln!("inspect: cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let events = match crate::parse_delivery::<D>(&body) {
        Ok(events) => events,
        Err(error) => {
            eprintln!("inspect: {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (index, event) in events.iter().enumerate() {
        if writeln!(out, "{}", event_line(index, event)).is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The file's bytes, or stdin's for `-`.
fn read_body(path: &str) -> io::Result<Vec<u8>> {
    if path == "-" {
        let mut body = Vec::new();
        io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(path)
    }
}

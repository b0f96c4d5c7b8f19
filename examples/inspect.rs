//! Show what a captured Event Grid delivery contains, one JSON object per line per event:
//!
//! ```text
//! cargo run --release --example inspect -- FILE      # FILE may be `-` for stdin
//! {"index":0,"event_type":"Microsoft.Communication.SMSReceived","status":"typed","variant":"SmsReceived","data":{…},"error":null}
//! ```
//!
//! `data` is the typed value re-serialized (schema property names) for typed events, the raw
//! data for unknown event types (line breaks between tokens become spaces, so each event stays
//! on one line; every other byte is unchanged), and null on error. A body that is not a delivery
//! is reported on stderr with exit status 2 and nothing on stdout.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use acs_events::{parse_delivery, EventData};
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

fn main() -> ExitCode {
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
    let events = match parse_delivery(&body) {
        Ok(events) => events,
        Err(error) => {
            eprintln!("inspect: {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (index, event) in events.iter().enumerate() {
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
        let written = serde_json::to_writer(&mut out, &line).map_err(io::Error::from).and_then(|()| out.write_all(b"\n"));
        if written.is_err() {
            return ExitCode::from(1); // stdout closed (e.g. piped into `head`)
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn read_body(path: &str) -> io::Result<Vec<u8>> {
    if path == "-" {
        let mut body = Vec::new();
        io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(path)
    }
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

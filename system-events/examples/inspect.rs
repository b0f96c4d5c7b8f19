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

use azure_system_events::parse_delivery;

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
        if writeln!(
            out,
            "{}",
            azure_system_events::inspect::event_line(index, event)
        )
        .is_err()
        {
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

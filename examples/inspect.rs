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
//! is reported on stderr with exit status 2 and nothing on stdout. The program is the runtime's
//! `inspect::command`, the same for every generated event set.

fn main() -> std::process::ExitCode {
    acs_events::inspect::command::<acs_events::EventData>()
}

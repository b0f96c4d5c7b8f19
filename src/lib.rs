//! Typed bindings for the Azure Communication Services events that Azure Event Grid delivers.
//!
//! ```
//! use acs_events::{parse_delivery, EventData};
//!
//! let body = br#"[{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
//!   "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
//!   "dataVersion": "1.0", "metadataVersion": "1",
//!   "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}]"#;
//! for event in parse_delivery(body)? {
//!     match event {
//!         Ok(event) => match &event.data {
//!             EventData::SmsReceived(sms) => assert_eq!(sms.message, "hi"),
//!             other => println!("{} event", other.variant_name()),
//!         },
//!         Err(error) => eprintln!("{error}"),
//!     }
//! }
//! # Ok::<(), acs_events::DeliveryError>(())
//! ```
//!
//! The payload types in [`models`] are generated from the JSON Schemas in `schemas/` by
//! `eventgen` at build time; `generated/` in the repository holds the same code for review.

/// Generated payload types, event-type constants and the dispatch enums.
#[allow(clippy::all, rustdoc::broken_intra_doc_links)]
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}

mod delivery;
mod envelope;
mod error;
mod json_path;
pub mod webhook;

pub use delivery::{parse_delivery, Delivery, Envelope, Event, EventSchema};
pub use error::{DeliveryError, EventError, EventErrorKind};
pub use models::{event_types, EventData, EventKind, UnknownEventData};

/// The README's Rust examples, compiled (and run, where not `no_run`) as doctests so they stay
/// true. The webhook example needs the `axum` feature; CI tests with every feature.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

//! Parsing into payloads that borrow from the body (feature `borrowed`, on by default).
//!
//! [`parse_delivery`] returns the events [`crate::parse_delivery`] returns, with payloads from
//! [`crate::models::borrowed`]: strings are [`CowStr`], a slice of the body unless an escape
//! forces a copy, and open values are [`RawJson`] slices. Enums and timestamps are the owned
//! types, which hold nothing on the heap. It allocates a fraction of what the owned parse does;
//! `into_owned()` on an event or a payload gives the owned one when it must outlive the body.
//!
//! ```
//! use azure_system_events::borrowed::{parse_delivery, EventData};
//!
//! let body = br#"[{"id": "1", "topic": "/subscriptions/s", "subject": "/phonenumber/15555555555",
//!   "eventType": "Microsoft.Communication.SMSReceived", "eventTime": "2020-09-18T00:27:47Z",
//!   "dataVersion": "1.0", "metadataVersion": "1",
//!   "data": {"messageId": "Incoming_1", "from": "15555555555", "to": "15555555556", "message": "hi"}}]"#;
//! for event in parse_delivery(body)? {
//!     let event = event?;
//!     if let EventData::SmsReceived(sms) = &event.data {
//!         assert_eq!(sms.message, "hi");
//!         assert!(sms.message.is_borrowed(), "a slice of the body");
//!     }
//!     let owned: azure_system_events::Event = event.into_owned();
//!     assert_eq!(owned.data.variant_name(), "SmsReceived");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::DeliveryError;

pub use crate::models::borrowed::EventData;
pub use eventgen_runtime::borrowed::{CowStr, Envelope, RawJson, UnknownEventData};

/// One system event of a delivery, borrowed from the body.
pub type Event<'a> = eventgen_runtime::borrowed::Event<'a, EventData<'a>>;

/// The result for each event of a borrowed delivery, in order.
pub type Delivery<'a> = eventgen_runtime::borrowed::Delivery<'a, EventData<'a>>;

/// [`crate::parse_delivery`] into payloads that borrow from `body`: same events, same order,
/// same errors.
pub fn parse_delivery(body: &[u8]) -> Result<Delivery<'_>, DeliveryError> {
    eventgen_runtime::borrowed::parse_delivery(body)
}

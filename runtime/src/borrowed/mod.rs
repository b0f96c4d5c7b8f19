//! Borrowed parsing: payloads whose strings and open values are slices of the delivery's body.
//!
//! [`parse_delivery`] here returns the same events as [`crate::parse_delivery`], with each
//! payload type replaced by its borrowed counterpart from the generated `borrowed` module:
//! strings are [`CowStr`] (a slice of the body unless an escape forces a copy), open values
//! [`RawJson`], maps keyed by [`CowStr`]. Enums, numbers and timestamps are the owned types,
//! which hold nothing on the heap. `into_owned()` on an event or payload gives the owned one.
//!
//! ```
//! use eventgen_runtime::borrowed::{parse_delivery, UnknownEventData};
//!
//! let body = br#"[{"id": "1", "eventType": "Contoso.Orders.OrderPlaced", "subject": "orders/o-1",
//!   "eventTime": "2024-05-01T10:00:00Z", "data": {"orderId": "o-1"}, "dataVersion": "1"}]"#;
//! let delivery = parse_delivery::<UnknownEventData<'_>>(body)?;
//! let event = delivery[0].as_ref().unwrap();
//! assert_eq!(event.envelope.subject(), Some("orders/o-1"));
//! assert!(body.as_ptr_range().contains(&event.envelope.id().as_ptr()), "a slice of the body");
//! assert_eq!(event.raw_data().unwrap().get(), r#"{"orderId": "o-1"}"#);
//! # Ok::<(), eventgen_runtime::DeliveryError>(())
//! ```

pub(crate) mod delivery;
mod event;
mod event_set;
mod raw_json;

pub use crate::cow_str::CowStr;
pub use crate::envelope::borrowed::Envelope;
pub use delivery::{parse_delivery, Delivery};
pub use event::Event;
pub use event_set::{EventSet, UnknownEventData};
pub use raw_json::RawJson;

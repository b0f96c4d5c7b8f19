//! Event Grid namespace pull delivery of system events: the runtime's [`eventgen_runtime::pull`]
//! for this crate's [`EventData`]. Each event comes with its lock token, kept even when the event
//! fails, so it can be rejected.

use crate::{DeliveryError, EventData};

/// One received system event: its lock token, delivery count, and the event or its error.
pub type ReceivedEvent = eventgen_runtime::pull::ReceivedEvent<EventData>;

/// The results of one receive call, in order.
pub type ReceiveResult = eventgen_runtime::pull::ReceiveResult<EventData>;

/// Parse the body of an Event Grid namespace receive call (`{"value": [{"brokerProperties":
/// …, "event": …}]}`): each item a [`ReceivedEvent`], or an [`crate::EventError`] when its
/// broker properties cannot be read. Only a body that is not a receive result is a
/// [`DeliveryError`].
pub fn parse_receive_result(body: &[u8]) -> Result<ReceiveResult, DeliveryError> {
    eventgen_runtime::pull::parse_receive_result(body)
}

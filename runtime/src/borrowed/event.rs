//! The borrowed counterpart of [`crate::Event`]: strings and raw members are slices of the
//! delivery's body.

use serde_json::value::RawValue;

use super::{Envelope, EventSet};
use crate::shared_text::SharedText;

/// One event of a delivery, borrowed from the body; `D` is a generated borrowed `EventData<'a>`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Event<'a, D> {
    /// Position in the delivery.
    pub index: usize,
    /// The envelope members, in either schema.
    pub envelope: Envelope<'a>,
    /// The typed payload, or the set's unknown variant for an event type without a schema.
    pub data: D,
    /// `data` exactly as received: its JSON text, already validated.
    pub(crate) raw_data: Option<&'a str>,
}

impl<'a, D: EventSet<'a>> Event<'a, D> {
    /// The event's `data` exactly as received: members the schema does not know are here too.
    /// The text was validated when parsed; it becomes a `RawValue` on each call (one pass over
    /// it, no allocation), so a payload that is never asked for costs nothing.
    pub fn raw_data(&self) -> Option<&'a RawValue> {
        self.raw_data
            .and_then(|text| serde_json::from_str(text).ok())
    }

    /// The owned event, as [`crate::parse_delivery`] returns it.
    pub fn into_owned(self) -> crate::Event<D::Owned> {
        let typed = self.data.as_unknown().is_none();
        let raw_data = self.raw_data.filter(|_| typed).map(SharedText::copy_of);
        crate::Event {
            index: self.index,
            envelope: self.envelope.into_owned(),
            data: self.data.into_owned(),
            // The owned event keeps an unknown event's data in its payload only.
            raw_data,
        }
    }
}

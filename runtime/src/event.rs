//! [`Event`]: one event of a delivery, owned: its [`Envelope`], the typed payload and `data` as
//! received. Its borrowed counterpart is in [`crate::borrowed`].

use serde_json::value::RawValue;

use crate::envelope::Envelope;
use crate::event_set::EventSet;
use crate::shared_text::SharedText;

/// One event of a delivery whose envelope and data were read; `D` is the generated `EventData`.
///
/// It serializes to the stored form documented in `stored.rs` (index, envelope, `data` exactly
/// as received) and restores from it equal, the payload parsed again from that `data`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<D> {
    /// Position in the delivery.
    pub index: usize,
    /// The envelope members, in either schema.
    pub envelope: Envelope,
    /// The typed payload, or the set's unknown variant for an event type without a schema.
    pub data: D,
    /// `data` exactly as received, for typed events (unknown events keep it in `data`): its JSON
    /// text, validated by the typed parse that read it, in the delivery's shared copy of the body.
    pub(crate) raw_data: Option<SharedText>,
}

impl<D: EventSet> Event<D> {
    /// The event's `data` exactly as received: members the schema does not know are here too.
    /// A typed event keeps the text, validated when parsed, and views it as a `RawValue` on each
    /// call (one pass over it, no allocation). The typed events of one delivery keep their texts
    /// in one shared copy of the body (one allocation per delivery, not one per event), which
    /// lives as long as any of them.
    pub fn raw_data(&self) -> Option<&RawValue> {
        match self.data.as_unknown() {
            Some(unknown) => unknown.data.as_deref(),
            None => self
                .raw_data
                .as_ref()
                .and_then(|text| serde_json::from_str(text.as_str()).ok()),
        }
    }
}

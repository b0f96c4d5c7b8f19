//! `parse_delivery`: the HTTP body of an Event Grid delivery → every event, in order, each typed,
//! unknown, or an error of its own.
//!
//! Two phases per event (see ARCHITECTURE.md): the envelope is read with its members kept as
//! raw JSON (`read.rs`), then `data` is parsed once into the payload chosen by the event
//! type. Key order does not matter, and nothing is buffered into an intermediate tree.

use crate::error::{DeliveryError, EventError};
use crate::event::Event;
use crate::event_set::{EventSet, UnknownEventData};
use crate::raw_event::{Bail, RawEvent};
use crate::read;
use crate::shared_text::SharedBody;

/// The result for each event of a delivery, in order.
pub type Delivery<D> = Vec<Result<Event<D>, EventError>>;

/// Parse the HTTP body of an Event Grid delivery: a JSON array of events or one event object,
/// each in the Event Grid schema or CloudEvents 1.0 structured mode (detected per event).
///
/// Returns every event in order: typed, unknown ([`EventSet::unknown`]), or an [`EventError`]
/// naming its index, event type and the path of the member at fault. A bad event never hides
/// the others. Only a body that is not a delivery at all is a [`DeliveryError`].
///
/// [`crate::borrowed::parse_delivery`] reads the same body into payloads that borrow from it.
pub fn parse_delivery<D: EventSet>(body: &[u8]) -> Result<Delivery<D>, DeliveryError> {
    parse_with(body, read::Pass::ScanFirst)
}

/// [`parse_delivery`] by the chosen pass (tests check the two passes agree).
pub(crate) fn parse_with<D: EventSet>(
    body: &[u8],
    pass: read::Pass,
) -> Result<Delivery<D>, DeliveryError> {
    parse_text(read::body_text(body)?, pass)
}

/// [`parse_with`] of a body already made text by [`read::body_text`].
pub(crate) fn parse_text<D: EventSet>(
    text: &str,
    pass: read::Pass,
) -> Result<Delivery<D>, DeliveryError> {
    let mut shared = SharedBody::new(text);
    read::read_events(text, pass, read::UNLIMITED, |index, raw| {
        parse_event(index, raw, pass, &mut shared)
    })
}

/// One event. Payloads are read by the direct parser first under [`read::Pass::ScanFirst`]; the
/// serde parse decides where it gives up, and alone under [`read::Pass::Validated`].
fn parse_event<D: EventSet>(
    index: usize,
    raw: RawEvent<'_>,
    pass: read::Pass,
    shared: &mut SharedBody<'_>,
) -> Result<Result<Event<D>, EventError>, Bail> {
    let (envelope, raw_data) = match read::read_envelope(index, raw)? {
        Ok(read) => read,
        Err(error) => return Ok(Err(error)),
    };
    let envelope = envelope.into_owned();
    let Some(kind) = D::kind_of(envelope.event_type()) else {
        let raw_data = raw_data.map(read::owned_raw).transpose()?;
        let data = D::unknown(UnknownEventData::new(
            envelope.event_type().to_string(),
            raw_data,
        ));
        return Ok(Ok(Event {
            index,
            envelope,
            data,
            raw_data: None,
        }));
    };
    let Some(raw_data) = raw_data else {
        return Ok(Err(read::missing_data(index, envelope, D::kind_name(kind))));
    };
    if pass == read::Pass::ScanFirst {
        if let Some(data) = D::direct_data(kind, raw_data.text()) {
            return Ok(Ok(Event {
                index,
                envelope,
                data,
                raw_data: Some(shared.keep(raw_data.text())),
            }));
        }
    }
    Ok(
        match read::parse_data(raw_data, |deserializer| {
            D::deserialize_data(kind, deserializer)
        })? {
            // The typed parse has validated the text: the event keeps it, no second pass.
            Ok(data) => Ok(Event {
                index,
                envelope,
                data,
                raw_data: Some(shared.keep(raw_data.text())),
            }),
            Err((path, message)) => Err(read::data_error(
                index,
                envelope,
                path,
                message,
                Some(raw_data.checked()?),
            )),
        },
    )
}

//! `borrowed::parse_delivery`: [`crate::parse_delivery`] into payloads that borrow from the body.

use super::{Event, EventSet, UnknownEventData};
use serde_json::value::RawValue;

use crate::error::{DeliveryError, EventError};
use crate::raw_event::{Bail, RawData, RawEvent};
use crate::read;
use crate::EventSet as _;

/// The result for each event of a borrowed delivery, in order.
pub type Delivery<'a, D> = Vec<Result<Event<'a, D>, EventError>>;

/// [`crate::parse_delivery`] with payloads that borrow from `body`: strings are slices of it
/// unless an escape forces a copy, open values are slices of it. Same events, same order, same
/// errors (owned, so they outlive the body); [`Event::into_owned`] gives the owned event.
pub fn parse_delivery<'a, D: EventSet<'a>>(
    body: &'a [u8],
) -> Result<Delivery<'a, D>, DeliveryError> {
    parse_with(body, read::Pass::ScanFirst, read::UNLIMITED)
}

/// [`parse_delivery`] by the chosen pass, of at most `max_events` events: the webhook reads only
/// envelopes and raw data, which the serde_json pass does faster; tests check the two passes
/// agree.
pub(crate) fn parse_with<'a, D: EventSet<'a>>(
    body: &'a [u8],
    pass: read::Pass,
    max_events: usize,
) -> Result<Delivery<'a, D>, DeliveryError> {
    read::read_delivery(body, pass, max_events, |index, raw| {
        parse_event(index, raw, pass)
    })
}

/// One event. Payloads are read by the direct parser first under [`read::Pass::ScanFirst`]; the
/// serde parse decides where it gives up, and alone under [`read::Pass::Validated`], so tests can
/// hold the two to the same results.
fn parse_event<'a, D: EventSet<'a>>(
    index: usize,
    raw: RawEvent<'a>,
    pass: read::Pass,
) -> Result<Result<Event<'a, D>, EventError>, Bail> {
    let (envelope, raw_data) = match read::read_envelope(index, raw)? {
        Ok(read) => read,
        Err(error) => return Ok(Err(error)),
    };
    let Some(kind) = D::Owned::kind_of(envelope.event_type()) else {
        let raw_data = raw_data.map(RawData::checked).transpose()?;
        let data = D::unknown(UnknownEventData::new(envelope.event_type.clone(), raw_data));
        return Ok(Ok(Event {
            index,
            envelope,
            data,
            raw_data: raw_data.map(RawValue::get),
        }));
    };
    let Some(raw) = raw_data else {
        return Ok(Err(read::missing_data(
            index,
            envelope.into_owned(),
            D::Owned::kind_name(kind),
        )));
    };
    if pass == read::Pass::ScanFirst {
        if let Some(data) = D::direct_data(kind, raw.text()) {
            return Ok(Ok(Event {
                index,
                envelope,
                data,
                raw_data: Some(raw.text()),
            }));
        }
    }
    Ok(
        match read::parse_data(raw, |deserializer| D::deserialize_data(kind, deserializer))? {
            Ok(data) => Ok(Event {
                index,
                envelope,
                data,
                raw_data: Some(raw.text()),
            }),
            Err((path, message)) => Err(read::data_error(
                index,
                envelope.into_owned(),
                path,
                message,
                Some(raw.checked()?),
            )),
        },
    )
}

//! The delivery bodies the benchmarks parse, built once here so that `parse_delivery` and
//! `peers` time the same bytes: every Event Grid-schema fixture event of the kinds listed below,
//! compacted and repeated to a 2,000-event batch with `eventType` after `data` (the samples'
//! order) and before it (the documented order), and a single-event delivery (Event Grid's
//! default). Timestamps keep Azure's 7 fractional digits.

#[path = "../../tests/support/mod.rs"]
mod support;

use serde_json::Value;

pub const BATCH_EVENTS: usize = 2_000;

/// The kinds the benchmarks parse (the chat, SMS, email and advanced-messaging families and the
/// Event Grid events), as `Variant(DataType) = "eventType",` handed to `$then!`: one list for
/// the tagged-enum baseline, which needs the types, and for the bodies, which need the names.
macro_rules! event_kinds {
    ($then:ident) => {
        $then! {
            AdvancedMessageDeliveryStatusUpdated(AcsMessageDeliveryStatusUpdatedEventData) = "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated",
            AdvancedMessageReceived(AcsMessageReceivedEventData) = "Microsoft.Communication.AdvancedMessageReceived",
            ChatAzureBotCommandReceivedInThread(AcsChatAzureBotCommandReceivedInThreadEventData) = "Microsoft.Communication.ChatAzureBotCommandReceivedInThread",
            ChatMemberAddedToThreadWithUser(AcsChatMemberAddedToThreadWithUserEventData) = "Microsoft.Communication.ChatMemberAddedToThreadWithUser",
            ChatMemberRemovedFromThreadWithUser(AcsChatMemberRemovedFromThreadWithUserEventData) = "Microsoft.Communication.ChatMemberRemovedFromThreadWithUser",
            ChatMessageDeleted(AcsChatMessageDeletedEventData) = "Microsoft.Communication.ChatMessageDeleted",
            ChatMessageDeletedInThread(AcsChatMessageDeletedInThreadEventData) = "Microsoft.Communication.ChatMessageDeletedInThread",
            ChatMessageEdited(AcsChatMessageEditedEventData) = "Microsoft.Communication.ChatMessageEdited",
            ChatMessageEditedInThread(AcsChatMessageEditedInThreadEventData) = "Microsoft.Communication.ChatMessageEditedInThread",
            ChatMessageReceived(AcsChatMessageReceivedEventData) = "Microsoft.Communication.ChatMessageReceived",
            ChatMessageReceivedInThread(AcsChatMessageReceivedInThreadEventData) = "Microsoft.Communication.ChatMessageReceivedInThread",
            ChatParticipantAddedToThreadWithUser(AcsChatParticipantAddedToThreadWithUserEventData) = "Microsoft.Communication.ChatParticipantAddedToThreadWithUser",
            ChatParticipantRemovedFromThreadWithUser(AcsChatParticipantRemovedFromThreadWithUserEventData) = "Microsoft.Communication.ChatParticipantRemovedFromThreadWithUser",
            ChatThreadCreated(AcsChatThreadCreatedEventData) = "Microsoft.Communication.ChatThreadCreated",
            ChatThreadCreatedWithUser(AcsChatThreadCreatedWithUserEventData) = "Microsoft.Communication.ChatThreadCreatedWithUser",
            ChatThreadDeleted(AcsChatThreadDeletedEventData) = "Microsoft.Communication.ChatThreadDeleted",
            ChatThreadParticipantAdded(AcsChatParticipantAddedToThreadEventData) = "Microsoft.Communication.ChatThreadParticipantAdded",
            ChatThreadParticipantRemoved(AcsChatParticipantRemovedFromThreadEventData) = "Microsoft.Communication.ChatThreadParticipantRemoved",
            ChatThreadPropertiesUpdated(AcsChatThreadPropertiesUpdatedEventData) = "Microsoft.Communication.ChatThreadPropertiesUpdated",
            ChatThreadPropertiesUpdatedPerUser(AcsChatThreadPropertiesUpdatedPerUserEventData) = "Microsoft.Communication.ChatThreadPropertiesUpdatedPerUser",
            ChatThreadWithUserDeleted(AcsChatThreadWithUserDeletedEventData) = "Microsoft.Communication.ChatThreadWithUserDeleted",
            ChatTypingIndicatorReceivedInThread(AcsChatTypingIndicatorReceivedInThreadEventData) = "Microsoft.Communication.ChatTypingIndicatorReceivedInThread",
            EmailDeliveryReportReceived(AcsEmailDeliveryReportReceivedEventData) = "Microsoft.Communication.EmailDeliveryReportReceived",
            EmailEngagementTrackingReportReceived(AcsEmailEngagementTrackingReportReceivedEventData) = "Microsoft.Communication.EmailEngagementTrackingReportReceived",
            SmsDeliveryReportReceived(AcsSmsDeliveryReportReceivedEventData) = "Microsoft.Communication.SMSDeliveryReportReceived",
            SmsReceived(AcsSmsReceivedEventData) = "Microsoft.Communication.SMSReceived",
            SubscriptionDeletedEvent(SubscriptionDeletedEventData) = "Microsoft.EventGrid.SubscriptionDeletedEvent",
            SubscriptionValidationEvent(SubscriptionValidationEventData) = "Microsoft.EventGrid.SubscriptionValidationEvent",
        }
    };
}
#[allow(unused_imports)] // `peers` needs only the names.
pub(crate) use event_kinds;

macro_rules! event_types {
    ($($variant:ident($data:ty) = $event_type:literal,)*) => {
        /// The event types of [`event_kinds`].
        pub const EVENT_TYPES: &[&str] = &[$($event_type),*];
    };
}
event_kinds!(event_types);

/// The Event Grid-schema fixture events of [`EVENT_TYPES`], so every approach parses the same
/// events; CloudEvents fixtures have no `eventType` for the tagged-enum baseline to use.
pub fn event_grid_fixture_events() -> Vec<Value> {
    support::fixture_events()
        .into_iter()
        .map(|(_, _, event)| event)
        .filter(|event| {
            event["eventType"]
                .as_str()
                .is_some_and(|t| EVENT_TYPES.contains(&t))
        })
        .collect()
}

/// Reorder an event's members: `eventType` (and `eventTime`) before `data`, as documented.
fn event_type_first(event: &Value) -> Value {
    let object = event.as_object().unwrap();
    let mut ordered = serde_json::Map::new();
    for key in [
        "topic",
        "subject",
        "id",
        "eventType",
        "eventTime",
        "data",
        "dataVersion",
        "metadataVersion",
    ] {
        if let Some(v) = object.get(key) {
            ordered.insert(key.to_string(), v.clone());
        }
    }
    Value::Object(ordered)
}

pub fn batch(events: &[Value], count: usize, reorder: bool) -> Vec<u8> {
    let batch: Vec<Value> = (0..count)
        .map(|i| {
            let mut event = events[i % events.len()].clone();
            event["id"] = Value::String(format!("{:08x}-0000-4000-8000-{:012x}", i, i));
            if reorder {
                event_type_first(&event)
            } else {
                event
            }
        })
        .collect();
    serde_json::to_vec(&batch).unwrap()
}

/// A delivery of one chat message event, Event Grid's default of one event per request.
pub fn single(events: &[Value]) -> Vec<u8> {
    let event = events
        .iter()
        .find(|e| e["eventType"] == "Microsoft.Communication.ChatMessageReceivedInThread")
        .unwrap();
    serde_json::to_vec(&vec![event]).unwrap()
}

/// The three inputs, as (name, body, events in it), named as the benchmarks' groups.
#[allow(dead_code)] // `parse_delivery` builds them one by one.
pub fn inputs() -> [(&'static str, Vec<u8>, usize); 3] {
    let events = event_grid_fixture_events();
    [
        (
            "batch_type_after_data",
            batch(&events, BATCH_EVENTS, false),
            BATCH_EVENTS,
        ),
        (
            "batch_type_before_data",
            batch(&events, BATCH_EVENTS, true),
            BATCH_EVENTS,
        ),
        ("single_event", single(&events), 1),
    ]
}

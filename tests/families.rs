//! Family features: a family that is off still parses, its events as `Unknown` with their data
//! byte for byte. Meaningful in every feature configuration: CI runs the fixture tests with the
//! router family alone, and this file with the defaults.

use acs_events::{parse_delivery, EventData, EventKind};

const ROUTER_DATA: &str = r#"{"jobId": "j1", "channelReference": "c", "channelId": "voice", "queueId": "q", "labels": {"tier": 2}, "tags": {}, "assignmentId": "a", "workerId": "w"}"#;
const SMS_DATA: &str = r#"{"messageId": "m", "from": "1", "to": "2", "message": "hi"}"#;

fn delivery() -> String {
    let event = |id: &str, event_type: &str, data: &str| {
        format!(
            r#"{{"id": "{id}", "eventType": "{event_type}", "subject": "s", "eventTime": "2024-01-01T00:00:00Z", "dataVersion": "1.0", "data": {data}}}"#
        )
    };
    format!(
        "[{}, {}]",
        event(
            "r",
            "Microsoft.Communication.RouterJobCompleted",
            ROUTER_DATA
        ),
        event("s", "Microsoft.Communication.SMSReceived", SMS_DATA)
    )
}

#[test]
fn each_family_is_typed_with_its_feature_and_unknown_without_it() {
    let body = delivery();
    let events = parse_delivery(body.as_bytes()).unwrap();
    let (router, sms) = (events[0].as_ref().unwrap(), events[1].as_ref().unwrap());

    #[cfg(feature = "router")]
    {
        let EventData::RouterJobCompleted(job) = &router.data else {
            panic!("got {}", router.data.variant_name())
        };
        assert_eq!(
            (job.job_id.as_deref(), job.worker_id.as_deref()),
            (Some("j1"), Some("w"))
        );
        assert_eq!(
            EventKind::from_event_type("Microsoft.Communication.RouterJobCompleted"),
            Some(EventKind::RouterJobCompleted)
        );
    }
    #[cfg(not(feature = "router"))]
    {
        let EventData::Unknown(unknown) = &router.data else {
            panic!("got {}", router.data.variant_name())
        };
        assert_eq!(unknown.data.as_ref().unwrap().get(), ROUTER_DATA);
        assert_eq!(
            EventKind::from_event_type("Microsoft.Communication.RouterJobCompleted"),
            None
        );
    }

    #[cfg(feature = "sms")]
    {
        let EventData::SmsReceived(message) = &sms.data else {
            panic!("got {}", sms.data.variant_name())
        };
        assert_eq!(message.message, "hi");
    }
    #[cfg(not(feature = "sms"))]
    {
        let EventData::Unknown(unknown) = &sms.data else {
            panic!("got {}", sms.data.variant_name())
        };
        assert_eq!(unknown.data.as_ref().unwrap().get(), SMS_DATA);
    }
    // Either way the raw data is kept and serializes back unchanged in meaning.
    assert_eq!(router.raw_data().unwrap().get(), ROUTER_DATA);
}

#[test]
fn the_always_compiled_event_grid_events_do_not_depend_on_families() {
    assert!(
        EventKind::from_event_type("Microsoft.EventGrid.SubscriptionValidationEvent").is_some()
    );
    assert!(EventKind::ALL.len() >= 2);
}

//! The runtime serves this crate's generated `EventData` the way it serves `acs-events`: a
//! CloudEvents delivery over the webhook, the Event Grid handshakes (with no schema for the
//! validation event here), per-event errors and the inspect line.

use eventgen_runtime::webhook::{Answer, AnswerKind, Received, Webhook};
use eventgen_runtime::{inspect, parse_delivery, EventErrorKind, EventSchema};
use orders_events::{Carrier, EventData, EventKind, ShipmentEventBaseWeightKg};

fn post(body: &str) -> http::Request<Vec<u8>> {
    http::Request::post("/api/events")
        .header(
            "content-type",
            "application/cloudevents-batch+json; charset=utf-8",
        )
        .body(body.as_bytes().to_vec())
        .unwrap()
}

const SHIPMENTS: &str = r#"[
  {"specversion": "1.0", "type": "Contoso.Shipments.ShipmentDispatched", "source": "/topics/contoso-shipments", "id": "1",
   "time": "2026-03-02T07:45:00Z", "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
   "data": {"shipmentId": "s-1", "orderId": "o-1", "status": "dispatched", "carrier": "ups", "weightKg": "2 kg",
            "trackingNumber": "T-1", "dispatchedAt": "2026-03-02T07:44:10Z"}},
  {"specversion": "1.0", "type": "Contoso.Shipments.ShipmentDispatched", "source": "/topics/contoso-shipments", "id": "2",
   "data": {"shipmentId": "s-2", "orderId": "o-2", "status": "dispatched", "dispatchedAt": "2026-03-02T07:44:10Z"}},
  {"specversion": "1.0", "type": "Contoso.Shipments.ShipmentDelivered", "source": "/topics/contoso-shipments", "id": "3",
   "data": {"shipmentId": "s-3", "orderId": "o-3", "status": "delivered", "carrier": null, "weightKg": 0.8,
            "deliveredAt": "2026-03-03T15:01:30+01:00"}}
]"#;

#[test]
fn a_cloudevents_delivery_arrives_typed_with_a_bad_event_reported_on_its_own() {
    let webhook = Webhook::<EventData>::builder().build().unwrap();
    let Received::Notification(notification) = webhook.receive_request(post(SHIPMENTS)) else {
        panic!("a delivery is a notification");
    };
    let events = notification.into_events();
    assert_eq!(events.len(), 3);

    let first = events[0].as_ref().unwrap();
    assert_eq!(first.envelope.schema(), EventSchema::CloudEvents);
    assert_eq!(
        first.envelope.extension("traceparent").map(|v| v.get()),
        Some(r#""00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01""#)
    );
    let EventData::ShipmentDispatched(dispatched) = &first.data else {
        panic!("got {}", first.data.variant_name())
    };
    assert_eq!(dispatched.carrier, Some(Some(Carrier::Ups)));
    assert_eq!(
        dispatched.weight_kg,
        Some(ShipmentEventBaseWeightKg::String("2 kg".into()))
    );
    assert_eq!(dispatched.tracking_number, "T-1");

    let error = events[1].as_ref().unwrap_err();
    assert_eq!(
        (error.index, error.kind, error.event_type.as_deref()),
        (
            1,
            EventErrorKind::Data,
            Some("Contoso.Shipments.ShipmentDispatched")
        )
    );
    assert!(
        error.message.contains("trackingNumber"),
        "{}",
        error.message
    );

    let third = events[2].as_ref().unwrap();
    let EventData::ShipmentDelivered(delivered) = &third.data else {
        panic!("got {}", third.data.variant_name())
    };
    assert_eq!(delivered.carrier, None);
    assert_eq!(
        delivered.weight_kg,
        Some(ShipmentEventBaseWeightKg::Number(0.8))
    );
    assert_eq!(
        delivered
            .delivered_at
            .instant()
            .unwrap()
            .offset()
            .whole_hours(),
        1
    );
    assert_eq!(delivered.delivered_at.as_str(), "2026-03-03T15:01:30+01:00");
    assert_eq!(third.data.kind(), Some(EventKind::ShipmentDelivered));
}

#[test]
fn the_validation_handshake_is_answered_without_a_schema_for_it() {
    let body = r#"[{"id": "v-1", "topic": "/topics/contoso-orders", "subject": "", "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
      "eventTime": "2026-03-01T00:00:00Z", "dataVersion": "2", "metadataVersion": "1",
      "data": {"validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", "validationUrl": "https://rp-eastus2.eventgrid.azure.net/x"}}]"#;
    let webhook = Webhook::<EventData>::builder().build().unwrap();
    let Received::Answered(Answer {
        kind: AnswerKind::Validation(request),
        response,
        ..
    }) = webhook.receive_request(post(body))
    else {
        panic!("a validation event is a handshake");
    };
    assert_eq!(
        request.validation_code,
        "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"
    );
    assert_eq!(response.status(), 200);
    let answer: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        answer,
        serde_json::json!({"validationResponse": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"})
    );
}

#[test]
fn the_cloudevents_abuse_protection_handshake_is_answered() {
    let request = http::Request::options("/api/events")
        .header("webhook-request-origin", "eventgrid.azure.net")
        .body(Vec::new())
        .unwrap();
    let webhook = Webhook::<EventData>::builder().build().unwrap();
    let Received::Answered(Answer {
        kind: AnswerKind::AbuseProtection { origin },
        response,
        ..
    }) = webhook.receive_request(request)
    else {
        panic!("OPTIONS is the handshake")
    };
    assert_eq!(origin.as_deref(), Some("eventgrid.azure.net"));
    assert_eq!(
        response.headers()["webhook-allowed-origin"],
        "eventgrid.azure.net"
    );
}

#[test]
fn open_objects_keep_every_key_and_serialize_them_back() {
    let body = include_bytes!("../schemas/fixtures/orders/OrderPlaced.json");
    let delivery = parse_delivery::<EventData>(body).unwrap();
    let event = delivery[0].as_ref().unwrap();
    let EventData::OrderPlaced(order) = &event.data else {
        panic!("got {}", event.data.variant_name())
    };
    let attributes = order.attributes.as_ref().unwrap();
    assert_eq!(
        attributes.additional_properties.keys().collect::<Vec<_>>(),
        ["campaign", "referrer"]
    );
    assert_eq!(
        attributes.additional_properties["campaign"].to_value(),
        serde_json::json!({"id": 42, "name": "spring"})
    );
    let line: serde_json::Value =
        serde_json::from_str(&inspect::event_line(0, &delivery[0])).unwrap();
    assert_eq!(line["variant"], "OrderPlaced");
    assert_eq!(line["data"]["attributes"]["campaign"]["id"], 42);
    assert_eq!(line["data"]["coupon"], "SPRING26");
}

#[test]
fn an_event_type_without_a_schema_keeps_its_data_byte_for_byte() {
    let body = include_bytes!("../schemas/fixtures/shipments/ShipmentDelivered.json");
    let delivery = parse_delivery::<EventData>(body).unwrap();
    let event = delivery[2].as_ref().unwrap();
    let EventData::Unknown(unknown) = &event.data else {
        panic!("got {}", event.data.variant_name())
    };
    assert_eq!(unknown.event_type, "Contoso.Shipments.ShipmentRerouted");
    assert_eq!(
        event.raw_data().unwrap().get(),
        r#"{ "shipmentId": "s-503", "newAddress": { "city": "Potsdam" } }"#
    );
}

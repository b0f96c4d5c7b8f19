//! The webhook receiver over real HTTP on 127.0.0.1 (axum integration): both handshakes, every
//! content mode, the response contract, authentication, the allow-list, and concurrent load.

#![cfg(feature = "axum")]

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use acs_events::webhook::{
    axum::router, AegEventType, ContentMode, Notification, Outcome, SecretLocation,
    ValidationRequest, Webhook,
};
use acs_events::EventData;
use support::http::{request, Connection};

/// What the application saw: every notification, in arrival order.
#[derive(Clone, Default)]
struct Inbox(Arc<Mutex<Vec<Notification>>>);

impl Inbox {
    fn take(&self) -> Vec<Notification> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// Serve `webhook` on a free loopback port; the handler records notifications and answers
/// `outcome`.
async fn serve(webhook: Webhook, outcome: Outcome) -> (SocketAddr, Inbox) {
    let inbox = Inbox::default();
    let recorded = inbox.clone();
    let app = router("/api/events", webhook, move |notification| {
        let recorded = recorded.clone();
        let outcome = outcome.clone();
        async move {
            recorded.0.lock().unwrap().push(notification);
            outcome
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, inbox)
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(support::schemas_dir().join("fixtures").join(path)).unwrap()
}

/// Every fixture event in one Event Grid batch.
fn all_fixtures_batch() -> (Vec<u8>, usize) {
    let events: Vec<serde_json::Value> = support::fixture_events()
        .into_iter()
        .map(|(_, _, e)| e)
        .collect();
    (serde_json::to_vec(&events).unwrap(), events.len())
}

#[tokio::test]
async fn event_grid_validation_handshake_echoes_the_code_and_surfaces_the_url() {
    let seen: Arc<Mutex<Vec<ValidationRequest>>> = Arc::default();
    let hook = seen.clone();
    let webhook = Webhook::builder()
        .on_validation(move |request| hook.lock().unwrap().push(request.clone()))
        .build()
        .unwrap();
    let (addr, inbox) = serve(webhook, Outcome::Handled).await;
    let body = fixture("eventgrid/SubscriptionValidationEvent.docs.json");
    let headers = [
        ("aeg-event-type", "SubscriptionValidation"),
        ("aeg-subscription-name", "MY-SUB"),
        ("content-type", "application/json"),
    ];
    let response = request(addr, "POST", "/api/events", &headers, &body).await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.json(),
        serde_json::json!({"validationResponse": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"})
    );
    assert_eq!(response.header("content-type"), Some("application/json"));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].subscription_name.as_deref(), Some("MY-SUB"));
    assert!(seen[0]
        .validation_url
        .as_deref()
        .unwrap()
        .starts_with("https://rp-eastus2.eventgrid.azure.net:553/"));
    assert!(inbox.take().is_empty(), "a handshake is not a notification");
}

#[tokio::test]
async fn the_subscription_allow_list_is_case_insensitive_and_refuses_others() {
    let webhook = Webhook::builder()
        .allow_subscriptions(["my-sub"])
        .build()
        .unwrap();
    let (addr, _) = serve(webhook, Outcome::Handled).await;
    let body = fixture("eventgrid/SubscriptionValidationEvent.docs.json");
    let listed = request(
        addr,
        "POST",
        "/api/events",
        &[("aeg-subscription-name", "MY-SUB")],
        &body,
    )
    .await;
    assert_eq!(listed.status, 200);
    let other = request(
        addr,
        "POST",
        "/api/events",
        &[("aeg-subscription-name", "OTHER")],
        &body,
    )
    .await;
    assert_eq!(other.status, 403);
    let unnamed = request(addr, "POST", "/api/events", &[], &body).await;
    assert_eq!(unnamed.status, 403);
}

#[tokio::test]
async fn cloudevents_abuse_protection_handshake() {
    let (addr, _) = serve(Webhook::builder().build().unwrap(), Outcome::Handled).await;
    let headers = [
        ("WebHook-Request-Origin", "eventgrid.azure.net"),
        ("WebHook-Request-Rate", "120"),
    ];
    let granted = request(addr, "OPTIONS", "/api/events", &headers, b"").await;
    assert_eq!(granted.status, 200);
    assert_eq!(
        granted.header("webhook-allowed-origin"),
        Some("eventgrid.azure.net")
    );
    assert_eq!(granted.header("webhook-allowed-rate"), Some("*"));
    assert_eq!(granted.header("allow"), Some("POST"));
    let no_rate = request(addr, "OPTIONS", "/api/events", &headers[..1], b"").await;
    assert_eq!(
        (no_rate.status, no_rate.header("webhook-allowed-rate")),
        (200, None)
    );
    let plain = request(addr, "OPTIONS", "/api/events", &[], b"").await;
    assert_eq!(
        (plain.status, plain.header("allow")),
        (204, Some("POST, OPTIONS"))
    );

    let limited = Webhook::builder()
        .allowed_rate(100)
        .allow_origins(["eventgrid.azure.net"])
        .build()
        .unwrap();
    let (addr, _) = serve(limited, Outcome::Handled).await;
    let granted = request(addr, "OPTIONS", "/api/events", &headers, b"").await;
    assert_eq!(granted.header("webhook-allowed-rate"), Some("100"));
    let stranger = request(
        addr,
        "OPTIONS",
        "/api/events",
        &[("WebHook-Request-Origin", "evil.example")],
        b"",
    )
    .await;
    assert_eq!(
        (stranger.status, stranger.header("webhook-allowed-origin")),
        (403, None)
    );
}

#[tokio::test]
async fn every_content_mode_delivers_typed_events() {
    let (addr, inbox) = serve(Webhook::builder().build().unwrap(), Outcome::Handled).await;
    let sms = r#"{"messageId":"m","from":"1","to":"2","message":"hello"}"#;
    let ce = format!(
        r#"{{"specversion":"1.0","id":"c1","source":"/s","type":"Microsoft.Communication.SMSReceived","data":{sms}}}"#
    );

    let eg = request(
        addr,
        "POST",
        "/api/events",
        &[("aeg-event-type", "Notification")],
        &fixture("sms/SMSReceived.docs.json"),
    )
    .await;
    let structured_single = request(
        addr,
        "POST",
        "/api/events",
        &[(
            "content-type",
            "application/cloudevents+json; charset=utf-8",
        )],
        ce.as_bytes(),
    )
    .await;
    let structured_batch = request(
        addr,
        "POST",
        "/api/events",
        &[("content-type", "application/cloudevents-batch+json")],
        format!("[{ce},{ce}]").as_bytes(),
    )
    .await;
    let binary_headers = [
        ("ce-specversion", "1.0"),
        ("ce-id", "b1"),
        ("ce-source", "/s"),
        ("ce-type", "Microsoft.Communication.SMSReceived"),
        ("ce-traceparent", "00-1-2-01"),
        ("content-type", "application/json"),
    ];
    let binary = request(addr, "POST", "/api/events", &binary_headers, sms.as_bytes()).await;
    assert_eq!(
        [
            eg.status,
            structured_single.status,
            structured_batch.status,
            binary.status
        ],
        [200; 4]
    );

    let received = inbox.take();
    let counts: Vec<usize> = received.iter().map(|n| n.events().len()).collect();
    assert_eq!(counts, [1, 1, 2, 1]);
    assert_eq!(received[0].aeg.event_type, Some(AegEventType::Notification));
    assert_eq!(received[3].mode, ContentMode::Binary);
    for notification in &received[1..] {
        for event in notification.events() {
            let event = event.as_ref().unwrap();
            let EventData::SmsReceived(data) = &event.data else {
                panic!("expected SmsReceived")
            };
            assert_eq!(data.message, "hello");
        }
    }
    let binary_event = received[3].events()[0].as_ref().unwrap();
    assert_eq!(binary_event.envelope.id(), "b1");
    assert_eq!(binary_event.envelope.dedup_key(), ("/s", "b1"));
    assert_eq!(
        binary_event
            .envelope
            .extension("traceparent")
            .map(|v| v.get()),
        Some(r#""00-1-2-01""#)
    );
}

#[tokio::test]
async fn a_batch_of_every_fixture_arrives_typed() {
    let (addr, inbox) = serve(Webhook::builder().build().unwrap(), Outcome::Handled).await;
    let (body, count) = all_fixtures_batch();
    let response = request(addr, "POST", "/api/events", &[], &body).await;
    assert_eq!(response.status, 200);
    let received = inbox.take();
    assert_eq!(received.len(), 1);
    let events = received[0].events();
    assert_eq!(events.len(), count);
    for (index, event) in events.iter().enumerate() {
        let event = event.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(event.index, index);
        assert!(
            event.data.kind().is_some(),
            "event {index} is {}",
            event.data.variant_name()
        );
    }
    // Mixed with other events, a validation event is data for the application, not a handshake.
    assert!(events
        .iter()
        .flatten()
        .any(|e| matches!(e.data, EventData::SubscriptionValidationEvent(_))));
}

/// The handler may take the events borrowed from the body instead: the same events, strings
/// that point into the notification's body, and the owned events are then never parsed.
#[tokio::test]
async fn a_handler_can_take_the_events_borrowed_from_the_body() {
    let (addr, inbox) = serve(Webhook::builder().build().unwrap(), Outcome::Handled).await;
    let (body, count) = all_fixtures_batch();
    assert_eq!(
        request(addr, "POST", "/api/events", &[], &body)
            .await
            .status,
        200
    );
    let received = inbox.take();
    let notification = &received[0];
    let borrowed: acs_events::borrowed::Delivery<'_> = notification.borrowed_events();
    assert_eq!(borrowed.len(), count);
    let text = notification.body().as_ref().as_ptr_range();
    for event in borrowed.iter() {
        let event = event.as_ref().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            event.data.kind().is_some(),
            "event {} is {}",
            event.index,
            event.data.variant_name()
        );
        assert!(
            text.contains(&event.envelope.id().as_ptr()),
            "event {}'s id is not a slice of the body",
            event.index
        );
    }
    let owned: Vec<_> = borrowed
        .into_iter()
        .map(|event| event.unwrap().into_owned())
        .collect();
    let parsed: Vec<_> = received
        .into_iter()
        .next()
        .unwrap()
        .into_events()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(owned.len(), parsed.len());
    for (owned, parsed) in owned.iter().zip(&parsed) {
        assert_eq!(owned.data, parsed.data);
        assert_eq!(
            owned.raw_data().map(|raw| raw.get()),
            parsed.raw_data().map(|raw| raw.get())
        );
        assert_eq!(
            format!("{:?}", owned.envelope),
            format!("{:?}", parsed.envelope)
        );
    }
}

#[tokio::test]
async fn the_response_contract() {
    let (addr, _) = serve(
        Webhook::builder().body_limit(4096).build().unwrap(),
        Outcome::Handled,
    )
    .await;
    let not_json = request(addr, "POST", "/api/events", &[], b"{not json").await;
    assert_eq!(not_json.status, 400);
    assert!(not_json.json()["error"]
        .as_str()
        .unwrap()
        .starts_with("the body is not JSON"));
    assert_eq!(
        request(addr, "POST", "/api/events", &[], b"42")
            .await
            .status,
        400
    );
    let validation_without_event = request(
        addr,
        "POST",
        "/api/events",
        &[("aeg-event-type", "SubscriptionValidation")],
        b"[]",
    )
    .await;
    assert_eq!(validation_without_event.status, 400);
    let get = request(addr, "GET", "/api/events", &[], b"").await;
    assert_eq!(
        (get.status, get.header("allow")),
        (405, Some("POST, OPTIONS"))
    );

    let big = vec![b' '; 5000];
    let declared = request(addr, "POST", "/api/events", &[], &big).await;
    assert_eq!(declared.status, 413);
    let chunked = Connection::open(addr)
        .await
        .send_chunked("/api/events", &big, 1024)
        .await;
    assert_eq!(
        chunked.status, 413,
        "a chunked body is cut off at the limit too"
    );

    let (retry, _) = serve(
        Webhook::builder().build().unwrap(),
        Outcome::retry_after(Duration::from_secs(30)),
    )
    .await;
    let response = request(
        retry,
        "POST",
        "/api/events",
        &[],
        &fixture("sms/SMSReceived.docs.json"),
    )
    .await;
    assert_eq!(
        (response.status, response.header("retry-after")),
        (503, Some("30"))
    );
    let (reject, _) = serve(
        Webhook::builder().build().unwrap(),
        Outcome::reject("unsupported tenant"),
    )
    .await;
    let response = request(
        reject,
        "POST",
        "/api/events",
        &[],
        &fixture("sms/SMSReceived.docs.json"),
    )
    .await;
    assert_eq!(
        (response.status, response.json()["error"].as_str()),
        (400, Some("unsupported tenant"))
    );
}

#[tokio::test]
async fn default_limit_admits_a_one_megabyte_event() {
    let (addr, inbox) = serve(Webhook::builder().build().unwrap(), Outcome::Handled).await;
    let message = "x".repeat(1024 * 1024);
    let body = format!(
        r#"[{{"id":"big","eventType":"Microsoft.Communication.SMSReceived","eventTime":"2020-09-18T00:27:47Z","data":{{"messageId":"m","from":"1","to":"2","message":"{message}"}}}}]"#
    );
    assert_eq!(
        request(addr, "POST", "/api/events", &[], body.as_bytes())
            .await
            .status,
        200
    );
    assert_eq!(inbox.take()[0].events().len(), 1);
}

#[tokio::test]
async fn query_secrets_rotate_and_wrong_or_missing_secrets_are_401() {
    let webhook = Webhook::builder()
        .secrets(
            SecretLocation::Query("code".into()),
            ["old-secret", "new-secret"],
        )
        .build()
        .unwrap();
    let (addr, inbox) = serve(webhook, Outcome::Handled).await;
    let body = fixture("sms/SMSReceived.docs.json");
    for (target, status) in [
        ("/api/events?code=old-secret", 200),
        ("/api/events?x=1&code=new-secret", 200),
        ("/api/events?code=wrong", 401),
        ("/api/events?code=", 401),
        ("/api/events", 401),
    ] {
        assert_eq!(
            request(addr, "POST", target, &[], &body).await.status,
            status,
            "{target}"
        );
    }
    assert_eq!(
        inbox.take().len(),
        2,
        "refused requests never reach the application"
    );
    let validation = fixture("eventgrid/SubscriptionValidationEvent.docs.json");
    assert_eq!(
        request(addr, "POST", "/api/events", &[], &validation)
            .await
            .status,
        401,
        "handshakes are authenticated too"
    );

    // After rotation the old secret is retired.
    let rotated = Webhook::builder()
        .secrets(SecretLocation::Query("code".into()), ["new-secret"])
        .build()
        .unwrap();
    let (addr, _) = serve(rotated, Outcome::Handled).await;
    assert_eq!(
        request(addr, "POST", "/api/events?code=old-secret", &[], &body)
            .await
            .status,
        401
    );
    assert_eq!(
        request(addr, "POST", "/api/events?code=new-secret", &[], &body)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn header_secrets_and_bearer_tokens() {
    let webhook = Webhook::builder()
        .secrets(
            SecretLocation::Header(http::HeaderName::from_static("x-webhook-secret")),
            ["s"],
        )
        .bearer_validator(|token: &str| token == "good-token")
        .build()
        .unwrap();
    let (addr, _) = serve(webhook, Outcome::Handled).await;
    let body = fixture("sms/SMSReceived.docs.json");
    let both = [
        ("X-Webhook-Secret", "s"),
        ("Authorization", "Bearer good-token"),
    ];
    assert_eq!(
        request(addr, "POST", "/api/events", &both, &body)
            .await
            .status,
        200
    );
    let bad_token = request(
        addr,
        "POST",
        "/api/events",
        &[("X-Webhook-Secret", "s"), ("Authorization", "Bearer bad")],
        &body,
    )
    .await;
    assert_eq!(
        (bad_token.status, bad_token.header("www-authenticate")),
        (401, Some("Bearer"))
    );
    assert_eq!(
        request(addr, "POST", "/api/events", &both[1..], &body)
            .await
            .status,
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_deliver_every_event_exactly_once() {
    const CLIENTS: usize = 16;
    const REQUESTS_PER_CLIENT: usize = 20;
    let counts: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let counter = counts.clone();
    let app = router(
        "/api/events",
        Webhook::builder().build().unwrap(),
        move |notification: Notification| {
            let counter = counter.clone();
            async move {
                let mut counts = counter.lock().unwrap();
                for event in notification.events().iter() {
                    let event = event.as_ref().expect("every event parses");
                    *counts.entry(event.envelope.id().to_string()).or_default() += 1;
                }
                Outcome::Handled
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let template: Vec<serde_json::Value> = support::fixture_events()
        .into_iter()
        .map(|(_, _, e)| e)
        .collect();
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let template = template.clone();
        clients.push(tokio::spawn(async move {
            let mut connection = Connection::open(addr).await;
            let mut statuses = Vec::new();
            for request in 0..REQUESTS_PER_CLIENT {
                let batch: Vec<serde_json::Value> = template
                    .iter()
                    .enumerate()
                    .map(|(i, event)| {
                        let mut event = event.clone();
                        event["id"] = format!("{client}-{request}-{i}").into();
                        event
                    })
                    .collect();
                let response = connection
                    .send(
                        "POST",
                        "/api/events",
                        &[],
                        &serde_json::to_vec(&batch).unwrap(),
                    )
                    .await;
                statuses.push(response.status);
            }
            statuses
        }));
    }
    for client in clients {
        assert!(
            client.await.unwrap().iter().all(|&status| status == 200),
            "no error responses"
        );
    }
    let counts = counts.lock().unwrap();
    assert_eq!(
        counts.len(),
        CLIENTS * REQUESTS_PER_CLIENT * template.len(),
        "no event lost"
    );
    assert!(counts.values().all(|&n| n == 1), "no event received twice");
}

/// An application's own state, holding the receiver: the extractor reads the webhook from it.
#[derive(Clone)]
struct App {
    webhook: Webhook,
    seen: Arc<Mutex<Vec<String>>>,
    outcome: Arc<Mutex<Outcome>>,
}

impl axum::extract::FromRef<App> for Webhook {
    fn from_ref(app: &App) -> Webhook {
        app.webhook.clone()
    }
}

/// A handler the axum way: `State` and another extractor beside the events, `Outcome` returned.
async fn on_events(
    axum::extract::State(app): axum::extract::State<App>,
    uri: http::Uri,
    notification: Notification,
) -> Outcome {
    for event in notification.events().iter() {
        let event = event.as_ref().expect("every event parses");
        app.seen.lock().unwrap().push(format!(
            "{} {} {}",
            uri.path(),
            event.envelope.id(),
            event.data.variant_name()
        ));
    }
    app.outcome.lock().unwrap().clone()
}

#[tokio::test]
async fn the_extractor_composes_with_state_other_extractors_and_an_existing_router() {
    let app = App {
        webhook: Webhook::builder()
            .secrets(SecretLocation::Query("code".into()), ["s3cret"])
            .build()
            .unwrap(),
        seen: Arc::default(),
        outcome: Arc::new(Mutex::new(Outcome::Handled)),
    };
    // Mounted beside the application's own routes, under a prefix.
    let router = axum::Router::new()
        .route("/health", axum::routing::get(|| async { "ok" }))
        .nest(
            "/hooks",
            axum::Router::new().route("/acs", axum::routing::any(on_events)),
        )
        .with_state(app.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let sms = fixture("sms/SMSReceived.docs.json");
    let response = request(
        addr,
        "POST",
        "/hooks/acs?code=s3cret",
        &[("content-type", "application/json")],
        &sms,
    )
    .await;
    assert_eq!(response.status, 200);
    let id = serde_json::from_slice::<serde_json::Value>(&sms).unwrap()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // `Uri` inside a nested router is the rest of the path, as axum gives it.
    assert_eq!(
        *app.seen.lock().unwrap(),
        [format!("/acs {id} SmsReceived")]
    );

    // The handshake and the refusals are the extractor's rejection: the handler never runs.
    let validation = fixture("eventgrid/SubscriptionValidationEvent.docs.json");
    let headers = [("aeg-event-type", "SubscriptionValidation")];
    let answered = request(
        addr,
        "POST",
        "/hooks/acs?code=s3cret",
        &headers,
        &validation,
    )
    .await;
    assert_eq!(
        (answered.status, answered.json()),
        (
            200,
            serde_json::json!({"validationResponse": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"})
        )
    );
    assert_eq!(
        request(addr, "POST", "/hooks/acs?code=wrong", &[], &sms)
            .await
            .status,
        401
    );
    assert_eq!(
        request(addr, "POST", "/hooks/acs?code=s3cret", &[], b"{not json")
            .await
            .status,
        400
    );
    let get = request(addr, "GET", "/hooks/acs?code=s3cret", &[], b"").await;
    assert_eq!(
        (get.status, get.header("allow")),
        (405, Some("POST, OPTIONS"))
    );
    let options = request(
        addr,
        "OPTIONS",
        "/hooks/acs?code=s3cret",
        &[("webhook-request-origin", "eventgrid.azure.net")],
        b"",
    )
    .await;
    assert_eq!(
        (options.status, options.header("webhook-allowed-origin")),
        (200, Some("eventgrid.azure.net"))
    );
    assert_eq!(
        app.seen.lock().unwrap().len(),
        1,
        "only the notification reached the handler"
    );

    // The handler's Outcome is the response.
    *app.outcome.lock().unwrap() = Outcome::retry_after(Duration::from_secs(30));
    let retry = request(addr, "POST", "/hooks/acs?code=s3cret", &[], &sms).await;
    assert_eq!(
        (retry.status, retry.header("retry-after")),
        (503, Some("30"))
    );
    *app.outcome.lock().unwrap() = Outcome::reject("not ours");
    let reject = request(addr, "POST", "/hooks/acs?code=s3cret", &[], &sms).await;
    assert_eq!(
        (reject.status, reject.json()["error"].as_str()),
        (400, Some("not ours"))
    );
    assert_eq!(
        request(addr, "GET", "/health", &[], b"").await.status,
        200,
        "the application's own routes are untouched"
    );
}

/// What a raw connection reads until the server answers or closes it, within 10 s.
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buffer = [0u8; 1024];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
            if received.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server held a stalled connection for 10 s"
    );
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn a_body_that_stalls_is_answered_408_after_the_body_read_timeout() {
    use tokio::io::AsyncWriteExt;
    let webhook = Webhook::builder()
        .body_read_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let (addr, inbox) = serve(webhook, Outcome::Handled).await;
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = "POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n[{\"id\":";
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(inbox.take().is_empty());
}

#[tokio::test]
async fn serve_closes_a_connection_whose_headers_stall_and_serves_the_rest() {
    use tokio::io::AsyncWriteExt;
    let app = router(
        "/api/events",
        Webhook::builder().build().unwrap(),
        |_| async { Outcome::Handled },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeout = Duration::from_millis(300);
    let shutdown = std::future::pending::<()>();
    tokio::spawn(acs_events::webhook::axum::serve(
        listener, app, timeout, shutdown,
    ));

    let mut stalled = tokio::net::TcpStream::connect(addr).await.unwrap();
    stalled
        .write_all(b"POST /api/events HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut stalled).await;
    // hyper closes the connection, with a 408 or without an answer.
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );

    // Meanwhile and afterwards, a client that sends its request at once is served.
    let body = fixture("sms/SMSReceived.docs.json");
    let response = request(addr, "POST", "/api/events", &[], &body).await;
    assert_eq!(response.status, 200);
}

//! The webhook's `receive` on an arbitrary request: method, headers, query and body chosen by the
//! fuzzer, under a configuration it also picks. Invariants: no panic; only the documented
//! statuses; 401 only when a secret or bearer check is configured, 403 only when an allow-list
//! is; a notification's events are every event of the delivery (none dropped before the
//! application answers 2xx). Each request is received on a 256 KiB stack.

#![no_main]

use acs_events::webhook::{Answer, AnswerKind, Received, Refusal, SecretLocation, Webhook};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "../checks/small_stack.rs"]
mod small_stack;

#[derive(Arbitrary, Debug)]
struct Request {
    method: u8,
    query: String,
    headers: Vec<(u8, String)>,
    /// A fixture delivery to start from (`None`: the raw bytes alone), with `body` appended
    /// at a chosen point: whole deliveries reach the handshakes and notifications.
    fixture: Option<(u8, u16)>,
    body: Vec<u8>,
    secret_in_query: bool,
    secret_in_header: bool,
    bearer: bool,
    allow_subscriptions: bool,
    allow_origins: bool,
    small_limit: bool,
}

/// Headers the receiver reads, and one it does not.
const HEADERS: &[&str] = &[
    "aeg-event-type",
    "aeg-subscription-name",
    "aeg-delivery-count",
    "content-type",
    "content-length",
    "webhook-request-origin",
    "webhook-request-rate",
    "authorization",
    "x-secret",
    "ce-specversion",
    "ce-type",
    "ce-source",
    "ce-id",
    "ce-time",
    "x-other",
];

const METHODS: &[&str] = &["POST", "OPTIONS", "GET", "PUT", "DELETE"];

/// Deliveries of each kind the receiver tells apart.
const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../schemas/fixtures/eventgrid/SubscriptionValidationEvent.docs.json"),
    include_bytes!("../../schemas/fixtures/sms/SMSReceived.docs.json"),
    include_bytes!("../../schemas/fixtures/router/RouterJobQueued.spec.cloudevents.2.json"),
    include_bytes!(
        "../../schemas/fixtures/advanced-messaging/AdvancedMessageAnalysisCompleted.docs.json"
    ),
];

/// Receives the request under the configuration it picks, and checks the answer.
fn receive(input: Request) {
    let mut builder = Webhook::builder();
    if input.secret_in_query {
        builder = builder.secrets(SecretLocation::Query("code".into()), ["s3cret"]);
    } else if input.secret_in_header {
        builder = builder.secrets(
            SecretLocation::Header(http::HeaderName::from_static("x-secret")),
            ["s3cret"],
        );
    }
    if input.bearer {
        builder = builder.bearer_validator(|token: &str| token == "good");
    }
    if input.allow_subscriptions {
        builder = builder.allow_subscriptions(["MY-SUB"]);
    }
    if input.allow_origins {
        builder = builder.allow_origins(["eventgrid.azure.net"]);
    }
    if input.small_limit {
        builder = builder.body_limit(64);
    }
    let webhook = builder.build().expect("a valid configuration");

    let mut request =
        http::Request::builder().method(METHODS[input.method as usize % METHODS.len()]);
    let uri = format!("/api/events?{}", input.query);
    request = request.uri(
        http::Uri::try_from(uri.as_str()).unwrap_or_else(|_| http::Uri::from_static("/api/events")),
    );
    for (name, value) in &input.headers {
        if let Ok(value) = http::HeaderValue::from_str(value) {
            request = request.header(HEADERS[*name as usize % HEADERS.len()], value);
        }
    }
    let body = match input.fixture {
        Some((which, at)) => {
            let mut body = FIXTURES[which as usize % FIXTURES.len()].to_vec();
            let at = at as usize % (body.len() + 1);
            body.splice(at..at, input.body.iter().copied());
            body
        }
        None => input.body.clone(),
    };
    let Ok(request) = request.body(body) else {
        return;
    };
    let authenticated = input.secret_in_query || input.secret_in_header || input.bearer;
    match webhook.receive_request(request) {
        Received::Answered(Answer { kind, response, .. }) => {
            let status = response.status().as_u16();
            assert!(
                matches!(status, 200 | 204 | 400 | 401 | 403 | 405 | 413),
                "undocumented status {status}"
            );
            if status == 401 {
                assert!(authenticated, "401 without a configured check: {kind:?}");
            }
            if status == 403 {
                assert!(
                    input.allow_subscriptions || input.allow_origins,
                    "403 without an allow-list: {kind:?}"
                );
            }
            if let AnswerKind::Refused(Refusal::SubscriptionNotAllowed(_)) = kind {
                assert!(input.allow_subscriptions);
            }
        }
        Received::Notification(notification) => {
            // Every event of the delivery reaches the application: as many results as the
            // delivery (the notification's body, rebuilt in binary mode) holds events.
            let text = String::from_utf8_lossy(notification.body()).to_string();
            let expected = match serde_json::from_str::<serde_json::Value>(
                text.trim_start_matches('\u{feff}'),
            ) {
                Ok(serde_json::Value::Array(events)) => Some(events.len()),
                Ok(_) => Some(1),
                Err(_) => None,
            };
            if let Some(expected) = expected {
                assert_eq!(notification.events().len(), expected, "no event dropped");
            }
        }
    }
}

fuzz_target!(|input: Request| small_stack::on_small_stack(|| receive(input)));

//! Receiving Event Grid deliveries over HTTP, framework-agnostic: give [`Webhook::receive`] a
//! request's parts and body; it answers the handshakes and refusals itself and hands
//! notifications to the application, whose [`Outcome`] becomes the response.
//!
//! | Request | Response |
//! |---|---|
//! | `POST` of `SubscriptionValidationEvent`s only | `200 {"validationResponse": "<code>"}` (`403` if the subscription is not on the allow-list) |
//! | `OPTIONS` with `WebHook-Request-Origin` (CloudEvents abuse protection) | `200` with `WebHook-Allowed-Origin`, `WebHook-Allowed-Rate`, `Allow: POST` |
//! | `POST` notification, handled or queued | `200` ([`Outcome::Handled`]) |
//! | application asks for a retry | `503`, optional `Retry-After` ([`Outcome::Retry`]) |
//! | application rejects the events for good | `400` ([`Outcome::Reject`]): dead-lettered, not retried |
//! | body that is not a delivery | `400` |
//! | body above the limit, or more events than the limit | `413` |
//! | body not read within the body read timeout (axum) | `408` |
//! | secret or bearer token missing or wrong (only when configured) | `401` |
//! | any other method | `405` with `Allow: POST, OPTIONS` |

mod auth;
mod binary;
mod headers;
mod refusal;
mod response;

#[cfg(feature = "axum")]
pub mod axum;

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use http::{header, request::Parts, HeaderValue, Method, Response, StatusCode};

pub use auth::{BearerValidator, SecretLocation};
pub use headers::{AegEventType, AegHeaders};
pub use refusal::Refusal;
pub use response::Outcome;

use crate::borrowed::{self, UnknownEventData};
use crate::{parse_delivery, Delivery, DeliveryError, EventSet};

/// The default body limit: a 1 MB event with its envelope, a full 1 MB batch, and headroom for
/// Event Grid's best-effort batch sizing.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The default limit on events in one delivery: Event Grid's own maximum batch.
pub const DEFAULT_MAX_EVENTS: usize = 5_000;

/// The default time allowed for reading a whole body: Event Grid waits 30 s for an answer and
/// counts a slower one as failed, so a body still arriving then is not worth waiting for.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The event type of Event Grid's subscription validation handshake.
pub const SUBSCRIPTION_VALIDATION_EVENT_TYPE: &str =
    "Microsoft.EventGrid.SubscriptionValidationEvent";

/// A configured receiver of the event set `D` (the generated `EventData`). Cheap to clone; share
/// one between requests.
pub struct Webhook<D> {
    config: Arc<Config>,
    // `fn() -> D`: the receiver produces `D`s but holds none, so it is `Send + Sync` for any `D`.
    events: PhantomData<fn() -> D>,
}

impl<D> Clone for Webhook<D> {
    fn clone(&self) -> Self {
        Webhook {
            config: Arc::clone(&self.config),
            events: PhantomData,
        }
    }
}

struct Config {
    secret_location: Option<SecretLocation>,
    secrets: Vec<String>,
    bearer: Option<Arc<dyn BearerValidator>>,
    allowed_subscriptions: Option<Vec<String>>,
    allowed_origins: Option<Vec<String>>,
    allowed_rate: Option<u32>,
    body_limit: usize,
    max_events: usize,
    body_read_timeout: Duration,
    on_validation: Option<ValidationHook>,
}

type ValidationHook = Arc<dyn Fn(&ValidationRequest) + Send + Sync>;

/// Builds a [`Webhook`]. With nothing configured it accepts every request that is a delivery.
#[must_use]
pub struct WebhookBuilder<D> {
    config: Config,
    events: PhantomData<fn() -> D>,
}

impl<D: EventSet> Webhook<D> {
    /// A builder with nothing configured.
    pub fn builder() -> WebhookBuilder<D> {
        WebhookBuilder {
            events: PhantomData,
            config: Config {
                secret_location: None,
                secrets: Vec::new(),
                bearer: None,
                allowed_subscriptions: None,
                allowed_origins: None,
                allowed_rate: None,
                body_limit: DEFAULT_BODY_LIMIT,
                max_events: DEFAULT_MAX_EVENTS,
                body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
                on_validation: None,
            },
        }
    }

    /// The largest body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.config.body_limit
    }

    /// The most events accepted in one delivery.
    pub fn max_events(&self) -> usize {
        self.config.max_events
    }

    /// The time allowed for reading a whole body (applied by the axum integration; a server of
    /// your own applies it where it reads bodies).
    pub fn body_read_timeout(&self) -> Duration {
        self.config.body_read_timeout
    }

    /// Decide what a request is and, unless it is a notification, how to answer it. Copies the
    /// body once for the notification; [`Webhook::receive_bytes`] takes it without a copy.
    pub fn receive(&self, parts: &Parts, body: &[u8]) -> Received<D> {
        self.receive_body(parts, body, || Bytes::copy_from_slice(body))
    }

    /// [`Webhook::receive`] for a body already in [`Bytes`] (axum's and hyper's body type).
    pub fn receive_bytes(&self, parts: &Parts, body: Bytes) -> Received<D> {
        self.receive_body(parts, &body, || body.clone())
    }

    // The body is read here only up to each event's envelope and raw data (the payloads stay
    // unparsed), which is all the handshake needs; the notification parses the payloads in the
    // form the application asks for.
    fn receive_body(
        &self,
        parts: &Parts,
        body: &[u8],
        keep: impl FnOnce() -> Bytes,
    ) -> Received<D> {
        let config = &*self.config;
        if parts.method == Method::OPTIONS {
            return self.abuse_protection(parts);
        }
        if parts.method != Method::POST {
            return Received::refused(Refusal::MethodNotAllowed);
        }
        if body.len() > config.body_limit {
            return Received::payload_too_large(Some(body.len()), config.body_limit);
        }
        if let Some(refusal) = self.authenticate(parts) {
            return Received::refused(refusal);
        }
        let aeg = AegHeaders::from_headers(&parts.headers);
        let (mode, events_body) = match binary::to_structured(&parts.headers, body) {
            Ok(Some(structured)) => (ContentMode::Binary, Bytes::from(structured)),
            Ok(None) => (ContentMode::Structured, keep()),
            Err(message) => return Received::refused(Refusal::BadBinaryEvent(message)),
        };
        let events = match borrowed::delivery::parse_with::<UnknownEventData<'_>>(
            &events_body,
            crate::read::Pass::Validated,
            config.max_events,
        ) {
            Ok(events) => events,
            Err(DeliveryError::TooManyEvents { limit }) => {
                return Received::refused(Refusal::TooManyEvents { limit });
            }
            Err(error) => return Received::refused(Refusal::NotADelivery(error)),
        };
        // A handshake only when the delivery is nothing but validation events (as Event Grid
        // sends it); in any other mix every event goes to the application, so none is lost.
        // The handshake is read from the event type and raw data, so it works whether or not
        // the event set has a schema for it.
        let validation = events.iter().map(|event| match event {
            Ok(event)
                if event
                    .envelope
                    .event_type()
                    .eq_ignore_ascii_case(SUBSCRIPTION_VALIDATION_EVENT_TYPE) =>
            {
                validation_data(event.raw_data()).map(|data| (event, data))
            }
            _ => None,
        });
        if let Some(Some((event, data))) = validation.reduce(|first, next| first.and(next)) {
            return self.validation(&aeg, &event.envelope, data);
        }
        drop(events);
        if aeg.event_type == Some(AegEventType::SubscriptionValidation) {
            return Received::refused(Refusal::MissingValidationEvent);
        }
        Received::Notification(Notification {
            aeg,
            mode,
            body: events_body,
            events: OnceLock::new(),
        })
    }

    /// [`Webhook::receive`] for a whole request.
    pub fn receive_request<B: AsRef<[u8]>>(&self, request: http::Request<B>) -> Received<D> {
        let (parts, body) = request.into_parts();
        self.receive(&parts, body.as_ref())
    }

    fn authenticate(&self, parts: &Parts) -> Option<Refusal> {
        let config = &*self.config;
        if let Some(location) = &config.secret_location {
            let presented = auth::presented_secret(location, parts.uri.query(), &parts.headers);
            match presented {
                Some(secret) if auth::secret_matches(&config.secrets, &secret) => {}
                Some(_) => return Some(Refusal::WrongSecret),
                None => return Some(Refusal::MissingSecret),
            }
        }
        if let Some(validator) = &config.bearer {
            match auth::bearer_token(&parts.headers) {
                Some(token) if validator.validate(token) => {}
                _ => return Some(Refusal::BearerTokenRejected),
            }
        }
        None
    }

    fn abuse_protection(&self, parts: &Parts) -> Received<D> {
        let config = &*self.config;
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let Some(origin) = header("webhook-request-origin") else {
            let mut response = response::empty(StatusCode::NO_CONTENT);
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST, OPTIONS"));
            return Received::answered(AnswerKind::AbuseProtection { origin: None }, response);
        };
        if let Some(allowed) = &config.allowed_origins {
            if !allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
                return Received::refused(Refusal::OriginNotAllowed(origin.to_string()));
            }
        }
        let mut response = response::empty(StatusCode::OK);
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(origin) {
            headers.insert("webhook-allowed-origin", value);
        }
        let requested_rate = header("webhook-request-rate");
        let rate = match (config.allowed_rate, requested_rate) {
            (Some(rate), _) => Some(rate.to_string()),
            (None, Some(_)) => Some("*".to_string()),
            (None, None) => None,
        };
        if let Some(rate) = rate {
            headers.insert(
                "webhook-allowed-rate",
                HeaderValue::from_str(&rate).expect("digits or *"),
            );
        }
        headers.insert(header::ALLOW, HeaderValue::from_static("POST"));
        Received::answered(
            AnswerKind::AbuseProtection {
                origin: Some(origin.to_string()),
            },
            response,
        )
    }

    fn validation(
        &self,
        aeg: &AegHeaders,
        envelope: &borrowed::Envelope<'_>,
        data: ValidationData,
    ) -> Received<D> {
        let config = &*self.config;
        let request = ValidationRequest {
            validation_code: data.validation_code,
            validation_url: data.validation_url,
            subscription_name: aeg.subscription_name.clone(),
            topic: envelope.source().map(str::to_string),
            event_id: envelope.id().to_string(),
        };
        if let Some(allowed) = &config.allowed_subscriptions {
            let listed = request
                .subscription_name
                .as_deref()
                .is_some_and(|name| allowed.iter().any(|a| a.eq_ignore_ascii_case(name)));
            if !listed {
                return Received::refused(Refusal::SubscriptionNotAllowed(
                    request.subscription_name,
                ));
            }
        }
        if let Some(hook) = &config.on_validation {
            hook(&request);
        }
        let response = response::json(
            StatusCode::OK,
            &serde_json::json!({ "validationResponse": request.validation_code }),
        );
        Received::answered(AnswerKind::Validation(request), response)
    }
}

impl<D: EventSet> WebhookBuilder<D> {
    /// Require a shared secret at `location`. Every secret given is accepted, so a new secret can
    /// be added before the old one is retired. [`WebhookBuilder::build`] refuses an empty list
    /// and an empty secret (which `?code=` would present).
    pub fn secrets<I, S>(mut self, location: SecretLocation, secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config.secret_location = Some(location);
        self.config.secrets = secrets.into_iter().map(Into::into).collect();
        self
    }

    /// Require an `Authorization: Bearer` token that `validator` accepts.
    pub fn bearer_validator(mut self, validator: impl BearerValidator) -> Self {
        self.config.bearer = Some(Arc::new(validator));
        self
    }

    /// Answer validation handshakes only for these subscription names (`aeg-subscription-name`,
    /// compared ignoring case); others get `403`.
    pub fn allow_subscriptions<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config.allowed_subscriptions = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Grant the CloudEvents abuse-protection handshake only to these origins (default: any).
    pub fn allow_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config.allowed_origins = Some(origins.into_iter().map(Into::into).collect());
        self
    }

    /// The request rate (per minute) granted in `WebHook-Allowed-Rate` (default: `*` when a rate
    /// is requested, nothing otherwise).
    pub fn allowed_rate(mut self, per_minute: u32) -> Self {
        self.config.allowed_rate = Some(per_minute);
        self
    }

    /// The largest body accepted (default [`DEFAULT_BODY_LIMIT`]).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.config.body_limit = bytes;
        self
    }

    /// The most events accepted in one delivery (default [`DEFAULT_MAX_EVENTS`]). A body with
    /// more is refused with `413` as soon as reading reaches the first event past the limit,
    /// so the work and memory spent on a request stay proportional to the events it may hold.
    pub fn max_events(mut self, events: usize) -> Self {
        self.config.max_events = events;
        self
    }

    /// The time allowed for reading a whole body (default [`DEFAULT_BODY_READ_TIMEOUT`]); a body
    /// not read by then is answered `408`. The axum integration applies it; it bounds a client
    /// that sends its body slowly. Time spent on headers is the server's to bound (see the
    /// README's "Receiving events").
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.config.body_read_timeout = timeout;
        self
    }

    /// Called for every answered validation handshake, e.g. to log the `validationUrl` for a
    /// manual validation. The library never fetches it.
    pub fn on_validation(
        mut self,
        hook: impl Fn(&ValidationRequest) + Send + Sync + 'static,
    ) -> Self {
        self.config.on_validation = Some(Arc::new(hook));
        self
    }

    /// The configured receiver, or what in its configuration would let requests in
    /// unchecked or refuse every one.
    pub fn build(self) -> Result<Webhook<D>, ConfigError> {
        let config = &self.config;
        if config.secret_location.is_some() {
            if config.secrets.is_empty() {
                return Err(ConfigError::NoSecrets);
            }
            if let Some(index) = config.secrets.iter().position(String::is_empty) {
                return Err(ConfigError::EmptySecret { index });
            }
        }
        if config.max_events == 0 {
            return Err(ConfigError::ZeroMaxEvents);
        }
        if config.body_read_timeout.is_zero() {
            return Err(ConfigError::ZeroBodyReadTimeout);
        }
        Ok(Webhook {
            config: Arc::new(self.config),
            events: PhantomData,
        })
    }
}

/// A [`WebhookBuilder`] configuration that [`WebhookBuilder::build`] refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// A secret is required but none was given: no request could authenticate.
    NoSecrets,
    /// The secret at `index` is empty: a request presenting an empty secret (`?code=`) would
    /// authenticate.
    EmptySecret {
        /// Its position in the list given to [`WebhookBuilder::secrets`].
        index: usize,
    },
    /// `max_events(0)`: every delivery would be refused.
    ZeroMaxEvents,
    /// A zero body read timeout: every body would time out.
    ZeroBodyReadTimeout,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoSecrets => {
                f.write_str("a secret is required but none was given; give at least one")
            }
            ConfigError::EmptySecret { index } => write!(
                f,
                "secret {index} is empty, so an empty `code` would authenticate; remove it or give a real secret"
            ),
            ConfigError::ZeroMaxEvents => f.write_str("max_events is 0, so every delivery would be refused"),
            ConfigError::ZeroBodyReadTimeout => {
                f.write_str("the body read timeout is 0, so every body would time out")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// What a request was: answered by the library (a handshake or a refusal), or events for the
/// application. The one decision [`Webhook::receive`] makes.
#[derive(Debug)]
pub enum Received<D> {
    /// The library answered the request: send [`Answer::response`].
    Answered(Answer),
    /// Events for the application; send its [`Outcome`]'s response.
    Notification(Notification<D>),
}

impl<D> Received<D> {
    fn answered(kind: AnswerKind, response: Response<Bytes>) -> Received<D> {
        Received::Answered(Answer { kind, response })
    }

    /// The refusal, answered with its own response ([`Refusal::status`] and message).
    pub(crate) fn refused(refusal: Refusal) -> Received<D> {
        let response = refusal.response();
        Received::answered(AnswerKind::Refused(refusal), response)
    }

    /// A body above `limit`; `size` is unknown for a chunked body read until it passed it.
    pub(crate) fn payload_too_large(size: Option<usize>, limit: usize) -> Received<D> {
        Received::refused(Refusal::PayloadTooLarge { size, limit })
    }

    /// The notification for the application, or the library's answer to send instead.
    // The answer is sent as it is (it is the axum extractor's rejection); boxing it would add an
    // allocation to every handshake and refusal for a move of a few hundred bytes.
    #[allow(clippy::result_large_err)]
    pub fn into_notification(self) -> Result<Notification<D>, Answer> {
        match self {
            Received::Notification(notification) => Ok(notification),
            Received::Answered(answer) => Err(answer),
        }
    }
}

/// A request the library answered itself, and the response to send. With feature `axum` it is
/// the [`Notification`] extractor's rejection, and a response.
#[derive(Debug)]
#[non_exhaustive]
pub struct Answer {
    /// What the request was.
    pub kind: AnswerKind,
    /// The response to send.
    pub response: Response<Bytes>,
}

/// What a request the library answered was.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerKind {
    /// An Event Grid subscription validation, answered with its code.
    Validation(ValidationRequest),
    /// A CloudEvents abuse-protection request (`OPTIONS`), answered; `origin` is the
    /// `WebHook-Request-Origin` it named.
    AbuseProtection {
        /// The origin the request named.
        origin: Option<String>,
    },
    /// A request the library refused.
    Refused(Refusal),
}

/// An Event Grid subscription validation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationRequest {
    /// The code the handshake answers with (`validationResponse`).
    pub validation_code: String,
    /// Where a GET completes the validation by hand (within minutes); never fetched here.
    pub validation_url: Option<String>,
    /// `aeg-subscription-name`: the subscription being validated.
    pub subscription_name: Option<String>,
    /// The validation event's `topic`.
    pub topic: Option<String>,
    /// The validation event's `id`.
    pub event_id: String,
}

/// How the events were carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentMode {
    /// Event Grid schema or CloudEvents structured mode: the body is the events.
    Structured,
    /// CloudEvents binary mode: attributes in `ce-*` headers, the body is the data.
    Binary,
}

/// A delivery of events for the application. Event Grid treats the delivery as one unit: answer
/// [`Outcome::Handled`] only when every event is handled or durably queued. Event Grid delivers
/// at least once, so use each event's `envelope.dedup_key()` to drop repeats.
///
/// It holds the body; its payloads are parsed when asked for, in the form asked for: owned
/// ([`Notification::events`], [`Notification::into_events`]) or borrowed from the body
/// ([`Notification::borrowed_events`]). Either way each event is typed, unknown, or an error of
/// its own, exactly as `parse_delivery` and `borrowed::parse_delivery` give it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Notification<D> {
    /// The request's `aeg-*` headers.
    pub aeg: AegHeaders,
    /// How the events were carried.
    pub mode: ContentMode,
    /// The delivery as received (binary mode: rebuilt as one structured event).
    body: Bytes,
    events: OnceLock<Delivery<D>>,
}

impl<D: EventSet> Notification<D> {
    /// The delivery's text: the request body, or in binary mode the one structured event built
    /// from the `ce-*` headers and the body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Each event as an owned value, parsed on the first call.
    pub fn events(&self) -> &Delivery<D> {
        self.events
            .get_or_init(|| Notification::<D>::parse_body(&self.body))
    }

    /// Each event as an owned value.
    pub fn into_events(self) -> Delivery<D> {
        match self.events.into_inner() {
            Some(events) => events,
            None => Notification::<D>::parse_body(&self.body),
        }
    }

    /// Each event with its payload borrowed from the body (a generated `borrowed::EventData<'a>`
    /// whose owned set is `D`): strings are slices of the body, so parsing allocates little.
    /// Parses on every call; keep the result.
    pub fn borrowed_events<'a, B: borrowed::EventSet<'a, Owned = D>>(
        &'a self,
    ) -> borrowed::Delivery<'a, B> {
        // `receive` read this body as a delivery, and both parsers read it the same way.
        borrowed::parse_delivery(&self.body)
            .unwrap_or_else(|error| unreachable!("a received body is a delivery: {error}"))
    }

    fn parse_body(body: &[u8]) -> Delivery<D> {
        // `receive` read this body as a delivery, and both parsers read it the same way.
        parse_delivery(body)
            .unwrap_or_else(|error| unreachable!("a received body is a delivery: {error}"))
    }
}

/// The members of a `SubscriptionValidationEvent`'s data the handshake needs.
#[derive(serde::Deserialize)]
struct ValidationData {
    #[serde(rename = "validationCode")]
    validation_code: String,
    #[serde(rename = "validationUrl", default)]
    validation_url: Option<String>,
}

/// The validation data of an event, when its raw data has a validation code.
fn validation_data(raw_data: Option<&serde_json::value::RawValue>) -> Option<ValidationData> {
    serde_json::from_str(raw_data?.get()).ok()
}

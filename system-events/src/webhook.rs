//! Receiving system events over HTTP: the runtime's [`eventgen_runtime::webhook`] for this crate's
//! [`EventData`]. See that module for the requests answered and the responses.

use crate::EventData;

pub use eventgen_runtime::webhook::{
    AegEventType, AegHeaders, Answer, AnswerKind, BearerValidator, ConfigError, ContentMode,
    Outcome, Refusal, SecretLocation, ValidationRequest, DEFAULT_BODY_LIMIT,
    DEFAULT_BODY_READ_TIMEOUT, DEFAULT_MAX_EVENTS, SUBSCRIPTION_VALIDATION_EVENT_TYPE,
};

/// A configured receiver of system events.
pub type Webhook = eventgen_runtime::webhook::Webhook<EventData>;
/// Builds a [`Webhook`].
pub type WebhookBuilder = eventgen_runtime::webhook::WebhookBuilder<EventData>;
/// What a request was: answered by the library, or events for the application.
pub type Received = eventgen_runtime::webhook::Received<EventData>;
/// A delivery of system events for the application.
pub type Notification = eventgen_runtime::webhook::Notification<EventData>;

/// The receiver the axum way: [`Notification`] is an extractor (its rejection, an [`Answer`],
/// is the handshake's answer or the refusal) and [`Outcome`] a response; see
/// [`eventgen_runtime::webhook::axum`].
#[cfg(feature = "axum")]
pub mod axum {
    pub use eventgen_runtime::webhook::axum::{router, serve, DEFAULT_HEADER_READ_TIMEOUT};
}

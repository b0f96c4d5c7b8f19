//! Receiving ACS events over HTTP: the runtime's [`eventgen_runtime::webhook`] for this crate's
//! [`EventData`]. See that module for the requests answered and the responses.

use crate::EventData;

pub use eventgen_runtime::webhook::{
    AegEventType, AegHeaders, BearerValidator, ContentMode, Outcome, Refusal, SecretLocation, ValidationRequest,
    DEFAULT_BODY_LIMIT, SUBSCRIPTION_VALIDATION_EVENT_TYPE,
};

/// A configured receiver of ACS events.
pub type Webhook = eventgen_runtime::webhook::Webhook<EventData>;
/// Builds a [`Webhook`].
pub type WebhookBuilder = eventgen_runtime::webhook::WebhookBuilder<EventData>;
/// What a request was, and the response when the library answers it.
pub type Received = eventgen_runtime::webhook::Received<EventData>;
/// What to do next with a request.
pub type Reply = eventgen_runtime::webhook::Reply<EventData>;
/// A delivery of ACS events for the application.
pub type Notification = eventgen_runtime::webhook::Notification<EventData>;

/// The receiver as an axum handler.
#[cfg(feature = "axum")]
pub mod axum {
    pub use eventgen_runtime::webhook::axum::{method_router, router};
}

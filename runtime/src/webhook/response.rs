//! The responses the receiver sends, matched to Event Grid's retry contract: 2xx only for a
//! handled delivery, 400 for a body that will never parse (dead-lettered, not retried), 413 above
//! the body limit, 503 when the application asks for a retry. 401 only when authentication is
//! configured and fails; 403 only for a deliberate refusal (a subscription not on the allow-list).

use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};

/// What the application did with a notification. One answer covers the whole delivery: Event
/// Grid has no partial success for a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// Every event was handled or durably queued: `200 OK`.
    Handled,
    /// Not now: `503 Service Unavailable`, optionally with `Retry-After`. Event Grid retries with
    /// back-off for up to 24 hours by default.
    Retry {
        /// Sent as `Retry-After`, in whole seconds.
        after: Option<Duration>,
    },
    /// These events will never be processable: `400 Bad Request`, so Event Grid dead-letters them
    /// (when configured) instead of retrying.
    Reject {
        /// Sent as the error body's message.
        reason: String,
    },
}

impl Outcome {
    /// [`Outcome::Retry`] without `Retry-After`: Event Grid's own back-off decides.
    pub fn retry() -> Self {
        Outcome::Retry { after: None }
    }

    /// [`Outcome::Retry`] asking Event Grid to wait `after` (whole seconds, at least one).
    pub fn retry_after(after: Duration) -> Self {
        Outcome::Retry { after: Some(after) }
    }

    /// [`Outcome::Reject`] with the reason Event Grid records with the attempt.
    pub fn reject(reason: impl Into<String>) -> Self {
        Outcome::Reject {
            reason: reason.into(),
        }
    }

    /// The HTTP response for this outcome (with feature `axum`, `Outcome` is also an axum
    /// `IntoResponse`).
    pub fn into_http_response(self) -> Response<Bytes> {
        match self {
            Outcome::Handled => empty(StatusCode::OK),
            Outcome::Retry { after } => {
                let mut response = error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the application asked for a retry",
                );
                if let Some(after) = after {
                    let seconds = after.as_secs().max(1).to_string();
                    response.headers_mut().insert(
                        header::RETRY_AFTER,
                        HeaderValue::from_str(&seconds).expect("digits"),
                    );
                }
                response
            }
            Outcome::Reject { reason } => error(StatusCode::BAD_REQUEST, &reason),
        }
    }
}

pub(crate) fn empty(status: StatusCode) -> Response<Bytes> {
    let mut response = Response::new(Bytes::new());
    *response.status_mut() = status;
    response
}

pub(crate) fn json(status: StatusCode, body: &serde_json::Value) -> Response<Bytes> {
    let mut response = Response::new(Bytes::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// An error response with a JSON body `{"error": "…"}`, which Event Grid records with the attempt.
pub(crate) fn error(status: StatusCode, message: &str) -> Response<Bytes> {
    json(status, &serde_json::json!({ "error": message }))
}

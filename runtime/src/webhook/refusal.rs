//! Why the receiver refused a request, and the one response each refusal gets: its status,
//! message and headers are decided here and nowhere else (as axum's `define_rejection!` keeps a
//! rejection's status and body text together), so a call site names the refusal only.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};

use super::response;
use crate::DeliveryError;

/// Why a request was refused. [`Refusal::status`] is the status it is answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Neither `POST` nor `OPTIONS`: `405`.
    MethodNotAllowed,
    /// A body above the limit: `413`.
    PayloadTooLarge {
        /// The body's size or its declared `Content-Length`; `None` for a chunked body read
        /// until it passed the limit.
        size: Option<usize>,
        /// The configured limit.
        limit: usize,
    },
    /// The body could not be read (the client went away or sent a broken body): `400`.
    BodyUnreadable,
    /// The body was not read within the body read timeout: `408`.
    BodyReadTimedOut {
        /// The configured timeout.
        timeout: Duration,
    },
    /// More events in the delivery than the configured limit: `413`.
    TooManyEvents {
        /// The configured limit.
        limit: usize,
    },
    /// A secret is configured and the request presented none: `401`.
    MissingSecret,
    /// The request presented a secret that matches none configured: `401`.
    WrongSecret,
    /// The bearer token validator refused the request's token: `401`.
    BearerTokenRejected,
    /// The body is not an Event Grid delivery: `400`, so Event Grid dead-letters it.
    NotADelivery(DeliveryError),
    /// A CloudEvents binary-mode request whose `ce-*` headers do not make an event: `400`.
    BadBinaryEvent(String),
    /// `aeg-event-type: SubscriptionValidation` without a validation event in the body: `400`.
    MissingValidationEvent,
    /// A subscription validation from a subscription not on the allow-list: `403`.
    SubscriptionNotAllowed(Option<String>),
    /// An abuse-protection request from an origin not on the allow-list: `403`.
    OriginNotAllowed(String),
}

impl Refusal {
    /// The HTTP status the refusal is answered with (the table of [`crate::webhook`] gives
    /// each request's).
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::PayloadTooLarge { .. } | Refusal::TooManyEvents { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            Refusal::BodyUnreadable
            | Refusal::NotADelivery(_)
            | Refusal::BadBinaryEvent(_)
            | Refusal::MissingValidationEvent => StatusCode::BAD_REQUEST,
            Refusal::BodyReadTimedOut { .. } => StatusCode::REQUEST_TIMEOUT,
            Refusal::MissingSecret | Refusal::WrongSecret | Refusal::BearerTokenRejected => {
                StatusCode::UNAUTHORIZED
            }
            Refusal::SubscriptionNotAllowed(_) | Refusal::OriginNotAllowed(_) => {
                StatusCode::FORBIDDEN
            }
        }
    }

    /// The error body's message, which Event Grid records with the attempt. The three
    /// credential refusals share one, so a caller learns nothing about which check failed.
    fn message(&self) -> Cow<'_, str> {
        match self {
            Refusal::MethodNotAllowed => "only POST and OPTIONS are served".into(),
            Refusal::PayloadTooLarge {
                size: Some(size),
                limit,
            } => format!("the body is {size} bytes; the limit is {limit}").into(),
            Refusal::PayloadTooLarge { size: None, limit } => {
                format!("the body is larger than the limit of {limit} bytes").into()
            }
            Refusal::BodyUnreadable => "the body could not be read".into(),
            Refusal::BodyReadTimedOut { .. } => "the body was not received in time".into(),
            Refusal::TooManyEvents { limit } => {
                format!("more than {limit} events in one delivery").into()
            }
            Refusal::MissingSecret | Refusal::WrongSecret | Refusal::BearerTokenRejected => {
                "missing or wrong credentials".into()
            }
            Refusal::NotADelivery(error) => error.to_string().into(),
            Refusal::BadBinaryEvent(message) => message.as_str().into(),
            Refusal::MissingValidationEvent => {
                "aeg-event-type is SubscriptionValidation but the body has no validation event"
                    .into()
            }
            Refusal::SubscriptionNotAllowed(_) => "subscription not on the allow-list".into(),
            Refusal::OriginNotAllowed(_) => "origin not allowed".into(),
        }
    }

    /// The response sent for the refusal: [`Refusal::status`], the message as
    /// `{"error": "…"}`, and the headers HTTP asks of a `405` (`Allow`) and of a refused bearer
    /// token (`WWW-Authenticate`).
    pub(crate) fn response(&self) -> Response<Bytes> {
        let mut response = response::error(self.status(), &self.message());
        let headers = response.headers_mut();
        match self {
            Refusal::MethodNotAllowed => {
                headers.insert(header::ALLOW, HeaderValue::from_static("POST, OPTIONS"));
            }
            Refusal::BearerTokenRejected => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each variant's place in the declaration: the match is exhaustive, so a new variant does
    /// not compile until it has one, and the table below then lacks a row for it.
    fn ordinal(refusal: &Refusal) -> usize {
        match refusal {
            Refusal::MethodNotAllowed => 0,
            Refusal::PayloadTooLarge { .. } => 1,
            Refusal::BodyUnreadable => 2,
            Refusal::BodyReadTimedOut { .. } => 3,
            Refusal::TooManyEvents { .. } => 4,
            Refusal::MissingSecret => 5,
            Refusal::WrongSecret => 6,
            Refusal::BearerTokenRejected => 7,
            Refusal::NotADelivery(_) => 8,
            Refusal::BadBinaryEvent(_) => 9,
            Refusal::MissingValidationEvent => 10,
            Refusal::SubscriptionNotAllowed(_) => 11,
            Refusal::OriginNotAllowed(_) => 12,
        }
    }

    #[test]
    fn every_refusal_has_its_status_and_message() {
        let table = [
            (
                Refusal::MethodNotAllowed,
                405,
                "only POST and OPTIONS are served",
            ),
            (
                Refusal::PayloadTooLarge {
                    size: Some(11),
                    limit: 10,
                },
                413,
                "the body is 11 bytes; the limit is 10",
            ),
            (Refusal::BodyUnreadable, 400, "the body could not be read"),
            (
                Refusal::BodyReadTimedOut {
                    timeout: Duration::from_secs(30),
                },
                408,
                "the body was not received in time",
            ),
            (
                Refusal::TooManyEvents { limit: 5 },
                413,
                "more than 5 events in one delivery",
            ),
            (Refusal::MissingSecret, 401, "missing or wrong credentials"),
            (Refusal::WrongSecret, 401, "missing or wrong credentials"),
            (
                Refusal::BearerTokenRejected,
                401,
                "missing or wrong credentials",
            ),
            (
                Refusal::NotADelivery(DeliveryError::Empty),
                400,
                "the body is empty",
            ),
            (
                Refusal::BadBinaryEvent("ce-id is missing".into()),
                400,
                "ce-id is missing",
            ),
            (
                Refusal::MissingValidationEvent,
                400,
                "aeg-event-type is SubscriptionValidation but the body has no validation event",
            ),
            (
                Refusal::SubscriptionNotAllowed(Some("other".into())),
                403,
                "subscription not on the allow-list",
            ),
            (
                Refusal::OriginNotAllowed("https://other.example".into()),
                403,
                "origin not allowed",
            ),
        ];
        let ordinals: Vec<usize> = table.iter().map(|(refusal, ..)| ordinal(refusal)).collect();
        assert_eq!(
            ordinals,
            (0..=12).collect::<Vec<_>>(),
            "one row per variant"
        );
        for (refusal, status, message) in &table {
            assert_eq!(refusal.status().as_u16(), *status, "{refusal:?}");
            let response = refusal.response();
            assert_eq!(response.status().as_u16(), *status, "{refusal:?}");
            let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
            assert_eq!(body, serde_json::json!({ "error": message }), "{refusal:?}");
        }
    }

    #[test]
    fn a_chunked_body_too_large_says_only_the_limit() {
        let refusal = Refusal::PayloadTooLarge {
            size: None,
            limit: 10,
        };
        assert_eq!(
            refusal.message(),
            "the body is larger than the limit of 10 bytes"
        );
    }

    #[test]
    fn only_405_and_a_refused_bearer_token_add_headers() {
        let header_names = |refusal: Refusal| -> Vec<(String, String)> {
            let response = refusal.response();
            response
                .headers()
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_string()))
                .collect()
        };
        let json = ("content-type".to_string(), "application/json".to_string());
        assert_eq!(
            header_names(Refusal::MethodNotAllowed),
            [json.clone(), ("allow".into(), "POST, OPTIONS".into())]
        );
        assert_eq!(
            header_names(Refusal::BearerTokenRejected),
            [json.clone(), ("www-authenticate".into(), "Bearer".into())]
        );
        assert_eq!(header_names(Refusal::WrongSecret), [json]);
    }
}

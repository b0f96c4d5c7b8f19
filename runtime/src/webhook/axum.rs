//! The receiver as an axum handler. Mount [`method_router`] on the route Event Grid calls, or
//! use [`router`] for a ready `Router`:
//!
//! ```no_run
//! use eventgen_runtime::webhook::{axum::router, Outcome, Webhook};
//! # type EventData = eventgen_runtime::UnknownEventData; // a generated `EventData` in real code
//!
//! # async fn run() -> std::io::Result<()> {
//! let webhook = Webhook::<EventData>::builder().build();
//! let app = router("/api/events", webhook, |notification| async move {
//!     for event in notification.events().iter().flatten() {
//!         println!("{}", event.envelope.event_type());
//!     }
//!     Outcome::Handled
//! });
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await
//! # }
//! ```

use std::future::Future;

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use axum::routing::MethodRouter;
use axum::Router;

use super::{response, Notification, Outcome, Reply, Webhook};
use crate::EventSet;

/// A `Router` serving the webhook on `path`.
pub fn router<D, F, Fut>(path: &str, webhook: Webhook<D>, handler: F) -> Router
where
    D: EventSet + Send + 'static,
    F: Fn(Notification<D>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    Router::new().route(path, method_router(webhook, handler))
}

/// A handler for every method of one route: handshakes and refusals are answered here,
/// notifications go to `handler`, whose [`Outcome`] becomes the response.
pub fn method_router<D, F, Fut>(webhook: Webhook<D>, handler: F) -> MethodRouter
where
    D: EventSet + Send + 'static,
    F: Fn(Notification<D>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    axum::routing::any(move |request: Request| {
        let webhook = webhook.clone();
        let handler = handler.clone();
        async move { handle(&webhook, handler, request).await }
    })
}

async fn handle<D, F, Fut>(webhook: &Webhook<D>, handler: F, request: Request) -> Response
where
    D: EventSet,
    F: Fn(Notification<D>) -> Fut,
    Fut: Future<Output = Outcome>,
{
    let limit = webhook.body_limit();
    let (parts, body) = request.into_parts();
    let declared = parts.headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return to_axum(response::too_large(declared, limit));
    }
    let body = match axum::body::to_bytes(body, limit).await {
        Ok(body) => body,
        Err(error) => {
            let too_large = std::error::Error::source(&error).is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            return to_axum(if too_large {
                response::too_large(None, limit)
            } else {
                // The client went away or sent a broken body.
                response::error(http::StatusCode::BAD_REQUEST, "the body could not be read")
            });
        }
    };
    match webhook.receive_bytes(&parts, body).into_reply() {
        Reply::Answer(response) => to_axum(response),
        Reply::Deliver(notification) => to_axum(handler(notification).await.into_response()),
    }
}

fn to_axum(response: http::Response<bytes::Bytes>) -> Response {
    response.map(Body::from)
}

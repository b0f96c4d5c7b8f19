//! The receiver the axum way: [`Notification`] is an extractor and [`Outcome`] a response, so a
//! handler takes `State` and other extractors beside the events, on routes of your own.
//!
//! The extractor reads the [`Webhook`] from the router's state (`Webhook<D>: FromRef<S>`),
//! reads the body within its limit and receives it. Handshakes and refusals never reach the
//! handler: they are the extractor's rejection, an [`Answer`], whose response is the library's.
//! Route every method to the handler (`any`): the CloudEvents handshake is an `OPTIONS`, and
//! other methods get `405` from the extractor.
//!
//! ```no_run
//! use axum::extract::{FromRef, State};
//! use axum::{routing::any, Router};
//! use eventgen_runtime::webhook::{Notification, Outcome, Webhook};
//! # type EventData = eventgen_runtime::UnknownEventData; // a generated `EventData` in real code
//!
//! #[derive(Clone)]
//! struct App {
//!     webhook: Webhook<EventData>,
//!     queue: tokio::sync::mpsc::Sender<String>,
//! }
//!
//! impl FromRef<App> for Webhook<EventData> {
//!     fn from_ref(app: &App) -> Self {
//!         app.webhook.clone()
//!     }
//! }
//!
//! async fn on_events(State(app): State<App>, notification: Notification<EventData>) -> Outcome {
//!     for event in notification.events().iter().flatten() {
//!         if app.queue.send(event.envelope.id().to_string()).await.is_err() {
//!             return Outcome::retry();
//!         }
//!     }
//!     Outcome::Handled
//! }
//!
//! # async fn run() -> std::io::Result<()> {
//! let (queue, _events) = tokio::sync::mpsc::channel(1024);
//! let app = App { webhook: Webhook::builder().build().expect("a valid configuration"), queue };
//! let router = Router::new().route("/api/events", any(on_events)).with_state(app);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, router).await
//! # }
//! ```
//!
//! [`router`] is the same in one line, for a receiver that needs no state of its own.
//!
//! A server faces slow clients too. [`Webhook::body_read_timeout`] bounds the time a body may
//! take, and [`serve`] is `axum::serve` with a header read timeout, which `axum::serve` lacks.
//! Without it, a connection that sends its headers a byte at a time is held open
//! indefinitely.

use std::future::Future;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::Router;

use super::{Answer, Notification, Outcome, Received, Refusal, Webhook};
use crate::EventSet;

impl<S, D> FromRequest<S> for Notification<D>
where
    Webhook<D>: FromRef<S>,
    S: Send + Sync,
    D: EventSet + Send + 'static,
{
    type Rejection = Answer;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let webhook = Webhook::<D>::from_ref(state);
        receive(&webhook, request).await.into_notification()
    }
}

/// The library's answer to a handshake or a refused request.
impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        self.response.map(Body::from)
    }
}

/// `200` for [`Outcome::Handled`], `503` (with `Retry-After`) for a retry, `400` for a reject:
/// Event Grid's retry contract.
impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        self.into_http_response().map(Body::from)
    }
}

/// A `Router` serving the webhook on `path`, every method, with `handler` called for each
/// notification: [`Notification`]'s extractor and a handler in one line.
pub fn router<D, F, Fut>(path: &str, webhook: Webhook<D>, handler: F) -> Router
where
    D: EventSet + Send + 'static,
    F: Fn(Notification<D>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    let route = axum::routing::any(move |notification: Notification<D>| handler(notification));
    Router::new().route(path, route).with_state(webhook)
}

/// The default time allowed for a request's headers in [`serve`]: Event Grid sends them at once.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serve `router` on `listener` over HTTP/1.1 until `shutdown` completes, then finish the
/// requests in progress: `axum::serve` with a deadline of `header_read_timeout` for each
/// request's headers (the connection is closed when it passes). Pair it with the webhook's
/// body read timeout, which the extractor applies.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    header_read_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before it was accepted: keep
                // serving, after a pause that lets descriptors free up (as `axum::serve` does).
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out ends its own connection only.
            let _ = connection.await;
        });
    }
    graceful.shutdown().await;
    Ok(())
}

/// The request's body read within the webhook's limit, then received.
async fn receive<D: EventSet>(webhook: &Webhook<D>, request: Request) -> Received<D> {
    let limit = webhook.body_limit();
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if let Some(size) = declared.filter(|&length| length > limit) {
        return Received::payload_too_large(Some(size), limit);
    }
    let timeout = webhook.body_read_timeout();
    let Ok(read) = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await else {
        return Received::refused(Refusal::BodyReadTimedOut { timeout });
    };
    match read {
        Ok(body) => webhook.receive_bytes(&parts, body),
        Err(error) => {
            let too_large = std::error::Error::source(&error)
                .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            if too_large {
                // Chunked: the size is known only to exceed the limit.
                Received::payload_too_large(None, limit)
            } else {
                // The client went away or sent a broken body.
                Received::refused(Refusal::BodyUnreadable)
            }
        }
    }
}

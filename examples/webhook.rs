//! A complete Event Grid webhook receiver:
//!
//! ```text
//! cargo run --release --example webhook --features axum -- --addr 127.0.0.1:8080 [--secret S]
//! ```
//!
//! Serves `POST /api/events` and `OPTIONS /api/events`, answers the Event Grid validation and
//! the CloudEvents abuse-protection handshakes, and prints one JSON line per received event in
//! the format of `examples/inspect.rs`. With `--secret`, requests must carry `?code=S` (the
//! secret is repeated for rotation: `--secret OLD --secret NEW`; an empty one is refused).
//! Headers must arrive within 10 s and a body within 30 s, so slow clients cannot hold
//! connections. Ctrl-C shuts it down cleanly.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use acs_events::webhook::axum::{router, serve, DEFAULT_HEADER_READ_TIMEOUT};
use acs_events::webhook::{Outcome, SecretLocation, Webhook, DEFAULT_BODY_READ_TIMEOUT};

struct Options {
    addr: SocketAddr,
    secrets: Vec<String>,
}

fn options() -> Result<Options, String> {
    let mut addr = None;
    let mut secrets = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--addr" => addr = Some(value()?.parse().map_err(|e| format!("--addr: {e}"))?),
            "--secret" => secrets.push(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        addr: addr.ok_or("--addr is required")?,
        secrets,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("webhook: {message}\nusage: webhook --addr 127.0.0.1:PORT [--secret S]...");
            return ExitCode::from(2);
        }
    };
    let mut builder = Webhook::builder()
        .body_read_timeout(DEFAULT_BODY_READ_TIMEOUT)
        .on_validation(|request| {
            eprintln!(
                "webhook: validated subscription {:?} (manual validation URL: {:?})",
                request.subscription_name, request.validation_url
            );
        });
    if !options.secrets.is_empty() {
        builder = builder.secrets(SecretLocation::Query("code".into()), options.secrets);
    }
    let webhook = match builder.build() {
        Ok(webhook) => webhook,
        Err(error) => {
            eprintln!("webhook: {error}");
            return ExitCode::from(2);
        }
    };
    let app = router("/api/events", webhook, |notification| async move {
        let mut out = std::io::stdout().lock();
        for (index, event) in notification.events().iter().enumerate() {
            // Printing is this application's whole job; if stdout is gone, ask for a retry.
            if writeln!(out, "{}", acs_events::inspect::event_line(index, event)).is_err() {
                return Outcome::retry();
            }
        }
        if out.flush().is_err() {
            return Outcome::retry();
        }
        Outcome::Handled
    });
    let listener = match tokio::net::TcpListener::bind(options.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("webhook: cannot listen on {}: {error}", options.addr);
            return ExitCode::from(1);
        }
    };
    eprintln!("webhook: listening on http://{}/api/events", options.addr);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("webhook: shutting down");
    };
    match serve(listener, app, DEFAULT_HEADER_READ_TIMEOUT, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("webhook: {error}");
            ExitCode::from(1)
        }
    }
}

//! Load on the webhook over real loopback HTTP: concurrent keep-alive clients post deliveries
//! to the axum integration; every event is counted by the application callback. Baseline in the
//! same run: an axum handler that only reads the body and answers 200 (the HTTP floor).
//!
//! `cargo bench --bench webhook_load --features axum` prints requests/s and events/s.

#[path = "../tests/support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use acs_events::webhook::{axum::router, Outcome, Webhook};
use support::http::Connection;

const CLIENTS: usize = 16;

async fn serve_webhook(events: Arc<AtomicUsize>) -> SocketAddr {
    let app = router(
        "/api/events",
        Webhook::builder().build().unwrap(),
        move |notification| {
            let events = events.clone();
            async move {
                let typed = notification
                    .events()
                    .iter()
                    .filter(|e| e.as_ref().is_ok_and(|e| e.data.kind().is_some()))
                    .count();
                events.fetch_add(typed, Ordering::Relaxed);
                Outcome::Handled
            }
        },
    );
    spawn(app).await
}

async fn serve_floor() -> SocketAddr {
    let app = axum::Router::new().route(
        "/api/events",
        axum::routing::post(|body: axum::body::Bytes| async move { body.len().to_string() }),
    );
    spawn(app).await
}

async fn spawn(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// `CLIENTS` connections posting `body` for `duration`; returns the requests completed.
async fn load(addr: SocketAddr, body: Arc<Vec<u8>>, duration: Duration) -> usize {
    let deadline = Instant::now() + duration;
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let mut connection = Connection::open(addr).await;
            let mut done = 0;
            while Instant::now() < deadline {
                let response = connection
                    .send(
                        "POST",
                        "/api/events",
                        &[("content-type", "application/json")],
                        &body,
                    )
                    .await;
                assert_eq!(
                    response.status,
                    200,
                    "{}",
                    String::from_utf8_lossy(&response.body)
                );
                done += 1;
            }
            done
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap();
    }
    total
}

fn main() {
    // `cargo test --benches` passes no `--bench`: run a short smoke pass only.
    let measuring = std::env::args().any(|a| a == "--bench");
    let duration = if measuring {
        Duration::from_secs(5)
    } else {
        Duration::from_millis(200)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let fixtures: Vec<serde_json::Value> = support::fixture_events().into_iter().map(|(_, _, e)| e).collect();
        let single = fixtures.iter().find(|e| e["eventType"] == "Microsoft.Communication.ChatMessageReceivedInThread").unwrap();
        let batch_name = format!("batch of {}", fixtures.len());
        let inputs = [("single event", serde_json::to_vec(&[single]).unwrap(), 1), (batch_name.as_str(), serde_json::to_vec(&fixtures).unwrap(), fixtures.len())];
        println!("| delivery | server | requests/s | events/s | MB/s |");
        println!("|---|---|---:|---:|---:|");
        for (name, body, per_request) in inputs {
            let body = Arc::new(body);
            let counted = Arc::new(AtomicUsize::new(0));
            let webhook = serve_webhook(counted.clone()).await;
            let floor = serve_floor().await;
            for (server, addr) in [("acs-events webhook", webhook), ("axum, body only", floor)] {
                let start = Instant::now();
                let requests = load(addr, body.clone(), duration).await;
                let seconds = start.elapsed().as_secs_f64();
                let events = requests * per_request;
                println!(
                    "| {name} ({} B) | {server} | {:.0} | {:.0} | {:.1} |",
                    body.len(),
                    requests as f64 / seconds,
                    events as f64 / seconds,
                    (requests * body.len()) as f64 / seconds / 1e6
                );
                if server == "acs-events webhook" {
                    assert_eq!(counted.load(Ordering::Relaxed), events, "every event reached the application as typed data");
                }
            }
        }
        println!("({CLIENTS} keep-alive clients on 127.0.0.1, client and server in one process on a 2-worker runtime)");
    });
}

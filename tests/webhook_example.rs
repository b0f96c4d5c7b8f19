//! `examples/webhook.rs` end to end: a real process on a loopback port answers both handshakes,
//! prints one JSON line per event, refuses a wrong secret, and exits cleanly on Ctrl-C (SIGINT).

#![cfg(all(feature = "axum", unix))]

mod support;

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::http::request;

fn example_binary() -> std::path::PathBuf {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    deps.parent().unwrap().join("examples").join("webhook")
}

fn free_port() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

#[tokio::test]
async fn the_example_serves_both_handshakes_prints_events_and_stops_on_ctrl_c() {
    let addr = free_port();
    let mut child = Command::new(example_binary())
        .args([
            "--addr",
            &addr.to_string(),
            "--secret",
            "old",
            "--secret",
            "new",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo test builds the webhook example with --features axum");
    let started = Instant::now();
    while std::net::TcpStream::connect(addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the example did not start listening"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let fixtures = support::schemas_dir().join("fixtures");
    let validation =
        std::fs::read(fixtures.join("eventgrid/SubscriptionValidationEvent.docs.json")).unwrap();
    let handshake = request(
        addr,
        "POST",
        "/api/events?code=old",
        &[("aeg-event-type", "SubscriptionValidation")],
        &validation,
    )
    .await;
    assert_eq!(handshake.status, 200);
    assert_eq!(
        handshake.json()["validationResponse"],
        "512d38b6-c7b8-40c8-89fe-f46f9e9622b6"
    );
    let options = request(
        addr,
        "OPTIONS",
        "/api/events?code=new",
        &[("WebHook-Request-Origin", "eventgrid.azure.net")],
        b"",
    )
    .await;
    assert_eq!(
        (options.status, options.header("webhook-allowed-origin")),
        (200, Some("eventgrid.azure.net"))
    );
    let delivery =
        std::fs::read(fixtures.join("chat/ChatMessageReceivedInThread.docs.json")).unwrap();
    assert_eq!(
        request(addr, "POST", "/api/events?code=wrong", &[], &delivery)
            .await
            .status,
        401
    );
    assert_eq!(
        request(addr, "POST", "/api/events?code=new", &[], &delivery)
            .await
            .status,
        200
    );

    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let line: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(line["status"], "typed");
    assert_eq!(line["variant"], "ChatMessageReceivedInThread");
    assert_eq!(
        line["data"]["version"], 1613783230064i64,
        "the string version is printed as the typed number"
    );

    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "Ctrl-C shuts the example down cleanly"
    );
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(rest.is_empty(), "nothing else was printed: {rest}");
}

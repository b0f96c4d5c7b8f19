//! A/B of two versions of acs-events' generated code in one process (`prepare.sh BASE` writes
//! them: A at a git revision, B the working tree's). Every Event Grid-schema fixture event of
//! every family, compacted and repeated to a 2,000-event batch, parsed by A and by B, owned
//! (`parse_delivery`) and borrowed (`borrowed::parse_delivery`), in interleaved rounds: each
//! round times all four in turn. Prints each one's median throughput and B/A. First checks
//! that A and B read the batch to equal values.
//!
//! `cargo run --release -- [rounds]` (default 31)

#![allow(unexpected_cfgs, clippy::all, missing_docs, dead_code, unused_imports)]

use std::hint::black_box;
use std::time::Instant;

mod a {
    #![allow(rustdoc::broken_intra_doc_links)]
    include!("../gen/a/mod.rs");
}
mod b {
    #![allow(rustdoc::broken_intra_doc_links)]
    include!("../gen/b/mod.rs");
}

const FAMILIES: &[&str] = &[
    "advanced-messaging",
    "call-automation",
    "calling",
    "chat",
    "email",
    "eventgrid",
    "presence",
    "recording",
    "router",
    "sms",
];

/// Every Event Grid-schema fixture event, compacted (CloudEvents fixtures left out: one batch
/// has one schema).
fn fixture_events() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas/fixtures");
    let mut events = Vec::new();
    for family in FAMILIES {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{family}"))
            .expect("fixture directory")
            .map(|entry| entry.expect("fixture entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
            let items = match value {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            events.extend(
                items
                    .iter()
                    .filter(|e| e.get("eventType").is_some())
                    .map(|e| e.to_string()),
            );
        }
    }
    events
}

fn batch(events: &[String], size: usize) -> Vec<u8> {
    let items: Vec<&str> = events.iter().map(String::as_str).cycle().take(size).collect();
    format!("[{}]", items.join(",")).into_bytes()
}

/// Events per second of `reps` runs of `parse` over `body`.
fn time(body: &[u8], events: usize, reps: usize, parse: &dyn Fn(&[u8]) -> usize) -> f64 {
    let start = Instant::now();
    let mut parsed = 0;
    for _ in 0..reps {
        parsed += black_box(parse(black_box(body)));
    }
    assert_eq!(parsed, events * reps, "every event parsed");
    (events * reps) as f64 / start.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map_or(31, |n| n.parse().expect("rounds"));
    let events = fixture_events();
    let size = 2000;
    let body = batch(&events, size);
    eprintln!(
        "{} fixture events, batch of {size}, {} bytes",
        events.len(),
        body.len()
    );

    type Parse = fn(&[u8]) -> usize;
    let approaches: [(&str, Parse); 4] = [
        ("A owned", |body| {
            let d = eventgen_runtime::parse_delivery::<a::EventData>(body).unwrap();
            d.iter().filter(|e| e.is_ok()).count()
        }),
        ("B owned", |body| {
            let d = eventgen_runtime::parse_delivery::<b::EventData>(body).unwrap();
            d.iter().filter(|e| e.is_ok()).count()
        }),
        ("A borrowed", |body| {
            let d =
                eventgen_runtime::borrowed::parse_delivery::<a::borrowed::EventData>(body).unwrap();
            d.iter().filter(|e| e.is_ok()).count()
        }),
        ("B borrowed", |body| {
            let d =
                eventgen_runtime::borrowed::parse_delivery::<b::borrowed::EventData>(body).unwrap();
            d.iter().filter(|e| e.is_ok()).count()
        }),
    ];
    // The two read every event to equal values (the owned form's Debug, module names aside),
    // and type every one of them.
    let a = eventgen_runtime::parse_delivery::<a::EventData>(&body).unwrap();
    let b = eventgen_runtime::parse_delivery::<b::EventData>(&body).unwrap();
    assert_eq!(
        format!("{a:?}"),
        format!("{b:?}").replace("b::", "a::"),
        "A and B read the same"
    );
    let unknown = a
        .iter()
        .filter(|e| matches!(e.as_ref().map(|e| &e.data), Ok(a::EventData::Unknown(_))))
        .count();
    eprintln!("{unknown} of {size} events untyped (event types with no schema)");

    let reps = 10;
    let mut samples = vec![Vec::new(); approaches.len()];
    for _ in 0..rounds {
        for (i, (_, parse)) in approaches.iter().enumerate() {
            samples[i].push(time(&body, size, reps, parse));
        }
    }
    let medians: Vec<f64> = samples.into_iter().map(median).collect();
    for (i, (name, _)) in approaches.iter().enumerate() {
        println!("{name:<11} {:>10.0} events/s", medians[i]);
    }
    println!("B/A owned    {:.3}", medians[1] / medians[0]);
    println!("B/A borrowed {:.3}", medians[3] / medians[2]);
}

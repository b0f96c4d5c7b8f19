//! `parse_delivery` against the ways one would otherwise read a delivery, in the same run:
//!
//! - `scan_floor`: `serde_json` skipping the body (`IgnoredAny`): no output at all;
//! - `value`: `serde_json::Value` (untyped);
//! - `sonic_value`: `sonic_rs::Value`, a full untyped DOM built with SIMD (the fastest DOM);
//! - `value_then_typed`: `Value`, then `from_value` of each `data` into its typed struct;
//! - `serde_tagged_enum`: serde's internally tagged enum over `eventType`, envelope per variant;
//! - `sonic_then_typed`, `sonic_then_typed_borrowed`: sonic-rs reads the envelopes, then each
//!   `data` goes into the same generated payloads through serde on sonic-rs (owned, borrowed);
//! - `parse_delivery`: this crate (raw envelope members, then one typed parse of `data`);
//! - `parse_delivery_borrowed`: the same into the borrowed payloads (`acs_events::borrowed`),
//!   whose strings are slices of the body.
//!
//! Inputs: every Event Grid-schema fixture event of the 28 kinds the tagged-enum baseline lists, compacted and repeated to a 2,000-event batch,
//! with `eventType` after `data` (the samples' order) and before it (the documented order);
//! and a single-event delivery (Event Grid's default). Timestamps keep Azure's 7 fractional
//! digits. Criterion times each approach in its own group; after it, every approach is timed
//! again in turn in one loop (`support/interleaved.rs`, 41 rounds) and one table of throughput
//! and ratios is printed from that, since a drifting machine skews ratios across criterion's
//! sequential groups. Then the bytes and allocations per event of each approach (a counting
//! global allocator over the system's, glibc malloc, one untimed run each).

mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

    /// The system allocator (glibc malloc, Rust's default), counting what is requested while
    /// [`measure`] runs (a realloc counts its new size). Outside it, the only cost is one relaxed
    /// load, so the timed runs allocate as they would without it.
    pub struct Counting;

    static ON: AtomicBool = AtomicBool::new(false);
    static BYTES: AtomicU64 = AtomicU64::new(0);
    static CALLS: AtomicU64 = AtomicU64::new(0);

    fn count(bytes: usize) {
        if ON.load(Relaxed) {
            BYTES.fetch_add(bytes as u64, Relaxed);
            CALLS.fetch_add(1, Relaxed);
        }
    }
    #[allow(unsafe_code)] // a `GlobalAlloc` is an `unsafe` trait
                          // SAFETY: every call goes to `System` unchanged; the counters are atomics.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            count(layout.size());
            // SAFETY: the caller's contract, passed on.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: the caller's contract, passed on.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            count(new_size);
            // SAFETY: the caller's contract, passed on.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// (bytes, allocations) requested while `f` runs, its result dropped outside the count.
    pub fn measure<T>(f: impl FnOnce() -> T) -> (u64, u64) {
        let (bytes, calls) = (BYTES.load(Relaxed), CALLS.load(Relaxed));
        ON.store(true, Relaxed);
        let result = f();
        ON.store(false, Relaxed);
        let counted = (BYTES.load(Relaxed) - bytes, CALLS.load(Relaxed) - calls);
        drop(result);
        counted
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

#[path = "support/bodies.rs"]
mod bodies;
#[path = "support/interleaved.rs"]
mod interleaved;

use std::hint::black_box;
use std::time::Duration;

use acs_events::models::*;
use acs_events::{parse_delivery, EventKind};
use bodies::{batch, event_grid_fixture_events, BATCH_EVENTS, EVENT_TYPES};
use criterion::{BenchmarkId, Criterion, Throughput};
use interleaved::Approach;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

// ---- baselines -------------------------------------------------------------------------

/// `Value`, then each `data` into its typed struct with `from_value`.
fn value_then_typed(body: &str) -> Vec<Option<EventData>> {
    let events: Vec<Value> = serde_json::from_str(body).unwrap();
    events
        .into_iter()
        .map(|mut event| {
            let kind = event
                .get("eventType")
                .and_then(Value::as_str)
                .and_then(EventKind::from_event_type)?;
            kind.deserialize_data(event["data"].take()).ok()
        })
        .collect()
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct TaggedEnvelope<T> {
    id: String,
    topic: Option<String>,
    subject: Option<String>,
    #[serde(rename = "eventTime", default, with = "time::serde::rfc3339::option")]
    event_time: Option<time::OffsetDateTime>,
    #[serde(rename = "dataVersion")]
    data_version: Option<String>,
    #[serde(rename = "metadataVersion")]
    metadata_version: Option<String>,
    data: T,
}

macro_rules! tagged_enum {
    ($($variant:ident($data:ty) = $event_type:literal,)*) => {
        /// serde's own dispatch: an internally tagged enum over `eventType`.
        #[derive(Deserialize)]
        #[serde(tag = "eventType")]
        #[allow(dead_code, clippy::large_enum_variant)]
        enum Tagged {
            $(#[serde(rename = $event_type)] $variant(TaggedEnvelope<$data>),)*
            #[serde(other)]
            Unknown,
        }
    };
}

// The kinds the bodies are built from (`bodies::event_kinds`), one variant each.
bodies::event_kinds!(tagged_enum);

/// The envelope as sonic-rs reads it for the two-phase typed baseline: strings borrowed from the
/// body, `eventTime` parsed, `data` kept as a lazy slice of the body.
#[derive(Deserialize)]
#[allow(dead_code)]
struct SonicEnvelope<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow, default)]
    topic: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    subject: Option<std::borrow::Cow<'a, str>>,
    #[serde(rename = "eventType", borrow)]
    event_type: std::borrow::Cow<'a, str>,
    #[serde(rename = "eventTime", default, with = "time::serde::rfc3339::option")]
    event_time: Option<time::OffsetDateTime>,
    #[serde(rename = "dataVersion", borrow, default)]
    data_version: Option<std::borrow::Cow<'a, str>>,
    #[serde(rename = "metadataVersion", borrow, default)]
    metadata_version: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow)]
    data: sonic_rs::LazyValue<'a>,
}

/// The fastest typed technique measured before this crate (`perf-anchors`): sonic-rs reads the
/// envelopes (SIMD, borrowed), then each `data` goes into its typed payload through serde's
/// `Deserialize` (the same generated types) on sonic-rs's deserializer; borrowed payloads when
/// `borrowed`, owned ones otherwise. sonic-rs cannot produce serde_json's `RawValue`, which
/// payloads with an open value hold (`RawJson`): those kinds (found once, by
/// [`sonic_refused_kinds`]) are read by serde_json, as a user of both crates would. The payloads
/// borrow from the envelopes' lazy values, so both are returned.
fn sonic_then_typed(body: &[u8], borrowed: bool) {
    let envelopes: Vec<SonicEnvelope<'_>> = sonic_rs::from_slice(body).unwrap();
    if borrowed {
        let payloads: Vec<_> = envelopes.iter().map(sonic_typed_borrowed).collect();
        drop(black_box((&envelopes, payloads)));
    } else {
        let payloads: Vec<_> = envelopes.iter().map(sonic_typed_owned).collect();
        drop(black_box((&envelopes, payloads)));
    }
}

/// An envelope's `data` as its kind's borrowed payload: sonic-rs's deserializer, or serde_json's
/// for the kinds sonic-rs refuses.
fn sonic_typed_borrowed<'a>(
    envelope: &'a SonicEnvelope<'_>,
) -> Option<acs_events::borrowed::EventData<'a>> {
    use eventgen_runtime::borrowed::EventSet as _;
    let kind = EventKind::from_event_type(&envelope.event_type)?;
    let text = envelope.data.as_raw_str();
    match sonic_refused_kinds().contains(&kind) {
        true => acs_events::borrowed::EventData::deserialize_data(
            kind,
            &mut serde_json::Deserializer::from_str(text),
        )
        .ok(),
        false => acs_events::borrowed::EventData::deserialize_data(
            kind,
            &mut sonic_rs::Deserializer::from_str(text),
        )
        .ok(),
    }
}

/// [`sonic_typed_borrowed`] into the owned payload.
fn sonic_typed_owned(envelope: &SonicEnvelope<'_>) -> Option<EventData> {
    let kind = EventKind::from_event_type(&envelope.event_type)?;
    let text = envelope.data.as_raw_str();
    match sonic_refused_kinds().contains(&kind) {
        true => kind
            .deserialize_data(&mut serde_json::Deserializer::from_str(text))
            .ok(),
        false => kind
            .deserialize_data(&mut sonic_rs::Deserializer::from_str(text))
            .ok(),
    }
}

/// The kinds whose payloads sonic-rs's deserializer refuses in the fixtures (those holding
/// serde_json's `RawValue`), found once.
fn sonic_refused_kinds() -> &'static [EventKind] {
    static REFUSED: std::sync::OnceLock<Vec<EventKind>> = std::sync::OnceLock::new();
    REFUSED.get_or_init(|| {
        use eventgen_runtime::borrowed::EventSet as _;
        let events = event_grid_fixture_events();
        let mut refused: Vec<EventKind> = Vec::new();
        for event in &events {
            let Some(kind) = event["eventType"]
                .as_str()
                .and_then(EventKind::from_event_type)
            else {
                continue;
            };
            let text = event["data"].to_string();
            let sonic = acs_events::borrowed::EventData::deserialize_data(
                kind,
                &mut sonic_rs::Deserializer::from_str(&text),
            );
            if sonic.is_err() && !refused.contains(&kind) {
                refused.push(kind);
            }
        }
        refused
    })
}

/// How many events [`sonic_then_typed`] types in both forms (the bench checks it types every
/// one).
fn sonic_then_typed_count(body: &[u8]) -> usize {
    let envelopes: Vec<SonicEnvelope<'_>> = sonic_rs::from_slice(body).unwrap();
    envelopes
        .iter()
        .filter(|envelope| {
            sonic_typed_borrowed(envelope).is_some() && sonic_typed_owned(envelope).is_some()
        })
        .count()
}

// ---- the run ---------------------------------------------------------------------------

const APPROACHES: &[&str] = &[
    "scan_floor",
    "value",
    "sonic_value",
    "value_then_typed",
    "serde_tagged_enum",
    "sonic_then_typed",
    "sonic_then_typed_borrowed",
    "parse_delivery",
    "parse_delivery_borrowed",
];

/// Each approach once over `body`, its result through `black_box` and dropped (the allocation
/// count is of bytes requested, which dropping does not change). Only the serde_json approaches
/// check UTF-8 first, for `from_str`; the others check it themselves.
fn run_once(approach: &str, body: &[u8]) {
    let text = || std::str::from_utf8(body).unwrap();
    match approach {
        "scan_floor" => drop(black_box(
            serde_json::from_str::<IgnoredAny>(text()).unwrap(),
        )),
        "value" => drop(black_box(serde_json::from_str::<Value>(text()).unwrap())),
        "sonic_value" => drop(black_box(
            sonic_rs::from_slice::<sonic_rs::Value>(body).unwrap(),
        )),
        "value_then_typed" => drop(black_box(value_then_typed(text()))),
        "serde_tagged_enum" => drop(black_box(
            serde_json::from_str::<Vec<Tagged>>(text()).unwrap(),
        )),
        "sonic_then_typed" => sonic_then_typed(body, false),
        "sonic_then_typed_borrowed" => sonic_then_typed(body, true),
        "parse_delivery" => drop(black_box(parse_delivery(body).unwrap())),
        "parse_delivery_borrowed" => drop(black_box(
            acs_events::borrowed::parse_delivery(body).unwrap(),
        )),
        other => unreachable!("no approach {other}"),
    }
}

fn bench_input(c: &mut Criterion, group_name: &str, body: &[u8], events: usize) {
    // Every approach must read every event of the input, or the comparison means nothing.
    let text = std::str::from_utf8(body).unwrap();
    assert_eq!(
        parse_delivery(body)
            .unwrap()
            .iter()
            .filter(|e| e.is_ok())
            .count(),
        events
    );
    assert_eq!(
        value_then_typed(text)
            .iter()
            .filter(|e| e.is_some())
            .count(),
        events
    );
    assert_eq!(
        serde_json::from_str::<Vec<Tagged>>(text).unwrap().len(),
        events
    );
    assert_eq!(sonic_then_typed_count(body), events);
    assert_eq!(
        acs_events::borrowed::parse_delivery(body)
            .unwrap()
            .iter()
            .filter(|e| e.is_ok())
            .count(),
        events
    );

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(body.len() as u64));
    for &approach in APPROACHES {
        group.bench_function(BenchmarkId::from_parameter(approach), |b| {
            b.iter(|| run_once(approach, black_box(body)))
        });
    }
    group.finish();
}

/// Every approach over each input, timed in turn in one loop (`support/interleaved.rs`), as one
/// table of throughput and ratios: against `serde_json::Value`, against `sonic_rs::Value`, and
/// each approach's time over `parse_delivery`'s.
fn print_interleaved(
    inputs: &[(&str, &[u8], usize)],
    names: &[&'static str],
    rounds: usize,
    sample: Duration,
) {
    println!("\n| input | approach | MB/s | events/s | × serde_json::Value | % of sonic_rs::Value | time / parse_delivery's |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (group, body, events) in inputs {
        let mut approaches: Vec<Approach<'_>> = names
            .iter()
            .map(|&name| Approach {
                name,
                run: Box::new(move || run_once(name, black_box(body))),
            })
            .collect();
        let ns = interleaved::median_ns(&mut approaches, rounds, sample);
        let of = |name: &str| {
            ns[names
                .iter()
                .position(|a| *a == name)
                .expect("the ratios need value, sonic_value and parse_delivery")]
        };
        let (value, sonic, ours) = (of("value"), of("sonic_value"), of("parse_delivery"));
        for (approach, t) in approaches.iter().zip(&ns) {
            let mb_per_s = body.len() as f64 / t * 1e3;
            let events_per_s = *events as f64 / t * 1e9;
            println!(
                "| {group} | {} | {mb_per_s:.0} | {events_per_s:.0} | {:.2}× | {:.0} % | {:.2} |",
                approach.name,
                value / t,
                100.0 * sonic / t,
                t / ours
            );
        }
    }
    println!(
        "(medians of {rounds} rounds; each round times every approach once, in a rotating order)"
    );
}

fn print_allocations(inputs: &[(&str, &[u8], usize)]) {
    println!("\n| input | approach | bytes allocated per event | allocations per event |");
    println!("|---|---|---:|---:|");
    for (group, body, events) in inputs {
        for approach in APPROACHES {
            let (bytes, calls) = counting::measure(|| run_once(approach, body));
            println!(
                "| {group} | {approach} | {:.0} | {:.1} |",
                bytes as f64 / *events as f64,
                calls as f64 / *events as f64
            );
        }
    }
}

fn main() {
    let events = event_grid_fixture_events();
    assert_eq!(
        events
            .iter()
            .filter_map(|e| e["eventType"].as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        EVENT_TYPES.len()
    );
    let after = batch(&events, BATCH_EVENTS, false);
    let before = batch(&events, BATCH_EVENTS, true);
    let single = bodies::single(&events);

    // `PROFILE=<approach>` runs only that approach on the batch for ten seconds, for a profiler
    // (`perf record`): nothing else in the process to filter out. With `PROFILE_RUNS=N` it
    // parses the batch exactly N times instead, for an instruction count that does not depend
    // on the machine's speed (`valgrind --tool=callgrind`; see tools/bench-ab).
    if let Ok(name) = std::env::var("PROFILE") {
        assert!(
            APPROACHES.contains(&name.as_str()),
            "PROFILE: no approach {name}"
        );
        if let Ok(runs) = std::env::var("PROFILE_RUNS") {
            let runs: usize = runs.parse().expect("PROFILE_RUNS: a number of runs");
            for _ in 0..runs {
                run_once(&name, black_box(&after));
            }
            return;
        }
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            run_once(&name, black_box(&after));
        }
        return;
    }

    let mut c = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(800))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    bench_input(&mut c, "batch_type_after_data", &after, BATCH_EVENTS);
    bench_input(&mut c, "batch_type_before_data", &before, BATCH_EVENTS);
    bench_input(&mut c, "single_event", &single, 1);
    c.final_summary();

    let inputs: [(&str, &[u8], usize); 3] = [
        ("batch_type_after_data", &after, BATCH_EVENTS),
        ("batch_type_before_data", &before, BATCH_EVENTS),
        ("single_event", &single, 1),
    ];
    println!(
        "batch: {} events, {} bytes; single event: {} bytes",
        BATCH_EVENTS,
        after.len(),
        single.len()
    );
    // `INTERLEAVED=value,sonic_value,...` times only those in the loop (criterion's own filter,
    // `-- <text>`, skips its groups): what else the process allocates moves the ratios.
    let names: Vec<&'static str> = match std::env::var("INTERLEAVED") {
        Ok(list) => list
            .split(',')
            .map(|name| {
                *APPROACHES
                    .iter()
                    .find(|a| **a == name.trim())
                    .unwrap_or_else(|| {
                        panic!("INTERLEAVED: no approach {name}; they are {APPROACHES:?}")
                    })
            })
            .collect(),
        Err(_) => APPROACHES.to_vec(),
    };
    // `cargo test --benches` runs in test mode: one short round, so CI exercises the table.
    match std::env::args().any(|a| a == "--bench") {
        true => print_interleaved(&inputs, &names, 41, Duration::from_millis(20)),
        false => print_interleaved(&inputs, &names, 1, Duration::ZERO),
    }
    // Counted in test mode too (one untimed run each), so CI exercises this path.
    {
        print_allocations(&[
            ("batch_type_after_data", &after, BATCH_EVENTS),
            ("single_event", &single, 1),
        ]);
    }
}

//! `parse_delivery` against the official Azure SDKs' Event Grid parsing, on the same bodies:
//!
//! ```text
//! cargo bench --bench peers
//! ```
//!
//! - `parse_delivery`, `parse_delivery_borrowed` (`acs_events::borrowed`) and, as a reference,
//!   `serde_json::Value`: timed in this process;
//! - `node_eventgrid`: `await new EventGridDeserializer().deserializeEventGridEvents(body)` from
//!   `@azure/eventgrid` (`benches/peers/eventgrid.mjs`), the body as a string (decoded once,
//!   untimed), so `JSON.parse` is in its time as parsing the text is in ours;
//! - `python_eventgrid`: `EventGridEvent.from_dict` of `azure-eventgrid` over `json.loads` of the
//!   body (`benches/peers/eventgrid.py`).
//!
//! Neither SDK types `data` (it stays the parsed JSON object; both parse `eventTime` into a
//! date), while `parse_delivery` parses each `data` into its typed struct: the peers do less.
//!
//! Inputs: the bodies of `benches/parse_delivery.rs` (`benches/support/bodies.rs`), written to
//! `<target>/peers/bodies/*.json` for the peers to read. The peers are installed once, from the
//! exact pins in `benches/peers/` (`package.json` and its lock; `requirements.txt`), into
//! `<target>/peers/node` (`npm ci`) and `<target>/peers/python` (a venv); a peer whose runtime or
//! install is missing is reported and left out of the table.
//!
//! Method, the same in all three languages (the peers get its parameters as arguments): per input
//! and approach, warm up for 0.5 s, size a batch of parses to ~10 ms, time batches for 1 s
//! (`Instant`, `process.hrtime.bigint`, `perf_counter_ns`), and take the median of the batches'
//! time per parse. Each approach must return every event of the input. No criterion here, so the
//! method is the peers'. That is one round; five rounds (`PEER_ROUNDS`) run one after another,
//! and the table gives each approach's median over the rounds and, per round, how many times
//! faster `parse_delivery` was than it (median and range): the machine's speed drifts by tens of
//! percent within a minute, and a ratio taken within a round drifts far less. Under
//! `cargo test --benches` (no `--bench`), only our parses run, once each, without the network.

#[path = "support/bodies.rs"]
mod bodies;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The method's parameters, in milliseconds, passed to the peers as their first three arguments.
const WARM_UP_MS: u64 = 500;
const TIME_BOX_MS: u64 = 1_000;
const BATCH_MS: u64 = 10;

/// Rounds, each timing every approach once (`PEER_ROUNDS` overrides): the machine's speed moves
/// by tens of percent over a minute, so each round's ratios are taken within the round and the
/// table gives their median and range.
const ROUNDS: usize = 5;

/// One row of the table.
struct Timing {
    input: String,
    approach: String,
    median_ns: f64,
}

// ---- our side ----------------------------------------------------------------------------

/// A parse of a body, returning how many events it produced.
type Parse = fn(&[u8]) -> usize;

/// Each in-process approach.
const OURS: &[(&str, Parse)] = &[
    ("parse_delivery", |body| {
        acs_events::parse_delivery(body).unwrap().len()
    }),
    ("parse_delivery_borrowed", |body| {
        acs_events::borrowed::parse_delivery(body).unwrap().len()
    }),
    ("serde_json_value", |body| {
        let value = serde_json::from_str::<Value>(std::str::from_utf8(body).unwrap()).unwrap();
        value.as_array().unwrap().len()
    }),
];

/// Every event of `body` must parse, or the comparison means nothing.
fn assert_all_parse(body: &[u8], events: usize) {
    assert_eq!(
        acs_events::parse_delivery(body)
            .unwrap()
            .iter()
            .filter(|e| e.is_ok())
            .count(),
        events
    );
    assert_eq!(
        acs_events::borrowed::parse_delivery(body)
            .unwrap()
            .iter()
            .filter(|e| e.is_ok())
            .count(),
        events
    );
    for (_, parse) in OURS {
        assert_eq!(parse(body), events);
    }
}

/// Median ns per parse, by the method the peers share (see the module docs).
fn median_ns(body: &[u8], parse: Parse) -> f64 {
    let once = || black_box(parse(black_box(body)));
    let (start, mut calls) = (Instant::now(), 0u32);
    while calls == 0 || start.elapsed() < Duration::from_millis(WARM_UP_MS) {
        once();
        calls += 1;
    }
    let batch = (Duration::from_millis(BATCH_MS).as_nanos() as f64
        / (start.elapsed().as_nanos() as f64 / calls as f64))
        .ceil()
        .max(1.0) as u32;
    let (start, mut samples) = (Instant::now(), Vec::new());
    while samples.len() < 3 || start.elapsed() < Duration::from_millis(TIME_BOX_MS) {
        let t = Instant::now();
        for _ in 0..batch {
            once();
        }
        samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
    }
    median(samples.into_iter())
}

// ---- the peers ---------------------------------------------------------------------------

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn sources() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/peers")
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Runs `command`, its stderr shown; an error if it cannot start or fails.
fn run(command: &mut Command) -> Result<Output, String> {
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!("{command:?} failed ({})", output.status))
    }
}

/// Runs `install` unless `dir` already holds an install of exactly `pins` (the pin files' text),
/// so a run after the first, or after a failed one, needs no network unless the pins changed.
fn install_once(
    dir: &Path,
    pins: &str,
    install: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    let stamp = dir.join("installed-pins");
    if std::fs::read_to_string(&stamp).is_ok_and(|installed| installed == pins) {
        return Ok(());
    }
    println!(
        "installing {} (once, from the pins in benches/peers)",
        dir.display()
    );
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    install()?;
    std::fs::write(stamp, pins).map_err(|e| e.to_string())
}

/// The peer's JSON lines: one timing per body, each checked to hold every event of its input.
fn run_peer(
    command: &mut Command,
    name: &str,
    bodies: &[(PathBuf, &str, usize)],
) -> Result<(Vec<Timing>, String), String> {
    command
        .args([WARM_UP_MS, TIME_BOX_MS, BATCH_MS].map(|ms| ms.to_string()))
        .args(bodies.iter().map(|(path, _, _)| path));
    let output = run(command)?;
    let (mut timings, mut about) = (Vec::new(), String::new());
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let result: Value =
            serde_json::from_str(line).map_err(|e| format!("not a result line ({e}): {line}"))?;
        let input = result["input"].as_str().unwrap_or_default();
        let (_, _, events) = bodies
            .iter()
            .find(|(_, i, _)| *i == input)
            .ok_or(format!("no input {input:?}"))?;
        assert_eq!(
            result["events"].as_u64(),
            Some(*events as u64),
            "{name} did not return every event of {input}"
        );
        timings.push(Timing {
            input: input.to_string(),
            approach: name.to_string(),
            median_ns: result["median_ns"].as_f64().unwrap(),
        });
        about = format!(
            "{} on {}",
            result["sdk"].as_str().unwrap_or("?"),
            result["runtime"].as_str().unwrap_or("?")
        );
    }
    if timings.len() == bodies.len() {
        Ok((timings, about))
    } else {
        Err(format!(
            "{} results for {} bodies",
            timings.len(),
            bodies.len()
        ))
    }
}

/// `@azure/eventgrid`, installed with `npm ci` from the pinned lock.
fn node(dir: &Path, bodies: &[(PathBuf, &str, usize)]) -> Result<(Vec<Timing>, String), String> {
    let files = ["package.json", "package-lock.json"];
    let pins = files
        .iter()
        .map(|f| read(&sources().join(f)))
        .collect::<Result<String, _>>()?;
    install_once(dir, &pins, || {
        for f in files {
            std::fs::copy(sources().join(f), dir.join(f)).map_err(|e| e.to_string())?;
        }
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        run(Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir))
        .map(drop)
    })?;
    // Beside its node_modules, where Node resolves the script's imports.
    std::fs::copy(sources().join("eventgrid.mjs"), dir.join("eventgrid.mjs"))
        .map_err(|e| e.to_string())?;
    run_peer(
        Command::new("node").arg(dir.join("eventgrid.mjs")),
        "node_eventgrid",
        bodies,
    )
}

/// `azure-eventgrid`, installed into a venv from the pinned requirements.
fn python(dir: &Path, bodies: &[(PathBuf, &str, usize)]) -> Result<(Vec<Timing>, String), String> {
    let requirements = sources().join("requirements.txt");
    let python = dir.join(if cfg!(windows) {
        "Scripts/python.exe"
    } else {
        "bin/python"
    });
    install_once(dir, &read(&requirements)?, || {
        run(Command::new("python3").args(["-m", "venv"]).arg(dir))?;
        run(Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "-r"])
            .arg(&requirements))
        .map(drop)
    })?;
    run_peer(
        Command::new(&python).arg(sources().join("eventgrid.py")),
        "python_eventgrid",
        bodies,
    )
}

// ---- the run -----------------------------------------------------------------------------

/// "4.1× slower" / "1.3× faster" than `parse_delivery`.
fn relative(ns: f64, ours: f64) -> String {
    match ns / ours {
        r if r >= 1.0 => format!("{r:.1}× slower"),
        r => format!("{:.1}× faster", 1.0 / r),
    }
}

fn main() {
    let inputs = bodies::inputs();
    for (_, body, events) in &inputs {
        assert_all_parse(body, *events);
    }
    // `cargo test --benches` runs this once in test mode: our parses only, no network.
    if !std::env::args().any(|a| a == "--bench") {
        println!("peers: our parses checked; the peers run only under `cargo bench --bench peers`");
        return;
    }

    let peers = target_dir().join("peers");
    std::fs::create_dir_all(peers.join("bodies")).unwrap();
    let mut bodies = Vec::new();
    for (input, body, events) in &inputs {
        let path = peers.join("bodies").join(format!("{input}.json"));
        std::fs::write(&path, body).unwrap();
        bodies.push((path, *input, *events));
    }
    let sizes: Vec<String> = inputs
        .iter()
        .map(|(input, body, events)| format!("{input} ({events} events, {} bytes)", body.len()))
        .collect();
    println!(
        "bodies in {}: {}",
        peers.join("bodies").display(),
        sizes.join(", ")
    );

    let rounds = std::env::var("PEER_ROUNDS")
        .map(|r| r.parse().expect("PEER_ROUNDS: a number of rounds"))
        .unwrap_or(ROUNDS);
    // One Vec of timings per round, each holding every approach of every input.
    let mut per_round: Vec<Vec<Timing>> = Vec::new();
    let mut about = Vec::new();
    for round in 0..rounds {
        let mut timings = Vec::new();
        for (input, body, _) in &inputs {
            for (approach, parse) in OURS {
                timings.push(Timing {
                    input: input.to_string(),
                    approach: approach.to_string(),
                    median_ns: median_ns(body, *parse),
                });
            }
        }
        for (name, result) in [
            ("node", node(&peers.join("node"), &bodies)),
            ("python", python(&peers.join("python"), &bodies)),
        ] {
            match result {
                Ok((peer, sdk)) => {
                    timings.extend(peer);
                    if round == 0 {
                        about.push(sdk);
                    }
                }
                Err(e) => println!("{name} peer left out of round {}: {e}", round + 1),
            }
        }
        per_round.push(timings);
    }

    if !about.is_empty() {
        println!("\npeers: {}", about.join("; "));
    }
    println!(
        "\n| input | approach | MB/s | events/s | time relative to parse_delivery | parse_delivery × this, per round: median (range) |"
    );
    println!("|---|---|---:|---:|---|---:|");
    for (input, body, events) in &inputs {
        let ns_of = |round: &[Timing], approach: &str| {
            round
                .iter()
                .find(|t| t.input == *input && t.approach == approach)
                .map(|t| t.median_ns)
        };
        let approaches: Vec<&str> = per_round[0]
            .iter()
            .filter(|t| t.input == *input)
            .map(|t| t.approach.as_str())
            .collect();
        let ours = median(per_round.iter().filter_map(|r| ns_of(r, "parse_delivery")));
        for approach in approaches {
            let ns = median(per_round.iter().filter_map(|r| ns_of(r, approach)));
            // Within each round: how many times faster parse_delivery is than this approach.
            let ratios: Vec<f64> = per_round
                .iter()
                .filter_map(|r| Some(ns_of(r, approach)? / ns_of(r, "parse_delivery")?))
                .collect();
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), &r| (l.min(r), h.max(r)));
            let mb_per_s = body.len() as f64 / ns * 1e3;
            let events_per_s = *events as f64 / ns * 1e9;
            let relative = if approach == "parse_delivery" {
                "1.0× (baseline)".to_string()
            } else {
                relative(ns, ours)
            };
            println!(
                "| {input} | {approach} | {mb_per_s:.0} | {events_per_s:.0} | {relative} | {:.2} ({low:.2}–{high:.2}) |",
                median(ratios.iter().copied())
            );
        }
    }
    println!("(medians over {rounds} rounds; each round times every approach once)");
}

/// The median of `values` (the upper one of an even count).
fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

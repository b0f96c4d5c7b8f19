//! eventgen's output for one small schema per construct (`schemas/<case>/`), compiled, so that
//! every code path of the emitter is built and exercised (`tests/behaviour.rs`), not only
//! snapshotted (`../tests/edge_cases.rs` snapshots the same files).

/// The generated event sets of every construct.
#[allow(clippy::all)]
pub mod models {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}

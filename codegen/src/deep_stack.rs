//! A stack sized for the depth the generator's input may have.
//!
//! Reading a schema into a `serde_json::Value`, lowering it and validating against it each
//! recurse once per level of the JSON they read. serde_json bounds that depth at 128 levels
//! (and [`crate::load`] refuses deeper documents built in memory), but 128 levels of those
//! frames need more stack than a small thread has: parsing alone takes about 350 KiB in a debug
//! build. So those stages run here, on a thread whose stack fits the bound whatever the
//! caller's thread has.

/// Far more than 128 levels of any stage need; reserved, and only touched as used.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// `work` on a thread with [`STACK_BYTES`] of stack (on the caller's thread if none can be
/// started), its panic passed on to the caller.
pub(crate) fn run<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let mut work = Some(work);
    let ran = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("eventgen".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || work.take().map(|work| work()));
        let joined = thread.ok()?.join();
        Some(joined.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    match (ran.flatten(), work) {
        (Some(value), _) => value,
        // The thread could not start, so the work is still here.
        (None, Some(work)) => work(),
        (None, None) => unreachable!("work that ran returned a value"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_deep_recursion_from_a_small_stack_and_passes_panics_on() {
        // 512 bytes a frame the optimizer cannot remove: 20,000 frames need about 10 MiB.
        fn depth(n: u32) -> u32 {
            let frame = std::hint::black_box([0u8; 512]);
            if n == 0 {
                u32::from(frame[0])
            } else {
                1 + depth(n - 1) + u32::from(frame[511])
            }
        }
        let result = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(|| super::run(|| depth(20_000)))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(result, 20_000);
        let panicked = std::panic::catch_unwind(|| super::run(|| panic!("boom")));
        assert!(panicked.is_err());
    }
}

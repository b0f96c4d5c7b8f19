//! Runs a check on a thread with a small stack, so that recursion on hostile input is found as a
//! crash long before a real server's 2 MiB (or 8 MiB) stack would overflow: about 8,500 nested
//! arrays overflow 2 MiB in a recursive walk, far more than a fuzzer tends to build, while a
//! few hundred overflow 256 KiB. Shared by every fuzz target and by `tests/fuzz_regressions.rs`.

/// The stack each check runs on.
pub const STACK_SIZE: usize = 256 * 1024;

/// `check()` on a thread with a [`STACK_SIZE`] stack; its panic is resumed here, so it is the
/// caller's (libFuzzer's crash, a failed test) as if the check had run on this thread.
pub fn on_small_stack<T: Send>(check: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, check)
            .expect("spawn a checking thread");
        thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

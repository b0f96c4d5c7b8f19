//! Standard output that a reader leaving early (`eventgen validate big.json | head`) does not
//! turn into a panic, as `println!` does: once the pipe is closed the rest of the output is
//! dropped, and the command runs to the end, so its exit status is still the verdict.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::Failure;

/// Set when a write found the pipe closed; nothing is written after that.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Write `text` to standard output. A closed pipe is not an error; any other failure is.
pub fn write(text: &str) -> Result<(), Failure> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(error) => Err(Failure(format!("cannot write to standard output: {error}"))),
        Ok(()) => Ok(()),
    }
}

/// `println!` through [`write`], returning its error with `?`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::stdout::write(&format!("{}\n", format_args!($($arg)*)))?
    };
}
pub(crate) use outln;

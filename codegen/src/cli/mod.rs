//! The `eventgen` command, one job per module: `args` (what the command line may say, and its
//! help), `generate` (`generate` and `check`), `diff`, `validate`, `import`, `count` (counts in words)
//! and `stdout` (output that a closed pipe does not turn into a panic). Each command returns
//! an [`Outcome`]; [`run`] turns it into the exit status.

pub mod args;
mod count;
mod diff;
mod generate;
mod import;
mod stdout;
#[cfg(feature = "validate")]
mod validate;

use std::process::ExitCode;

use args::{Cli, Command};

/// How a command that ran to the end judged its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Exit 0.
    Passed,
    /// Exit 1: stale files, a bump above `--allow`, an invalid event.
    Failed,
}

/// Why a command could not run to the end (exit 2): the message, with the file it concerns.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<eventgen::Error> for Failure {
    fn from(error: eventgen::Error) -> Self {
        Failure(error.to_string())
    }
}

/// What a command returns.
pub type Outcome = Result<Verdict, Failure>;

#[cfg(feature = "validate")]
use validate::validate;

/// Without the `validate` feature the command exists, and says why it cannot run.
#[cfg(not(feature = "validate"))]
fn validate(_: &args::ValidateArgs) -> Outcome {
    Err(Failure(
        "this eventgen was built without the `validate` feature".into(),
    ))
}

/// Run the parsed command and give its exit status: 0 passed, 1 failed, 2 error.
pub fn run(cli: Cli) -> ExitCode {
    let outcome = match cli.command {
        Command::Generate(args) => generate::generate(&args),
        Command::Check(args) => generate::check(&args),
        Command::Diff(args) => diff::diff(&args),
        Command::Validate(args) => validate(&args),
        Command::Import(args) => import::import(&args),
        Command::Drift(args) => import::drift(&args),
    };
    match outcome {
        Ok(Verdict::Passed) => ExitCode::SUCCESS,
        Ok(Verdict::Failed) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("eventgen: {message}");
            ExitCode::from(2)
        }
    }
}

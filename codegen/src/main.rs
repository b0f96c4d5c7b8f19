//! The `eventgen` command (`eventgen --help` lists the commands, `eventgen COMMAND --help`
//! their options):
//!
//! - `generate` rewrites `generated/` from `schemas/`; `check` exits 1, naming the stale files,
//!   when `generated/` does not match. `--no-borrowed` leaves the borrowed form out.
//! - `diff OLD_DIR NEW_DIR` (or `diff --git OLD_REV [NEW_REV]`, the working tree when NEW_REV is
//!   left out) reports what a schema change means for the crate's semver and for consumers on
//!   the wire, as text, JSON or markdown (`--format`); `--allow LEVEL` makes it a CI gate.
//! - `validate FILE` checks each event of a captured delivery against its event type's schema.
//! - `import --spec FILE --event-types FILE --out DIR` writes JSON Schemas from an OpenAPI
//!   document's definitions; `--check` exits 1 naming the files that differ.
//! - `drift --spec FILE` lists what such a document and hand-written schemas disagree on.
//!
//! Exit status: 0 success, 1 the check failed (stale files, a bump above `--allow`, an invalid
//! event), 2 an error (bad arguments, unreadable or malformed schemas or input).
//!
//! The command line is declared with clap (`cli/args.rs`); each command is a module of `cli/`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run(cli::args::parse())
}

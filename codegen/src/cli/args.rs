//! The command line as clap's derive declares it: every command, option and help text. Parsing
//! errors (an unknown option, a missing value) print the usage and exit 2; `--help` and
//! `--version` exit 0.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use eventgen::diff::Semver;

/// The exit statuses, printed under `eventgen --help`.
const EXIT_STATUS: &str = "\
Exit status: 0 success; 1 the check failed (stale files, a bump above --allow, an invalid
event); 2 an error (bad arguments, unreadable or malformed schemas or input).";

/// Generate Rust types from JSON Schema event definitions, and review schema changes
#[derive(Debug, Parser)]
#[command(name = "eventgen", version, after_help = EXIT_STATUS)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The command line of this process. `--help` and `--version` print and exit 0; an error
/// prints what is wrong and the usage, and exits 2.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&args).unwrap_or_else(|error| with_usage(error, &args).exit())
}

/// clap prints the usage with most errors, but not with a bad value (`--format yaml`): add
/// the usage of the command the arguments name, so that every error shows how to call it.
fn with_usage(mut error: clap::Error, args: &[std::ffi::OsString]) -> clap::Error {
    if !error.use_stderr() || error.get(ContextKind::Usage).is_some() {
        return error;
    }
    let mut command = Cli::command();
    // Building gives each subcommand its full name for the usage, `eventgen diff`.
    command.build();
    // No option of `eventgen` itself takes a value, so the first word that is not an option is
    // the command.
    let named = args
        .iter()
        .skip(1)
        .find(|arg| !arg.to_string_lossy().starts_with('-'))
        .and_then(|name| command.find_subcommand_mut(name.to_string_lossy().as_ref()));
    let usage = match named {
        Some(subcommand) => subcommand.render_usage(),
        None => command.render_usage(),
    };
    error.insert(ContextKind::Usage, ContextValue::StyledStr(usage));
    error
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the Rust bindings from the schemas (writes only changed files)
    Generate(GenerateArgs),
    /// Exit 1 when the generated files differ from what the schemas generate
    Check(GenerateArgs),
    /// What a schema change means for the crate's semver and for consumers on the wire
    #[command(long_about = DIFF_ABOUT, override_usage = DIFF_USAGE)]
    Diff(DiffArgs),
    /// Validate each event of a delivery against its event type's schema
    #[command(long_about = VALIDATE_ABOUT)]
    Validate(ValidateArgs),
    /// Write JSON Schemas, one per event type, from an OpenAPI document's definitions
    #[command(long_about = IMPORT_ABOUT)]
    Import(ImportArgs),
    /// List what an OpenAPI document and hand-written schemas disagree on, member by member
    #[command(long_about = DRIFT_ABOUT)]
    Drift(DriftArgs),
}

const DRIFT_ABOUT: &str = "\
List what an OpenAPI document and hand-written schemas disagree on: for each event type of the
schemas (under --prefix), the members and enum values only one side has, event types whose
model the document lacks, and models the document describes as an event's data that the
schemas lack. Another spelling the schemas declare (x-aliases, x-enum-aliases) counts as the
same. Exits 1 when there is any difference.";

/// The options of `drift`.
#[derive(Debug, Args)]
pub struct DriftArgs {
    /// The OpenAPI document (2.0 `definitions` or 3.x `components.schemas`)
    #[arg(long, value_name = "FILE")]
    pub spec: PathBuf,
    /// The hand-written schema directory
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    pub schemas: PathBuf,
    /// Compare the event types that start with this
    #[arg(
        long,
        value_name = "PREFIX",
        default_value = "Microsoft.Communication."
    )]
    pub prefix: String,
}

const IMPORT_ABOUT: &str = "\
Write JSON Schemas, one per event type, from an OpenAPI document's definitions (2.0 or 3.x) and
a mapping from event type to model: each event's model in <service>/<event>.json, the models
they share once under $defs. Importing the same input again changes nothing. With --check,
write nothing and exit 1 naming the files that differ.";

/// The options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The OpenAPI document (2.0 `definitions` or 3.x `components.schemas`)
    #[arg(long, value_name = "FILE")]
    pub spec: PathBuf,
    /// The event-type → model mapping (a JSON array of {eventType, model, service})
    #[arg(long, value_name = "FILE")]
    pub event_types: PathBuf,
    /// Quirks to apply after the import (a JSON object keyed by model: why, optional, nullable, patch)
    #[arg(long, value_name = "FILE")]
    pub overlay: Option<PathBuf>,
    /// The schema directory to write
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write nothing; exit 1 naming the files that differ from what the import writes
    #[arg(long)]
    pub check: bool,
}

const DIFF_ABOUT: &str = "\
What a schema change means: per event type, each change's kind, the semver level it forces on
the generated crate, and whether old consumers read new payloads and new consumers read old
ones. Compares two schema directories, or with --git the schemas at a revision with those at
another revision or in the working tree.";

/// clap would print `[OLD_DIR] [NEW_DIR]`, since `--git` makes them optional: say the two ways.
const DIFF_USAGE: &str = "\
eventgen diff [OPTIONS] <OLD_DIR> <NEW_DIR>
       eventgen diff [OPTIONS] --git <OLD_REV> [NEW_REV]";

const VALIDATE_ABOUT: &str = "\
Validate each event of a captured delivery against its event type's schema. A value an open
enum does not list is a warning, not a violation. Exits 1 when any event is invalid.";

/// The options of `generate` and `check`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The schema directory
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    pub schemas: PathBuf,
    /// The directory of the generated files
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// Leave out the borrowed form (no `borrowed` module)
    #[arg(long, conflicts_with = "borrowed_feature")]
    pub no_borrowed: bool,
    /// Compile the borrowed form only under this cargo feature
    #[arg(long, value_name = "FEATURE")]
    pub borrowed_feature: Option<String>,
    /// Derive schemars' JsonSchema for the owned types
    #[arg(long, conflicts_with = "schemars_feature")]
    pub schemars: bool,
    /// Derive JsonSchema only under this cargo feature
    #[arg(long, value_name = "FEATURE")]
    pub schemars_feature: Option<String>,
    /// How generated code names eventgen-runtime [default: ::eventgen_runtime]
    #[arg(long, value_name = "PATH")]
    pub runtime: Option<String>,
    /// Take SCHEMA's types (a `dir/`, file or location) from MODULE, a crate made from the same schemas
    ///
    /// Repeatable; the most specific SCHEMA wins.
    #[arg(long = "extern-path", value_name = "SCHEMA=MODULE", value_parser = schema_and_module)]
    pub extern_paths: Vec<(String, String)>,
    /// Read the schemas below DIR as the directory PREFIX (`acs/`) of the schema directory
    ///
    /// Repeatable; for another crate's schemas, whose types --extern-path then takes from it.
    #[arg(long = "mount", value_name = "PREFIX=DIR", value_parser = prefix_and_dir)]
    pub mounts: Vec<(String, PathBuf)>,
    /// Take settings from [package.metadata.eventgen] [default: ./Cargo.toml, if any]
    ///
    /// The flags above override them.
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,
}

/// `SCHEMA=MODULE`, split at its first `=`.
fn schema_and_module(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(schema, module)| (schema.to_string(), module.to_string()))
        .ok_or_else(|| format!("`{text}` is not SCHEMA=MODULE, such as `sms/=::acs_events`"))
}

/// `PREFIX=DIR`, split at its first `=`.
fn prefix_and_dir(text: &str) -> Result<(String, PathBuf), String> {
    text.split_once('=')
        .map(|(prefix, dir)| (prefix.to_string(), PathBuf::from(dir)))
        .ok_or_else(|| format!("`{text}` is not PREFIX=DIR, such as `acs/=../schemas`"))
}

/// `diff --git`'s schema directory when `--schemas-path` is not given.
pub const DEFAULT_SCHEMAS_PATH: &str = "schemas";

/// The options of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The schema directory before the change
    #[arg(
        value_name = "OLD_DIR",
        required_unless_present = "git",
        conflicts_with = "git"
    )]
    pub old_dir: Option<PathBuf>,
    /// The schema directory after the change
    #[arg(value_name = "NEW_DIR", required_unless_present = "git")]
    pub new_dir: Option<PathBuf>,
    /// Compare revision OLD_REV with NEW_REV, or with the working tree
    ///
    /// The schemas at git revision OLD_REV against those at NEW_REV, or against those on disk
    /// when NEW_REV is left out. Revisions are read without a checkout.
    #[arg(long, value_names = ["OLD_REV", "NEW_REV"], num_args = 1..=2)]
    pub git: Option<Vec<String>>,
    /// With --git: the schema directory [default: schemas]
    ///
    /// Relative to the current directory, which may be any directory of the repository.
    // No `default_value`: clap would then not hold the option to `requires`. `requires` alone
    // lets it through beside OLD_DIR (which conflicts with --git), hence `conflicts_with`.
    #[arg(
        long,
        value_name = "PATH",
        requires = "git",
        conflicts_with = "old_dir"
    )]
    pub schemas_path: Option<String>,
    /// Report form
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 above this bump
    ///
    /// Exit 1 when the change needs a bigger version bump than LEVEL: a CI gate.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub allow: Option<Level>,
    /// Module path of the generated code, put before each Rust item
    ///
    /// The path of the module that includes the generated `mod.rs`, as code names it (`models`
    /// in acs-events): each change's Rust item is printed as `PATH::Item`. Left out, the items
    /// are paths from the crate root.
    #[arg(long, value_name = "PATH")]
    pub module: Option<String>,
    /// The output has no borrowed form: omit its changes
    ///
    /// For code generated with `generate --no-borrowed`.
    #[arg(long)]
    pub no_borrowed: bool,
}

/// The forms of `diff`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The bump, then each event type's changes, for a terminal
    Text,
    /// `{"bump", "changes"}`, each change with its schema file, pointer and Rust item
    Json,
    /// The bump, then a table per event type, for a pull-request comment
    Markdown,
}

/// A semver level, as `--allow` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// No release: the generated code must not change
    None,
    /// A patch release: the API must not change
    Patch,
    /// A minor release: the API may grow
    Minor,
    /// A major release: anything goes
    Major,
}

impl Level {
    /// The library's level of the same name.
    pub fn semver(self) -> Semver {
        match self {
            Level::None => Semver::None,
            Level::Patch => Semver::Patch,
            Level::Minor => Semver::Minor,
            Level::Major => Semver::Major,
        }
    }
}

/// The options of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// One event or an array of events (JSON), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The schema directory
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    pub schemas: PathBuf,
    /// Read the schemas below DIR as the directory PREFIX (`acs/`) of the schema directory
    ///
    /// Repeatable; added to the manifest's `schema-mounts`.
    #[arg(long = "mount", value_name = "PREFIX=DIR", value_parser = prefix_and_dir)]
    pub mounts: Vec<(String, PathBuf)>,
    /// Take `schema-mounts` from [package.metadata.eventgen] [default: ./Cargo.toml, if any]
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// clap's own consistency checks on the declarations (conflicting names, bad defaults).
    #[test]
    fn the_declarations_are_consistent() {
        Cli::command().debug_assert();
    }
}

//! The `eventgen` command.
//!
//! - `generate` rewrites `generated/` from `schemas/`; `check` exits 1, naming the stale files,
//!   when `generated/` does not match.
//! - `diff OLD NEW` (or `diff --git REV REV`) reports what a schema change means for the crate's
//!   semver and for consumers on the wire; `--allow LEVEL` makes it a CI gate.
//! - `validate FILE` checks each event of a captured delivery against its event type's schema.
//!
//! Exit status: 0 success, 1 the check failed (stale files, a bump above `--allow`, an invalid
//! event), 2 an error (bad arguments, unreadable or malformed schemas or input).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eventgen::diff::{self, Semver};
use eventgen::load::SchemaSet;

const USAGE: &str = "\
usage:
  eventgen generate [--schemas DIR] [--out DIR]
  eventgen check    [--schemas DIR] [--out DIR]
  eventgen diff OLD_DIR NEW_DIR           [--format text|json] [--allow LEVEL]
  eventgen diff --git OLD_REV NEW_REV     [--schemas-path PATH] [--format text|json] [--allow LEVEL]
  eventgen validate FILE                  [--schemas DIR]

  generate   regenerate the Rust bindings from the schemas (writes only changed files)
  check      exit 1 when the generated files differ from what the schemas generate
  diff       what a schema change means: per event type, each change's kind, the semver level it
             forces on the generated crate, and whether old consumers read new payloads and new
             consumers read old ones; --allow LEVEL (none, patch, minor, major) exits 1 when the
             bump exceeds LEVEL. --git reads PATH (default: schemas) at two revisions of the
             repository in the current directory, without a checkout.
  validate   validate each event of a delivery (FILE, or - for stdin) against its schema; exit 1
             when any event violates it

defaults: --schemas schemas, --out generated, --format text";

/// Parsed command-line options shared by the commands.
struct Args {
    positional: Vec<String>,
    schemas: PathBuf,
    out: PathBuf,
    schemas_path: String,
    format: String,
    allow: Option<Semver>,
    git: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        positional: Vec::new(),
        schemas: PathBuf::from("schemas"),
        out: PathBuf::from("generated"),
        schemas_path: "schemas".into(),
        format: "text".into(),
        allow: None,
        git: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or(format!("`{arg}` needs a value"));
        match arg.as_str() {
            "--schemas" => parsed.schemas = PathBuf::from(value()?),
            "--out" => parsed.out = PathBuf::from(value()?),
            "--schemas-path" => parsed.schemas_path = value()?,
            "--format" => {
                parsed.format = value()?;
                if !matches!(parsed.format.as_str(), "text" | "json") {
                    return Err(format!(
                        "--format takes text or json, not `{}`",
                        parsed.format
                    ));
                }
            }
            "--allow" => {
                let level = value()?;
                parsed.allow = Some(Semver::parse(&level).ok_or(format!(
                    "--allow takes none, patch, minor or major, not `{level}`"
                ))?);
            }
            "--git" => parsed.git = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => parsed.positional.push(arg.clone()),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let parsed = match parse(rest) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    match command.as_str() {
        "generate" => generate(&parsed),
        "check" => check(&parsed),
        "diff" => run_diff(&parsed),
        "validate" => validate(&parsed),
        other => usage_error(&format!("unknown command `{other}`")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("eventgen: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn config(args: &Args) -> eventgen::Config {
    let mut config = eventgen::Config::new();
    config.schemas(&args.schemas).out_dir(&args.out);
    config
}

fn generate(args: &Args) -> ExitCode {
    match config(args).generate() {
        Ok(written) if written.is_empty() => {
            println!("{}: up to date", args.out.display());
            ExitCode::SUCCESS
        }
        Ok(written) => {
            for name in written {
                println!("wrote {}", args.out.join(name).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eventgen: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &Args) -> ExitCode {
    match config(args).check() {
        Ok(()) => {
            println!(
                "{}: up to date with {}",
                args.out.display(),
                args.schemas.display()
            );
            ExitCode::SUCCESS
        }
        Err(e @ eventgen::Error::Stale { .. }) => {
            eprintln!("eventgen: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("eventgen: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_diff(args: &Args) -> ExitCode {
    let [old, new] = args.positional.as_slice() else {
        return usage_error("diff takes two schema directories, or --git and two revisions");
    };
    let sets = if args.git {
        let repo = Path::new(".");
        eventgen::diff::git::schemas_at(repo, old, &args.schemas_path).and_then(|a| {
            eventgen::diff::git::schemas_at(repo, new, &args.schemas_path).map(|b| (a, b))
        })
    } else {
        SchemaSet::load(Path::new(old))
            .and_then(|a| SchemaSet::load(Path::new(new)).map(|b| (a, b)))
    };
    let report = match sets.and_then(|(a, b)| diff::diff(&a, &b)) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("eventgen: {e}");
            return ExitCode::from(2);
        }
    };
    if args.format == "json" {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
        );
    } else {
        print!("{}", report.to_text());
    }
    match args.allow {
        Some(allowed) if report.bump() > allowed => {
            eprintln!(
                "eventgen: the change needs a {} version bump; --allow {allowed}",
                report.bump()
            );
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

#[cfg(feature = "validate")]
fn validate(args: &Args) -> ExitCode {
    use eventgen::validate::{validate_delivery, Outcome};
    use std::io::Read;

    let [file] = args.positional.as_slice() else {
        return usage_error("validate takes one delivery file (or - for stdin)");
    };
    let body = if file == "-" {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body).map(|_| body)
    } else {
        std::fs::read(file)
    };
    let body = match body {
        Ok(body) => body,
        Err(e) => {
            eprintln!("eventgen: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let set = match SchemaSet::load(&args.schemas) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("eventgen: {e}");
            return ExitCode::from(2);
        }
    };
    let verdicts = match validate_delivery(&set, &body) {
        Ok(verdicts) => verdicts,
        Err(message) => {
            eprintln!("eventgen: {file}: {message}");
            return ExitCode::from(2);
        }
    };
    let (mut invalid, mut unknown, mut warned) = (0, 0, 0);
    for verdict in &verdicts {
        let event_type = verdict.event_type.as_deref().unwrap_or("no event type");
        for (pointer, message) in &verdict.warnings {
            warned += 1;
            println!(
                "event {} ({event_type}): warning: {pointer}: {message}",
                verdict.index
            );
        }
        match &verdict.outcome {
            Outcome::Valid => println!("event {} ({event_type}): valid", verdict.index),
            Outcome::UnknownEventType => {
                unknown += 1;
                println!(
                    "event {} ({event_type}): unknown event type, no schema",
                    verdict.index
                );
            }
            Outcome::NotAnEvent(why) => {
                invalid += 1;
                println!(
                    "event {} ({event_type}): not an event: {why}",
                    verdict.index
                );
            }
            Outcome::Violations(violations) => {
                invalid += 1;
                for (pointer, message) in violations {
                    println!(
                        "event {} ({event_type}): {pointer}: {message}",
                        verdict.index
                    );
                }
            }
        }
    }
    println!(
        "{} events: {} valid, {invalid} invalid, {unknown} unknown, {warned} warnings",
        verdicts.len(),
        verdicts.len() - invalid - unknown
    );
    if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(not(feature = "validate"))]
fn validate(_: &Args) -> ExitCode {
    usage_error("this eventgen was built without the `validate` feature")
}

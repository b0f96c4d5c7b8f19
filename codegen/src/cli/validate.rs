//! `eventgen validate`: each event of a delivery against its event type's schema, one line per
//! finding, then a summary with the counts.

use std::io::Read;
use std::path::Path;

use eventgen::load::SchemaSet;
use eventgen::validate::{validate_delivery, Outcome as EventOutcome};
use eventgen::Config;

use super::args::ValidateArgs;
use super::count::count;
use super::stdout::outln;
use super::{Failure, Outcome, Verdict};

/// The schemas as `generate` reads them: the directory, and the mounts of the manifest
/// (`--manifest`, or `./Cargo.toml` when there is one) and of `--mount`.
fn schema_set(args: &ValidateArgs) -> Result<SchemaSet, Failure> {
    let mut config = Config::new();
    config.schemas(&args.schemas);
    let manifest = args.manifest.clone().or_else(|| {
        let here = std::path::PathBuf::from("Cargo.toml");
        here.is_file().then_some(here)
    });
    if let Some(manifest) = manifest {
        config.package_metadata(manifest);
    }
    for (prefix, dir) in &args.mounts {
        config.mount_schemas(prefix, dir);
    }
    Ok(config.load_schemas()?)
}

/// Validate the delivery; fail when any event is invalid.
pub fn validate(args: &ValidateArgs) -> Outcome {
    let body = read_delivery(&args.file)?;
    let set = schema_set(args)?;
    let verdicts = validate_delivery(&set, &body)
        .map_err(|message| Failure(format!("{}: {message}", args.file.display())))?;
    let mut tally = Tally::default();
    for verdict in &verdicts {
        let event_type = verdict.event_type.as_deref().unwrap_or("no event type");
        let event = format!("event {} ({event_type})", verdict.index);
        for (pointer, message) in &verdict.warnings {
            tally.warnings += 1;
            outln!("{event}: warning: {pointer}: {message}");
        }
        match &verdict.outcome {
            EventOutcome::Valid => outln!("{event}: valid"),
            EventOutcome::UnknownEventType => {
                tally.unknown += 1;
                outln!("{event}: unknown event type, no schema");
            }
            EventOutcome::NotAnEvent(why) => {
                tally.invalid += 1;
                outln!("{event}: not an event: {why}");
            }
            EventOutcome::Violations(violations) => {
                tally.invalid += 1;
                for (pointer, message) in violations {
                    outln!("{event}: {pointer}: {message}");
                }
            }
        }
    }
    outln!("{}", tally.summary(verdicts.len()));
    Ok(if tally.invalid > 0 {
        Verdict::Failed
    } else {
        Verdict::Passed
    })
}

/// The delivery's bytes, from the file or, for `-`, from stdin.
fn read_delivery(file: &Path) -> Result<Vec<u8>, Failure> {
    let body = if file == Path::new("-") {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body).map(|_| body)
    } else {
        std::fs::read(file)
    };
    body.map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))
}

/// The events that were not valid, and the warnings.
#[derive(Debug, Default)]
struct Tally {
    invalid: usize,
    unknown: usize,
    warnings: usize,
}

impl Tally {
    /// `2 events: 1 valid, 1 invalid, 0 unknown, 1 warning`.
    fn summary(&self, events: usize) -> String {
        format!(
            "{}: {} valid, {} invalid, {} unknown, {}",
            count(events, "event"),
            events.saturating_sub(self.invalid + self.unknown),
            self.invalid,
            self.unknown,
            count(self.warnings, "warning"),
        )
    }
}

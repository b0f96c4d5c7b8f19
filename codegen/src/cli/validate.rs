//! `eventgen validate`: each event of a delivery against its event type's schema, one line per
//! finding, then a summary with the counts.

use std::io::Read;
use std::path::Path;

use eventgen::validate::{validate_delivery, Outcome as EventOutcome};

use super::args::ValidateArgs;
use super::count::count;
use super::stdout::outln;
use super::{Failure, Outcome, Verdict};

/// Validate the delivery; fail when any event is invalid.
pub fn validate(args: &ValidateArgs) -> Outcome {
    let body = read_delivery(&args.file)?;
    // The schemas as `generate` reads them, mounts included.
    let set = super::generate::crate_config(&args.schemas, args.manifest.as_deref(), &args.mounts)
        .load_schemas()?;
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

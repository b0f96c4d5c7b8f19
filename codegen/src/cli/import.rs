//! `eventgen import`: JSON Schemas from an OpenAPI document (see `eventgen::import`), written,
//! or with `--check` compared; and `eventgen drift`, which compares hand-written schemas with
//! one.

use eventgen::import::Input;

use super::args::{DriftArgs, ImportArgs};
use super::count::count;
use super::stdout::outln;
use super::{Failure, Outcome, Verdict};

/// A file's text, or a failure naming it.
fn read(path: &std::path::Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("{}: cannot be read: {e}", path.display())))
}

pub fn import(args: &ImportArgs) -> Outcome {
    let spec = read(&args.spec)?;
    let mapping = read(&args.event_types)?;
    let overlay = args.overlay.as_deref().map(read).transpose()?;
    let (spec_name, mapping_name) = (
        args.spec.display().to_string(),
        args.event_types.display().to_string(),
    );
    let overlay_name = args.overlay.as_ref().map(|p| p.display().to_string());
    let import = eventgen::import::import(
        Input::new(&spec_name, &spec),
        Input::new(&mapping_name, &mapping),
        overlay_name
            .as_deref()
            .zip(overlay.as_deref())
            .map(|(name, text)| Input::new(name, text)),
    )?;
    for event in &import.missing_models {
        outln!(
            "not imported: {} (its model {} is not in {})",
            event.event_type,
            event.model,
            args.spec.display()
        );
    }
    if args.check {
        let stale = eventgen::import::stale(&args.out, &import.files)?;
        if stale.is_empty() {
            outln!(
                "{}: up to date with {}",
                args.out.display(),
                args.spec.display()
            );
            return Ok(Verdict::Passed);
        }
        for name in &stale {
            outln!("differs: {}", args.out.join(name).display());
        }
        outln!(
            "{}: {} differ from the import; run `eventgen import` without --check",
            args.out.display(),
            count(stale.len(), "file")
        );
        return Ok(Verdict::Failed);
    }
    let changed = eventgen::import::write(&args.out, &import.files)?;
    for name in &changed {
        outln!("wrote {}", args.out.join(name).display());
    }
    outln!(
        "{}: {} from {}, {} changed; {} with no model there, {} no event reaches",
        args.out.display(),
        count(import.files.len(), "file"),
        args.spec.display(),
        changed.len(),
        count(import.missing_models.len(), "event type"),
        count(import.unreached.len(), "definition"),
    );
    Ok(Verdict::Passed)
}

/// `eventgen drift`: each difference on a line, then how many; exit 1 when there is any.
pub fn drift(args: &DriftArgs) -> Outcome {
    let spec = read(&args.spec)?;
    let name = args.spec.display().to_string();
    let differences =
        eventgen::import::drift(Input::new(&name, &spec), &args.schemas, &args.prefix)?;
    for difference in &differences {
        outln!("{difference}");
    }
    outln!(
        "{} and {}: {}",
        args.schemas.display(),
        args.spec.display(),
        count(differences.len(), "difference")
    );
    Ok(match differences.is_empty() {
        true => Verdict::Passed,
        false => Verdict::Failed,
    })
}

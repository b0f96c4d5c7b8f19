//! `eventgen diff`: two schema sets (two directories, two git revisions, or a revision and the
//! working tree) compared, the report printed in the chosen form, and `--allow` as a gate.

use std::path::Path;

use eventgen::diff::{self, git, Report};
use eventgen::load::SchemaSet;

use super::args::{DiffArgs, Format, DEFAULT_SCHEMAS_PATH};
use super::stdout;
use super::{Failure, Outcome, Verdict};

/// Compare, print the report, and fail when the bump exceeds `--allow`.
pub fn diff(args: &DiffArgs) -> Result<Verdict, Failure> {
    let (old, new) = schema_sets(args)?;
    let mut options = diff::Options::new().borrowed_form(!args.no_borrowed);
    if let Some(module) = &args.module {
        options = options.module(module.as_str());
    }
    let report = diff::diff_with(&old, &new, &options)?;
    stdout::write(&render(&report, args.format))?;
    gate(&report, args)
}

/// The old and new schema sets the arguments name.
fn schema_sets(args: &DiffArgs) -> Result<(SchemaSet, SchemaSet), Failure> {
    match (&args.git, &args.old_dir, &args.new_dir) {
        (Some(revisions), _, _) => {
            // git resolves paths from the current directory, as the user typed them.
            let repo = Path::new(".");
            let (old_rev, new_rev) = match revisions.as_slice() {
                [old] => (old, None),
                [old, new] => (old, Some(new)),
                _ => return Err(arity()),
            };
            let dir = args.schemas_path.as_deref().unwrap_or(DEFAULT_SCHEMAS_PATH);
            let old = git::schemas_at(repo, old_rev, dir)?;
            let new = match new_rev {
                Some(rev) => git::schemas_at(repo, rev, dir)?,
                None => SchemaSet::load(Path::new(dir))?,
            };
            Ok((old, new))
        }
        (None, Some(old), Some(new)) => Ok((SchemaSet::load(old)?, SchemaSet::load(new)?)),
        _ => Err(arity()),
    }
}

/// What clap's declarations already rule out, reported rather than trusted.
fn arity() -> Failure {
    Failure("diff takes OLD_DIR NEW_DIR, or --git OLD_REV [NEW_REV]".into())
}

/// The report as text, JSON or markdown, ending in a newline.
fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => report.to_text(),
        // A `Value` always serializes; the fallback is never taken.
        Format::Json => serde_json::to_string_pretty(&report.to_json()).unwrap_or_default() + "\n",
        Format::Markdown => report.to_markdown(),
    }
}

/// `--allow LEVEL`: fail when the report's bump is above it.
fn gate(report: &Report, args: &DiffArgs) -> Outcome {
    match args.allow {
        Some(allowed) if report.bump() > allowed.semver() => {
            eprintln!(
                "eventgen: the change needs a {} version bump; --allow {}",
                report.bump(),
                allowed.semver()
            );
            Ok(Verdict::Failed)
        }
        _ => Ok(Verdict::Passed),
    }
}

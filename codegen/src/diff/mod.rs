//! `eventgen diff`: what a schema change means, per event type, for the generated crate's
//! semver and for consumers on the wire. Both sides are loaded and lowered exactly as the
//! generator does, then compared on the IR (`compare.rs`); each change kind carries fixed
//! verdicts ([`rules`]).

mod compare;
pub mod git;
mod markdown;
pub mod rules;

use std::collections::BTreeSet;

use serde_json::json;

use crate::error::Result;
use crate::ir::{Forms, Model};
use crate::load::SchemaSet;
pub use rules::{Kind, Semver};

/// One atomic change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The event type whose payload changes.
    pub event_type: String,
    /// Where in the event: `data.deliveryAttempts[].timestamp`; empty for the event itself.
    pub path: String,
    /// What kind of change it is, which fixes its verdicts.
    pub kind: Kind,
    /// The change in words, naming the types and fields involved.
    pub message: String,
}

impl Change {
    fn new(event_type: &str, path: &str, kind: Kind, message: String) -> Self {
        Change {
            event_type: event_type.to_string(),
            path: path.to_string(),
            kind,
            message,
        }
    }

    /// The release the change forces.
    pub fn semver(&self) -> Semver {
        self.kind.verdicts().0
    }

    /// Whether a consumer built from the old schemas reads payloads of the new ones.
    pub fn old_reads_new(&self) -> bool {
        self.kind.verdicts().1
    }

    /// Whether a consumer built from the new schemas reads payloads of the old ones.
    pub fn new_reads_old(&self) -> bool {
        self.kind.verdicts().2
    }
}

/// Every change between two schema sets, sorted by event type and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The changes, sorted by event type and path.
    pub changes: Vec<Change>,
}

/// What the compared output looks like: the generator options that decide which changes exist.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The generated code has the borrowed form (`Config::borrowed_form`, the default). Without
    /// it, no change to a borrowed form (`borrowed_lifetime_added`/`_removed`) is reported.
    pub borrowed_form: bool,
}

impl Options {
    /// The generator's defaults: the borrowed form is generated.
    pub fn new() -> Self {
        Options {
            borrowed_form: true,
        }
    }

    /// Set whether the generated code has the borrowed form.
    pub fn borrowed_form(mut self, yes: bool) -> Self {
        self.borrowed_form = yes;
        self
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new()
    }
}

/// Compare two schema sets, for output with the generator's defaults ([`Options::new`]).
pub fn diff(old: &SchemaSet, new: &SchemaSet) -> Result<Report> {
    diff_with(old, new, &Options::new())
}

/// Compare two schema sets, for output generated with `options`.
pub fn diff_with(old: &SchemaSet, new: &SchemaSet, options: &Options) -> Result<Report> {
    let forms = Forms {
        borrowed: options.borrowed_form,
    };
    let model = |set: &SchemaSet| -> Result<Model> {
        let mut model = crate::lower::lower(set)?;
        model.restrict_to(forms);
        Ok(model)
    };
    Ok(diff_models(&model(old)?, &model(new)?))
}

/// Compare two lowered models.
pub fn diff_models(old: &Model, new: &Model) -> Report {
    Report {
        changes: compare::compare(old, new),
    }
}

impl Report {
    /// The version bump the changes force: the largest of their levels.
    pub fn bump(&self) -> Semver {
        self.changes
            .iter()
            .map(Change::semver)
            .max()
            .unwrap_or(Semver::None)
    }

    /// `{"bump": …, "changes": [{"event_type", "path", "kind", "semver", "old_reads_new", "new_reads_old", "message"}]}`
    pub fn to_json(&self) -> serde_json::Value {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                json!({
                    "event_type": c.event_type,
                    "path": c.path,
                    "kind": c.kind.name(),
                    "semver": c.semver().as_str(),
                    "old_reads_new": c.old_reads_new(),
                    "new_reads_old": c.new_reads_old(),
                    "message": c.message,
                })
            })
            .collect();
        json!({ "bump": self.bump().as_str(), "changes": changes })
    }

    /// The report as a pull-request comment (GitHub markdown): the bump and why, then per event
    /// type a table of the changes with their verdicts.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The readable report: the overall bump first, then the changes grouped by event type.
    pub fn to_text(&self) -> String {
        let event_types: BTreeSet<&str> =
            self.changes.iter().map(|c| c.event_type.as_str()).collect();
        let mut out = format!(
            "bump: {} ({} change{} in {} event type{})\n",
            self.bump(),
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" },
            event_types.len(),
            if event_types.len() == 1 { "" } else { "s" },
        );
        let yes_no = |b: bool| if b { "yes" } else { "NO" };
        for event_type in event_types {
            out.push_str(&format!("\n{event_type}\n"));
            for change in self.changes.iter().filter(|c| c.event_type == event_type) {
                let path = if change.path.is_empty() {
                    "(event)"
                } else {
                    &change.path
                };
                out.push_str(&format!(
                    "  {:<5}  {}  {}\n         old reads new: {}, new reads old: {}\n         {}\n",
                    change.semver().as_str(),
                    change.kind.name(),
                    path,
                    yes_no(change.old_reads_new()),
                    yes_no(change.new_reads_old()),
                    change.message
                ));
            }
        }
        out
    }
}

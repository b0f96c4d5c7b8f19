//! `eventgen diff`: what a schema change means, per event type, for the generated crate's
//! semver and for consumers on the wire. Both sides are loaded and lowered exactly as the
//! generator does, then compared on the IR (`compare.rs`); each change kind carries fixed
//! verdicts ([`rules`]).

mod compare;
pub mod git;
pub mod rules;

use std::collections::BTreeSet;

use serde_json::json;

use crate::error::Result;
use crate::ir::Model;
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

/// Compare two schema sets.
pub fn diff(old: &SchemaSet, new: &SchemaSet) -> Result<Report> {
    let old = crate::lower::lower(old)?;
    let new = crate::lower::lower(new)?;
    Ok(diff_models(&old, &new))
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

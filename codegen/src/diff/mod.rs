//! `eventgen diff`: what a schema change means, per event type, for the generated crate's
//! semver and for consumers on the wire. Both sides are loaded and lowered exactly as the
//! generator does (for the same output [`Options`]), then compared on the IR (`compare.rs`);
//! each change kind carries fixed verdicts ([`rules`]), and each change where it is in both
//! schema sets and the Rust item it concerns. The [`Report`] reads as text, JSON or markdown.

mod compare;
pub mod git;
mod markdown;
mod renames;
pub mod rules;

use std::collections::BTreeSet;

use serde_json::json;

use crate::error::{Location, Result};
use crate::ir::{Model, Output, Part};
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
    /// The change in words, naming the types and fields involved (quoted as markdown code
    /// spans).
    pub message: String,
    /// Where the changed construct is in the old schemas (file and JSON pointer); `None` when
    /// it is new.
    pub old: Option<Location>,
    /// Where it is in the new schemas; `None` when it was removed.
    pub new: Option<Location>,
    /// The item of the generated code it concerns, as code names it from the module that
    /// includes the generated `mod.rs` (prefixed with [`Options::module`]): a type
    /// (`ChatMessageReceivedEventData`), a field (`ChatMessageReceivedEventData::sender_display_name`),
    /// a variant (`CommunicationIdentifierKind::MicrosoftTeamsUser`, `EventData::SmsReceived`),
    /// an accessor or constant, or a borrowed type (`borrowed::Name`).
    pub rust_item: String,
}

impl Change {
    /// Where the change is: in the new schemas, or in the old ones for a removal.
    pub fn location(&self) -> Option<&Location> {
        self.new.as_ref().or(self.old.as_ref())
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
    /// The path of the module that includes the generated `mod.rs`, as code names it (`models`
    /// in `acs-events`), put before each change's Rust item; empty (the default) for the crate
    /// root.
    pub module: String,
}

impl Options {
    /// The generator's defaults: the borrowed form is generated.
    pub fn new() -> Self {
        Options {
            borrowed_form: true,
            module: String::new(),
        }
    }

    /// Set whether the generated code has the borrowed form.
    pub fn borrowed_form(mut self, yes: bool) -> Self {
        self.borrowed_form = yes;
        self
    }

    /// Set the module that includes the generated `mod.rs` (`models`), for the Rust items.
    pub fn module(mut self, path: impl Into<String>) -> Self {
        self.module = path.into();
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
    let output = Output {
        borrowed: if options.borrowed_form {
            Part::On
        } else {
            Part::Off
        },
        ..Output::default()
    };
    let model = |set: &SchemaSet| -> Result<Model> {
        let mut model = crate::lower::lower(set)?;
        model.settle_output(output.clone())?;
        Ok(model)
    };
    let mut report = diff_models(&model(old)?, &model(new)?);
    if !options.module.is_empty() {
        for change in &mut report.changes {
            change.rust_item = format!("{}::{}", options.module, change.rust_item);
        }
    }
    Ok(report)
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

    /// The report as JSON; README.md documents the shape:
    /// `{"bump", "changes": [{"event_type", "path", "kind", "semver", "old_reads_new",
    /// "new_reads_old", "message", "file", "pointer", "old", "new", "rust_item"}]}`, where
    /// `file`/`pointer` are the change's [`Change::location`] and `old`/`new` are
    /// `{"file", "pointer"}` or `null`.
    pub fn to_json(&self) -> serde_json::Value {
        let place = |l: &Option<Location>| match l {
            Some(l) => json!({ "file": l.file, "pointer": l.pointer }),
            None => serde_json::Value::Null,
        };
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                let location = c.location();
                json!({
                    "event_type": c.event_type,
                    "path": c.path,
                    "kind": c.kind.name(),
                    "semver": c.semver().as_str(),
                    "old_reads_new": c.old_reads_new(),
                    "new_reads_old": c.new_reads_old(),
                    "message": c.message,
                    "file": location.map(|l| l.file.as_str()),
                    "pointer": location.map(|l| l.pointer.as_str()),
                    "old": place(&c.old),
                    "new": place(&c.new),
                    "rust_item": c.rust_item,
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
        let place = |l: &Option<Location>| l.as_ref().map_or("-".to_string(), Location::to_string);
        for event_type in event_types {
            out.push_str(&format!("\n{event_type}\n"));
            for change in self.changes.iter().filter(|c| c.event_type == event_type) {
                let path = if change.path.is_empty() {
                    "(event)"
                } else {
                    &change.path
                };
                out.push_str(&format!(
                    "  {:<5}  {}  {}\n         old reads new: {}, new reads old: {}\n         {}\n         {}; old {}; new {}\n",
                    change.semver().as_str(),
                    change.kind.name(),
                    path,
                    yes_no(change.old_reads_new()),
                    yes_no(change.new_reads_old()),
                    change.message,
                    change.rust_item,
                    place(&change.old),
                    place(&change.new),
                ));
            }
        }
        out
    }
}

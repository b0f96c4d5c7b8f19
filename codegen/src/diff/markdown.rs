//! The report as a pull-request comment in GitHub markdown: the bump and why, changes to types
//! shared by several event types once, then per event type a table of what changed and who
//! breaks.
//!
//! Messages quote names (keys, values, types) as CommonMark code spans made by [`code`], whose
//! fence is longer than any run of backticks in the name, so a message reads as markdown and the
//! renderer can tell its code spans from its text: text is escaped, code spans kept as written,
//! and `|` is escaped in both (GitHub's tables split cells on it even inside code spans).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;

use super::{Change, Report, Semver};
use crate::error::Location;

/// `text` as a markdown code span: `` `name` ``, or with a longer fence (and padding spaces)
/// when the name holds backticks itself; an empty name is a span of one space.
pub(crate) fn code(text: impl Display) -> String {
    let text = text.to_string();
    if text.is_empty() {
        return "` `".to_string();
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if longest_run > 0 { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    headline(report, &mut out);
    let groups = group(&report.changes);
    let shared: Vec<&Group> = groups.iter().filter(|g| g.events.len() > 1).collect();
    if !shared.is_empty() {
        out.push_str(
            "\n### Shared types\n\nEach of these changes reaches several event types.\n\n",
        );
        table_header(&mut out, "event types");
        for group in &shared {
            // Each event type once, with the first path that reaches it (the JSON lists all).
            let mut paths: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (event_type, path) in &group.events {
                paths.entry(event_type).or_default().push(path);
            }
            let reached: Vec<String> = paths
                .iter()
                .map(|(event_type, paths)| {
                    let more = match paths.len() {
                        1 => String::new(),
                        n => format!(" and {}", plural(n - 1, "more place")),
                    };
                    cell(&format!("{} at {}{more}", code(event_type), code(paths[0])))
                })
                .collect();
            row(&mut out, group.change, &reached.join("<br>"));
        }
    }
    let event_types: BTreeSet<&str> = groups
        .iter()
        .filter(|g| g.events.len() == 1)
        .map(|g| g.change.event_type.as_str())
        .collect();
    for event_type in event_types {
        out.push_str(&format!("\n### {}\n\n", heading(&code(event_type))));
        table_header(&mut out, "where");
        for group in groups
            .iter()
            .filter(|g| g.events.len() == 1 && g.change.event_type == event_type)
        {
            let path = if group.change.path.is_empty() {
                "the event".to_string()
            } else {
                cell(&code(&group.change.path))
            };
            row(&mut out, group.change, &path);
        }
    }
    out
}

/// The bump and one line on why.
fn headline(report: &Report, out: &mut String) {
    let bump = report.bump();
    out.push_str(&format!("## Schema change: **{bump}** version bump\n\n"));
    let event_types: BTreeSet<&str> = report
        .changes
        .iter()
        .map(|c| c.event_type.as_str())
        .collect();
    let Some(strictest) = report.changes.iter().find(|c| c.semver() == bump) else {
        out.push_str("No change: the generated code is the same.\n");
        return;
    };
    let count = report.changes.iter().filter(|c| c.semver() == bump).count();
    let why = match bump {
        Semver::Major => "existing code may stop compiling",
        Semver::Minor => "the API grows and existing code keeps compiling",
        Semver::Patch => "the generated code changes, its API does not",
        Semver::None => "the generated code does not change",
    };
    let at = if strictest.path.is_empty() {
        String::new()
    } else {
        format!(" at {}", code(&strictest.path))
    };
    out.push_str(&format!(
        "Why: {} {} a {bump} release ({why}), first {}{at} in {}. {} in {}.\n",
        plural(count, "change"),
        if count == 1 { "needs" } else { "need" },
        code(strictest.kind.name()),
        code(&strictest.event_type),
        plural(report.changes.len(), "change"),
        plural(event_types.len(), "event type"),
    ));
}

fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn table_header(out: &mut String, place: &str) {
    out.push_str(&format!(
        "| change | {place} | semver | old consumers read new payloads? | new consumers read old payloads? | Rust item and schema |\n"
    ));
    out.push_str("|---|---|---|---|---|---|\n");
}

/// One table row; `place` is a finished cell.
fn row(out: &mut String, change: &Change, place: &str) {
    let verdict = |reads: bool| if reads { "yes" } else { "**no**" };
    let location = |side: &str, l: &Option<Location>| {
        l.as_ref()
            .map(|l| format!("<br>{side} {}", cell(&code(l))))
            .unwrap_or_default()
    };
    // One location when it did not move; otherwise the side or sides where it is.
    let places = match (&change.old, &change.new) {
        (Some(old), Some(new)) if old == new => location("in", &change.new),
        (old, new) => format!("{}{}", location("old", old), location("new", new)),
    };
    let item = format!("{}{places}", cell(&code(&change.rust_item)));
    out.push_str(&format!(
        "| {}: {} | {} | {} | {} | {} | {} |\n",
        cell(&code(change.kind.name())),
        cell(&change.message),
        place,
        change.semver(),
        verdict(change.old_reads_new()),
        verdict(change.new_reads_old()),
        item,
    ));
}

/// One change as it reads in the comment, and every (event type, path) it was reported at.
struct Group<'r> {
    change: &'r Change,
    events: Vec<(&'r str, &'r str)>,
}

/// Changes that are the same but for their event type and path (a shared type reached from
/// several events) grouped, in report order.
fn group(changes: &[Change]) -> Vec<Group<'_>> {
    type Key<'r> = (
        super::Kind,
        &'r str,
        &'r str,
        &'r Option<Location>,
        &'r Option<Location>,
    );
    let mut index: BTreeMap<Key<'_>, usize> = BTreeMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for change in changes {
        let key = (
            change.kind,
            change.message.as_str(),
            change.rust_item.as_str(),
            &change.old,
            &change.new,
        );
        let at = (change.event_type.as_str(), change.path.as_str());
        match index.get(&key) {
            // Event-level changes (an empty path) belong to their event alone.
            Some(&i) if !change.path.is_empty() => groups[i].events.push(at),
            _ => {
                index.insert(key, groups.len());
                groups.push(Group {
                    change,
                    events: vec![at],
                });
            }
        }
    }
    // A change reached twice within one event type is still that event's own.
    for group in &mut groups {
        let event_types: BTreeSet<&str> = group.events.iter().map(|(e, _)| *e).collect();
        if event_types.len() == 1 {
            group.events.truncate(1);
        }
    }
    groups
}

/// Markdown of a heading's text: the same as a cell's without the pipes' special meaning.
fn heading(markdown: &str) -> String {
    markdown.replace(['\r', '\n'], " ")
}

/// A table cell from markdown whose code spans [`code`] made: text outside them escaped, code
/// spans kept, `|` escaped everywhere, line breaks as spaces.
fn cell(markdown: &str) -> String {
    let chars: Vec<char> = markdown.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|c| **c == '`').count();
            if let Some(end) = closing_fence(&chars, i + run, run) {
                for &c in &chars[i..end + run] {
                    push_code_char(&mut out, c);
                }
                i = end + run;
                continue;
            }
            for _ in 0..run {
                out.push_str("\\`");
            }
            i += run;
            continue;
        }
        push_text_char(&mut out, chars[i]);
        i += 1;
    }
    out
}

/// Where a run of exactly `run` backticks starts at or after `from`.
fn closing_fence(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let length = chars[i..].iter().take_while(|c| **c == '`').count();
            if length == run {
                return Some(i);
            }
            i += length;
        } else {
            i += 1;
        }
    }
    None
}

fn push_code_char(out: &mut String, c: char) {
    match c {
        '|' => out.push_str("\\|"),
        '\r' | '\n' => out.push(' '),
        c => out.push(c),
    }
}

fn push_text_char(out: &mut String, c: char) {
    match c {
        '\\' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
            out.push('\\');
            out.push(c);
        }
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '\r' | '\n' => out.push(' '),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{cell, code};

    #[test]
    fn code_spans_fence_any_name() {
        assert_eq!(code("status"), "`status`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn cells_keep_code_spans_and_escape_text() {
        assert_eq!(
            cell(&format!("{} is Option<T> | *new*", code("a|b`c"))),
            "`` a\\|b`c `` is Option&lt;T&gt; \\| \\*new\\*"
        );
        // A lone backtick opens no span.
        assert_eq!(cell("a ` b"), "a \\` b");
        assert_eq!(cell(&code("")), "` `");
    }
}

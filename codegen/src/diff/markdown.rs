//! The report as a pull-request comment in GitHub markdown.

use std::collections::BTreeSet;

use super::Report;

pub(super) fn render(report: &Report) -> String {
    let mut out = format!("## Schema change: {} bump\n", report.bump());
    let event_types: BTreeSet<&str> = report
        .changes
        .iter()
        .map(|c| c.event_type.as_str())
        .collect();
    for event_type in event_types {
        out.push_str(&format!("\n### `{event_type}`\n\n"));
        out.push_str("| change | where | semver | old reads new | new reads old |\n");
        out.push_str("|---|---|---|---|---|\n");
        for change in report.changes.iter().filter(|c| c.event_type == event_type) {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                change.message,
                change.path,
                change.semver(),
                change.old_reads_new(),
                change.new_reads_old()
            ));
        }
    }
    out
}

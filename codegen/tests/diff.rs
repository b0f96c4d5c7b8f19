//! `eventgen diff` and `eventgen validate`: every change kind on a small before/after pair
//! (`tests/diff/<kind>/{old,new}`), the README's rules table against the code, the real
//! schemas against a copy, the JSON shape, the `--allow` gate, `--git`, and validation.

use std::path::{Path, PathBuf};
use std::process::Command;

use eventgen::diff::{self, Kind, Semver};
use eventgen::load::SchemaSet;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn case_report(case: &str) -> diff::Report {
    let dir = cases_dir().join(case);
    let old = SchemaSet::load(&dir.join("old")).unwrap();
    let new = SchemaSet::load(&dir.join("new")).unwrap();
    diff::diff(&old, &new).unwrap()
}

fn eventgen(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_eventgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn every_change_kind_is_detected_with_its_verdicts() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/diff");
    settings.set_prepend_module_to_snapshot(false);
    for kind in Kind::ALL {
        let report = case_report(kind.name());
        // A change the finalize pass derives (a lost `Default`, a boxed field) always comes with
        // the schema change that causes it; the case lists those in `also_reported`.
        let also = std::fs::read_to_string(cases_dir().join(kind.name()).join("also_reported"))
            .unwrap_or_default();
        let mut expected: Vec<&str> = also.lines().chain([kind.name()]).collect();
        expected.sort();
        let mut found: Vec<&str> = report.changes.iter().map(|c| c.kind.name()).collect();
        found.sort();
        assert_eq!(
            found,
            expected,
            "case {} reports its own kind and what it lists in also_reported",
            kind.name()
        );
        let own: Vec<_> = report.changes.iter().filter(|c| c.kind == *kind).collect();
        assert_eq!(own.len(), 1, "case {} reports its kind once", kind.name());
        assert_eq!(
            (
                own[0].semver(),
                own[0].old_reads_new(),
                own[0].new_reads_old()
            ),
            kind.verdicts()
        );
        let strictest = report.changes.iter().map(|c| c.kind.verdicts().0).max();
        assert_eq!(Some(report.bump()), strictest);
        assert!(report.bump() >= kind.verdicts().0);
        settings.bind(|| insta::assert_snapshot!(kind.name(), report.to_text()));
    }
}

#[test]
fn renames_are_reported_as_renames_not_removal_plus_addition() {
    let report = case_report("property_renamed");
    assert_eq!(report.changes.len(), 1);
    let change = &report.changes[0];
    assert_eq!(change.path, "data.receivedTimestamp");
    assert!(change.message.contains("(case-only)"), "{}", change.message);
    assert!(
        change
            .message
            .contains("Suggestion: keep `receivedTimeStamp` in x-aliases"),
        "{}",
        change.message
    );
}

#[test]
fn a_shared_definition_change_is_reported_on_every_event_and_path() {
    let report = case_report("shared_definition_reaches_every_event");
    let places: Vec<(&str, &str, &str)> = report
        .changes
        .iter()
        .map(|c| (c.event_type.as_str(), c.path.as_str(), c.kind.name()))
        .collect();
    assert_eq!(
        places,
        [
            // `rawId` was the only string: `Who` and the payloads holding it lose their lifetime,
            // each type once per event (`Who` at the first path that reaches it).
            ("Test.A", "data", "borrowed_lifetime_removed"),
            ("Test.A", "data.by", "borrowed_lifetime_removed"),
            ("Test.A", "data.by.rawId", "type_changed"),
            ("Test.B", "data", "borrowed_lifetime_removed"),
            ("Test.B", "data.cc[].rawId", "type_changed"),
            ("Test.B", "data.to", "borrowed_lifetime_removed"),
            ("Test.B", "data.to.rawId", "type_changed"),
        ]
    );
}

/// (path, kind, semver, old_reads_new, new_reads_old) of each change, in report order.
fn verdicts(report: &diff::Report) -> Vec<(&str, &str, Semver, bool, bool)> {
    report
        .changes
        .iter()
        .map(|c| {
            (
                c.path.as_str(),
                c.kind.name(),
                c.semver(),
                c.old_reads_new(),
                c.new_reads_old(),
            )
        })
        .collect()
}

#[test]
fn a_number_only_struct_gaining_a_string_gains_a_borrowed_lifetime_and_back() {
    // `Stats` (integers and numbers) gains an optional string; the payload borrows either way.
    let report = case_report("borrowed_lifetime_added");
    assert_eq!(
        verdicts(&report),
        [
            (
                "data.stats",
                "borrowed_lifetime_added",
                Semver::Major,
                true,
                true
            ),
            (
                "data.stats.unit",
                "property_added_optional",
                Semver::Minor,
                true,
                true
            ),
        ]
    );
    assert_eq!(report.changes[0].kind, Kind::BorrowedLifetimeAdded);
    assert_eq!(report.changes[0].event_type, "Test.E");
    assert_eq!(
        report.changes[0].message,
        "`Stats` now borrows from the body (feature borrowed): its borrowed form is the new `borrowed::Stats<'a>`, no longer the owned `Stats`. Code that names the owned `Stats` where a borrowed payload holds it must name `borrowed::Stats<'_>` (or call `into_owned()`)"
    );
    assert_eq!(report.bump(), Semver::Major);

    let report = case_report("borrowed_lifetime_removed");
    assert_eq!(
        verdicts(&report),
        [
            (
                "data.stats",
                "borrowed_lifetime_removed",
                Semver::Major,
                true,
                true
            ),
            (
                "data.stats.unit",
                "property_removed_optional",
                Semver::Major,
                true,
                true
            ),
        ]
    );
    assert_eq!(report.changes[0].kind, Kind::BorrowedLifetimeRemoved);
    assert_eq!(report.changes[0].event_type, "Test.E");
    assert_eq!(
        report.changes[0].message,
        "`Stats` no longer borrows from the body (feature borrowed): `borrowed::Stats<'a>` is gone and borrowed payloads hold the owned `Stats`. Code that names `borrowed::Stats<'_>` must name `Stats` instead"
    );
    assert_eq!(report.bump(), Semver::Major);
}

#[test]
fn a_borrowed_lifetime_is_reported_on_every_type_that_gains_it_through_a_field() {
    // The payload holds only a number and `Stats`: once `Stats` borrows, so does the payload.
    let report = case_report("borrowed_lifetime_reaches_every_holder");
    assert_eq!(
        verdicts(&report),
        [
            ("data", "borrowed_lifetime_added", Semver::Major, true, true),
            (
                "data.stats",
                "borrowed_lifetime_added",
                Semver::Major,
                true,
                true
            ),
            (
                "data.stats.unit",
                "property_added_optional",
                Semver::Minor,
                true,
                true
            ),
        ]
    );
    assert!(
        report.changes[0]
            .message
            .starts_with("`EEventData` now borrows from the body"),
        "{}",
        report.changes[0].message
    );
    assert!(
        report.changes[1]
            .message
            .starts_with("`Stats` now borrows from the body"),
        "{}",
        report.changes[1].message
    );
}

#[test]
fn x_boxed_added_and_removed_is_reported_with_its_reason() {
    let dir = cases_dir().join("field_boxed_requested");
    let (plain, boxed) = (
        SchemaSet::load(&dir.join("old")).unwrap(),
        SchemaSet::load(&dir.join("new")).unwrap(),
    );
    let report = diff::diff(&plain, &boxed).unwrap();
    assert_eq!(
        verdicts(&report),
        [("data.node", "field_boxed", Semver::Major, true, true)]
    );
    assert_eq!(
        report.changes[0].message,
        "`node` is now held as Box<T>: its schema says `x-boxed`"
    );
    let report = diff::diff(&boxed, &plain).unwrap();
    assert_eq!(
        verdicts(&report),
        [("data.node", "field_unboxed", Semver::Major, true, true)]
    );
    assert_eq!(
        report.changes[0].message,
        "`node` is no longer held as Box<T>: its schema no longer says `x-boxed`"
    );
    assert!(diff::diff(&boxed, &boxed).unwrap().changes.is_empty());
}

/// The rules table of README.md's "Reviewing a schema change": `| kind | semver | old reads new | new reads old | … |`.
fn readme_rules() -> Vec<(String, String, String, String)> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let section = readme
        .split("## Reviewing a schema change")
        .nth(1)
        .expect("README has the section");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect();
            (
                cells[1].clone(),
                cells[2].clone(),
                cells[3].clone(),
                cells[4].clone(),
            )
        })
        .collect()
}

#[test]
fn the_readme_rules_table_matches_the_code() {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let expected: Vec<(String, String, String, String)> = Kind::ALL
        .iter()
        .map(|k| {
            let (semver, old_reads_new, new_reads_old) = k.verdicts();
            (
                k.name().to_string(),
                semver.as_str().to_string(),
                yes_no(old_reads_new).to_string(),
                yes_no(new_reads_old).to_string(),
            )
        })
        .collect();
    let table: String = Kind::ALL
        .iter()
        .map(|k| {
            let (s, o, n) = k.verdicts();
            format!(
                "| `{}` | {} | {} | {} | {} |\n",
                k.name(),
                s,
                yes_no(o),
                yes_no(n),
                k.summary()
            )
        })
        .collect();
    assert_eq!(
        readme_rules(),
        expected,
        "README.md's rules table should be:\n{table}"
    );
}

#[test]
fn the_real_schemas_against_a_copy_of_themselves_have_no_changes() {
    let copy = std::env::temp_dir().join(format!("eventgen-diff-copy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&workspace().join("schemas"), &copy);
    let report = diff::diff(
        &SchemaSet::load(&workspace().join("schemas")).unwrap(),
        &SchemaSet::load(&copy).unwrap(),
    )
    .unwrap();
    std::fs::remove_dir_all(&copy).unwrap();
    assert!(report.changes.is_empty(), "{}", report.to_text());
    assert_eq!(report.bump(), Semver::None);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let dir = cases_dir().join("property_added_optional");
    let output = eventgen(&["diff", "old", "new", "--format", "json"], &dir);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["bump", "changes"]);
    assert_eq!(report["bump"], "minor");
    let change = &report["changes"][0];
    let keys: Vec<&str> = change
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "event_type",
            "path",
            "kind",
            "semver",
            "old_reads_new",
            "new_reads_old",
            "message"
        ]
    );
    assert_eq!(change["event_type"], "Test.E");
    assert_eq!(change["path"], "data.note");
    assert_eq!(change["kind"], "property_added_optional");
    assert_eq!(
        (
            change["old_reads_new"].as_bool(),
            change["new_reads_old"].as_bool()
        ),
        (Some(true), Some(true))
    );
}

#[test]
fn allow_is_a_ci_gate() {
    let dir = cases_dir().join("enum_value_added"); // minor
    for (level, code) in [("major", 0), ("minor", 0), ("patch", 1), ("none", 1)] {
        let output = eventgen(&["diff", "old", "new", "--allow", level], &dir);
        assert_eq!(output.status.code(), Some(code), "--allow {level}");
    }
    let stderr =
        String::from_utf8(eventgen(&["diff", "old", "new", "--allow", "patch"], &dir).stderr)
            .unwrap();
    assert!(stderr.contains("needs a minor version bump"), "{stderr}");
    assert_eq!(
        eventgen(&["diff", "old", "new", "--allow", "huge"], &dir)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_bad_schema_is_exit_2_with_file_and_pointer() {
    let dir = std::env::temp_dir().join(format!("eventgen-diff-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("old")).unwrap();
    std::fs::create_dir_all(dir.join("new")).unwrap();
    let bad = r##"{"title": "EEventData", "x-event-type": "T.E", "type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}"##;
    std::fs::write(dir.join("old/e.json"), bad).unwrap();
    std::fs::write(dir.join("new/e.json"), bad).unwrap();
    let output = eventgen(&["diff", "old", "new"], &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("e.json#/properties/a/$ref"), "{stderr}");
}

#[test]
fn git_revisions_are_read_without_a_checkout() {
    let repo = std::env::temp_dir().join(format!("eventgen-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q"]);
    let case = cases_dir().join("shared_definition_reaches_every_event");
    copy_dir(&case.join("old"), &repo.join("schemas"));
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::remove_dir_all(repo.join("schemas")).unwrap();
    copy_dir(&case.join("new"), &repo.join("schemas"));
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "new"]);
    // The work tree no longer matters: revisions are read from git.
    std::fs::remove_dir_all(repo.join("schemas")).unwrap();
    let output = eventgen(
        &["diff", "--git", "HEAD~1", "HEAD", "--format", "json"],
        &repo,
    );
    std::fs::remove_dir_all(&repo).unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let from_git: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        from_git,
        case_report("shared_definition_reaches_every_event").to_json()
    );
}

#[test]
fn validate_reports_each_event_with_pointers() {
    let root = workspace();
    let fixture = root.join("schemas/fixtures/sms/SMSDeliveryReportReceived.docs.json");
    let ok = eventgen(&["validate", fixture.to_str().unwrap()], &root);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8(ok.stdout)
        .unwrap()
        .contains("event 0 (Microsoft.Communication.SMSDeliveryReportReceived): valid"));

    // An advanced-messaging status the schema does not list: valid, with a warning.
    let status_sample = std::fs::read_to_string(root.join(
        "schemas/fixtures/advanced-messaging/AdvancedMessageDeliveryStatusUpdated.docs.sent.json",
    ))
    .unwrap();
    let unlisted_status = status_sample
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .replace(r#""status": "Sent""#, r#""status": "Throttled""#);
    let delivery = format!(
        r#"[
        {{"id": "1", "eventType": "Microsoft.Communication.SMSReceived", "data": {{"messageId": "m", "from": "1", "to": "2", "message": 5, "segmentCount": "x"}}}},
        {{"id": "2", "eventType": "Microsoft.Storage.BlobCreated", "data": {{}}}},
        {{"id": "3", "eventType": "Microsoft.Communication.SMSReceived", "data": {{"MessageId": "m", "From": "1", "To": "2", "Message": "hi"}}}},
        {unlisted_status}
    ]"#
    );
    let path = std::env::temp_dir().join(format!("eventgen-validate-{}.json", std::process::id()));
    std::fs::write(&path, delivery).unwrap();
    let output = eventgen(&["validate", path.to_str().unwrap()], &root);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("event 0 (Microsoft.Communication.SMSReceived): /data/message: 5 is not of type \"string\""), "{text}");
    assert!(
        text.contains("event 0 (Microsoft.Communication.SMSReceived): /data/segmentCount: "),
        "{text}"
    );
    assert!(
        text.contains("event 1 (Microsoft.Storage.BlobCreated): unknown event type, no schema"),
        "{text}"
    );
    assert!(
        text.contains("event 2 (Microsoft.Communication.SMSReceived): valid"),
        "{text}"
    );
    assert!(
        text.contains("event 3 (Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated): warning: /data/status: not a documented value: \"Throttled\""),
        "{text}"
    );
    assert!(
        text.contains(
            "event 3 (Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated): valid"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("4 events: 2 valid, 1 invalid, 1 unknown, 1 warning\n"),
        "{text}"
    );

    let not_json = eventgen(&["validate", "-"], &root);
    assert_eq!(
        not_json.status.code(),
        Some(2),
        "an empty stdin is not a delivery"
    );
}

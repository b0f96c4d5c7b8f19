//! `eventgen diff` and `eventgen validate`: every change kind on a small before/after pair
//! (`tests/diff/<kind>/{old,new}`), the README's rules table against the code, the real
//! schemas against a copy, the JSON shape, the `--allow` gate, `--git`, and validation.

#[path = "support/paths.rs"]
mod paths;
#[path = "support/repo.rs"]
mod repo;
use paths::workspace;
use repo::copy_dir;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use eventgen::diff::{self, Kind, Semver};
use eventgen::load::SchemaSet;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff")
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
    // The table's rows, from its header to the first line that is not a row (the section
    // around it holds markdown reports whose headings are not the README's).
    let section = readme
        .split("## Reviewing a schema change")
        .nth(1)
        .expect("README has the section");
    let table = section
        .split("| kind | semver | old reads new | new reads old | what changed |\n|---|---|---|---|---|\n")
        .nth(1)
        .expect("the section has the rules table");
    table
        .lines()
        .take_while(|l| l.starts_with("| `"))
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
            "message",
            "file",
            "pointer",
            "old",
            "new",
            "rust_item"
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
    // An addition exists on the new side only.
    assert_eq!(change["file"], "e.json");
    assert_eq!(change["pointer"], "/properties/note");
    assert_eq!(change["old"], serde_json::Value::Null);
    assert_eq!(
        change["new"],
        serde_json::json!({"file": "e.json", "pointer": "/properties/note"})
    );
    assert_eq!(change["rust_item"], "EEventData::note");
}

/// (kind, file, pointer, old, new, rust_item) of each change's JSON.
fn json_places(report: &diff::Report) -> Vec<serde_json::Value> {
    report.to_json()["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            serde_json::json!([
                c["kind"],
                c["file"],
                c["pointer"],
                c["old"],
                c["new"],
                c["rust_item"]
            ])
        })
        .collect()
}

#[test]
fn json_locations_are_on_the_side_where_the_change_exists() {
    use serde_json::json;
    let place = |file: &str, pointer: &str| json!({"file": file, "pointer": pointer});
    // A removal: the old side only.
    assert_eq!(
        json_places(&case_report("property_removed_optional")),
        [json!([
            "property_removed_optional",
            "e.json",
            "/properties/note",
            place("e.json", "/properties/note"),
            null,
            "EEventData::note"
        ])]
    );
    // A change to a property that exists on both sides: both, `file`/`pointer` the new one.
    assert_eq!(
        json_places(&case_report("property_renamed")),
        [json!([
            "property_renamed",
            "e.json",
            "/properties/receivedTimestamp",
            place("e.json", "/properties/receivedTimeStamp"),
            place("e.json", "/properties/receivedTimestamp"),
            "EEventData::received_timestamp"
        ])]
    );
    // An enum value: its entry in `enum`, and the variant.
    assert_eq!(
        json_places(&case_report("enum_value_added")),
        [json!([
            "enum_value_added",
            "e.json",
            "/properties/status/anyOf/0/enum/1",
            null,
            place("e.json", "/properties/status/anyOf/0/enum/1"),
            "Status::Read"
        ])]
    );
    assert_eq!(
        json_places(&case_report("closed_enum_value_removed")),
        [json!([
            "closed_enum_value_removed",
            "e.json",
            "/properties/status/enum/1",
            place("e.json", "/properties/status/enum/1"),
            null,
            "Status::M"
        ])]
    );
    // Events: the schema document, and the dispatch variant.
    assert_eq!(
        json_places(&case_report("event_type_removed")),
        [json!([
            "event_type_removed",
            "f.json",
            "",
            place("f.json", ""),
            null,
            "EventData::F"
        ])]
    );
    // A property inherited from a base file: the base's declaration.
    let report = case_report("base_trait_impl_removed");
    let places = json_places(&report);
    assert!(
        places.contains(&json!([
            "type_changed",
            "e.json",
            "/allOf/1/properties/label",
            place("labelled.json", "/properties/label"),
            place("e.json", "/allOf/1/properties/label"),
            "EEventData::label"
        ])),
        "{places:#?}"
    );
}

#[test]
fn rust_items_are_named_from_the_module_given_in_the_options() {
    let dir = cases_dir().join("enum_value_added");
    let report = diff::diff_with(
        &SchemaSet::load(&dir.join("old")).unwrap(),
        &SchemaSet::load(&dir.join("new")).unwrap(),
        &diff::Options::new().module("models"),
    )
    .unwrap();
    let items: Vec<&str> = report
        .changes
        .iter()
        .map(|c| c.rust_item.as_str())
        .collect();
    assert_eq!(items, ["models::Status::Read"]);
    assert_eq!(
        report.to_json()["changes"][0]["rust_item"],
        "models::Status::Read"
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
    let git = |args: &[&str]| repo::git(&repo, args);
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

#[test]
fn closed_and_extensible_enums_are_worded_for_who_rejects_what() {
    let message = |case: &str| case_report(case).changes[0].message.clone();
    // Closed: no catch-all, so the side without the value rejects it.
    assert_eq!(
        message("closed_enum_value_added"),
        "`Status` gained `M` (`Status::M`): consumers of the old schemas reject payloads with it (their `Status` is closed, with no catch-all variant); consumers of the new ones read it"
    );
    assert_eq!(
        message("closed_enum_value_removed"),
        "`Status` lost `M` (`Status::M` is gone): consumers of the new schemas reject payloads with it (their `Status` is closed). Suggestion: keep the value (documented as deprecated) rather than remove it"
    );
    // Extensible: the value moves between its variant and the catch-all.
    assert_eq!(
        message("enum_value_added"),
        "`Status` gained `Read`: payloads with it that parsed as `Other` now parse as `Status::Read`"
    );
    assert_eq!(
        message("enum_value_removed"),
        "`Status` lost `Read` (`Status::Read` is gone): payloads with it now parse as `Other`. Suggestion: keep the value (documented as deprecated) rather than remove it"
    );
    let verdicts_of = |case: &str| {
        let c = &case_report(case).changes[0];
        (c.kind, c.old_reads_new(), c.new_reads_old())
    };
    assert_eq!(
        verdicts_of("closed_enum_value_added"),
        (Kind::ClosedEnumValueAdded, false, true)
    );
    assert_eq!(
        verdicts_of("closed_enum_value_removed"),
        (Kind::ClosedEnumValueRemoved, true, false)
    );
    assert_eq!(
        verdicts_of("enum_value_added"),
        (Kind::EnumValueAdded, true, true)
    );
    assert_eq!(
        verdicts_of("enum_value_removed"),
        (Kind::EnumValueRemoved, true, true)
    );
}

/// An event whose payload is `properties` (with `required`), for in-memory cases.
fn event_schema(properties: serde_json::Value, required: &[&str]) -> SchemaSet {
    SchemaSet::from_documents([(
        "e.json",
        serde_json::json!({
            "title": "EEventData",
            "x-event-type": "Test.E",
            "type": "object",
            "required": required,
            "properties": properties,
        }),
    )])
    .unwrap()
}

#[test]
fn a_likely_rename_says_what_each_side_loses() {
    let report = case_report("property_renamed_likely");
    assert_eq!(
        verdicts(&report),
        [(
            "data.signedByName",
            "property_renamed_likely",
            Semver::Major,
            false,
            false
        )]
    );
    assert_eq!(
        report.changes[0].message,
        "`signedBy` removed and `signedByName` added, both optional string: likely a rename; the Rust field `signed_by` becomes `signed_by_name`. Consumers of the old schemas lose the value from new payloads: `EEventData::signed_by` reads None and the value is lost. Consumers of the new schemas lose it from old payloads: `EEventData::signed_by_name` reads None and the value is lost. Suggestion: if it is a rename, keep `signedBy` in x-aliases of `signedByName`"
    );

    // Required on both sides: each side fails on the other's payloads.
    let string = serde_json::json!({"type": "string"});
    let old = event_schema(serde_json::json!({"signedBy": string}), &["signedBy"]);
    let new = event_schema(
        serde_json::json!({"signedByName": string}),
        &["signedByName"],
    );
    let report = diff::diff(&old, &new).unwrap();
    assert_eq!(
        verdicts(&report),
        [(
            "data.signedByName",
            "property_renamed_likely",
            Semver::Major,
            false,
            false
        )]
    );
    assert!(
        report.changes[0].message.contains("both required string")
            && report.changes[0].message.contains(
                "lose the value from new payloads: they fail to parse (`EEventData::signed_by` is required)"
            )
            && report.changes[0].message.contains(
                "lose it from old payloads: they fail to parse (`EEventData::signed_by_name` is required)"
            ),
        "{}",
        report.changes[0].message
    );
}

#[test]
fn likely_renames_are_paired_only_when_nothing_else_could_be_meant() {
    let string = serde_json::json!({"type": "string"});
    let integer = serde_json::json!({"type": "integer"});
    let kinds = |old: serde_json::Value, new: serde_json::Value| -> Vec<(String, String)> {
        diff::diff(&event_schema(old, &[]), &event_schema(new, &[]))
            .unwrap()
            .changes
            .iter()
            .map(|c| (c.path.clone(), c.kind.name().to_string()))
            .collect()
    };
    let pair = |path: &str, kind: &str| (path.to_string(), kind.to_string());
    // Another type: a removal and an addition.
    assert_eq!(
        kinds(
            serde_json::json!({"signedBy": string}),
            serde_json::json!({"signedByName": integer})
        ),
        [
            pair("data.signedBy", "property_removed_optional"),
            pair("data.signedByName", "property_added_optional")
        ]
    );
    // Another presence: the same.
    let report = diff::diff(
        &event_schema(serde_json::json!({"signedBy": string}), &[]),
        &event_schema(
            serde_json::json!({"signedByName": string}),
            &["signedByName"],
        ),
    )
    .unwrap();
    let found: Vec<&str> = report.changes.iter().map(|c| c.kind.name()).collect();
    // (`Default` goes with the new required field.)
    assert_eq!(
        found,
        [
            "derive_removed",
            "property_removed_optional",
            "property_added_required"
        ]
    );
    // Several on each side: only keys that start or end with each other, each the only
    // candidate; `a` and `b` stay a removal and an addition.
    assert_eq!(
        kinds(
            serde_json::json!({"signedBy": string, "a": string}),
            serde_json::json!({"signedByName": string, "b": string})
        ),
        [
            pair("data.a", "property_removed_optional"),
            pair("data.b", "property_added_optional"),
            pair("data.signedByName", "property_renamed_likely")
        ]
    );
    // A likely rename is still compared as one property: a change inside its type is reported.
    let who = |properties: serde_json::Value| serde_json::json!({"title": "Who", "type": "object", "properties": properties});
    assert_eq!(
        kinds(
            serde_json::json!({"signedBy": who(serde_json::json!({"a": string}))}),
            serde_json::json!({"signedByName": who(serde_json::json!({"a": string, "b": string}))})
        ),
        [
            pair("data.signedByName", "property_renamed_likely"),
            pair("data.signedByName.b", "property_added_optional")
        ]
    );
    // Two candidates for one key: no pairing.
    assert_eq!(
        kinds(
            serde_json::json!({"signedBy": string, "x": string}),
            serde_json::json!({"signedByName": string, "signedByEmail": string})
        ),
        [
            pair("data.signedBy", "property_removed_optional"),
            pair("data.signedByEmail", "property_added_optional"),
            pair("data.signedByName", "property_added_optional"),
            pair("data.x", "property_removed_optional")
        ]
    );
}

#[test]
fn without_the_borrowed_form_nothing_borrowed_is_generated_or_reported() {
    let dir = cases_dir().join("borrowed_lifetime_added");
    // The file names, and those that name the borrowed form (its feature, or its module).
    let render = |borrowed_form: bool| -> (Vec<String>, Vec<String>) {
        let files = eventgen::Config::new()
            .schemas(dir.join("new"))
            .borrowed_form(borrowed_form)
            .render()
            .unwrap();
        let naming_it = files
            .iter()
            .filter(|(_, text)| {
                text.contains(r#"feature = "borrowed""#) || text.contains("borrowed::")
            })
            .map(|(name, _)| name.clone())
            .collect();
        (files.into_keys().collect(), naming_it)
    };
    let file_names = |borrowed_form: bool| render(borrowed_form).0;
    assert_eq!(
        render(true).1,
        ["borrowed.rs", "events.rs", "mod.rs"],
        "the module, dispatch's direct parse, and the include"
    );
    assert!(render(false).1.is_empty(), "{:?}", render(false).1);
    // The real schemas, fixture tests included: nothing names the form either.
    let real = eventgen::Config::new()
        .schemas(workspace().join("schemas"))
        .borrowed_form(false)
        .render()
        .unwrap();
    assert!(real.contains_key("fixture_tests.rs") && !real.contains_key("borrowed.rs"));
    for (name, text) in &real {
        assert!(
            !text.contains(r#"feature = "borrowed""#) && !text.contains("borrowed::"),
            "{name} names the borrowed form"
        );
    }
    assert_eq!(
        file_names(true),
        [
            "borrowed.rs",
            "e.rs",
            "events.rs",
            "mod.rs",
            "stats.rs",
            "support.rs"
        ]
    );
    assert_eq!(
        file_names(false),
        ["e.rs", "events.rs", "mod.rs", "stats.rs", "support.rs"]
    );

    let (old, new) = (
        SchemaSet::load(&dir.join("old")).unwrap(),
        SchemaSet::load(&dir.join("new")).unwrap(),
    );
    let without = diff::Options::new().borrowed_form(false);
    let report = diff::diff_with(&old, &new, &without).unwrap();
    assert_eq!(
        verdicts(&report),
        [(
            "data.stats.unit",
            "property_added_optional",
            Semver::Minor,
            true,
            true
        )]
    );
    let report = diff::diff_with(&new, &old, &without).unwrap();
    assert_eq!(
        verdicts(&report),
        [(
            "data.stats.unit",
            "property_removed_optional",
            Semver::Major,
            true,
            true
        )]
    );
    // The default options are the generator's: the borrowed form is there.
    assert_eq!(
        diff::diff_with(&old, &new, &diff::Options::default()).unwrap(),
        diff::diff(&old, &new).unwrap()
    );
    assert_eq!(
        diff::diff(&old, &new).unwrap().changes[0].kind,
        Kind::BorrowedLifetimeAdded
    );
}

#[test]
fn git_revisions_are_read_from_any_directory_of_the_repository() {
    let repo = std::env::temp_dir().join(format!("eventgen-diff-git-sub-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("tools/deep")).unwrap();
    let git = |args: &[&str]| repo::git(&repo, args);
    git(&["init", "-q"]);
    let case = cases_dir().join("property_renamed_likely");
    copy_dir(&case.join("old"), &repo.join("schemas"));
    std::fs::write(repo.join("tools/deep/keep"), "").unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "old"]);
    copy_dir(&case.join("new"), &repo.join("schemas"));
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "new"]);

    let expected = case_report("property_renamed_likely");
    let from = |cwd: &str, dir: &str| -> Result<diff::Report, String> {
        let at = repo.join(cwd);
        let old = diff::git::schemas_at(&at, "HEAD~1", dir).map_err(|e| e.to_string())?;
        let new = diff::git::schemas_at(&at, "HEAD", dir).map_err(|e| e.to_string())?;
        diff::diff(&old, &new).map_err(|e| e.to_string())
    };
    let absolute = repo.join("schemas");
    for (cwd, dir) in [
        ("", "schemas"),
        ("", "./schemas/"),
        ("tools", "../schemas"),
        ("tools/deep", "../../schemas"),
        ("tools/deep", "../.././schemas"),
        ("schemas", "."),
        ("tools", absolute.to_str().unwrap()),
    ] {
        assert_eq!(
            from(cwd, dir).as_ref(),
            Ok(&expected),
            "from {cwd:?} with {dir:?}"
        );
    }
    let outside = from("tools", "../../elsewhere");
    let nothing = from("tools", "deep");
    std::fs::remove_dir_all(&repo).unwrap();
    assert_eq!(
        outside,
        Err("configuration: `../../elsewhere` leads out of the git repository".to_string())
    );
    assert_eq!(
        nothing,
        Err("configuration: no schema files under `tools/deep` at revision `HEAD~1`".to_string())
    );
}

fn diff_snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/diff");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn markdown_reports_of_representative_changes() {
    let settings = diff_snapshot_settings();
    for case in [
        "closed_enum_value_added",
        "enum_value_added",
        "event_type_added",
        "property_removed_required",
        "property_renamed_likely",
        "shared_definition_reaches_every_event",
    ] {
        let markdown = case_report(case).to_markdown();
        settings.bind(|| insta::assert_snapshot!(format!("markdown_{case}"), markdown));
    }
}

#[test]
fn a_markdown_report_without_changes_says_so() {
    let dir = cases_dir().join("enum_value_added");
    let set = SchemaSet::load(&dir.join("new")).unwrap();
    assert_eq!(
        diff::diff(&set, &set).unwrap().to_markdown(),
        "## Schema change: **none** version bump\n\nNo change: the generated code is the same.\n"
    );
}

#[test]
fn markdown_escapes_pipes_backticks_and_html_in_names() {
    // A key with a pipe and a backtick, an enum value with markup, an event type with a pipe.
    let schema = |with_key: bool, values: &[&str]| {
        let mut properties = serde_json::json!({
            "state": {"title": "State", "type": "string", "enum": values},
        });
        if with_key {
            properties["a|b`c"] = serde_json::json!({"type": "string"});
        }
        SchemaSet::from_documents([(
            "e.json",
            serde_json::json!({
                "title": "EEventData",
                "x-event-type": "Test.E|1",
                "type": "object",
                "properties": properties,
            }),
        )])
        .unwrap()
    };
    let report = diff::diff(
        &schema(false, &["on"]),
        &schema(true, &["on", "<b>*x*</b>"]),
    )
    .unwrap();
    let markdown = report.to_markdown();
    let row = |prefix: &str| {
        markdown
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no row {prefix}:\n{markdown}"))
            .to_string()
    };
    assert_eq!(
        row("| `property_added_optional`"),
        "| `property_added_optional`: optional property `` a\\|b`c `` added | `` data.a\\|b`c `` | minor | yes | yes | `EEventData::a_b_c`<br>new `` e.json#/properties/a\\|b`c `` |"
    );
    assert_eq!(
        row("| `closed_enum_value_added`"),
        "| `closed_enum_value_added`: `State` gained `<b>*x*</b>` (`State::BXB`): consumers of the old schemas reject payloads with it (their `State` is closed, with no catch-all variant); consumers of the new ones read it | `data.state` | minor | **no** | yes | `State::BXB`<br>new `e.json#/properties/state/enum/1` |"
    );
    assert!(markdown.contains("\n### `Test.E|1`\n"), "{markdown}");
    // Every table row has the header's seven pipes that are not escaped.
    for line in markdown.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{line}");
    }
}

#[test]
fn the_real_schemas_against_a_modified_copy_in_markdown() {
    let copy = std::env::temp_dir().join(format!("eventgen-diff-modified-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&workspace().join("schemas"), &copy);
    let edit = |file: &str, from: &str, to: &str| {
        let path = copy.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    // A likely rename in one event, and a value of a shared extensible enum.
    edit(
        "sms/sms-received.json",
        r#""segmentCount": {"#,
        r#""segmentsCount": {"#,
    );
    edit(
        "common/identifiers.json",
        "\"dod\",\n",
        "\"dod\",\n            \"usnat\",\n",
    );
    let report = diff::diff_with(
        &SchemaSet::load(&workspace().join("schemas")).unwrap(),
        &SchemaSet::load(&copy).unwrap(),
        &diff::Options::new().module("models"),
    )
    .unwrap();
    std::fs::remove_dir_all(&copy).unwrap();
    let kinds: BTreeSet<&str> = report.changes.iter().map(|c| c.kind.name()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["enum_value_added", "property_renamed_likely"])
    );
    let renamed = report
        .changes
        .iter()
        .find(|c| c.kind == Kind::PropertyRenamedLikely)
        .unwrap();
    assert_eq!(
        (
            renamed.event_type.as_str(),
            renamed.path.as_str(),
            renamed.rust_item.as_str()
        ),
        (
            "Microsoft.Communication.SMSReceived",
            "data.segmentsCount",
            "models::AcsSmsReceivedEventData::segments_count"
        )
    );
    assert_eq!(
        renamed.new,
        Some(eventgen::Location::new(
            "sms/sms-received.json",
            "/properties/segmentsCount"
        ))
    );
    diff_snapshot_settings()
        .bind(|| insta::assert_snapshot!("markdown_real_schemas_modified", report.to_markdown()));
}

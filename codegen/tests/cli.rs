//! The `eventgen` command as a user meets it: `--version`, `--help` for the tool and each
//! command, usage and exit 2 on a bad command line, the counts it prints, `diff`'s formats and
//! `diff --git REV` against the working tree, from the repository's root and a subdirectory.

#[path = "support/paths.rs"]
mod paths;
#[path = "support/repo.rs"]
mod repo;
use paths::workspace;
use repo::copy_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use eventgen::load::SchemaSet;

fn eventgen(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A before/after pair of `tests/diff/`.
fn diff_case(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/diff")
        .join(case)
}

/// An empty directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eventgen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const DIFF_USAGE: &str = "\
Usage: eventgen diff [OPTIONS] <OLD_DIR> <NEW_DIR>
       eventgen diff [OPTIONS] --git <OLD_REV> [NEW_REV]
";

#[test]
fn version_prints_the_crate_version() {
    let output = eventgen(&["--version"], &workspace());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("eventgen {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_lists_every_command_and_the_exit_statuses() {
    let output = eventgen(&["--help"], &workspace());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let help = stdout(&output);
    assert!(
        help.starts_with(
            "Generate Rust types from JSON Schema event definitions, and review schema changes\n"
        ),
        "{help}"
    );
    assert!(help.contains("Usage: eventgen <COMMAND>"), "{help}");
    for command in ["generate", "check", "diff", "validate"] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command}: {help}"
        );
    }
    assert!(help.contains("-V, --version"), "{help}");
    assert!(
        help.contains("Exit status: 0 success; 1 the check failed"),
        "{help}"
    );
}

#[test]
fn each_command_help_names_its_options() {
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "generate",
            "Usage: eventgen generate [OPTIONS]",
            &[
                "--schemas <DIR>",
                "--out <DIR>",
                "[default: schemas]",
                "[default: generated]",
            ],
        ),
        (
            "check",
            "Usage: eventgen check [OPTIONS]",
            &["--schemas <DIR>", "--out <DIR>", "--no-borrowed"],
        ),
        (
            "diff",
            DIFF_USAGE,
            &[
                "--git <OLD_REV> [NEW_REV]",
                "--schemas-path <PATH>",
                "--format <FORMAT>",
                "--allow <LEVEL>",
                "--no-borrowed",
                "--module <PATH>",
                "with the working tree",
            ],
        ),
        (
            "validate",
            "Usage: eventgen validate [OPTIONS] <FILE>",
            &["<FILE>", "--schemas <DIR>", "- for stdin"],
        ),
    ];
    for (command, usage, options) in cases {
        for help in ["--help", "-h"] {
            let output = eventgen(&[command, help], &workspace());
            assert_eq!(output.status.code(), Some(0), "{command} {help}");
            let text = stdout(&output);
            assert!(text.contains(usage), "{command} {help}: {text}");
            for option in options {
                assert!(
                    text.contains(option),
                    "{command} {help} lacks {option}: {text}"
                );
            }
        }
    }
}

#[test]
fn diff_help_lists_the_values_of_format_and_allow() {
    let short = stdout(&eventgen(&["diff", "-h"], &workspace()));
    assert!(
        short.contains("[possible values: text, json, markdown]"),
        "{short}"
    );
    assert!(
        short.contains("[possible values: none, patch, minor, major]"),
        "{short}"
    );
    let long = stdout(&eventgen(&["diff", "--help"], &workspace()));
    for value in [
        "- text:",
        "- json:",
        "- markdown:",
        "The bump, then a table per event type, for a pull-request comment",
        "- minor:",
        "A minor release: the API may grow",
    ] {
        assert!(long.contains(value), "{value}: {long}");
    }
}

#[test]
fn a_bad_command_line_exits_2_with_the_usage() {
    let cases: [(&[&str], &str, &str); 7] = [
        (&[], "Commands:", "Usage: eventgen <COMMAND>"),
        (
            &["frobnicate"],
            "unrecognized subcommand 'frobnicate'",
            "Usage: eventgen <COMMAND>",
        ),
        (
            &["diff", "old", "new", "--zzz"],
            "error: unexpected argument '--zzz' found",
            DIFF_USAGE,
        ),
        (
            &["diff", "old", "new", "--format", "yaml"],
            "invalid value 'yaml' for '--format <FORMAT>'",
            DIFF_USAGE,
        ),
        (
            &["diff", "old"],
            "the following required arguments were not provided",
            DIFF_USAGE,
        ),
        (
            &["diff", "old", "new", "--schemas-path", "s"],
            "error: the argument '[OLD_DIR]' cannot be used with '--schemas-path <PATH>'",
            DIFF_USAGE,
        ),
        (
            &["validate"],
            "the following required arguments were not provided",
            "Usage: eventgen validate <FILE>",
        ),
    ];
    for (args, error, usage) in cases {
        let output = eventgen(args, &workspace());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = stderr(&output);
        assert!(text.contains(error), "{args:?}: {text}");
        assert!(text.contains(usage), "{args:?}: {text}");
        assert_eq!(stdout(&output), "", "{args:?}");
    }
}

#[test]
fn a_mistyped_option_gets_a_suggestion() {
    let output = eventgen(&["diff", "old", "new", "--formt", "json"], &workspace());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("tip: a similar argument exists: '--format'"),
        "{}",
        stderr(&output)
    );
}

/// Built without `validate` (as a build script's dependency is), the command says so.
#[cfg(not(feature = "validate"))]
#[test]
fn validate_without_its_feature_says_so() {
    let output = eventgen(&["validate", "delivery.json"], &workspace());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "eventgen: this eventgen was built without the `validate` feature\n"
    );
}

#[cfg(feature = "validate")]
#[test]
fn validate_counts_events_and_warnings_in_words() {
    let root = workspace();
    let one_valid = root.join("schemas/fixtures/sms/SMSDeliveryReportReceived.docs.json");
    let output = eventgen(&["validate", one_valid.to_str().unwrap()], &root);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("\n1 event: 1 valid, 0 invalid, 0 unknown, 0 warnings\n"),
        "{}",
        stdout(&output)
    );

    // An advanced-messaging status the schema does not list: valid, with one warning.
    let sample = std::fs::read_to_string(root.join(
        "schemas/fixtures/advanced-messaging/AdvancedMessageDeliveryStatusUpdated.docs.sent.json",
    ))
    .unwrap();
    let unlisted = sample.replace(r#""status": "Sent""#, r#""status": "Throttled""#);
    assert_ne!(unlisted, sample);
    let dir = scratch("validate");
    let file = dir.join("delivery.json");
    std::fs::write(&file, unlisted).unwrap();
    let output = eventgen(&["validate", file.to_str().unwrap()], &root);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("\n1 event: 1 valid, 0 invalid, 0 unknown, 1 warning\n"),
        "{}",
        stdout(&output)
    );
}

#[cfg(feature = "validate")]
#[test]
fn validate_reads_stdin_and_names_an_unreadable_file() {
    let root = workspace();
    let output = eventgen(&["validate", "no-such-delivery.json"], &root);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("eventgen: cannot read no-such-delivery.json: "),
        "{}",
        stderr(&output)
    );
    let fixture =
        std::fs::File::open(root.join("schemas/fixtures/sms/SMSDeliveryReportReceived.docs.json"))
            .unwrap();
    let piped = Command::new(env!("CARGO_BIN_EXE_eventgen"))
        .args(["validate", "-"])
        .current_dir(&root)
        .stdin(fixture)
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(
        stdout(&piped),
        "event 0 (Microsoft.Communication.SMSDeliveryReportReceived): valid\n\
         1 event: 1 valid, 0 invalid, 0 unknown, 0 warnings\n"
    );
    let output = eventgen(&["validate", "-"], &root);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an empty stdin is not a delivery"
    );
    assert!(
        stderr(&output).starts_with("eventgen: -: "),
        "{}",
        stderr(&output)
    );
}

/// `eventgen validate big.json | head`: the reader leaves early. The output is more than a
/// pipe holds (64 KiB), so writes fail with a broken pipe whenever the reader closes; the
/// command must still finish with its verdict, not panic (exit 101).
#[cfg(feature = "validate")]
#[test]
fn a_closed_stdout_is_no_panic() {
    let events: Vec<String> = (0..5000)
        .map(|i| format!(r#"{{"id": "{i}", "eventType": "Contoso.Unknown", "data": {{}}}}"#))
        .collect();
    let dir = scratch("closed-stdout");
    let file = dir.join("delivery.json");
    std::fs::write(&file, format!("[{}]", events.join(","))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventgen"))
        .args(["validate", file.to_str().unwrap()])
        .current_dir(workspace())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone
    let output = child.wait_with_output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn generate_and_check_count_files_in_words() {
    let dir = scratch("generate");
    copy_dir(
        &diff_case("enum_value_added").join("new"),
        &dir.join("schemas"),
    );
    let generate = eventgen(&["generate"], &dir);
    assert_eq!(generate.status.code(), Some(0), "{}", stderr(&generate));
    let mut written: Vec<String> = std::fs::read_dir(dir.join("generated"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: String = written
        .iter()
        .map(|name| format!("wrote {}\n", Path::new("generated").join(name).display()))
        .collect();
    expected.push_str(&format!("generated: {} files written\n", written.len()));
    assert!(written.len() > 1, "{written:?}");
    assert_eq!(stdout(&generate), expected);

    let again = eventgen(&["generate"], &dir);
    assert_eq!(stdout(&again), "generated: up to date\n");
    let check = eventgen(&["check"], &dir);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(stdout(&check), "generated: up to date with schemas\n");

    let stale = &written[0];
    std::fs::write(dir.join("generated").join(stale), "// edited\n").unwrap();
    let check = eventgen(&["check"], &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        stderr(&check),
        format!(
            "eventgen: generated is stale (1 file): {stale}\n\
             run `eventgen generate --schemas schemas --out generated` to update it\n"
        )
    );
}

#[test]
fn diff_prints_text_and_json() {
    let case = diff_case("enum_value_added");
    let report = eventgen::diff::diff(
        &SchemaSet::load(&case.join("old")).unwrap(),
        &SchemaSet::load(&case.join("new")).unwrap(),
    )
    .unwrap();
    let text = eventgen(&["diff", "old", "new"], &case);
    assert_eq!(text.status.code(), Some(0));
    assert_eq!(stdout(&text), report.to_text());
    let json = eventgen(&["diff", "old", "new", "--format", "json"], &case);
    assert_eq!(json.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(printed, report.to_json());
}

#[test]
fn diff_prints_markdown_for_a_pull_request() {
    let case = diff_case("enum_value_added");
    let report = eventgen::diff::diff(
        &SchemaSet::load(&case.join("old")).unwrap(),
        &SchemaSet::load(&case.join("new")).unwrap(),
    )
    .unwrap();
    let output = eventgen(&["diff", "old", "new", "--format", "markdown"], &case);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("## Schema change: **minor** version bump\n"),
        "{markdown}"
    );
    assert_eq!(markdown, report.to_markdown());
}

/// The kinds a JSON report lists, in order.
fn kinds(json: &serde_json::Value) -> Vec<&str> {
    json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn diff_no_borrowed_reports_no_borrowed_form_changes() {
    let case = diff_case("borrowed_lifetime_added");
    let json = |args: &[&str]| -> serde_json::Value {
        let output = eventgen(args, &case);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let with = json(&["diff", "old", "new", "--format", "json"]);
    assert_eq!(
        kinds(&with),
        ["borrowed_lifetime_added", "property_added_optional"]
    );
    let without = json(&["diff", "old", "new", "--format", "json", "--no-borrowed"]);
    assert_eq!(kinds(&without), ["property_added_optional"]);
    let expected = eventgen::diff::diff_with(
        &SchemaSet::load(&case.join("old")).unwrap(),
        &SchemaSet::load(&case.join("new")).unwrap(),
        &eventgen::diff::Options::new().borrowed_form(false),
    )
    .unwrap();
    assert_eq!(without, expected.to_json());
}

#[test]
fn diff_module_prefixes_each_rust_item() {
    let case = diff_case("enum_value_added");
    let output = eventgen(
        &[
            "diff", "old", "new", "--format", "json", "--module", "models",
        ],
        &case,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed["changes"][0]["rust_item"], "models::Status::Read");
    let expected = eventgen::diff::diff_with(
        &SchemaSet::load(&case.join("old")).unwrap(),
        &SchemaSet::load(&case.join("new")).unwrap(),
        &eventgen::diff::Options::new().module("models"),
    )
    .unwrap();
    assert_eq!(printed, expected.to_json());
}

#[test]
fn generate_no_borrowed_removes_the_borrowed_form_and_check_names_the_flag() {
    let dir = scratch("no-borrowed");
    copy_dir(
        &diff_case("enum_value_added").join("new"),
        &dir.join("schemas"),
    );
    let render = |borrowed: bool| {
        eventgen::Config::new()
            .schemas(dir.join("schemas"))
            .borrowed_form(borrowed)
            .render()
            .unwrap()
    };
    let (with, without) = (render(true), render(false));
    assert!(with.contains_key("borrowed.rs") && !without.contains_key("borrowed.rs"));
    let differing: Vec<&String> = without
        .iter()
        .filter(|(name, text)| with.get(*name) != Some(*text))
        .map(|(name, _)| name)
        .collect();
    assert!(!differing.is_empty());

    assert_eq!(eventgen(&["generate"], &dir).status.code(), Some(0));
    let generate = eventgen(&["generate", "--no-borrowed"], &dir);
    let check_without = eventgen(&["check", "--no-borrowed"], &dir);
    let check_with = eventgen(&["check"], &dir);
    std::fs::remove_dir_all(&dir).unwrap();

    let mut expected: String = differing
        .iter()
        .map(|name| format!("wrote generated/{name}\n"))
        .collect();
    expected.push_str("removed generated/borrowed.rs\n");
    expected.push_str(&format!(
        "generated: {} written, 1 removed\n",
        if differing.len() == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", differing.len())
        }
    ));
    assert_eq!(generate.status.code(), Some(0), "{}", stderr(&generate));
    assert_eq!(stdout(&generate), expected);
    assert_eq!(
        check_without.status.code(),
        Some(0),
        "{}",
        stderr(&check_without)
    );
    assert_eq!(check_with.status.code(), Some(1));
    let mut stale: Vec<&str> = differing.iter().map(|name| name.as_str()).collect();
    stale.push("borrowed.rs");
    stale.sort();
    assert_eq!(
        stderr(&check_with),
        format!(
            "eventgen: generated is stale ({} files): {}\n\
             run `eventgen generate --schemas schemas --out generated` to update it\n",
            stale.len(),
            stale.join(", ")
        )
    );
}

/// `--git REV` against the working tree: a committed schema, an uncommitted change, run from
/// the repository's root and from a subdirectory.
#[test]
fn diff_git_compares_a_revision_with_the_working_tree() {
    let case = diff_case("enum_value_added");
    let expected = eventgen::diff::diff(
        &SchemaSet::load(&case.join("old")).unwrap(),
        &SchemaSet::load(&case.join("new")).unwrap(),
    )
    .unwrap()
    .to_json();
    let repo = scratch("git");
    let git = |args: &[&str]| repo::git(&repo, args);
    git(&["init", "-q"]);
    copy_dir(&case.join("old"), &repo.join("schemas"));
    std::fs::create_dir_all(repo.join("tools/ci")).unwrap();
    std::fs::write(repo.join("tools/ci/README"), "a subdirectory\n").unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "old"]);
    copy_dir(&case.join("new"), &repo.join("schemas")); // not committed

    let runs = [
        (
            repo.clone(),
            vec!["diff", "--git", "HEAD", "--format", "json"],
        ),
        (
            repo.join("tools/ci"),
            vec![
                "diff",
                "--git",
                "HEAD",
                "--schemas-path",
                "../../schemas",
                "--format",
                "json",
            ],
        ),
        (
            repo.join("schemas"),
            vec![
                "diff",
                "--git",
                "HEAD",
                "--schemas-path",
                ".",
                "--format",
                "json",
            ],
        ),
    ];
    let outputs: Vec<Output> = runs.iter().map(|(dir, args)| eventgen(args, dir)).collect();
    // Two revisions still work, and HEAD against itself has no change.
    let same = eventgen(&["diff", "--git", "HEAD", "HEAD"], &repo);
    std::fs::remove_dir_all(&repo).unwrap();
    for ((dir, args), output) in runs.iter().zip(&outputs) {
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?} in {}: {}",
            dir.display(),
            stderr(output)
        );
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(printed, expected, "{args:?} in {}", dir.display());
    }
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "bump: none (0 changes in 0 event types)\n");
}

/// The output settings as flags: each part appears as asked (always, gated, or not at all), the
/// runtime is named by the given path only, and `check`'s hint repeats every flag.
#[test]
fn generate_flags_set_the_optional_parts_and_the_runtime_path() {
    let dir = scratch("output-flags");
    copy_dir(
        &diff_case("enum_value_added").join("new"),
        &dir.join("schemas"),
    );
    let read = |name: &str| std::fs::read_to_string(dir.join("generated").join(name)).unwrap();
    let all = |files: &[&str]| files.iter().map(|f| read(f)).collect::<String>();
    let entries = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("generated"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    let plain = eventgen(&["generate"], &dir);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let files = entries(&dir);
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let text = all(&names);
    assert!(text.contains("pub mod borrowed"), "borrowed form, ungated");
    assert!(!text.contains("cfg(feature"), "no feature named: {text}");
    assert!(!text.contains("JsonSchema"), "no schemars by default");

    let gated = eventgen(
        &[
            "generate",
            "--borrowed-feature",
            "zero-copy",
            "--schemars-feature",
            "json-schema",
        ],
        &dir,
    );
    assert_eq!(gated.status.code(), Some(0), "{}", stderr(&gated));
    let text = all(&names);
    assert!(
        text.contains("#[cfg(feature = \"zero-copy\")]\npub mod borrowed"),
        "{text}"
    );
    assert!(
        text.contains("feature = \"json-schema\",\n    derive(::eventgen_runtime::__private::schemars::JsonSchema)"),
        "{text}"
    );

    let always = eventgen(&["generate", "--schemars", "--runtime", "::rt"], &dir);
    assert_eq!(always.status.code(), Some(0), "{}", stderr(&always));
    let text = all(&names);
    assert!(
        text.contains("#[derive(::rt::__private::schemars::JsonSchema)]"),
        "{text}"
    );
    assert!(!text.contains("eventgen_runtime::"), "{text}");
    assert!(!text.contains("cfg(feature"), "{text}");

    // `check` with other settings: stale, and the hint is the command that makes it current.
    let check = eventgen(&["check", "--schemars-feature", "json-schema"], &dir);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).ends_with(
            "run `eventgen generate --schemas schemas --out generated --schemars-feature json-schema` to update it\n"
        ),
        "{}",
        stderr(&check)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A runtime path that is no Rust path, or a feature name cargo would refuse, is an error that
/// names the setting and says what it takes; nothing is written.
#[test]
fn a_bad_runtime_path_or_feature_name_is_an_error_naming_the_setting() {
    let dir = scratch("bad-output-settings");
    copy_dir(
        &diff_case("enum_value_added").join("new"),
        &dir.join("schemas"),
    );
    let cases: [(&[&str], &str); 3] = [
        (
            &["generate", "--runtime", "eventgen runtime"],
            "eventgen: configuration: runtime_crate: `eventgen runtime` is not a Rust path; hint: write it as in a `use`, such as `::eventgen_runtime` or `::my_events::runtime`\n",
        ),
        (
            &["generate", "--borrowed-feature", "zero copy"],
            "eventgen: configuration: borrowed_form_feature: `zero copy` is not a cargo feature name; hint: use letters, digits, `_`, `-` and `+`, starting with a letter or digit\n",
        ),
        (
            &["generate", "--schemars-feature", "\"x\""],
            "eventgen: configuration: schemars_feature: `\"x\"` is not a cargo feature name; hint: use letters, digits, `_`, `-` and `+`, starting with a letter or digit\n",
        ),
    ];
    for (args, message) in cases {
        let output = eventgen(args, &dir);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), message, "{args:?}");
        assert!(!dir.join("generated").exists(), "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `Config::type_attribute` and `field_attribute` put attributes where their paths say, on the
/// owned form only; a path that names nothing, or text that is no attribute, is an error that
/// names the setting.
#[test]
fn config_attributes_land_where_their_paths_say() {
    let schemas = workspace().join("examples/orders-events/schemas");
    let render = |config: &mut eventgen::Config| {
        config
            .schemas(&schemas)
            .fixtures(scratch("no-fixtures"))
            .render()
    };
    let files = render(
        eventgen::Config::new()
            .type_attribute("OrderPlacedEventData", "#[doc(alias = \"purchase\")]")
            .type_attribute(".", "#[allow(clippy::large_enum_variant)]")
            .field_attribute(
                "OrderPlacedEventData.order_id",
                "#[doc(alias = \"purchase_number\")]",
            ),
    )
    .unwrap();
    let owned: String = files
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "borrowed.rs" | "events.rs" | "mod.rs" | "support.rs"
            )
        })
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        owned.matches("#[doc(alias = \"purchase\")]").count(),
        1,
        "{owned}"
    );
    let at = owned.find("#[doc(alias = \"purchase\")]").unwrap();
    let after = &owned[at..];
    assert!(
        after[..after.find('{').unwrap()].contains("pub struct OrderPlacedEventData "),
        "{after}"
    );
    assert!(
        owned.contains("#[doc(alias = \"purchase_number\")]\n    pub order_id:"),
        "{owned}"
    );
    // Every owned type once (a struct, enum or union per `pub struct`/`pub enum` line).
    let types = owned
        .lines()
        .filter(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
        .count();
    assert!(types > 3);
    assert_eq!(
        owned
            .matches("#[allow(clippy::large_enum_variant)]")
            .count(),
        types
    );
    // Not the borrowed form, not the dispatch.
    for file in ["borrowed.rs", "events.rs"] {
        assert!(!files[file].contains("purchase"), "{file}");
        assert!(!files[file].contains("large_enum_variant"), "{file}");
    }

    let error = |config: &mut eventgen::Config| render(config).unwrap_err().to_string();
    assert_eq!(
        error(eventgen::Config::new().type_attribute("OrderPlaced", "#[doc(hidden)]")),
        "configuration: type_attribute: `OrderPlaced` names nothing generated; hint: use `.` for all, or a generated type's name"
    );
    assert_eq!(
        error(eventgen::Config::new().field_attribute("OrderPlacedEventData.orderId", "#[doc(hidden)]")),
        "configuration: field_attribute: `OrderPlacedEventData.orderId` names nothing generated; hint: use `.` for all, or `Type.field` with a generated struct's name and a field's Rust name"
    );
    assert_eq!(
        error(eventgen::Config::new().type_attribute(".", "derive(Hash)")),
        "configuration: type_attribute: `derive(Hash)` is not an attribute; hint: write it as in Rust source, such as `#[derive(Hash)]`"
    );
}

/// `generate` and `check` run in a crate's directory read its `[package.metadata.eventgen]`;
/// a flag overrides it, and a key that is no setting is an error naming it.
#[test]
fn the_crate_manifest_gives_the_settings_and_flags_override_them() {
    let dir = scratch("manifest-settings");
    copy_dir(
        &diff_case("enum_value_added").join("new"),
        &dir.join("schemas"),
    );
    let manifest = |table: &str| {
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("[package]\nname = \"x\"\n\n[package.metadata.eventgen]\n{table}\n"),
        )
        .unwrap()
    };
    let read = || std::fs::read_to_string(dir.join("generated/e.rs")).unwrap();
    manifest("schemars-feature = \"json-schema\"");
    assert_eq!(eventgen(&["generate"], &dir).status.code(), Some(0));
    assert!(read().contains("feature = \"json-schema\""), "{}", read());
    assert_eq!(eventgen(&["check"], &dir).status.code(), Some(0));
    assert_eq!(
        eventgen(&["generate", "--schemars"], &dir).status.code(),
        Some(0)
    );
    assert!(read().contains("#[derive(::eventgen_runtime::__private::schemars::JsonSchema)]"));
    assert!(!read().contains("json-schema"));

    // Extern paths as a table, and the same from the flag.
    manifest("extern-paths = { \"e.json\" = \"::other_events\" }");
    assert_eq!(eventgen(&["generate"], &dir).status.code(), Some(0));
    assert!(read().contains("pub use ::other_events::"), "{}", read());
    assert!(!read().contains("pub enum"), "{}", read());
    manifest("");
    assert_eq!(
        eventgen(&["generate", "--extern-path", "e.json=::more_events"], &dir)
            .status
            .code(),
        Some(0)
    );
    assert!(read().contains("pub use ::more_events::"), "{}", read());
    manifest("extern-paths = \"e.json\"");
    let output = eventgen(&["check"], &dir);
    assert_eq!(
        stderr(&output),
        "eventgen: configuration: Cargo.toml: [package.metadata.eventgen] extern-paths must be a table of schema path = module path\n"
    );

    manifest("schemars-features = \"json-schema\"");
    let output = eventgen(&["check"], &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "eventgen: configuration: Cargo.toml: [package.metadata.eventgen] schemars-features is not a setting; hint: use one of borrowed-form, borrowed-feature, schemars, schemars-feature, runtime-crate, extern-paths, schema-mounts\n"
    );
}

/// `Config::extern_path`: the types and base traits of the schemas it names are re-exported
/// from the other crate, in both forms, and not declared; the rest of the output, dispatch
/// included, is unchanged. An entry that covers nothing, or an attribute for such a type, is an
/// error naming the setting.
#[test]
fn extern_paths_reexport_the_types_they_cover_and_declare_the_rest() {
    let render = |config: &mut eventgen::Config| {
        config
            .schemas(workspace().join("schemas"))
            .fixtures(scratch("no-fixtures"))
            .render()
    };
    let plain = render(&mut eventgen::Config::new()).unwrap();
    let files = render(
        eventgen::Config::new()
            .extern_path("chat/", "::acs_events")
            .extern_path("common/", "::acs_events"),
    )
    .unwrap();
    let chat = &files["chat.rs"];
    for declared in ["pub struct", "pub enum", "pub trait", "impl "] {
        assert!(!chat.contains(declared), "{declared}: {chat}");
    }
    assert!(
        chat.contains("pub use ::acs_events::AcsChatMessageReceivedEventData;\n"),
        "{chat}"
    );
    assert!(
        chat.contains("pub use ::acs_events::AcsChatEventBaseProperties;\n"),
        "{chat}"
    );
    assert!(files["common.rs"].contains("pub use ::acs_events::CommunicationIdentifierModel;\n"));
    let borrowed = &files["borrowed.rs"];
    assert!(borrowed.contains("pub use ::acs_events::borrowed::AcsChatMessageReceivedEventData;\n"));
    assert!(!borrowed.contains("pub struct AcsChatMessageReceivedEventData<'a>"));
    // The dispatch and the other families are what they were.
    assert_eq!(files["events.rs"], plain["events.rs"]);
    assert_eq!(files["sms.rs"], plain["sms.rs"]);

    // Only the base traits taken: the chat structs still implement them, and declare no
    // trait of their own nor the `Box` forwarding the other crate has.
    let files =
        render(eventgen::Config::new().extern_path("chat/base.json", "::acs_events")).unwrap();
    let chat = &files["chat.rs"];
    assert!(!chat.contains("pub trait"), "{chat}");
    assert!(!chat.contains("for ::std::boxed::Box<T>"), "{chat}");
    assert!(
        chat.contains("pub use ::acs_events::AcsChatEventBaseProperties;\n"),
        "{chat}"
    );
    assert!(
        chat.contains("impl AcsChatEventBaseProperties for AcsChatMessageReceivedEventData {"),
        "{chat}"
    );
    assert!(
        chat.contains("pub struct AcsChatMessageReceivedEventData {"),
        "{chat}"
    );

    let error = |config: &mut eventgen::Config| render(config).unwrap_err().to_string();
    assert_eq!(
        error(eventgen::Config::new().extern_path("chats/", "::acs_events")),
        "configuration: extern_path: `chats/` covers no generated type; hint: give a schema directory ending in `/` (`sms/`), a file (`common.json`) or a location (`common.json#/$defs/Member`), relative to the schema directory"
    );
    assert_eq!(
        error(
            eventgen::Config::new()
                .extern_path("sms/", "::acs_events")
                .type_attribute("AcsSmsReceivedEventData", "#[doc(hidden)]")
        ),
        "configuration: type_attribute: `AcsSmsReceivedEventData` is taken from `::acs_events` (extern_path), which declares it; hint: set the attribute where that crate is generated"
    );
    assert_eq!(
        error(eventgen::Config::new().extern_path("sms/", "acs events")),
        "configuration: extern_path: `acs events` (for `sms/`) is not a Rust path; hint: give the module that holds the other crate's generated types, such as `::acs_events`"
    );
}

/// `validate` reads another schema root where `--mount` puts it, and where the manifest's
/// `schema-mounts` does (relative to the manifest): an ACS event against the system-events
/// schemas is unknown without the mount and valid with it.
#[test]
fn validate_reads_schema_mounts_from_the_flag_and_from_the_manifest() {
    let dir = scratch("validate-mounts");
    let delivery = dir.join("delivery.json");
    std::fs::write(
        &delivery,
        r#"[{"id": "1", "topic": "/t", "subject": "/s", "eventType": "Microsoft.Communication.SMSReceived",
            "eventTime": "2026-01-01T00:00:00Z", "dataVersion": "1.0", "metadataVersion": "1",
            "data": {"messageId": "m", "from": "1", "to": "2", "message": "hi"}}]"#,
    )
    .unwrap();
    let schemas = workspace().join("system-events/schemas");
    let acs = workspace().join("schemas");
    let args = |mounts: &[String]| {
        let mut args = vec![
            "validate".to_string(),
            delivery.display().to_string(),
            "--schemas".to_string(),
            schemas.display().to_string(),
        ];
        for mount in mounts {
            args.extend(["--mount".to_string(), mount.clone()]);
        }
        args
    };
    let run = |args: Vec<String>, cwd: &Path| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        eventgen(&args, cwd)
    };
    let without = run(args(&[]), &dir);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert!(
        stdout(&without)
            .contains("event 0 (Microsoft.Communication.SMSReceived): unknown event type"),
        "{}",
        stdout(&without)
    );

    let mounts = [
        format!("acs/sms/={}", acs.join("sms").display()),
        format!("acs/common/={}", acs.join("common").display()),
    ];
    let with = run(args(&mounts), &dir);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(
        stdout(&with).contains("event 0 (Microsoft.Communication.SMSReceived): valid"),
        "{}",
        stdout(&with)
    );

    // The crate's own manifest mounts every ACS family, relative to itself.
    let manifest = workspace().join("system-events/Cargo.toml");
    let mut from_manifest = args(&[]);
    from_manifest.extend(["--manifest".to_string(), manifest.display().to_string()]);
    let read = run(from_manifest, &dir);
    assert!(
        stdout(&read).contains("event 0 (Microsoft.Communication.SMSReceived): valid"),
        "{}",
        stdout(&read)
    );

    // A mount at a prefix the schema directory already uses is an error naming it.
    let taken = run(
        args(&[format!("storage/={}", acs.join("sms").display())]),
        &dir,
    );
    assert_eq!(taken.status.code(), Some(2));
    assert!(
        stderr(&taken).contains("schema mount `storage/`: the schema root already has `storage/"),
        "{}",
        stderr(&taken)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

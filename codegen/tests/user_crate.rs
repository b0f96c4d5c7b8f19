//! A user's crate, made as the README's "Your own event schemas" says, from schemas of its own
//! (`user_crate/schemas/`: a library's loans, not any schema the project ships): its manifest
//! lists `eventgen-runtime` and, to build, `eventgen`, nothing else. It must build and pass its
//! generated tests without a single warning, in the README's form and in each form the
//! `Config` table offers (gated parts, schemars, a renamed runtime).
//!
//! Each form is a real `cargo test` of a crate outside the workspace (offline, with the
//! workspace's lock file); the forms share one target directory, so the runtime and the
//! generator are built once.

use std::path::Path;

#[path = "support/paths.rs"]
mod paths;
#[path = "support/repo.rs"]
#[allow(dead_code)]
mod repo;
use paths::workspace;
use repo::copy_dir;

/// The text of the README block that follows `heading`, between its fences.
fn readme_block(heading: &str, fence: &str) -> String {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    readme
        .split(heading)
        .nth(1)
        .and_then(|rest| rest.split(fence).nth(1))
        .and_then(|block| block.split("```").next())
        .unwrap_or_else(|| panic!("README has a {fence} block after {heading}"))
        .to_string()
}

/// The README's `Cargo.toml`, its paths pointing into this repository.
fn readme_manifest(name: &str) -> String {
    readme_block("**2. `Cargo.toml`:**", "```toml\n")
        .replace("name = \"orders-events\"", &format!("name = \"{name}\""))
        .replace(
            "\"../acs-events/runtime\"",
            &format!("{:?}", workspace().join("runtime")),
        )
        .replace(
            "\"../acs-events/codegen\"",
            &format!("{:?}", workspace().join("codegen")),
        )
}

/// The README's build script.
fn readme_build_script() -> String {
    readme_block("**3. `build.rs`**", "```rust,ignore\n")
}

/// The README's `src/lib.rs` line.
const README_LIB: &str = "include!(concat!(env!(\"OUT_DIR\"), \"/mod.rs\"));\n";

/// Writes the crate `name` (its schemas copied from `user_crate/schemas`), runs cargo with
/// each of `args` in it and returns what cargo and the tests printed, after checking that each
/// run succeeded.
fn cargo_in_crate(name: &str, files: &[(&str, String)], args: &[&[&str]]) -> String {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("user_crate");
    let dir = root.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/user_crate/schemas"),
        &dir.join("schemas"),
    );
    for (path, text) in files {
        // The crate sits below this workspace's target directory: `[workspace]` makes it a
        // workspace of its own, as it is in a user's repository.
        let text = match *path {
            "Cargo.toml" => format!("{text}\n[workspace]\n"),
            _ => text.clone(),
        };
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // The workspace's lock file: the versions already fetched, so the build works offline.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut log = String::new();
    for args in args {
        let output = std::process::Command::new(&cargo)
            .args(*args)
            .args(["--offline", "--color", "never"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{name}: cargo {args:?} failed:\n{stderr}\n{stdout}"
        );
        log.push_str(&stderr);
        log.push_str(&stdout);
    }
    log
}

/// Cargo's and rustc's warnings in a log (none expected).
fn warnings(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| line.trim_start().starts_with("warning"))
        .collect()
}

/// The generated fixture tests ran and passed: one per fixture file.
fn ran_fixture_tests(log: &str) {
    for test in ["book_lent", "book_returned"] {
        assert!(
            log.contains(&format!("test fixture_tests::{test} ... ok")),
            "{test}: {log}"
        );
    }
}

#[test]
fn the_readme_crate_builds_and_tests_without_warnings() {
    let manifest = readme_manifest("library-events");
    // Only the runtime, and the generator to build.
    assert!(!manifest.contains("serde"), "{manifest}");
    assert!(!manifest.contains("[features]"), "{manifest}");
    let log = cargo_in_crate(
        "readme",
        &[
            ("Cargo.toml", manifest),
            ("build.rs", readme_build_script()),
            ("src/lib.rs", README_LIB.into()),
        ],
        &[&["test"], &["clippy", "--all-targets"]],
    );
    ran_fixture_tests(&log);
    assert_eq!(warnings(&log), Vec::<&str>::new(), "{log}");
}

/// `borrowed_form_feature` and `schemars_feature`: the crate declares the two features, and
/// builds without warnings with each combination; `EventKind::json_schema` exists under the
/// feature. A type and a field attribute from the `Config` compile where they land.
#[test]
fn gated_parts_build_without_warnings_with_and_without_their_features() {
    let manifest = readme_manifest("library-events-gated").replace(
        "[dependencies]",
        "[features]\ndefault = [\"borrowed\"]\nborrowed = []\nschemars = [\"eventgen-runtime/schemars\"]\n\n[dependencies]",
    );
    let build = readme_build_script().replace(
        ".schemas(\"schemas\")",
        ".schemas(\"schemas\")\n        .borrowed_form_feature(\"borrowed\")\n        .schemars_feature(\"schemars\")\n        \
         .type_attribute(\"BookLentEventData\", \"#[doc(alias = \\\"loan\\\")]\")\n        \
         .field_attribute(\"BookLentEventData.isbn\", \"#[doc(alias = \\\"book\\\")]\")",
    );
    assert!(build.contains("schemars_feature"), "{build}");
    let lib = format!(
        "{README_LIB}\n#[cfg(all(test, feature = \"schemars\"))]\n\
         #[test]\nfn each_kind_has_its_schema() {{\n    \
         let schema = EventKind::BookLent.json_schema();\n    \
         assert_eq!(schema.get(\"title\").and_then(|t| t.as_str()), Some(\"BookLentEventData\"));\n}}\n\n\
         #[cfg(all(test, feature = \"borrowed\"))]\n\
         #[test]\nfn the_borrowed_form_is_there() {{\n    \
         let _ = ::std::mem::size_of::<borrowed::BookReturnedEventData<'static>>();\n}}\n"
    );
    let log = cargo_in_crate(
        "gated",
        &[
            ("Cargo.toml", manifest),
            ("build.rs", build),
            ("src/lib.rs", lib),
        ],
        &[
            &["test", "--features", "schemars"],
            &["test", "--no-default-features"],
            &["clippy", "--all-targets", "--all-features"],
        ],
    );
    assert_eq!(warnings(&log), Vec::<&str>::new(), "{log}");
}

/// `runtime_crate`: the runtime under another name (a renamed dependency); the output names
/// it only by that path, schemars' derive (always on here) included.
#[test]
fn a_renamed_runtime_is_reached_by_its_configured_path() {
    let manifest = readme_manifest("library-events-renamed").replace(
        "eventgen-runtime = {",
        "rt = { package = \"eventgen-runtime\", features = [\"schemars\"],",
    );
    assert!(manifest.contains("rt = { package"), "{manifest}");
    // schemars ungated too: its derive finds schemars through the renamed runtime.
    let build = readme_build_script().replace(
        ".schemas(\"schemas\")",
        ".schemas(\"schemas\")\n        .runtime_crate(\"::rt\")\n        .schemars(true)",
    );
    let log = cargo_in_crate(
        "renamed",
        &[
            ("Cargo.toml", manifest),
            ("build.rs", build),
            ("src/lib.rs", README_LIB.into()),
        ],
        &[&["test"]],
    );
    assert_eq!(warnings(&log), Vec::<&str>::new(), "{log}");
}

/// A schema of the second crate's own: a reservation that names the first crate's `Member`.
const BOOK_RESERVED_SCHEMA: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "BookReservedEventData",
  "x-event-type": "Library.Reservations.BookReserved",
  "type": "object",
  "required": ["isbn", "member"],
  "properties": {
    "isbn": { "type": "string" },
    "member": { "$ref": "../common.json#/$defs/Member" },
    "queuePosition": { "type": "integer" }
  }
}"##;

const BOOK_RESERVED_FIXTURE: &str = r##"[
  {
    "specversion": "1.0",
    "type": "Library.Reservations.BookReserved",
    "source": "/library",
    "id": "3",
    "data": { "isbn": "978-0-00-000000-2", "member": { "memberId": "m-7", "tier": "plus" }, "queuePosition": 2 }
  }
]"##;

/// The second crate's tests: one delivery mixes an event whose data is the first crate's type
/// with one of its own, and both forms name the first crate's types.
const EXTERN_LIB_TESTS: &str = r##"
#[cfg(test)]
mod mixed {
    use super::*;

    #[test]
    fn one_event_data_covers_the_events_of_both_crates() {
        let body = br#"[
          {"specversion":"1.0","type":"Library.Loans.BookReturned","source":"/l","id":"1",
           "data":{"isbn":"1","returnedAt":"2026-02-14T10:00:00Z","late":true}},
          {"specversion":"1.0","type":"Library.Reservations.BookReserved","source":"/l","id":"2",
           "data":{"isbn":"2","member":{"memberId":"m-1"}}}
        ]"#;
        let delivery = ::eventgen_runtime::parse_delivery::<EventData>(body).unwrap();
        let events: Vec<_> = delivery.iter().map(|e| &e.as_ref().unwrap().data).collect();
        match events[0] {
            EventData::BookReturned(data) => {
                let data: &::library_events::BookReturnedEventData = data;
                assert!(data.late);
            }
            other => panic!("{other:?}"),
        }
        match events[1] {
            EventData::BookReserved(data) => {
                let member: &::library_events::Member = &data.member;
                assert_eq!(member.member_id, "m-1");
            }
            other => panic!("{other:?}"),
        }
    }

    /// The borrowed form is the first crate's too.
    #[allow(dead_code)]
    fn same_borrowed<'a>(data: borrowed::BookLentEventData<'a>) -> ::library_events::borrowed::BookLentEventData<'a> {
        data
    }
}
"##;

/// `extern_path`: a second crate takes the first one's types for `loans/` and `common.json`,
/// declares only its own, and reads a delivery that mixes the two crates' events.
#[test]
fn extern_paths_take_another_crates_types_and_one_dispatch_covers_both() {
    cargo_in_crate(
        "extern-base",
        &[
            ("Cargo.toml", readme_manifest("library-events")),
            ("build.rs", readme_build_script()),
            ("src/lib.rs", README_LIB.into()),
        ],
        &[],
    );
    let manifest = readme_manifest("library-extra").replace(
        "[dependencies]",
        "[dependencies]\nlibrary-events = { path = \"../extern-base\" }",
    );
    let build = readme_build_script().replace(
        ".schemas(\"schemas\")",
        ".schemas(\"schemas\")\n        .extern_path(\"loans/\", \"::library_events\")\n        \
         .extern_path(\"common.json\", \"::library_events\")",
    );
    assert!(build.contains("extern_path"), "{build}");
    let log = cargo_in_crate(
        "extern-extra",
        &[
            ("Cargo.toml", manifest),
            ("build.rs", build),
            ("src/lib.rs", format!("{README_LIB}{EXTERN_LIB_TESTS}")),
            (
                "schemas/reservations/book-reserved.json",
                BOOK_RESERVED_SCHEMA.into(),
            ),
            (
                "schemas/fixtures/reservations/BookReserved.json",
                BOOK_RESERVED_FIXTURE.into(),
            ),
        ],
        &[&["test"], &["clippy", "--all-targets"]],
    );
    ran_fixture_tests(&log);
    assert!(
        log.contains("test fixture_tests::book_reserved ... ok"),
        "{log}"
    );
    assert!(
        log.contains("one_event_data_covers_the_events_of_both_crates ... ok"),
        "{log}"
    );
    assert_eq!(warnings(&log), Vec::<&str>::new(), "{log}");
}

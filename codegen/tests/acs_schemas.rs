//! The generator's output for the project's own `schemas/`: an insta snapshot of the public API
//! surface it gives users, the committed `generated/` directory equal to the output, and the
//! same output from other processes.

#[path = "support/paths.rs"]
mod paths;
#[path = "support/surface.rs"]
mod surface;
use paths::workspace;

fn config() -> eventgen::Config {
    let mut config = eventgen::Config::new();
    config
        .schemas(workspace().join("schemas"))
        .out_dir(workspace().join("generated"))
        .package_metadata(workspace().join("Cargo.toml"));
    config
}

/// `eventgen check` run in the repository with no flags reads the settings of `Cargo.toml`
/// (`[package.metadata.eventgen]`, as build.rs does) and finds `generated/` up to date.
#[test]
fn the_command_line_in_the_repository_uses_the_crate_settings() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eventgen"))
        .arg("check")
        .current_dir(workspace())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The public API of the generated crate (`support/surface.rs`), one snapshot: the first thing
/// to read in a schema change's review. The code itself is reviewed in `generated/`, which
/// `committed_generated_directory_is_up_to_date` keeps equal to the generator's output.
#[test]
fn generated_public_api_surface() {
    let mut files = config().render().unwrap();
    files.remove(eventgen::FIXTURE_TESTS_FILE);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/acs");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("public_api", surface::render(&files)));
}

#[test]
fn committed_generated_directory_is_up_to_date() {
    if let Err(error) = config().check() {
        panic!("{error}");
    }
}

/// Two generator processes (each with its own hash seeds, so any hash-order dependence shows)
/// write the same files as this process renders.
#[test]
fn generation_is_deterministic_across_processes() {
    let in_process = config().render().unwrap();
    let root = std::env::temp_dir().join(format!("eventgen-determinism-{}", std::process::id()));
    let mut outputs = Vec::new();
    for run in 0..2 {
        let out = root.join(run.to_string());
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_eventgen"))
            .args(["generate", "--schemas"])
            .arg(workspace().join("schemas"))
            .arg("--out")
            .arg(&out)
            .args([
                "--borrowed-feature",
                "borrowed",
                "--schemars-feature",
                "schemars",
            ])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "eventgen generate failed");
        let mut files = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
        outputs.push(files);
    }
    std::fs::remove_dir_all(&root).unwrap();
    let rendered: std::collections::BTreeMap<String, String> = in_process.into_iter().collect();
    assert_eq!(
        outputs[0].keys().collect::<Vec<_>>(),
        rendered.keys().collect::<Vec<_>>()
    );
    for (name, contents) in &rendered {
        assert!(
            outputs[0][name] == *contents,
            "{name} differs between this process and another"
        );
        assert!(
            outputs[1][name] == *contents,
            "{name} differs between two other processes"
        );
    }
}

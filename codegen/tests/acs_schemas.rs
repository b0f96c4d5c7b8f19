//! The generator's output for the project's own `schemas/`: one insta snapshot per generated
//! file (per schema family), so a schema change is reviewed file by file; and the committed
//! `generated/` directory must match.

use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn config() -> eventgen::Config {
    let mut config = eventgen::Config::new();
    config
        .schemas(workspace().join("schemas"))
        .out_dir(workspace().join("generated"));
    config
}

#[test]
fn generated_code_snapshots() {
    let files = config().render().unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/acs");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, contents) in &files {
            insta::assert_snapshot!(name.trim_end_matches(".rs"), contents);
        }
    });
}

#[test]
fn committed_generated_directory_is_up_to_date() {
    if let Err(error) = config().check() {
        panic!("{error}");
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(config().render().unwrap(), config().render().unwrap());
}

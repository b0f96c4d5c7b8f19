//! The binary `cargo test` built for an example of this package. Examples of two workspace
//! packages may share a name (acs-events' and azure-system-events' `inspect`), and then the
//! unhashed `target/<profile>/examples/<name>` is whichever was built last; each hashed binary's
//! dep-info file (`<name>-<hash>.d`) names its source as cargo gave it to rustc, as `file!()`
//! names the test's own, so the package's own is found by that.

use std::path::PathBuf;

/// The newest hashed build of `examples/<name>.rs` of the package whose test file is
/// `test_file` (the caller's `file!()`, such as `system-events/tests/inspect.rs`).
pub fn example_binary(test_file: &str, name: &str) -> PathBuf {
    // Test binaries run from target/<profile>/deps; examples are built beside it.
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let examples = deps.parent().unwrap().join("examples");
    let package = &test_file[..test_file.rfind("tests/").expect("a file under tests/")];
    let source = format!("{package}examples/{name}.rs");
    let prefix = format!("{name}-");
    let mut builds: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&examples)
        .unwrap_or_else(|e| panic!("{}: {e} (cargo test builds examples)", examples.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let file = path.file_name()?.to_str()?;
            let stem = file.strip_suffix(".d")?;
            if !stem.starts_with(&prefix) {
                return None;
            }
            let binary = examples.join(format!("{stem}{}", std::env::consts::EXE_SUFFIX));
            let dep_info = std::fs::read_to_string(&path).ok()?;
            let ours = dep_info
                .lines()
                .filter_map(|line| line.split_once(": "))
                .any(|(_, sources)| sources.split_whitespace().any(|s| s == source));
            let built = std::fs::metadata(&binary).ok()?.modified().ok()?;
            ours.then_some((built, binary))
        })
        .collect();
    builds.sort();
    builds
        .pop()
        .unwrap_or_else(|| {
            panic!(
                "no build of {source} in {} (cargo test builds examples)",
                examples.display()
            )
        })
        .1
}

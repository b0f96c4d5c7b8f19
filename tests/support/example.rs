//! The binary `cargo test` built for an example of this package. Examples of two workspace
//! packages may share a name (acs-events' and azure-system-events' `inspect`), and then the
//! unhashed `target/<profile>/examples/<name>` is whichever was built last; each hashed binary's
//! dep-info file (`<name>-<hash>.d`) names its source as cargo gave it to rustc, as `file!()`
//! names the test's own, so the package's own is found by that.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

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

/// Run `binary` with `args`, `stdin` written to it; its whole output.
pub fn run(binary: &std::path::Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Each line of stdout, read as JSON.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

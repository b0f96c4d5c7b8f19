//! README's "Your own event schemas" crate is `examples/orders-events/`: the same features, and
//! the same dependencies with the same settings but where they come from (a clone next to the
//! reader's crate in the text, paths inside this repository in the example).

use std::collections::BTreeMap;

/// Each `[section]` of a manifest: its `key = value` lines, with `path`/`version` settings and
/// comments dropped, keyed by the key.
fn sections(manifest: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in manifest.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_string();
            continue;
        }
        let (key, value) = line.split_once('=').expect("key = value");
        let value = value
            .split([',', '{', '}'])
            .map(str::trim)
            .filter(|part| {
                !part.is_empty() && !part.starts_with("path") && !part.starts_with("version")
            })
            .collect::<Vec<_>>()
            .join(", ");
        sections
            .entry(current.clone())
            .or_default()
            .insert(key.trim().to_string(), value);
    }
    sections
}

#[test]
fn the_readme_crate_is_the_example_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let text = readme
        .split("**2. `Cargo.toml`:**")
        .nth(1)
        .and_then(|rest| rest.split("```toml\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("README shows the example's Cargo.toml");
    let example =
        std::fs::read_to_string(root.join("examples/orders-events/Cargo.toml")).unwrap();
    let (text, example) = (sections(text), sections(&example));
    for section in ["features", "dependencies", "build-dependencies"] {
        assert_eq!(text.get(section), example.get(section), "[{section}]");
    }
}

//! The README's "Your own event schemas" shows this crate's files: they must stay the same.

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap()
}

#[test]
fn the_walkthrough_shows_this_build_script_and_include() {
    let readme = readme();
    let build = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    // `ignore` there: acs-events' doctests do not depend on eventgen; this crate compiles it.
    assert!(
        readme.contains(&format!("```rust,ignore\n{build}```")),
        "README's build.rs differs from this crate's:\n{build}"
    );
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let include = r#"include!(concat!(env!("OUT_DIR"), "/mod.rs"));"#;
    assert!(lib.contains(include) && readme.contains(&format!("`{include}`")));
}

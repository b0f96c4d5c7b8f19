//! The runtime's modules form layers: no module reaches, through `crate::` paths outside its
//! tests, a module that reaches it back. A cycle means a type lives in the wrong module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and the top-level modules its non-test code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    fn walk(dir: &Path, top: Option<&str>, out: &mut BTreeMap<String, BTreeSet<String>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let module = top.map_or(name.clone(), str::to_string);
            if path.is_dir() {
                walk(&path, Some(&module), out);
            } else if path.extension().is_some_and(|e| e == "rs") && module != "lib" {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
                let names = out.entry(module.clone()).or_default();
                for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    for (at, _) in line.match_indices("crate::") {
                        let rest = &line[at + "crate::".len()..];
                        let end = rest
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .unwrap_or(rest.len());
                        names.insert(rest[..end].to_string());
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut out,
    );
    let modules: BTreeSet<String> = out.keys().cloned().collect();
    for (module, names) in out.iter_mut() {
        names.retain(|name| name != module && modules.contains(name));
    }
    out
}

#[test]
fn no_module_reaches_one_that_reaches_it_back() {
    let graph = dependencies();
    assert!(
        graph.len() > 20 && graph["read"].contains("envelope"),
        "the graph is read: {graph:?}"
    );
    // Every module reachable from each one; a module reachable from itself is in a cycle.
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = graph[start].iter().collect();
        while let Some(module) = stack.pop() {
            assert_ne!(module, start, "{start} reaches itself: {graph:#?}");
            if seen.insert(module) {
                stack.extend(graph[module].iter());
            }
        }
    }
}

//! Loading: read every schema file below the schema root into memory, keyed by its path
//! relative to that root (with `/` separators), so locations print the same on every machine.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{gathered, Error, Location, Problems, Result};
use crate::resolve::Index;

/// Directory names below the schema root that hold data, not schemas.
const NON_SCHEMA_DIRS: &[&str] = &["fixtures"];

/// All schema documents of a schema root.
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    /// The directory the files were read from.
    pub root: PathBuf,
    /// Every schema document by its `/`-separated path relative to `root`.
    pub files: BTreeMap<String, Value>,
    /// Every URI the files declare or are retrieved from (`$ref` targets).
    index: Index,
    /// The files in the order they were given (sorted paths when read from disk). Lowering
    /// visits them in this order, and its output must not depend on it.
    order: Vec<String>,
}

impl SchemaSet {
    /// Every URI the files declare or are retrieved from.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every `*.json` file below `root` (except `fixtures/`), in sorted path order, and every
    /// file below `root` that a `$ref` names by a relative path, whatever its extension
    /// (`common.schema`, `defs.ref`). Files that are not JSON are [`Error::Schemas`], every one
    /// of them.
    pub fn load(root: &Path) -> Result<Self> {
        SchemaSet::load_mounted(root, &[])
    }

    /// [`SchemaSet::load`], plus the schema roots of `mounts` read as if they were copied to
    /// a directory of `root`: each `(prefix, dir)` puts `dir/x.json` at `<prefix>x.json`
    /// (`prefix` ends in `/`, such as `acs/`), its own `fixtures/` left out. Another crate's
    /// schemas join the set this way, for `extern_path`, without a copy to keep in step.
    pub fn load_mounted(root: &Path, mounts: &[(String, PathBuf)]) -> Result<Self> {
        crate::deep_stack::run(|| SchemaSet::load_here(root, mounts))
    }

    fn load_here(root: &Path, mounts: &[(String, PathBuf)]) -> Result<Self> {
        let mut files = BTreeMap::new();
        // Every file that is not JSON is reported, not only the first.
        let mut problems = Problems::default();
        let mut paths = Vec::new();
        collect_json_files(root, root, &mut paths)?;
        for (prefix, dir) in mounts {
            check_mount(prefix, dir, &paths)?;
            let mut mounted = Vec::new();
            collect_json_files(dir, dir, &mut mounted)?;
            paths.extend(
                mounted
                    .into_iter()
                    .map(|(relative, path)| (format!("{prefix}{relative}"), path)),
            );
        }
        paths.sort();
        for (relative, path) in paths {
            match read_document(&relative, &path) {
                Ok(document) => {
                    files.insert(relative, document);
                }
                Err(error) => problems.gather(error)?,
            }
        }
        // Files only `$ref`s name: read until no reference names one that is not read yet.
        let mut pending: Vec<String> = files.keys().cloned().collect();
        while let Some(file) = pending.pop() {
            for referenced in referenced_files(&file, &files[&file]) {
                if files.contains_key(&referenced) {
                    continue;
                }
                let path = disk_path(root, mounts, &referenced);
                if path.is_file() {
                    match read_document(&referenced, &path) {
                        Ok(document) => {
                            files.insert(referenced.clone(), document);
                            pending.push(referenced);
                        }
                        Err(error) => problems.gather(error)?,
                    }
                }
            }
        }
        // References into a file that is not JSON would only repeat its problem: stop here.
        problems.or(())?;
        let index = gathered(Index::build(&files))?;
        let order = files.keys().cloned().collect();
        Ok(SchemaSet {
            root: root.to_path_buf(),
            files,
            index,
            order,
        })
    }

    /// Build a set from in-memory documents (tests and tools that do not read from disk).
    pub fn from_documents<I, S>(documents: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, Value)>,
        S: Into<String>,
    {
        let documents: Vec<(String, Value)> =
            documents.into_iter().map(|(k, v)| (k.into(), v)).collect();
        let mut problems = Problems::default();
        for (file, document) in &documents {
            if let Some(pointer) = too_deep(document) {
                problems.gather(Error::schema(
                    &Location::new(file.clone(), pointer),
                    format!("the document nests more than {MAX_DEPTH} levels here, the most JSON parsing reads; flatten it with `$defs` and `$ref`"),
                ))?;
            }
        }
        problems.or(())?;
        let order = documents.iter().map(|(k, _)| k.clone()).collect();
        let files: BTreeMap<String, Value> = documents.into_iter().collect();
        let index = gathered(Index::build(&files))?;
        Ok(SchemaSet {
            root: PathBuf::new(),
            files,
            index,
            order,
        })
    }

    /// The location a `$ref` written in the schema at `from` names (see `resolve.rs`).
    pub fn resolve(&self, from: &Location, reference: &str) -> Result<Location> {
        self.index.resolve(from, reference)
    }

    /// Every document, in the order the set was given.
    pub fn documents(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.order
            .iter()
            .filter_map(|name| self.files.get_key_value(name))
    }

    /// The schema node at a location.
    pub fn node(&self, at: &Location) -> Result<&Value> {
        let document = self
            .files
            .get(&at.file)
            .ok_or_else(|| Error::schema(at, format!("no schema file `{}`", at.file)))?;
        if at.pointer.is_empty() {
            return Ok(document);
        }
        document.pointer(&at.pointer).ok_or_else(|| {
            Error::schema(at, format!("`{}` has nothing at `{}`", at.file, at.pointer))
        })
    }
}

/// The document of the file `relative` (at `path`); a file that is not JSON is a schema
/// problem of that file, with the line and column the parser stopped at.
fn read_document(relative: &str, path: &Path) -> Result<Value> {
    let text = fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| {
        Error::schema(
            &Location::new(relative, ""),
            format!("not valid JSON: {source}"),
        )
    })
}

/// The files that the `$ref`s of `document` (the file `file`) name by a relative path, as
/// `/`-separated paths relative to the schema root. References that leave the root, carry a
/// scheme or only a fragment are left to `$ref` resolution, which reports what it cannot find.
fn referenced_files(file: &str, document: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    found.extend(relative_file(file, reference));
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The file a relative `$ref` names, relative to the schema root, if it stays below it.
fn relative_file(file: &str, reference: &str) -> Option<String> {
    let path = reference.split('#').next()?;
    let has_scheme = path
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'));
    if path.is_empty() || has_scheme || path.starts_with('/') {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop(); // the referring file's directory
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Where the file keyed `relative` lies: below the mount whose prefix it starts with, else
/// below the root.
fn disk_path(root: &Path, mounts: &[(String, PathBuf)], relative: &str) -> PathBuf {
    mounts
        .iter()
        .find_map(|(prefix, dir)| {
            relative
                .strip_prefix(prefix.as_str())
                .map(|rest| dir.join(rest))
        })
        .unwrap_or_else(|| root.join(relative))
}

/// A mount's prefix is a relative directory path ending in `/` that no file of the root
/// already uses, and its directory exists.
fn check_mount(prefix: &str, dir: &Path, root_files: &[(String, PathBuf)]) -> Result<()> {
    let well_formed = prefix.strip_suffix('/').is_some_and(|dirs| {
        dirs.split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
    });
    if !well_formed {
        return Err(Error::Config(format!(
            "schema mount `{prefix}`: not a directory path such as `acs/`; hint: write relative segments ending in `/`"
        )));
    }
    if let Some((taken, _)) = root_files.iter().find(|(file, _)| file.starts_with(prefix)) {
        return Err(Error::Config(format!(
            "schema mount `{prefix}`: the schema root already has `{taken}` there; hint: mount at a directory name the root does not use"
        )));
    }
    if !dir.is_dir() {
        return Err(Error::Config(format!(
            "schema mount `{prefix}`: `{}` is not a directory",
            dir.display()
        )));
    }
    Ok(())
}

fn collect_json_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries: Vec<_> = entries
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            let name = entry.file_name();
            if dir == root && NON_SCHEMA_DIRS.iter().any(|skip| name == *skip) {
                continue;
            }
            collect_json_files(root, &path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push((relative_name(root, &path), path));
        }
    }
    Ok(())
}

pub(crate) fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The deepest nesting of a document: serde_json's own limit when it parses one.
const MAX_DEPTH: usize = 128;

/// The JSON pointer of the first value nested more than [`MAX_DEPTH`] levels deep, walked with
/// a stack of its own so any depth is safe. The stack is the path, rendered only when found.
fn too_deep(document: &Value) -> Option<String> {
    let mut path: Vec<(Option<Step<'_>>, Children<'_>)> = Vec::new();
    let mut next = Some((None, document));
    loop {
        if let Some((step, value)) = next.take() {
            if let Some(children) = Children::of(value) {
                if path.len() == MAX_DEPTH {
                    let steps = path.iter().filter_map(|(step, _)| *step).chain(step);
                    return Some(steps.map(|step| step.pointer_segment()).collect());
                }
                path.push((step, children));
            }
        }
        let (_, children) = path.last_mut()?;
        match children.next() {
            Some((step, child)) => next = Some((Some(step), child)),
            None => {
                path.pop();
            }
        }
    }
}

/// How a value is reached from its parent.
#[derive(Clone, Copy)]
enum Step<'a> {
    Index(usize),
    Key(&'a str),
}

impl Step<'_> {
    /// `/` and the step, escaped as RFC 6901 says.
    fn pointer_segment(self) -> String {
        match self {
            Step::Index(i) => format!("/{i}"),
            Step::Key(key) => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
        }
    }
}

/// The members of an object or the items of an array, each with its step.
enum Children<'a> {
    Items(std::iter::Enumerate<std::slice::Iter<'a, Value>>),
    Members(serde_json::map::Iter<'a>),
}

impl<'a> Children<'a> {
    fn of(value: &'a Value) -> Option<Self> {
        match value {
            Value::Array(items) => Some(Children::Items(items.iter().enumerate())),
            Value::Object(members) => Some(Children::Members(members.iter())),
            _ => None,
        }
    }

    fn next(&mut self) -> Option<(Step<'a>, &'a Value)> {
        match self {
            Children::Items(items) => items.next().map(|(i, item)| (Step::Index(i), item)),
            Children::Members(members) => {
                members.next().map(|(key, member)| (Step::Key(key), member))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory of files (relative path → contents), removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, files: &[(&str, &str)]) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("eventgen-load-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            for (path, text) in files {
                let path = dir.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_mounted_root_is_read_under_its_prefix_with_its_references_and_without_its_fixtures() {
        let root = Scratch::new("root", &[("storage/a.json", r#"{"type": "object"}"#)]);
        let other = Scratch::new(
            "other",
            &[
                ("chat/b.json", r#"{"$ref": "../common/c.json"}"#),
                ("common/c.json", r#"{"type": "string"}"#),
                ("common/only-referenced.schema", r#"{"type": "null"}"#),
                ("common/d.json", r#"{"$ref": "only-referenced.schema"}"#),
                ("fixtures/delivery.json", "[]"),
            ],
        );
        let mounts = [
            ("acs/chat/".to_string(), other.0.join("chat")),
            ("acs/common/".to_string(), other.0.join("common")),
        ];
        let set = SchemaSet::load_mounted(&root.0, &mounts).unwrap();
        let names: Vec<&str> = set.files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "acs/chat/b.json",
                "acs/common/c.json",
                "acs/common/d.json",
                "acs/common/only-referenced.schema",
                "storage/a.json"
            ]
        );
        let target = set
            .resolve(&Location::new("acs/chat/b.json", ""), "../common/c.json")
            .unwrap();
        assert_eq!(set.node(&target).unwrap()["type"], "string");
        // The whole other root, mounted: its own fixtures stay out.
        let whole = SchemaSet::load_mounted(&root.0, &[("acs/".into(), other.0.clone())]).unwrap();
        assert!(whole.files.keys().all(|k| !k.contains("fixtures")));
        assert_eq!(whole.files.len(), 5);
    }

    #[test]
    fn a_mount_with_a_bad_prefix_a_taken_prefix_or_no_directory_is_an_error_naming_it() {
        let root = Scratch::new("taken", &[("acs/a.json", "{}")]);
        let other = Scratch::new("mounted", &[("b.json", "{}")]);
        let message = |prefix: &str, dir: &Path| {
            SchemaSet::load_mounted(&root.0, &[(prefix.to_string(), dir.to_path_buf())])
                .unwrap_err()
                .to_string()
        };
        for bad in ["acs", "/acs/", "a//", "../acs/", "./"] {
            assert_eq!(
                message(bad, &other.0),
                format!("configuration: schema mount `{bad}`: not a directory path such as `acs/`; hint: write relative segments ending in `/`")
            );
        }
        assert_eq!(
            message("acs/", &other.0),
            "configuration: schema mount `acs/`: the schema root already has `acs/a.json` there; hint: mount at a directory name the root does not use"
        );
        let missing = other.0.join("missing");
        assert_eq!(
            message("more/", &missing),
            format!(
                "configuration: schema mount `more/`: `{}` is not a directory",
                missing.display()
            )
        );
    }
}

//! Loading: read every schema file below the schema root into memory, keyed by its path
//! relative to that root (with `/` separators), so locations print the same on every machine.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Location, Result};

/// Directory names below the schema root that hold data, not schemas.
const NON_SCHEMA_DIRS: &[&str] = &["fixtures"];

/// All schema documents of a schema root.
#[derive(Debug, Default)]
pub struct SchemaSet {
    pub root: PathBuf,
    pub files: BTreeMap<String, Value>,
}

impl SchemaSet {
    pub fn load(root: &Path) -> Result<Self> {
        let mut files = BTreeMap::new();
        let mut paths = Vec::new();
        collect_json_files(root, root, &mut paths)?;
        for (relative, path) in paths {
            let text = fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
            let value = serde_json::from_str(&text).map_err(|source| Error::Json { path: path.clone(), source })?;
            files.insert(relative, value);
        }
        Ok(SchemaSet { root: root.to_path_buf(), files })
    }

    /// Build a set from in-memory documents (tests and tools that do not read from disk).
    pub fn from_documents<I, S>(documents: I) -> Self
    where
        I: IntoIterator<Item = (S, Value)>,
        S: Into<String>,
    {
        SchemaSet { root: PathBuf::new(), files: documents.into_iter().map(|(k, v)| (k.into(), v)).collect() }
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
        document.pointer(&at.pointer).ok_or_else(|| Error::schema(at, "JSON pointer does not resolve"))
    }
}

fn collect_json_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    let mut entries: Vec<_> = entries
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
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
    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

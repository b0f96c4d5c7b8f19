//! Reading a schema directory as it was at a git revision, without a checkout.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::load::SchemaSet;

/// The schemas under `dir` (a path inside the repository at `repo`) at revision `rev`,
/// keyed by their path relative to `dir`, as [`SchemaSet::load`] would read them.
pub fn schemas_at(repo: &Path, rev: &str, dir: &str) -> Result<SchemaSet> {
    let dir = dir.trim_end_matches('/');
    let listing = git(
        repo,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            rev,
            "--",
            &format!("{dir}/"),
        ],
    )?;
    let mut documents = Vec::new();
    for path in listing.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let Some(relative) = path.strip_prefix(&format!("{dir}/")) else {
            continue;
        };
        if !relative.ends_with(".json") || relative.split('/').next() == Some("fixtures") {
            continue;
        }
        let text = git(repo, &["show", &format!("{rev}:{path}")])?;
        let value = serde_json::from_slice(&text).map_err(|source| Error::Json {
            path: format!("{rev}:{path}").into(),
            source,
        })?;
        documents.push((relative.to_string(), value));
    }
    if documents.is_empty() {
        return Err(Error::Config(format!(
            "no schema files under `{dir}/` at revision `{rev}`"
        )));
    }
    SchemaSet::from_documents(documents)
}

fn git(repo: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(|source| Error::Io {
            path: "git".into(),
            source,
        })?;
    if !output.status.success() {
        return Err(Error::Config(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

//! Reading a schema directory as it was at a git revision, without a checkout.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::load::SchemaSet;

/// The schemas under `dir` at revision `rev`, keyed by their path relative to `dir`, as
/// [`SchemaSet::load`] would read them. `repo` is any directory of the repository (the command's
/// working directory); `dir` is relative to it, as a shell user types it (`schemas`,
/// `../schemas`, `.`), or absolute.
pub fn schemas_at(repo: &Path, rev: &str, dir: &str) -> Result<SchemaSet> {
    let dir = from_top(repo, dir)?;
    // Listed and read by paths from the top of the repository, wherever `repo` is in it
    // (`ls-tree` would list paths relative to the working directory, `show REV:path` reads
    // them from the top).
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", "--full-tree", rev];
    if !dir.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let listing = git(repo, &args)?;
    let mut documents = Vec::new();
    for path in listing.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let Some(relative) = path.strip_prefix(&prefix) else {
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
            "no schema files under `{}` at revision `{rev}`",
            if dir.is_empty() { "." } else { &dir }
        )));
    }
    SchemaSet::from_documents(documents)
}

/// `dir` (relative to `repo`, or absolute) as a path from the top of the repository, `/`-separated
/// and without `.` or `..`; empty for the top itself.
fn from_top(repo: &Path, dir: &str) -> Result<String> {
    let relative = if Path::new(dir).is_absolute() {
        let top = String::from_utf8_lossy(&git(repo, &["rev-parse", "--show-toplevel"])?)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let (top, dir) = (canonical(Path::new(&top)), canonical(Path::new(dir)));
        let inside = dir.strip_prefix(&top).map_err(|_| {
            Error::Config(format!(
                "`{}` is not inside the git repository at `{}`",
                dir.display(),
                top.display()
            ))
        })?;
        inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    } else {
        let prefix = String::from_utf8_lossy(&git(repo, &["rev-parse", "--show-prefix"])?)
            .trim_end_matches(['\n', '\r'])
            .to_string();
        format!("{prefix}{dir}")
    };
    let mut parts: Vec<&str> = Vec::new();
    let separator = |c: char| c == '/' || (cfg!(windows) && c == '\\');
    for part in relative.split(separator) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Error::Config(format!(
                        "`{dir}` leads out of the git repository"
                    )));
                }
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
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

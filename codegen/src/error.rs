//! Generator errors. Every error names the schema file and the JSON pointer it concerns.

use std::fmt;
use std::path::PathBuf;

/// Where in the schema set something is: a file (relative to the schema root) and a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub pointer: String,
}

impl Location {
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
        }
    }

    /// The location of a child member, with the member name escaped as RFC 6901 requires.
    pub fn join(&self, segment: &str) -> Self {
        let escaped = segment.replace('~', "~0").replace('/', "~1");
        Location {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escaped),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

#[derive(Debug)]
pub enum Error {
    /// A schema is malformed or uses a construct the generator does not support.
    Schema { at: Location, message: String },
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file is not valid JSON.
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// The generated code did not parse as Rust (a generator bug, reported rather than hidden).
    Emit { file: String, message: String },
    /// Output files differ from what the schemas generate (`check` mode).
    Stale { files: Vec<String> },
    /// The builder was used without a required setting.
    Config(String),
}

impl Error {
    pub fn schema(at: &Location, message: impl Into<String>) -> Self {
        Error::Schema {
            at: at.clone(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Schema { at, message } => write!(f, "{at}: {message}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Json { path, source } => write!(f, "{}: invalid JSON: {source}", path.display()),
            Error::Emit { file, message } => {
                write!(f, "generated {file} is not valid Rust: {message}")
            }
            Error::Stale { files } => {
                write!(f, "generated code is stale; run `cargo run -p eventgen -- generate`. Differing files: {}", files.join(", "))
            }
            Error::Config(message) => write!(f, "configuration: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Json { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

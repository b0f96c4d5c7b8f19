//! Generator errors. Every error names the schema file and the JSON pointer it concerns.

use std::fmt;
use std::path::PathBuf;

/// Where in the schema set something is: a file (relative to the schema root) and a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, `/`-separated, relative to the schema root.
    pub file: String,
    /// The JSON pointer (RFC 6901) into that file; empty for the whole document.
    pub pointer: String,
}

impl Location {
    /// The location `pointer` in `file`.
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

/// What went wrong while generating, checking, comparing or validating.
#[derive(Debug)]
pub enum Error {
    /// A schema is malformed or uses a construct the generator does not support.
    Schema {
        /// The file and JSON pointer of the construct.
        at: Location,
        /// What is wrong, and a hint that works when followed.
        message: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not valid JSON.
    Json {
        /// The file.
        path: PathBuf,
        /// The parse error, with its line and column.
        source: serde_json::Error,
    },
    /// The generated code did not parse as Rust (a generator bug, reported rather than hidden).
    Emit {
        /// The generated file.
        file: String,
        /// The Rust parser's message.
        message: String,
    },
    /// Output files differ from what the schemas generate (`check` mode).
    Stale {
        /// The differing files, relative to the output directory.
        files: Vec<String>,
    },
    /// The builder was used without a required setting.
    Config(String),
}

impl Error {
    /// A [`Error::Schema`] at `at`.
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

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

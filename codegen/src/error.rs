//! Generator errors. Every error names the schema file and the JSON pointer it concerns.
//!
//! Loading and lowering go on past a problem, so one run reports every problem of a schema set
//! ([`Error::Schemas`]); a single [`Error::Schema`] is how one problem travels until it is
//! gathered (the crate-private `Problems`).

use std::collections::BTreeSet;
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

/// One problem of a schema set: where it is, what is wrong, and what to do about it.
///
/// Ordered by file, then pointer, then message: the order every report lists problems in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// The file and JSON pointer of the construct.
    pub at: Location,
    /// What is wrong.
    pub message: String,
    /// What to change so that the schema generates, when there is more to say than the message.
    pub hint: Option<String>,
}

impl Problem {
    /// The problem at `at` described by `text`, written as the generator writes every message:
    /// what is wrong, then `; ` and what to do about it (the hint).
    pub fn new(at: Location, text: &str) -> Self {
        let (message, hint) = match text.split_once("; ") {
            Some((message, hint)) => (message, Some(hint.to_string())),
            None => (text, None),
        };
        Problem {
            at,
            message: message.to_string(),
            hint,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)?;
        match &self.hint {
            Some(hint) => write!(f, "; hint: {hint}"),
            None => Ok(()),
        }
    }
}

/// What went wrong while generating, checking, comparing or validating.
#[derive(Debug)]
pub enum Error {
    /// Every problem of a schema set: files that are not JSON, or, when all are, every schema
    /// that is malformed or uses a construct the generator does not support. Each problem is
    /// listed once, ordered by file and pointer, so the same schemas give the same list in any
    /// order. What loading, lowering and generating return for problems in the schemas.
    Schemas(Vec<Problem>),
    /// One schema problem, on its way to being gathered into [`Error::Schemas`] (generating
    /// never returns it); what a lookup in a schema set, such as
    /// [`crate::load::SchemaSet::node`], returns.
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
            Error::Schemas(problems) => {
                // One problem per line.
                for (i, problem) in problems.iter().enumerate() {
                    let separator = if i == 0 { "" } else { "\n" };
                    write!(f, "{separator}{problem}")?;
                }
                Ok(())
            }
            Error::Schema { at, message } => write!(f, "{at}: {message}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Json { path, source } => write!(f, "{}: invalid JSON: {source}", path.display()),
            Error::Emit { file, message } => {
                write!(f, "generated {file} is not valid Rust: {message}")
            }
            Error::Stale { files } => {
                write!(f, "generated code is stale; regenerate it with `eventgen generate` (or the build script that runs eventgen). Differing files: {}", files.join(", "))
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

/// Schema problems gathered while going on past them: each once, in [`Problem`] order.
#[derive(Debug, Default)]
pub(crate) struct Problems(BTreeSet<Problem>);

impl Problems {
    /// Keep the schema problems of `error`; any other error (a file that cannot be read) is
    /// returned, since nothing after it can be trusted.
    pub(crate) fn gather(&mut self, error: Error) -> Result<()> {
        match error {
            Error::Schema { at, message } => {
                self.0.insert(Problem::new(at, &message));
            }
            Error::Schemas(problems) => self.0.extend(problems),
            other => return Err(other),
        }
        Ok(())
    }

    /// Keep `problem`.
    pub(crate) fn add(&mut self, problem: Problem) {
        self.0.insert(problem);
    }

    /// Whether nothing was gathered.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `value` when nothing was gathered, else [`Error::Schemas`] with every problem.
    pub(crate) fn or<T>(self, value: T) -> Result<T> {
        match self.is_empty() {
            true => Ok(value),
            false => Err(self.into_error()),
        }
    }

    /// [`Error::Schemas`] with every problem gathered.
    pub(crate) fn into_error(self) -> Error {
        Error::Schemas(self.0.into_iter().collect())
    }
}

/// `result`, with a single schema problem given as [`Error::Schemas`], the form the public
/// entry points report every schema problem in.
pub(crate) fn gathered<T>(result: Result<T>) -> Result<T> {
    result.map_err(|error| {
        let mut problems = Problems::default();
        match problems.gather(error) {
            Ok(()) => problems.into_error(),
            Err(other) => other,
        }
    })
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! Reporting to cargo from a build script: the directives
//! [`Config::generate_in_build_script`](crate::Config::generate_in_build_script) prints.
//!
//! Cargo reads a build script's standard output one line at a time, so every directive is one
//! line: a newline inside a message would end it early, and the rest would be read as output.

use std::path::Path;

use crate::error::{Error, Problem};

/// `cargo::rerun-if-changed=` for each directory, so cargo reruns the script when any file
/// below one changes.
pub(crate) fn rerun_if_changed<'a>(dirs: impl IntoIterator<Item = &'a Path>) -> Vec<String> {
    dirs.into_iter()
        .map(|dir| directive("rerun-if-changed", &dir.display().to_string()))
        .collect()
}

/// One `cargo::error=` per problem of `error` (one for an error that is not about the schemas),
/// each file named from the crate's directory (`schemas/x.json#/properties/a`) when the schema
/// directory `schemas` is known.
pub(crate) fn errors(error: &Error, schemas: Option<&Path>) -> Vec<String> {
    let problems = match error {
        Error::Schemas(problems) => problems.clone(),
        Error::Schema { at, message } => vec![Problem::new(at.clone(), message)],
        other => return vec![directive("error", &other.to_string())],
    };
    problems
        .into_iter()
        .map(|mut problem| {
            if let Some(dir) = schemas {
                let dir = dir.display().to_string();
                problem.at.file = format!("{}/{}", dir.trim_end_matches('/'), problem.at.file);
            }
            directive("error", &problem.to_string())
        })
        .collect()
}

/// `cargo::<key>=<value>` on one line: line breaks in `value` become spaces.
fn directive(key: &str, value: &str) -> String {
    let value = value.replace("\r\n", " ").replace(['\n', '\r'], " ");
    format!("cargo::{key}={value}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn a_directive_is_one_line_whatever_the_message_holds() {
        let error = Error::Config("first\nsecond\r\nthird\rfourth".into());
        assert_eq!(
            errors(&error, None),
            ["cargo::error=configuration: first second third fourth"]
        );
    }

    #[test]
    fn each_problem_is_one_error_naming_its_file_from_the_crate() {
        let error = Error::Schemas(vec![
            Problem::new(Location::new("a.json", "/properties/p"), "bad; fix it"),
            Problem::new(Location::new("b/c.json", ""), "not valid JSON: eof"),
        ]);
        assert_eq!(
            errors(&error, Some(Path::new("schemas/"))),
            [
                "cargo::error=schemas/a.json#/properties/p: bad; hint: fix it",
                "cargo::error=schemas/b/c.json#: not valid JSON: eof",
            ]
        );
        let one = Error::schema(&Location::new("a.json", "/x"), "wrong");
        assert_eq!(errors(&one, None), ["cargo::error=a.json#/x: wrong"]);
    }
}

//! The error of a closed generated enum's `FromStr`: a value its schema does not list.

use std::fmt;

/// A string that is not one of a closed enum's values (`"XL".parse::<Size>()`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParseEnumError {
    type_name: &'static str,
    value: String,
}

impl ParseEnumError {
    /// `value`, which the enum `type_name` does not list.
    pub fn new(type_name: &'static str, value: &str) -> Self {
        ParseEnumError {
            type_name,
            value: value.to_string(),
        }
    }

    /// The enum's Rust name.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The value as given.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a `{}` value: `{}`", self.type_name, self.value)
    }
}

impl std::error::Error for ParseEnumError {}

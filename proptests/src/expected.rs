//! What a typed payload must serialize to, and the comparison that says where it does not.

use serde_json::Value;

use crate::time_text;

/// The serialization expected of a generated value.
#[derive(Debug, Clone)]
pub enum Expected {
    /// Exactly this JSON (objects compared as maps).
    Exact(Value),
    /// An RFC 3339 text naming this instant (Unix nanoseconds), in any offset.
    Instant(i128),
    /// A JSON number equal to this one (`3` and `3.0` alike).
    Number(f64),
    /// An array of these, in order.
    Array(Vec<Expected>),
    /// An object with exactly these members, in any order: every generated value under its
    /// property's own key, nothing else.
    Object(Vec<(String, Expected)>),
}

impl Expected {
    /// `Ok` when `actual` is what is expected; otherwise the JSON pointer and what differs.
    pub fn check(&self, actual: &Value, at: &str) -> Result<(), String> {
        let differs = |what: String| Err(format!("{at}: {what}"));
        match (self, actual) {
            (Expected::Exact(expected), actual) if expected == actual => Ok(()),
            (Expected::Exact(expected), actual) => {
                differs(format!("expected {expected}, got {actual}"))
            }
            (Expected::Instant(nanos), Value::String(text)) => match time_text::parse(text) {
                Some(n) if n == *nanos => Ok(()),
                _ => differs(format!("expected the instant {nanos} ns, got {text}")),
            },
            (Expected::Number(n), Value::Number(actual)) if actual.as_f64() == Some(*n) => Ok(()),
            (Expected::Array(items), Value::Array(actual)) if items.len() == actual.len() => {
                for (i, (item, actual)) in items.iter().zip(actual).enumerate() {
                    item.check(actual, &format!("{at}/{i}"))?;
                }
                Ok(())
            }
            (Expected::Object(members), Value::Object(actual)) => {
                for (key, member) in members {
                    match actual.get(key) {
                        Some(value) => member.check(value, &format!("{at}/{key}"))?,
                        None => return differs(format!("`{key}` is missing from {actual:?}")),
                    }
                }
                if let Some(extra) = actual
                    .keys()
                    .find(|k| !members.iter().any(|(m, _)| m == *k))
                {
                    return differs(format!("`{extra}` was not sent, yet it is serialized"));
                }
                Ok(())
            }
            (expected, actual) => differs(format!("expected {expected:?}, got {actual}")),
        }
    }
}

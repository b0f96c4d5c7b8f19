//! `$ref` resolution across files: a reference is a path relative to the referring file,
//! optionally followed by `#` and a JSON pointer (`../common/identifiers.json#/$defs/X`,
//! `#/$defs/Y`). Remote (`http:`) references are reported as unsupported.

use crate::error::{Error, Location, Result};

/// Resolve the reference `reference`, written in the schema at `from`, to a location.
pub fn resolve_ref(from: &Location, reference: &str) -> Result<Location> {
    let (path, pointer) = match reference.split_once('#') {
        Some((path, pointer)) => (path, pointer),
        None => (reference, ""),
    };
    if path.contains("://") || path.starts_with("urn:") {
        return Err(Error::schema(from, format!("remote reference `{reference}` is not supported; use a path relative to this file")));
    }
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(Error::schema(from, format!("reference `{reference}`: anchors are not supported, use a JSON pointer")));
    }
    let file = if path.is_empty() { from.file.clone() } else { join_relative(&from.file, path, from)? };
    Ok(Location::new(file, percent_decode(pointer)))
}

fn join_relative(base_file: &str, relative: &str, from: &Location) -> Result<String> {
    let mut parts: Vec<&str> = base_file.split('/').collect();
    parts.pop(); // the referring file's own name
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(Error::schema(from, format!("reference `{relative}` leaves the schema root")));
                }
            }
            other => parts.push(other),
        }
    }
    Ok(parts.join("/"))
}

fn percent_decode(pointer: &str) -> String {
    if !pointer.contains('%') {
        return pointer.to_string();
    }
    let bytes = pointer.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&pointer[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_sibling_parent_and_local_references() {
        let from = Location::new("chat/chat-message-received.json", "");
        assert_eq!(resolve_ref(&from, "base.json#/$defs/A").unwrap(), Location::new("chat/base.json", "/$defs/A"));
        assert_eq!(
            resolve_ref(&from, "../common/identifiers.json#/$defs/B").unwrap(),
            Location::new("common/identifiers.json", "/$defs/B")
        );
        assert_eq!(resolve_ref(&from, "#/$defs/C").unwrap(), Location::new("chat/chat-message-received.json", "/$defs/C"));
        assert_eq!(resolve_ref(&from, "#/$defs/a%20b").unwrap().pointer, "/$defs/a b");
    }

    #[test]
    fn rejects_remote_and_escaping_references() {
        let from = Location::new("a.json", "/properties/x");
        let remote = resolve_ref(&from, "https://example.com/s.json").unwrap_err().to_string();
        assert!(remote.starts_with("a.json#/properties/x: remote reference"), "{remote}");
        let escaping = resolve_ref(&from, "../../x.json").unwrap_err().to_string();
        assert!(escaping.contains("leaves the schema root"), "{escaping}");
    }
}

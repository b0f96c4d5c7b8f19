//! `$ref` resolution by the JSON Schema rules (2020-12 and draft-07), across the schema set.
//!
//! Every file is retrieved from `file:///schemas/<path>`. `$id` changes the base URI of the
//! schema it sits in and of everything below it; a reference is resolved against the base of
//! the schema that contains it (RFC 3986), then looked up among the documents and embedded
//! resources by URI. So a reference may be a path relative to the file (`../common/x.json#/$defs/A`),
//! a pointer into the current resource (`#/definitions/B`), an anchor (`#name`: `$anchor`, or a
//! draft-07 `$id: "#name"`), or any URI that a schema of the set declares as its `$id`
//! (`https://example.com/schemas/user.json`). Nothing is fetched from the network.
//!
//! Relative `$id`s in root documents (`"$id": "common/user.json"`) are also indexed as written,
//! so a set that only works by the ids it declares (as many validators load them) resolves too.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Location, Result};

/// The retrieval URI of the schema root; `file:///schemas/<path>` names a file of the set.
pub const BASE: &str = "file:///schemas/";

/// Keywords whose value is a schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "additionalProperties",
    "items",
    "additionalItems",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
];
/// Keywords whose value is an array of schemas.
const SCHEMA_ARRAY_KEYWORDS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];
/// Keywords whose value is an object of schemas.
const SCHEMA_MAP_KEYWORDS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Where each URI of the set points: documents, embedded resources (`$id`) and anchors.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// Absolute URI (no fragment) → the schema resource it names.
    resources: BTreeMap<String, Location>,
    /// `uri#anchor` → the schema that declares the anchor.
    anchors: BTreeMap<String, Location>,
    /// Per file: (pointer, base URI) of every schema that declares an `$id`, the root included.
    bases: BTreeMap<String, Vec<(String, String)>>,
    /// Per file whose root `$id` is relative: that id as written, under `RELATIVE_BASE`.
    relative_ids: BTreeMap<String, String>,
}

impl Index {
    /// Index every file of a schema set. Two resources claiming one URI is an error naming both.
    pub fn build(files: &BTreeMap<String, Value>) -> Result<Index> {
        let mut index = Index::default();
        for (file, document) in files {
            let retrieval = format!("{BASE}{file}");
            index.insert_resource(&retrieval, Location::new(file.clone(), ""))?;
            index
                .bases
                .entry(file.clone())
                .or_default()
                .push((String::new(), retrieval.clone()));
            if let Some(Value::String(id)) = document.get("$id") {
                // As validators that register schemas by their declared ids see it.
                if !id.starts_with('#') && !has_scheme(id) {
                    let declared = format!("{RELATIVE_BASE}{}", strip_fragment(id));
                    index.insert_resource(&declared, Location::new(file.clone(), ""))?;
                    index.relative_ids.insert(file.clone(), declared);
                }
            }
            index.walk(file, document, "", &retrieval)?;
        }
        Ok(index)
    }

    /// The schema resource an absolute URI names (its fragment ignored): a file by its
    /// retrieval URI, or any schema of the set by the `$id` it declares.
    pub fn resource(&self, uri: &str) -> Option<&Location> {
        self.resources.get(strip_fragment(uri))
    }

    fn insert_resource(&mut self, uri: &str, at: Location) -> Result<()> {
        match self.resources.get(uri) {
            Some(existing) if *existing != at => Err(Error::schema(
                &at,
                format!("`$id` `{uri}` is also declared at {existing}"),
            )),
            _ => {
                self.resources.insert(uri.to_string(), at);
                Ok(())
            }
        }
    }

    /// Record `$id`s and anchors below `node` (a schema at `pointer` whose parent base is `base`).
    fn walk(&mut self, file: &str, node: &Value, pointer: &str, base: &str) -> Result<()> {
        let Value::Object(object) = node else {
            return Ok(());
        };
        let at = Location::new(file, pointer);
        let mut base = base.to_string();
        if let Some(Value::String(id)) = object.get("$id") {
            if let Some(anchor) = id.strip_prefix('#') {
                // draft-07: `"$id": "#name"` is a plain-name anchor.
                self.anchors.insert(format!("{base}#{anchor}"), at.clone());
            } else {
                base = join(&base, strip_fragment(id));
                self.insert_resource(&base, at.clone())?;
                if !pointer.is_empty() {
                    self.bases
                        .entry(file.to_string())
                        .or_default()
                        .push((pointer.to_string(), base.clone()));
                } else if let Some(root) = self.bases.get_mut(file).and_then(|b| b.first_mut()) {
                    root.1 = base.clone();
                }
            }
        }
        if let Some(Value::String(anchor)) = object.get("$anchor") {
            self.anchors.insert(format!("{base}#{anchor}"), at.clone());
        }
        for (key, value) in object {
            let child = at.join(key).pointer;
            if SCHEMA_KEYWORDS.contains(&key.as_str()) && value.is_object() {
                self.walk(file, value, &child, &base)?;
            }
            if SCHEMA_ARRAY_KEYWORDS.contains(&key.as_str()) {
                if let Value::Array(items) = value {
                    for (i, item) in items.iter().enumerate() {
                        self.walk(file, item, &format!("{child}/{i}"), &base)?;
                    }
                }
            }
            if SCHEMA_MAP_KEYWORDS.contains(&key.as_str()) {
                if let Value::Object(members) = value {
                    for (name, member) in members {
                        self.walk(
                            file,
                            member,
                            &Location::new(file, &child).join(name).pointer,
                            &base,
                        )?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The base URI in effect at a location: that of the innermost enclosing `$id`.
    fn base_of(&self, at: &Location) -> String {
        let bases = self.bases.get(&at.file);
        bases
            .into_iter()
            .flatten()
            .filter(|(pointer, _)| {
                at.pointer == *pointer || at.pointer.starts_with(&format!("{pointer}/"))
            })
            .max_by_key(|(pointer, _)| pointer.len())
            .map(|(_, base)| base.clone())
            .unwrap_or_else(|| format!("{BASE}{}", at.file))
    }

    /// Resolve `reference`, written in the schema at `from`, to the location it names.
    pub fn resolve(&self, from: &Location, reference: &str) -> Result<Location> {
        let (uri, fragment) = match reference.split_once('#') {
            Some((uri, fragment)) => (uri, Some(fragment)),
            None => (reference, None),
        };
        let base = self.base_of(from);
        let absolute = if uri.is_empty() {
            strip_fragment(&base).to_string()
        } else {
            join(&base, uri)
        };
        let resource = self.resources.get(&absolute).or_else(|| {
            // A relative reference between documents that only declare relative ids.
            (!uri.is_empty() && !has_scheme(uri))
                .then(|| self.relative_id_target(from, uri))
                .flatten()
        });
        let Some(resource) = resource else {
            return Err(Error::schema(from, unresolved_hint(reference, &absolute)));
        };
        let fragment = fragment
            .map(percent_decode)
            .transpose()
            .map_err(|_| {
                Error::schema(
                    from,
                    format!("reference `{reference}`: its fragment is not UTF-8 once its %-escapes are decoded; escape each byte of a character (`é` is `%C3%A9`)"),
                )
            })?;
        match fragment {
            None => Ok(resource.clone()),
            Some(fragment) if fragment.is_empty() => Ok(resource.clone()),
            Some(fragment) if fragment.starts_with('/') => Ok(Location::new(
                resource.file.clone(),
                format!("{}{}", resource.pointer, fragment),
            )),
            Some(anchor) => {
                let resource_base = self.base_of(resource);
                self.anchors.get(&format!("{resource_base}#{anchor}")).cloned().ok_or_else(|| {
                    Error::schema(from, format!("reference `{reference}`: no `$anchor` (or draft-07 `$id`) `{anchor}` in {resource}"))
                })
            }
        }
    }

    /// `uri` resolved against the declared (relative) `$id` of the referring document.
    fn relative_id_target(&self, from: &Location, uri: &str) -> Option<&Location> {
        self.resources
            .get(&join(self.relative_ids.get(&from.file)?, uri))
    }
}

/// Where relative root `$id`s are indexed as written.
const RELATIVE_BASE: &str = "eventgen-id:/";

fn unresolved_hint(reference: &str, absolute: &str) -> String {
    if let Some(path) = absolute.strip_prefix(BASE) {
        format!("`{reference}` does not resolve: no schema file `{path}` below the schema root")
    } else if absolute.starts_with("file:") {
        format!("`{reference}` leaves the schema root; keep every schema below it")
    } else {
        format!(
            "`{reference}` does not resolve: no schema in the set has `$id` `{absolute}`; put that schema (with its `$id`) below the schema root"
        )
    }
}

fn strip_fragment(uri: &str) -> &str {
    uri.split('#').next().unwrap_or(uri)
}

fn has_scheme(uri: &str) -> bool {
    match uri.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// The parts of a URI reference (RFC 3986 appendix B), without the fragment.
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
}

fn split(uri: &str) -> Parts<'_> {
    let uri = strip_fragment(uri);
    let (scheme, rest) = if has_scheme(uri) {
        let (scheme, rest) = uri.split_once(':').unwrap_or(("", uri));
        (Some(scheme), rest)
    } else {
        (None, uri)
    };
    let (authority, rest) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?']).unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    Parts {
        scheme,
        authority,
        path,
        query,
    }
}

/// RFC 3986 §5.2: the target URI of `reference` against the absolute `base` (no fragment).
pub fn join(base: &str, reference: &str) -> String {
    let r = split(reference);
    let b = split(base);
    let (scheme, authority, path, query);
    if r.scheme.is_some() {
        (scheme, authority, path, query) =
            (r.scheme, r.authority, remove_dot_segments(r.path), r.query);
    } else {
        scheme = b.scheme;
        if r.authority.is_some() {
            (authority, path, query) = (r.authority, remove_dot_segments(r.path), r.query);
        } else {
            authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_string();
                query = r.query.or(b.query);
            } else {
                let merged = if r.path.starts_with('/') {
                    r.path.to_string()
                } else if b.authority.is_some() && b.path.is_empty() {
                    format!("/{}", r.path)
                } else {
                    match b.path.rfind('/') {
                        Some(slash) => format!("{}{}", &b.path[..=slash], r.path),
                        None => r.path.to_string(),
                    }
                };
                path = remove_dot_segments(&merged);
                query = r.query;
            }
        }
    }
    let mut out = String::new();
    if let Some(scheme) = scheme {
        out.push_str(scheme);
        out.push(':');
    }
    if let Some(authority) = authority {
        out.push_str("//");
        out.push_str(authority);
    }
    out.push_str(&path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut output: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    output.push("");
                }
            }
            ".." => {
                if output.len() > usize::from(absolute) {
                    output.pop();
                }
                if last {
                    output.push("");
                }
            }
            other => output.push(other),
        }
    }
    let joined = output.join("/");
    if absolute && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `%xx` escapes in a fragment (JSON pointers in URIs are percent-encoded, RFC 6901 §6), by the
/// `percent-encoding` crate; a `%` not followed by two hex digits stays as written.
fn percent_decode(fragment: &str) -> std::result::Result<String, std::str::Utf8Error> {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn index(files: Vec<(&str, Value)>) -> Index {
        Index::build(&files.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).unwrap()
    }

    #[test]
    fn joins_by_rfc_3986() {
        let base = "http://a/b/c/d;p?q";
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("", "http://a/b/c/d;p?q"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("urn:x:y", "urn:x:y"),
        ] {
            assert_eq!(join(base, reference), expected, "{reference}");
        }
    }

    #[test]
    fn resolves_paths_pointers_and_escapes_relative_to_the_file() {
        let idx = index(vec![
            ("chat/a.json", json!({"$defs": {"a b": {}, "x/y": {}}})),
            ("chat/base.json", json!({})),
            ("common/ids.json", json!({})),
        ]);
        let from = Location::new("chat/a.json", "/properties/p");
        assert_eq!(
            idx.resolve(&from, "base.json#/$defs/A").unwrap(),
            Location::new("chat/base.json", "/$defs/A")
        );
        assert_eq!(
            idx.resolve(&from, "../common/ids.json").unwrap(),
            Location::new("common/ids.json", "")
        );
        assert_eq!(
            idx.resolve(&from, "#/$defs/a%20b").unwrap().pointer,
            "/$defs/a b"
        );
        assert_eq!(
            idx.resolve(&from, "#/$defs/x~1y").unwrap().pointer,
            "/$defs/x~1y"
        );
        let missing = idx.resolve(&from, "../../x.json").unwrap_err().to_string();
        assert!(missing.contains("leaves the schema root"), "{missing}");
        let absent = idx.resolve(&from, "nope.json").unwrap_err().to_string();
        assert!(
            absent.contains("no schema file `chat/nope.json` below the schema root"),
            "{absent}"
        );
    }

    #[test]
    fn percent_escapes_decode_by_character_and_bad_ones_are_errors_not_panics() {
        let idx = index(vec![("a.json", json!({"$defs": {"é": {}, "%aé": {}}}))]);
        let from = Location::new("a.json", "/properties/p");
        assert_eq!(
            idx.resolve(&from, "#/$defs/%C3%A9").unwrap(),
            Location::new("a.json", "/$defs/é")
        );
        // A `%` that starts no escape stays as written, before characters of every width.
        for reference in ["#/%aé", "#/%é", "#/%a€", "#/%😀", "#/%%", "#/%a"] {
            let location = idx.resolve(&from, reference).unwrap();
            assert_eq!(location.pointer, reference[1..], "{reference}");
        }
        // Escapes of a byte sequence that is not UTF-8: an error naming the referring schema.
        for reference in ["#/%C3", "#/%FF%FE", "#/%C3%28"] {
            match idx.resolve(&from, reference) {
                Err(Error::Schema { at, message }) => {
                    assert_eq!(at, from, "{reference}");
                    assert!(message.contains("not UTF-8"), "{message}");
                }
                other => panic!("{reference}: {other:?}"),
            }
        }
    }

    #[test]
    fn resolves_by_id_embedded_resources_and_anchors() {
        let idx = index(vec![
            (
                "a.json",
                json!({"$id": "https://example.com/root/a.json", "$defs": {
                    "inner": {"$id": "inner/thing.json", "$defs": {"deep": {"$anchor": "deep"}}},
                    "old": {"$id": "#legacy"}
                }}),
            ),
            (
                "nested/b.json",
                json!({"$id": "https://example.com/root/b.json"}),
            ),
        ]);
        let in_a = Location::new("a.json", "/properties/x");
        assert_eq!(
            idx.resolve(&in_a, "b.json").unwrap(),
            Location::new("nested/b.json", "")
        );
        assert_eq!(
            idx.resolve(&in_a, "https://example.com/root/b.json#/x")
                .unwrap(),
            Location::new("nested/b.json", "/x")
        );
        assert_eq!(
            idx.resolve(&in_a, "inner/thing.json#deep").unwrap(),
            Location::new("a.json", "/$defs/inner/$defs/deep")
        );
        assert_eq!(
            idx.resolve(&in_a, "#legacy").unwrap(),
            Location::new("a.json", "/$defs/old")
        );
        // Inside the embedded resource, references resolve against its own `$id`.
        let in_inner = Location::new("a.json", "/$defs/inner/properties/y");
        assert_eq!(
            idx.resolve(&in_inner, "#/$defs/deep").unwrap(),
            Location::new("a.json", "/$defs/inner/$defs/deep")
        );
        assert_eq!(
            idx.resolve(&in_inner, "../b.json").unwrap(),
            Location::new("nested/b.json", "")
        );
        let remote = idx
            .resolve(&in_a, "https://other.example/s.json")
            .unwrap_err()
            .to_string();
        assert!(
            remote.contains("no schema in the set has `$id` `https://other.example/s.json`"),
            "{remote}"
        );
    }

    #[test]
    fn resolves_between_documents_that_declare_relative_ids() {
        let idx = index(vec![
            (
                "events/created.schema.json",
                json!({"$id": "order$created"}),
            ),
            (
                "shared/user.schema.json",
                json!({"$id": "common/user.schema.json"}),
            ),
        ]);
        let from = Location::new("events/created.schema.json", "/properties/user");
        assert_eq!(
            idx.resolve(&from, "common/user.schema.json").unwrap(),
            Location::new("shared/user.schema.json", "")
        );
    }

    #[test]
    fn two_resources_with_one_id_is_an_error() {
        let files = [
            ("a.json", json!({"$id": "https://x/s"})),
            ("b.json", json!({"$id": "https://x/s"})),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let error = Index::build(&files).unwrap_err().to_string();
        assert!(
            error.starts_with("b.json#: `$id` `https://x/s` is also declared at a.json#"),
            "{error}"
        );
    }
}

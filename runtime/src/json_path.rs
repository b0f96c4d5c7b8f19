//! The path of the value an error points at, from the error's position in the JSON text.
//!
//! A failed typed parse reports a line and column; this walks the (valid) raw text once and
//! names the innermost value whose text spans that position: `DeliveryAttempts[0].Timestamp`.
//! It replaces a second, path-tracking parse, which would compile every payload's
//! deserializer a second time for a wrapping deserializer that only runs on failures.

/// One step of a path: an object key as received, or an array index.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The byte offset serde_json's `line`/`column` denote (columns count bytes from the line start).
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)?
    };
    Some((line_start + column).min(text.len()))
}

/// `prefix` followed by the path of the innermost value spanning `offset` (its end inclusive, so
/// an error raised just after a value names that value).
pub(crate) fn path_at(prefix: &str, text: &str, offset: usize) -> String {
    let mut walker = Walker {
        text: text.as_bytes(),
        source: text,
        pos: 0,
        offset,
        path: Vec::new(),
    };
    let found = walker.value().ok().flatten().unwrap_or_default();
    let mut out = prefix.to_string();
    for step in found {
        match step {
            Step::Key(key) => {
                out.push('.');
                out.push_str(&key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

struct Walker<'a> {
    text: &'a [u8],
    source: &'a str,
    pos: usize,
    offset: usize,
    path: Vec<Step>,
}

/// `Err` only when the text is not JSON after all; the caller then falls back to the prefix.
type Found = Result<Option<Vec<Step>>, ()>;

impl Walker<'_> {
    fn skip_whitespace(&mut self) {
        while self
            .text
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    /// Walks one value; returns the deepest path spanning the offset, if this value spans it.
    fn value(&mut self) -> Found {
        self.skip_whitespace();
        let start = self.pos;
        let inner =
            match self.text.get(self.pos).ok_or(())? {
                b'{' => self.object()?,
                b'[' => self.array()?,
                b'"' => {
                    self.string()?;
                    None
                }
                _ => {
                    while self.text.get(self.pos).is_some_and(|b| {
                        !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace()
                    }) {
                        self.pos += 1;
                    }
                    // A stray `}` or `]` where a value belongs: not JSON, and no progress to make.
                    if self.pos == start {
                        return Err(());
                    }
                    None
                }
            };
        if inner.is_some() {
            return Ok(inner);
        }
        Ok((start <= self.offset && self.offset <= self.pos).then(|| self.path.clone()))
    }

    fn object(&mut self) -> Found {
        self.pos += 1;
        let mut found = None;
        loop {
            self.skip_whitespace();
            match self.text.get(self.pos).ok_or(())? {
                b'}' => {
                    self.pos += 1;
                    return Ok(found);
                }
                b',' => self.pos += 1,
                b'"' => {
                    let key_start = self.pos;
                    self.string()?;
                    let key = serde_json::from_str::<String>(&self.source[key_start..self.pos])
                        .map_err(|_| ())?;
                    self.skip_whitespace();
                    if self.text.get(self.pos) != Some(&b':') {
                        return Err(());
                    }
                    self.pos += 1;
                    self.path.push(Step::Key(key));
                    let child = self.value()?;
                    self.path.pop();
                    found = found.or(child);
                }
                _ => return Err(()),
            }
        }
    }

    fn array(&mut self) -> Found {
        self.pos += 1;
        let mut found = None;
        let mut index = 0;
        loop {
            self.skip_whitespace();
            match self.text.get(self.pos).ok_or(())? {
                b']' => {
                    self.pos += 1;
                    return Ok(found);
                }
                b',' => self.pos += 1,
                _ => {
                    self.path.push(Step::Index(index));
                    let child = self.value()?;
                    self.path.pop();
                    found = found.or(child);
                    index += 1;
                }
            }
        }
    }

    fn string(&mut self) -> Result<(), ()> {
        self.pos += 1;
        loop {
            match self.text.get(self.pos).ok_or(())? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.pos += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{offset_of, path_at};

    #[test]
    fn text_that_is_not_json_ends_the_walk_with_the_prefix() {
        for text in ["[}", r#"{"a": }"#, "[[}]", "[1, }", "{"] {
            assert_eq!(path_at("data", text, 1), "data", "{text}");
        }
    }

    #[test]
    fn names_the_innermost_value_spanning_the_offset() {
        let text = r#"{"a": {"b": [1, {"c": "x"}]}, "d": 2}"#;
        let at = |needle: &str| text.find(needle).unwrap() + needle.len();
        assert_eq!(path_at("data", text, at(r#""x""#)), "data.a.b[1].c");
        assert_eq!(path_at("data", text, at("[1")), "data.a.b[0]");
        assert_eq!(path_at("data", text, at(r#""d": 2"#)), "data.d");
        // Just after the whole object (a missing field): the object itself.
        assert_eq!(path_at("data", text, text.len()), "data");
        // At the start of a value (an unexpected object or array): that value.
        assert_eq!(path_at("data", text, text.find('[').unwrap()), "data.a.b");
    }

    #[test]
    fn keys_are_unescaped_and_lines_counted() {
        let text = "{\n  \"k\\u0065y\": [\n    true\n  ]\n}";
        let offset = offset_of(text, 3, 8).unwrap();
        assert_eq!(&text[..offset], "{\n  \"k\\u0065y\": [\n    true");
        assert_eq!(path_at("data", text, offset), "data.key[0]");
        assert_eq!(offset_of(text, 0, 0), None);
    }

    #[test]
    fn text_that_is_not_json_falls_back_to_the_prefix() {
        assert_eq!(path_at("data", "{\"a\": [1, 2", 7), "data");
        assert_eq!(path_at("data", "", 0), "data");
    }
}

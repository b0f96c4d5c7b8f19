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
    };
    let found = walker.walk().ok().flatten().unwrap_or_default();
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
}

/// An object or array the walk is inside: where it starts, how it closes, its next index.
struct Open {
    start: usize,
    close: u8,
    next_index: usize,
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

    fn peek(&self) -> Result<u8, ()> {
        self.text.get(self.pos).copied().ok_or(())
    }

    /// Walks the whole text with a stack of the containers it is in, not by recursion, so any
    /// depth costs heap, never stack. The first value found spanning the offset is the
    /// innermost one (values finish innermost first, and only one chain of nested values spans
    /// a position); the walk still reads to the end, so text that is not JSON gives `Err`.
    fn walk(&mut self) -> Found {
        let mut found: Option<Vec<Step>> = None;
        let mut path: Vec<Step> = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        loop {
            // A value starts here.
            self.skip_whitespace();
            let start = self.pos;
            let mut finished = match self.peek()? {
                b'{' | b'[' => {
                    let close = if self.peek()? == b'{' { b'}' } else { b']' };
                    self.pos += 1;
                    open.push(Open {
                        start,
                        close,
                        next_index: 0,
                    });
                    self.skip_whitespace();
                    if self.peek()? == close {
                        self.pos += 1;
                        open.pop();
                        Some(start)
                    } else {
                        self.enter_member(&mut open, &mut path)?;
                        None
                    }
                }
                b'"' => {
                    self.string()?;
                    Some(start)
                }
                _ => {
                    self.scalar()?;
                    Some(start)
                }
            };
            // Values finished here close containers in turn until one has another member.
            while let Some(value_start) = finished.take() {
                if found.is_none() && value_start <= self.offset && self.offset <= self.pos {
                    found = Some(path.clone());
                }
                let Some(container) = open.last() else {
                    return Ok(found);
                };
                let close = container.close;
                path.pop();
                self.skip_whitespace();
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        self.enter_member(&mut open, &mut path)?;
                    }
                    byte if byte == close => {
                        self.pos += 1;
                        finished = open.pop().map(|container| container.start);
                    }
                    _ => return Err(()),
                }
            }
        }
    }

    /// Steps into the next member of the innermost container: its key (objects) or index
    /// (arrays) onto the path, the position at its value.
    fn enter_member(&mut self, open: &mut [Open], path: &mut Vec<Step>) -> Result<(), ()> {
        let container = open.last_mut().ok_or(())?;
        if container.close == b']' {
            path.push(Step::Index(container.next_index));
            container.next_index += 1;
            return Ok(());
        }
        self.skip_whitespace();
        if self.peek()? != b'"' {
            return Err(());
        }
        let key_start = self.pos;
        self.string()?;
        let quoted = self.source.get(key_start..self.pos).ok_or(())?;
        // A key serde_json will not decode (a lone surrogate) is named as written.
        let key = serde_json::from_str::<String>(quoted)
            .unwrap_or_else(|_| quoted[1..quoted.len() - 1].to_string());
        self.skip_whitespace();
        if self.peek()? != b':' {
            return Err(());
        }
        self.pos += 1;
        path.push(Step::Key(key));
        Ok(())
    }

    /// Past a number or literal: up to the next delimiter, at least one byte.
    fn scalar(&mut self) -> Result<(), ()> {
        let start = self.pos;
        while self
            .text
            .get(self.pos)
            .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
        // A stray `}` or `]` where a value belongs: not JSON, and no progress to make.
        if self.pos == start {
            return Err(());
        }
        Ok(())
    }

    /// Past a string. An escape is a backslash and one ASCII byte (its `\u` digits follow as
    /// ordinary bytes), so the position always lands on a char boundary.
    fn string(&mut self) -> Result<(), ()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => {
                    if !self.text.get(self.pos + 1).ok_or(())?.is_ascii() {
                        return Err(());
                    }
                    self.pos += 2;
                }
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

    #[test]
    fn any_depth_is_walked_on_a_small_stack() {
        let run = |text: String, offset: usize| {
            std::thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn(move || path_at("data", &text, offset))
                .unwrap()
                .join()
                .unwrap()
        };
        let depth = 1_000_000;
        let arrays = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let path = run(arrays, depth);
        assert_eq!(path.len(), "data".len() + "[0]".len() * depth);
        let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        let at = 5 * depth;
        assert_eq!(run(objects, at).len(), "data".len() + ".a".len() * depth);
    }

    #[test]
    fn escapes_before_multibyte_characters_and_lone_surrogates_never_split_a_char() {
        // Not JSON (an escape must be ASCII): the walk ends with the prefix, never mid-character.
        for text in ["{\"\\é\": 1}", "[\"\\€\"]", "[\"a\\😀\", 1]"] {
            for offset in 0..=text.len() {
                assert_eq!(path_at("data", text, offset), "data", "{text} at {offset}");
            }
        }
        let text = r#"{"\ud800x": [true]}"#;
        assert_eq!(
            path_at("data", text, text.find("true").unwrap()),
            r"data.\ud800x[0]"
        );
    }
}

//! Text that is a slice of one shared copy of a delivery's body. An owned event's `data` as
//! received is such a slice: the delivery copies its body once, instead of each event copying
//! its `data` into an allocation of its own.

use std::fmt;
use std::sync::Arc;

/// A slice of a shared copy of a body, or a copy of its own.
#[derive(Clone)]
pub(crate) struct SharedText {
    body: Arc<str>,
    start: usize,
    end: usize,
}

impl SharedText {
    /// A copy of `text` of its own.
    pub(crate) fn copy_of(text: &str) -> Self {
        SharedText {
            body: Arc::from(text),
            start: 0,
            end: text.len(),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        self.body.get(self.start..self.end).unwrap_or_default()
    }
}

/// A delivery's body text, copied into shared storage the first time a slice of it is kept.
pub(crate) struct SharedBody<'a> {
    base: &'a str,
    copy: Option<Arc<str>>,
}

impl<'a> SharedBody<'a> {
    pub(crate) fn new(base: &'a str) -> Self {
        SharedBody { base, copy: None }
    }

    /// `part` as a slice of the shared copy where it is a slice of the body (it always is for
    /// the parsers' raw members); otherwise a copy of its own.
    pub(crate) fn keep(&mut self, part: &str) -> SharedText {
        let start = (part.as_ptr() as usize).wrapping_sub(self.base.as_ptr() as usize);
        match start.checked_add(part.len()) {
            Some(end) if end <= self.base.len() => {
                let body = self.copy.get_or_insert_with(|| Arc::from(self.base));
                SharedText {
                    body: Arc::clone(body),
                    start,
                    end,
                }
            }
            _ => SharedText::copy_of(part),
        }
    }
}

/// Equal texts, wherever they are held.
impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_of_the_body_share_one_copy_and_anything_else_is_copied() {
        let base = String::from(r#"[{"data": {"a": 1}}, {"data": [2]}]"#);
        let mut body = SharedBody::new(&base);
        let first = body.keep(&base[10..18]);
        let second = body.keep(&base[30..33]);
        assert_eq!((first.as_str(), second.as_str()), (r#"{"a": 1}"#, "[2]"));
        assert!(Arc::ptr_eq(&first.body, &second.body), "one shared copy");
        assert_eq!(&*first.body, base);

        let elsewhere = String::from(r#"{"a": 1}"#);
        let copied = body.keep(&elsewhere);
        assert_eq!(copied.as_str(), r#"{"a": 1}"#);
        assert!(
            !Arc::ptr_eq(&copied.body, &first.body),
            "not a slice of the body: a copy of its own"
        );
    }
}

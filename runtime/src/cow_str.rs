//! `CowStr`: a JSON string borrowed from the input, owned only when an escape forces it.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string of a borrowed payload: a slice of the delivery's body, or an owned copy when the
/// JSON text has escapes (`\n`, `\u00e9`, …) and the value is not a slice of it.
///
/// It is `std::borrow::Cow<'a, str>` in two words: a pointer and a length whose top bit says
/// whether the text is owned (a `Box<str>` this value frees). A length never uses that bit
/// (`str` lengths fit in `isize`), so `CowStr` and `Option<CowStr>` are both 16 bytes, a third
/// less than `Cow<str>`; payloads hold dozens of them. Its `Deserialize` borrows at every
/// depth: serde's own `Cow<str>` borrows only as a struct's direct field (with
/// `#[serde(borrow)]`), never inside an `Option`, a `Vec` or a map. Reads as a `&str` through
/// `Deref`.
pub struct CowStr<'a> {
    ptr: NonNull<u8>,
    /// The length, with [`OWNED`] set when the text is owned.
    tagged_len: usize,
    borrow: PhantomData<&'a str>,
}

/// The bit of `tagged_len` that marks owned text.
const OWNED: usize = 1 << (usize::BITS - 1);

// SAFETY: a `CowStr` is either a `&'a str` or a `Box<str>`, which are both `Send` and `Sync`.
unsafe impl Send for CowStr<'_> {}
// SAFETY: as above; `&CowStr` only ever gives out `&str`.
unsafe impl Sync for CowStr<'_> {}

impl<'a> CowStr<'a> {
    /// A string that borrows `text`.
    pub const fn borrowed(text: &'a str) -> Self {
        // SAFETY: a reference's pointer is never null.
        let ptr = unsafe { NonNull::new_unchecked(text.as_ptr().cast_mut()) };
        CowStr {
            ptr,
            tagged_len: text.len(),
            borrow: PhantomData,
        }
    }

    /// A string that owns `text`.
    fn owned(text: Box<str>) -> Self {
        let len = text.len();
        // `Box::into_raw` never returns null; its length fits in `isize`, so `OWNED` is free.
        let ptr = NonNull::from(Box::leak(text)).cast::<u8>();
        CowStr {
            ptr,
            tagged_len: len | OWNED,
            borrow: PhantomData,
        }
    }

    fn len(&self) -> usize {
        self.tagged_len & !OWNED
    }

    fn is_owned(&self) -> bool {
        self.tagged_len & OWNED != 0
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        // SAFETY: `ptr` and the length come from a `&'a str` or from a `Box<str>` this value owns,
        // either of which outlives the returned borrow of `self`.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()))
        }
    }

    /// Whether it is a slice of the input (no escape forced a copy).
    pub fn is_borrowed(&self) -> bool {
        !self.is_owned()
    }

    /// The `Cow` it stands for.
    pub fn into_cow(self) -> Cow<'a, str> {
        match self.into_box() {
            Ok(owned) => Cow::Owned(owned.into_string()),
            // SAFETY: borrowed text is a `&'a str`.
            Err(this) => Cow::Borrowed(unsafe { this.borrowed_for_a() }),
        }
    }

    /// An owned `String`: copies a borrowed string, moves an owned one.
    pub fn into_owned(self) -> String {
        match self.into_box() {
            Ok(owned) => owned.into_string(),
            Err(this) => this.as_str().to_owned(),
        }
    }

    /// The owned text, without copying it; the borrowed string back otherwise.
    fn into_box(self) -> Result<Box<str>, Self> {
        if !self.is_owned() {
            return Err(self);
        }
        let this = ManuallyDrop::new(self);
        let text = std::ptr::slice_from_raw_parts_mut(this.ptr.as_ptr(), this.len()) as *mut str;
        // SAFETY: owned text came from `Box::leak` in `owned`, and `ManuallyDrop` keeps `Drop`
        // from freeing it a second time.
        Ok(unsafe { Box::from_raw(text) })
    }

    /// The borrowed text with the lifetime of the input.
    ///
    /// # Safety
    /// The string must be borrowed.
    unsafe fn borrowed_for_a(&self) -> &'a str {
        // SAFETY: the caller guarantees the text is a `&'a str`.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()))
        }
    }
}

impl Drop for CowStr<'_> {
    fn drop(&mut self) {
        if self.is_owned() {
            let text =
                std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len()) as *mut str;
            // SAFETY: owned text came from `Box::leak` in `owned` and is freed only here.
            drop(unsafe { Box::from_raw(text) });
        }
    }
}

impl Clone for CowStr<'_> {
    fn clone(&self) -> Self {
        if self.is_owned() {
            CowStr::owned(self.as_str().into())
        } else {
            CowStr {
                ptr: self.ptr,
                tagged_len: self.tagged_len,
                borrow: PhantomData,
            }
        }
    }
}

impl Default for CowStr<'_> {
    fn default() -> Self {
        CowStr::borrowed("")
    }
}

impl PartialEq for CowStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CowStr<'_> {}

impl PartialOrd for CowStr<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CowStr<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for CowStr<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for CowStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CowStr<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for CowStr<'_> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl<'a> From<&'a str> for CowStr<'a> {
    fn from(text: &'a str) -> Self {
        CowStr::borrowed(text)
    }
}

impl From<String> for CowStr<'_> {
    fn from(text: String) -> Self {
        CowStr::owned(text.into_boxed_str())
    }
}

impl From<Box<str>> for CowStr<'_> {
    fn from(text: Box<str>) -> Self {
        CowStr::owned(text)
    }
}

impl<'a> From<Cow<'a, str>> for CowStr<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        match text {
            Cow::Borrowed(text) => CowStr::borrowed(text),
            Cow::Owned(text) => CowStr::from(text),
        }
    }
}

impl<'a> From<CowStr<'a>> for Cow<'a, str> {
    fn from(text: CowStr<'a>) -> Self {
        text.into_cow()
    }
}

impl From<CowStr<'_>> for String {
    fn from(text: CowStr<'_>) -> Self {
        text.into_owned()
    }
}

impl PartialEq<str> for CowStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CowStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for CowStr<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<CowStr<'_>> for str {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        *self == *other.as_str()
    }
}

impl PartialEq<CowStr<'_>> for &str {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        **self == *other.as_str()
    }
}

impl PartialEq<CowStr<'_>> for String {
    fn eq(&self, other: &CowStr<'_>) -> bool {
        **self == *other.as_str()
    }
}

impl fmt::Debug for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CowStr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CowStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CowStrVisitor;
        impl<'de> Visitor<'de> for CowStrVisitor {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr::borrowed(text))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(CowStr::owned(text.into()))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(CowStr::from(text))
            }
        }
        deserializer.deserialize_str(CowStrVisitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for CowStr<'_> {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::CowStr;
    use std::borrow::Cow;

    #[test]
    fn borrows_inside_options_vectors_and_maps_unless_escaped() {
        let parsed: std::collections::BTreeMap<CowStr<'_>, Option<Vec<CowStr<'_>>>> =
            serde_json::from_str(r#"{"a": ["x", "y\n"]}"#).unwrap();
        let (key, values) = parsed.iter().next().unwrap();
        let values = values.as_ref().unwrap();
        assert!(key.is_borrowed() && values[0].is_borrowed());
        assert!(!values[1].is_borrowed(), "an escape forces a copy");
        assert_eq!((key.as_str(), &*values[0], &*values[1]), ("a", "x", "y\n"));
    }

    #[test]
    fn is_two_words_and_owns_what_it_copied() {
        assert_eq!(std::mem::size_of::<CowStr<'_>>(), 16);
        assert_eq!(std::mem::size_of::<Option<CowStr<'_>>>(), 16);
        let body = String::from("slice");
        let borrowed = CowStr::borrowed(&body[1..4]);
        let owned = CowStr::from(String::from("copy\n"));
        let empty = CowStr::from(String::new());
        for (value, text, is_borrowed) in [
            (&borrowed, "lic", true),
            (&owned, "copy\n", false),
            (&empty, "", false),
        ] {
            let copy = value.clone();
            assert_eq!((copy.as_str(), copy.is_borrowed()), (text, is_borrowed));
            assert_eq!(copy, *value);
            if !is_borrowed && !text.is_empty() {
                assert_ne!(
                    copy.as_ptr(),
                    value.as_ptr(),
                    "a clone of owned text is a copy of it"
                );
            }
        }
        assert_eq!(
            borrowed.as_ptr(),
            body[1..].as_ptr(),
            "a slice of the input"
        );
        assert!(matches!(owned.clone().into_cow(), Cow::Owned(text) if text == "copy\n"));
        assert!(matches!(borrowed.clone().into_cow(), Cow::Borrowed("lic")));
        let moved_from = owned.as_ptr();
        let moved = owned.into_owned();
        assert_eq!(
            moved.as_ptr(),
            moved_from,
            "owned text is moved, not copied"
        );
        assert_eq!(borrowed.into_owned(), "lic");
        assert_eq!(CowStr::default(), "");
        let sorted: std::collections::BTreeSet<CowStr<'_>> =
            ["b", "a"].into_iter().map(CowStr::from).collect();
        assert_eq!(
            sorted
                .into_iter()
                .map(CowStr::into_owned)
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        fn send_sync<T: Send + Sync>() {}
        send_sync::<CowStr<'_>>();
    }

    /// Every way in (a slice, `Box<str>`, either `Cow`) and out (`as_str`, clone, `into_cow`,
    /// `into_owned`, drop), on text longer than 16 bits of length: the text stays whole, the
    /// owned bit says who frees it, and it is freed once. Under Miri (CI) a use after free, a
    /// double free or a leak fails here.
    #[test]
    fn every_way_in_and_out_keeps_the_text_and_frees_it_once() {
        let long = "é".repeat(40_000);
        let body = format!(r#"["{long}"]"#);
        let from_box = CowStr::from(long.clone().into_boxed_str());
        let from_owned_cow = CowStr::from(Cow::<str>::Owned(long.clone()));
        let from_borrowed_cow = CowStr::from(Cow::Borrowed(long.as_str()));
        let slice = CowStr::borrowed(&body[2..body.len() - 2]);
        for (value, owned) in [
            (&from_box, true),
            (&from_owned_cow, true),
            (&from_borrowed_cow, false),
            (&slice, false),
        ] {
            assert_eq!(value.tagged_len & super::OWNED != 0, owned, "the owned bit");
            assert_eq!((value.len(), value.is_borrowed()), (80_000, !owned));
            assert_eq!(value.as_str(), long);
        }

        // Each clone of owned text owns a copy: either may be dropped first.
        let clone = from_box.clone();
        drop(from_box);
        let clone_of_clone = clone.clone();
        assert_eq!(clone, long.as_str());
        drop(clone);
        assert_eq!(clone_of_clone, long.as_str());

        // Borrowed text handed out lives as long as the input, not as the value.
        let handed_out: &str = match slice.clone().into_cow() {
            Cow::Borrowed(text) => text,
            Cow::Owned(_) => panic!("a slice is handed out borrowed"),
        };
        drop(slice);
        assert_eq!(handed_out, long);

        // `into_owned` moves owned text out (the `String` frees it) and copies borrowed text.
        assert_eq!(from_owned_cow.into_owned(), long);
        assert_eq!(from_borrowed_cow.into_owned(), long);

        // An owned value dropped unread, through an `Option` (whose `None` is the null pointer).
        let maybe = Some(CowStr::from(String::from("unread")));
        assert!(maybe.is_some());
        drop(maybe);
        assert_eq!(None::<CowStr<'_>>.as_deref(), None);

        // Read by serde from the body: borrowed unless escaped, owned with the bit set.
        let read: Vec<CowStr<'_>> = serde_json::from_str(&body).unwrap();
        assert!(read[0].is_borrowed() && read[0] == long.as_str());
        let escaped: Vec<CowStr<'_>> = serde_json::from_str(r#"["\u00e9\u00e9"]"#).unwrap();
        assert_eq!(
            (escaped[0].as_str(), escaped[0].is_borrowed()),
            ("éé", false)
        );
    }

    #[test]
    fn reads_from_owned_input_by_copying() {
        let value =
            <CowStr<'static> as serde::Deserialize>::deserialize(serde_json::json!("v")).unwrap();
        assert!(!value.is_borrowed());
        assert_eq!(serde_json::to_string(&value).unwrap(), r#""v""#);
    }
}

//! The direct parser of borrowed payloads: generated code reads `data`'s text with a [`Cursor`]
//! instead of through serde's visitor layers, strings crossed sixteen bytes at a time. The fast
//! scan of envelopes (`scan.rs`) reads the delivery's structure with the same cursor.
//!
//! It handles the shapes payloads have and gives up ([`None`]) on anything else, without saying
//! why: the serde_json parse of the same payload then runs and decides the value or the error.
//! So it must never accept what that parse rejects, nor read a value differently. Where a value
//! is unusual (an escaped string, a float, a union, a map) it hands exactly that value's text to
//! serde_json ([`Cursor::serde`]), so the two parses share one definition of it. A key with an
//! escape, a repeated key, a missing required key, a closed enum's unknown value: it gives up.
//! Tests compare both parses on every fixture and on tens of thousands of corrupted ones.

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::cow_str::CowStr;
use crate::skip::{ends_token, short_plain_string, skip_string, skip_value, Plain};

/// How deep the direct parser nests, counting values it hands to serde_json: well inside
/// serde_json's own limit (128), so a value that deep is never accepted here and refused there.
const MAX_DEPTH: usize = 100;

/// A payload type the direct parser can read: every generated type of a borrowed form, and the
/// runtime's values they hold.
pub trait DirectParse<'a>: Sized {
    /// The value at the cursor, or `None` when the serde_json parse must decide.
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self>;
}

/// Parse the whole of `text` as a `T`: one value, nothing after it but whitespace.
pub fn parse<'a, T: DirectParse<'a>>(text: &'a str) -> Option<T> {
    let mut cursor = Cursor::new(text);
    cursor.whitespace();
    let value = T::direct(&mut cursor)?;
    cursor.whitespace();
    (cursor.pos == text.len()).then_some(value)
}

/// A position in a payload's text. Each method reads one value (or gives up) and leaves the
/// cursor after it.
pub struct Cursor<'a> {
    pub(crate) text: &'a str,
    pub(crate) pos: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor {
            text,
            pos: 0,
            depth: 0,
        }
    }

    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// JSON's four whitespace characters, no others.
    pub(crate) fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Steps past `byte` (after whitespace), or gives up.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// The members of an object: `each` is given every key (without escapes, or the parser gives
    /// up) with the cursor at its value, and must read that value.
    pub fn object(&mut self, mut each: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.delimited(b'{', b'}', |cursor| {
            let key = cursor.plain_str()?;
            cursor.expect(b':')?;
            cursor.whitespace();
            each(cursor, key)
        })
    }

    /// The elements of an array, each read with `each`.
    pub fn array(&mut self, each: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.delimited(b'[', b']', each)
    }

    /// `open`, items read by `each` separated by commas, `close`; one level deeper meanwhile.
    fn delimited(
        &mut self,
        open: u8,
        close: u8,
        mut each: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.enter()?;
        self.expect(open)?;
        self.whitespace();
        if self.peek()? == close {
            self.pos += 1;
            return self.leave();
        }
        loop {
            self.whitespace();
            each(self)?;
            self.whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                byte if byte == close => {
                    self.pos += 1;
                    return self.leave();
                }
                _ => return None,
            }
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn leave(&mut self) -> Option<()> {
        self.depth -= 1;
        Some(())
    }

    /// Stores a member's value in its slot; a repeated key gives up (serde_json's parse reports
    /// it as a duplicate field).
    pub fn put<T: DirectParse<'a>>(&mut self, slot: &mut Option<T>) -> Option<()> {
        if slot.is_some() {
            return None;
        }
        *slot = Some(T::direct(self)?);
        Some(())
    }

    /// [`Self::put`] for a value read by `read` instead of its type's [`DirectParse`].
    pub fn put_with<T>(
        &mut self,
        slot: &mut Option<T>,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<()> {
        if slot.is_some() {
            return None;
        }
        *slot = Some(read(self)?);
        Some(())
    }

    /// A string without escapes or control characters, as the slice between its quotes; `None`
    /// (and the cursor unmoved) for any other value.
    #[inline]
    pub fn plain_str(&mut self) -> Option<&'a str> {
        if self.peek()? != b'"' {
            return None;
        }
        self.short_plain_str().or_else(|| self.long_plain_str())
    }

    /// A string at the cursor (its opening quote checked) settled by the inline check: most
    /// keys and many values end within sixteen bytes. `None` and unmoved otherwise.
    #[inline(always)]
    fn short_plain_str(&mut self) -> Option<&'a str> {
        let end = short_plain_string(self.bytes(), self.pos)?;
        let text = self.text.get(self.pos + 1..end - 1)?;
        self.pos = end;
        Some(text)
    }

    /// [`Self::plain_str`] of a string its inline check did not settle.
    #[inline(never)]
    fn long_plain_str(&mut self) -> Option<&'a str> {
        let (end, plain) = skip_string(self.bytes(), self.pos)?;
        if plain != Plain::Yes {
            return None;
        }
        let text = &self.text[self.pos + 1..end - 1];
        self.pos = end;
        Some(text)
    }

    /// A value skipped, validated as JSON (a member the type does not declare).
    pub fn skip(&mut self) -> Option<()> {
        self.serde::<IgnoredAny>().map(drop)
    }

    /// `null`: true and past it; false and unmoved for any other value.
    pub fn null(&mut self) -> bool {
        self.literal("null")
    }

    // Inlined so each call compares against its constant word without a `memcmp` call.
    #[inline(always)]
    fn literal(&mut self, word: &str) -> bool {
        let found = self.bytes().get(self.pos..self.pos + word.len()) == Some(word.as_bytes())
            && self.ends_token(self.pos + word.len());
        if found {
            self.pos += word.len();
        }
        found
    }

    /// Whether a scalar token may end at `at`: at the end of the text or before what JSON puts
    /// after one; anything else means the token is longer (or invalid).
    fn ends_token(&self, at: usize) -> bool {
        self.bytes().get(at).is_none_or(|&byte| ends_token(byte))
    }

    /// A plain integer token (`0`, or up to 18 digits not starting with `0`, optionally
    /// negative), which cannot overflow `i64`; `None` and unmoved for anything else (fractions,
    /// exponents, `-0`, long numbers), which [`Self::serde`] reads as serde_json does.
    fn plain_integer(&mut self) -> Option<i64> {
        let bytes = self.bytes();
        let negative = bytes.get(self.pos) == Some(&b'-');
        let start = self.pos + usize::from(negative);
        let digits = bytes
            .get(start..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let first = *bytes.get(start)?;
        let plain = match digits {
            1 => !(negative && first == b'0'),
            2..=18 => first != b'0',
            _ => false,
        };
        if !plain || !self.ends_token(start + digits) {
            return None;
        }
        let magnitude = bytes[start..start + digits]
            .iter()
            .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        self.pos = start + digits;
        Some(if negative { -magnitude } else { magnitude })
    }

    /// The next value handed to serde_json as its own text, so it is read exactly as the
    /// serde_json parse reads it. Gives up when serde_json refuses it, or when its nesting and
    /// the cursor's together come near serde_json's depth limit.
    pub fn serde<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let start = self.pos;
        let nested = self.skip_extent()?;
        if self.depth + nested > MAX_DEPTH {
            return None;
        }
        serde_json::from_str(&self.text[start..self.pos]).ok()
    }

    /// Past the next value without validating it; how deep it nests.
    pub(crate) fn skip_extent(&mut self) -> Option<usize> {
        let (end, nested) = skip_value(self.bytes(), self.pos)?;
        self.pos = end;
        Some(nested)
    }
}

impl<'a> DirectParse<'a> for CowStr<'a> {
    #[inline]
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        if cursor.peek()? != b'"' {
            return None;
        }
        match cursor.short_plain_str() {
            Some(text) => Some(CowStr::borrowed(text)),
            None => long_cow_str(cursor),
        }
    }
}

/// [`CowStr`]'s `direct` of a string its inline check did not settle.
#[inline(never)]
fn long_cow_str<'a>(cursor: &mut Cursor<'a>) -> Option<CowStr<'a>> {
    let (end, plain) = skip_string(cursor.bytes(), cursor.pos)?;
    let text = &cursor.text[cursor.pos + 1..end - 1];
    // An escaped string is decoded into one allocation of its final size at most, with no
    // scratch buffer to grow and free (which serde_json would use).
    let value = match plain {
        Plain::Yes => CowStr::borrowed(text),
        Plain::No => CowStr::from(unescape(text)?),
    };
    cursor.pos = end;
    Some(value)
}

/// The value of a JSON string's contents (between its quotes), decoded as serde_json decodes it;
/// `None` where serde_json refuses it: a control character, an unknown escape, a bad `\u`
/// escape, a surrogate without its pair.
pub(crate) fn unescape(text: &str) -> Option<String> {
    if text.bytes().any(|byte| byte < 0x20) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        // Every valid escape is a backslash and one ASCII byte; anything else (a multi-byte
        // character included) is refused before `rest` is cut, so the cut is a char boundary.
        let escape = *rest.as_bytes().get(at + 1)?;
        if !escape.is_ascii() {
            return None;
        }
        rest = &rest[at + 2..];
        let decoded = match escape {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex4(rest)?;
                // `hex4` read four ASCII digits, so four bytes end on a char boundary.
                rest = &rest[4..];
                match unit {
                    0xD800..=0xDBFF => {
                        let low = hex4(rest.strip_prefix("\\u")?)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        rest = &rest[6..];
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    0xDC00..=0xDFFF => return None,
                    _ => char::from_u32(unit)?,
                }
            }
            _ => return None,
        };
        out.push(decoded);
    }
    out.push_str(rest);
    Some(out)
}

/// Four hex digits at the start of `text`.
fn hex4(text: &str) -> Option<u32> {
    let digits = text.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

impl<'a> DirectParse<'a> for bool {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        if cursor.literal("true") {
            Some(true)
        } else if cursor.literal("false") {
            Some(false)
        } else {
            None
        }
    }
}

impl<'a> DirectParse<'a> for i64 {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        cursor.plain_integer().or_else(|| cursor.serde())
    }
}

impl<'a> DirectParse<'a> for i32 {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        match cursor.plain_integer() {
            Some(value) => i32::try_from(value).ok(),
            None => cursor.serde(),
        }
    }
}

impl<'a> DirectParse<'a> for f64 {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        // serde_json's float reading is the definition: integers and decimals alike go to it.
        cursor.serde()
    }
}

impl<'a, T: DirectParse<'a>> DirectParse<'a> for Option<T> {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        if cursor.null() {
            return Some(None);
        }
        T::direct(cursor).map(Some)
    }
}

impl<'a, T: DirectParse<'a>> DirectParse<'a> for Box<T> {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        T::direct(cursor).map(Box::new)
    }
}

impl<'a, T: DirectParse<'a>> DirectParse<'a> for Vec<T> {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        let mut items = Vec::new();
        cursor.array(|cursor| {
            let item = T::direct(cursor)?;
            reserve_doubling_from_one(&mut items);
            items.push(item);
            Some(())
        })?;
        Some(items)
    }
}

/// Fixed-length arrays (a schema's tuple: `prefixItems` with exactly that many items): each item
/// by its own type; fewer or more items give up, as the serde parse fails on them.
macro_rules! tuples {
    ($(($($item:ident $slot:ident $index:tt),+)),*) => {$(
        impl<'a, $($item: DirectParse<'a>),+> DirectParse<'a> for ($($item,)+) {
            fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
                $(let mut $slot: Option<$item> = None;)+
                let mut next = 0usize;
                cursor.array(|cursor| {
                    match next {
                        $($index => $slot = Some($item::direct(cursor)?),)+
                        _ => return None,
                    }
                    next += 1;
                    Some(())
                })?;
                Some(($($slot?,)+))
            }
        }
    )*};
}
tuples!(
    (A a 0),
    (A a 0, B b 1),
    (A a 0, B b 1, C c 2),
    (A a 0, B b 1, C c 2, D d 3),
    (A a 0, B b 1, C c 2, D d 3, E e 4),
    (A a 0, B b 1, C c 2, D d 3, E e 4, F f 5),
    (A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6),
    (A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7)
);

/// Room for one more item, growing 1, 2, 4, 8, …: payload arrays and maps mostly hold one or
/// two items, where `Vec`'s first growth to four would allocate mostly unused room.
fn reserve_doubling_from_one<T>(items: &mut Vec<T>) {
    if items.len() == items.capacity() {
        items.reserve_exact(items.len().max(1));
    }
}

/// `null`-only fields and timestamps kept as text: read by serde_json.
macro_rules! through_serde {
    ($($ty:ty),*) => {$(
        impl<'a> DirectParse<'a> for $ty {
            fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
                cursor.serde()
            }
        }
    )*};
}
through_serde!((), crate::DateTime);

impl<'a, V: DirectParse<'a>> DirectParse<'a> for crate::OrderedMap<CowStr<'a>, V> {
    fn direct(cursor: &mut Cursor<'a>) -> Option<Self> {
        let mut entries = Vec::new();
        cursor.object(|cursor, key| {
            let value = V::direct(cursor)?;
            reserve_doubling_from_one(&mut entries);
            entries.push((CowStr::borrowed(key), value));
            Some(())
        })?;
        // Repeated keys settle as the serde parse settles them: first position, last value.
        Some(crate::OrderedMap::from_entries(entries))
    }
}

/// An RFC 3339 timestamp string, read as `time`'s serde support reads it.
pub fn rfc3339(cursor: &mut Cursor<'_>) -> Option<time::OffsetDateTime> {
    match cursor.plain_str() {
        Some(text) => crate::rfc3339::parse(text).ok(),
        None => {
            let start = cursor.pos;
            cursor.skip_extent()?;
            crate::__private::parse_rfc3339_option(&cursor.text[start..cursor.pos]).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one<'a, T: DirectParse<'a>>(text: &'a str) -> Option<T> {
        parse(text)
    }

    #[test]
    fn reads_plain_values_and_hands_the_rest_to_serde_json() {
        assert_eq!(
            one::<CowStr>(r#" "abc" "#).unwrap(),
            CowStr::borrowed("abc")
        );
        let escaped = one::<CowStr>(r#""a\nb""#).unwrap();
        assert_eq!((escaped.as_str(), escaped.is_borrowed()), ("a\nb", false));
        assert_eq!(one::<i64>("-12"), Some(-12));
        assert_eq!(one::<i64>("0"), Some(0));
        assert_eq!(
            one::<i64>("12345678901234567890"),
            None,
            "overflows i64 in serde_json too"
        );
        assert_eq!(
            one::<i64>("9223372036854775807"),
            Some(i64::MAX),
            "19 digits go to serde_json"
        );
        assert_eq!(one::<i64>("-0"), None, "serde_json reads -0 as a float");
        assert_eq!(one::<i64>("1.0"), None);
        assert_eq!(one::<i64>("01"), None);
        assert_eq!(one::<i32>("2147483648"), None);
        assert_eq!(one::<f64>("1.5e3"), Some(1500.0));
        assert_eq!(one::<Option<bool>>("null"), Some(None));
        assert_eq!(one::<Option<bool>>("true"), Some(Some(true)));
        assert_eq!(one::<bool>("truex"), None);
        assert_eq!(one::<Vec<i64>>("[1, 2 ,3]"), Some(vec![1, 2, 3]));
        assert_eq!(one::<Vec<i64>>("[1,]"), None);
        assert_eq!(one::<Vec<i64>>("[]"), Some(vec![]));
    }

    #[test]
    fn maps_read_as_the_serde_parse_reads_them() {
        type Map<'a> = crate::OrderedMap<CowStr<'a>, i64>;
        for text in [
            r#"{"a": 1, "b": 2}"#,
            r#"{"a": 1, "b": 2, "a": 3}"#,
            r#"{}"#,
            r#"{"b": 1, "a": {"x": 2}}"#,
            r#"{"a": 1,}"#,
        ] {
            let direct = one::<Map>(text).map(|map| format!("{map:?}"));
            let serde = serde_json::from_str::<Map>(text)
                .ok()
                .map(|map| format!("{map:?}"));
            assert!(
                direct.is_none() || direct == serde,
                "{text}: direct {direct:?}, serde {serde:?}"
            );
        }
        let repeated = one::<Map>(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(
            repeated.iter().map(|(k, v)| (k, *v)).collect::<Vec<_>>(),
            [("a", 3), ("b", 2)],
            "first position, last value"
        );
        assert!(
            one::<Map>(r#"{"a\u0062": 1}"#).is_none(),
            "an escaped key is left to the serde parse"
        );
        let items = one::<Vec<i64>>("[7]").unwrap();
        assert_eq!(items.capacity(), 1, "one item, room for one");
    }

    #[test]
    fn escapes_decode_as_serde_json_decodes_them() {
        for text in [
            r#""a\nb""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""\u00e9\u00E9x""#,
            r#""\ud83d\ude00!""#,
            r#""\u0000""#,
            r#""é\u20ac""#,
        ] {
            let expected: String = serde_json::from_str(text).unwrap();
            let decoded = one::<CowStr>(text).unwrap();
            assert_eq!(
                (decoded.as_str(), decoded.is_borrowed()),
                (expected.as_str(), false),
                "{text}"
            );
        }
        for text in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\x""#,
            r#""\""#,
        ] {
            assert!(serde_json::from_str::<String>(text).is_err(), "{text}");
            assert_eq!(one::<CowStr>(text), None, "{text}");
        }
    }

    #[test]
    fn gives_up_on_what_serde_json_refuses() {
        assert_eq!(one::<CowStr>("\"a\tb\""), None, "a control character");
        assert_eq!(one::<CowStr>(r#""\ud800""#), None, "a lone surrogate");
        assert_eq!(one::<CowStr>(r#""abc"#), None);
        assert_eq!(one::<CowStr>(r#""abc" x"#), None, "trailing text");
        assert_eq!(one::<f64>("1."), None);
        assert_eq!(one::<crate::borrowed::RawJson>("[1,{]"), None);
    }

    #[test]
    fn objects_give_each_key_and_stop_at_the_depth_limit() {
        let mut seen = Vec::new();
        let mut cursor = Cursor {
            text: r#"{"a":1, "b" : [true]}"#,
            pos: 0,
            depth: 0,
        };
        cursor
            .object(|cursor, key| {
                seen.push(key);
                cursor.skip()
            })
            .unwrap();
        assert_eq!(seen, ["a", "b"]);
        let mut cursor = Cursor {
            text: r#"{"a\u0062":1}"#,
            pos: 0,
            depth: 0,
        };
        assert_eq!(
            cursor.object(|cursor, _| cursor.skip()),
            None,
            "an escaped key"
        );

        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(one::<crate::borrowed::RawJson>(&deep).is_some());
        let deeper = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(one::<crate::borrowed::RawJson>(&deeper).is_none());
        let nested = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(one::<Vec<crate::borrowed::RawJson>>(&nested).is_none());
    }
}

//! The fast first pass over a delivery: the array, each event object and its members, found with
//! a structural scan (the direct parser's `Cursor`; strings crossed sixteen bytes at a time) instead of serde_json's validating
//! parse of every value. It finds `data`'s extent without reading it; the typed parse that reads `data`
//! next validates it, and `data` that no typed parse reads is validated on its own. Every other
//! member is validated here.
//!
//! It handles the shapes deliveries have and gives up ([`None`]) on anything else: an event that
//! is not an object, an escaped key, a repeated envelope member, a malformed structure, a member
//! that is not valid JSON, or a `data` the typed parse finds invalid ([`Bail`]). The serde_json
//! pass (`raw_event.rs`) then reads the body from the start. That pass defines every result and
//! error, and this one gives up wherever the two could differ, so which pass ran never shows.

use serde_json::value::RawValue;

use crate::cow_str::CowStr;
use crate::direct::Cursor;
use crate::raw_event::{Bail, Member, RawData, RawEvent, RawMembers};
use crate::skip::skip_container;

/// Each event of `text` handed to `each` as it is found, or `None` when the serde_json pass must
/// read the body instead.
pub(crate) fn scan_delivery<'a, T>(
    text: &'a str,
    capacity: usize,
    max_events: usize,
    mut each: impl FnMut(usize, RawEvent<'a>) -> Result<T, Bail>,
) -> Option<Vec<T>> {
    // The direct parser's cursor reads the structure; the envelope members are the scan's own.
    let mut cursor = Cursor::new(text);
    cursor.whitespace();
    let events = match cursor.peek()? {
        b'[' => {
            let mut events = Vec::with_capacity(capacity);
            cursor.array(|cursor| {
                if events.len() == max_events {
                    return None;
                }
                let members = event(cursor)?;
                events.push(each(events.len(), RawEvent::Object(members)).ok()?);
                Some(())
            })?;
            events
        }
        b'{' => vec![each(0, RawEvent::Object(event(&mut cursor)?)).ok()?],
        _ => return None,
    };
    cursor.whitespace();
    (cursor.pos == text.len()).then_some(events)
}

/// One event object's members: envelope members validated into their slots, `data` delimited.
fn event<'a>(cursor: &mut Cursor<'a>) -> Option<RawMembers<'a>> {
    let mut members = RawMembers::default();
    cursor.object(|cursor, key| {
        if key == "data" {
            let start = cursor.pos;
            match cursor.peek()? {
                b'{' | b'[' => cursor.pos = skip_container(cursor.bytes(), start)?,
                _ => {
                    cursor.skip_extent()?;
                }
            }
            if members
                .data
                .replace(RawData::Unchecked(&cursor.text[start..cursor.pos]))
                .is_some()
            {
                return None;
            }
            return Some(());
        }
        let value = checked_value(cursor)?;
        match members.slot(key) {
            Some(slot) if slot.is_none() => *slot = Some(value),
            // Which of two repeated members counts is the serde_json pass's to decide.
            Some(_) => return None,
            None => members.others.push((
                CowStr::borrowed(key),
                serde_json::from_str::<&RawValue>(value.text()).ok()?,
            )),
        }
        Some(())
    })?;
    Some(members)
}

/// A value validated as JSON: plain strings and `null` here, anything else by serde_json.
fn checked_value<'a>(cursor: &mut Cursor<'a>) -> Option<Member<'a>> {
    let start = cursor.pos;
    if cursor.plain_str().is_some() {
        return Some(Member::plain_string(&cursor.text[start..cursor.pos]));
    }
    cursor.skip_extent()?;
    let value = &cursor.text[start..cursor.pos];
    if value == "null" {
        return Some(Member::json(value));
    }
    serde_json::from_str::<&RawValue>(value)
        .ok()
        .map(|raw| Member::json(raw.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each event's extension members (`key=value`) and its data text.
    fn scan(text: &str) -> Option<Vec<(Vec<String>, Option<&str>)>> {
        scan_delivery(text, 1, usize::MAX, |_, event| {
            let RawEvent::Object(members) = event else {
                return Err(Bail);
            };
            let others = members
                .others
                .iter()
                .map(|(key, value)| format!("{key}={}", value.get()))
                .collect();
            Ok((others, members.data.map(|data| data.text())))
        })
    }

    #[test]
    fn finds_each_member_and_the_extent_of_data() {
        let text =
            r#" [ {"id":"a","data":{"s":"x\"}]","n":[1,{"b":2}]},"x":1} , {"data" : "d\\"} ] "#;
        let events = scan(text).unwrap();
        assert_eq!(
            events[0],
            (
                vec!["x=1".to_string()],
                Some(r#"{"s":"x\"}]","n":[1,{"b":2}]}"#)
            )
        );
        assert_eq!(events[1], (Vec::<String>::new(), Some(r#""d\\""#)));
        assert_eq!(scan("[]").unwrap(), vec![]);
        assert_eq!(
            scan(r#"{"data":null}"#).unwrap(),
            vec![(Vec::<String>::new(), Some("null"))]
        );
    }

    #[test]
    fn gives_up_where_the_serde_json_pass_must_decide() {
        for text in [
            r#"[1]"#,                   // not an object
            r#"[{"i\u0064":"a"}]"#,     // escaped key
            r#"[{"id":"a","id":"b"}]"#, // repeated member
            r#"[{"data":1,"data":2}]"#, // repeated data
            r#"[{"id":tru}]"#,          // invalid member
            r#"[{"x":[1,]}]"#,          // invalid extension
            "[{\"id\":\"a\tb\"}]",      // control character in a string
            r#"[{"id":"a"}"#,           // unterminated
            r#"[{"id":"a"}] x"#,        // trailing text
            r#"[{"data":{"a":1}}}]"#,   // unbalanced
            r#"[{"id" "a"}]"#,          // missing colon
            r#"[{"data":}]"#,           // missing value
            r#"[{"data":"abc}]"#,       // unterminated string
            "",
        ] {
            assert_eq!(scan(text), None, "{text}");
        }
    }
}

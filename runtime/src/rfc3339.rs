//! RFC 3339 timestamps as `time`'s `Rfc3339` parses them, except what an `OffsetDateTime`
//! cannot hold exactly, with a fast path for the shapes Azure sends
//! (`2024-05-01T10:00:00.1234567Z`, `2024-05-01T10:00:00.123+00:00`): fixed-position digits into
//! `time`'s checked constructors. Any other shape (a lowercase separator, more than nine
//! fractional digits) goes to `time` itself, so there is one definition of what is accepted.
//!
//! `time` reads a leap second (`23:59:60`) as `23:59:59.999999999` and drops fractional digits
//! past the ninth. Both would change the value silently, so both are errors here, except
//! digits past the ninth that are all zeros, which change nothing.

use std::fmt;

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Why a text is not a timestamp this parser reads.
#[derive(Debug)]
pub(crate) enum Rfc3339Error {
    /// Not RFC 3339, as `time` says.
    Format(time::error::Parse),
    /// A second of 60: `OffsetDateTime` has no leap seconds.
    LeapSecond,
    /// Non-zero digits past the ninth fractional digit: finer than a nanosecond.
    BeyondNanoseconds,
}

impl fmt::Display for Rfc3339Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rfc3339Error::Format(error) => f.write_str(&format_fault(error)),
            Rfc3339Error::LeapSecond => {
                f.write_str("a leap second (second 60) cannot be represented exactly")
            }
            Rfc3339Error::BeyondNanoseconds => f.write_str(
                "more than nine fractional digits: finer than a nanosecond cannot be represented exactly",
            ),
        }
    }
}

impl std::error::Error for Rfc3339Error {}

/// What is wrong with a text `time` refused, in this crate's words (its own messages name parser
/// internals such as "the 'year' component could not be parsed").
fn format_fault(error: &time::error::Parse) -> String {
    use time::error::{Parse, ParseFromDescription, TryFromParsed};
    match error {
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(part)) => {
            format!("its {} is missing or malformed", component(part))
        }
        Parse::ParseFromDescription(ParseFromDescription::InvalidLiteral { .. }) => {
            "a separator is missing or wrong".into()
        }
        Parse::ParseFromDescription(ParseFromDescription::UnexpectedTrailingCharacters {
            ..
        }) => "text follows the timestamp".into(),
        Parse::TryFromParsed(TryFromParsed::ComponentRange(range)) => {
            format!("its {} is out of range", component(range.name()))
        }
        _ => "it does not have that shape".into(),
    }
}

/// A component as `time` names it, in plain words.
fn component(name: &str) -> &str {
    match name {
        "offset hour" | "offset minute" | "offset second" => "time zone offset",
        "subsecond" => "fraction of a second",
        other => other,
    }
}

/// The message for a text that is not a timestamp: the text, the shape wanted, and the fault.
pub(crate) fn message(text: &str, error: &Rfc3339Error) -> String {
    let shown: String = text.chars().take(40).collect();
    let shown = if shown.len() < text.len() {
        format!("{shown}…")
    } else {
        shown
    };
    format!("`{shown}` is not an RFC 3339 timestamp like `2024-05-01T12:30:00Z`: {error}")
}

/// `text` as `OffsetDateTime::parse(text, &Rfc3339)` reads it, or an error where that reading
/// would not be exact (a leap second, non-zero digits past the ninth fractional digit).
pub(crate) fn parse(text: &str) -> Result<OffsetDateTime, Rfc3339Error> {
    if let Some(instant) = fast_path(text.as_bytes()) {
        return Ok(instant);
    }
    let instant = OffsetDateTime::parse(text, &Rfc3339).map_err(Rfc3339Error::Format)?;
    // `time` accepted it, so the seconds are at bytes 17..19 and any fraction follows them.
    let bytes = text.as_bytes();
    if bytes.get(17..19) == Some(b"60") {
        return Err(Rfc3339Error::LeapSecond);
    }
    if bytes.get(19) == Some(&b'.') {
        let digits = bytes.get(20..).unwrap_or_default();
        let fraction = digits.iter().take_while(|b| b.is_ascii_digit());
        if fraction.skip(9).any(|&digit| digit != b'0') {
            return Err(Rfc3339Error::BeyondNanoseconds);
        }
    }
    Ok(instant)
}

/// Serde's reading of a timestamp string by [`parse`] (generated code's, through `__private`).
pub(crate) struct Rfc3339Visitor;

impl serde::de::Visitor<'_> for Rfc3339Visitor {
    type Value = OffsetDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC3339-formatted `OffsetDateTime`")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<OffsetDateTime, E> {
        parse(text).map_err(|error| E::custom(message(text, &error)))
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.F{1,9}]` then `Z` or `±HH:MM`, with a valid date, a second below 60
/// and an offset below 24 hours; `None` for anything else, valid or not.
fn fast_path(text: &[u8]) -> Option<OffsetDateTime> {
    if text.len() < 20
        || text[4] != b'-'
        || text[7] != b'-'
        || text[10] != b'T'
        || text[13] != b':'
        || text[16] != b':'
    {
        return None;
    }
    let (rest, offset) = match text.split_at(text.len() - 1) {
        (rest, b"Z") => (rest, UtcOffset::UTC),
        _ => {
            let (rest, zone) = text.split_at(text.len().checked_sub(6).filter(|&at| at >= 19)?);
            let sign = match zone[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if zone[3] != b':' {
                return None;
            }
            let (hours, minutes) = (two_digits(&zone[1..3])?, two_digits(&zone[4..6])?);
            // `UtcOffset::from_hms` takes up to 25 hours; RFC 3339 (and `time`'s parser) 23.
            if hours > 23 || minutes > 59 {
                return None;
            }
            (
                rest,
                UtcOffset::from_hms(sign * hours as i8, sign * minutes as i8, 0).ok()?,
            )
        }
    };
    let nanosecond = match &rest[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            let value = digits(fraction)?;
            value * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let year = digits(&text[0..4])?;
    let month = Month::try_from(u8::try_from(digits(&text[5..7])?).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, two_digits(&text[8..10])?)
            .ok()?;
    let (hour, minute, second) = (
        two_digits(&text[11..13])?,
        two_digits(&text[14..16])?,
        two_digits(&text[17..19])?,
    );
    // `from_hms_nano` refuses a leap second (60), which `time`'s parser reads its own way.
    let time = Time::from_hms_nano(hour, minute, second, nanosecond).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// ASCII digits as a number (at most nine, so no overflow).
fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |value, &byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

fn two_digits(text: &[u8]) -> Option<u8> {
    digits(text).and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instant and its offset: `OffsetDateTime`'s `==` compares instants only.
    fn reference(text: &str) -> Option<(OffsetDateTime, UtcOffset)> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(|t| (t, t.offset()))
    }

    fn ours(text: &str) -> Option<(OffsetDateTime, UtcOffset)> {
        parse(text).ok().map(|t| (t, t.offset()))
    }

    /// Whether `time` reads `text` inexactly: a leap second, or non-zero digits past the ninth.
    fn inexact(text: &str) -> bool {
        let bytes = text.as_bytes();
        let fraction: Vec<u8> = match bytes.get(19) {
            Some(b'.') => bytes[20..]
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect(),
            _ => Vec::new(),
        };
        bytes.get(17..19) == Some(b"60") || fraction.iter().skip(9).any(|&d| d != b'0')
    }

    #[test]
    fn the_fast_path_reads_azure_timestamps() {
        for text in [
            "2024-05-01T10:00:00.1234567Z",
            "2024-02-29T23:59:59Z",
            "0000-01-01T00:00:00.000000001Z",
            "2021-12-31T00:00:00.5Z",
            "2024-05-01T10:00:00.123+00:00",
            "2024-05-01T10:00:00-05:30",
            "2024-05-01T10:00:00.1234567+23:59",
        ] {
            let fast = fast_path(text.as_bytes());
            assert!(fast.is_some(), "{text}");
            assert_eq!(fast.map(|t| (t, t.offset())), reference(text), "{text}");
        }
    }

    #[test]
    fn agrees_with_time_on_every_variant() {
        let seeds = [
            "2024-05-01T10:00:00.1234567Z",
            "2023-02-28T23:59:60Z",
            "2024-05-01T10:00:00+02:00",
            "2024-05-01T10:00:00.123-05:30",
            "2024-05-01T10:00:00.1234567+23:59",
            "2024-05-01t10:00:00z",
            "2024-05-01T10:00:00.1234567891Z",
        ];
        // Every single-byte change and cut of each seed: the fast path must never disagree.
        let alphabet = b"0123456789-:.TtZz+ x";
        let mut count = 0;
        for seed in seeds {
            for at in 0..seed.len() {
                for &byte in alphabet {
                    let mut bytes = seed.as_bytes().to_vec();
                    bytes[at] = byte;
                    let text = String::from_utf8(bytes).unwrap();
                    let expected = reference(&text).filter(|_| !inexact(&text));
                    assert_eq!(ours(&text), expected, "{text}");
                    count += 1;
                }
                let cut = &seed[..at];
                let expected = reference(cut).filter(|_| !inexact(cut));
                assert_eq!(ours(cut), expected, "{cut}");
            }
        }
        assert!(count > 500);
        assert!(matches!(
            parse("2023-12-31T23:59:60Z"),
            Err(Rfc3339Error::LeapSecond)
        ));
        assert!(matches!(
            parse("2024-05-01T10:00:00.1234567891Z"),
            Err(Rfc3339Error::BeyondNanoseconds)
        ));
        let zeros = parse("2024-05-01T10:00:00.123456789000Z").unwrap();
        assert_eq!(
            zeros.nanosecond(),
            123_456_789,
            "zeros past the ninth digit are exact"
        );
        assert_eq!(
            parse("2024-05-01T10:00:00.1234567890+01:00")
                .unwrap()
                .nanosecond(),
            123_456_789
        );
        assert_eq!(parse("2023-02-29T00:00:00Z").ok(), None, "not a leap year");
        assert_eq!(parse("2024-05-01T24:00:00Z").ok(), None);
    }
}

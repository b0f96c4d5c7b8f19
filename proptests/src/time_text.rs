//! Date-time texts: RFC 3339 in its variety (0 to 9 fraction digits, seven as .NET writes
//! them, `Z` or an offset) and .NET's invariant general form.

use proptest::prelude::*;
use time::{OffsetDateTime, UtcOffset};

/// An instant (Unix nanoseconds, whole seconds × 10^9 + a fraction), an offset in minutes
/// (`None` for `Z`) and how many fraction digits to write.
pub fn instants() -> impl Strategy<Value = (i128, Option<i16>, u8)> {
    let seconds = -2_208_988_800i64..7_258_118_400; // 1900 to 2200
    let offset = prop_oneof![
        2 => Just(None),
        1 => Just(Some(0i16)),
        2 => (-14 * 60i16..=14 * 60).prop_map(|m| Some(m - m % 15)),
    ];
    let digits = prop_oneof![Just(0u8), Just(3u8), Just(7u8), 0u8..=9];
    (seconds, 0u32..1_000_000_000, offset, digits)
        .prop_map(|(s, n, offset, digits)| (s as i128 * 1_000_000_000 + n as i128, offset, digits))
}

/// `nanos` cut to `digits` fraction digits: the instant the text of [`rfc3339`] names.
pub fn truncated(nanos: i128, digits: u8) -> i128 {
    let unit = 10i128.pow(9 - digits as u32);
    nanos - nanos.rem_euclid(unit)
}

fn local(nanos: i128, offset_minutes: i16) -> OffsetDateTime {
    let offset = UtcOffset::from_whole_seconds(offset_minutes as i32 * 60).expect("within ±14 h");
    OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .expect("1900 to 2200")
        .to_offset(offset)
}

/// `2024-05-06T07:08:09.1234567+05:30`.
pub fn rfc3339(nanos: i128, offset: Option<i16>, digits: u8) -> String {
    let t = local(truncated(nanos, digits), offset.unwrap_or(0));
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    if digits > 0 {
        let fraction = format!("{:09}", t.nanosecond());
        text.push('.');
        text.push_str(&fraction[..digits as usize]);
    }
    match offset {
        None => text.push('Z'),
        Some(minutes) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.unsigned_abs();
            text.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
        }
    }
    text
}

/// .NET's invariant general form, `3/28/2007 7:13:50 PM +00:00` (whole seconds).
pub fn dot_net(nanos: i128, offset: Option<i16>) -> String {
    let minutes = offset.unwrap_or(0);
    let t = local(truncated(nanos, 0), minutes);
    let (hour, half) = match t.hour() {
        0 => (12, "AM"),
        h @ 1..=11 => (h, "AM"),
        12 => (12, "PM"),
        h => (h - 12, "PM"),
    };
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!(
        "{}/{}/{} {}:{:02}:{:02} {half} {sign}{:02}:{:02}",
        u8::from(t.month()),
        t.day(),
        t.year(),
        hour,
        t.minute(),
        t.second(),
        m / 60,
        m % 60
    )
}

/// The instant an RFC 3339 text names, in Unix nanoseconds.
pub fn parse(text: &str) -> Option<i128> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp_nanos())
}

//! Fixture deliveries: sample HTTP bodies (a JSON array of events, or one event) kept beside the
//! schemas. The generator turns each into a test; it reads them here.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::load::relative_name;

/// A fixture delivery: a sample as a service sends it, with the events it holds.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Path relative to the fixture directory, `/`-separated.
    pub path: String,
    /// The delivery exactly as written: the generated test parses these bytes.
    pub text: String,
    /// The events of the delivery, in order.
    pub events: Vec<Value>,
}

/// Every fixture delivery below `dir`, sorted by path.
pub fn load_fixtures(dir: &Path) -> Result<Vec<Fixture>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut fixtures = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let value: Value = serde_json::from_str(&text).map_err(|source| Error::Json {
            path: path.clone(),
            source,
        })?;
        let relative = relative_name(dir, &path);
        let events = match value {
            Value::Array(events) => events,
            object @ Value::Object(_) => vec![object],
            _ => {
                return Err(Error::schema(
                    &Location::new(relative, ""),
                    "a fixture must be a JSON array of events or one event",
                ))
            }
        };
        fixtures.push(Fixture {
            path: relative,
            text,
            events,
        });
    }
    Ok(fixtures)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Nanoseconds since the Unix epoch of an RFC 3339 timestamp, so generated tests can compare
/// instants without depending on the parser under test.
pub fn rfc3339_unix_nanos(text: &str) -> Option<i128> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos: i128 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &text[start..i];
        if digits.is_empty() {
            return None;
        }
        let padded: String = digits
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        nanos = padded.parse().ok()?;
    }
    let offset_seconds: i64 = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let magnitude = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return None,
    };
    let seconds =
        civil_seconds(year, month, day, hour * 3600 + minute * 60 + second) - offset_seconds;
    Some(seconds as i128 * 1_000_000_000 + nanos)
}

/// Nanoseconds since the Unix epoch of .NET's invariant general form, `M/d/yyyy h:mm:ss AM +hh:mm`
/// (what some documentation samples show instead of RFC 3339).
pub fn dotnet_general_unix_nanos(text: &str) -> Option<i128> {
    let parts: Vec<&str> = text.split(' ').collect();
    let [date, clock, period, offset] = parts.as_slice() else {
        return None;
    };
    let numbers = |s: &str, separator: char| -> Option<Vec<i64>> {
        s.split(separator)
            .map(|n| {
                n.bytes()
                    .all(|c| c.is_ascii_digit())
                    .then(|| n.parse().ok())?
            })
            .collect()
    };
    let (date, clock) = (numbers(date, '/')?, numbers(clock, ':')?);
    let ([month, day, year], [hour, minute, second]) = (date.as_slice(), clock.as_slice()) else {
        return None;
    };
    let hour = match *period {
        "AM" if (1..=12).contains(hour) => hour % 12,
        "PM" if (1..=12).contains(hour) => hour % 12 + 12,
        _ => return None,
    };
    let (sign, offset) = (offset.get(..1)?, offset.get(1..)?);
    let offset = numbers(offset, ':')?;
    let [offset_hours, offset_minutes] = offset.as_slice() else {
        return None;
    };
    let magnitude = offset_hours * 3600 + offset_minutes * 60;
    let offset_seconds = match sign {
        "+" => magnitude,
        "-" => -magnitude,
        _ => return None,
    };
    let seconds =
        civil_seconds(*year, *month, *day, hour * 3600 + minute * 60 + second) - offset_seconds;
    Some(seconds as i128 * 1_000_000_000)
}

/// Seconds since the Unix epoch of a civil date plus seconds into that day (Howard Hinnant's
/// days-from-civil algorithm).
fn civil_seconds(year: i64, month: i64, day: i64, seconds_of_day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + seconds_of_day
}

#[cfg(test)]
mod tests {
    use super::rfc3339_unix_nanos;

    #[test]
    fn converts_timestamps_with_offsets_and_long_fractions() {
        assert_eq!(rfc3339_unix_nanos("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            rfc3339_unix_nanos("2020-09-18T00:22:20.2855749Z"),
            Some(1_600_388_540_285_574_900)
        );
        assert_eq!(
            rfc3339_unix_nanos("2020-09-18T02:22:20.2855749+02:00"),
            Some(1_600_388_540_285_574_900)
        );
        assert_eq!(rfc3339_unix_nanos("2020-09-18"), None);
        assert_eq!(rfc3339_unix_nanos("2020-09-18T00:22:20.Z"), None);
    }

    #[test]
    fn converts_dotnet_general_timestamps() {
        use super::dotnet_general_unix_nanos;
        // 2007-03-28T19:13:50Z
        assert_eq!(
            dotnet_general_unix_nanos("3/28/2007 7:13:50 PM +00:00"),
            Some(1_175_109_230_000_000_000)
        );
        assert_eq!(
            dotnet_general_unix_nanos("3/28/2007 9:13:50 PM +02:00"),
            Some(1_175_109_230_000_000_000)
        );
        assert_eq!(
            dotnet_general_unix_nanos("1/1/1970 12:00:00 AM +00:00"),
            Some(0)
        );
        assert_eq!(
            dotnet_general_unix_nanos("3/28/2007 13:13:50 PM +00:00"),
            None
        );
        assert_eq!(dotnet_general_unix_nanos("2007-03-28T19:13:50Z"), None);
    }
}

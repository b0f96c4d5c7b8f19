//! Text forms of values that services send besides the one their schema names, shared by
//! generated parsers and the fixture assertions.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// `M/d/yyyy h:mm:ss AM +hh:mm`, what .NET's `DateTimeOffset.ToString()` writes under the
/// invariant culture; `None` for any other text.
pub fn dotnet_general_date_time(text: &str) -> Option<OffsetDateTime> {
    let mut parts = text.split(' ');
    let (date, clock, period, offset) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut date = date.split('/');
    let (month, day, year) = (
        number(date.next()?, 2)?,
        number(date.next()?, 2)?,
        number(date.next()?, 4)?,
    );
    let mut clock = clock.split(':');
    let (hour, minute, second) = (
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
    );
    if date.next().is_some() || clock.next().is_some() || !(1..=12).contains(&hour) {
        return None;
    }
    let hour = match period {
        "AM" => hour % 12,
        "PM" => hour % 12 + 12,
        _ => return None,
    };
    let (sign, offset) = match offset.split_at_checked(1)? {
        ("+", rest) => (1i8, rest),
        ("-", rest) => (-1i8, rest),
        _ => return None,
    };
    let (offset_hours, offset_minutes) = offset.split_once(':')?;
    let (offset_hours, offset_minutes) = (number(offset_hours, 2)?, number(offset_minutes, 2)?);
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    let clock = Time::from_hms(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()?;
    let offset_hours = sign * i8::try_from(offset_hours).ok()?;
    let offset_minutes = sign * i8::try_from(offset_minutes).ok()?;
    let offset = UtcOffset::from_hms(offset_hours, offset_minutes, 0).ok()?;
    Some(PrimitiveDateTime::new(date, clock).assume_offset(offset))
}

#[cfg(test)]
mod tests {
    use super::dotnet_general_date_time;

    #[test]
    fn reads_the_invariant_general_form() {
        let t = dotnet_general_date_time("3/28/2007 7:13:50 PM -02:30").unwrap();
        assert_eq!(
            (
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2007, 3, 28, 19, 13, 50)
        );
        assert_eq!(t.offset().whole_minutes(), -150);
        assert_eq!(
            dotnet_general_date_time("12/1/2024 12:00:00 AM +00:00")
                .unwrap()
                .hour(),
            0
        );
    }

    #[test]
    fn refuses_everything_else() {
        for text in [
            "2007-03-28T19:13:50Z",
            "3/28/2007 13:13:50 PM +00:00",
            "3/28/2007 7:13:50 PM",
            "3/28/2007 7:13:50 XM +00:00",
            "3/28/2007 7:13:50 PM +00:00 x",
            "",
        ] {
            assert_eq!(dotnet_general_date_time(text), None, "{text}");
        }
    }
}

//! A point in time read from ISO 8601 text, without a clock: callers pass `now`.

use std::fmt;

use crate::error::{clip, Error};

/// Seconds since 1970-01-01T00:00:00Z, read from `YYYY-MM-DD` or an RFC 3339 date-time.
///
/// ```
/// use vpskit::vpsorg::Timestamp;
/// let t = Timestamp::parse("2025-01-10T14:30:00Z")?;
/// assert_eq!(t.unix_seconds(), 1_736_519_400);
/// assert_eq!(Timestamp::parse("2025-01-10T21:30:00+07:00")?, t);
/// assert_eq!(Timestamp::parse("1970-01-02")?.unix_seconds(), 86_400);
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// A timestamp from Unix seconds.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Timestamp(seconds)
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` (a space may stand for `T`).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let bad = |why: &str| {
            Error::validation(format!(
                "{:?} is not an ISO 8601 date or date-time: {why}",
                clip(text, 40)
            ))
        };
        let b = text.as_bytes();
        let num = |from: usize, len: usize| -> Result<i64, Error> {
            let part = text.get(from..from + len).ok_or_else(|| bad("too short"))?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad("expected digits"));
            }
            part.parse::<i64>().map_err(|_| bad("expected digits"))
        };
        if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(bad("expected YYYY-MM-DD"));
        }
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(bad("no such day"));
        }
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Ok(Timestamp(days * 86_400));
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
            return Err(bad("expected THH:MM:SS after the date"));
        }
        let (hour, minute) = (num(11, 2)?, num(14, 2)?);
        let mut i = 16;
        let mut second = 0;
        if b.get(16) == Some(&b':') {
            second = num(17, 2)?;
            i = 19;
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad("time out of range"));
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        let offset = match b.get(i) {
            Some(b'Z' | b'z') if b.len() == i + 1 => 0,
            Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b.get(i + 3) == Some(&b':') => {
                let minutes = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
                if *sign == b'+' {
                    minutes * 60
                } else {
                    -minutes * 60
                }
            }
            // No offset: read as UTC, as the API's examples are.
            None => 0,
            _ => return Err(bad("expected Z or an offset such as +07:00")),
        };
        Ok(Timestamp(
            days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        ))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_display() {
        for text in [
            "2025-02-11T08:45:12Z",
            "2000-02-29T00:00:00Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(Timestamp::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in [
            "2025-02-30",
            "2025-13-01",
            "2025-01-01T24:00:00Z",
            "20250101",
            "2025-01-01T10:00:00+0700",
        ] {
            assert!(Timestamp::parse(text).is_err(), "{text}");
        }
    }
}

//! ISO 8601 time stamps kept in the offset they were written in, so that an article is
//! dated in its own time zone (a Huangshan story at 04:32 China time reads 04:32 anywhere).

use std::fmt;

use thiserror::Error;

use crate::i18n::Locale;

/// A wall-clock time with the UTC offset it was published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Calendar year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of month, 1 to 31.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60 (leap second).
    pub second: u8,
    /// Offset from UTC in minutes; `None` when written as `Z`.
    pub offset_minutes: Option<i16>,
}

/// Why a time stamp was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{0}\" is not an ISO 8601 time with offset, e.g. 2020-02-19T04:32:00+08:00")]
pub struct DateTimeError(pub String);

impl DateTime {
    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
    pub fn parse(input: &str) -> Result<Self, DateTimeError> {
        let err = || DateTimeError(input.to_owned());
        let b = input.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Result<u16, DateTimeError> {
            let part = b.get(range).ok_or_else(err)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return Err(err());
            }
            Ok(part.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
        };
        let sep = |i: usize, c: u8| if b.get(i) == Some(&c) { Ok(()) } else { Err(err()) };
        sep(4, b'-')?;
        sep(7, b'-')?;
        if b.get(10) != Some(&b'T') {
            return Err(err());
        }
        sep(13, b':')?;
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute) = (num(11..13)?, num(14..16)?);
        let mut i = 16;
        let mut second = 0;
        if b.get(i) == Some(&b':') {
            second = num(17..19)?;
            i = 19;
            if b.get(i) == Some(&b'.') {
                i += 1;
                let start = i;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    return Err(err());
                }
            }
        }
        let offset_minutes = match b.get(i) {
            Some(b'Z') if b.len() == i + 1 => None,
            Some(sign @ (b'+' | b'-')) if b.len() == i + 6 => {
                sep(i + 3, b':')?;
                let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
                if h > 18 || m > 59 {
                    return Err(err());
                }
                let total = (h * 60 + m) as i16;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return Err(err()),
        };
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= u16::from(days_in_month(year, month as u8))
            && hour < 24
            && minute < 60
            && second <= 60;
        if !valid {
            return Err(err());
        }
        Ok(Self {
            year,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            offset_minutes,
        })
    }

    /// The machine-readable form for `<time datetime>`, seconds included.
    pub fn to_iso(&self) -> String {
        let offset = match self.offset_minutes {
            None => "Z".to_owned(),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                format!("{sign}{:02}:{:02}", m / 60, m % 60)
            }
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{offset}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// The reader-facing form in the article's own offset: `2020-02-19 04:32` in Chinese,
    /// `Feb 19, 2020, 04:32 UTC+8` in English (whose readers are less likely to assume
    /// China time).
    pub fn display(&self, locale: Locale) -> String {
        match locale {
            Locale::ZhCn | Locale::ZhTw => format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                self.year, self.month, self.day, self.hour, self.minute
            ),
            Locale::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                ];
                let month = MONTHS[usize::from(self.month - 1) % 12];
                format!(
                    "{month} {}, {:04}, {:02}:{:02} {}",
                    self.day, self.year, self.hour, self.minute, UtcOffset(self.offset_minutes)
                )
            }
        }
    }
}

/// Formats an offset as `UTC+8`, `UTC-3:30` or `UTC`.
struct UtcOffset(Option<i16>);

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None | Some(0) => f.write_str("UTC"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                if m % 60 == 0 {
                    write!(f, "UTC{sign}{}", m / 60)
                } else {
                    write!(f, "UTC{sign}{}:{:02}", m / 60, m % 60)
                }
            }
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_time_in_china_time() {
        let t = DateTime::parse("2020-02-19T04:32:00+08:00").unwrap();
        assert_eq!(t.display(Locale::ZhCn), "2020-02-19 04:32");
        assert_eq!(t.display(Locale::ZhTw), "2020-02-19 04:32");
        assert_eq!(t.display(Locale::En), "Feb 19, 2020, 04:32 UTC+8");
        assert_eq!(t.to_iso(), "2020-02-19T04:32:00+08:00");
    }

    #[test]
    fn accepts_short_fractional_and_utc_forms() {
        assert_eq!(DateTime::parse("2020-02-19T04:32+08:00").unwrap().to_iso(), "2020-02-19T04:32:00+08:00");
        assert_eq!(DateTime::parse("2020-02-18T20:32:00.123Z").unwrap().to_iso(), "2020-02-18T20:32:00Z");
        let t = DateTime::parse("2024-02-29T23:59:59-03:30").unwrap();
        assert_eq!(t.display(Locale::En), "Feb 29, 2024, 23:59 UTC-3:30");
    }

    #[test]
    fn refuses_times_without_offset_or_out_of_range() {
        for bad in [
            "2020-02-19 04:32",
            "2020-02-19T04:32:00",
            "2020-02-19 04:32:00+08:00",
            "2020-02-30T04:32:00+08:00",
            "2023-02-29T04:32:00+08:00",
            "2020-13-01T00:00:00Z",
            "2020-02-19T24:00:00Z",
            "2020-02-19T04:60:00Z",
            "2020-02-19T04:32:00+19:00",
            "2020-02-19T04:32:00.Z",
            "2020-2-19T04:32:00Z",
            "二〇二〇-02-19T04:32:00Z",
            "",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_says_what_is_expected() {
        let e = DateTime::parse("yesterday").unwrap_err();
        assert!(e.to_string().contains("ISO 8601 time with offset"));
    }
}

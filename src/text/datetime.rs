//! ISO 8601 time stamps kept in the offset they were written in, so that an article is
//! dated in its own time zone (a Huangshan story at 04:32 China time reads 04:32 anywhere).

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

/// The largest offset from UTC a time stamp may have: 18 hours, either way.
pub const MAX_OFFSET_MINUTES: u16 = 18 * 60;

/// Why a time stamp was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{0}\" is not an ISO 8601 time with offset, e.g. 2020-02-19T04:32:00+08:00")]
pub struct DateTimeError(pub String);

impl DateTime {
    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
    pub fn parse(input: &str) -> Result<Self, DateTimeError> {
        Self::fields(input.as_bytes()).ok_or_else(|| DateTimeError(input.to_owned()))
    }

    /// The time written in `b`, if it is one: [`DateTime::parse`] without its error, so
    /// that each of the many ways to fail is one `None`.
    fn fields(b: &[u8]) -> Option<Self> {
        let num = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = b.get(range)?;
            let mut n = 0u16;
            for d in part {
                if !d.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + u16::from(d - b'0');
            }
            Some(n)
        };
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':')) {
            return None;
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute) = (num(11..13)?, num(14..16)?);
        let mut i = 16;
        let mut second = 0;
        if at(i, b':') {
            second = num(17..19)?;
            i = 19;
            if at(i, b'.') {
                i += 1;
                let start = i;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    return None;
                }
            }
        }
        let offset_minutes = match b.get(i) {
            Some(b'Z') if b.len() == i + 1 => None,
            Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && at(i + 3, b':') => {
                let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
                if m > 59 || h * 60 + m > MAX_OFFSET_MINUTES {
                    return None;
                }
                let total = (h * 60 + m) as i16;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return None,
        };
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= u16::from(days_in_month(year, month as u8))
            && hour < 24
            && minute < 60
            && second <= 60;
        valid.then_some(Self {
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
        let mut out = String::with_capacity(25);
        self.push_day(&mut out);
        out.push('T');
        self.push_clock(&mut out);
        out.push(':');
        push_number(&mut out, self.second.into(), 2);
        match self.offset_minutes {
            None => out.push('Z'),
            Some(m) => push_offset(&mut out, m),
        }
        out
    }

    /// The reader-facing form in its own offset: `2020-02-19 04:32` in Chinese (the numeric
    /// form of Chinese newsrooms), `Feb 19, 2020, 04:32 GMT+8` in English (whose readers are
    /// less likely to assume China time). The forms `Intl.DateTimeFormat` gives for these
    /// options, written here so that no page pays for setting up `Intl` (20-70 ms of main
    /// thread, scripts/bench/findings.md) and the pre-renderer writes the same text.
    pub fn display(&self, locale: Locale) -> String {
        self.written(locale, true)
    }

    /// The date alone, as [`DateTime::display`] writes it: `2020-02-19`, `Feb 19, 2020`.
    pub fn display_date(&self, locale: Locale) -> String {
        self.written(locale, false)
    }

    fn written(&self, locale: Locale, time: bool) -> String {
        let mut out = String::with_capacity(24);
        match locale {
            Locale::ZhCn | Locale::ZhTw => {
                self.push_day(&mut out);
                if time {
                    out.push(' ');
                    self.push_clock(&mut out);
                }
            }
            Locale::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                out.push_str(MONTHS[usize::from(self.month - 1) % 12]);
                out.push(' ');
                push_number(&mut out, self.day.into(), 1);
                out.push_str(", ");
                push_number(&mut out, self.year, 4);
                if time {
                    out.push_str(", ");
                    self.push_clock(&mut out);
                    out.push(' ');
                    push_utc_offset(&mut out, self.offset_minutes);
                }
            }
        }
        out
    }
}

impl DateTime {
    /// Seconds since 1970-01-01T00:00:00Z (negative before), so that times written in
    /// different offsets compare and subtract correctly.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let offset = i64::from(self.offset_minutes.unwrap_or(0));
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - offset * 60
    }

    /// The wall-clock time `secs` after the Unix epoch at `offset_minutes` from UTC (`None`
    /// writes `Z`); `None` when the year falls outside 0000 to 9999 or the offset exceeds
    /// ±18 hours, which ISO 8601 time stamps here cannot express.
    pub fn from_unix_seconds(secs: i64, offset_minutes: Option<i16>) -> Option<Self> {
        let offset = offset_minutes.unwrap_or(0);
        if offset.unsigned_abs() > MAX_OFFSET_MINUTES {
            return None;
        }
        let local = secs.checked_add(i64::from(offset) * 60)?;
        let (days, rem) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return None;
        }
        Some(Self {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: (rem / 3_600) as u8,
            minute: (rem % 3_600 / 60) as u8,
            second: (rem % 60) as u8,
            offset_minutes,
        })
    }
}

impl DateTime {
    /// `2020-02-19`.
    fn push_day(&self, out: &mut String) {
        push_number(out, self.year, 4);
        out.push('-');
        push_number(out, self.month.into(), 2);
        out.push('-');
        push_number(out, self.day.into(), 2);
    }

    /// `04:32`.
    fn push_clock(&self, out: &mut String) {
        push_number(out, self.hour.into(), 2);
        out.push(':');
        push_number(out, self.minute.into(), 2);
    }
}

/// `n` in decimal, zero-padded to at least `width` digits (at most 5): `{:0width$}`
/// without the formatting machinery.
fn push_number(out: &mut String, mut n: u16, width: usize) {
    let mut digits = [b'0'; 5];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[start.min(digits.len() - width)..] {
        out.push(char::from(digit));
    }
}

/// An offset in minutes as `+hh:mm` or `-hh:mm`.
fn push_offset(out: &mut String, minutes: i16) {
    out.push(if minutes < 0 { '-' } else { '+' });
    let m = minutes.unsigned_abs();
    push_number(out, m / 60, 2);
    out.push(':');
    push_number(out, m % 60, 2);
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 as (year, month, day); the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Writes an offset as `Intl.DateTimeFormat` names it in English (`timeZoneName: 'short'`): `GMT+8`, `GMT-3:30`,
/// `GMT` for `+00:00` and `UTC` for `Z`.
fn push_utc_offset(out: &mut String, offset: Option<i16>) {
    match offset {
        None => out.push_str("UTC"),
        Some(0) => out.push_str("GMT"),
        Some(m) => {
            out.push_str("GMT");
            out.push(if m < 0 { '-' } else { '+' });
            let m = m.unsigned_abs();
            push_number(out, m / 60, 1);
            if m % 60 != 0 {
                out.push(':');
                push_number(out, m % 60, 2);
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
        assert_eq!(t.display(Locale::En), "Feb 19, 2020, 04:32 GMT+8");
        assert_eq!(t.to_iso(), "2020-02-19T04:32:00+08:00");
        assert_eq!(t.display_date(Locale::ZhCn), "2020-02-19");
        assert_eq!(t.display_date(Locale::En), "Feb 19, 2020");
    }

    #[test]
    fn accepts_short_fractional_and_utc_forms() {
        assert_eq!(
            DateTime::parse("2020-02-19T04:32+08:00").unwrap().to_iso(),
            "2020-02-19T04:32:00+08:00"
        );
        assert_eq!(
            DateTime::parse("2020-02-18T20:32:00.123Z")
                .unwrap()
                .to_iso(),
            "2020-02-18T20:32:00Z"
        );
        let t = DateTime::parse("2024-02-29T23:59:59-03:30").unwrap();
        assert_eq!(t.display(Locale::En), "Feb 29, 2024, 23:59 GMT-3:30");
        let z = DateTime::parse("2020-02-18T20:32:00Z").unwrap();
        assert_eq!(z.display(Locale::En), "Feb 18, 2020, 20:32 UTC");
        let gmt = DateTime::parse("2020-02-18T20:32:00+00:00").unwrap();
        assert_eq!(gmt.display(Locale::En), "Feb 18, 2020, 20:32 GMT");
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
    fn offsets_end_at_eighteen_hours_both_ways() {
        // Found by fuzzing (fuzz/fuzz_targets/datetime.rs): "-18:59" was read, but no wall
        // clock can be computed at that offset, so the time did not come back from Unix
        // seconds.
        for bad in ["0000-01-01T00:00:00-18:59", "2020-02-19T04:32:00+18:01"] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
        for ok in [
            "0000-01-01T00:00:00-18:00",
            "9999-12-31T23:59:59+18:00",
            "2020-02-19T04:32:00+08:00",
        ] {
            let t = DateTime::parse(ok).unwrap();
            let back = DateTime::from_unix_seconds(t.unix_seconds(), t.offset_minutes);
            assert_eq!(back, Some(t), "{ok}");
        }
    }

    #[test]
    fn unix_seconds_count_from_the_epoch_in_utc() {
        assert_eq!(
            DateTime::parse("1970-01-01T00:00:00Z")
                .unwrap()
                .unix_seconds(),
            0
        );
        assert_eq!(
            DateTime::parse("1970-01-01T08:00:00+08:00")
                .unwrap()
                .unix_seconds(),
            0
        );
        assert_eq!(
            DateTime::parse("2020-02-19T04:32:00+08:00")
                .unwrap()
                .unix_seconds(),
            1_582_057_920
        );
        assert_eq!(
            DateTime::parse("2024-02-29T23:59:59-03:30")
                .unwrap()
                .unix_seconds(),
            1_709_263_799
        );
        assert_eq!(
            DateTime::parse("1969-12-31T23:59:59Z")
                .unwrap()
                .unix_seconds(),
            -1
        );
        assert_eq!(
            DateTime::parse("0000-01-01T00:00:00Z")
                .unwrap()
                .unix_seconds(),
            -62_167_219_200
        );
    }

    #[test]
    fn from_unix_seconds_inverts_unix_seconds() {
        let t = DateTime::from_unix_seconds(1_582_057_920, Some(480)).unwrap();
        assert_eq!(t.to_iso(), "2020-02-19T04:32:00+08:00");
        assert_eq!(
            DateTime::from_unix_seconds(1_582_057_920, None)
                .unwrap()
                .to_iso(),
            "2020-02-18T20:32:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(-1, None).unwrap().to_iso(),
            "1969-12-31T23:59:59Z"
        );
        for secs in [
            0,
            951_782_400,
            1_709_164_800,
            4_102_444_799,
            -86_400_000,
            1_234_567_890,
        ] {
            for offset in [None, Some(0), Some(480), Some(-210), Some(1080)] {
                let t = DateTime::from_unix_seconds(secs, offset).unwrap();
                assert_eq!(t.unix_seconds(), secs, "{secs} {offset:?}");
                assert_eq!(DateTime::parse(&t.to_iso()).unwrap(), t);
            }
        }
        assert_eq!(
            DateTime::from_unix_seconds(253_402_300_799, None)
                .unwrap()
                .to_iso(),
            "9999-12-31T23:59:59Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(-62_167_219_200, None)
                .unwrap()
                .to_iso(),
            "0000-01-01T00:00:00Z"
        );
        assert_eq!(DateTime::from_unix_seconds(253_402_300_800, None), None);
        assert_eq!(DateTime::from_unix_seconds(-62_167_219_201, None), None);
        assert_eq!(DateTime::from_unix_seconds(0, Some(1200)), None);
        assert_eq!(DateTime::from_unix_seconds(i64::MAX, Some(60)), None);
        assert_eq!(DateTime::from_unix_seconds(i64::MAX, None), None);
        assert_eq!(DateTime::from_unix_seconds(i64::MIN, None), None);
    }

    #[test]
    fn error_says_what_is_expected() {
        let e = DateTime::parse("yesterday").unwrap_err();
        assert!(e.to_string().contains("ISO 8601 time with offset"));
    }
}

//! When a comment was written, as a reader reads it: relative ("3分钟前", "an hour ago") for
//! the first week, then the date; the exact time for the hover title. This module decides
//! which (a count of minutes, hours or days, or the date), when that changes, and how it
//! reads in the reader's language: the words `Intl.RelativeTimeFormat` gives
//! (`numeric: 'always'`), from the interface strings, so that no page pays for setting up
//! `Intl`. The clock is a parameter, so every decision is deterministic.

use crate::i18n::Locale;
use crate::text::datetime::DateTime;

/// Labels turn into the date after this many days.
pub const RELATIVE_DAYS: i64 = 7;

/// A clock skew tolerated before a comment from the future is dated instead of "just now".
const FUTURE_SKEW_SECS: i64 = 5 * 60;

/// Longest wait [`refresh_after_ms`] gives: a day.
const MAX_WAIT_MS: i64 = 86_400_000;

/// The reader's clock: the current time and the reader's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Milliseconds since the Unix epoch (`Date.now()`).
    pub unix_ms: i64,
    /// The reader's offset from UTC in minutes (`-new Date().getTimezoneOffset()`).
    pub offset_minutes: i16,
}

impl Now {
    /// The clock at `unix_ms` for a reader at `offset_minutes` from UTC.
    pub fn new(unix_ms: i64, offset_minutes: i16) -> Self {
        Self {
            unix_ms,
            offset_minutes,
        }
    }
}

/// A unit of a relative time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
}

/// How a comment's time reads at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Under a minute old, or less than five minutes ahead of the reader's clock: "刚刚".
    JustNow,
    /// `count` (at least 1) whole `unit`s ago, within the first week: "3分钟前".
    Ago {
        /// How many units.
        count: i64,
        /// Which unit.
        unit: Unit,
    },
    /// A week old or more, or further ahead of the reader's clock: the date, in the reader's
    /// time zone.
    Date,
}

/// How `created` reads at `now`.
pub fn age(created: &DateTime, now: &Now) -> Age {
    let elapsed = now
        .unix_ms
        .div_euclid(1000)
        .saturating_sub(created.unix_seconds());
    let ago = |count, unit| Age::Ago { count, unit };
    match elapsed {
        e if e < -FUTURE_SKEW_SECS => Age::Date,
        e if e < 60 => Age::JustNow,
        e if e < 3_600 => ago(e / 60, Unit::Minute),
        e if e < 86_400 => ago(e / 3_600, Unit::Hour),
        e if e < RELATIVE_DAYS * 86_400 => ago(e / 86_400, Unit::Day),
        _ => Age::Date,
    }
}

/// How `created` reads at `now` in `locale`: "刚刚", "3分钟前", "1 hour ago", or after a
/// week (or from the future) the date of `local`, the same instant at the reader's offset.
pub fn label(created: &DateTime, local: &DateTime, now: &Now, locale: Locale) -> String {
    let s = &locale.strings().comments;
    let (count, words) = match age(created, now) {
        Age::JustNow => return s.just_now.to_owned(),
        Age::Date => return local.display_date(locale),
        Age::Ago { count, unit } => (
            count,
            match (unit, count == 1) {
                (Unit::Minute, true) => s.minute_ago,
                (Unit::Minute, false) => s.minutes_ago,
                (Unit::Hour, true) => s.hour_ago,
                (Unit::Hour, false) => s.hours_ago,
                (Unit::Day, true) => s.day_ago,
                (Unit::Day, false) => s.days_ago,
            },
        ),
    };
    crate::text::fill(words, count.unsigned_abs())
}

/// Milliseconds until [`age`] would give another answer, so the shell can refresh the label;
/// `None` once the label is a date, which no longer changes. A comment dated ahead of the
/// reader's clock shows its date until that clock is less than five minutes behind; the wait
/// for that is given at most a day at a time (browsers' timers hold less than a month).
pub fn refresh_after_ms(created: &DateTime, now: &Now) -> Option<i64> {
    let elapsed_ms = now
        .unix_ms
        .saturating_sub(created.unix_seconds().saturating_mul(1000));
    let step_ms = match elapsed_ms {
        e if e < -FUTURE_SKEW_SECS * 1000 => {
            return Some(
                (-FUTURE_SKEW_SECS * 1000)
                    .saturating_sub(e)
                    .min(MAX_WAIT_MS),
            )
        }
        e if e < 3_600_000 => 60_000,
        e if e < 86_400_000 => 3_600_000,
        e if e < RELATIVE_DAYS * 86_400_000 => 86_400_000,
        _ => return None,
    };
    Some(step_ms - elapsed_ms.rem_euclid(step_ms))
}

/// The machine-readable time for `<time datetime>`, as recorded.
pub fn iso(created: &DateTime) -> String {
    created.to_iso()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHINA: i16 = 480;

    fn at(iso: &str) -> DateTime {
        DateTime::parse(iso).unwrap()
    }

    fn now(iso: &str, offset: i16) -> Now {
        Now::new(at(iso).unix_seconds() * 1000, offset)
    }

    fn ago(count: i64, unit: Unit) -> Age {
        Age::Ago { count, unit }
    }

    #[test]
    fn ages_through_the_first_week() {
        let created = at("2020-02-19T07:12:00+08:00");
        let cases = [
            ("2020-02-19T07:12:30+08:00", Age::JustNow),
            ("2020-02-19T07:13:00+08:00", ago(1, Unit::Minute)),
            ("2020-02-19T07:15:59+08:00", ago(3, Unit::Minute)),
            ("2020-02-19T08:11:59+08:00", ago(59, Unit::Minute)),
            ("2020-02-19T08:12:00+08:00", ago(1, Unit::Hour)),
            ("2020-02-19T10:12:00+08:00", ago(3, Unit::Hour)),
            ("2020-02-20T07:12:00+08:00", ago(1, Unit::Day)),
            ("2020-02-21T09:00:00+08:00", ago(2, Unit::Day)),
            ("2020-02-26T07:11:59+08:00", ago(6, Unit::Day)),
            ("2020-02-26T07:12:00+08:00", Age::Date),
        ];
        for (when, expected) in cases {
            assert_eq!(age(&created, &now(when, CHINA)), expected, "{when}");
        }
    }

    #[test]
    fn offsets_do_not_change_elapsed_time() {
        let created = at("2020-02-18T23:12:00Z");
        assert_eq!(
            age(&created, &now("2020-02-19T10:12:00+08:00", CHINA)),
            ago(3, Unit::Hour)
        );
        assert_eq!(
            age(&created, &now("2020-02-18T21:12:00-05:00", -300)),
            ago(3, Unit::Hour)
        );
        assert_eq!(iso(&created), "2020-02-18T23:12:00Z");
    }

    #[test]
    fn small_clock_skew_is_just_now_and_the_future_is_a_date() {
        let created = at("2020-02-19T07:12:00+08:00");
        assert_eq!(
            age(&created, &now("2020-02-19T07:10:00+08:00", CHINA)),
            Age::JustNow
        );
        assert_eq!(
            age(&created, &now("2020-02-18T07:12:00+08:00", CHINA)),
            Age::Date
        );
    }

    #[test]
    fn refresh_when_the_label_changes() {
        let created = at("2020-02-19T07:12:00+08:00");
        assert_eq!(
            refresh_after_ms(&created, &now("2020-02-19T07:12:00+08:00", CHINA)),
            Some(60_000)
        );
        assert_eq!(
            refresh_after_ms(&created, &now("2020-02-19T07:13:30+08:00", CHINA)),
            Some(30_000)
        );
        assert_eq!(
            refresh_after_ms(&created, &now("2020-02-19T09:12:00+08:00", CHINA)),
            Some(3_600_000)
        );
        assert_eq!(
            refresh_after_ms(&created, &now("2020-03-19T09:12:00+08:00", CHINA)),
            None
        );
    }

    #[test]
    fn clocks_at_the_ends_of_time() {
        let created = DateTime::parse("2020-02-19T07:12:00+08:00").unwrap();
        assert_eq!(age(&created, &Now::new(i64::MIN, 480)), Age::Date);
        assert_eq!(refresh_after_ms(&created, &Now::new(i64::MAX, 480)), None);
    }

    #[test]
    fn a_comment_from_the_future_is_refreshed_when_the_clock_catches_up() {
        // Found by fuzzing (fuzz/fuzz_targets/datetime.rs): a comment dated more than five
        // minutes ahead of the reader's clock showed its date and asked for no refresh, but
        // turned into "just now" once the clock caught up.
        let created = at("2020-02-19T07:12:00+08:00");
        let early = now("2020-02-19T07:02:00+08:00", CHINA);
        assert_eq!(age(&created, &early), Age::Date);
        let wait = refresh_after_ms(&created, &early).unwrap();
        assert_eq!(wait, 300_000);
        let later = Now::new(early.unix_ms + wait, CHINA);
        assert_eq!(age(&created, &later), Age::JustNow);
        let before = Now::new(early.unix_ms + wait - 1, CHINA);
        assert_eq!(age(&created, &before), Age::Date);
        let years_early = now("2010-02-19T07:12:00+08:00", CHINA);
        assert_eq!(refresh_after_ms(&created, &years_early), Some(86_400_000));
    }

    /// The words are those Chromium's `Intl.RelativeTimeFormat` gives with `numeric:
    /// 'always'` (measured in Chromium 156), and the date after a week is the reader's.
    #[test]
    fn labels_read_as_intl_writes_them() {
        let created = at("2020-02-19T07:12:00+08:00");
        let local = DateTime::from_unix_seconds(created.unix_seconds(), Some(-300)).unwrap();
        let cases = [
            ("2020-02-19T07:12:59+08:00", ["刚刚", "剛剛", "just now"]),
            (
                "2020-02-19T07:13:00+08:00",
                ["1分钟前", "1 分鐘前", "1 minute ago"],
            ),
            (
                "2020-02-19T07:15:00+08:00",
                ["3分钟前", "3 分鐘前", "3 minutes ago"],
            ),
            (
                "2020-02-19T08:12:00+08:00",
                ["1小时前", "1 小時前", "1 hour ago"],
            ),
            (
                "2020-02-19T10:12:00+08:00",
                ["3小时前", "3 小時前", "3 hours ago"],
            ),
            (
                "2020-02-20T07:12:00+08:00",
                ["1天前", "1 天前", "1 day ago"],
            ),
            (
                "2020-02-25T07:12:00+08:00",
                ["6天前", "6 天前", "6 days ago"],
            ),
            (
                "2020-02-26T07:12:00+08:00",
                ["2020-02-18", "2020-02-18", "Feb 18, 2020"],
            ),
            ("2020-02-19T07:08:00+08:00", ["刚刚", "剛剛", "just now"]),
            (
                "2020-02-19T07:06:00+08:00",
                ["2020-02-18", "2020-02-18", "Feb 18, 2020"],
            ),
        ];
        for (when, expected) in cases {
            let read = [Locale::ZhCn, Locale::ZhTw, Locale::En]
                .map(|locale| label(&created, &local, &now(when, CHINA), locale));
            assert_eq!(read, expected, "{when}");
        }
    }
}

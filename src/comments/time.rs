//! When a comment was written, as a reader reads it: relative ("3分钟前", "an hour ago") for
//! the first week, then the date; and the exact time for the hover title, in the reader's
//! own offset. The clock is a parameter, so every label is deterministic.

use super::stored::utc_from_ms;
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

    /// This instant as a time stamp in the reader's offset (UTC if the offset is impossible).
    pub fn datetime(&self) -> DateTime {
        DateTime::from_unix_seconds(self.unix_ms.div_euclid(1000), Some(self.offset_minutes))
            .unwrap_or_else(|| utc_from_ms(self.unix_ms))
    }
}

/// "刚刚", "3分钟前", "an hour ago", "2天前", then the date (`2020-02-19`, `Feb 19, 2020`) in
/// the reader's offset once a week has passed or when the time lies in the future.
pub fn relative(created: &DateTime, now: &Now, locale: Locale) -> String {
    let s = &locale.strings().comments;
    let elapsed = now
        .unix_ms
        .div_euclid(1000)
        .saturating_sub(created.unix_seconds());
    let count = |one: &str, many: &str, n: i64| {
        if n == 1 {
            one.to_owned()
        } else {
            many.replace("{}", &n.to_string())
        }
    };
    match elapsed {
        e if e < -FUTURE_SKEW_SECS => date(created, now, locale),
        e if e < 60 => s.just_now.to_owned(),
        e if e < 3_600 => count(s.minute_ago, s.minutes_ago, e / 60),
        e if e < 86_400 => count(s.hour_ago, s.hours_ago, e / 3_600),
        e if e < RELATIVE_DAYS * 86_400 => count(s.day_ago, s.days_ago, e / 86_400),
        _ => date(created, now, locale),
    }
}

/// Milliseconds until [`relative`] would give another label, so the shell can refresh it;
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

/// The exact time for the hover title, in the reader's offset: `2020-02-19 07:12` in Chinese,
/// `Feb 19, 2020, 07:12 UTC+8` in English.
pub fn absolute(created: &DateTime, now: &Now, locale: Locale) -> String {
    in_reader_offset(created, now).display(locale)
}

/// The machine-readable time for `<time datetime>`, as recorded.
pub fn iso(created: &DateTime) -> String {
    created.to_iso()
}

fn in_reader_offset(created: &DateTime, now: &Now) -> DateTime {
    DateTime::from_unix_seconds(created.unix_seconds(), Some(now.offset_minutes))
        .unwrap_or(*created)
}

fn date(created: &DateTime, now: &Now, locale: Locale) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let t = in_reader_offset(created, now);
    match locale {
        Locale::ZhCn | Locale::ZhTw => format!("{:04}-{:02}-{:02}", t.year, t.month, t.day),
        Locale::En => {
            let month = MONTHS[usize::from(t.month.saturating_sub(1)) % 12];
            format!("{month} {}, {:04}", t.day, t.year)
        }
    }
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

    #[test]
    fn relative_labels_in_three_languages() {
        let created = at("2020-02-19T07:12:00+08:00");
        let cases = [
            ("2020-02-19T07:12:30+08:00", "刚刚", "剛剛", "just now"),
            (
                "2020-02-19T07:13:00+08:00",
                "1分钟前",
                "1分鐘前",
                "a minute ago",
            ),
            (
                "2020-02-19T07:15:59+08:00",
                "3分钟前",
                "3分鐘前",
                "3 minutes ago",
            ),
            (
                "2020-02-19T08:11:59+08:00",
                "59分钟前",
                "59分鐘前",
                "59 minutes ago",
            ),
            (
                "2020-02-19T08:12:00+08:00",
                "1小时前",
                "1小時前",
                "an hour ago",
            ),
            (
                "2020-02-19T10:12:00+08:00",
                "3小时前",
                "3小時前",
                "3 hours ago",
            ),
            ("2020-02-20T07:12:00+08:00", "1天前", "1天前", "a day ago"),
            ("2020-02-21T09:00:00+08:00", "2天前", "2天前", "2 days ago"),
            ("2020-02-26T07:11:59+08:00", "6天前", "6天前", "6 days ago"),
            (
                "2020-02-26T07:12:00+08:00",
                "2020-02-19",
                "2020-02-19",
                "Feb 19, 2020",
            ),
        ];
        for (when, cn, tw, en) in cases {
            let n = now(when, CHINA);
            assert_eq!(relative(&created, &n, Locale::ZhCn), cn, "{when}");
            assert_eq!(relative(&created, &n, Locale::ZhTw), tw, "{when}");
            assert_eq!(relative(&created, &n, Locale::En), en, "{when}");
        }
    }

    #[test]
    fn offsets_do_not_change_elapsed_time() {
        let created = at("2020-02-18T23:12:00Z");
        assert_eq!(
            relative(
                &created,
                &now("2020-02-19T10:12:00+08:00", CHINA),
                Locale::ZhCn
            ),
            "3小时前"
        );
        assert_eq!(
            relative(
                &created,
                &now("2020-02-18T21:12:00-05:00", -300),
                Locale::En
            ),
            "3 hours ago"
        );
    }

    #[test]
    fn dates_are_in_the_readers_offset() {
        let created = at("2020-02-19T07:12:00+08:00");
        let later = now("2020-06-01T00:00:00Z", -300);
        assert_eq!(relative(&created, &later, Locale::En), "Feb 18, 2020");
        assert_eq!(
            absolute(&created, &later, Locale::En),
            "Feb 18, 2020, 18:12 UTC-5"
        );
        assert_eq!(
            absolute(&created, &now("2020-06-01T00:00:00Z", CHINA), Locale::ZhCn),
            "2020-02-19 07:12"
        );
        assert_eq!(iso(&created), "2020-02-19T07:12:00+08:00");
    }

    #[test]
    fn small_clock_skew_is_just_now_and_the_future_is_a_date() {
        let created = at("2020-02-19T07:12:00+08:00");
        assert_eq!(
            relative(
                &created,
                &now("2020-02-19T07:10:00+08:00", CHINA),
                Locale::ZhCn
            ),
            "刚刚"
        );
        assert_eq!(
            relative(
                &created,
                &now("2020-02-18T07:12:00+08:00", CHINA),
                Locale::ZhCn
            ),
            "2020-02-19"
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
    fn now_as_a_time_stamp() {
        assert_eq!(
            Now::new(1_582_067_520_999, CHINA).datetime().to_iso(),
            "2020-02-19T07:12:00+08:00"
        );
        assert_eq!(
            Now::new(0, 2000).datetime().to_iso(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Now::new(i64::MAX, 480).datetime().to_iso(),
            "1970-01-01T00:00:00Z"
        );
        let created = DateTime::parse("2020-02-19T07:12:00+08:00").unwrap();
        assert_eq!(
            relative(&created, &Now::new(i64::MIN, 480), Locale::En),
            "Feb 19, 2020"
        );
        assert_eq!(refresh_after_ms(&created, &Now::new(i64::MAX, 480)), None);
    }

    #[test]
    fn a_comment_from_the_future_is_refreshed_when_the_clock_catches_up() {
        // Found by fuzzing (fuzz/fuzz_targets/datetime.rs): a comment dated more than five
        // minutes ahead of the reader's clock showed its date and asked for no refresh, but
        // turned into "just now" once the clock caught up.
        let created = at("2020-02-19T07:12:00+08:00");
        let early = now("2020-02-19T07:02:00+08:00", CHINA);
        assert_eq!(relative(&created, &early, Locale::En), "Feb 19, 2020");
        let wait = refresh_after_ms(&created, &early).unwrap();
        assert_eq!(wait, 300_000);
        let later = Now::new(early.unix_ms + wait, CHINA);
        assert_eq!(relative(&created, &later, Locale::En), "just now");
        let before = Now::new(early.unix_ms + wait - 1, CHINA);
        assert_eq!(relative(&created, &before, Locale::En), "Feb 19, 2020");
        let years_early = now("2010-02-19T07:12:00+08:00", CHINA);
        assert_eq!(refresh_after_ms(&created, &years_early), Some(86_400_000));
    }
}

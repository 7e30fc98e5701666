//! Dates and relative times in the reader's language, written by the browser's `Intl`:
//! `Intl.DateTimeFormat` for the article's date line, feed items and the exact time of a
//! comment, `Intl.RelativeTimeFormat` for "3分钟前" / "3 minutes ago". The core decides what
//! to show ([`crate::comments::time::age`]); the browser knows how to say it. Where `Intl`
//! refuses (an engine without offset time zones), the core's own form stands in. The calls to
//! `Intl` are in src/dom/intl.js: JS says them in a fraction of the wasm they took.

use wasm_bindgen::prelude::*;

use crate::comments::time::{age, Age, Now};
use crate::i18n::Locale;
use crate::text::datetime::DateTime;

#[wasm_bindgen(module = "/src/dom/intl.js")]
extern "C" {
    /// The instant `unix_ms` as a date, with the time of day if `time`, in `zone` (an
    /// `Intl` `timeZone`; the reader's own if empty): the numeric form of Chinese newsrooms
    /// (`2020-02-19 04:32`) or the medium English form with the zone (`Feb 19, 2020, 04:32
    /// GMT+8`). Empty if `Intl` refuses.
    fn date(unix_ms: f64, zone: &str, time: bool, locale: &str) -> String;

    /// `value` `unit`s from now in words ("3分钟前"); empty if `Intl` refuses.
    fn relative(value: f64, unit: &str, locale: &str) -> String;
}

fn millis(time: &DateTime) -> f64 {
    time.unix_seconds() as f64 * 1000.0
}

/// [`date`] for `locale`, `None` where `Intl` refused.
fn written(unix_ms: f64, zone: &str, time: bool, locale: Locale) -> Option<String> {
    let text = date(unix_ms, zone, time, locale.tag());
    (!text.is_empty()).then_some(text)
}

/// `time` in its own offset, as [`DateTime::display`] writes it (`2020-02-19 04:32`,
/// `Feb 19, 2020, 04:32 GMT+8`): the article's date line and feed items.
pub(crate) fn datetime(time: &DateTime, locale: Locale) -> String {
    written(millis(time), &time.intl_time_zone(), true, locale)
        .unwrap_or_else(|| time.display(locale))
}

/// A comment's time as it reads now: "刚刚", "3分钟前", "2 hours ago", or, after a week,
/// its date in the reader's time zone.
pub(crate) fn comment_age(created: &DateTime, now: &Now, locale: Locale) -> String {
    let written = match age(created, now) {
        Age::JustNow => return locale.strings().comments.just_now.to_owned(),
        Age::Ago { count, unit } => {
            Some(relative(-(count as f64), unit.name(), locale.tag())).filter(|t| !t.is_empty())
        }
        Age::Date => written(millis(created), "", false, locale),
    };
    written.unwrap_or_else(|| in_reader_offset(created, now).display(locale))
}

/// A comment's exact time for its hover title, in the reader's own time zone.
pub(crate) fn exact(created: &DateTime, now: &Now, locale: Locale) -> String {
    written(millis(created), "", true, locale)
        .unwrap_or_else(|| in_reader_offset(created, now).display(locale))
}

fn in_reader_offset(created: &DateTime, now: &Now) -> DateTime {
    DateTime::from_unix_seconds(created.unix_seconds(), Some(now.offset_minutes))
        .unwrap_or(*created)
}

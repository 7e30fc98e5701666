//! Dates and relative times in the reader's language, written by the browser's `Intl`:
//! `Intl.DateTimeFormat` for the article's date line, feed items and the exact time of a
//! comment, `Intl.RelativeTimeFormat` for "3分钟前" / "3 minutes ago". The core decides what
//! to show ([`crate::comments::time::age`]); the browser knows how to say it. Where `Intl`
//! refuses (an engine without offset time zones), the core's own form stands in.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::comments::time::{age, Age, Now};
use crate::i18n::Locale;
use crate::text::datetime::DateTime;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &DateTimeFormat, unix_ms: f64) -> String;

    #[wasm_bindgen(method, js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, unix_ms: f64) -> Vec<Part>;

    /// One piece of [`DateTimeFormat::format_to_parts`]: `{type, value}`.
    type Part;

    #[wasm_bindgen(method, getter, js_name = type)]
    fn kind(this: &Part) -> String;

    #[wasm_bindgen(method, getter)]
    fn value(this: &Part) -> String;

    #[wasm_bindgen(js_namespace = Intl)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = format)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;
}

thread_local! {
    /// Formatters made so far, by kind, locale and options: making one costs far more than
    /// using it (the page's first costs tens of milliseconds).
    static MADE: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// How many formatters [`MADE`] keeps (a page needs a handful; one per time zone of its
/// articles at most).
const KEEP: usize = 16;

/// The formatter of `kind` for `locale` with `options` (a JSON object text), made by `make`
/// the first time it is asked for.
fn made<T: JsCast>(
    kind: &str,
    locale: &str,
    options: &str,
    make: impl FnOnce(&str, &JsValue) -> Result<T, JsValue>,
) -> Option<T> {
    let mut key = String::from(kind);
    for part in [" ", locale, " ", options] {
        key.push_str(part);
    }
    let found = MADE.with_borrow(|m| m.iter().find(|(k, _)| *k == key).map(|(_, f)| f.clone()));
    if let Some(found) = found {
        return Some(found.unchecked_into());
    }
    let parsed = js_sys::JSON::parse(options).unwrap_or(JsValue::UNDEFINED);
    let made = make(locale, &parsed).ok()?;
    MADE.with_borrow_mut(|m| {
        if m.len() >= KEEP {
            m.remove(0);
        }
        m.push((key, made.as_ref().clone()));
    });
    Some(made)
}

fn date_format(locale: &str, options: &str) -> Option<DateTimeFormat> {
    made("date", locale, options, DateTimeFormat::new)
}

fn millis(time: &DateTime) -> f64 {
    time.unix_seconds() as f64 * 1000.0
}

/// The instant `unix_ms` as a date, with the time of day if `time`, in `zone` (an
/// `Intl` `timeZone`; the reader's own if `None`): the numeric form of Chinese newsrooms
/// (`2020-02-19 04:32`, assembled from the parts `Intl` gives) or the medium English form
/// with the zone (`Feb 19, 2020, 04:32 GMT+8`). `None` if `Intl` refuses.
fn written(unix_ms: f64, zone: Option<&str>, time: bool, locale: Locale) -> Option<String> {
    let en = locale == Locale::En;
    let mut options = String::from("{");
    if let Some(zone) = zone {
        options.push_str(r#""timeZone":""#);
        options.push_str(zone);
        options.push_str(r#"","#);
    }
    options.push_str(if en {
        r#""year":"numeric","month":"short","day":"numeric""#
    } else {
        r#""year":"numeric","month":"2-digit","day":"2-digit""#
    });
    if time {
        options.push_str(r#","hour":"2-digit","minute":"2-digit","hourCycle":"h23""#);
        if en {
            options.push_str(r#","timeZoneName":"short""#);
        }
    }
    options.push('}');
    let format = date_format(locale.tag(), &options)?;
    let text = if en {
        format.format(unix_ms)
    } else {
        newsroom(&format.format_to_parts(unix_ms), time)?
    };
    (!text.is_empty()).then_some(text)
}

/// `year-month-day` (and ` hour:minute` if `time`) from the parts of a numeric date.
fn newsroom(parts: &[Part], time: bool) -> Option<String> {
    let part = |kind: &str| {
        parts
            .iter()
            .find(|p| p.kind() == kind)
            .map(|p| p.value())
            .filter(|v| !v.is_empty())
    };
    let mut out = String::new();
    let fields: &[(&str, &str)] = if time {
        &[
            ("year", ""),
            ("month", "-"),
            ("day", "-"),
            ("hour", " "),
            ("minute", ":"),
        ]
    } else {
        &[("year", ""), ("month", "-"), ("day", "-")]
    };
    for (kind, before) in fields {
        out.push_str(before);
        out.push_str(&part(kind)?);
    }
    Some(out)
}

/// `time` in its own offset, as [`DateTime::display`] writes it (`2020-02-19 04:32`,
/// `Feb 19, 2020, 04:32 GMT+8`): the article's date line and feed items.
pub(crate) fn datetime(time: &DateTime, locale: Locale) -> String {
    written(millis(time), Some(&time.intl_time_zone()), true, locale)
        .unwrap_or_else(|| time.display(locale))
}

/// A comment's time as it reads now: "刚刚", "3分钟前", "2 hours ago", or, after a week,
/// its date in the reader's time zone.
pub(crate) fn comment_age(created: &DateTime, now: &Now, locale: Locale) -> String {
    let written = match age(created, now) {
        Age::JustNow => return locale.strings().comments.just_now.to_owned(),
        Age::Ago { count, unit } => made(
            "relative",
            locale.tag(),
            r#"{"numeric":"always"}"#,
            RelativeTimeFormat::new,
        )
        .map(|f| f.format(-(count as f64), unit.name()))
        .filter(|text| !text.is_empty()),
        Age::Date => written(millis(created), None, false, locale),
    };
    written.unwrap_or_else(|| in_reader_offset(created, now).display(locale))
}

/// A comment's exact time for its hover title, in the reader's own time zone.
pub(crate) fn exact(created: &DateTime, now: &Now, locale: Locale) -> String {
    written(millis(created), None, true, locale)
        .unwrap_or_else(|| in_reader_offset(created, now).display(locale))
}

fn in_reader_offset(created: &DateTime, now: &Now) -> DateTime {
    DateTime::from_unix_seconds(created.unix_seconds(), Some(now.offset_minutes))
        .unwrap_or(*created)
}

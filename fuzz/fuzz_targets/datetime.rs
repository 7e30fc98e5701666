//! Time stamps: ISO 8601 parsing, the article's own offset, Unix seconds, and the comment
//! ages ("3 minutes ago"). The input is parsed as a time stamp; its first bytes also give
//! a Unix time and an offset. Beyond "no panic": a parsed time is in range and survives
//! `to_iso` → `parse` and Unix seconds → wall clock unchanged; the age is refreshed before
//! it would change, and never goes stale when no refresh is asked for.
#![no_main]

use article_widget::comments::time::{age, iso, refresh_after_ms, Age};
use article_widget::comments::Now;
use article_widget::i18n::Locale;
use article_widget::text::datetime::{DateTime, MAX_OFFSET_MINUTES};
use article_widget_fuzz::text;
use libfuzzer_sys::fuzz_target;

const LOCALES: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

fn in_range(t: &DateTime) {
    assert!(t.year <= 9999 && (1..=12).contains(&t.month) && (1..=31).contains(&t.day));
    assert!(t.hour < 24 && t.minute < 60 && t.second <= 60);
    assert!(t
        .offset_minutes
        .is_none_or(|m| m.unsigned_abs() <= MAX_OFFSET_MINUTES));
}

fn check_labels(created: &DateTime, now: Now) {
    let label = age(created, &now);
    if let Age::Ago { count, .. } = label {
        assert!(count >= 1, "{label:?}");
    }
    let later = |ms: i64| Now::new(now.unix_ms.saturating_add(ms), now.offset_minutes);
    match refresh_after_ms(created, &now) {
        Some(wait) => {
            assert!(wait > 0, "refresh in {wait} ms");
            assert!(wait <= 86_400_000, "refresh in {wait} ms");
            assert_eq!(
                age(created, &later(wait - 1)),
                label,
                "the age changes before its refresh"
            );
        }
        None => {
            for ms in [
                1_000,
                60_000,
                300_000,
                3_600_000,
                86_400_000,
                8 * 86_400_000,
            ] {
                assert_eq!(
                    age(created, &later(ms)),
                    label,
                    "the age {label:?} changes {ms} ms later, but no refresh was asked for"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let input = text(data);
    let parsed = DateTime::parse(&input);
    if let Ok(t) = parsed {
        in_range(&t);
        assert_eq!(
            DateTime::parse(&t.to_iso()),
            Ok(t),
            "to_iso does not parse back"
        );
        assert_eq!(iso(&t), t.to_iso());
        if t.second < 60 {
            let back = DateTime::from_unix_seconds(t.unix_seconds(), t.offset_minutes);
            assert_eq!(
                back,
                Some(t),
                "Unix seconds do not give the wall clock back"
            );
        }
        for locale in LOCALES {
            assert!(!t.display(locale).is_empty());
        }
        assert!(input.len() >= 17 && input.is_ascii());
    }

    let mut bytes = [0u8; 10];
    for (b, d) in bytes.iter_mut().zip(data) {
        *b = *d;
    }
    let secs = i64::from_le_bytes(bytes[..8].try_into().unwrap());
    let offset = i16::from_le_bytes([bytes[8], bytes[9]]);
    for (s, o) in [
        (secs, Some(offset)),
        (secs, None),
        (secs % 400_000_000_000, Some(offset % 1_100)),
    ] {
        if let Some(t) = DateTime::from_unix_seconds(s, o) {
            in_range(&t);
            assert_eq!(t.unix_seconds(), s, "from_unix_seconds({s}, {o:?}) = {t:?}");
            assert_eq!(DateTime::parse(&t.to_iso()), Ok(t));
        }
    }

    // Comment times: the parsed time (or one from the bytes) against a clock near it.
    let created = parsed
        .ok()
        .or_else(|| DateTime::from_unix_seconds(secs % 400_000_000_000, None));
    if let Some(created) = created {
        let delta = i64::from(offset) * 61_000 + i64::from(bytes[0]) * 997;
        let now_ms = created
            .unix_seconds()
            .saturating_mul(1000)
            .saturating_add(delta);
        check_labels(&created, Now::new(now_ms, offset % 1_100));
        check_labels(
            &created,
            Now::new(now_ms.saturating_add(3 * 86_400_000 + 12_345), 480),
        );
    }
});

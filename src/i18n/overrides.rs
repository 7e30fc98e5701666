//! Site-supplied replacements for any interface string, per language: a site builder
//! renames a button or a heading without forking the widget. Keys name the table and the
//! field: `article.retry`, `comments.just_now`, `feed.recommendations`, `form.submit`.

use std::cell::RefCell;

use thiserror::Error;

use super::{CommentBoxStrings, FeedStrings, Locale, ReadingStrings, Strings};

/// One language's interface strings with the site's replacements applied.
#[derive(Debug, Clone)]
pub struct Tables {
    /// The article's and the comment thread's words.
    pub strings: Strings,
    /// The recommendation sections' words.
    pub feed: FeedStrings,
    /// The comment form's words.
    pub form: CommentBoxStrings,
    /// The reading comfort controls' words.
    pub reading: ReadingStrings,
}

/// Why replacements were refused; nothing is changed then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OverrideError {
    /// Keys that name no interface string.
    #[error("unknown interface strings: {}", crate::text::join(.0, ", "))]
    UnknownKeys(Vec<String>),
}

thread_local! {
    /// Replaced tables by language (zh-CN, zh-TW, en). Each is leaked once per
    /// [`set_overrides`] call so that every renderer can keep holding `&'static` strings.
    static TABLES: RefCell<[Option<&'static Tables>; 3]> = const { RefCell::new([None, None, None]) };
}

fn slot(locale: Locale) -> usize {
    match locale {
        Locale::ZhCn => 0,
        Locale::ZhTw => 1,
        Locale::En => 2,
    }
}

/// The replaced tables of `locale`, if the site set any.
pub fn tables(locale: Locale) -> Option<&'static Tables> {
    TABLES.with(|t| t.try_borrow().ok().and_then(|t| t[slot(locale)]))
}

/// Replaces interface strings of `locale` (on top of earlier replacements); an empty
/// list restores the built-in words. Unknown keys refuse the whole call.
pub fn set_overrides(locale: Locale, entries: Vec<(String, String)>) -> Result<(), OverrideError> {
    if entries.is_empty() {
        TABLES.with(|t| t.borrow_mut()[slot(locale)] = None);
        return Ok(());
    }
    let mut tables = Tables {
        strings: locale.strings().clone(),
        feed: locale.feed_strings().clone(),
        form: locale.comment_box().clone(),
        reading: locale.reading_strings().clone(),
    };
    let mut unknown = Vec::new();
    for (key, _) in &entries {
        if !tables.set(key, "") {
            unknown.push(key.clone());
        }
    }
    if !unknown.is_empty() {
        return Err(OverrideError::UnknownKeys(unknown));
    }
    for (key, value) in entries {
        tables.set(&key, Box::leak(value.into_boxed_str()));
    }
    let leaked: &'static Tables = Box::leak(Box::new(tables));
    TABLES.with(|t| t.borrow_mut()[slot(locale)] = Some(leaked));
    Ok(())
}

/// The tables' names, and each table's field names in the order of [`Tables::field`]
/// (words each followed by a space).
const TABLES_NAMED: &str = "article comments feed form reading ";
const FIELDS: [&str; 5] = [
    "channels breadcrumbs source authors tags reading_time loading error_heading retry photo_credit updated ",
    "anonymous just_now minute_ago minutes_ago hour_ago hours_ago day_ago days_ago name_required name_too_long name_one_line text_required text_too_long website_scheme pending sending failed rejected local_only ",
    "recommendations clear_history nothing_to_suggest error_heading views section_error ",
    "heading count name website text submit sending shortcut sort newest oldest most_liked reply replying_to cancel_reply like more more_replies empty loading load_failed retry edit moderated queued queued_offline published held kept_here not_published not_sent like_pending like_refused not_kept closed form_errors ",
    "text_size smaller larger progress ",
];

impl Tables {
    /// Sets the string named `key`; `false` if no string has that name.
    fn set(&mut self, key: &str, value: &'static str) -> bool {
        // The table, then the field, each found by its place in a list of names.
        let Some((table, name)) = key.split_once('.') else {
            return false;
        };
        let Some((t, _)) = crate::text::word(TABLES_NAMED, table) else {
            return false;
        };
        let Some((i, _)) = FIELDS
            .get(t)
            .and_then(|names| crate::text::word(names, name))
        else {
            return false;
        };
        match self.field(t, i) {
            Some(field) => {
                *field = value;
                true
            }
            None => false,
        }
    }

    /// Field `i` (by [`FIELDS`]) of table `t` (by [`TABLES_NAMED`]).
    fn field(&mut self, t: usize, i: usize) -> Option<&mut &'static str> {
        Some(match (t, i) {
            (0, 0) => &mut self.strings.channels,
            (0, 1) => &mut self.strings.breadcrumbs,
            (0, 2) => &mut self.strings.source,
            (0, 3) => &mut self.strings.authors,
            (0, 4) => &mut self.strings.tags,
            (0, 5) => &mut self.strings.reading_time,
            (0, 6) => &mut self.strings.loading,
            (0, 7) => &mut self.strings.error_heading,
            (0, 8) => &mut self.strings.retry,
            (0, 9) => &mut self.strings.photo_credit,
            (0, 10) => &mut self.strings.updated,
            (1, 0) => &mut self.strings.comments.anonymous,
            (1, 1) => &mut self.strings.comments.just_now,
            (1, 2) => &mut self.strings.comments.minute_ago,
            (1, 3) => &mut self.strings.comments.minutes_ago,
            (1, 4) => &mut self.strings.comments.hour_ago,
            (1, 5) => &mut self.strings.comments.hours_ago,
            (1, 6) => &mut self.strings.comments.day_ago,
            (1, 7) => &mut self.strings.comments.days_ago,
            (1, 8) => &mut self.strings.comments.name_required,
            (1, 9) => &mut self.strings.comments.name_too_long,
            (1, 10) => &mut self.strings.comments.name_one_line,
            (1, 11) => &mut self.strings.comments.text_required,
            (1, 12) => &mut self.strings.comments.text_too_long,
            (1, 13) => &mut self.strings.comments.website_scheme,
            (1, 14) => &mut self.strings.comments.pending,
            (1, 15) => &mut self.strings.comments.sending,
            (1, 16) => &mut self.strings.comments.failed,
            (1, 17) => &mut self.strings.comments.rejected,
            (1, 18) => &mut self.strings.comments.local_only,
            (2, 0) => &mut self.feed.recommendations,
            (2, 1) => &mut self.feed.clear_history,
            (2, 2) => &mut self.feed.nothing_to_suggest,
            (2, 3) => &mut self.feed.error_heading,
            (2, 4) => &mut self.feed.views,
            (2, 5) => &mut self.feed.section_error,
            (3, 0) => &mut self.form.heading,
            (3, 1) => &mut self.form.count,
            (3, 2) => &mut self.form.name,
            (3, 3) => &mut self.form.website,
            (3, 4) => &mut self.form.text,
            (3, 5) => &mut self.form.submit,
            (3, 6) => &mut self.form.sending,
            (3, 7) => &mut self.form.shortcut,
            (3, 8) => &mut self.form.sort,
            (3, 9) => &mut self.form.newest,
            (3, 10) => &mut self.form.oldest,
            (3, 11) => &mut self.form.most_liked,
            (3, 12) => &mut self.form.reply,
            (3, 13) => &mut self.form.replying_to,
            (3, 14) => &mut self.form.cancel_reply,
            (3, 15) => &mut self.form.like,
            (3, 16) => &mut self.form.more,
            (3, 17) => &mut self.form.more_replies,
            (3, 18) => &mut self.form.empty,
            (3, 19) => &mut self.form.loading,
            (3, 20) => &mut self.form.load_failed,
            (3, 21) => &mut self.form.retry,
            (3, 22) => &mut self.form.edit,
            (3, 23) => &mut self.form.moderated,
            (3, 24) => &mut self.form.queued,
            (3, 25) => &mut self.form.queued_offline,
            (3, 26) => &mut self.form.published,
            (3, 27) => &mut self.form.held,
            (3, 28) => &mut self.form.kept_here,
            (3, 29) => &mut self.form.not_published,
            (3, 30) => &mut self.form.not_sent,
            (3, 31) => &mut self.form.like_pending,
            (3, 32) => &mut self.form.like_refused,
            (3, 33) => &mut self.form.not_kept,
            (3, 34) => &mut self.form.closed,
            (3, 35) => &mut self.form.form_errors,
            (4, 0) => &mut self.reading.text_size,
            (4, 1) => &mut self.reading.smaller,
            (4, 2) => &mut self.reading.larger,
            (4, 3) => &mut self.reading.progress,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn replaces_named_strings_of_one_language_only() {
        set_overrides(
            Locale::En,
            pairs(&[("article.retry", "Try again"), ("form.submit", "Send")]),
        )
        .unwrap();
        assert_eq!(Locale::En.strings().retry, "Try again");
        assert_eq!(Locale::En.comment_box().submit, "Send");
        assert_eq!(
            Locale::En.strings().loading,
            "Loading the article…",
            "others kept"
        );
        assert_eq!(
            Locale::ZhCn.strings().retry,
            "重试",
            "other languages untouched"
        );
        set_overrides(Locale::En, Vec::new()).unwrap();
        assert_eq!(Locale::En.strings().retry, "Retry");
    }

    #[test]
    fn every_name_sets_a_field_of_its_own() {
        let mut tables = Tables {
            strings: Locale::En.strings().clone(),
            feed: Locale::En.feed_strings().clone(),
            form: Locale::En.comment_box().clone(),
            reading: Locale::En.reading_strings().clone(),
        };
        let mut keys = Vec::new();
        for (t, table) in TABLES_NAMED.split_whitespace().enumerate() {
            let names: Vec<&str> = FIELDS[t].split_whitespace().collect();
            for (i, name) in names.iter().enumerate() {
                let key = format!("{table}.{name}");
                let value: &'static str = Box::leak(key.clone().into_boxed_str());
                assert!(tables.set(&key, value), "{key}");
                keys.push((t, i, value));
            }
            assert!(tables.field(t, names.len()).is_none(), "{table}");
        }
        assert_eq!(keys.len(), 76);
        for (t, i, value) in keys {
            assert_eq!(*tables.field(t, i).unwrap(), value, "two names, one field");
        }
        assert!(!tables.set("article.channels ", "x"));
        assert!(!tables.set("article.", "x"));
        assert!(!tables.set("feeds.views", "x"));
    }

    #[test]
    fn reading_controls_can_be_renamed() {
        set_overrides(Locale::ZhCn, pairs(&[("reading.larger", "大一点")])).unwrap();
        assert_eq!(Locale::ZhCn.reading_strings().larger, "大一点");
        assert_eq!(Locale::ZhCn.reading_strings().smaller, "缩小字号");
        set_overrides(Locale::ZhCn, Vec::new()).unwrap();
        assert_eq!(Locale::ZhCn.reading_strings().larger, "放大字号");
    }

    #[test]
    fn later_calls_build_on_earlier_ones() {
        set_overrides(Locale::ZhTw, pairs(&[("feed.recommendations", "推薦")])).unwrap();
        set_overrides(Locale::ZhTw, pairs(&[("comments.just_now", "剛才")])).unwrap();
        assert_eq!(Locale::ZhTw.feed_strings().recommendations, "推薦");
        assert_eq!(Locale::ZhTw.strings().comments.just_now, "剛才");
    }

    #[test]
    fn unknown_keys_refuse_the_whole_call() {
        let error = set_overrides(
            Locale::ZhCn,
            pairs(&[
                ("article.retry", "再试"),
                ("article.nope", "x"),
                ("retry", "y"),
            ]),
        )
        .unwrap_err();
        assert_eq!(
            error,
            OverrideError::UnknownKeys(vec!["article.nope".into(), "retry".into()])
        );
        assert_eq!(
            error.to_string(),
            "unknown interface strings: article.nope, retry"
        );
        assert_eq!(Locale::ZhCn.strings().retry, "重试", "nothing changed");
    }
}

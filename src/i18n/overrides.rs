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
    #[error("unknown interface strings: {}", .0.join(", "))]
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

/// Every key [`Tables::set`] knows, in the order of [`Tables::field`].
const KEYS: [&str; 59] = [
    "article.channels",
    "article.breadcrumbs",
    "article.source",
    "article.authors",
    "article.tags",
    "article.reading_time",
    "article.loading",
    "article.error_heading",
    "article.retry",
    "article.photo_credit",
    "article.updated",
    "comments.anonymous",
    "comments.just_now",
    "comments.name_required",
    "comments.name_too_long",
    "comments.name_one_line",
    "comments.text_required",
    "comments.text_too_long",
    "comments.website_scheme",
    "comments.pending",
    "comments.sending",
    "comments.failed",
    "comments.rejected",
    "comments.local_only",
    "feed.recommendations",
    "feed.clear_history",
    "feed.nothing_to_suggest",
    "feed.error_heading",
    "feed.views",
    "form.heading",
    "form.count",
    "form.name",
    "form.website",
    "form.text",
    "form.submit",
    "form.sending",
    "form.shortcut",
    "form.sort",
    "form.newest",
    "form.oldest",
    "form.most_liked",
    "form.reply",
    "form.replying_to",
    "form.cancel_reply",
    "form.like",
    "form.more",
    "form.empty",
    "form.loading",
    "form.load_failed",
    "form.retry",
    "form.edit",
    "form.moderated",
    "form.posted",
    "form.closed",
    "form.form_errors",
    "reading.text_size",
    "reading.smaller",
    "reading.larger",
    "reading.progress",
];

impl Tables {
    /// Sets the string named `key`; `false` if no string has that name.
    fn set(&mut self, key: &str, value: &'static str) -> bool {
        // A lookup in one list and one jump, not a comparison per key.
        let Some(index) = KEYS.iter().position(|k| *k == key) else {
            return false;
        };
        if let Some(field) = self.field(index) {
            *field = value;
        }
        true
    }

    /// The string named by `KEYS[index]`.
    fn field(&mut self, index: usize) -> Option<&mut &'static str> {
        Some(match index {
            0 => &mut self.strings.channels,
            1 => &mut self.strings.breadcrumbs,
            2 => &mut self.strings.source,
            3 => &mut self.strings.authors,
            4 => &mut self.strings.tags,
            5 => &mut self.strings.reading_time,
            6 => &mut self.strings.loading,
            7 => &mut self.strings.error_heading,
            8 => &mut self.strings.retry,
            9 => &mut self.strings.photo_credit,
            10 => &mut self.strings.updated,
            11 => &mut self.strings.comments.anonymous,
            12 => &mut self.strings.comments.just_now,
            13 => &mut self.strings.comments.name_required,
            14 => &mut self.strings.comments.name_too_long,
            15 => &mut self.strings.comments.name_one_line,
            16 => &mut self.strings.comments.text_required,
            17 => &mut self.strings.comments.text_too_long,
            18 => &mut self.strings.comments.website_scheme,
            19 => &mut self.strings.comments.pending,
            20 => &mut self.strings.comments.sending,
            21 => &mut self.strings.comments.failed,
            22 => &mut self.strings.comments.rejected,
            23 => &mut self.strings.comments.local_only,
            24 => &mut self.feed.recommendations,
            25 => &mut self.feed.clear_history,
            26 => &mut self.feed.nothing_to_suggest,
            27 => &mut self.feed.error_heading,
            28 => &mut self.feed.views,
            29 => &mut self.form.heading,
            30 => &mut self.form.count,
            31 => &mut self.form.name,
            32 => &mut self.form.website,
            33 => &mut self.form.text,
            34 => &mut self.form.submit,
            35 => &mut self.form.sending,
            36 => &mut self.form.shortcut,
            37 => &mut self.form.sort,
            38 => &mut self.form.newest,
            39 => &mut self.form.oldest,
            40 => &mut self.form.most_liked,
            41 => &mut self.form.reply,
            42 => &mut self.form.replying_to,
            43 => &mut self.form.cancel_reply,
            44 => &mut self.form.like,
            45 => &mut self.form.more,
            46 => &mut self.form.empty,
            47 => &mut self.form.loading,
            48 => &mut self.form.load_failed,
            49 => &mut self.form.retry,
            50 => &mut self.form.edit,
            51 => &mut self.form.moderated,
            52 => &mut self.form.posted,
            53 => &mut self.form.closed,
            54 => &mut self.form.form_errors,
            55 => &mut self.reading.text_size,
            56 => &mut self.reading.smaller,
            57 => &mut self.reading.larger,
            58 => &mut self.reading.progress,
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

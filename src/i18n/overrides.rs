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

impl Tables {
    /// Sets the string named `key`; `false` if no string has that name.
    fn set(&mut self, key: &str, value: &'static str) -> bool {
        match key {
            "article.channels" => self.strings.channels = value,
            "article.breadcrumbs" => self.strings.breadcrumbs = value,
            "article.source" => self.strings.source = value,
            "article.authors" => self.strings.authors = value,
            "article.tags" => self.strings.tags = value,
            "article.reading_time" => self.strings.reading_time = value,
            "article.loading" => self.strings.loading = value,
            "article.error_heading" => self.strings.error_heading = value,
            "article.retry" => self.strings.retry = value,
            "article.photo_credit" => self.strings.photo_credit = value,
            "article.updated" => self.strings.updated = value,
            "comments.anonymous" => self.strings.comments.anonymous = value,
            "comments.just_now" => self.strings.comments.just_now = value,
            "comments.name_required" => self.strings.comments.name_required = value,
            "comments.name_too_long" => self.strings.comments.name_too_long = value,
            "comments.name_one_line" => self.strings.comments.name_one_line = value,
            "comments.text_required" => self.strings.comments.text_required = value,
            "comments.text_too_long" => self.strings.comments.text_too_long = value,
            "comments.website_scheme" => self.strings.comments.website_scheme = value,
            "comments.pending" => self.strings.comments.pending = value,
            "comments.sending" => self.strings.comments.sending = value,
            "comments.failed" => self.strings.comments.failed = value,
            "comments.rejected" => self.strings.comments.rejected = value,
            "comments.local_only" => self.strings.comments.local_only = value,
            "feed.recommendations" => self.feed.recommendations = value,
            "feed.clear_history" => self.feed.clear_history = value,
            "feed.nothing_to_suggest" => self.feed.nothing_to_suggest = value,
            "feed.error_heading" => self.feed.error_heading = value,
            "feed.views" => self.feed.views = value,
            "form.heading" => self.form.heading = value,
            "form.count" => self.form.count = value,
            "form.name" => self.form.name = value,
            "form.website" => self.form.website = value,
            "form.text" => self.form.text = value,
            "form.submit" => self.form.submit = value,
            "form.sending" => self.form.sending = value,
            "form.shortcut" => self.form.shortcut = value,
            "form.sort" => self.form.sort = value,
            "form.newest" => self.form.newest = value,
            "form.oldest" => self.form.oldest = value,
            "form.most_liked" => self.form.most_liked = value,
            "form.reply" => self.form.reply = value,
            "form.replying_to" => self.form.replying_to = value,
            "form.cancel_reply" => self.form.cancel_reply = value,
            "form.like" => self.form.like = value,
            "form.more" => self.form.more = value,
            "form.empty" => self.form.empty = value,
            "form.loading" => self.form.loading = value,
            "form.load_failed" => self.form.load_failed = value,
            "form.retry" => self.form.retry = value,
            "form.edit" => self.form.edit = value,
            "form.moderated" => self.form.moderated = value,
            "form.posted" => self.form.posted = value,
            "form.closed" => self.form.closed = value,
            "form.form_errors" => self.form.form_errors = value,
            "reading.text_size" => self.reading.text_size = value,
            "reading.smaller" => self.reading.smaller = value,
            "reading.larger" => self.reading.larger = value,
            "reading.progress" => self.reading.progress = value,
            _ => return false,
        }
        true
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

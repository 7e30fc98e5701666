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

impl Tables {
    /// Sets the string named `key`; `false` if no string has that name.
    fn set(&mut self, key: &str, value: &'static str) -> bool {
        // The table first, then the field: the keys' common prefixes are not spelled out
        // once per key.
        let Some((table, name)) = key.split_once('.') else {
            return false;
        };
        let field = match table {
            "article" => match name {
                "channels" => &mut self.strings.channels,
                "breadcrumbs" => &mut self.strings.breadcrumbs,
                "source" => &mut self.strings.source,
                "authors" => &mut self.strings.authors,
                "tags" => &mut self.strings.tags,
                "reading_time" => &mut self.strings.reading_time,
                "loading" => &mut self.strings.loading,
                "error_heading" => &mut self.strings.error_heading,
                "retry" => &mut self.strings.retry,
                "photo_credit" => &mut self.strings.photo_credit,
                "updated" => &mut self.strings.updated,
                _ => return false,
            },
            "comments" => match name {
                "anonymous" => &mut self.strings.comments.anonymous,
                "just_now" => &mut self.strings.comments.just_now,
                "name_required" => &mut self.strings.comments.name_required,
                "name_too_long" => &mut self.strings.comments.name_too_long,
                "name_one_line" => &mut self.strings.comments.name_one_line,
                "text_required" => &mut self.strings.comments.text_required,
                "text_too_long" => &mut self.strings.comments.text_too_long,
                "website_scheme" => &mut self.strings.comments.website_scheme,
                "pending" => &mut self.strings.comments.pending,
                "sending" => &mut self.strings.comments.sending,
                "failed" => &mut self.strings.comments.failed,
                "rejected" => &mut self.strings.comments.rejected,
                "local_only" => &mut self.strings.comments.local_only,
                _ => return false,
            },
            "feed" => match name {
                "recommendations" => &mut self.feed.recommendations,
                "clear_history" => &mut self.feed.clear_history,
                "nothing_to_suggest" => &mut self.feed.nothing_to_suggest,
                "error_heading" => &mut self.feed.error_heading,
                "views" => &mut self.feed.views,
                _ => return false,
            },
            "form" => match name {
                "heading" => &mut self.form.heading,
                "count" => &mut self.form.count,
                "name" => &mut self.form.name,
                "website" => &mut self.form.website,
                "text" => &mut self.form.text,
                "submit" => &mut self.form.submit,
                "sending" => &mut self.form.sending,
                "shortcut" => &mut self.form.shortcut,
                "sort" => &mut self.form.sort,
                "newest" => &mut self.form.newest,
                "oldest" => &mut self.form.oldest,
                "most_liked" => &mut self.form.most_liked,
                "reply" => &mut self.form.reply,
                "replying_to" => &mut self.form.replying_to,
                "cancel_reply" => &mut self.form.cancel_reply,
                "like" => &mut self.form.like,
                "more" => &mut self.form.more,
                "empty" => &mut self.form.empty,
                "loading" => &mut self.form.loading,
                "load_failed" => &mut self.form.load_failed,
                "retry" => &mut self.form.retry,
                "edit" => &mut self.form.edit,
                "moderated" => &mut self.form.moderated,
                "posted" => &mut self.form.posted,
                "closed" => &mut self.form.closed,
                "form_errors" => &mut self.form.form_errors,
                _ => return false,
            },
            "reading" => match name {
                "text_size" => &mut self.reading.text_size,
                "smaller" => &mut self.reading.smaller,
                "larger" => &mut self.reading.larger,
                "progress" => &mut self.reading.progress,
                _ => return false,
            },
            _ => return false,
        };
        *field = value;
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

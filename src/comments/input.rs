//! The comment form's rules: a name, the text, an optional website. Each problem names its
//! field and has a localized message, so the shell shows it next to that field; the live
//! character count uses the same counting as the limit.

use std::fmt;

use thiserror::Error;

use super::draft::Draft;
use crate::i18n::Locale;
use crate::model::{check_website, Comment, CommentText, WebsiteError};
use crate::text::datetime::DateTime;

/// Longest name, in characters (Unicode scalar values) after trimming.
pub const NAME_MAX: usize = 40;
/// Longest comment, in characters (Unicode scalar values) after trimming.
pub const TEXT_MAX: usize = 1000;

/// A field of the comment form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The commenter's name.
    Name,
    /// The commenter's website.
    Website,
    /// The comment itself.
    Text,
}

/// One problem with what the reader typed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// No name.
    #[error("name: required")]
    NameRequired,
    /// The name is too long.
    #[error("name: at most {max} characters (found {count})")]
    NameTooLong {
        /// The limit.
        max: usize,
        /// Characters typed.
        count: usize,
    },
    /// The name holds line breaks or other control characters.
    #[error("name: must be one line without control characters")]
    NameNotOneLine,
    /// No text.
    #[error("text: required")]
    TextRequired,
    /// The text is too long.
    #[error("text: at most {max} characters (found {count})")]
    TextTooLong {
        /// The limit.
        max: usize,
        /// Characters typed.
        count: usize,
    },
    /// The website is not an absolute http(s) URL.
    #[error("website: {0}")]
    Website(WebsiteError),
}

impl InputError {
    /// The field the problem is about.
    pub fn field(&self) -> Field {
        match self {
            InputError::NameRequired
            | InputError::NameTooLong { .. }
            | InputError::NameNotOneLine => Field::Name,
            InputError::TextRequired | InputError::TextTooLong { .. } => Field::Text,
            InputError::Website(_) => Field::Website,
        }
    }

    /// The message to show next to the field, in the interface language.
    pub fn message(&self, locale: Locale) -> String {
        let s = &locale.strings().comments;
        match self {
            InputError::NameRequired => s.name_required.to_owned(),
            InputError::NameTooLong { max, .. } => crate::text::fill(s.name_too_long, *max as u64),
            InputError::NameNotOneLine => s.name_one_line.to_owned(),
            InputError::TextRequired => s.text_required.to_owned(),
            InputError::TextTooLong { max, .. } => crate::text::fill(s.text_too_long, *max as u64),
            InputError::Website(_) => s.website_scheme.to_owned(),
        }
    }
}

/// A comment ready to submit: trimmed, within the limits, website checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    /// The commenter's name.
    pub author: String,
    /// The commenter's website.
    pub website: Option<String>,
    /// The comment, plain text.
    pub text: String,
    /// The id of the comment replied to.
    pub parent: Option<String>,
}

impl NewComment {
    /// The comment as shown and stored once it has an `id` (plain text, no likes yet),
    /// with the idempotency key `key` it was submitted under.
    pub fn to_comment(&self, id: String, key: &str, created: DateTime) -> Comment {
        Comment {
            id,
            parent: self.parent.clone(),
            author: self.author.clone(),
            website: self.website.clone(),
            created,
            text: CommentText::Plain(self.text.clone()),
            likes: 0,
            key: Some(key.to_owned()),
        }
    }
}

/// Checks the form. Every problem is returned, each naming its field, in form order (name,
/// website, text).
pub fn validate(draft: &Draft) -> Result<NewComment, Vec<InputError>> {
    let mut errors = Vec::new();
    let name = draft.name.trim();
    let name_count = name.chars().count();
    if name.is_empty() {
        errors.push(InputError::NameRequired);
    } else if name.chars().any(char::is_control) {
        errors.push(InputError::NameNotOneLine);
    } else if name_count > NAME_MAX {
        errors.push(InputError::NameTooLong {
            max: NAME_MAX,
            count: name_count,
        });
    }
    let website = match draft.website.trim() {
        "" => None,
        raw => match check_website(raw) {
            Ok(url) => Some(url),
            Err(e) => {
                errors.push(InputError::Website(e));
                None
            }
        },
    };
    let text = draft.text.trim();
    let count = char_count(text);
    if count.used == 0 {
        errors.push(InputError::TextRequired);
    } else if count.over() {
        errors.push(InputError::TextTooLong {
            max: TEXT_MAX,
            count: count.used,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewComment {
        author: name.to_owned(),
        website,
        text: text.to_owned(),
        parent: draft.reply_to.clone().filter(|p| !p.trim().is_empty()),
    })
}

/// The live character count of the comment field, e.g. `12 / 1000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharCount {
    /// Characters typed, trimmed, counted as Unicode scalar values.
    pub used: usize,
    /// The limit.
    pub max: usize,
}

impl CharCount {
    /// Whether the text is over the limit (the shell marks the counter and the field).
    pub fn over(&self) -> bool {
        self.used > self.max
    }

    /// Characters left; negative when over the limit.
    pub fn remaining(&self) -> i64 {
        self.max as i64 - self.used as i64
    }
}

impl CharCount {
    /// `used / max`, as the form shows it.
    pub fn text(&self) -> String {
        let mut text = crate::text::fill("{} / ", self.used as u64);
        text.push_str(&crate::text::fill("{}", self.max as u64));
        text
    }
}

impl fmt::Display for CharCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Counts the comment text as [`validate`] does.
pub fn char_count(text: &str) -> CharCount {
    CharCount {
        used: text.trim().chars().count(),
        max: TEXT_MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, website: &str, text: &str) -> Draft {
        Draft {
            name: name.into(),
            website: website.into(),
            text: text.into(),
            reply_to: None,
        }
    }

    #[test]
    fn trims_and_accepts_a_good_comment() {
        let c = validate(&draft(
            "  斗山街居民 ",
            " https://example.com/~a ",
            "\n辛苦了!\n",
        ))
        .unwrap();
        assert_eq!(c.author, "斗山街居民");
        assert_eq!(c.website.as_deref(), Some("https://example.com/~a"));
        assert_eq!(c.text, "辛苦了!");
        assert_eq!(c.parent, None);
    }

    #[test]
    fn reports_every_field_with_localized_messages() {
        let errors = validate(&draft(" ", "javascript:alert(1)", "   ")).unwrap_err();
        let fields: Vec<_> = errors.iter().map(InputError::field).collect();
        assert_eq!(fields, [Field::Name, Field::Website, Field::Text]);
        let zh: Vec<_> = errors.iter().map(|e| e.message(Locale::ZhCn)).collect();
        assert_eq!(
            zh,
            [
                "请填写昵称",
                "网址须以 http:// 或 https:// 开头",
                "请写下评论内容"
            ]
        );
        assert_eq!(errors[2].message(Locale::En), "Please write a comment");
        assert_eq!(errors[0].message(Locale::ZhTw), "請填寫暱稱");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let ok = validate(&draft(&"汪".repeat(NAME_MAX), "", &"评".repeat(TEXT_MAX))).unwrap();
        assert_eq!(ok.text.chars().count(), TEXT_MAX);
        let errors = validate(&draft(
            &"汪".repeat(NAME_MAX + 1),
            "",
            &"😀".repeat(TEXT_MAX + 1),
        ))
        .unwrap_err();
        assert_eq!(
            errors,
            [
                InputError::NameTooLong {
                    max: NAME_MAX,
                    count: NAME_MAX + 1
                },
                InputError::TextTooLong {
                    max: TEXT_MAX,
                    count: TEXT_MAX + 1
                }
            ]
        );
        assert_eq!(errors[1].message(Locale::ZhCn), "评论最多 1000 个字");
        assert_eq!(
            errors[0].message(Locale::En),
            "Your name can be at most 40 characters"
        );
    }

    #[test]
    fn websites_must_be_absolute_http() {
        for bad in [
            "example.com",
            "/me",
            "mailto:a@b.example",
            "ftp://a.example",
            "data:text/html,x",
        ] {
            let errors = validate(&draft("a", bad, "b")).unwrap_err();
            assert_eq!(errors.len(), 1, "{bad}");
            assert_eq!(errors[0].field(), Field::Website, "{bad}");
        }
        assert_eq!(validate(&draft("a", "   ", "b")).unwrap().website, None);
    }

    #[test]
    fn names_are_one_line() {
        let errors = validate(&draft("a\nb", "", "c")).unwrap_err();
        assert_eq!(errors, [InputError::NameNotOneLine]);
    }

    #[test]
    fn hostile_text_is_kept_as_data() {
        let text = "<script>alert(1)</script> & <img src=x onerror=alert(2)>";
        let c = validate(&draft("<b>x</b>", "", text)).unwrap();
        assert_eq!(c.text, text);
        assert_eq!(c.author, "<b>x</b>");
    }

    #[test]
    fn counter_reads_used_over_limit() {
        assert_eq!(char_count("  你好,世界  ").to_string(), "5 / 1000");
        assert_eq!(char_count("").to_string(), "0 / 1000");
        let long = char_count(&"a".repeat(1001));
        assert!(long.over());
        assert_eq!(long.remaining(), -1);
    }

    #[test]
    fn reply_target_is_kept() {
        let mut d = draft("a", "", "b");
        d.reply_to = Some("c4".into());
        assert_eq!(validate(&d).unwrap().parent.as_deref(), Some("c4"));
    }
}

//! The comment thread contract: one static JSON file per thread (`schema/comments.schema.json`),
//! the validated [`Thread`] and [`Comment`] types every backend produces, and the website rule
//! shared with the comment form.
//!
//! Validation reports each problem at its field path (`comments[2].author`) and checks what a
//! schema cannot: unique ids, replies to existing comments only, no reply cycles.

use serde::Deserializer;
use thiserror::Error;

use super::error::ModelError;
use super::fields::{decode_document, index, join, quoted, validate_document, Validator};
use super::json::Value;
use crate::sanitize::url::{check_url, UrlError, UrlUse};
use crate::text::datetime::DateTime;

/// Most comments a static thread may hold (a thread is shown twenty at a time).
pub const MAX_COMMENTS: usize = 10_000;

/// A comment thread: the comments under one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    /// The thread's identifier (an article id or page path), as the backends know it.
    pub uri: String,
    /// Comments in document order; replies refer to their parent by id.
    pub comments: Vec<Comment>,
}

/// One comment, from any backend. Every string is untrusted data for text nodes only.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// Identifier, unique within its thread.
    pub id: String,
    /// The id of the comment this one replies to; `None` at the top level.
    pub parent: Option<String>,
    /// The author's name; empty when a backend allows anonymous comments.
    pub author: String,
    /// The author's website, always an absolute http(s) URL.
    pub website: Option<String>,
    /// When the comment was written, in the offset it was recorded in.
    pub created: DateTime,
    /// The comment text: plain, or HTML that must go through the sanitizer.
    pub text: CommentText,
    /// Number of likes.
    pub likes: u32,
    /// Idempotency key of the submission that created it, when the backend publishes it, so
    /// that a reader's browser recognises its own comment once it is published.
    pub key: Option<String>,
}

/// The text of a comment and how it must be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentText {
    /// Plain text: insert as a text node (line breaks kept by CSS), never parse it.
    Plain(String),
    /// HTML rendered by a backend (Isso): show it only through the allowlist sanitizer.
    Html(String),
}

impl CommentText {
    /// The raw string, plain or HTML.
    pub fn as_str(&self) -> &str {
        match self {
            CommentText::Plain(s) | CommentText::Html(s) => s,
        }
    }

    /// Whether the text is HTML that needs the sanitizer.
    pub fn is_html(&self) -> bool {
        matches!(self, CommentText::Html(_))
    }
}

/// Why a commenter's website is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WebsiteError {
    /// Empty, spaces at the ends, or control characters.
    #[error(transparent)]
    Url(#[from] UrlError),
    /// Another scheme than http or https.
    #[error("a website must be an http or https URL (found \"{0}:\")")]
    Scheme(String),
    /// Relative, or without a host.
    #[error("a website must be an absolute http or https URL, e.g. https://example.com/")]
    NotAbsolute,
}

/// Checks a commenter's website: an absolute `http://` or `https://` URL with a host, under
/// the same rules as every other URL (no control characters, no spaces at the ends).
/// Relative URLs are refused because they would point into the embedding site.
///
/// ```
/// use article_widget::model::check_website;
/// assert!(check_website("https://example.com/~shexian").is_ok());
/// assert!(check_website("/about").is_err());
/// assert!(check_website("javascript:alert(1)").is_err());
/// ```
pub fn check_website(raw: &str) -> Result<String, WebsiteError> {
    let url = check_url(raw, UrlUse::Link)?;
    let bytes = url.as_bytes();
    let has_prefix = |prefix: &[u8]| {
        bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    let rest = if has_prefix(b"https://") {
        &url[8..]
    } else if has_prefix(b"http://") {
        &url[7..]
    } else if has_prefix(b"mailto:") {
        return Err(WebsiteError::Scheme("mailto".to_owned()));
    } else {
        return Err(WebsiteError::NotAbsolute);
    };
    match rest.chars().next() {
        Some(c) if c != '/' && !c.is_whitespace() => Ok(url),
        _ => Err(WebsiteError::NotAbsolute),
    }
}

/// Reads and validates a comment thread from any serde deserializer.
pub fn decode_thread<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Thread, ModelError> {
    decode_document(deserializer, validate_thread)
}

/// Validates a JSON tree as a comment thread. As for articles, the version is checked first.
pub fn validate_thread(document: &Value) -> Result<Thread, ModelError> {
    validate_document(document, "a comment thread object", Validator::thread)
}

/// Whether an object has `key` at all, `null` included.
fn has_key(obj: &Value, key: &str) -> bool {
    matches!(obj, Value::Object(entries) if entries.iter().any(|(k, _)| k == key))
}

impl Validator {
    fn thread(&mut self, doc: &Value) -> Option<Thread> {
        let uri = self.required_text(doc, "", "uri");
        let comments = match doc.get("comments") {
            None => {
                self.fail(
                    "comments",
                    "required: a list of comments (empty for none yet)",
                );
                None
            }
            Some(Value::Array(items)) => {
                let comments = self.each_up_to(items, "comments", MAX_COMMENTS, Self::comment);
                if let Some(comments) = &comments {
                    self.references(comments);
                }
                comments
            }
            Some(other) => {
                self.wrong_type("comments", "a list of comments", other);
                None
            }
        };
        Some(Thread {
            uri: uri?,
            comments: comments?,
        })
    }

    fn comment(&mut self, obj: &Value, path: &str) -> Option<Comment> {
        // A field that fails records why and reads as its default; the comment is kept if
        // no error was recorded (past the document's fill of errors none is, but then the
        // document is refused anyway). One exit, not one per field with the clean-up of
        // those read before it. A website or key that is not text is reported without
        // refusing the comment.
        let mut errors = self.errors.len();
        let id = self.required_text(obj, path, "id").unwrap_or_default();
        let parent = match obj.get("parent") {
            None if has_key(obj, "parent") => None,
            None => {
                self.fail(
                    &join(path, "parent"),
                    "required: null, or the id of the comment replied to",
                );
                None
            }
            Some(Value::String(p)) if p.trim().is_empty() => {
                self.fail(
                    &join(path, "parent"),
                    "must not be empty (use null for a top-level comment)",
                );
                None
            }
            Some(Value::String(p)) => Some(p.clone()),
            Some(other) => {
                self.wrong_type(&join(path, "parent"), "null or a comment id", other);
                None
            }
        };
        let author = self.required_text(obj, path, "author").unwrap_or_default();
        let before = self.errors.len();
        let website = self.text(obj, path, "website");
        errors += self.errors.len() - before;
        let website = website.and_then(|raw| match check_website(&raw) {
            Ok(url) => Some(url),
            Err(e) => {
                self.fail(&join(path, "website"), e.to_string());
                None
            }
        });
        let created = self.created(obj, path);
        let text = self.required_text(obj, path, "text").unwrap_or_default();
        let likes = self.likes(obj, path).unwrap_or_default();
        let valid = self.errors.len() == errors;
        let key = self.text(obj, path, "idempotency_key");
        match created {
            Some(created) if valid => Some(Comment {
                id,
                parent,
                author,
                website,
                created,
                text: CommentText::Plain(text),
                likes,
                key,
            }),
            _ => None,
        }
    }

    fn created(&mut self, obj: &Value, path: &str) -> Option<DateTime> {
        if obj.get("created").is_none() {
            let message = "required: an ISO 8601 time with offset, e.g. 2020-02-19T07:12:00+08:00";
            self.fail(&join(path, "created"), message);
            return None;
        }
        self.time(obj, path, "created")
    }

    fn likes(&mut self, obj: &Value, path: &str) -> Option<u32> {
        let at = join(path, "likes");
        match obj.get("likes") {
            Some(Value::Number(n))
                if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) =>
            {
                Some(*n as u32)
            }
            Some(Value::Number(_)) => {
                self.fail(&at, "must be a whole number from 0 to 4294967295");
                None
            }
            Some(other) => {
                self.wrong_type(&at, "a number of likes", other);
                None
            }
            None => {
                self.fail(&at, "required: the number of likes (0 for none)");
                None
            }
        }
    }

    /// Checks what spans comments: ids are unique, parents exist, replies form no cycle.
    /// Run on the comments read (every one valid), not on the JSON again.
    fn references(&mut self, comments: &[Comment]) {
        let mut ids = Vec::with_capacity(comments.len());
        for c in comments {
            ids.push(Some(c.id.as_str()));
        }
        let first_of = crate::order::FirstIndex::new(ids);
        let mut parent_of = Vec::with_capacity(comments.len());
        for (i, c) in comments.iter().enumerate() {
            if let Some(first) = first_of.get(&c.id).filter(|&first| first != i) {
                let mut message = quoted("duplicate id ", &c.id, "; ");
                message.push_str(&index("comments", first));
                message.push_str(" has it already");
                self.fail(&field_at(i, "id"), message);
            }
        }
        for (i, c) in comments.iter().enumerate() {
            let parent = c.parent.as_deref().and_then(|parent| {
                let found = first_of.get(parent);
                if found.is_none() {
                    self.fail(
                        &field_at(i, "parent"),
                        quoted("no comment has the id ", parent, ""),
                    );
                }
                found
            });
            parent_of.push(parent);
        }
        for i in cycle_starts(&parent_of) {
            let id = |at: usize| comments[at].id.as_str();
            let mut message = String::from("replies form a cycle: ");
            message.push_str(id(i));
            let mut links = 1;
            let mut at = parent_of[i];
            while let Some(p) = at.filter(|&p| p != i && links <= comments.len()) {
                message.push_str(" → ");
                message.push_str(id(p));
                links += 1;
                at = parent_of[p];
            }
            message.push_str(" → ");
            message.push_str(id(i));
            self.fail(&field_at(i, "parent"), message);
        }
    }
}

/// `comments[i].key`: the path of a field of comment `i`.
fn field_at(i: usize, key: &str) -> String {
    join(&index("comments", i), key)
}

/// For each cycle in a parent forest, the first index (in document order) that lies on it.
pub fn cycle_starts(parent_of: &[Option<usize>]) -> Vec<usize> {
    // The walk that reached each index first, by its start + 1 (0: none yet).
    let mut reached_by = vec![0; parent_of.len()];
    let mut is_start = vec![false; parent_of.len()];
    for start in 0..parent_of.len() {
        let mut at = Some(start);
        while let Some(i) = at {
            if reached_by[i] != 0 {
                if reached_by[i] == start + 1 {
                    // This walk came back to `i`: a cycle, new (an older one would have
                    // been reached by an older walk). Its first member in document order:
                    let mut first = i;
                    let mut next = parent_of[i];
                    while let Some(j) = next.filter(|&j| j != i) {
                        first = first.min(j);
                        next = parent_of[j];
                    }
                    is_start[first] = true;
                }
                break;
            }
            reached_by[i] = start + 1;
            at = parent_of[i];
        }
    }
    let mut starts = Vec::new();
    for (i, start) in is_start.into_iter().enumerate() {
        if start {
            starts.push(i);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_are_absolute_http_urls() {
        for ok in [
            "https://example.com/~shexian",
            "HTTP://a.example",
            "http://例子.测试/",
            "https://a/b c",
        ] {
            assert_eq!(check_website(ok).as_deref(), Ok(ok), "{ok}");
        }
        for bad in [
            "/about",
            "example.com",
            "//example.com",
            "https://",
            "http:///x",
            "https:// a",
            "http:a.example",
            "mailto:a@b.example",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            " https://a.example",
            "https://a.example\n",
            "java\tscript:x",
            "",
            "https://a.example\u{3000}",
        ] {
            assert!(check_website(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            check_website("mailto:a@b"),
            Err(WebsiteError::Scheme("mailto".into()))
        );
        assert_eq!(
            check_website("javascript:x").unwrap_err().to_string(),
            "only http, https, mailto or relative URLs are allowed (found \"javascript:\")"
        );
    }

    #[test]
    fn a_failed_field_refuses_its_comment_but_a_website_of_another_type_does_not() {
        let thread = |first: &str| {
            let text = [
                r#"{"version": "1.0", "uri": "a", "comments": [{"id": "c1", "parent": null,
                "author": "a", "created": "2020-02-19T07:12:00+08:00", "text": "x", "#,
                first,
                r#"}, {"id": "c1", "parent": "c9", "author": "b",
                "created": "2020-02-19T07:12:00+08:00", "text": "y", "likes": 0}]}"#,
            ]
            .concat();
            let errors = validate_thread(&Value::parse(&text).unwrap()).unwrap_err();
            let mut paths = Vec::new();
            for e in errors.fields() {
                paths.push(e.path.clone());
            }
            paths
        };
        // The list is checked for references (duplicate id, missing parent) only when
        // every comment in it is valid.
        assert_eq!(
            thread(r#""likes": 0, "website": 3"#),
            [
                "comments[0].website",
                "comments[1].id",
                "comments[1].parent"
            ]
        );
        assert_eq!(
            thread(r#""likes": 0, "idempotency_key": 3"#),
            [
                "comments[0].idempotency_key",
                "comments[1].id",
                "comments[1].parent"
            ]
        );
        assert_eq!(
            thread(r#""likes": 0, "website": "/about""#),
            ["comments[0].website"]
        );
        assert_eq!(thread(r#""likes": -1"#), ["comments[0].likes"]);
    }

    #[test]
    fn cycle_starts_agree_with_walking_from_every_comment() {
        let mut seed = 0x9e37_79b9_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize
        };
        for _ in 0..2000 {
            let n = next() % 9;
            let mut parent_of = Vec::new();
            for _ in 0..n {
                let p = next() % (n + 2);
                parent_of.push((p < n).then_some(p));
            }
            // On a cycle: walking up from it comes back to it; the cycle's start is its
            // smallest member.
            let mut expected = Vec::new();
            for i in 0..n {
                let mut members = vec![i];
                let mut at = parent_of[i];
                while let Some(p) = at.filter(|&p| p != i && members.len() <= n) {
                    members.push(p);
                    at = parent_of[p];
                }
                if at == Some(i) && members.iter().min() == Some(&i) {
                    expected.push(i);
                }
            }
            assert_eq!(cycle_starts(&parent_of), expected, "{parent_of:?}");
        }
    }

    #[test]
    fn finds_each_cycle_once_at_its_first_member() {
        assert!(cycle_starts(&[None, Some(0), Some(1)]).is_empty());
        assert_eq!(cycle_starts(&[Some(0)]), [0]);
        assert_eq!(
            cycle_starts(&[None, Some(3), Some(1), Some(2), Some(1)]),
            [1]
        );
        assert_eq!(cycle_starts(&[Some(1), Some(0), Some(3), Some(2)]), [0, 2]);
    }
}

//! The static backend: a thread JSON file on any static host (`schema/comments.schema.json`),
//! read-only, validated by [`crate::model::validate_thread`]. Its text is plain text. It is
//! read one way only: the shell fetches the document at [`CommentBackend::page_request`] as it
//! fetches the article and reads it with [`page`].

use super::{CommentBackend, Page, Part, ReadError, Request, Route, ThreadRef};
use crate::comments::outbox::Submission;
use crate::model::{validate_thread, Comment, Value};
use crate::net::error::LoadError;

/// A thread JSON file: read whole, never written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticJson {
    src: String,
}

impl StaticJson {
    /// The thread at `src` (a checked http(s) or relative URL).
    pub fn new(src: impl Into<String>) -> Self {
        Self { src: src.into() }
    }
}

impl CommentBackend for StaticJson {
    fn can_write(&self) -> bool {
        false
    }

    fn reads_documents(&self) -> bool {
        true
    }

    /// The document for the first part of top-level comments; it has no other part.
    fn page_request(&self, _thread: &ThreadRef, part: &Part) -> Option<Request> {
        match part {
            Part::Roots { offset: 0, .. } => Some(Request::get(self.src.clone())),
            _ => None,
        }
    }

    fn submit(&self, _submission: &Submission) -> Route {
        Route::ReadOnly
    }
}

/// The whole thread as the one page a static thread has, from its document at `url` as the
/// shell fetched it (with the article's retries, limits and messages): a 404 is an empty
/// thread (no file, no comments yet); any other failure is the fetch's own message, and a
/// document that does not fit the contract is named by its URL and fields as an article is.
pub fn page(url: &str, document: Result<Value, LoadError>) -> Result<Page, ReadError> {
    let json = match document {
        Ok(json) => json,
        Err(LoadError::Status { status: 404, .. }) => return Ok(Page::default()),
        Err(error) => return Err(ReadError::Load(error)),
    };
    match validate_thread(&json) {
        Ok(thread) => Ok(whole(thread.comments)),
        Err(source) => Err(ReadError::Load(LoadError::Model {
            url: url.to_owned(),
            source,
        })),
    }
}

/// A whole thread as its one page.
fn whole(comments: Vec<Comment>) -> Page {
    Page {
        listed: comments.len(),
        seen: comments.len(),
        comments,
        ..Page::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::body::BodyError;

    #[test]
    fn a_missing_file_is_an_empty_thread() {
        let not_found = LoadError::Status {
            url: "https://a.example/t.json".into(),
            status: 404,
            status_text: "Not Found".into(),
        };
        assert_eq!(page("t.json", Err(not_found)), Ok(Page::default()));
    }

    #[test]
    fn load_failures_keep_the_fetch_message() {
        let empty = LoadError::Body {
            url: "https://a.example/t.json".into(),
            source: BodyError::Empty,
        };
        let error = page("t.json", Err(empty.clone())).unwrap_err();
        assert_eq!(error, ReadError::Load(empty));
        assert_eq!(
            error.to_string(),
            "https://a.example/t.json is empty: the server sent no document"
        );
        assert!(!error.is_transient(), "already retried by the fetch");
    }

    #[test]
    fn a_valid_thread_is_one_whole_page() {
        let json = Value::parse(
            r#"{"version": "1.0", "uri": "a", "comments": [{"id": "c1", "parent": null,
            "author": "A", "created": "2020-02-19T07:12:00+08:00", "text": "t", "likes": 0}]}"#,
        )
        .unwrap();
        let read = page("t.json", Ok(json)).unwrap();
        assert_eq!((read.listed, read.seen, read.unread), (1, 1, 0));
        assert_eq!(read.comments[0].id, "c1");
        let wrong = Value::parse(r#"{"version": "1.0", "uri": 5, "comments": []}"#).unwrap();
        assert_eq!(
            page("https://a.example/t.json", Ok(wrong))
                .unwrap_err()
                .to_string(),
            "https://a.example/t.json: uri: expected text, found a number"
        );
    }
}

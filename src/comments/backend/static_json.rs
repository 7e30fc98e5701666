//! The static backend: a thread JSON file on any static host (`schema/comments.schema.json`),
//! read-only, validated by [`crate::model::validate_thread`]. Its text is plain text.

use super::{CommentBackend, Page, Part, ReadError, Request, Route, ThreadRef};
use crate::comments::outbox::Submission;
use crate::model::{validate_thread, Comment, Value};

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
    fn name(&self) -> &'static str {
        "static"
    }

    fn can_write(&self) -> bool {
        false
    }

    fn thread_request(&self, _thread: &ThreadRef) -> Option<Request> {
        Some(Request::get(self.src.clone()))
    }

    /// The whole thread for the first part of top-level comments; it has no other part.
    fn page_request(&self, thread: &ThreadRef, part: &Part) -> Option<Request> {
        match part {
            Part::Roots { offset: 0, .. } => self.thread_request(thread),
            _ => None,
        }
    }

    fn page_json(&self, json: &Value) -> Result<Page, ReadError> {
        let comments = comments(json)?;
        Ok(Page {
            listed: comments.len(),
            seen: comments.len(),
            comments,
            ..Page::default()
        })
    }

    fn submit(&self, _submission: &Submission) -> Route {
        Route::ReadOnly
    }
}

/// The comments of a static thread document.
pub fn comments(json: &Value) -> Result<Vec<Comment>, ReadError> {
    Ok(validate_thread(json)?.comments)
}

//! The local backend, the embedded default: the reader's own comments kept in this browser
//! (visible on this device only), as a plain store serialised to a string.

use super::{CommentBackend, Route};
use crate::comments::codec::{self, Obj};
use crate::comments::outbox::{Submission, SubmitOutcome};
use crate::comments::stored::{comment_from_value, comment_to_value, records, utc_from_ms};
use crate::model::{Comment, Value};

/// Most comments kept on one device, over all threads.
pub const MAX_LOCAL_COMMENTS: usize = 1000;

/// The storage key of the local store (one per site origin, shared by every thread).
pub fn local_key() -> String {
    [crate::comments::draft::STORAGE_PREFIX, "local"].concat()
}

/// The local backend: new comments go into this device's [`LocalStore`] (the shell keeps
/// it in storage); likes stay on this device; no thread is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Local;

impl CommentBackend for Local {
    fn submit(&self, _submission: &Submission) -> Route {
        Route::Store
    }
}

/// The comments written on this device, by thread.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocalStore {
    entries: Vec<(String, Comment)>,
}

impl LocalStore {
    /// Stores a submission as a comment with the id `local-{key}`. Idempotent: the same key
    /// gives the comment stored the first time. Refused when the store is full.
    pub fn accept(&mut self, submission: &Submission) -> SubmitOutcome {
        if let Some((_, existing)) = self
            .entries
            .iter()
            .find(|(_, c)| c.key.as_deref() == Some(submission.key.as_str()))
        {
            return SubmitOutcome::Confirmed {
                comment: existing.clone(),
                moderated: false,
            };
        }
        if self.entries.len() >= MAX_LOCAL_COMMENTS {
            return SubmitOutcome::Rejected {
                status: 507,
                reason: crate::text::fill(
                    "this device keeps at most {} comments",
                    MAX_LOCAL_COMMENTS as u64,
                ),
            };
        }
        let comment = submission.comment.to_comment(
            ["local-", &submission.key].concat(),
            &submission.key,
            utc_from_ms(submission.created_ms),
        );
        self.entries
            .push((submission.thread.uri.clone(), comment.clone()));
        SubmitOutcome::Confirmed {
            comment,
            moderated: false,
        }
    }

    /// The comments of one thread, oldest first.
    pub fn comments(&self, thread_uri: &str) -> Vec<Comment> {
        let mut comments = Vec::new();
        for (t, c) in &self.entries {
            if t == thread_uri {
                comments.push(c.clone());
            }
        }
        comments
    }

    /// Removes one of the reader's comments; returns whether it was there.
    pub fn remove(&mut self, thread_uri: &str, id: &str) -> bool {
        let before = self.entries.len();
        self.entries
            .retain(|(t, c)| !(t == thread_uri && c.id == id));
        self.entries.len() != before
    }

    /// Takes in the comments another tab or an earlier page stored (`stored`, as
    /// [`LocalStore::to_storage`] writes it), keeping this copy's own: a comment that could
    /// not be written to storage stays while the page is open.
    pub fn merge_stored(&mut self, stored: &str) {
        for (thread, comment) in Self::from_storage(stored).entries {
            if !self.entries.iter().any(|(_, c)| c.id == comment.id) {
                self.entries.push((thread, comment));
            }
        }
    }

    /// Number of comments kept, over all threads.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no comment is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The store as a storage string.
    pub fn to_storage(&self) -> String {
        let mut comments = Vec::with_capacity(self.entries.len());
        for (thread, c) in &self.entries {
            let mut o = Obj::new();
            o.str("thread", thread);
            o.put("comment", comment_to_value(c));
            comments.push(o.value());
        }
        let mut o = Obj::v1();
        o.put("comments", Value::Array(comments));
        o.json()
    }

    /// The store from a storage string: every readable comment; a corrupt string is empty.
    pub fn from_storage(stored: &str) -> Self {
        let doc = codec::parse(stored);
        let mut store = Self::default();
        for record in records(&doc, "comments") {
            let thread = codec::get_str(record, "thread");
            let comment = record.get("comment").and_then(comment_from_value);
            if let (Some(thread), Some(comment)) = (thread, comment) {
                if !store.entries.iter().any(|(_, c)| c.id == comment.id) {
                    store.entries.push((thread.to_owned(), comment));
                }
            }
        }
        store
    }
}

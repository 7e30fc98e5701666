//! The plain HTTP adapter: one JSON POST per submission to a configured URL, for sites with
//! their own endpoint (a serverless function, a form service, a CMS).
//!
//! Request: `POST {endpoint}`, `Content-Type: application/json`, `Idempotency-Key: {key}`:
//!
//! ```json
//! { "idempotency_key": "1705a929200-000000000000feed", "thread": "jijiehao", "parent": "c4",
//!   "author": "练江边", "website": null, "text": "家里一切都好,安心在外面!" }
//! ```
//!
//! `parent` and `website` are `null` when absent; `text` is plain text, never HTML. The
//! endpoint must treat a repeated `idempotency_key` as the same submission and answer it as
//! it answered the first time, because a submission whose answer was lost is sent again with
//! the same key.
//!
//! Response: `200` or `201` with `{"id": "c9", "created": "2020-02-20T06:15:00+08:00"}` (`id`
//! a string or number; `created` optional, ISO 8601 with offset; add `"moderated": true` when
//! the comment awaits moderation). Refusals: a `4xx` status with `{"error": "reason"}` (shown
//! to the reader as text; `409` for a key reused with another comment). `408`, `425`, `429`
//! and `5xx` are retried with backoff.

use super::{success, unsuccessful, CommentBackend, Reply, Request, Route};
use crate::comments::codec::{self, get_id, get_str, Obj};
use crate::comments::outbox::{Failure, Submission, SubmitOutcome};
use crate::comments::stored::utc_from_ms;
use crate::text::datetime::DateTime;

/// A JSON POST endpoint: write-only (read a static thread with it), likes kept on this
/// device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    endpoint: String,
}

impl Http {
    /// The endpoint at `endpoint` (a checked http(s) or relative URL).
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
        }
    }
}

impl CommentBackend for Http {
    fn submit(&self, submission: &Submission) -> Route {
        Route::Send(submit_request(&self.endpoint, submission))
    }

    fn submit_outcome(&self, submission: &Submission, reply: &Reply) -> SubmitOutcome {
        submit_outcome(submission, reply)
    }
}

/// The POST of a submission.
pub fn submit_request(endpoint: &str, submission: &Submission) -> Request {
    let c = &submission.comment;
    let mut body = Obj::new();
    body.str("idempotency_key", &submission.key);
    body.str("thread", &submission.thread.uri);
    body.nullable("parent", c.parent.as_deref());
    body.str("author", &c.author);
    body.nullable("website", c.website.as_deref());
    body.str("text", &c.text);
    let mut request = Request::post_json(endpoint.to_owned(), body);
    request
        .headers
        .push(("Idempotency-Key", submission.key.clone()));
    request
}

/// The outcome of the reply to [`submit_request`].
pub fn submit_outcome(submission: &Submission, reply: &Reply) -> SubmitOutcome {
    let Some((status, body)) = success(reply) else {
        return unsuccessful(reply);
    };
    {
        let Some(json) = codec::parse(body) else {
            return SubmitOutcome::Failed(Failure::BadAnswer);
        };
        if get_str(&json, "error").is_some() {
            return SubmitOutcome::Rejected {
                status,
                reason: super::reason(status, body),
            };
        }
        let Some(id) = get_id(&json, "id") else {
            return SubmitOutcome::Failed(Failure::BadAnswer);
        };
        let created = get_str(&json, "created")
            .and_then(|t| DateTime::parse(t).ok())
            .unwrap_or_else(|| utc_from_ms(submission.created_ms));
        let comment = submission.comment.to_comment(id, &submission.key, created);
        SubmitOutcome::Confirmed {
            comment,
            moderated: codec::get_flag(&json, "moderated"),
        }
    }
}

//! The comment box's core: everything but the DOM, storage and network calls, as plain
//! values and functions with the clock passed in. The browser shell performs the requests
//! and storage writes this core describes.
//!
//! - [`backend`]: which backend reads and which writes ([`backend::setup`]); one trait,
//!   [`CommentBackend`], of request builders and answer parsers, with an adapter each for
//!   static JSON, this device ([`backend::LocalStore`]), Isso and a plain HTTP endpoint.
//! - [`server`]: what has been read of the thread, page by page (Isso's paging), and what
//!   to read next.
//! - [`thread`]: the server's comments merged with the reader's own, as a sorted tree of
//!   rows, paged by top-level comment.
//! - [`time`]: "3分钟前" / "3 minutes ago" and the exact time for the hover title.
//! - [`input`]: the form's rules, per-field errors with localized messages, the live count.
//! - [`draft`]: the draft and the remembered name, as storage strings.
//! - [`outbox`]: every submission, under an idempotency key, until the backend confirms it.
//! - [`likes`]: like once; a like that could not be sent stays pending until it is.
//!
//! One round, as the shell drives it:
//!
//! ```text
//! load     setup(config); while server.next_request(&read, thread, paging.shown) gives
//!          (ask, request) → fetch → server.take(&read, &ask, &reply)
//!          thread::merge(uri, server.comments(), local.comments(uri), &outbox) → Tree::build
//!          → paging.rows(&tree, depth) (a page of top-level comments, 10 replies of each)
//! submit   input::validate(&draft) → outbox.submit(new_key(random, now), thread, comment, now)
//!          save outbox; draft.cleared()
//! send     for outbox.next_actions_for(thread, now, navigator.onLine):
//!            Send(key)    → outbox.begin_send(key, now) gives s; write.submit(s); save:
//!                           Send(request) → fetch → write.submit_outcome(s, &reply), s
//!                                           read again from the outbox by its key
//!                           Store         → local.accept(&s)
//!                           → outbox.finish(key, outcome, now), save
//!            Verify(t)    → write.thread_request(&t) → fetch → write.read_thread(&reply)
//!                           → outbox.verified(uri, &comments, now), or verify_failed(uri, now)
//!          timer at outbox.wake_at_for(thread) (none offline); on `online`: connection_returned(now)
//! merge    across tabs and reloads: outbox.merge_stored(stored) before begin_send and
//!          before saving, so a confirmed key never comes back
//! like     likes.begin(id) (pending) or likes.retry_now(Some(id), now), save; on the click,
//!          the first read, the like timer and `online` (likes.retry_now(None, now)):
//!          for likes.due(now): write.like_request(id) (none: LikeOutcome::LocalOnly);
//!          offline: wait; else likes.start_send(id, now), save → fetch →
//!          write.like_outcome(&reply) → likes.merge_stored(stored),
//!          likes.finish(id, &outcome, now, comment), save (Failed: pending again after the
//!          backoff, the loop stops); timer at likes.wake_at(now) (none offline)
//! ```
//!
//! Every string from a backend or a reader is data: the core builds no markup, and only
//! [`crate::model::CommentText::Html`] (Isso) is meant for the sanitizer.

pub mod backend;
pub mod codec;
pub mod draft;
mod fingerprint;
pub mod input;
pub mod likes;
pub mod outbox;
pub mod server;
mod stored;
pub mod thread;
pub mod time;

pub use backend::{
    setup, CommentBackend, LocalStore, Method, Reply, Request, Route, Setup, ThreadRef,
};
pub use draft::{Draft, Identity};
pub use input::{char_count, validate, CharCount, Field, InputError, NewComment};
pub use likes::{LikeOutcome, Likes};
pub use outbox::{new_key, Action, Failure, Outbox, OutboxPolicy, Submission, SubmitOutcome};
pub use thread::{merge, Entry, Origin, Paging, Row, Sort, Tree};
pub use time::Now;

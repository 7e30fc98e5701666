//! Never lose a comment, never publish it twice. Every submission gets an idempotency key
//! and stays in the outbox until the backend confirms it:
//!
//! ```text
//! submit ─▶ Pending ─begin_send─▶ Sending ─┬─ Confirmed ─▶ removed; its key kept as a Receipt
//!              ▲                           ├─ Failed (offline, timeout, 5xx…) ─▶ retried with backoff,
//!              └──── due again ◀───────────┘     and at once when the connection returns
//!                                          └─ Rejected (4xx + reason) ─▶ kept, not retried automatically
//! ```
//!
//! Exactly once: a key is sent again only while unconfirmed, and a confirmed key is never
//! sent again. When an attempt may have reached the backend without its answer reaching us
//! (time-out, network error, 5xx, a page closed mid-request), the submission is *in doubt*:
//! a backend that honours idempotency keys gets the same key again; for one that does not
//! (Isso), the outbox first asks for a [`Action::Verify`] of the thread and recognises the
//! comment if it was published. The outbox is a plain value, stored as a string.

use thiserror::Error;

use super::backend::{hex_digit, ThreadRef};
use super::codec::{self, get_i64, get_str, get_string, Obj};
use super::fingerprint;
use super::input::NewComment;
use super::stored::{
    comment_from_value, comment_to_value, new_comment_from_value, new_comment_to_value, records,
    thread_from_value, thread_to_value,
};
use crate::i18n::Locale;
use crate::model::{Comment, Value};

/// The storage key of the outbox (one per site origin, shared by every thread).
pub fn outbox_key() -> String {
    [super::draft::STORAGE_PREFIX, "outbox"].concat()
}

/// A fresh idempotency key from caller-supplied randomness (e.g. 64 bits from
/// `crypto.getRandomValues`) and the time: unique per submission, meaningless otherwise.
pub fn new_key(random: u64, now_ms: i64) -> String {
    let mut key = String::new();
    let time = now_ms.max(0) as u64;
    let digits = (64 - time.leading_zeros()).div_ceil(4).max(1);
    for i in (0..digits).rev() {
        key.push(hex_digit((time >> (4 * i)) as u8));
    }
    key.push('-');
    for i in (0..16).rev() {
        key.push(hex_digit((random >> (4 * i)) as u8));
    }
    key
}

/// How the outbox retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxPolicy {
    /// Wait after the first failed attempt; doubled after each further one.
    pub base_delay_ms: i64,
    /// Longest wait between automatic attempts.
    pub max_delay_ms: i64,
    /// How long a request may be in flight before its answer counts as lost. Longer than the
    /// shell's request time-out, so that a page reloaded mid-request (or another tab) does not
    /// send again while the answer may still come.
    pub lease_ms: i64,
    /// Whether the writing backend honours idempotency keys (a repeated key returns the first
    /// result). If not, a submission in doubt is verified before it is sent again.
    pub idempotent: bool,
    /// How many confirmed keys are remembered.
    pub keep_receipts: usize,
}

impl Default for OutboxPolicy {
    fn default() -> Self {
        Self {
            base_delay_ms: 2_000,
            max_delay_ms: 5 * 60_000,
            lease_ms: 60_000,
            idempotent: true,
            keep_receipts: 200,
        }
    }
}

impl OutboxPolicy {
    /// The wait after `attempts` failed attempts: 2 s, 4 s, 8 s… up to the maximum.
    pub fn delay_after(&self, attempts: u32) -> i64 {
        let doublings = attempts.saturating_sub(1).min(30);
        self.base_delay_ms
            .saturating_mul(1 << doublings)
            .min(self.max_delay_ms)
    }
}

/// Why an attempt did not get through; all of these are retried automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Failure {
    /// The browser is offline; nothing was sent.
    #[error("offline")]
    Offline,
    /// The request failed without an HTTP answer.
    #[error("network error")]
    Network,
    /// No answer within the time limit.
    #[error("no answer in time")]
    Timeout,
    /// An HTTP status worth retrying: 408, 425, 429 or 5xx.
    #[error("HTTP {0}")]
    Status(u16),
    /// A success status whose body could not be read.
    #[error("unreadable answer")]
    BadAnswer,
    /// The page closed or the answer never came within the lease.
    #[error("interrupted")]
    Interrupted,
}

impl Failure {
    /// Whether the backend may have stored the comment although this attempt failed.
    pub fn maybe_delivered(&self) -> bool {
        match self {
            Failure::Offline => false,
            Failure::Status(status) => *status >= 500,
            Failure::Network | Failure::Timeout | Failure::BadAnswer | Failure::Interrupted => true,
        }
    }

    /// The failures stored by name, with their names.
    const NAMED: [(Failure, &'static str); 5] = [
        (Failure::Offline, "offline"),
        (Failure::Network, "network"),
        (Failure::Timeout, "timeout"),
        (Failure::BadAnswer, "bad-answer"),
        (Failure::Interrupted, "interrupted"),
    ];

    fn code(&self) -> String {
        if let Failure::Status(s) = self {
            return crate::text::fill("{}", u64::from(*s));
        }
        let mut code = "";
        for &(failure, name) in &Self::NAMED {
            if failure == *self {
                code = name;
            }
        }
        code.to_owned()
    }

    fn from_code(code: &str) -> Self {
        for &(failure, name) in &Self::NAMED {
            if name == code {
                return failure;
            }
        }
        crate::text::number(code, 10)
            .and_then(|n| u16::try_from(n).ok())
            .map_or(Failure::Interrupted, Failure::Status)
    }
}

/// What a backend made of one attempt to publish a submission.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    /// Stored. The comment as the backend has it (its id, time, and text).
    Confirmed {
        /// The published comment.
        comment: Comment,
        /// Stored but awaiting moderation (not yet shown to other readers).
        moderated: bool,
    },
    /// Not stored, or not known to be stored: retry.
    Failed(Failure),
    /// Refused (4xx). Retrying the same text would be refused again.
    Rejected {
        /// HTTP status.
        status: u16,
        /// The backend's reason, plain text to show as is (as text).
        reason: String,
    },
}

/// Where a submission is on its way to the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Waiting to be sent; due at `due_ms`.
    Pending {
        /// When it may be sent.
        due_ms: i64,
    },
    /// A request is in flight since `since_ms`.
    Sending {
        /// When the request started.
        since_ms: i64,
    },
    /// The last attempt failed for a passing reason; retried at `retry_ms`.
    Failed {
        /// Why.
        failure: Failure,
        /// When the next automatic attempt is due.
        retry_ms: i64,
    },
    /// The backend refused it; kept, with its reason, until the reader retries or edits it.
    Rejected {
        /// HTTP status.
        status: u16,
        /// The backend's reason.
        reason: String,
    },
}

impl Status {
    /// The status's name, as stored and as the page marks it (`data-status`).
    pub fn name(&self) -> &'static str {
        match self {
            Status::Pending { .. } => "pending",
            Status::Sending { .. } => "sending",
            Status::Failed { .. } => "failed",
            Status::Rejected { .. } => "rejected",
        }
    }
}

/// A comment on its way to the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The idempotency key, unique per submission.
    pub key: String,
    /// The thread it belongs to.
    pub thread: ThreadRef,
    /// What the reader wrote.
    pub comment: NewComment,
    /// When the reader submitted it (unix ms).
    pub created_ms: i64,
    /// Attempts started so far.
    pub attempts: u32,
    /// Whether an earlier attempt may have reached the backend.
    pub in_doubt: bool,
    /// Where it is now.
    pub status: Status,
}

impl Submission {
    /// The status line to show beside the pending comment, in the interface language.
    pub fn label(&self, locale: Locale) -> String {
        let s = &locale.strings().comments;
        match &self.status {
            Status::Pending { .. } => s.pending.to_owned(),
            Status::Sending { .. } => s.sending.to_owned(),
            Status::Failed { .. } => s.failed.to_owned(),
            Status::Rejected { reason, .. } => crate::text::replace(s.rejected, "{}", reason),
        }
    }

    /// Whether a request for it is in flight (the submit button stays disabled).
    pub fn is_sending(&self) -> bool {
        matches!(self.status, Status::Sending { .. })
    }
}

/// A confirmed submission: its key is never sent again, and its comment is shown until the
/// thread as read from the server contains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The idempotency key.
    pub key: String,
    /// The thread's uri.
    pub thread: String,
    /// The id the backend gave the comment.
    pub id: String,
    /// When the confirmation arrived (unix ms).
    pub confirmed_ms: i64,
    /// Awaiting moderation.
    pub moderated: bool,
    /// The comment, until the thread read from the server has it.
    pub comment: Option<Comment>,
}

/// What the shell should do next for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send this submission now: [`Outbox::begin_send`], then the writing backend's request.
    Send(String),
    /// Read this thread from the writing backend, then call [`Outbox::verified`]: some
    /// submissions may have been published although their answer was lost.
    Verify(ThreadRef),
}

/// What [`Outbox::finish`] did with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// Published; the submission left the outbox.
    Confirmed,
    /// Failed; retried automatically at this time.
    Retry {
        /// When the next attempt is due (unix ms).
        at_ms: i64,
    },
    /// Refused; kept with the backend's reason.
    Rejected,
    /// Not applicable: the key is unknown, already confirmed, or the answer is stale.
    Ignored,
}

/// Why a submission was not accepted into the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OutboxError {
    /// The key is empty.
    #[error("an idempotency key must not be empty")]
    EmptyKey,
    /// The key was used before; each submission needs a new one.
    #[error("idempotency key \"{0}\" was used before")]
    DuplicateKey(String),
}

/// The submissions not yet confirmed, and the keys of those that were.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outbox {
    /// How retries are timed; not stored.
    pub policy: OutboxPolicy,
    items: Vec<Submission>,
    receipts: Vec<Receipt>,
}

impl Outbox {
    /// An empty outbox with `policy`.
    pub fn new(policy: OutboxPolicy) -> Self {
        Self {
            policy,
            items: Vec::new(),
            receipts: Vec::new(),
        }
    }

    /// Submissions in the order they were made.
    pub fn items(&self) -> &[Submission] {
        &self.items
    }

    /// The submissions of one thread.
    pub fn for_thread<'a>(&'a self, uri: &'a str) -> impl Iterator<Item = &'a Submission> + 'a {
        self.items.iter().filter(move |s| s.thread.uri == uri)
    }

    /// The submission with `key`.
    pub fn get(&self, key: &str) -> Option<&Submission> {
        self.items.iter().find(|s| s.key == key)
    }

    /// Confirmed submissions remembered, oldest first.
    pub fn receipts(&self) -> &[Receipt] {
        &self.receipts
    }

    /// Whether `key` was confirmed.
    pub fn is_confirmed(&self, key: &str) -> bool {
        self.receipts.iter().any(|r| r.key == key)
    }

    /// Puts a validated comment into the outbox under a new key, due now.
    pub fn submit(
        &mut self,
        key: String,
        thread: ThreadRef,
        comment: NewComment,
        now_ms: i64,
    ) -> Result<&Submission, OutboxError> {
        if key.is_empty() {
            return Err(OutboxError::EmptyKey);
        }
        if self.get(&key).is_some() || self.is_confirmed(&key) {
            return Err(OutboxError::DuplicateKey(key));
        }
        self.items.push(Submission {
            key,
            thread,
            comment,
            created_ms: now_ms,
            attempts: 0,
            in_doubt: false,
            status: Status::Pending { due_ms: now_ms },
        });
        Ok(&self.items[self.items.len() - 1])
    }

    /// What is due at `now_ms`, in submission order. Requests in flight longer than the lease
    /// count as interrupted (in doubt). Offline, nothing is due.
    pub fn next_actions(&mut self, now_ms: i64, online: bool) -> Vec<Action> {
        self.due(None, now_ms, online)
    }

    /// [`Outbox::next_actions`] for one thread only: a page sends its own thread's
    /// submissions through its own backend, and leaves the others (which may belong to
    /// another backend) for their own pages.
    pub fn next_actions_for(&mut self, thread_uri: &str, now_ms: i64, online: bool) -> Vec<Action> {
        self.due(Some(thread_uri), now_ms, online)
    }

    /// What is due at `now_ms` (of one thread, or of all); every lease that ran out, of
    /// whichever thread, counts as interrupted.
    fn due(&mut self, thread_uri: Option<&str>, now_ms: i64, online: bool) -> Vec<Action> {
        let lease = self.policy.lease_ms;
        for s in &mut self.items {
            if let Status::Sending { since_ms } = s.status {
                if now_ms >= since_ms.saturating_add(lease) {
                    s.in_doubt = true;
                    s.status = Status::Failed {
                        failure: Failure::Interrupted,
                        retry_ms: now_ms,
                    };
                }
            }
        }
        if !online {
            return Vec::new();
        }
        let mut actions = Vec::new();
        for s in &self.items {
            let due = match s.status {
                Status::Pending { due_ms } => due_ms <= now_ms,
                Status::Failed { retry_ms, .. } => retry_ms <= now_ms,
                Status::Sending { .. } | Status::Rejected { .. } => false,
            };
            if !due || thread_uri.is_some_and(|uri| s.thread.uri != uri) {
                continue;
            }
            let action = if s.in_doubt && !self.policy.idempotent {
                Action::Verify(s.thread.clone())
            } else {
                Action::Send(s.key.clone())
            };
            if !actions.contains(&action) {
                actions.push(action);
            }
        }
        actions
    }

    /// [`Outbox::wake_at`] for one thread only.
    pub fn wake_at_for(&self, thread_uri: &str) -> Option<i64> {
        self.soonest(Some(thread_uri))
    }

    /// When the soonest submission (of one thread, or of all) becomes due.
    fn soonest(&self, thread_uri: Option<&str>) -> Option<i64> {
        let mut soonest: Option<i64> = None;
        for s in &self.items {
            if thread_uri.is_some_and(|uri| s.thread.uri != uri) {
                continue;
            }
            if let Some(at) = self.due_at(s) {
                soonest = Some(soonest.map_or(at, |t| t.min(at)));
            }
        }
        soonest
    }

    /// When `s` next becomes due, if ever automatically.
    fn due_at(&self, s: &Submission) -> Option<i64> {
        match s.status {
            Status::Pending { due_ms } => Some(due_ms),
            Status::Failed { retry_ms, .. } => Some(retry_ms),
            Status::Sending { since_ms } => Some(since_ms.saturating_add(self.policy.lease_ms)),
            Status::Rejected { .. } => None,
        }
    }

    /// Marks a submission as being sent and returns it, to build the request from (save
    /// the outbox before sending). `None` when it is already in flight, was refused, or must
    /// be verified first, so that a double click or a second tab never sends it twice.
    pub fn begin_send(&mut self, key: &str, now_ms: i64) -> Option<&Submission> {
        let idempotent = self.policy.idempotent;
        let s = self.items.iter_mut().find(|s| s.key == key)?;
        let sendable = matches!(s.status, Status::Pending { .. } | Status::Failed { .. })
            && (idempotent || !s.in_doubt);
        if !sendable {
            return None;
        }
        s.status = Status::Sending { since_ms: now_ms };
        s.attempts = s.attempts.saturating_add(1);
        Some(s)
    }

    /// Records the backend's answer to an attempt.
    pub fn finish(&mut self, key: &str, outcome: SubmitOutcome, now_ms: i64) -> Finished {
        if self.is_confirmed(key) {
            return Finished::Ignored;
        }
        let Some(index) = self.items.iter().position(|s| s.key == key) else {
            return Finished::Ignored;
        };
        match outcome {
            SubmitOutcome::Confirmed { comment, moderated } => {
                self.confirm(index, comment.id.clone(), Some(comment), moderated, now_ms);
                Finished::Confirmed
            }
            _ if !self.items[index].is_sending() => Finished::Ignored,
            SubmitOutcome::Failed(failure) => {
                let at_ms =
                    now_ms.saturating_add(self.policy.delay_after(self.items[index].attempts));
                let s = &mut self.items[index];
                s.in_doubt |= failure.maybe_delivered();
                s.status = Status::Failed {
                    failure,
                    retry_ms: at_ms,
                };
                Finished::Retry { at_ms }
            }
            SubmitOutcome::Rejected { status, reason } => {
                self.items[index].status = Status::Rejected { status, reason };
                Finished::Rejected
            }
        }
    }

    /// Reconciles the outbox with the thread as the writing backend now publishes it: a
    /// submission found there (by its key, or, if in doubt, by author, words and time) is
    /// confirmed; one in doubt that is not found was not published and is due again.
    /// Returns the keys confirmed. Receipts whose comment the server now shows drop it.
    ///
    /// `published` must come from the writing backend itself, read after the attempts in
    /// doubt: a copy that may lag (a static thread rebuilt later) would make a published
    /// submission look unpublished, and a backend without idempotency keys would store it
    /// twice.
    pub fn verified(
        &mut self,
        thread_uri: &str,
        published: &[Comment],
        now_ms: i64,
    ) -> Vec<String> {
        // The id found for each submission: first by key, then (those in doubt and not in
        // flight) by fingerprint; a published comment is claimed by one submission at most.
        let mut claimed: Vec<&str> = Vec::new();
        for r in &self.receipts {
            claimed.push(&r.id);
        }
        let mut found: Vec<Option<&str>> = Vec::with_capacity(self.items.len());
        for _ in &self.items {
            found.push(None);
        }
        for by_key in [true, false] {
            for (i, s) in self.items.iter().enumerate() {
                if s.thread.uri != thread_uri
                    || found[i].is_some()
                    || !by_key && (!s.in_doubt || s.is_sending())
                {
                    continue;
                }
                for c in published {
                    let same = if by_key {
                        c.key.as_deref() == Some(s.key.as_str())
                    } else {
                        c.key.is_none()
                            && fingerprint::matches(
                                c,
                                &s.comment.author,
                                &s.comment.text,
                                s.created_ms,
                            )
                    };
                    if same && !claimed.contains(&c.id.as_str()) {
                        claimed.push(&c.id);
                        found[i] = Some(&c.id);
                        break;
                    }
                }
            }
        }
        // Confirmed in submission order; each confirmation takes its submission out, so
        // the next one is at the same index.
        let mut keys = Vec::new();
        let mut index = 0;
        for id in found {
            match id {
                Some(id) => {
                    keys.push(self.items[index].key.clone());
                    self.confirm(index, id.to_owned(), None, false, now_ms);
                }
                None => index += 1,
            }
        }
        for s in &mut self.items {
            if s.thread.uri == thread_uri
                && s.in_doubt
                && matches!(s.status, Status::Pending { .. } | Status::Failed { .. })
            {
                s.in_doubt = false;
                s.status = Status::Pending { due_ms: now_ms };
            }
        }
        for r in &mut self.receipts {
            if r.thread == thread_uri
                && published
                    .iter()
                    .any(|c| c.id == r.id || c.key.as_deref() == Some(r.key.as_str()))
            {
                r.comment = None;
            }
        }
        keys
    }

    /// The thread could not be read to verify it: try again later.
    pub fn verify_failed(&mut self, thread_uri: &str, now_ms: i64) {
        for s in &mut self.items {
            if s.thread.uri != thread_uri || !s.in_doubt {
                continue;
            }
            if let Status::Failed { retry_ms, .. } = &mut s.status {
                *retry_ms = now_ms.saturating_add(self.policy.delay_after(s.attempts.max(1)));
            }
        }
    }

    /// The connection is back: everything that failed is due now.
    pub fn connection_returned(&mut self, now_ms: i64) {
        for s in &mut self.items {
            match &mut s.status {
                Status::Failed { retry_ms, .. } => *retry_ms = (*retry_ms).min(now_ms),
                Status::Pending { due_ms } => *due_ms = (*due_ms).min(now_ms),
                Status::Sending { .. } | Status::Rejected { .. } => {}
            }
        }
    }

    /// The reader asked to retry: a failed or refused submission is due now. Returns whether
    /// anything changed.
    pub fn retry_now(&mut self, key: &str, now_ms: i64) -> bool {
        let Some(s) = self.items.iter_mut().find(|s| s.key == key) else {
            return false;
        };
        match &mut s.status {
            Status::Failed { retry_ms, .. } => *retry_ms = now_ms,
            Status::Rejected { .. } => s.status = Status::Pending { due_ms: now_ms },
            Status::Pending { due_ms } => *due_ms = now_ms,
            Status::Sending { .. } => return false,
        }
        true
    }

    /// Takes a submission out of the outbox (to discard it, or to edit it in the form, see
    /// [`super::draft::Draft::from_submission`]). Not while it is being sent.
    pub fn remove(&mut self, key: &str) -> Option<Submission> {
        let index = self
            .items
            .iter()
            .position(|s| s.key == key && !s.is_sending())?;
        Some(self.items.remove(index))
    }

    /// When something next becomes due (unix ms), for the shell's timer.
    pub fn wake_at(&self) -> Option<i64> {
        self.soonest(None)
    }

    /// Folds in another copy of the outbox (as stored by another tab, or before a reload):
    /// confirmed keys from either win, and of two copies of a submission the one further
    /// along is kept. Save the result, so no tab resurrects a confirmed submission.
    pub fn merge(&mut self, other: Outbox) {
        for r in other.receipts {
            self.take_receipt(r);
        }
        for theirs in other.items {
            self.take_item(theirs);
        }
        self.settle();
    }

    /// [`Outbox::merge`] with the outbox stored as `stored` (see [`Outbox::to_storage`]),
    /// read record by record into this one: every record that can be read, the rest
    /// dropped; a corrupt string adds nothing.
    pub fn merge_stored(&mut self, stored: &str) {
        let doc = codec::parse(stored);
        for r in records(&doc, "receipts") {
            if let Some(r) = receipt_from_value(r) {
                self.take_receipt(r);
            }
        }
        for s in records(&doc, "items") {
            if let Some(s) = submission_from_value(s) {
                self.take_item(s);
            }
        }
        self.settle();
    }

    /// A receipt of another copy, unless its key is confirmed here already.
    fn take_receipt(&mut self, r: Receipt) {
        if !self.is_confirmed(&r.key) {
            self.receipts.push(r);
        }
    }

    /// A submission of another copy: new here, or further along than ours.
    fn take_item(&mut self, theirs: Submission) {
        match self.items.iter_mut().find(|s| s.key == theirs.key) {
            None => self.items.push(theirs),
            Some(ours) => {
                let doubt = ours.in_doubt || theirs.in_doubt;
                if progress(&theirs) > progress(ours) {
                    *ours = theirs;
                }
                ours.in_doubt = doubt;
            }
        }
    }

    /// After a merge: confirmed submissions out, the rest in submission order, the newest
    /// receipts kept.
    fn settle(&mut self) {
        let mut i = 0;
        while i < self.items.len() {
            if self.is_confirmed(&self.items[i].key) {
                self.items.remove(i);
            } else {
                i += 1;
            }
        }
        crate::order::sort_by_key(&mut self.items, |s| s.created_ms);
        self.trim_receipts();
    }

    /// The outbox as a storage string.
    pub fn to_storage(&self) -> String {
        let mut items = Vec::with_capacity(self.items.len());
        for s in &self.items {
            items.push(submission_to_value(s));
        }
        let mut receipts = Vec::with_capacity(self.receipts.len());
        for r in &self.receipts {
            receipts.push(receipt_to_value(r));
        }
        let mut o = Obj::v1();
        o.put("items", Value::Array(items));
        o.put("receipts", Value::Array(receipts));
        o.json()
    }

    /// The outbox from a storage string: every record that can be read, the rest dropped;
    /// a corrupt string gives an empty outbox.
    pub fn from_storage(stored: &str, policy: OutboxPolicy) -> Self {
        let mut outbox = Outbox::new(policy);
        outbox.merge_stored(stored);
        outbox
    }

    fn confirm(
        &mut self,
        index: usize,
        id: String,
        comment: Option<Comment>,
        moderated: bool,
        now_ms: i64,
    ) {
        let s = self.items.remove(index);
        let mut comment = comment;
        if let Some(c) = &mut comment {
            c.key = Some(s.key.clone());
        }
        self.receipts.push(Receipt {
            key: s.key,
            thread: s.thread.uri,
            id,
            confirmed_ms: now_ms,
            moderated,
            comment,
        });
        self.trim_receipts();
    }

    fn trim_receipts(&mut self) {
        // The newest `keep_receipts` stay.
        self.receipts.reverse();
        self.receipts.truncate(self.policy.keep_receipts);
        self.receipts.reverse();
    }
}

/// How far along a submission is, to pick between two copies of it.
fn progress(s: &Submission) -> (u32, u8) {
    let stage = match s.status {
        Status::Pending { .. } => 0,
        Status::Sending { .. } => 1,
        Status::Failed { .. } => 2,
        Status::Rejected { .. } => 3,
    };
    (s.attempts, stage)
}

fn submission_to_value(s: &Submission) -> Value {
    let mut status = Obj::new();
    status.str("s", s.status.name());
    match &s.status {
        Status::Pending { due_ms: at } | Status::Sending { since_ms: at } => status.num("at", *at),
        Status::Failed { failure, retry_ms } => {
            status.num("at", *retry_ms);
            status.str("why", &failure.code());
        }
        Status::Rejected {
            status: http,
            reason,
        } => {
            status.num("http", i64::from(*http));
            status.str("why", reason);
        }
    }
    let mut o = Obj::new();
    o.str("key", &s.key);
    o.put("thread", thread_to_value(&s.thread));
    o.put("comment", new_comment_to_value(&s.comment));
    o.num("created", s.created_ms);
    o.num("attempts", i64::from(s.attempts));
    o.flag("doubt", s.in_doubt);
    o.put("status", status.value());
    o.value()
}

fn submission_from_value(v: &Value) -> Option<Submission> {
    // Everything that can refuse the record first, then the copies: no half-built
    // record to clean up on the way out.
    let st = v.get("status")?;
    let key = get_str(v, "key").filter(|k| !k.is_empty())?;
    let created_ms = get_i64(v, "created")?;
    let at = get_i64(st, "at");
    let status = match get_str(st, "s")? {
        "pending" => Status::Pending { due_ms: at? },
        "sending" => Status::Sending { since_ms: at? },
        "failed" => Status::Failed {
            failure: Failure::from_code(get_str(st, "why").unwrap_or_default()),
            retry_ms: at?,
        },
        "rejected" => Status::Rejected {
            status: get_i64(st, "http")
                .and_then(|n| u16::try_from(n).ok())
                .unwrap_or(400),
            reason: String::new(),
        },
        _ => return None,
    };
    let thread = thread_from_value(v.get("thread")?)?;
    let comment = new_comment_from_value(v.get("comment")?)?;
    // A refusal's reason is copied last, once nothing can refuse the record.
    let mut status = status;
    if let Status::Rejected { reason, .. } = &mut status {
        *reason = get_string(st, "why").unwrap_or_default();
    }
    Some(Submission {
        key: key.to_owned(),
        thread,
        comment,
        created_ms,
        attempts: codec::get_u32(v, "attempts").unwrap_or(0),
        in_doubt: codec::get_flag(v, "doubt"),
        status,
    })
}

fn receipt_to_value(r: &Receipt) -> Value {
    let mut o = Obj::new();
    o.str("key", &r.key);
    o.str("thread", &r.thread);
    o.str("id", &r.id);
    o.num("at", r.confirmed_ms);
    o.flag("moderated", r.moderated);
    if let Some(c) = &r.comment {
        o.put("comment", comment_to_value(c));
    }
    o.value()
}

fn receipt_from_value(v: &Value) -> Option<Receipt> {
    let key = get_str(v, "key").filter(|k| !k.is_empty())?;
    let thread = get_str(v, "thread")?;
    let id = get_str(v, "id")?;
    Some(Receipt {
        key: key.to_owned(),
        thread: thread.to_owned(),
        id: id.to_owned(),
        confirmed_ms: get_i64(v, "at").unwrap_or(0),
        moderated: codec::get_flag(v, "moderated"),
        comment: v.get("comment").and_then(comment_from_value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thread() -> ThreadRef {
        ThreadRef {
            uri: "jijiehao".into(),
            title: "天天可闻“集结号”处处都见先锋队".into(),
        }
    }

    fn comment(text: &str) -> NewComment {
        NewComment {
            author: "黄山读者".into(),
            website: None,
            text: text.into(),
            parent: None,
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = OutboxPolicy::default();
        let delays: Vec<_> = (1..=9).map(|a| p.delay_after(a)).collect();
        assert_eq!(
            delays,
            [2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000]
        );
        assert_eq!(p.delay_after(u32::MAX), 300_000);
    }

    #[test]
    fn keys_are_unique_and_not_reused() {
        let mut o = Outbox::default();
        assert_eq!(
            o.submit(String::new(), thread(), comment("a"), 0)
                .unwrap_err(),
            OutboxError::EmptyKey
        );
        o.submit("k".into(), thread(), comment("a"), 0).unwrap();
        assert!(matches!(
            o.submit("k".into(), thread(), comment("b"), 1),
            Err(OutboxError::DuplicateKey(_))
        ));
        assert_eq!(
            new_key(0xfeed, 1_582_067_520_000),
            "1705a929200-000000000000feed"
        );
    }

    #[test]
    fn failure_classes() {
        assert!(!Failure::Offline.maybe_delivered());
        assert!(!Failure::Status(429).maybe_delivered());
        assert!(Failure::Status(503).maybe_delivered());
        assert!(Failure::Timeout.maybe_delivered());
        for f in [
            Failure::Offline,
            Failure::Network,
            Failure::Timeout,
            Failure::Status(502),
            Failure::BadAnswer,
            Failure::Interrupted,
        ] {
            assert_eq!(Failure::from_code(&f.code()), f);
        }
    }

    #[test]
    fn labels_in_each_language() {
        let mut o = Outbox::default();
        o.submit("k".into(), thread(), comment("a"), 0).unwrap();
        assert_eq!(o.get("k").unwrap().label(Locale::ZhCn), "等待发送");
        o.begin_send("k", 0);
        assert_eq!(o.get("k").unwrap().label(Locale::En), "Sending…");
        o.finish(
            "k",
            SubmitOutcome::Rejected {
                status: 400,
                reason: "text is too short".into(),
            },
            1,
        );
        assert_eq!(
            o.get("k").unwrap().label(Locale::ZhTw),
            "未能發表:text is too short"
        );
    }
}

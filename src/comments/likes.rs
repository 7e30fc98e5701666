//! Like once: the comments of a thread this reader liked, kept across reloads. A like the
//! backend counted shows its count; a like kept on this device only (static, local and http
//! backends) adds one to the count shown here.
//!
//! A like is recorded before it is sent and stays recorded: one that could not be sent
//! (offline, no answer, a time-out, 408/429/5xx) is pending, sent again after the outbox's
//! backoff ([`OutboxPolicy::delay_after`]), at once when the connection returns or the page
//! is opened again, and never sent while another attempt is in flight (in this page or
//! another tab). A like whose answer was lost may reach the server twice;
//! Isso counts one like per reader, so it is counted once.

use super::codec::{self, get_i64, get_list, get_str, Obj};
use super::outbox::OutboxPolicy;
use crate::model::{Comment, Value};

/// How long a like may stay in flight before it is taken for lost and sent again (by this
/// page after a reload, or by another tab): well past the shell's request time limit.
pub const STALE_SENDING_MS: i64 = 30_000;

/// The storage key of a thread's likes.
pub fn likes_key(thread_uri: &str) -> String {
    [super::draft::STORAGE_PREFIX, "likes:", thread_uri].concat()
}

/// What the backend made of a like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LikeOutcome {
    /// Counted by the backend, which now reports `likes` (`None`: an answer without the
    /// count).
    Counted {
        /// The new count.
        likes: Option<u32>,
    },
    /// The backend has no likes: kept on this device.
    LocalOnly,
    /// Did not get through for a passing reason: kept pending, sent again later.
    Failed,
    /// The backend refused it: forgotten (the reader may like again), with its reason.
    Refused {
        /// The backend's reason, short plain text (at most
        /// [`crate::comments::backend::MAX_REASON_CHARS`] characters).
        reason: String,
    },
}

/// Where one like stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeState {
    /// Recorded, not sent yet (or the last attempt failed): sent when possible.
    Pending,
    /// A request is in flight since `since_ms` (unix ms).
    Sending {
        /// When the request started.
        since_ms: i64,
    },
    /// Done; `counted` by the backend (whose count is then `likes`) or on this device only.
    Liked {
        /// Whether the backend counted it.
        counted: bool,
        /// The count the backend reported.
        likes: Option<u32>,
    },
}

impl LikeState {
    /// How far along it is: a merge keeps the furthest state of a like.
    fn rank(self) -> u8 {
        match self {
            LikeState::Pending => 0,
            LikeState::Sending { .. } => 1,
            LikeState::Liked { .. } => 2,
        }
    }
}

/// One like: its comment, where it stands, and its attempts in this page (a page opened
/// again sends a pending like at once, its backoff started over).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Like {
    id: String,
    state: LikeState,
    /// Attempts started so far (the backoff grows with them).
    attempts: u32,
    /// When a pending like is next due (unix ms; 0: at once).
    retry_ms: i64,
}

impl Like {
    /// When it is next due: a pending one at its retry time, one in flight when its lease
    /// runs out (at once when it started in the future: a clock set back, or a corrupt
    /// record), a liked one never.
    fn due_at(&self, now_ms: i64) -> Option<i64> {
        match self.state {
            LikeState::Pending => Some(self.retry_ms),
            LikeState::Sending { since_ms } if since_ms > now_ms => Some(now_ms),
            LikeState::Sending { since_ms } => Some(since_ms.saturating_add(STALE_SENDING_MS)),
            LikeState::Liked { .. } => None,
        }
    }
}

/// The comments of one thread this reader liked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Likes {
    liked: Vec<Like>,
}

impl Likes {
    /// The state of the like of comment `id`, if any.
    pub fn state(&self, id: &str) -> Option<LikeState> {
        self.like(id).map(|l| l.state)
    }

    fn like(&self, id: &str) -> Option<&Like> {
        self.liked.iter().find(|l| l.id == id)
    }

    /// Whether the reader liked comment `id` (counted, or still to be sent).
    pub fn has_liked(&self, id: &str) -> bool {
        self.state(id).is_some()
    }

    /// Records a like of comment `id`, pending; `false` if it was liked already (nothing
    /// more to send).
    pub fn begin(&mut self, id: &str) -> bool {
        if self.has_liked(id) {
            return false;
        }
        self.liked.push(Like {
            id: id.to_owned(),
            state: LikeState::Pending,
            attempts: 0,
            retry_ms: 0,
        });
        true
    }

    /// The likes to send now, oldest first: pending ones whose retry time has come, and ones
    /// in flight for longer than [`STALE_SENDING_MS`] or since a time still to come.
    pub fn due(&self, now_ms: i64) -> Vec<String> {
        self.liked
            .iter()
            .filter(|l| l.due_at(now_ms).is_some_and(|at| at <= now_ms))
            .map(|l| l.id.clone())
            .collect()
    }

    /// When the soonest like not sent yet becomes due (unix ms), for the shell's timer;
    /// `None` when every like is done.
    pub fn wake_at(&self, now_ms: i64) -> Option<i64> {
        self.liked.iter().filter_map(|l| l.due_at(now_ms)).min()
    }

    /// The reader pressed the button of a like still pending, or the connection returned
    /// (`id` `None`: every like): due at once. A like in flight stays so until its lease
    /// runs out.
    pub fn retry_now(&mut self, id: Option<&str>, now_ms: i64) {
        for l in &mut self.liked {
            if l.state == LikeState::Pending && id.is_none_or(|id| l.id == id) {
                l.retry_ms = l.retry_ms.min(now_ms);
            }
        }
    }

    /// Marks the like of `id` in flight from `now_ms`; `false` when it is not due (liked,
    /// unknown, or in flight elsewhere).
    pub fn start_send(&mut self, id: &str, now_ms: i64) -> bool {
        if !self.due(now_ms).iter().any(|d| d == id) {
            return false;
        }
        if let Some(l) = self.liked.iter_mut().find(|l| l.id == id) {
            l.state = LikeState::Sending { since_ms: now_ms };
            l.attempts = l.attempts.saturating_add(1);
        }
        true
    }

    /// Records the backend's answer at `now_ms`: counted or kept here is done, a passing
    /// failure is pending again and due after the outbox's backoff, a refusal is forgotten.
    /// A count-less [`LikeOutcome::Counted`] keeps the count shown for `comment` (if loaded)
    /// at that moment, so the button never drops back. An answer for a like done meanwhile
    /// (another tab) changes nothing.
    pub fn finish(
        &mut self,
        id: &str,
        outcome: &LikeOutcome,
        now_ms: i64,
        comment: Option<&Comment>,
    ) {
        let shown = comment.map(|c| self.shown(c));
        let Some(index) = self.liked.iter().position(|l| l.id == id) else {
            return;
        };
        let like = &mut self.liked[index];
        if matches!(like.state, LikeState::Liked { .. }) {
            return;
        }
        like.state = match outcome {
            LikeOutcome::Counted { likes } => LikeState::Liked {
                counted: true,
                likes: likes.or(shown),
            },
            LikeOutcome::LocalOnly => LikeState::Liked {
                counted: false,
                likes: None,
            },
            LikeOutcome::Failed => {
                let delay = OutboxPolicy::default().delay_after(like.attempts.max(1));
                like.retry_ms = now_ms.saturating_add(delay);
                LikeState::Pending
            }
            LikeOutcome::Refused { .. } => {
                self.liked.remove(index);
                return;
            }
        };
    }

    /// The count to show for a comment: the backend's latest, plus this reader's like when
    /// the backend has not counted it (yet, or ever).
    pub fn shown(&self, comment: &Comment) -> u32 {
        match self.state(&comment.id) {
            Some(LikeState::Liked {
                counted: true,
                likes,
            }) => likes.map_or(comment.likes, |n| comment.likes.max(n)),
            Some(_) => comment.likes.saturating_add(1),
            None => comment.likes,
        }
    }

    /// Takes in the likes another tab or an earlier page stored: for each comment the
    /// state furthest along (liked, then in flight, then pending) is kept.
    pub fn merge_stored(&mut self, stored: &str) {
        for theirs in Self::from_storage(stored).liked {
            match self.liked.iter_mut().find(|l| l.id == theirs.id) {
                Some(ours) if ours.state.rank() >= theirs.state.rank() => {}
                Some(ours) => *ours = theirs,
                None => self.liked.push(theirs),
            }
        }
    }

    /// The likes as a storage string, pending and in-flight ones included.
    pub fn to_storage(&self) -> String {
        let mut liked = Vec::new();
        for l in &self.liked {
            let mut o = Obj::new();
            o.str("id", &l.id);
            match l.state {
                LikeState::Liked { counted, likes } => {
                    o.flag("counted", counted);
                    if let Some(n) = likes {
                        o.num("likes", i64::from(n));
                    }
                }
                LikeState::Pending => o.str("state", "pending"),
                LikeState::Sending { since_ms } => {
                    o.str("state", "sending");
                    o.num("since", since_ms);
                }
            }
            liked.push(o.value());
        }
        let mut o = Obj::v1();
        o.put("liked", Value::Array(liked));
        o.json()
    }

    /// The likes from a storage string; a corrupt string gives none, a record of an
    /// unknown state is left out.
    pub fn from_storage(stored: &str) -> Self {
        let mut likes = Self::default();
        let Some(doc) = codec::parse(stored).filter(|d| get_i64(d, "v") == Some(1)) else {
            return likes;
        };
        for record in get_list(&doc, "liked") {
            let Some(id) = get_str(record, "id") else {
                continue;
            };
            let state = match get_str(record, "state") {
                None => LikeState::Liked {
                    counted: codec::get_flag(record, "counted"),
                    likes: codec::get_u32(record, "likes"),
                },
                Some("pending") => LikeState::Pending,
                Some("sending") => LikeState::Sending {
                    since_ms: get_i64(record, "since").unwrap_or(0),
                },
                Some(_) => continue,
            };
            if !likes.has_liked(id) {
                likes.liked.push(Like {
                    id: id.to_owned(),
                    state,
                    attempts: 0,
                    retry_ms: 0,
                });
            }
        }
        likes
    }
}

//! Like once: the comments of a thread this reader liked, kept across reloads. A like the
//! backend counted shows its count; a like kept on this device only (static, local and http
//! backends) adds one to the count shown here.
//!
//! A like is recorded before it is sent and stays recorded: one that could not be sent
//! (offline, no answer, a time-out, 408/429/5xx) is pending, sent again when the connection
//! returns or the page is opened again, and never sent while another attempt is in flight
//! (in this page or another tab). A like whose answer was lost may reach the server twice;
//! Isso counts one like per reader, so it is counted once.

use super::codec::{self, get_i64, get_list, get_str, Obj};
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

    /// Whether it is waiting for the backend (pending or in flight).
    pub fn is_waiting(self) -> bool {
        !matches!(self, LikeState::Liked { .. })
    }
}

/// The comments of one thread this reader liked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Likes {
    liked: Vec<(String, LikeState)>,
}

impl Likes {
    /// The state of the like of comment `id`, if any.
    pub fn state(&self, id: &str) -> Option<LikeState> {
        self.liked.iter().find(|(i, _)| i == id).map(|(_, s)| *s)
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
        self.liked.push((id.to_owned(), LikeState::Pending));
        true
    }

    /// The likes to send now, oldest first: pending ones, and ones in flight for longer
    /// than [`STALE_SENDING_MS`].
    pub fn due(&self, now_ms: i64) -> Vec<String> {
        let mut due = Vec::new();
        for (id, state) in &self.liked {
            let stale = match state {
                LikeState::Pending => true,
                LikeState::Sending { since_ms } => now_ms - since_ms >= STALE_SENDING_MS,
                LikeState::Liked { .. } => false,
            };
            if stale {
                due.push(id.clone());
            }
        }
        due
    }

    /// Marks the like of `id` in flight from `now_ms`; `false` when it is not due (liked,
    /// unknown, or in flight elsewhere).
    pub fn start_send(&mut self, id: &str, now_ms: i64) -> bool {
        if !self.due(now_ms).iter().any(|d| d == id) {
            return false;
        }
        self.set(id, LikeState::Sending { since_ms: now_ms });
        true
    }

    /// Records the backend's answer: counted or kept here is done, a passing failure is
    /// pending again, a refusal is forgotten. An answer for a like done meanwhile (another
    /// tab) changes nothing.
    pub fn finish(&mut self, id: &str, outcome: &LikeOutcome) {
        if matches!(self.state(id), Some(LikeState::Liked { .. })) {
            return;
        }
        let state = match outcome {
            LikeOutcome::Counted { likes } => LikeState::Liked {
                counted: true,
                likes: *likes,
            },
            LikeOutcome::LocalOnly => LikeState::Liked {
                counted: false,
                likes: None,
            },
            LikeOutcome::Failed => LikeState::Pending,
            LikeOutcome::Refused { .. } => {
                self.liked.retain(|(i, _)| i != id);
                return;
            }
        };
        self.set(id, state);
    }

    fn set(&mut self, id: &str, state: LikeState) {
        match self.liked.iter_mut().find(|(i, _)| i == id) {
            Some(entry) => entry.1 = state,
            None => self.liked.push((id.to_owned(), state)),
        }
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
        for (id, theirs) in Self::from_storage(stored).liked {
            match self.state(&id) {
                Some(ours) if ours.rank() >= theirs.rank() => {}
                _ => self.set(&id, theirs),
            }
        }
    }

    /// The likes as a storage string, pending and in-flight ones included.
    pub fn to_storage(&self) -> String {
        let mut liked = Vec::new();
        for (id, s) in &self.liked {
            let mut o = Obj::new();
            o.str("id", id);
            match s {
                LikeState::Liked { counted, likes } => {
                    o.flag("counted", *counted);
                    if let Some(n) = likes {
                        o.num("likes", i64::from(*n));
                    }
                }
                LikeState::Pending => o.str("state", "pending"),
                LikeState::Sending { since_ms } => {
                    o.str("state", "sending");
                    o.num("since", *since_ms);
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
                likes.liked.push((id.to_owned(), state));
            }
        }
        likes
    }
}

//! Like once: the comments of a thread this reader liked, kept across reloads. A like the
//! backend counted shows its count; a like kept on this device only (static, local and http
//! backends) adds one to the count shown here.

use super::codec::{self, get_i64, get_list, get_str, Obj};
use crate::model::{Comment, Value};

/// The storage key of a thread's likes.
pub fn likes_key(thread_uri: &str) -> String {
    [super::draft::STORAGE_PREFIX, "likes:", thread_uri].concat()
}

/// What the backend made of a like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeOutcome {
    /// Counted by the backend, which now reports `likes`.
    Counted {
        /// The new count.
        likes: u32,
    },
    /// The backend has no likes: kept on this device.
    LocalOnly,
    /// Did not get through; the reader may like again.
    Failed,
}

/// Where one like stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeState {
    /// The request is in flight.
    Sending,
    /// Done; `counted` by the backend (whose count is then `likes`) or on this device only.
    Liked {
        /// Whether the backend counted it.
        counted: bool,
        /// The count the backend reported.
        likes: Option<u32>,
    },
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

    /// Whether the like button of comment `id` is spent (liked, or being liked).
    pub fn has_liked(&self, id: &str) -> bool {
        self.state(id).is_some()
    }

    /// Starts liking comment `id`; `false` if it was liked already (nothing to send).
    pub fn begin(&mut self, id: &str) -> bool {
        if self.has_liked(id) {
            return false;
        }
        self.liked.push((id.to_owned(), LikeState::Sending));
        true
    }

    /// Records the backend's answer; a failed like is forgotten, so it can be tried again.
    pub fn finish(&mut self, id: &str, outcome: LikeOutcome) {
        let state = match outcome {
            LikeOutcome::Counted { likes } => LikeState::Liked {
                counted: true,
                likes: Some(likes),
            },
            LikeOutcome::LocalOnly => LikeState::Liked {
                counted: false,
                likes: None,
            },
            LikeOutcome::Failed => {
                if let Some(at) = self.liked.iter().position(|(i, _)| i == id) {
                    self.liked.remove(at);
                }
                return;
            }
        };
        match self.liked.iter_mut().find(|(i, _)| i == id) {
            Some(entry) => entry.1 = state,
            None => self.liked.push((id.to_owned(), state)),
        }
    }

    /// The count to show for a comment: the backend's latest, plus this reader's like when
    /// the backend does not count likes.
    pub fn shown(&self, comment: &Comment) -> u32 {
        match self.state(&comment.id) {
            Some(LikeState::Liked { counted: false, .. }) | Some(LikeState::Sending) => {
                comment.likes.saturating_add(1)
            }
            Some(LikeState::Liked {
                counted: true,
                likes: Some(n),
            }) => comment.likes.max(n),
            _ => comment.likes,
        }
    }

    /// The likes as a storage string. Likes still in flight are left out: after a reload
    /// the reader may like again (Isso ignores a second like from the same reader).
    pub fn to_storage(&self) -> String {
        let mut liked = Vec::new();
        for (id, s) in &self.liked {
            if let LikeState::Liked { counted, likes } = s {
                let mut o = Obj::new();
                o.str("id", id);
                o.flag("counted", *counted);
                if let Some(n) = likes {
                    o.num("likes", i64::from(*n));
                }
                liked.push(o.value());
            }
        }
        let mut o = Obj::v1();
        o.put("liked", Value::Array(liked));
        o.json()
    }

    /// The likes from a storage string; a corrupt string gives none.
    pub fn from_storage(stored: &str) -> Self {
        let mut likes = Self::default();
        let Some(doc) = codec::parse(stored).filter(|d| get_i64(d, "v") == Some(1)) else {
            return likes;
        };
        for record in get_list(&doc, "liked") {
            let Some(id) = get_str(record, "id") else {
                continue;
            };
            if !likes.has_liked(id) {
                let counted = codec::get_flag(record, "counted");
                let count = codec::get_u32(record, "likes");
                likes.liked.push((
                    id.to_owned(),
                    LikeState::Liked {
                        counted,
                        likes: count,
                    },
                ));
            }
        }
        likes
    }
}

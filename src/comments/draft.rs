//! What the reader is typing, kept across reloads: the draft of each thread, and the name
//! and website remembered for the next comment. Both are stored as compact JSON strings;
//! reading a corrupt or foreign string gives nothing rather than an error.

use super::codec::{self, get_string, Obj};
use super::outbox::Submission;
use crate::model::Value;

/// Prefix of every storage key the comment core proposes.
pub const STORAGE_PREFIX: &str = "article-widget:comments:";

/// The storage key of a thread's draft.
pub fn draft_key(thread_uri: &str) -> String {
    [STORAGE_PREFIX, "draft:", thread_uri].concat()
}

/// The storage key of the remembered name and website (one per site origin).
pub fn identity_key() -> String {
    [STORAGE_PREFIX, "identity"].concat()
}

/// The comment form as the reader left it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The name field.
    pub name: String,
    /// The website field.
    pub website: String,
    /// The comment field.
    pub text: String,
    /// The id of the comment being replied to.
    pub reply_to: Option<String>,
}

impl Draft {
    /// A fresh form with the remembered name and website filled in.
    pub fn from_identity(identity: &Identity) -> Self {
        Self {
            name: identity.name.clone(),
            website: identity.website.clone(),
            text: String::new(),
            reply_to: None,
        }
    }

    /// The form refilled from a submission, e.g. one the backend rejected, so the reader can
    /// edit and send it again.
    pub fn from_submission(submission: &Submission) -> Self {
        let c = &submission.comment;
        Self {
            name: c.author.clone(),
            website: c.website.clone().unwrap_or_default(),
            text: c.text.clone(),
            reply_to: c.parent.clone(),
        }
    }

    /// The form after a submission went into the outbox: name and website stay, the text
    /// and the reply target are cleared.
    pub fn cleared(&self) -> Self {
        Self {
            name: self.name.clone(),
            website: self.website.clone(),
            text: String::new(),
            reply_to: None,
        }
    }

    /// Whether nothing the reader wrote would be lost by dropping this draft (no text and
    /// no reply target); such a draft need not be stored.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.reply_to.is_none()
    }

    /// The draft as a storage string.
    pub fn to_storage(&self) -> String {
        let mut o = Obj::v1();
        o.opt("n", non_empty(&self.name));
        o.opt("w", non_empty(&self.website));
        o.opt("t", non_empty(&self.text));
        o.opt("r", self.reply_to.as_deref());
        o.json()
    }

    /// The draft from a storage string; `None` when the string is not one.
    pub fn from_storage(stored: &str) -> Option<Self> {
        let v = versioned(stored)?;
        Some(Self {
            name: get_string(&v, "n").unwrap_or_default(),
            website: get_string(&v, "w").unwrap_or_default(),
            text: get_string(&v, "t").unwrap_or_default(),
            reply_to: get_string(&v, "r"),
        })
    }
}

/// The name and website remembered for the reader's next comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The reader's name.
    pub name: String,
    /// The reader's website, or empty.
    pub website: String,
}

impl Identity {
    /// What to remember after a submission.
    pub fn of(submission: &Submission) -> Self {
        Self {
            name: submission.comment.author.clone(),
            website: submission.comment.website.clone().unwrap_or_default(),
        }
    }

    /// The identity as a storage string.
    /// Stored as a draft with neither text nor reply target: `{"v":1,"n":…,"w":…}`.
    pub fn to_storage(&self) -> String {
        Draft::from_identity(self).to_storage()
    }

    /// The identity from a storage string; `None` when the string is not one.
    pub fn from_storage(stored: &str) -> Option<Self> {
        let draft = Draft::from_storage(stored)?;
        Some(Self {
            name: draft.name,
            website: draft.website,
        })
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// The object of a stored string written by this version (`"v": 1`).
fn versioned(stored: &str) -> Option<Value> {
    let v = codec::parse(stored)?;
    (codec::get_i64(&v, "v") == Some(1)).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_survive_a_round_trip() {
        let d = Draft {
            name: "在外的歙县人".into(),
            website: "https://example.com/~shexian".into(),
            text: "最美不过回家的路\n</textarea><script>alert(1)</script>\"'\\\u{0}".into(),
            reply_to: Some("c4".into()),
        };
        let stored = d.to_storage();
        assert_eq!(Draft::from_storage(&stored), Some(d));
        assert_eq!(
            Draft::from_storage(&Draft::default().to_storage()),
            Some(Draft::default())
        );
    }

    #[test]
    fn corrupt_storage_is_no_draft() {
        for bad in [
            "",
            "{",
            "null",
            "[]",
            "{\"v\":2,\"t\":\"x\"}",
            "{\"t\":\"x\"}",
            "\u{0}\u{fffd}",
            "{\"v\":1,\"t\":",
        ] {
            assert_eq!(Draft::from_storage(bad), None, "{bad:?}");
            assert_eq!(Identity::from_storage(bad), None, "{bad:?}");
        }
        assert_eq!(
            Draft::from_storage("{\"v\":1,\"t\":42,\"n\":\"a\"}"),
            Some(Draft {
                name: "a".into(),
                ..Draft::default()
            })
        );
    }

    #[test]
    fn clearing_keeps_who_and_drops_what() {
        let d = Draft {
            name: "a".into(),
            website: "https://a.example".into(),
            text: "t".into(),
            reply_to: Some("c1".into()),
        };
        let cleared = d.cleared();
        assert_eq!(
            cleared,
            Draft {
                name: "a".into(),
                website: "https://a.example".into(),
                ..Draft::default()
            }
        );
        assert!(cleared.is_blank());
        assert!(!d.is_blank());
    }

    #[test]
    fn identity_fills_a_new_form() {
        let id = Identity {
            name: "黄山读者".into(),
            website: String::new(),
        };
        assert_eq!(Identity::from_storage(&id.to_storage()), Some(id.clone()));
        assert_eq!(Draft::from_identity(&id).name, "黄山读者");
        // The shell reads a stored identity as a draft, cleared: the same form, also from a
        // string that carries a text and a reply target.
        for stored in [
            id.to_storage(),
            r#"{"v":1,"n":"黄山读者","w":"https://example.com/","t":"x","r":"c1"}"#.into(),
        ] {
            assert_eq!(
                Draft::from_storage(&stored).map(|d| d.cleared()),
                Identity::from_storage(&stored).map(|i| Draft::from_identity(&i))
            );
        }
        assert_eq!(
            draft_key("jijiehao"),
            "article-widget:comments:draft:jijiehao"
        );
    }
}

//! Recommendations ranked privately in the reader's browser: "you may like" from the
//! reader's reading history and the article on the page, "related" from the article alone,
//! both helped by the feed's [`Hot`] stories.
//!
//! Pure and deterministic: the browser shell passes the feed's candidate items, the
//! current article, the [`History`] it keeps in storage (see [`History::encode`]) and the
//! time; nothing here does I/O, and nothing is sent anywhere. Chinese is tokenised into
//! overlapping character bigrams, Latin text into words ([`tokenize`]); stories become
//! sparse term profiles compared by cosine similarity ([`profile`]).

pub mod history;
pub mod hot;
pub mod profile;
pub mod rank;
pub mod reason;
pub mod story;
pub mod tokenize;

pub use history::{History, HistoryEntry};
pub use hot::Hot;
pub use profile::Profile;
pub use rank::{for_section, related, you_may_like, Suggestion};
pub use reason::Reason;
pub use story::Story;

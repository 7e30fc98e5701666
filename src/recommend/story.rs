//! What ranking reads of a story, whichever form it comes in: the article on the page, an
//! item of a feed, or an entry of the reader's history.

use crate::model::{Article, FeedItem};

use super::history::HistoryEntry;

/// The parts of a story that recommendations compare: its id, words, tags and channel.
/// Borrowed, so that building one costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Story<'a> {
    /// Article id, shared by the article JSON, feed items and the reading history.
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Short summary, if any.
    pub summary: Option<&'a str>,
    /// Subject tags as written.
    pub tags: &'a [String],
    /// Channel id, if any.
    pub channel: Option<&'a str>,
}

impl<'a> From<&'a Article> for Story<'a> {
    fn from(article: &'a Article) -> Self {
        Self {
            id: &article.id,
            title: &article.title,
            summary: article.summary.as_deref(),
            tags: &article.tags,
            channel: article.channel.as_ref().map(|c| c.id.as_str()),
        }
    }
}

impl<'a> From<&'a FeedItem> for Story<'a> {
    fn from(item: &'a FeedItem) -> Self {
        Self {
            id: &item.id,
            title: &item.title,
            summary: item.summary.as_deref(),
            tags: &item.tags,
            channel: item.channel.as_deref(),
        }
    }
}

impl<'a> From<&'a HistoryEntry> for Story<'a> {
    fn from(entry: &'a HistoryEntry) -> Self {
        Self {
            id: &entry.id,
            title: &entry.title,
            summary: None,
            tags: &entry.tags,
            channel: entry.channel.as_deref(),
        }
    }
}

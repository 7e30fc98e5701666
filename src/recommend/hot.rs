//! The feed's hot stories: the items of its ranking sections (热点排行), with their rank
//! and views. They give the popularity of a candidate that carries none of its own, and
//! they are what "you may like" falls back to when its candidates run out (all read).

use super::history::History;
use super::reason::Reason;
use super::story::Story;
use super::Suggestion;
use crate::model::{Feed, FeedItem, SectionKind};

/// The hot stories of a feed, in rank order (unranked last, then by views, then in feed
/// order), each id once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hot<'a> {
    items: Vec<&'a FeedItem>,
}

impl<'a> Hot<'a> {
    /// The items of the valid ranking sections of `feed`.
    pub fn of(feed: &'a Feed) -> Self {
        let mut items: Vec<&FeedItem> = Vec::new();
        for section in feed.sections.iter().flatten() {
            if section.kind == SectionKind::Ranking {
                for item in &section.items {
                    if !items.iter().any(|o| o.id == item.id) {
                        items.push(item);
                    }
                }
            }
        }
        let key = |i: usize| {
            let item = items[i];
            (
                item.rank.unwrap_or(u64::MAX),
                u64::MAX - item.views.unwrap_or(0),
            )
        };
        let order = crate::order::permutation(items.len(), &mut |a, b| key(a).cmp(&key(b)));
        Self {
            items: order.into_iter().map(|i| items[i]).collect(),
        }
    }

    /// The rank and views of `item`: its own if it has either, else those of the hot
    /// story of the same id, if any.
    pub fn signal(&self, item: &FeedItem) -> (Option<u64>, Option<u64>) {
        if item.rank.is_some() || item.views.is_some() {
            return (item.rank, item.views);
        }
        self.items
            .iter()
            .find(|hot| hot.id == item.id)
            .map_or((None, None), |hot| (hot.rank, hot.views))
    }

    /// Adds hot stories to `picked` up to `limit`, each [`Reason::Popular`]: in rank order,
    /// none the reader opened (`history`), none already picked, not the article on the
    /// page.
    pub fn fill(
        &self,
        picked: &mut Vec<Suggestion<'a>>,
        current: &Story,
        history: &History,
        limit: usize,
    ) {
        for &item in &self.items {
            if picked.len() >= limit {
                break;
            }
            if item.id != current.id
                && !history.contains(&item.id)
                && !picked.iter().any(|s| s.item.id == item.id)
            {
                picked.push(Suggestion {
                    item,
                    score: 0.0,
                    reason: Reason::Popular,
                });
            }
        }
    }
}

// Native only: the tests write their feeds with serde_json.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::decode_feed;
    use crate::recommend::{for_section, related, you_may_like};
    use serde_json::json;

    const NOW: u64 = 1_600_000_000_000;

    /// A feed of "you may like" candidates `a`, `b`, `c` (one story each, nothing alike),
    /// a list that is not hot, a refused ranking and the ranking `h1`..`h3` (with `b`).
    fn feed() -> crate::model::Feed {
        let item = |id: &str, title: &str, extra: serde_json::Value| {
            let mut item = json!({ "id": id, "title": title, "url": format!("{id}.html") });
            if let (Some(o), serde_json::Value::Object(extra)) = (item.as_object_mut(), extra) {
                o.extend(extra);
            }
            item
        };
        decode_feed(json!({ "version": "1.0", "id": "f", "sections": [
            { "id": "yml", "kind": "list", "title": "猜你喜欢", "personalize": "you-may-like", "limit": 3,
              "items": [item("a", "黄山云海", json!({})), item("b", "徽州古城", json!({})), item("c", "新安江画廊", json!({}))] },
            { "id": "list", "kind": "list", "title": "频道", "items": [item("l", "列表", json!({ "views": 99999 }))] },
            { "id": "bad", "kind": "ranking", "title": "坏", "items": [item("x", "坏的", json!({}))] },
            { "id": "hot", "kind": "ranking", "title": "热点排行", "items": [
                item("h3", "第三", json!({ "rank": 3, "views": 10 })),
                item("b", "徽州古城", json!({ "rank": 2, "views": 500 })),
                item("h1", "第一", json!({ "rank": 1, "views": 900 })),
                item("here", "本文", json!({ "rank": 4 })),
            ]},
        ]}))
        .expect("the document is valid")
    }

    fn ids(suggestions: &[Suggestion]) -> Vec<String> {
        suggestions.iter().map(|s| s.item.id.clone()).collect()
    }

    fn here() -> Story<'static> {
        Story {
            id: "here",
            title: "本文",
            summary: None,
            tags: &[],
            channel: None,
        }
    }

    #[test]
    fn hot_stories_are_the_valid_rankings_in_rank_order() {
        let feed = feed();
        let hot = Hot::of(&feed);
        let got: Vec<_> = hot.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(got, ["h1", "b", "h3", "here"]);
        assert!(
            feed.sections[2].is_err(),
            "the refused ranking gives nothing"
        );
    }

    #[test]
    fn when_every_candidate_was_read_you_may_like_falls_back_to_hot_stories() {
        let feed = feed();
        let hot = Hot::of(&feed);
        let Ok(section) = &feed.sections[0] else {
            panic!("valid");
        };
        let mut history = History::new();
        for item in &section.items {
            history.open(&Story::from(item), NOW);
        }
        let got = for_section(section, &hot, &here(), &history, NOW).expect("personalised");
        // Not `b` (read), not the article on the page; the hot ones in rank order.
        assert_eq!(ids(&got), ["h1", "h3"]);
        assert!(got.iter().all(|s| s.reason == Reason::Popular));
        assert!(
            for_section(section, &Hot::default(), &here(), &history, NOW)
                .expect("personalised")
                .is_empty(),
            "nothing to suggest without hot stories"
        );

        // Some left unread: they come first, hot stories fill the rest.
        let mut history = History::new();
        history.open(&Story::from(&section.items[0]), NOW);
        let got = you_may_like(&section.items, &here(), &history, NOW, 3, &hot);
        assert_eq!(ids(&got), ["b", "c", "h1"]);
        assert_eq!(got[2].reason, Reason::Popular);
    }

    #[test]
    fn items_without_rank_or_views_take_them_from_the_hot_list() {
        let feed = feed();
        let hot = Hot::of(&feed);
        let Ok(section) = &feed.sections[0] else {
            panic!("valid");
        };
        assert_eq!(hot.signal(&section.items[1]), (Some(2), Some(500)));
        assert_eq!(hot.signal(&section.items[0]), (None, None));
        let Ok(list) = &feed.sections[1] else {
            panic!("valid");
        };
        assert_eq!(
            hot.signal(&list.items[0]),
            (None, Some(99999)),
            "its own first"
        );

        // Nothing alike, no history: `b` is hot, so it leads; without the hot list the
        // feed's order stands.
        let got = related(&section.items, &here(), 3, &hot);
        assert_eq!(ids(&got), ["b", "a", "c"]);
        assert_eq!(got[0].reason, Reason::Popular);
        let got = related(&section.items, &here(), 3, &Hot::default());
        assert_eq!(ids(&got), ["a", "b", "c"]);
        assert_eq!(got[0].reason, Reason::EditorsPick);
        let got = you_may_like(&section.items, &here(), &History::new(), NOW, 3, &hot);
        assert_eq!(ids(&got)[0], "b");
    }
}

//! Ranking "you may like" and "related" with arbitrary reading histories, candidate lists
//! and hot stories (a ranking section), and the history's storage format. Beyond "no
//! panic": each story is suggested at most once, never the article on the page, never one
//! already read ("you may like"), within the limit, with a finite score from 0 to 1 and a
//! reason that points at a real history entry; with room for all, no eligible candidate is
//! left out; only "you may like" is filled with hot stories, after its candidates, popular,
//! in rank order, and while there is room every unread one; a candidate without rank and
//! views takes those of the first hot story of its id; ranking is deterministic. The
//! history stays bounded with unique ids, survives its storage string unchanged, and
//! reading any stored string twice gives the same history.
#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use article_widget::model::{Feed, FeedItem, Section, SectionKind};
use article_widget::recommend::history::MAX_ENTRIES;
use article_widget::recommend::{related, you_may_like, History, Hot, Reason, Story, Suggestion};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Id {
    Few(u8),
    Any(String),
}

impl Id {
    fn text(&self) -> String {
        match self {
            Id::Few(n) => format!("a{}", n % 12),
            Id::Any(s) => s.clone(),
        }
    }
}

/// Text from a few headlines and tags (so that stories resemble each other, as in a real
/// feed) or any text.
#[derive(Arbitrary, Debug)]
enum Words {
    Few(u8),
    Any(String),
}

const WORDS: [&str; 8] = [
    "歙县社区疫情防控",
    "天天可闻“集结号”处处都见先锋队",
    "黄山云海",
    "疫情防控",
    "歙县",
    "Huangshan sea of clouds",
    "",
    "  ",
];

impl Words {
    fn text(&self) -> String {
        match self {
            Words::Few(n) => WORDS[usize::from(*n) % WORDS.len()].to_owned(),
            Words::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct StoryIn {
    id: Id,
    title: Words,
    summary: Option<Words>,
    tags: Vec<Words>,
    channel: Option<Words>,
}

/// The owned text of a story, to borrow a [`Story`] from.
struct StoryText {
    id: String,
    title: String,
    summary: Option<String>,
    tags: Vec<String>,
    channel: Option<String>,
}

impl StoryText {
    fn of(s: &StoryIn) -> Self {
        Self {
            id: s.id.text(),
            title: s.title.text(),
            summary: s.summary.as_ref().map(Words::text),
            tags: s.tags.iter().map(Words::text).collect(),
            channel: s.channel.as_ref().map(Words::text),
        }
    }

    fn story(&self) -> Story<'_> {
        Story {
            id: &self.id,
            title: &self.title,
            summary: self.summary.as_deref(),
            tags: &self.tags,
            channel: self.channel.as_deref(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ItemIn {
    story: StoryIn,
    rank: Option<u64>,
    views: Option<u64>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Open { story: StoryIn, after_ms: u32 },
    Read { id: Id, progress: f32 },
    Clear,
}

#[derive(Arbitrary, Debug)]
enum HistoryIn {
    Ops(Vec<Op>),
    Stored(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    current: StoryIn,
    candidates: Vec<ItemIn>,
    hot: Vec<ItemIn>,
    history: HistoryIn,
    start_ms: u64,
    later_ms: u32,
    limit: u8,
}

fn item(i: &ItemIn) -> FeedItem {
    let s = StoryText::of(&i.story);
    FeedItem {
        id: s.id,
        title: s.title,
        url: "story.html".into(),
        summary: s.summary,
        image: None,
        credit: None,
        published: None,
        channel: s.channel,
        tags: s.tags,
        rank: i.rank,
        views: i.views,
    }
}

fn check_history(h: &History) {
    assert!(h.len() <= MAX_ENTRIES);
    let ids: HashSet<&str> = h.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), h.len(), "an id is in the history twice");
    for e in h.entries() {
        assert!(!e.id.trim().is_empty());
        assert!((0.0..=1.0).contains(&e.progress), "progress {}", e.progress);
    }
}

/// A feed whose one section is the ranking of `items`.
fn ranking(items: Vec<FeedItem>) -> Feed {
    Feed {
        id: "f".into(),
        title: None,
        sections: vec![Ok(Section {
            id: "hot".into(),
            kind: SectionKind::Ranking,
            title: "hot".into(),
            personalize: None,
            limit: None,
            items,
        })],
    }
}

/// Where `item` is among the hot stories `hot`: by rank, unranked last, then most viewed,
/// then in feed order.
fn hot_order(hot: &[FeedItem], item: &FeedItem) -> (u64, u64, usize) {
    let at = hot.iter().position(|h| std::ptr::eq(h, item));
    (
        item.rank.unwrap_or(u64::MAX),
        u64::MAX - item.views.unwrap_or(0),
        at.expect("a hot story"),
    )
}

/// Checks `suggestions` from `candidates`, filled from `hot` if given ("you may like").
fn check(
    suggestions: &[Suggestion],
    candidates: &[FeedItem],
    hot: Option<&[FeedItem]>,
    current: &Story,
    history: Option<&History>,
    limit: usize,
) {
    assert!(suggestions.len() <= limit);
    let mut seen = HashSet::new();
    let mut picked = HashSet::new();
    let mut filled: Vec<&FeedItem> = Vec::new();
    for s in suggestions {
        assert!(
            seen.insert(s.item.id.as_str()),
            "{:?} suggested twice",
            s.item.id
        );
        assert_ne!(
            s.item.id, current.id,
            "the article on the page is suggested"
        );
        if candidates.iter().any(|c| std::ptr::eq(c, s.item)) {
            assert!(filled.is_empty(), "{:?} comes after hot stories", s.item.id);
            picked.insert(s.item.id.as_str());
        } else {
            assert!(
                hot.is_some_and(|hot| hot.iter().any(|h| std::ptr::eq(h, s.item))),
                "{:?} is neither a candidate nor a hot story filling \"you may like\"",
                s.item.id
            );
            assert_eq!(s.reason, Reason::Popular, "{:?} filled in", s.item.id);
            filled.push(s.item);
        }
        assert!(
            s.score.is_finite() && (0.0..=1.0 + 1e-9).contains(&s.score),
            "score {}",
            s.score
        );
        if let Some(h) = history {
            assert!(!h.contains(&s.item.id), "{:?} was read already", s.item.id);
        }
        if let Reason::YouRead { id, .. } = &s.reason {
            let h = history.expect("a history reason without a history");
            assert!(
                h.contains(id) && id != current.id,
                "reason points at {id:?}"
            );
        }
    }
    let eligible: HashSet<&str> = candidates
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| *id != current.id && history.is_none_or(|h| !h.contains(id)))
        .collect();
    if limit >= candidates.len() {
        assert_eq!(picked, eligible, "an eligible candidate is left out");
    }
    let (Some(hot), Some(history)) = (hot, history) else {
        return;
    };
    let order: Vec<_> = filled.iter().map(|item| hot_order(hot, item)).collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "hot stories out of rank order: {order:?}"
    );
    if suggestions.len() < limit {
        for h in hot {
            assert!(
                seen.contains(h.id.as_str()) || h.id == current.id || history.contains(&h.id),
                "{:?} is hot, unread and left out with room for it",
                h.id
            );
        }
    }
}

fuzz_target!(|input: Input| {
    let candidates: Vec<FeedItem> = input.candidates.iter().take(40).map(item).collect();
    let feed = ranking(input.hot.iter().take(40).map(item).collect());
    let hot_items = match &feed.sections[0] {
        Ok(section) => section.items.as_slice(),
        Err(_) => &[],
    };
    let hot = Hot::of(&feed);
    for c in &candidates {
        let first = hot_items.iter().find(|h| h.id == c.id);
        let expected = match (c.rank, c.views) {
            (None, None) => first.map_or((None, None), |h| (h.rank, h.views)),
            own => own,
        };
        assert_eq!(hot.signal(c), expected, "the rank and views of {:?}", c.id);
    }
    let current_text = StoryText::of(&input.current);
    let current = current_text.story();
    let mut now = input.start_ms % (1 << 45);
    let history = match &input.history {
        HistoryIn::Stored(text) => {
            let h = History::decode(text);
            check_history(&h);
            assert_eq!(
                History::decode(&h.encode()),
                h,
                "a stored history reads differently twice"
            );
            h
        }
        HistoryIn::Ops(ops) => {
            let mut h = History::new();
            for op in ops.iter().take(300) {
                match op {
                    Op::Open { story, after_ms } => {
                        now += u64::from(*after_ms);
                        h.open(&StoryText::of(story).story(), now);
                    }
                    Op::Read { id, progress } => {
                        let id = id.text();
                        let before = h.get(&id).map(|e| e.progress);
                        let changed = h.read(&id, *progress);
                        let after = h.get(&id).map(|e| e.progress);
                        assert_eq!(changed, before != after, "read reports the wrong change");
                        if let (Some(b), Some(a)) = (before, after) {
                            assert!(a >= b, "progress went back");
                        }
                    }
                    Op::Clear => h.clear(),
                }
                check_history(&h);
            }
            assert_eq!(
                History::decode(&h.encode()),
                h,
                "the history does not survive storage"
            );
            h
        }
    };
    let now = now + u64::from(input.later_ms);
    let limit = usize::from(input.limit % 48);

    let ymal = you_may_like(&candidates, &current, &history, now, limit, &hot);
    assert_eq!(
        ymal,
        you_may_like(&candidates, &current, &history, now, limit, &hot),
        "not deterministic"
    );
    check(
        &ymal,
        &candidates,
        Some(hot_items),
        &current,
        Some(&history),
        limit,
    );

    let rel = related(&candidates, &current, limit, &hot);
    assert_eq!(
        rel,
        related(&candidates, &current, limit, &hot),
        "not deterministic"
    );
    check(&rel, &candidates, None, &current, None, limit);
});

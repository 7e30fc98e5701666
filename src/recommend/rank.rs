//! Orders a feed's candidate list for "you may like" (the reader's history and the article
//! on the page) and "related" (the article on the page only). Interest in what was read
//! fades with a half-life and grows with how far it was read; what was read is skipped; the
//! list is kept diverse by maximal marginal relevance; everything is deterministic.

use super::history::{History, HistoryEntry};
use super::hot::Hot;
use super::profile::{tag_key, Profile};
use super::reason::Reason;
use super::story::Story;
use crate::model::{FeedItem, Personalize, Section};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Age at which a history entry counts half as much as a fresh one.
pub const HALF_LIFE_MS: u64 = 7 * DAY_MS;
/// How much an article that was opened but not read at all counts, against 1 for one
/// read to the end.
pub const OPENED_WEIGHT: f64 = 0.25;
/// Total interest weight (fresh articles read to the end) at which the history is
/// trusted fully; a thinner history moves the ranking proportionally less.
pub const FULL_HISTORY: f64 = 2.0;
/// Share of the score that similarity to the reader's history can give.
pub const HISTORY_WEIGHT: f64 = 0.7;
/// Share of the score that similarity to the article on the page can give.
pub const CURRENT_WEIGHT: f64 = 0.3;
/// Share of the score that popularity (rank, views) can give: small, so that it orders
/// what similarity leaves level, and is all there is when nothing is similar.
pub const POPULARITY_WEIGHT: f64 = 0.05;
/// Maximal marginal relevance trade-off of "you may like": 0 ranks by score alone, 1 by
/// novelty alone. "Related" ranks by score alone: it is about one topic on purpose.
pub const DIVERSITY: f64 = 0.3;
/// Similarity from which two stories count as the same one told twice: "you may like"
/// picks a near copy of a story it already picked only when nothing else is left.
pub const NEAR_DUPLICATE: f64 = 0.9;
/// The sum of the shares, by which a score is divided to lie from 0 to 1.
const MAX_SCORE: f64 = HISTORY_WEIGHT + CURRENT_WEIGHT + POPULARITY_WEIGHT;
/// Contributions below this do not count as a reason.
const SIGNAL: f64 = 1e-3;

/// One suggested item and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion<'a> {
    /// The feed item to show.
    pub item: &'a FeedItem,
    /// Its score before diversification, from 0 to 1.
    pub score: f64,
    /// The main reason, for the reader.
    pub reason: Reason,
}

/// How much a history entry counts at `now_ms`: halved every [`HALF_LIFE_MS`], and
/// scaled from [`OPENED_WEIGHT`] (opened) to 1 (read to the end).
pub fn interest_weight(entry: &HistoryEntry, now_ms: u64) -> f64 {
    let age = now_ms.saturating_sub(entry.opened_at) as f64;
    let decay = half_to_the(age / HALF_LIFE_MS as f64);
    let progress = f64::from(entry.progress.clamp(0.0, 1.0));
    decay * (OPENED_WEIGHT + (1.0 - OPENED_WEIGHT) * progress)
}

/// `0.5^x` for `x ≥ 0`, within 1e-12 of `0.5f64.powf(x)`: a halving per whole unit and a
/// Taylor series of `e^y` for the fraction. `powf` would bring libm's `exp2` into the wasm.
fn half_to_the(x: f64) -> f64 {
    let whole = x.floor();
    let y = (whole - x) * std::f64::consts::LN_2;
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 1..16 {
        term *= y / f64::from(k);
        sum += term;
    }
    // Past 1100 halvings nothing is left (and `as i32` would saturate anyway).
    sum * 0.5f64.powi(whole.min(1100.0) as i32)
}

/// `ln(1 + n)`, within 1e-12 of `(n as f64).ln_1p()`: the whole binary logarithm from the
/// highest set bit, and the series `2 atanh z` for the rest. `ln_1p` would bring libm's
/// `log1p` into the wasm.
fn ln_1p(n: u64) -> f64 {
    let n = n.saturating_add(1);
    let bits = n.ilog2();
    let m = n as f64 / (1u64 << bits) as f64;
    let z = (m - 1.0) / (m + 1.0);
    let (mut power, mut sum) = (z, 0.0);
    for k in 0..14 {
        sum += power / f64::from(2 * k + 1);
        power *= z * z;
    }
    f64::from(bits) * std::f64::consts::LN_2 + 2.0 * sum
}

/// What "you may like" knows of the reader: the entries that count (with their profiles
/// and weights), their weighted sum and how far that sum is trusted.
struct Reader<'h> {
    read: Vec<(&'h HistoryEntry, Profile, f64)>,
    interest: Profile,
    strength: f64,
}

/// "You may like": up to `limit` candidates the reader has not opened, other than the
/// article on the page, ranked by similarity to the reader's decayed history and to the
/// current article, then by popularity (their own, else their `hot` one), and
/// diversified. With no history this is similarity to the current article, then
/// popularity; when too few candidates are left unread, the feed's `hot` stories the
/// reader has not opened fill the list.
pub fn you_may_like<'a>(
    candidates: &'a [FeedItem],
    current: &Story,
    history: &History,
    now_ms: u64,
    limit: usize,
    hot: &Hot<'a>,
) -> Vec<Suggestion<'a>> {
    let mut reader = Reader {
        read: Vec::new(),
        interest: Profile::default(),
        strength: 0.0,
    };
    for entry in history.entries() {
        let weight = interest_weight(entry, now_ms);
        if entry.id != current.id && weight > 0.0 {
            let profile = Profile::of(&Story::from(entry));
            reader.interest.add(&profile, weight);
            reader.strength += weight;
            reader.read.push((entry, profile, weight));
        }
    }
    reader.strength = (reader.strength / FULL_HISTORY).min(1.0);
    let mut picked = rank(candidates, current, Some((history, &reader)), limit, hot);
    hot.fill(&mut picked, current, history, limit);
    picked
}

/// "Related": up to `limit` candidates other than the article on the page, ranked by
/// similarity to it, then by popularity (their own, else their `hot` one).
pub fn related<'a>(
    candidates: &'a [FeedItem],
    current: &Story,
    limit: usize,
    hot: &Hot<'a>,
) -> Vec<Suggestion<'a>> {
    rank(candidates, current, None, limit, hot)
}

/// The suggestions of a personalised section (its items are the candidates, its `limit`
/// the length; `hot` the feed's hot stories), or `None` for a section shown as the feed
/// lists it.
pub fn for_section<'a>(
    section: &'a Section,
    hot: &Hot<'a>,
    current: &Story,
    history: &History,
    now_ms: u64,
) -> Option<Vec<Suggestion<'a>>> {
    let (items, limit) = (&section.items, section.limit.unwrap_or(section.items.len()));
    Some(match section.personalize? {
        Personalize::YouMayLike => you_may_like(items, current, history, now_ms, limit, hot),
        Personalize::Related => related(items, current, limit, hot),
    })
}

/// A candidate with everything selection needs.
struct Scored<'a> {
    item: &'a FeedItem,
    profile: Profile,
    popularity: f64,
    score: f64,
    reason: Reason,
}

/// Ranks `candidates` (in feed order, without repeated ids or the current article) by
/// their similarity to the current article, their popularity (their own rank and views,
/// else those `hot` has for them) and, for "you may like" (`reader` set), the reader's
/// history, which also drops what the reader opened and makes the list diverse.
fn rank<'a>(
    candidates: &'a [FeedItem],
    current: &Story,
    reader: Option<(&History, &Reader)>,
    limit: usize,
    hot: &Hot,
) -> Vec<Suggestion<'a>> {
    let mut pool: Vec<(&FeedItem, Option<u64>, Option<u64>)> = Vec::new();
    let mut max_views = 0;
    for item in candidates {
        if item.id != current.id
            && !reader.is_some_and(|(history, _)| history.contains(&item.id))
            && !pool.iter().any(|o| o.0.id == item.id)
        {
            let (rank, views) = hot.signal(item);
            max_views = max_views.max(views.unwrap_or(0));
            pool.push((item, rank, views));
        }
    }
    let current_profile = Profile::of(current);
    let mut scored: Vec<Scored> = Vec::with_capacity(pool.len());
    for (item, rank, views) in pool {
        let profile = Profile::of(&Story::from(item));
        // Popularity from 0 to 1: the better of `1 / rank` and views on a log scale
        // against the most viewed candidate.
        let by_rank = rank.map_or(0.0, |r| 1.0 / r.max(1) as f64);
        let by_views = match views {
            Some(v) if max_views > 0 => ln_1p(v) / ln_1p(max_views),
            _ => 0.0,
        };
        let popularity = by_rank.max(by_views);
        let (from_history, you_read) = match reader {
            Some((_, r)) => history_share(r, &profile),
            None => (0.0, None),
        };
        let from_current = CURRENT_WEIGHT * current_profile.cosine(&profile);
        let from_popularity = POPULARITY_WEIGHT * popularity;
        let reason = match you_read {
            Some(e)
                if from_history > SIGNAL && from_history >= from_current.max(from_popularity) =>
            {
                Reason::YouRead {
                    id: e.id.clone(),
                    title: e.title.clone(),
                }
            }
            _ if from_current > SIGNAL && from_current >= from_popularity => {
                like_current(item, current)
            }
            _ if from_popularity > SIGNAL => Reason::Popular,
            _ => Reason::EditorsPick,
        };
        let score = ((from_history + from_current + from_popularity) / MAX_SCORE).min(1.0);
        scored.push(Scored {
            item,
            profile,
            popularity,
            score,
            reason,
        });
    }
    select(scored, limit, reader.is_some())
}

/// The score share the reader's history gives a candidate of `profile`, and the entry it
/// is most like (weighted by how much that entry counts).
fn history_share<'h>(reader: &Reader<'h>, profile: &Profile) -> (f64, Option<&'h HistoryEntry>) {
    let mut best: Option<(&HistoryEntry, f64)> = None;
    for (entry, read, weight) in &reader.read {
        let s = weight * read.cosine(profile);
        if !best.is_some_and(|(_, b)| b >= s) {
            best = Some((entry, s));
        }
    }
    let share = HISTORY_WEIGHT * reader.strength * reader.interest.cosine(profile);
    (share, best.map(|(entry, _)| entry))
}

/// What a candidate shares with the current article: its tags, else its channel.
fn like_current(item: &FeedItem, current: &Story) -> Reason {
    let has = |tags: &[String], key: &str| tags.iter().any(|t| tag_key(t) == key);
    // Each shared tag once, as the item first writes it.
    let mut shared: Vec<String> = Vec::new();
    for (i, tag) in item.tags.iter().enumerate() {
        let key = tag_key(tag);
        if !key.is_empty() && has(current.tags, &key) && !has(&item.tags[..i], &key) {
            shared.push(tag.clone());
        }
    }
    match (&item.channel, current.channel) {
        _ if !shared.is_empty() => Reason::SharedTags(shared),
        (Some(channel), Some(current)) if channel == current => {
            Reason::SameChannel(channel.clone())
        }
        _ => Reason::SimilarToThis,
    }
}

/// Picks up to `limit`. When `diverse`, by maximal marginal relevance: each pick
/// maximises `(1 - DIVERSITY) * relevance - DIVERSITY * (similarity to what is already
/// picked)`, relevance being the score against the best score, and near copies of a pick
/// come last; otherwise by score. Ties go to the higher score, then the more popular,
/// then the earlier in the feed.
fn select(mut pool: Vec<Scored<'_>>, limit: usize, diverse: bool) -> Vec<Suggestion<'_>> {
    let diversity = if diverse { DIVERSITY } else { 0.0 };
    let mut top: f64 = 0.0;
    for s in &pool {
        top = top.max(s.score);
    }
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < limit.min(pool.len()) {
        // The best candidate so far: its index, whether it is fresh, and its value.
        let mut best: Option<(usize, bool, f64)> = None;
        for (i, s) in pool.iter().enumerate() {
            if picked.contains(&i) {
                continue;
            }
            let relevance = if top > 0.0 { s.score / top } else { 0.0 };
            let mut redundancy: f64 = 0.0;
            for &c in &picked {
                redundancy = redundancy.max(pool[c].profile.cosine(&s.profile));
            }
            let fresh = !diverse || redundancy < NEAR_DUPLICATE;
            let value = (1.0 - diversity) * relevance - diversity * redundancy;
            // Candidates come in feed order: an equal one later in the feed never wins.
            let better = match best {
                None => true,
                Some((b, b_fresh, b_value)) => fresh
                    .cmp(&b_fresh)
                    .then(value.total_cmp(&b_value))
                    .then(s.score.total_cmp(&pool[b].score))
                    .then(s.popularity.total_cmp(&pool[b].popularity))
                    .is_gt(),
            };
            if better {
                best = Some((i, fresh, value));
            }
        }
        match best {
            Some((i, _, _)) => picked.push(i),
            None => break,
        }
    }
    let mut out = Vec::with_capacity(picked.len());
    for i in picked {
        let s = &mut pool[i];
        out.push(Suggestion {
            item: s.item,
            score: s.score,
            reason: std::mem::replace(&mut s.reason, Reason::EditorsPick),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SectionKind;

    const NOW: u64 = 1_600_000_000_000;

    fn item(id: &str, title: &str, tags: &[&str], channel: Option<&str>) -> FeedItem {
        FeedItem {
            id: id.into(),
            title: title.into(),
            url: format!("{id}.html"),
            summary: None,
            image: None,
            credit: None,
            published: None,
            channel: channel.map(Into::into),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            rank: None,
            views: None,
        }
    }

    /// "You may like" at [`NOW`], without hot stories (their fill has tests of its own).
    fn liked<'a>(
        candidates: &'a [FeedItem],
        here: &Story,
        history: &History,
        limit: usize,
    ) -> Vec<Suggestion<'a>> {
        you_may_like(candidates, here, history, NOW, limit, &Hot::default())
    }

    /// "Related", without hot stories.
    fn near<'a>(candidates: &'a [FeedItem], here: &Story, limit: usize) -> Vec<Suggestion<'a>> {
        related(candidates, here, limit, &Hot::default())
    }

    fn ids<'a>(suggestions: &'a [Suggestion]) -> Vec<&'a str> {
        suggestions.iter().map(|s| s.item.id.as_str()).collect()
    }

    fn read(history: &mut History, item: &FeedItem, at: u64, progress: f32) {
        history.open(&Story::from(item), at);
        history.read(&item.id, progress);
    }

    fn current(tags: &[String]) -> Story<'_> {
        Story {
            id: "current",
            title: "歙县社区疫情防控",
            summary: None,
            tags,
            channel: Some("shexian"),
        }
    }

    #[test]
    fn scores_lie_from_zero_to_one() {
        // Found with the fuzz target's score property (fuzz/fuzz_targets/rank.rs): a
        // candidate like everything the reader read and like the article on the page, ranked
        // first, scored 1.05 (the three shares add up to more than one).
        let tags = ["疫情防控".to_owned()];
        let twin = |id: &str| item(id, "歙县社区疫情防控", &["疫情防控"], Some("shexian"));
        let mut h = History::new();
        for id in ["h1", "h2", "h3"] {
            read(&mut h, &twin(id), NOW, 1.0);
        }
        let mut candidate = twin("x");
        candidate.rank = Some(1);
        let candidates = [candidate, twin("y")];
        let s = liked(&candidates, &current(&tags), &h, 5);
        assert_eq!(ids(&s), ["x", "y"]);
        assert!((1.0 - 1e-9..=1.0).contains(&s[0].score), "{}", s[0].score);
        assert!(
            s[1].score < s[0].score && s[1].score > 0.9,
            "{}",
            s[1].score
        );
        let r = near(&candidates, &current(&tags), 5);
        assert!(r.iter().all(|s| (0.0..=1.0).contains(&s.score)));
    }

    #[test]
    fn the_wasm_friendly_math_agrees_with_the_standard_library() {
        for i in 0..2_000 {
            let x = f64::from(i) * 0.0137;
            let want = 0.5f64.powf(x);
            assert!(
                (half_to_the(x) - want).abs() <= 1e-12 * want.max(1e-300),
                "{x}"
            );
        }
        assert_eq!(half_to_the(1e9), 0.0);
        let mut n = 0u64;
        while n < u64::MAX / 3 {
            let want = (n as f64).ln_1p();
            assert!((ln_1p(n) - want).abs() <= 1e-12 * want.max(1.0), "{n}");
            n = n * 3 + 1;
        }
        assert_eq!(ln_1p(0), 0.0);
        assert!((ln_1p(u64::MAX) - (u64::MAX as f64).ln_1p()).abs() < 1e-9);
    }

    #[test]
    fn interest_halves_every_half_life_and_grows_with_progress() {
        let mut h = History::new();
        read(&mut h, &item("a", "t", &[], None), NOW, 1.0);
        let e = &h.entries()[0];
        assert!((interest_weight(e, NOW) - 1.0).abs() < 1e-12);
        assert!((interest_weight(e, NOW + HALF_LIFE_MS) - 0.5).abs() < 1e-12);
        assert!((interest_weight(e, NOW + 2 * HALF_LIFE_MS) - 0.25).abs() < 1e-12);
        assert!(
            (interest_weight(e, NOW - 1_000) - 1.0).abs() < 1e-12,
            "a clock set back counts as fresh"
        );
        let mut opened = History::new();
        opened.open(&Story::from(&item("b", "t", &[], None)), NOW);
        assert!((interest_weight(&opened.entries()[0], NOW) - OPENED_WEIGHT).abs() < 1e-12);
    }

    #[test]
    fn without_history_similarity_first_then_popularity_then_feed_order() {
        let tags = ["疫情防控".to_owned()];
        let mut popular = item("popular", "国潮那么潮", &["文化"], None);
        popular.views = Some(10_000);
        let mut ranked = item("ranked", "乘地铁 学国家安全知识", &["国家安全"], None);
        ranked.rank = Some(4);
        let candidates = [
            item("plain", "消费市场发展稳中向好", &["经济"], None),
            ranked,
            popular,
            item("similar", "歙县企业有序复工复产", &["疫情防控"], None),
        ];
        let got = liked(&candidates, &current(&tags), &History::new(), 10);
        assert_eq!(ids(&got), ["similar", "popular", "ranked", "plain"]);
        let reasons: Vec<_> = got.iter().map(|s| s.reason.clone()).collect();
        assert_eq!(
            reasons,
            [
                Reason::SharedTags(vec!["疫情防控".into()]),
                Reason::Popular,
                Reason::Popular,
                Reason::EditorsPick
            ]
        );
    }

    #[test]
    fn reasons_name_the_channel_or_the_wording_when_no_tag_is_shared() {
        let tags = ["党员先锋".to_owned()];
        let candidates = [
            item("channel", "春茶开采在即", &["茶叶"], Some("shexian")),
            item("words", "黄山社区防控有力", &[], Some("huangshan")),
        ];
        let got = near(&candidates, &current(&tags), 10);
        let reason = |id: &str| {
            got.iter()
                .find(|s| s.item.id == id)
                .map(|s| s.reason.clone())
        };
        assert_eq!(
            reason("channel"),
            Some(Reason::SameChannel("shexian".into()))
        );
        assert_eq!(reason("words"), Some(Reason::SimilarToThis));
    }

    #[test]
    fn fresh_interest_outweighs_old_interest() {
        let tea = item("tea-read", "春茶开采 茶农忙", &["茶叶"], Some("nongye"));
        let dam = item("dam-read", "渔梁坝 古镇风光", &["风光"], Some("lvyou"));
        let candidates = [
            item("dam", "渔梁坝畔春意浓", &["风光"], None),
            item("tea", "春茶飘香", &["茶叶"], None),
        ];
        let no_tags: [String; 0] = [];
        let here = current(&no_tags);
        let mut h = History::new();
        read(&mut h, &dam, NOW - 8 * 7 * DAY_MS, 1.0);
        read(&mut h, &tea, NOW - DAY_MS, 1.0);
        assert_eq!(ids(&liked(&candidates, &here, &h, 2)), ["tea", "dam"]);
        let mut h = History::new();
        read(&mut h, &tea, NOW - 8 * 7 * DAY_MS, 1.0);
        read(&mut h, &dam, NOW - DAY_MS, 1.0);
        assert_eq!(ids(&liked(&candidates, &here, &h, 2)), ["dam", "tea"]);
    }

    #[test]
    fn reading_further_counts_more() {
        let tea = item("tea-read", "春茶开采 茶农忙", &["茶叶"], None);
        let dam = item("dam-read", "渔梁坝 古镇风光", &["风光"], None);
        let candidates = [
            item("tea", "春茶飘香", &["茶叶"], None),
            item("dam", "渔梁坝畔春意浓", &["风光"], None),
        ];
        let no_tags: [String; 0] = [];
        let mut h = History::new();
        read(&mut h, &tea, NOW, 0.05);
        read(&mut h, &dam, NOW, 1.0);
        let got = liked(&candidates, &current(&no_tags), &h, 2);
        assert_eq!(ids(&got), ["dam", "tea"]);
        assert_eq!(
            got[0].reason,
            Reason::YouRead {
                id: "dam-read".into(),
                title: "渔梁坝 古镇风光".into()
            }
        );
    }

    #[test]
    fn near_copies_come_last() {
        let tags = ["黄山", "云海", "风光"];
        let candidates = [
            item(
                "copy-1",
                "黄山云海翻腾 月下群峰如岛",
                &tags,
                Some("huangshan"),
            ),
            item("copy-2", "黄山云海翻腾 群峰如岛", &tags, Some("huangshan")),
            item(
                "copy-3",
                "黄山云海翻腾 月下群峰如岛!",
                &tags,
                Some("huangshan"),
            ),
            item(
                "river",
                "新安江山水画廊 一江春水绿如蓝",
                &["新安江", "风光"],
                Some("shexian"),
            ),
            item(
                "tea",
                "春茶开采在即 茶农备足农资",
                &["茶叶"],
                Some("shexian"),
            ),
        ];
        let mut h = History::new();
        read(
            &mut h,
            &item("seen", "黄山云海日出", &tags, Some("huangshan")),
            NOW,
            1.0,
        );
        let no_tags: [String; 0] = [];
        let got = liked(&candidates, &current(&no_tags), &h, 3);
        assert!(got[0].item.id.starts_with("copy-"), "{:?}", ids(&got));
        assert_eq!(ids(&got)[1..], ["river", "tea"]);
        let all = liked(&candidates, &current(&no_tags), &h, 10);
        assert_eq!(all.len(), 5);
        assert!(
            ids(&all)[3..].iter().all(|id| id.starts_with("copy-")),
            "{:?}",
            ids(&all)
        );
    }

    #[test]
    fn ties_go_to_feed_order_and_every_run_agrees() {
        let candidates: Vec<FeedItem> = ["c", "a", "b"]
            .iter()
            .map(|id| item(id, "乡情未改师恩难忘", &["乡情"], None))
            .collect();
        let tags = ["乡情".to_owned()];
        let first = near(&candidates, &current(&tags), 3);
        assert_eq!(ids(&first), ["c", "a", "b"]);
        for _ in 0..5 {
            assert_eq!(near(&candidates, &current(&tags), 3), first);
        }
        let no_tags: [String; 0] = [];
        let unrelated: Vec<FeedItem> = ["z", "y"]
            .iter()
            .map(|id| item(id, "国潮", &[], None))
            .collect();
        assert_eq!(
            ids(&liked(&unrelated, &current(&no_tags), &History::new(), 2)),
            ["z", "y"]
        );
    }

    #[test]
    fn skips_the_current_article_what_was_read_and_repeats() {
        let candidates = [
            item("current", "歙县社区疫情防控", &[], None),
            item("read", "歙县社区防控", &[], None),
            item("new", "社区防控新举措", &[], None),
            item("new", "repeated id", &[], None),
        ];
        let mut h = History::new();
        read(&mut h, &candidates[1], NOW, 0.3);
        let no_tags: [String; 0] = [];
        assert_eq!(
            ids(&liked(&candidates, &current(&no_tags), &h, 10)),
            ["new"]
        );
        assert_eq!(
            ids(&near(&candidates, &current(&no_tags), 10)),
            ["read", "new"]
        );
    }

    #[test]
    fn the_current_article_in_history_is_not_a_reason() {
        let no_tags: [String; 0] = [];
        let here = current(&no_tags);
        let mut h = History::new();
        h.open(&here, NOW);
        h.read("current", 1.0);
        let candidates = [item("near", "歙县社区疫情防控工作", &[], None)];
        let got = liked(&candidates, &here, &h, 1);
        assert_eq!(got[0].reason, Reason::SimilarToThis);
    }

    #[test]
    fn nothing_to_suggest() {
        let no_tags: [String; 0] = [];
        assert!(liked(&[], &current(&no_tags), &History::new(), 4).is_empty());
        let candidates = [item("a", "t", &[], None)];
        assert!(liked(&candidates, &current(&no_tags), &History::new(), 0).is_empty());
    }

    #[test]
    fn sections_choose_their_mode_and_length() {
        let no_tags: [String; 0] = [];
        let mut section = Section {
            id: "s".into(),
            kind: SectionKind::List,
            title: "猜你喜欢".into(),
            personalize: None,
            limit: Some(2),
            items: (0..5)
                .map(|i| item(&format!("i{i}"), "社区", &[], None))
                .collect(),
        };
        let suggested = |section: &Section| {
            for_section(
                section,
                &Hot::default(),
                &current(&no_tags),
                &History::new(),
                NOW,
            )
            .map(|s| s.len())
        };
        assert_eq!(suggested(&section), None);
        section.personalize = Some(Personalize::YouMayLike);
        assert_eq!(suggested(&section), Some(2));
        section.personalize = Some(Personalize::Related);
        section.limit = None;
        assert_eq!(suggested(&section), Some(5));
    }
}

//! The feed contract and the recommendations, natively: every sample feed decodes, the
//! fixtures in `tests/fixtures/feed` agree with `schema/feed.schema.json` (checked by
//! `tests/schema/`), and "related" / "you may like" behave on the demo's Chinese stories.
#![cfg(not(target_arch = "wasm32"))]

use article_widget::i18n::Locale;
use article_widget::model::{
    decode, decode_feed, Article, Feed, FeedItem, ModelError, Personalize, RefusedSection,
    SectionKind,
};
use article_widget::recommend::tokenize::tokens;
use common::{json_files, read_json, root};

mod common;
use article_widget::recommend::{
    for_section, related, you_may_like, History, Hot, Reason, Story, Suggestion,
};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// 2020-02-20T08:00:00+08:00, the morning after the seed article was published.
const NOW: u64 = 1_582_156_800_000;

fn shexian() -> Feed {
    whole(read_json(&root().join("www/data/feeds/shexian.json"))).unwrap()
}

/// The feed of `json` if it and every section in it is valid; else every error, those of
/// the document or those of its refused sections, in document order.
fn whole(json: serde_json::Value) -> Result<Feed, ModelError> {
    let feed = decode_feed(json)?;
    let errors: Vec<_> = feed
        .sections
        .iter()
        .filter_map(|s| s.as_ref().err())
        .flat_map(|r| r.errors.clone())
        .collect();
    if errors.is_empty() {
        Ok(feed)
    } else {
        Err(ModelError::Invalid(errors))
    }
}

fn jijiehao() -> Article {
    decode(read_json(&root().join("www/data/articles/jijiehao.json"))).unwrap()
}

fn section<'f>(feed: &'f Feed, id: &str) -> &'f [FeedItem] {
    &feed
        .sections
        .iter()
        .flatten()
        .find(|s| s.id == id)
        .unwrap()
        .items
}

fn titles<'a>(suggestions: &'a [Suggestion]) -> Vec<&'a str> {
    suggestions.iter().map(|s| s.item.title.as_str()).collect()
}

fn position(suggestions: &[Suggestion], id: &str) -> usize {
    suggestions
        .iter()
        .position(|s| s.item.id == id)
        .unwrap_or(usize::MAX)
}

/// Stories about 黄山 tourism that the reader opened in the days before `NOW`.
fn tourism_history() -> History {
    let stories: [(&str, &str, &[&str]); 3] = [
        (
            "hs-snow",
            "黄山风景区雪后云海美如画",
            &["黄山", "风光", "旅游"],
        ),
        (
            "hs-visitors",
            "黄山旅游春节假期接待游客创新高",
            &["黄山", "旅游"],
        ),
        (
            "hs-sunrise",
            "光明顶看日出 黄山迎来赏景好时节",
            &["黄山", "风光", "云海"],
        ),
    ];
    let mut history = History::new();
    for (days_ago, (id, title, tags)) in (1..=3u64).rev().zip(stories) {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        history.open(
            &Story {
                id,
                title,
                summary: None,
                tags: &tags,
                channel: Some("huangshan"),
            },
            NOW - days_ago * DAY_MS,
        );
        history.read(id, 0.9);
    }
    history
}

const TOURISM: [&str; 5] = [
    "yuliangba-chunse",
    "huizhou-gucheng",
    "xinanjiang-hualang",
    "huangshan-yunhai",
    "shendu-guzhen",
];

// --- the contract ---

#[test]
fn sample_feeds_decode() {
    for path in json_files("www/data/feeds") {
        if let Err(e) = whole(read_json(&path)) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn valid_fixtures_decode() {
    for path in json_files("tests/fixtures/feed/valid") {
        if let Err(e) = whole(read_json(&path)) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_are_refused_at_the_expected_field() {
    common::invalid_fixtures_are_refused("tests/fixtures/feed/invalid", 40, true, whole);
}

#[test]
fn a_fault_inside_a_section_refuses_that_section_alone() {
    let json = serde_json::json!({
        "version": "1.0", "id": "f",
        "sections": [
            {"id": "ok", "kind": "list", "title": "OK", "items": [{"id": "a", "title": "A", "url": "a.html"}]},
            {"id": "bad-url", "kind": "list", "title": "坏链接", "personalize": "related", "items": [
                {"id": "b", "title": "B", "url": "javascript:alert(1)"}
            ]},
            {"id": "bad-kind", "kind": "slideshow", "title": 7, "items": []},
            42,
            {"id": "ok", "kind": "grid", "title": "Again", "items": []},
            {"id": "last", "kind": "ranking", "title": "Last", "items": [{"id": "c", "title": "C", "url": "c.html", "rank": 1}]}
        ]
    });
    let feed = decode_feed(json).unwrap();
    let valid: Vec<_> = feed
        .sections
        .iter()
        .flatten()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(valid, ["ok", "last"]);
    let refused: Vec<&RefusedSection> = feed
        .sections
        .iter()
        .filter_map(|s| s.as_ref().err())
        .collect();
    let paths = |r: &RefusedSection| r.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>();
    assert_eq!(
        paths(refused[0]),
        ["sections[1].items[0].url: only http, https, mailto or relative URLs are allowed (found \"javascript:\")"]
    );
    assert_eq!(
        (
            refused[0].id.as_deref(),
            refused[0].title.as_deref(),
            refused[0].kind,
            refused[0].personalize
        ),
        (
            Some("bad-url"),
            Some("坏链接"),
            Some(SectionKind::List),
            Some(Personalize::Related)
        )
    );
    assert_eq!(
        paths(refused[1]),
        [
            "sections[2].kind: \"slideshow\" is not one of featured, carousel, list, ranking, grid",
            "sections[2].title: expected text, found a number",
        ]
    );
    assert_eq!(
        (
            refused[1].id.as_deref(),
            refused[1].title.as_deref(),
            refused[1].kind
        ),
        (Some("bad-kind"), None, None)
    );
    assert_eq!(
        paths(refused[2]),
        ["sections[3]: expected an object, found a number"]
    );
    assert_eq!(refused[2].id, None);
    assert_eq!(
        paths(refused[3]),
        ["sections[4].id: duplicate section id \"ok\""]
    );
}

#[test]
fn a_fault_of_the_document_refuses_the_feed() {
    let section = serde_json::json!({"id": "s", "kind": "list", "title": "S", "items": []});
    for (json, expected) in [
        (
            serde_json::json!({"version": "1.0", "id": "f", "sections": {"s": section}}),
            "sections: expected a list of sections, found an object",
        ),
        (
            serde_json::json!({"version": "1.0", "id": "f"}),
            "sections: required: a list of sections",
        ),
        (
            serde_json::json!({"version": "1.0", "sections": [section]}),
            "id: required",
        ),
        (
            serde_json::json!({"version": "1.0", "id": "f", "title": 3, "sections": [section]}),
            "title: expected text, found a number",
        ),
        (
            serde_json::json!({"version": "3.0", "id": "f", "sections": [section]}),
            "version: unsupported version \"3.0\"; this widget reads version 1.x",
        ),
    ] {
        assert_eq!(decode_feed(json).unwrap_err().to_string(), expected);
    }
    let both = serde_json::json!({"version": "1.0", "id": 3, "sections": [
        {"id": "s", "kind": "list", "title": 4, "items": {}}
    ]});
    assert_eq!(
        decode_feed(both).unwrap_err().to_string(),
        "id: expected text, found a number; sections[0].title: expected text, found a number; \
         sections[0].items: expected a list of items, found an object",
        "a feed refused as a whole names the problems of its sections too"
    );
    let many: Vec<_> = (0..1001).map(|i| serde_json::json!({"id": format!("s{i}"), "kind": "list", "title": "S", "items": []})).collect();
    let err = decode_feed(serde_json::json!({"version": "1.0", "id": "f", "sections": many}))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "sections: at most 1000 entries (found 1001)"
    );
}

#[test]
fn another_major_version_is_refused_as_for_articles() {
    let err = decode_feed(serde_json::json!({"version": "2.1", "id": "f", "sections": "anything"}))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "version: unsupported version \"2.1\"; this widget reads version 1.x"
    );
    let err = decode_feed(serde_json::json!([])).unwrap_err();
    assert_eq!(err.fields()[0].path, "(document)");
}

#[test]
fn repeated_ids_are_refused_where_they_repeat() {
    let json = serde_json::json!({
        "version": "1.0", "id": "f",
        "sections": [
            {"id": "a", "kind": "list", "title": "A", "items": [
                {"id": "x", "title": "X", "url": "x.html"},
                {"id": "x", "title": "X again", "url": "x2.html"}
            ]},
            {"id": "a", "kind": "grid", "title": "A again", "items": [{"id": "x", "title": "X", "url": "x.html"}]}
        ]
    });
    let err = whole(json).unwrap_err();
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["sections[0].items[1].id", "sections[1].id"],
        "{err}"
    );
    assert_eq!(err.fields()[1].message, "duplicate section id \"a\"");
}

#[test]
fn every_error_is_reported_in_document_order() {
    let json = serde_json::json!({
        "version": "1.0", "id": "f",
        "sections": [
            {"id": "p", "kind": "carousel", "title": "图文看点", "limit": 0, "items": [
                {"id": "a", "title": "A", "url": "javascript:alert(1)"},
                {"id": "b", "title": "", "url": "b.html", "tags": ["ok", 3],
                 "image": {"src": "b.png", "width": 0, "height": 10, "alt": ""}}
            ]},
            {"id": "r", "kind": "ranking", "title": "热点排行", "items": [{"id": "c", "title": "C", "url": "c.html", "views": -3}]}
        ]
    });
    let err = whole(json).unwrap_err();
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "sections[0].limit",
            "sections[0].items[0].url",
            "sections[0].items[0].image",
            "sections[0].items[1].title",
            "sections[0].items[1].image.width",
            "sections[0].items[1].tags[1]",
            "sections[1].items[0].rank",
            "sections[1].items[0].views",
        ],
        "{err}"
    );
    assert_eq!(
        err.fields()[1].to_string(),
        "sections[0].items[0].url: only http, https, mailto or relative URLs are allowed (found \"javascript:\")"
    );
}

#[test]
fn the_seed_article_names_the_sample_feed() {
    let article = jijiehao();
    let feed = article.feed.as_deref().unwrap();
    let path = root().join("www/data/articles").join(feed);
    assert!(path.exists(), "{}", path.display());
    assert_eq!(
        decode_feed(read_json(&path)).unwrap().id,
        article.channel.unwrap().id
    );
}

#[test]
fn the_sample_feed_has_every_section_of_the_seed_page() {
    let feed = shexian();
    let sections: Vec<_> = feed
        .sections
        .iter()
        .flatten()
        .map(|s| (s.title.as_str(), s.kind, s.personalize))
        .collect();
    assert_eq!(
        sections,
        [
            ("新闻推荐", SectionKind::Featured, None),
            ("相关推荐", SectionKind::List, Some(Personalize::Related)),
            ("猜你喜欢", SectionKind::List, Some(Personalize::YouMayLike)),
            ("频道推荐", SectionKind::List, None),
            ("热点阅读", SectionKind::List, None),
            ("图文看点", SectionKind::Carousel, None),
            ("乡里乡亲", SectionKind::List, None),
            ("热点排行", SectionKind::Ranking, None),
        ]
    );
    for s in feed.sections.iter().flatten() {
        assert!(
            s.items.len() >= s.limit.unwrap_or(1),
            "{} has fewer candidates than it shows",
            s.id
        );
        if s.kind.needs_images() {
            assert!(s.items.iter().all(|i| i.image.is_some()), "{}", s.id);
        }
    }
    let ranks: Vec<_> = section(&feed, "hot-ranking")
        .iter()
        .map(|i| i.rank)
        .collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(4), Some(5)]);
}

// --- recommendations on the demo's Chinese stories ---

#[test]
fn the_seed_title_becomes_character_bigrams() {
    assert_eq!(
        tokens("天天可闻“集结号”处处都见先锋队"),
        [
            "天天", "天可", "可闻", "集结", "结号", "处处", "处都", "都见", "见先", "先锋", "锋队"
        ]
    );
    assert_eq!(tokens("“00后”,书写不一样的青春")[..2], ["00", "后"]);
}

#[test]
fn related_to_the_seed_article_are_the_seed_pages_related_stories() {
    let feed = shexian();
    let article = jijiehao();
    let got = related(
        section(&feed, "related"),
        &Story::from(&article),
        3,
        &Hot::default(),
    );
    assert_eq!(
        titles(&got),
        [
            "歙县在职党员下沉小区 守好疫情防控“小门”",
            "徽城镇网格员逐户排查 织密社区防控网",
            "把支部建在小区上 歙县成立小区疫情防控临时党支部",
        ]
    );
    assert_eq!(
        got[0].reason,
        Reason::SharedTags(
            ["歙县", "党员先锋", "疫情防控", "社区"]
                .map(String::from)
                .to_vec()
        )
    );
    assert_eq!(
        got[0].reason.label(Locale::ZhCn),
        "与本文话题相同:歙县、党员先锋、疫情防控、社区"
    );
}

#[test]
fn related_never_lists_the_article_itself() {
    let feed = shexian();
    let article = jijiehao();
    let got = related(
        section(&feed, "hot-ranking"),
        &Story::from(&article),
        10,
        &Hot::default(),
    );
    assert_eq!(got.len(), 4);
    assert!(got.iter().all(|s| s.item.id != "jijiehao"));
    assert_eq!(got[0].item.title, "歙县企业有序复工复产");
}

#[test]
fn without_history_you_may_like_follows_the_seed_article() {
    let feed = shexian();
    let article = jijiehao();
    let got = you_may_like(
        section(&feed, "you-may-like"),
        &Story::from(&article),
        &History::new(),
        NOW,
        4,
        &Hot::default(),
    );
    assert_eq!(got.len(), 4);
    assert_eq!(got[0].item.title, "歙县企业有序复工复产");
    assert_eq!(
        got[0].reason,
        Reason::SharedTags(vec!["歙县".into(), "疫情防控".into()])
    );
    assert!(got
        .iter()
        .all(|s| !matches!(s.reason, Reason::YouRead { .. })));
    assert!(
        got.iter().all(|s| s.item.id != "huangshan-yunhai"),
        "nothing links 黄山云海 to the seed article"
    );
}

#[test]
fn reading_huangshan_tourism_moves_tourism_up() {
    let feed = shexian();
    let article = jijiehao();
    let candidates = section(&feed, "you-may-like");
    let before = you_may_like(
        candidates,
        &Story::from(&article),
        &History::new(),
        NOW,
        9,
        &Hot::default(),
    );
    let history = tourism_history();
    let after = you_may_like(
        candidates,
        &Story::from(&article),
        &history,
        NOW,
        9,
        &Hot::default(),
    );
    assert_eq!(after[0].item.title, "黄山云海翻腾 月下群峰如岛");
    assert_eq!(position(&before, "huangshan-yunhai"), 8);
    let rank_sum = |list: &[Suggestion]| TOURISM.iter().map(|id| position(list, id)).sum::<usize>();
    assert!(
        rank_sum(&after) < rank_sum(&before),
        "{:?}\n{:?}",
        titles(&before),
        titles(&after)
    );
    let in_top4 = |list: &[Suggestion]| {
        list[..4]
            .iter()
            .filter(|s| TOURISM.contains(&s.item.id.as_str()))
            .count()
    };
    assert!(
        in_top4(&after) > in_top4(&before),
        "{:?}\n{:?}",
        titles(&before),
        titles(&after)
    );
    let Reason::YouRead { id, title } = &after[0].reason else {
        panic!("{:?}", after[0].reason)
    };
    assert!(history.contains(id));
    assert_eq!(
        after[0].reason.label(Locale::ZhCn),
        format!("因为你读过《{title}》")
    );
}

#[test]
fn old_tourism_reading_moves_less_than_fresh() {
    let feed = shexian();
    let article = jijiehao();
    let candidates = section(&feed, "you-may-like");
    let history = tourism_history();
    let fresh = you_may_like(
        candidates,
        &Story::from(&article),
        &history,
        NOW,
        9,
        &Hot::default(),
    );
    let months_later = you_may_like(
        candidates,
        &Story::from(&article),
        &history,
        NOW + 120 * DAY_MS,
        9,
        &Hot::default(),
    );
    let without = you_may_like(
        candidates,
        &Story::from(&article),
        &History::new(),
        NOW,
        9,
        &Hot::default(),
    );
    assert!(fresh[0].score > months_later[0].score);
    assert_eq!(
        titles(&months_later),
        titles(&without),
        "four months on, the old reading is forgotten"
    );
}

#[test]
fn the_list_stays_diverse() {
    let feed = shexian();
    let article = jijiehao();
    let got = you_may_like(
        section(&feed, "you-may-like"),
        &Story::from(&article),
        &tourism_history(),
        NOW,
        4,
        &Hot::default(),
    );
    let tourism = got
        .iter()
        .filter(|s| TOURISM.contains(&s.item.id.as_str()))
        .count();
    assert!((2..4).contains(&tourism), "{:?}", titles(&got));
    let mut channels: Vec<_> = got
        .iter()
        .filter_map(|s| s.item.channel.as_deref())
        .collect();
    channels.dedup();
    assert!(channels.len() >= 2, "{:?}", titles(&got));
    let by_score = {
        let mut all = you_may_like(
            section(&feed, "you-may-like"),
            &Story::from(&article),
            &tourism_history(),
            NOW,
            9,
            &Hot::default(),
        );
        all.sort_by(|a, b| b.score.total_cmp(&a.score));
        all.truncate(4);
        all
    };
    assert_ne!(
        titles(&got),
        titles(&by_score),
        "diversification should change the top four here"
    );
}

#[test]
fn what_was_read_is_skipped_and_clearing_resets() {
    let feed = shexian();
    let article = jijiehao();
    let candidates = section(&feed, "you-may-like");
    let current = Story::from(&article);
    let baseline = you_may_like(
        candidates,
        &current,
        &History::new(),
        NOW,
        9,
        &Hot::default(),
    );

    let mut history = tourism_history();
    let fugong = candidates.iter().find(|i| i.id == "fugong-fuchan").unwrap();
    history.open(&Story::from(fugong), NOW - DAY_MS / 2);
    history.open(&current, NOW);
    let got = you_may_like(candidates, &current, &history, NOW, 9, &Hot::default());
    assert_eq!(got.len(), 8);
    assert!(got.iter().all(|s| s.item.id != "fugong-fuchan"));

    let stored = History::decode(&history.encode());
    assert_eq!(
        you_may_like(candidates, &current, &stored, NOW, 9, &Hot::default()),
        got,
        "storage round trip"
    );

    history.clear();
    let cleared = History::decode(&history.encode());
    assert_eq!(
        you_may_like(candidates, &current, &cleared, NOW, 9, &Hot::default()),
        baseline
    );
}

#[test]
fn with_nothing_similar_popular_stories_come_first() {
    let feed = shexian();
    let showcase = decode(read_json(&root().join("www/data/articles/showcase.json"))).unwrap();
    let got = you_may_like(
        section(&feed, "you-may-like"),
        &Story::from(&showcase),
        &History::new(),
        NOW,
        9,
        &Hot::default(),
    );
    let views: Vec<_> = got.iter().map(|s| s.item.views).collect();
    assert_eq!(views[..4], [Some(9650), Some(7412), Some(5138), Some(3021)]);
    assert!(got[..4].iter().all(|s| s.reason == Reason::Popular));
    assert!(got[4..].iter().all(|s| s.reason == Reason::EditorsPick));
    assert_eq!(got[0].reason.label(Locale::En), "Popular now");
}

#[test]
fn personalised_sections_are_ranked_and_cut_to_their_limit() {
    let feed = shexian();
    let article = jijiehao();
    let current = Story::from(&article);
    for s in feed.sections.iter().flatten() {
        match for_section(s, &Hot::default(), &current, &History::new(), NOW) {
            Some(list) => assert_eq!(Some(list.len()), s.limit, "{}", s.id),
            None => assert!(
                s.personalize.is_none() && s.shown().len() == s.items.len(),
                "{}",
                s.id
            ),
        }
    }
}

#[test]
fn hostile_sizes_are_refused_at_their_field() {
    let item = serde_json::json!({"id": "i", "title": "t", "url": "a.html"});
    let items: Vec<_> = (0..1001)
        .map(|i| {
            let mut item = item.clone();
            item["id"] = serde_json::json!(format!("i{i}"));
            item
        })
        .collect();
    let feed = serde_json::json!({"version": "1.0", "id": "f", "sections": [
        {"id": "s", "kind": "list", "title": "t", "items": items}
    ]});
    let err = whole(feed).unwrap_err();
    assert_eq!(
        err.fields()[0].to_string(),
        "sections[0].items: at most 1000 entries (found 1001)"
    );
}

//! The recommendations feed contract: JSON text → tree → validation, with the article
//! target's properties (deterministic, both entry points agree, refusals explained, the
//! JSON round trip of tree and of a feed whose sections are all valid, every kept URL
//! allowed, every refused section explained), and then each personalised section ranked
//! for a story of the feed: every suggestion is a candidate or (filling "you may like") a
//! story of a valid ranking section, popular; at most once, within the section's limit,
//! none the reader opened in "you may like".
#![no_main]

use std::collections::HashSet;

use article_widget::model::{
    decode_feed, validate_feed, ModelError, Personalize, SectionKind, Value,
};
use article_widget::recommend::{for_section, History, Hot, Reason, Story};
use article_widget::sanitize::url::UrlUse;
use article_widget_fuzz::{assert_checked_url, assert_error_explained, feed_json, parse, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Some(tree) = parse(&text) else {
        let mut de = serde_json::Deserializer::from_str(&text);
        if let Err(e) = decode_feed(&mut de) {
            assert_error_explained(&e);
        }
        return;
    };
    let result = validate_feed(&tree);
    assert_eq!(
        result,
        validate_feed(&tree),
        "validation is not deterministic"
    );
    let mut de = serde_json::Deserializer::from_str(&text);
    assert_eq!(decode_feed(&mut de), result, "decode and validate disagree");
    let again = Value::parse(&tree.to_json()).expect("the tree written as JSON parses");
    assert_eq!(
        validate_feed(&again),
        result,
        "the tree written as JSON validates differently"
    );
    let feed = match result {
        Err(e) => return assert_error_explained(&e),
        Ok(feed) => feed,
    };
    let mut refused = false;
    for r in feed.sections.iter().filter_map(|s| s.as_ref().err()) {
        refused = true;
        assert_error_explained(&ModelError::Invalid(r.errors.clone()));
    }
    if !refused {
        let written = feed_json(&feed);
        assert_eq!(
            validate_feed(&written).as_ref(),
            Ok(&feed),
            "a valid feed written back does not validate to itself: {}",
            written.to_json()
        );
    }
    let hot = Hot::of(&feed);
    let mut section_ids = HashSet::new();
    for section in feed.sections.iter().flatten() {
        assert!(
            section_ids.insert(section.id.as_str()),
            "duplicate section id"
        );
        assert!(section.shown().len() <= section.limit.unwrap_or(usize::MAX));
        for item in &section.items {
            assert_checked_url(&item.url, UrlUse::Link);
            if let Some(image) = &item.image {
                assert_checked_url(&image.src, UrlUse::Image);
                assert!((1..=100_000).contains(&image.width));
                assert!((1..=100_000).contains(&image.height));
            }
        }
        let current = section.items.first().map(Story::from).unwrap_or(Story {
            id: "",
            title: "",
            summary: None,
            tags: &[],
            channel: None,
        });
        let mut history = History::new();
        for (i, item) in section.items.iter().enumerate().skip(1).step_by(2) {
            history.open(&Story::from(item), 1_600_000_000_000 + i as u64 * 3_600_000);
        }
        if let Some(suggestions) = for_section(section, &hot, &current, &history, 1_700_000_000_000)
        {
            assert!(suggestions.len() <= section.limit.unwrap_or(usize::MAX));
            let mut seen = HashSet::new();
            for s in &suggestions {
                assert!(
                    seen.insert(s.item.id.as_str()),
                    "{} suggested twice",
                    s.item.id
                );
                assert_ne!(s.item.id, current.id, "the current article is suggested");
                let you_may_like = section.personalize == Some(Personalize::YouMayLike);
                if you_may_like {
                    assert!(!history.contains(&s.item.id), "{} was read", s.item.id);
                }
                if section.items.iter().any(|i| std::ptr::eq(i, s.item)) {
                    continue;
                }
                let mut hot_ones = feed
                    .sections
                    .iter()
                    .flatten()
                    .filter(|s| s.kind == SectionKind::Ranking)
                    .flat_map(|s| &s.items);
                assert!(
                    you_may_like && hot_ones.any(|i| std::ptr::eq(i, s.item)),
                    "{} is neither a candidate nor a hot story filling \"you may like\"",
                    s.item.id
                );
                assert_eq!(s.reason, Reason::Popular, "{} filled in", s.item.id);
            }
        }
    }
});

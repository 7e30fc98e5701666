//! The static comment thread contract: JSON text → tree → validation, with the article
//! target's properties (deterministic, both entry points agree, refusals explained, the
//! JSON round trip of tree and of a valid thread), the rules a schema cannot state (unique
//! ids, parents that exist, no reply cycles, websites absolute http(s)), the static
//! backend's one way of reading a fetched document (`static_json::page`: the same thread,
//! or the contract error under the document's URL), and the thread as shown: every
//! comment exactly once over all pages, in every sort order.
#![no_main]

use std::collections::{HashMap, HashSet};

use article_widget::comments::backend::{static_json, ReadError};
use article_widget::comments::{merge, Outbox};
use article_widget::model::{check_website, decode_thread, validate_thread, Value};
use article_widget::net::error::LoadError;
use article_widget::sanitize::url::UrlUse;
use article_widget_fuzz::{
    assert_error_explained, assert_safe_url, assert_tree_shows_everything, is_plain, parse, text,
    thread_json,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Some(tree) = parse(&text) else {
        let mut de = serde_json::Deserializer::from_str(&text);
        if let Err(e) = decode_thread(&mut de) {
            assert_error_explained(&e);
        }
        return;
    };
    const URL: &str = "/comments/a.json";
    let read = static_json::page(URL, Ok(tree.clone())).map(|page| page.comments);
    let result = validate_thread(&tree);
    assert_eq!(
        result,
        validate_thread(&tree),
        "validation is not deterministic"
    );
    let mut de = serde_json::Deserializer::from_str(&text);
    assert_eq!(
        decode_thread(&mut de),
        result,
        "decode and validate disagree"
    );
    let again = Value::parse(&tree.to_json()).expect("the tree written as JSON parses");
    assert_eq!(
        validate_thread(&again),
        result,
        "the tree written as JSON validates differently"
    );
    let thread = match result {
        Err(e) => {
            assert_eq!(
                read,
                Err(ReadError::Load(LoadError::Model {
                    url: URL.into(),
                    source: e.clone(),
                })),
                "the static backend reads an invalid thread otherwise"
            );
            return assert_error_explained(&e);
        }
        Ok(thread) => thread,
    };
    assert_eq!(
        read.as_ref().ok(),
        Some(&thread.comments),
        "the static backend reads otherwise"
    );
    let written = thread_json(&thread);
    assert_eq!(
        validate_thread(&written).as_ref(),
        Ok(&thread),
        "a valid thread written back does not validate to itself: {}",
        written.to_json()
    );
    let mut ids = HashSet::new();
    let parent_of: HashMap<&str, Option<&str>> = thread
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    for c in &thread.comments {
        assert!(ids.insert(c.id.as_str()), "duplicate id {:?}", c.id);
        assert!(is_plain(&c.text), "a static thread's text is plain");
        if let Some(site) = &c.website {
            assert_eq!(check_website(site).as_deref(), Ok(site.as_str()));
            assert_safe_url(site, UrlUse::Link);
            assert!(site
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("http")));
        }
        let mut at = c.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = at {
            assert!(parent_of.contains_key(p), "parent {p:?} does not exist");
            steps += 1;
            assert!(steps <= thread.comments.len(), "replies form a cycle");
            at = parent_of[p];
        }
    }
    let entries = merge(&thread.uri, &thread.comments, &[], &Outbox::default());
    assert_eq!(
        entries.len(),
        thread.comments.len(),
        "merging lost or added comments"
    );
    assert_tree_shows_everything(entries);
});

//! The static comment thread contract: JSON text → tree → validation, with the article
//! target's properties (deterministic, both entry points agree, refusals explained, the
//! JSON round trip of tree and of a valid thread), the rules a schema cannot state (unique
//! ids, parents that exist, no reply cycles, websites absolute http(s)), the static
//! backend reading the same thread from an HTTP answer, and the thread as shown: every
//! comment exactly once over all pages, in every sort order.
#![no_main]

use std::collections::{HashMap, HashSet};

use article_widget::comments::backend::StaticJson;
use article_widget::comments::{merge, CommentBackend, Outbox, Reply};
use article_widget::model::{check_website, decode_thread, validate_thread, Value};
use article_widget::sanitize::url::UrlUse;
use article_widget_fuzz::{
    assert_error_explained, assert_safe_url, assert_tree_shows_everything, is_plain, parse, text,
    thread_json,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let backend: &dyn CommentBackend = &StaticJson::new("/comments/a.json");
    let read = backend.read_thread(&Reply::Answer {
        status: 200,
        body: text.clone(),
    });
    let Some(tree) = parse(&text) else {
        assert!(read.is_err(), "an answer that is not JSON was read");
        let mut de = serde_json::Deserializer::from_str(&text);
        if let Err(e) = decode_thread(&mut de) {
            assert_error_explained(&e);
        }
        return;
    };
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
            assert!(read.is_err(), "the static backend read an invalid thread");
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

//! The article contract: JSON text → tree → validation. Beyond "no panic": the result is
//! deterministic and the same through both entry points (`decode` from a deserializer,
//! `validate` from a tree); a refusal always explains itself; the tree written back to
//! JSON text validates the same; a valid article written back as JSON validates again to
//! the same article; every URL it keeps is one the policy allows, as a browser reads it;
//! its JSON-LD for search engines cannot close its `<script>` element, is JSON, and holds
//! the headline and only URLs that were checked.
#![no_main]

use article_widget::model::{decode, validate, Value};
use article_widget::sanitize::url::{check_url, UrlUse};
use article_widget::seo::json_ld;
use article_widget_fuzz::{
    article_json, article_urls, assert_checked_url, assert_error_explained, parse, text,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let Some(tree) = parse(&text) else {
        let mut de = serde_json::Deserializer::from_str(&text);
        if let Err(e) = decode(&mut de) {
            assert_error_explained(&e);
        }
        return;
    };
    let result = validate(&tree);
    assert_eq!(result, validate(&tree), "validation is not deterministic");
    let mut de = serde_json::Deserializer::from_str(&text);
    assert_eq!(decode(&mut de), result, "decode and validate disagree");
    let again = Value::parse(&tree.to_json()).expect("the tree written as JSON parses");
    assert_eq!(
        validate(&again),
        result,
        "the tree written as JSON validates differently"
    );
    match result {
        Err(e) => assert_error_explained(&e),
        Ok(article) => {
            for (url, usage) in article_urls(&article) {
                assert_checked_url(url, usage);
            }
            assert!(!article.title.trim().is_empty() && !article.id.trim().is_empty());
            let minutes = article.reading_minutes();
            assert!(minutes >= 1);
            let resolve = |u: &str| {
                check_url(u, UrlUse::Link)
                    .ok()
                    .map(|u| format!("https://news.example/{}", u.trim_start_matches('/')))
            };
            let ld = json_ld(&article, &resolve);
            assert!(!ld.contains('<'), "the JSON-LD can close its script: {ld}");
            let parsed = Value::parse(&ld).expect("the JSON-LD is JSON");
            let Some(Value::Array(graph)) = parsed.get("@graph") else {
                panic!("no @graph in {ld}")
            };
            assert_eq!(
                graph[0].get("headline"),
                Some(&Value::String(article.title.clone()))
            );
            let written = article_json(&article);
            assert_eq!(
                validate(&written).as_ref(),
                Ok(&article),
                "a valid article written back does not validate to itself: {}",
                written.to_json()
            );
        }
    }
});

//! The article contract: JSON text → tree → validation. Beyond "no panic": the result is
//! deterministic and the same through both entry points (`decode` from a deserializer,
//! `validate` from a tree); a refusal always explains itself; the tree written back to
//! JSON text validates the same; a valid article written back as JSON validates again to
//! the same article; every URL it keeps is one the policy allows, as a browser reads it.
#![no_main]

use article_widget::model::{decode, validate, Value};
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

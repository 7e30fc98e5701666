//! The Rust validator and the published JSON Schema agree: every sample article decodes,
//! every invalid fixture in `tests/fixtures/invalid` is refused at the field its `_expect`
//! names, and every fixture in `tests/fixtures/valid` decodes.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use article_widget::model::{decode, Article, Block, ModelError};
use common::{json_files, root};

mod common;

fn load(path: &Path) -> (serde_json::Value, Result<Article, ModelError>) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let result = decode(json.clone());
    (json, result)
}

#[test]
fn sample_articles_decode() {
    for path in json_files("www/data/articles") {
        let (_, result) = load(&path);
        if let Err(e) = result {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn valid_fixtures_decode() {
    for path in json_files("tests/fixtures/valid") {
        let (_, result) = load(&path);
        if let Err(e) = result {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_are_refused_at_the_expected_field() {
    common::invalid_fixtures_are_refused("tests/fixtures/invalid", 40, false, decode);
}

#[test]
fn seed_article_is_complete() {
    let path = root().join("www/data/articles/jijiehao.json");
    let article = load(&path).1.unwrap();
    assert_eq!(article.title, "天天可闻“集结号”处处都见先锋队");
    assert_eq!(article.source.as_ref().unwrap().name, "黄山日报");
    assert_eq!(article.published.to_iso(), "2020-02-19T04:32:00+08:00");
    assert_eq!(
        article
            .published
            .display(article_widget::i18n::Locale::ZhCn),
        "2020-02-19 04:32"
    );
    let authors: Vec<_> = article.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(authors, ["汪亚清", "柯为"]);
    let headings: Vec<String> = article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { children, .. } => {
                Some(children.iter().map(|s| s.text.as_str()).collect())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "吹响“集结号”,发布社区动员令",
            "防控再细化,处处都有先锋队",
            "织牢保障网,激发斗志显担当"
        ]
    );
    let paragraphs = article
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    assert_eq!(paragraphs, 10);
    assert!(
        article.reading_minutes() >= 3,
        "{}",
        article.reading_minutes()
    );
}

#[test]
fn structural_errors_carry_their_path() {
    let json = serde_json::json!({
        "version": "1.0", "id": "a", "title": "t", "published": "2020-02-19T04:32:00+08:00",
        "body": [{"type": "paragraph", "children": [{"text": "ok"}, {"text": 42}]}]
    });
    let err = decode(json).unwrap_err();
    assert_eq!(err.fields()[0].path, "body[0].children[1].text", "{err}");
}

#[test]
fn all_errors_are_reported_in_document_order() {
    let json = serde_json::json!({
        "version": "1.0", "id": "a", "published": "2020-02-19T04:32:00+08:00",
        "body": [
            {"type": "heading", "level": 9, "children": []},
            {"type": "paragraph", "children": [{"text": "x", "href": "javascript:alert(1)"}]}
        ]
    });
    let err = decode(json).unwrap_err();
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["title", "body[0].level", "body[1].children[0].href"]
    );
    assert_eq!(
        err.fields()[2].to_string(),
        "body[1].children[0].href: only http, https, mailto or relative URLs are allowed (found \"javascript:\")"
    );
}

/// A valid article whose body is `body`.
fn article_with(body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "version": "1.0", "id": "a", "title": "t", "published": "2020-02-19T04:32:00+08:00",
        "body": body
    })
}

#[test]
fn hostile_sizes_are_refused_at_their_field() {
    let paragraph = serde_json::json!({"type": "paragraph", "children": [{"text": "p"}]});
    // 10000 blocks is the most a body may hold; one more is refused without reading them.
    assert!(decode(article_with(serde_json::json!(vec![
        paragraph.clone();
        10_000
    ])))
    .is_ok());
    let err = decode(article_with(serde_json::json!(vec![paragraph; 10_001]))).unwrap_err();
    assert_eq!(
        err.fields()[0].to_string(),
        "body: at most 10000 entries (found 10001)"
    );
    let spans = vec![serde_json::json!({"text": "s"}); 5000];
    let err = decode(article_with(
        serde_json::json!([{"type": "paragraph", "children": spans}]),
    ))
    .unwrap_err();
    assert_eq!(
        err.fields()[0].to_string(),
        "body[0].children: at most 1000 entries (found 5000)"
    );
    let mut json = article_with(serde_json::json!([]));
    json["tags"] = serde_json::json!(vec!["t"; 100_000]);
    json["navigation"] =
        serde_json::json!(vec![serde_json::json!({"title": "n", "url": "/"}); 1001]);
    let err = decode(json).unwrap_err();
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["navigation", "tags"]);

    let html = "<p>x</p>".repeat(12_500);
    assert!(decode(article_with(
        serde_json::json!([{"type": "html", "html": html}])
    ))
    .is_ok());
    let err = decode(article_with(
        serde_json::json!([{"type": "html", "html": format!("{html}!")}]),
    ))
    .unwrap_err();
    assert_eq!(
        err.fields()[0].to_string(),
        "body[0].html: the html blocks of an article hold at most 100000 characters together (found 100001 so far)"
    );
    // The limit is for all html blocks together: ten blocks of 40000 are too many.
    let block = serde_json::json!({"type": "html", "html": "<p>x</p>".repeat(5000)});
    let err = decode(article_with(serde_json::json!(vec![block; 10]))).unwrap_err();
    let paths: Vec<_> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "body[2].html",
            "body[3].html",
            "body[4].html",
            "body[5].html",
            "body[6].html",
            "body[7].html",
            "body[8].html",
            "body[9].html"
        ]
    );
}

//! What search engines read: the schema.org `NewsArticle` and `BreadcrumbList` of an
//! article as one JSON-LD document, safe to place inside a `<script>` element.

use crate::model::{Article, Block, Link, Value};

/// The JSON-LD (`@graph` of a `NewsArticle` and, with breadcrumbs, a `BreadcrumbList`) for
/// `article`. `resolve` turns a URL of the article JSON into an absolute, scheme-checked
/// URL (`None` drops it). `<` is escaped, so the text cannot close its `<script>`.
pub fn json_ld(article: &Article, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let url = |u: Option<&str>| u.and_then(resolve).map(Value::String);
    let text = |t: &str| Some(Value::String(t.to_owned()));
    let people = |links: &[Link], kind: &str| {
        let mut list = Vec::with_capacity(links.len());
        for l in links {
            list.push(Value::object(vec![
                ("@type", text(kind)),
                ("name", text(&l.name)),
                ("url", url(l.url.as_deref())),
            ]));
        }
        (!list.is_empty()).then_some(Value::Array(list))
    };
    let mut images = Vec::new();
    for block in &article.body {
        if let Block::Image(image) = block {
            images.extend(url(Some(&image.src)));
        }
    }
    let publisher = article.site.as_ref().or(article.source.as_ref());
    let news = Value::object(vec![
        ("@type", text("NewsArticle")),
        ("headline", text(&article.title)),
        ("inLanguage", text(&article.lang)),
        ("mainEntityOfPage", url(article.url.as_deref())),
        ("url", url(article.url.as_deref())),
        ("description", article.summary.as_deref().and_then(text)),
        ("datePublished", text(&article.published.to_iso())),
        (
            "dateModified",
            article.updated.as_ref().map(|d| Value::String(d.to_iso())),
        ),
        ("author", people(&article.authors, "Person")),
        (
            "publisher",
            publisher.and_then(|p| people(std::slice::from_ref(p), "Organization")),
        ),
        (
            "image",
            (!images.is_empty()).then_some(Value::Array(images)),
        ),
        (
            "articleSection",
            article.channel.as_ref().and_then(|c| text(&c.title)),
        ),
        (
            "keywords",
            (!article.tags.is_empty()).then(|| Value::String(article.tags.join(", "))),
        ),
    ]);
    let mut graph = vec![news];
    if !article.breadcrumbs.is_empty() {
        let mut items = Vec::with_capacity(article.breadcrumbs.len());
        for (i, crumb) in article.breadcrumbs.iter().enumerate() {
            items.push(Value::object(vec![
                ("@type", text("ListItem")),
                ("position", Some(Value::Number((i + 1) as f64))),
                ("name", text(&crumb.title)),
                ("item", url(crumb.url.as_deref())),
            ]));
        }
        graph.push(Value::object(vec![
            ("@type", text("BreadcrumbList")),
            ("itemListElement", Some(Value::Array(items))),
        ]));
    }
    let json = Value::object(vec![
        ("@context", text("https://schema.org")),
        ("@graph", Some(Value::Array(graph))),
    ])
    .to_json();
    let mut escaped = String::with_capacity(json.len());
    for (i, part) in json.split('<').enumerate() {
        if i > 0 {
            escaped.push_str("\\u003c");
        }
        escaped.push_str(part);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate, Value};

    fn seed() -> Article {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/www/data/articles/jijiehao.json"
        ))
        .expect("seed article");
        validate(&Value::parse(&text).expect("json")).expect("valid")
    }

    fn absolute(u: &str) -> Option<String> {
        (!u.starts_with("javascript:"))
            .then(|| format!("https://news.example{}", u.trim_start_matches('.')))
    }

    #[test]
    fn seed_article_as_news_article_and_breadcrumbs() {
        let article = seed();
        let ld = Value::parse(&json_ld(&article, &absolute)).expect("valid JSON");
        assert_eq!(
            ld.get("@context"),
            Some(&Value::String("https://schema.org".into()))
        );
        let Some(Value::Array(graph)) = ld.get("@graph") else {
            panic!("no graph")
        };
        let news = &graph[0];
        assert_eq!(
            news.get("@type"),
            Some(&Value::String("NewsArticle".into()))
        );
        assert_eq!(
            news.get("headline"),
            Some(&Value::String(article.title.clone()))
        );
        assert_eq!(
            news.get("datePublished"),
            Some(&Value::String("2020-02-19T04:32:00+08:00".into()))
        );
        let Some(Value::Array(authors)) = news.get("author") else {
            panic!("no authors")
        };
        let names: Vec<_> = authors.iter().filter_map(|a| a.get("name")).collect();
        assert_eq!(
            names,
            [
                &Value::String("汪亚清".into()),
                &Value::String("柯为".into())
            ]
        );
        let crumbs = &graph[1];
        assert_eq!(
            crumbs.get("@type"),
            Some(&Value::String("BreadcrumbList".into()))
        );
        let Some(Value::Array(items)) = crumbs.get("itemListElement") else {
            panic!("no items")
        };
        assert_eq!(items.len(), article.breadcrumbs.len());
        assert_eq!(items[0].get("position"), Some(&Value::Number(1.0)));
    }

    #[test]
    fn text_cannot_close_the_script_element() {
        let mut article = seed();
        article.title = "</script><script>alert(1)</script>".into();
        let ld = json_ld(&article, &absolute);
        assert!(!ld.contains('<'), "{ld}");
        let parsed = Value::parse(&ld).expect("still valid JSON");
        let Some(Value::Array(graph)) = parsed.get("@graph") else {
            panic!("no graph")
        };
        assert_eq!(
            graph[0].get("headline"),
            Some(&Value::String(article.title.clone()))
        );
    }

    #[test]
    fn refused_urls_are_left_out() {
        let mut article = seed();
        article.url = Some("javascript:alert(1)".into());
        let ld = json_ld(&article, &absolute);
        assert!(!ld.contains("javascript"), "{ld}");
        assert!(!ld.contains("mainEntityOfPage"));
    }
}

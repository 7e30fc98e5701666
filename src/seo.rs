//! What search engines read: the schema.org `NewsArticle` and `BreadcrumbList` of an
//! article as one JSON-LD document, safe to place inside a `<script>` element.

use crate::model::{Article, Block, Link};

/// The JSON-LD (`@graph` of a `NewsArticle` and, with breadcrumbs, a `BreadcrumbList`) for
/// `article`. `resolve` turns a URL of the article JSON into an absolute, scheme-checked
/// URL (`None` drops it). `<` is escaped, so the text cannot close its `<script>`.
///
/// Written as JSON text directly (no tree of values built and dropped); fields without a
/// value are left out.
pub fn json_ld(article: &Article, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = Json(String::from(
        "{\"@context\":\"https://schema.org\",\"@graph\":[{",
    ));
    let url = |u: &Option<String>| u.as_deref().and_then(resolve);
    out.field("@type", Some("NewsArticle"));
    out.field("headline", Some(&article.title));
    out.field("inLanguage", Some(&article.lang));
    let page = url(&article.url);
    out.field("mainEntityOfPage", page.as_deref());
    out.field("url", page.as_deref());
    out.field("description", article.summary.as_deref());
    out.field("datePublished", Some(&article.published.to_iso()));
    out.field(
        "dateModified",
        article.updated.as_ref().map(|d| d.to_iso()).as_deref(),
    );
    out.people("author", &article.authors, "Person", resolve);
    let publisher = article.site.as_ref().or(article.source.as_ref());
    out.people(
        "publisher",
        publisher.map_or(&[], std::slice::from_ref),
        "Organization",
        resolve,
    );
    let mut images = false;
    for block in &article.body {
        if let Block::Image(image) = block {
            if let Some(src) = resolve(&image.src) {
                if !images {
                    out.key("image");
                    out.0.push('[');
                    images = true;
                }
                out.next();
                out.string(&src);
            }
        }
    }
    if images {
        out.0.push(']');
    }
    out.field(
        "articleSection",
        article.channel.as_ref().map(|c| c.title.as_str()),
    );
    if !article.tags.is_empty() {
        out.field("keywords", Some(&crate::text::join(&article.tags, ", ")));
    }
    out.0.push('}');
    if !article.breadcrumbs.is_empty() {
        out.0
            .push_str(",{\"@type\":\"BreadcrumbList\",\"itemListElement\":[");
        for (i, crumb) in article.breadcrumbs.iter().enumerate() {
            out.next();
            out.0.push_str("{\"@type\":\"ListItem\",\"position\":");
            out.0.push_str(&(i + 1).to_string());
            out.field("name", Some(&crumb.title));
            out.field("item", url(&crumb.url).as_deref());
            out.0.push('}');
        }
        out.0.push_str("]}");
    }
    out.0.push_str("]}");
    out.0
}

/// JSON text being written.
struct Json(String);

impl Json {
    /// A comma unless a list or an object has just begun.
    fn next(&mut self) {
        if !matches!(self.0.as_bytes().last(), Some(b'{' | b'[')) {
            self.0.push(',');
        }
    }

    /// `"key":` (a constant key, nothing to escape), after a comma where one is due.
    fn key(&mut self, key: &str) {
        self.next();
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
    }

    /// `"key":"value"` if there is a value.
    fn field(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key);
            self.string(value);
        }
    }

    /// `"key":[{"@type":kind,"name":…,"url":…},…]` for `links`, unless there are none.
    fn people(
        &mut self,
        key: &str,
        links: &[Link],
        kind: &str,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) {
        if links.is_empty() {
            return;
        }
        self.key(key);
        self.0.push('[');
        for link in links {
            self.next();
            self.0.push('{');
            self.field("@type", Some(kind));
            self.field("name", Some(&link.name));
            self.field("url", link.url.as_deref().and_then(resolve).as_deref());
            self.0.push('}');
        }
        self.0.push(']');
    }

    /// `text` as a JSON string: `"` and `\` escaped, control characters and `<` as `\u00XX`.
    fn string(&mut self, text: &str) {
        let out = &mut self.0;
        out.push('"');
        for c in text.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '\0'..='\u{1f}' | '<' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let b = c as usize;
                    out.push_str("\\u00");
                    out.push(char::from(HEX[b >> 4]));
                    out.push(char::from(HEX[b & 15]));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
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
    fn text_is_escaped_as_json() {
        let mut article = seed();
        article.title = "a \"quoted\" \\ back\nslash\u{1}\t<end".into();
        article.tags.clear();
        article.breadcrumbs.clear();
        let ld = json_ld(&article, &absolute);
        let parsed = Value::parse(&ld).expect("valid JSON");
        let Some(Value::Array(graph)) = parsed.get("@graph") else {
            panic!("no graph")
        };
        assert_eq!(graph.len(), 1, "no BreadcrumbList without breadcrumbs");
        assert_eq!(
            graph[0].get("headline"),
            Some(&Value::String(article.title.clone()))
        );
        assert_eq!(graph[0].get("keywords"), None);
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

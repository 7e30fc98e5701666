//! Pre-rendering on the command line: an article JSON to the `<article-widget>` element
//! with the article already in it, as a Declarative Shadow DOM template, and its JSON-LD,
//! so that readers without JavaScript and crawlers see the article, and the widget, when it starts, takes
//! the markup over instead of drawing it again (no flash, no layout shift).
//!
//! The article markup is [`crate::view::article()`], the very function the widget renders
//! with; only the platform differs: URLs resolve with the `url` crate (WHATWG, as
//! browsers) and `html` blocks are parsed with html5ever (the HTML standard's parser, as
//! browsers) before the same allowlist rebuild. Native only.

mod parse;

use std::fmt::Write as _;

use thiserror::Error;
use url::Url;

use crate::i18n::Locale;
use crate::markup::html::{escape, write};
use crate::markup::{Markup, Token};
use crate::model::{decode, ModelError};
use crate::sanitize::rebuild::Parsed;
use crate::sanitize::url::{protocol_allowed, UrlUse};
use crate::seo::json_ld;
use crate::view::{self, Env, PRERENDERED, ROOT_CLASS, STYLE};

/// How to pre-render: the element's attributes, and where the JSON will be served from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The element's `src`: the article JSON's URL as the page refers to it.
    pub src: String,
    /// The page's own URL, against which a relative `src` resolves. Not needed when `src`
    /// is absolute.
    pub page: Option<String>,
    /// The element's `lang` (interface language), if the site sets one.
    pub lang: Option<String>,
    /// The element's `theme`: `light`, `dark` or `auto`.
    pub theme: Option<String>,
    /// The element's `feed` (recommendations feed URL), if the site sets one.
    pub feed: Option<String>,
}

/// Why an article could not be pre-rendered.
#[derive(Debug, Error)]
pub enum PrerenderError {
    /// The input is not JSON.
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The JSON is not a valid article.
    #[error("{0}")]
    Model(#[from] ModelError),
    /// `src` does not resolve to an absolute http(s) URL.
    #[error("--src {src:?} must be an absolute http(s) URL, or relative with --page: {reason}")]
    Src {
        /// The `src` given.
        src: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `theme` is not one of the themes.
    #[error("--theme must be light, dark or auto (found {0:?})")]
    Theme(String),
}

/// A pre-rendered article.
#[derive(Debug, Clone)]
pub struct Prerendered {
    /// The `<article-widget>` element with its Declarative Shadow DOM.
    pub html: String,
    /// Whether the widget can take the markup over: `false` when the markup does not
    /// parse back to the tree it was written from (HTML that only a script could build),
    /// in which case it is written without its fingerprint and the widget renders afresh.
    pub takeover: bool,
}

/// Pre-renders the article JSON `json` as the `<article-widget>` element of `options`.
pub fn prerender(json: &str, options: &Options) -> Result<Prerendered, PrerenderError> {
    let base = base_url(options)?;
    let theme = match options.theme.as_deref() {
        None => "light",
        Some(t @ ("light" | "dark" | "auto")) => t,
        Some(other) => return Err(PrerenderError::Theme(other.to_owned())),
    };
    let value: serde_json::Value = serde_json::from_str(json)?;
    let article = decode(value)?;
    let locale = Locale::from_tag(options.lang.as_deref().unwrap_or(&article.lang));
    let feed = options.feed.is_some() || article.feed.is_some();
    let env = NativeEnv { base };
    let markup = view::article(&article, locale, feed, &env);

    let mut root = String::new();
    write(&mut root, &markup);
    let takeover = markup.is_well_formed()
        && parses_back(&element(options, theme, locale, &root, None), &markup);
    let print = takeover.then(|| markup.fingerprint());
    let mut html = element(options, theme, locale, &root, print.as_deref());
    // The widget's JSON-LD for crawlers, where the widget keeps it (and replaces it): in
    // the element's light DOM. `seo::json_ld` escapes `<`, so it cannot end the script.
    let structured = json_ld(&article, &|url| env.resolve(url, UrlUse::Link));
    let end = html.len() - "</article-widget>".len();
    html.insert_str(
        end,
        &format!("<script type=\"application/ld+json\" data-article-widget>{structured}</script>"),
    );
    Ok(Prerendered { html, takeover })
}

/// The absolute URL of the JSON: the base of its relative URLs, as the widget's fetch
/// sees it.
fn base_url(options: &Options) -> Result<Url, PrerenderError> {
    let error = |reason: String| PrerenderError::Src {
        src: options.src.clone(),
        reason,
    };
    let url = match &options.page {
        Some(page) => Url::parse(page)
            .map_err(|e| error(format!("--page: {e}")))?
            .join(&options.src),
        None => Url::parse(&options.src),
    }
    .map_err(|e| error(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(error(format!(
            "the widget fetches only http(s), not {}:",
            url.scheme()
        )));
    }
    Ok(url)
}

/// The element: its attributes, the template with the widget's stylesheet and its root
/// element holding the article markup `inner`.
fn element(
    options: &Options,
    theme: &str,
    locale: Locale,
    inner: &str,
    print: Option<&str>,
) -> String {
    let mut out = String::from("<article-widget");
    let mut attr = |name: &str, value: &str| {
        let _ = write!(out, " {name}=\"");
        escape(&mut out, value, true);
        out.push('"');
    };
    attr("src", &options.src);
    if let Some(lang) = &options.lang {
        attr("lang", lang);
    }
    if let Some(theme) = &options.theme {
        attr("theme", theme);
    }
    if let Some(feed) = &options.feed {
        attr("feed", feed);
    }
    let _ = write!(
        out,
        "><template shadowrootmode=\"open\"><style>{STYLE}</style><div class=\"{ROOT_CLASS}\" \
         part=\"root\" data-theme=\"{theme}\" lang=\"{}\"",
        locale.tag()
    );
    if let Some(print) = print {
        let _ = write!(out, " {PRERENDERED}=\"{print}\"");
    }
    let _ = write!(out, ">{inner}</div></template></article-widget>");
    out
}

/// Whether `html` (the element) parses, as a browser parses a page, to a shadow root
/// whose root element holds exactly `markup`.
fn parses_back(html: &str, markup: &Markup) -> bool {
    let dom = parse::document(&format!("<!DOCTYPE html><body>{html}"));
    let root = parse::find(&dom.document, &|name| name == "template")
        .and_then(|template| parse::template_contents(&template))
        .and_then(|contents| {
            parse::find(&contents, &|name| name == "div")
                .filter(|div| parse::attribute(div, "class").as_deref() == Some(ROOT_CLASS))
        });
    let Some(root) = root else {
        return false;
    };
    normalized(parse::children(&root)) == normalized(as_parsed(markup))
}

/// Well-formed `markup` as the nodes a parser would report for it.
fn as_parsed(markup: &Markup) -> Vec<Parsed> {
    // Each open element (name, attributes, children so far); the document at the bottom.
    type Open<'m> = (Option<&'m str>, Vec<(String, String)>, Vec<Parsed>);
    let mut open: Vec<Open> = vec![(None, Vec::new(), Vec::new())];
    for token in &markup.tokens {
        match token {
            Token::Start(name) => open.push((Some(name), Vec::new(), Vec::new())),
            Token::Attr(name, value) => {
                if let Some(top) = open.last_mut() {
                    top.1.push(((*name).to_owned(), value.to_string()));
                }
            }
            Token::Text(text) => {
                if let Some(top) = open.last_mut() {
                    top.2.push(Parsed::Text(text.to_string()));
                }
            }
            Token::End => {
                if let (Some((Some(name), attrs, children)), Some(parent)) =
                    (open.pop(), open.last_mut().map(|p| &mut p.2))
                {
                    parent.push(Parsed::Element {
                        name: name.to_owned(),
                        attrs,
                        children,
                    });
                }
            }
        }
    }
    open.pop().map(|(_, _, nodes)| nodes).unwrap_or_default()
}

/// `nodes` as the DOM holds them after parsing: adjacent texts joined, empty ones gone.
fn normalized(nodes: Vec<Parsed>) -> Vec<Parsed> {
    let mut out: Vec<Parsed> = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Parsed::Text(text) if text.is_empty() => {}
            Parsed::Text(text) => match out.last_mut() {
                Some(Parsed::Text(last)) => last.push_str(&text),
                _ => out.push(Parsed::Text(text)),
            },
            Parsed::Element {
                name,
                attrs,
                children,
            } => out.push(Parsed::Element {
                name,
                attrs,
                children: normalized(children),
            }),
        }
    }
    out
}

/// The command line's platform: URLs resolved against the JSON's URL with the `url` crate,
/// HTML parsed with html5ever.
struct NativeEnv {
    base: Url,
}

impl Env for NativeEnv {
    fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
        let resolved = self.base.join(url).ok()?;
        protocol_allowed(&format!("{}:", resolved.scheme()), usage).then(|| resolved.into())
    }

    fn parse_html(&self, document: &str) -> Vec<Parsed> {
        parse::body(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(src: &str) -> Options {
        Options {
            src: src.into(),
            ..Options::default()
        }
    }

    const MINIMAL: &str = r#"{"version":"1.0","id":"a","title":"T <&>","published":"2020-02-19T04:32:00+08:00",
        "body":[{"type":"paragraph","children":[{"text":"x","href":"../b.html"}]}]}"#;

    #[test]
    fn resolves_the_json_url_from_src_and_page() {
        let url = |src: &str, page: Option<&str>| {
            base_url(&Options {
                src: src.into(),
                page: page.map(Into::into),
                ..Options::default()
            })
            .map(String::from)
        };
        assert_eq!(
            url("https://s.example/a/b.json", None).unwrap(),
            "https://s.example/a/b.json"
        );
        assert_eq!(
            url("data/b.json", Some("http://127.0.0.1:8080/x/page.html")).unwrap(),
            "http://127.0.0.1:8080/x/data/b.json"
        );
        assert!(url("data/b.json", None).is_err());
        assert!(url("file:///etc/passwd", None).is_err());
        assert!(url("b.json", Some("not a url")).is_err());
    }

    #[test]
    fn writes_the_element_with_its_shadow_root() {
        let out = prerender(MINIMAL, &options("https://s.example/a/a.json")).unwrap();
        assert!(out.takeover);
        let html = out.html;
        assert!(html.starts_with(
            "<article-widget src=\"https://s.example/a/a.json\"><template shadowrootmode=\"open\"><style>"
        ), "{html}");
        assert!(
            html.contains("<h1 class=\"aw-title\">T &lt;&amp;&gt;</h1>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://s.example/b.html\">x</a>"),
            "{html}"
        );
        assert!(html.contains(" data-prerendered=\""), "{html}");
        assert!(
            html.contains(
                "</div></template><script type=\"application/ld+json\" data-article-widget>{"
            ),
            "{html}"
        );
        assert!(html.ends_with("</script></article-widget>"), "{html}");
    }

    #[test]
    fn refuses_bad_input_with_the_reason() {
        let err = |json: &str, o: Options| prerender(json, &o).unwrap_err().to_string();
        assert!(err("{", options("https://s.example/a.json")).starts_with("not JSON"));
        assert!(
            err(r#"{"version":"2.0"}"#, options("https://s.example/a.json")).contains("version")
        );
        assert!(err(MINIMAL, options("a.json")).contains("--src"));
        let themed = Options {
            theme: Some("neon".into()),
            ..options("https://s.example/a.json")
        };
        assert!(err(MINIMAL, themed).contains("--theme"));
    }

    #[test]
    fn attributes_of_the_element_are_escaped() {
        let o = Options {
            src: "https://s.example/a.json?x=1&y=\"2\"".into(),
            lang: Some("en".into()),
            theme: Some("dark".into()),
            feed: Some("f.json".into()),
            ..Options::default()
        };
        let html = prerender(MINIMAL, &o).unwrap().html;
        assert!(html.starts_with(
            "<article-widget src=\"https://s.example/a.json?x=1&amp;y=&quot;2&quot;\" lang=\"en\" \
             theme=\"dark\" feed=\"f.json\">"
        ), "{html}");
        assert!(html.contains("data-theme=\"dark\" lang=\"en\""), "{html}");
        assert!(html.contains("aw-layout aw-with-feed"), "{html}");
    }

    #[test]
    fn the_stylesheet_cannot_end_its_element() {
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(STYLE.contains(".aw-title"));
    }
}

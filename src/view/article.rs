//! The article page as markup: channel navigation, breadcrumbs, the article (reading
//! progress bar, header with the text size buttons, body, footer), the channel blurb, and
//! empty slots for what the browser adds later (feed sections, comments). Text is text;
//! HTML blocks go through the sanitizer's rebuild.

use super::Env;
use crate::i18n::Locale;
use crate::markup::Markup;
use crate::model::{Article, Block, Image, Span};
use crate::sanitize::rebuild::{as_document, rebuild};
use crate::sanitize::url::{srcset_candidates, UrlUse};

/// The children of the widget's root element for `article`, interface text in `locale`.
/// With `feed`, the layout reserves the column beside the article for recommendations, so
/// that nothing shifts when they arrive.
pub fn article<'a>(article: &'a Article, locale: Locale, feed: bool, env: &dyn Env) -> Markup<'a> {
    let strings = locale.strings();
    let mut m = Markup::default();
    if !article.navigation.is_empty() {
        m.start_class("nav", "aw-channels")
            .attr("aria-label", strings.channels)
            .attr("part", "channels")
            .start("ul");
        for item in &article.navigation {
            m.start("li");
            link_start(&mut m, env, Some(&item.url), None);
            if item.current {
                m.attr("aria-current", "page");
            }
            m.text(&item.title).end().end();
        }
        m.end().end();
    }
    if let Some(last) = article.breadcrumbs.len().checked_sub(1) {
        m.start_class("nav", "aw-breadcrumbs")
            .attr("aria-label", strings.breadcrumbs)
            .attr("part", "breadcrumbs")
            .start("ol");
        for (i, crumb) in article.breadcrumbs.iter().enumerate() {
            m.start("li");
            if i == last {
                m.start("span")
                    .attr("aria-current", "page")
                    .text(&crumb.title)
                    .end();
            } else {
                link(&mut m, env, crumb.url.as_deref(), &crumb.title, None);
            }
            m.end();
        }
        m.end().end();
    }

    m.start_class(
        "div",
        if feed {
            "aw-layout aw-with-feed"
        } else {
            "aw-layout"
        },
    )
    .start_class("div", "aw-main")
    .start_class("article", "aw-article")
    .attr("lang", &article.lang)
    .attr("part", "article");
    progress_bar(&mut m, locale);
    header(&mut m, article, locale, env);
    m.start_class("div", "aw-body").attr("part", "body");
    for block in &article.body {
        self::block(&mut m, block, locale, env);
    }
    m.end();
    footer(&mut m, article, locale, env);
    m.end().empty("div", "aw-slot");
    if let Some(blurb) = article.channel.as_ref().and_then(|c| c.blurb.as_deref()) {
        m.start_class("aside", "aw-channel")
            .attr("lang", &article.lang)
            .attr("part", "channel")
            // A note about the channel, not a landmark: several widgets on one page would
            // otherwise bring several unnamed complementary landmarks.
            .attr("role", "note")
            .start("p")
            .text(blurb)
            .end()
            .end();
    }
    m.empty("div", "aw-slot").empty("div", "aw-slot").end();
    m.start_class("aside", "aw-aside")
        .attr("part", "recommendations")
        .attr("aria-label", locale.feed_strings().recommendations)
        .end()
        .end();
    m
}

/// Starts a link to `url`, or a plain `span` if there is no URL or it is refused; the
/// caller adds its text and ends it.
pub(super) fn link_start(
    m: &mut Markup,
    env: &dyn Env,
    url: Option<&str>,
    class: Option<&'static str>,
) {
    let href = url.and_then(|u| env.resolve(u, UrlUse::Link));
    m.start(if href.is_some() { "a" } else { "span" });
    if let Some(class) = class {
        m.attr("class", class);
    }
    if let Some(href) = href {
        m.attr_owned("href", href);
    }
}

/// A link to `url` with `text`, or a plain `span` if there is no URL or it is refused.
fn link<'a>(
    m: &mut Markup<'a>,
    env: &dyn Env,
    url: Option<&str>,
    text: &'a str,
    class: Option<&'static str>,
) {
    link_start(m, env, url, class);
    m.text(text).end();
}

/// The reading progress bar at the top of the article; the browser moves it on scroll.
fn progress_bar(m: &mut Markup, locale: Locale) {
    m.start_class("div", "aw-progress")
        .attr("role", "progressbar")
        .attr("aria-label", locale.reading_strings().progress)
        .attr("aria-valuemin", "0")
        .attr("aria-valuemax", "100")
        .attr("aria-valuenow", "0")
        .empty("div", "aw-progress-bar")
        .end();
}

/// The text size buttons, wired up by the browser. Each shows "A−" or "A+" (hidden from
/// assistive technology) and is named by a visually hidden label, so the name is words and
/// no `aria-label` hides what the button shows.
fn text_size(m: &mut Markup, locale: Locale) {
    let strings = locale.reading_strings();
    m.start_class("span", "aw-text-size")
        .attr("role", "group")
        .attr("aria-label", strings.text_size);
    for (class, name, face) in [
        ("aw-smaller", strings.smaller, "A\u{2212}"),
        ("aw-larger", strings.larger, "A+"),
    ] {
        m.start_class("button", class)
            .attr("type", "button")
            .attr("title", name)
            .start("span")
            .attr("aria-hidden", "true")
            .text(face)
            .end()
            .start_class("span", "aw-visually-hidden")
            .text(name)
            .end()
            .end();
    }
    m.end();
}

fn header<'a>(m: &mut Markup<'a>, article: &'a Article, locale: Locale, env: &dyn Env) {
    let strings = locale.strings();
    m.start_class("header", "aw-header")
        .start_class("h1", "aw-title")
        .text(&article.title)
        .end()
        .start_class("p", "aw-meta");
    if let Some(source) = &article.source {
        m.start_class("span", "aw-source").text(strings.source);
        link(m, env, source.url.as_deref(), &source.name, None);
        m.end();
    }
    m.start_class("time", "aw-published")
        .attr_owned("datetime", article.published.to_iso())
        .text_owned(article.published.display(locale))
        .end();
    if let Some(updated) = &article.updated {
        m.start_class("span", "aw-updated")
            .text(strings.updated)
            .text(" ")
            .start("time")
            .attr_owned("datetime", updated.to_iso())
            .text_owned(updated.display(locale))
            .end()
            .end();
    }
    m.start_class("span", "aw-reading-time")
        .text_owned(strings.reading_time(article.reading_minutes()))
        .end();
    text_size(m, locale);
    m.end().end();
}

fn footer<'a>(m: &mut Markup<'a>, article: &'a Article, locale: Locale, env: &dyn Env) {
    let strings = locale.strings();
    if article.authors.is_empty() && article.tags.is_empty() {
        return;
    }
    m.start_class("footer", "aw-footer");
    if !article.authors.is_empty() {
        let dot = |m: &mut Markup| {
            m.start("span").attr("aria-hidden", "true").text("·").end();
        };
        m.start_class("p", "aw-byline")
            .start_class("span", "aw-visually-hidden")
            .text(strings.authors)
            .end();
        dot(m);
        for (i, author) in article.authors.iter().enumerate() {
            if i > 0 {
                m.text(" ");
            }
            link(
                m,
                env,
                author.url.as_deref(),
                &author.name,
                Some("aw-author"),
            );
        }
        dot(m);
        m.end();
    }
    if !article.tags.is_empty() {
        m.start_class("ul", "aw-tags")
            .attr("aria-label", strings.tags);
        for tag in &article.tags {
            m.start("li").text(tag).end();
        }
        m.end();
    }
    m.end();
}

fn block<'a>(m: &mut Markup<'a>, block: &'a Block, locale: Locale, env: &dyn Env) {
    match block {
        Block::Paragraph(children) => {
            m.start("p");
            spans(m, children, env);
        }
        Block::Heading { level, children } => {
            m.start(match level {
                0..=2 => "h2",
                3 => "h3",
                _ => "h4",
            });
            spans(m, children, env);
        }
        Block::Image(image) => {
            figure(m, image, locale, env);
            return;
        }
        Block::Quote { children, cite } => {
            m.start("blockquote").start("p");
            spans(m, children, env);
            m.end();
            if let Some(cite) = cite {
                m.start("footer")
                    .text("— ")
                    .start("cite")
                    .text(cite)
                    .end()
                    .end();
            }
        }
        Block::List { ordered, items } => {
            m.start(if *ordered { "ol" } else { "ul" });
            for item in items {
                m.start("li");
                spans(m, item, env);
                m.end();
            }
        }
        Block::Divider => {
            m.start("hr");
        }
        Block::Html(html) => {
            let parsed = env.parse_html(&as_document(html));
            m.start_class("div", "aw-html");
            rebuild(&parsed, m, &|url, usage| env.resolve(url, usage));
        }
        Block::Unknown { kind, fallback } => {
            let Some(fallback) = fallback else { return };
            m.start_class("p", "aw-fallback")
                .attr("data-block-type", kind)
                .text(fallback);
        }
    }
    m.end();
}

/// `spans` as markup: text in `em`, in `strong`, in a link, as marked.
fn spans<'a>(m: &mut Markup<'a>, spans: &'a [Span], env: &dyn Env) {
    for span in spans {
        let href = span
            .href
            .as_deref()
            .and_then(|h| env.resolve(h, UrlUse::Link));
        let mut open = 0;
        if let Some(href) = href {
            m.start("a").attr_owned("href", href);
            open += 1;
        }
        if span.strong {
            m.start("strong");
            open += 1;
        }
        if span.em {
            m.start("em");
            open += 1;
        }
        m.text(&span.text);
        for _ in 0..open {
            m.end();
        }
    }
}

fn figure<'a>(m: &mut Markup<'a>, image: &'a Image, locale: Locale, env: &dyn Env) {
    let Some(src) = env.resolve(&image.src, UrlUse::Image) else {
        return;
    };
    m.start_class("figure", "aw-figure")
        .start("img")
        .attr_owned("width", image.width.to_string())
        .attr_owned("height", image.height.to_string())
        .attr("alt", &image.alt)
        .attr("loading", "lazy")
        .attr("decoding", "async");
    if let Some(srcset) = &image.srcset {
        let mut resolved = String::new();
        for (url, descriptor) in srcset_candidates(srcset) {
            let Some(url) = env.resolve(url, UrlUse::Image) else {
                continue;
            };
            if !resolved.is_empty() {
                resolved.push_str(", ");
            }
            resolved.push_str(&url);
            if !descriptor.is_empty() {
                resolved.push(' ');
                resolved.push_str(descriptor);
            }
        }
        if !resolved.is_empty() {
            m.attr_owned("srcset", resolved);
        }
    }
    if let Some(sizes) = &image.sizes {
        m.attr("sizes", sizes);
    }
    m.attr_owned("src", src).end();
    if image.caption.is_some() || image.credit.is_some() {
        m.start("figcaption");
        if let Some(text) = &image.caption {
            m.text(text);
        }
        if let Some(credit) = &image.credit {
            m.start_class("span", "aw-credit")
                .text(locale.strings().photo_credit)
                .text(credit)
                .end();
        }
        m.end();
    }
    m.end();
}

// Native only: the tests write their articles with serde_json.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::markup::html::serialize;
    use crate::model::decode;
    use crate::sanitize::rebuild::Parsed;

    /// Resolves against `https://s.example/a/`; refuses `javascript:`; parses every HTML
    /// string as one paragraph of its text.
    struct Fake;

    impl Env for Fake {
        fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
            if url.starts_with("javascript:")
                || (usage == UrlUse::Image && url.starts_with("mailto:"))
            {
                return None;
            }
            Some(if url.contains(':') {
                url.to_owned()
            } else {
                format!("https://s.example/a/{url}")
            })
        }

        fn parse_html(&self, document: &str) -> Vec<Parsed> {
            vec![Parsed::Element {
                name: "P".into(),
                attrs: vec![("onclick".into(), "x".into())],
                children: vec![Parsed::Text(document.into())],
            }]
        }
    }

    fn render(body: serde_json::Value, locale: Locale) -> String {
        let json = serde_json::json!({
            "version": "1.0", "id": "a", "title": "T", "published": "2020-02-19T04:32:00+08:00",
            "body": body
        });
        let article = decode(json).expect("valid");
        let markup = super::article(&article, locale, false, &Fake);
        assert!(markup.is_well_formed());
        serialize(&markup)
    }

    fn body_of(html: &str) -> &str {
        let start = html
            .find("<div class=\"aw-body\" part=\"body\">")
            .expect("body")
            + 33;
        &html[start..start + html[start..].find("</div></article>").expect("end")]
    }

    #[test]
    fn spans_nest_link_strong_em() {
        let html = render(
            serde_json::json!([{ "type": "paragraph", "children": [
                { "text": "a", "marks": ["strong", "em"], "href": "x.html" },
                { "text": " b" }
            ]}]),
            Locale::En,
        );
        assert_eq!(
            body_of(&html),
            "<p><a href=\"https://s.example/a/x.html\"><strong><em>a</em></strong></a> b</p>"
        );
    }

    #[test]
    fn blocks_render_or_are_skipped() {
        let html = render(
            serde_json::json!([
                { "type": "heading", "level": 3, "children": [{ "text": "h" }] },
                { "type": "image", "src": "i.jpg", "width": 4, "height": 3, "alt": "",
                  "credit": "C" },
                { "type": "quote", "children": [{ "text": "q" }], "cite": "Q" },
                { "type": "list", "ordered": true, "items": [{ "children": [{ "text": "1" }] }] },
                { "type": "divider" },
                { "type": "html", "html": "<b>x</b>" },
                { "type": "poll", "fallback": "F" },
                { "type": "poll" }
            ]),
            Locale::En,
        );
        assert_eq!(
            body_of(&html),
            "<h3>h</h3><figure class=\"aw-figure\"><img width=\"4\" height=\"3\" alt=\"\" \
             loading=\"lazy\" decoding=\"async\" src=\"https://s.example/a/i.jpg\"><figcaption>\
             <span class=\"aw-credit\">Photo: C</span></figcaption></figure><blockquote><p>q</p>\
             <footer>— <cite>Q</cite></footer></blockquote><ol><li>1</li></ol><hr>\
             <div class=\"aw-html\"><p>&lt;!DOCTYPE html&gt;&lt;b&gt;x&lt;/b&gt;</p></div>\
             <p class=\"aw-fallback\" data-block-type=\"poll\">F</p>"
        );
    }

    #[test]
    fn controls_and_layout() {
        let html = render(serde_json::json!([]), Locale::ZhTw);
        assert!(
            html.starts_with(
                "<div class=\"aw-layout\"><div class=\"aw-main\"><article class=\"aw-article\" \
             lang=\"zh-CN\" part=\"article\"><div class=\"aw-progress\" role=\"progressbar\" \
             aria-label=\"閱讀進度\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"0\">\
             <div class=\"aw-progress-bar\"></div></div><header class=\"aw-header\">"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<span class=\"aw-text-size\" role=\"group\" aria-label=\"字級\"><button \
             class=\"aw-smaller\" type=\"button\" title=\"縮小字級\"><span aria-hidden=\"true\">\
             A−</span><span class=\"aw-visually-hidden\">縮小字級</span></button>"
            ),
            "{html}"
        );
        assert!(html.ends_with(
            "<div class=\"aw-slot\"></div><div class=\"aw-slot\"></div><div class=\"aw-slot\"></div>\
             </div><aside class=\"aw-aside\" part=\"recommendations\" aria-label=\"推薦閱讀\"></aside></div>"
        ), "{html}");
    }
}

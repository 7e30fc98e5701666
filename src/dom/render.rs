//! Draws a validated [`Article`]: channel navigation, breadcrumbs, header, body and footer.
//! All text goes in as text nodes; HTML blocks go through the sanitizer.

use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

use super::feed::Slots;
use super::sanitize::append_sanitized;
use super::tree::{Attr, Tree};
use crate::i18n::Locale;
use crate::model::{Article, Block, Image, Span};
use crate::sanitize::url::{srcset_candidates, UrlUse};

/// Where the article went and where recommendation sections go around it.
pub(crate) struct Layout {
    /// The `article` element.
    pub article: Element,
    /// Where the comment section goes: under the recommendations of the main column.
    pub comments: Element,
    /// Slots for the feed's sections.
    pub slots: Slots,
}

/// Renders `article` into `parent`, interface text in `locale`. With `feed`, the layout
/// reserves the column beside the article for recommendations, so that nothing shifts
/// when they arrive.
pub(crate) fn article(
    tree: &Tree,
    parent: &Node,
    article: &Article,
    locale: Locale,
    feed: bool,
) -> Result<Layout, JsValue> {
    let strings = locale.strings();
    if !article.navigation.is_empty() {
        let nav = tree.child(parent, "nav", "aw-channels");
        nav.attr("aria-label", strings.channels);
        nav.attr("part", "channels");
        let list = tree.child(&nav, "ul", "");
        for item in &article.navigation {
            let li = tree.child(&list, "li", "");
            let a = tree.link(&li, Some(&item.url), &item.title, "");
            if item.current {
                a.attr("aria-current", "page");
            }
        }
    }
    if !article.breadcrumbs.is_empty() {
        let nav = tree.child(parent, "nav", "aw-breadcrumbs");
        nav.attr("aria-label", strings.breadcrumbs);
        nav.attr("part", "breadcrumbs");
        let list = tree.child(&nav, "ol", "");
        let last = article.breadcrumbs.len() - 1;
        for (i, crumb) in article.breadcrumbs.iter().enumerate() {
            let li = tree.child(&list, "li", "");
            if i == last {
                tree.text_child(&li, "span", "", &crumb.title)
                    .attr("aria-current", "page");
            } else {
                tree.link(&li, crumb.url.as_deref(), &crumb.title, "");
            }
        }
    }

    let layout = tree.child(
        parent,
        "div",
        if feed {
            "aw-layout aw-with-feed"
        } else {
            "aw-layout"
        },
    );
    let main = tree.child(&layout, "div", "aw-main");
    let art = tree.child(&main, "article", "aw-article");
    art.attr("lang", &article.lang);
    art.attr("part", "article");
    header(tree, &art, article, locale)?;
    let body = tree.child(&art, "div", "aw-body");
    body.attr("part", "body");
    for block in &article.body {
        self::block(tree, &body, block, locale)?;
    }
    footer(tree, &art, article, locale)?;

    let lead = tree.child(&main, "div", "aw-slot");
    if let Some(blurb) = article.channel.as_ref().and_then(|c| c.blurb.as_deref()) {
        let aside = tree.child(&main, "aside", "aw-channel");
        aside.attr("lang", &article.lang);
        aside.attr("part", "channel");
        // A note about the channel, not a landmark: several widgets on one page would
        // otherwise bring several unnamed complementary landmarks.
        aside.attr("role", "note");
        tree.text_child(&aside, "p", "", blurb);
    }
    let more = tree.child(&main, "div", "aw-slot");
    let comments = tree.child(&main, "div", "aw-slot");
    let aside = tree.child(&layout, "aside", "aw-aside");
    aside.attr("part", "recommendations");
    aside.attr("aria-label", locale.feed_strings().recommendations);
    Ok(Layout {
        article: art,
        comments,
        slots: Slots {
            lead,
            main: more,
            aside,
        },
    })
}

fn header(tree: &Tree, parent: &Node, article: &Article, locale: Locale) -> Result<(), JsValue> {
    let strings = locale.strings();
    let header = tree.child(parent, "header", "aw-header");
    tree.text_child(&header, "h1", "aw-title", &article.title);
    let meta = tree.child(&header, "p", "aw-meta");
    if let Some(source) = &article.source {
        let span = tree.child(&meta, "span", "aw-source");
        tree.text(&span, strings.source);
        tree.link(&span, source.url.as_deref(), &source.name, "");
    }
    let time = tree.text_child(
        &meta,
        "time",
        "aw-published",
        &article.published.display(locale),
    );
    time.attr("datetime", &article.published.to_iso());
    if let Some(updated) = &article.updated {
        let span = tree.child(&meta, "span", "aw-updated");
        tree.text(&span, &format!("{} ", strings.updated));
        tree.text_child(&span, "time", "", &updated.display(locale))
            .attr("datetime", &updated.to_iso());
    }
    tree.text_child(
        &meta,
        "span",
        "aw-reading-time",
        &strings.reading_time(article.reading_minutes()),
    );
    Ok(())
}

fn footer(tree: &Tree, parent: &Node, article: &Article, locale: Locale) -> Result<(), JsValue> {
    let strings = locale.strings();
    if article.authors.is_empty() && article.tags.is_empty() {
        return Ok(());
    }
    let footer = tree.child(parent, "footer", "aw-footer");
    if !article.authors.is_empty() {
        let byline = tree.child(&footer, "p", "aw-byline");
        tree.text_child(&byline, "span", "aw-visually-hidden", strings.authors);
        tree.text_child(&byline, "span", "", "·")
            .attr("aria-hidden", "true");
        for (i, author) in article.authors.iter().enumerate() {
            if i > 0 {
                tree.text(&byline, " ");
            }
            tree.link(&byline, author.url.as_deref(), &author.name, "aw-author");
        }
        tree.text_child(&byline, "span", "", "·")
            .attr("aria-hidden", "true");
    }
    if !article.tags.is_empty() {
        let list = tree.child(&footer, "ul", "aw-tags");
        list.attr("aria-label", strings.tags);
        for tag in &article.tags {
            tree.text_child(&list, "li", "", tag);
        }
    }
    Ok(())
}

fn block(tree: &Tree, parent: &Node, block: &Block, locale: Locale) -> Result<(), JsValue> {
    match block {
        Block::Paragraph(children) => spans(tree, &tree.child(parent, "p", ""), children),
        Block::Heading { level, children } => spans(
            tree,
            &tree.child(parent, &format!("h{}", level.clamp(&2, &4)), ""),
            children,
        ),
        Block::Image(image) => figure(tree, parent, image, locale),
        Block::Quote { children, cite } => {
            let quote = tree.child(parent, "blockquote", "");
            spans(tree, &tree.child(&quote, "p", ""), children)?;
            if let Some(cite) = cite {
                let footer = tree.child(&quote, "footer", "");
                tree.text(&footer, "— ");
                tree.text_child(&footer, "cite", "", cite);
            }
            Ok(())
        }
        Block::List { ordered, items } => {
            let list = tree.child(parent, if *ordered { "ol" } else { "ul" }, "");
            for item in items {
                spans(tree, &tree.child(&list, "li", ""), item)?;
            }
            Ok(())
        }
        Block::Divider => {
            tree.child(parent, "hr", "");
            Ok(())
        }
        Block::Html(html) => {
            append_sanitized(tree, &tree.child(parent, "div", "aw-html").into(), html)
        }
        Block::Unknown { kind, fallback } => match fallback {
            Some(text) => {
                let p = tree.text_child(parent, "p", "aw-fallback", text);
                p.attr("data-block-type", kind);
                Ok(())
            }
            None => Ok(()),
        },
    }
}

fn spans(tree: &Tree, parent: &Element, spans: &[Span]) -> Result<(), JsValue> {
    for span in spans {
        let mut target: Node = parent.clone().into();
        if let Some(href) = span
            .href
            .as_deref()
            .and_then(|h| tree.resolve(h, UrlUse::Link))
        {
            let a = tree.child(&target, "a", "");
            a.attr("href", &href);
            target = a.into();
        }
        if span.strong {
            target = tree.child(&target, "strong", "").into();
        }
        if span.em {
            target = tree.child(&target, "em", "").into();
        }
        tree.text(&target, &span.text);
    }
    Ok(())
}

fn figure(tree: &Tree, parent: &Node, image: &Image, locale: Locale) -> Result<(), JsValue> {
    let Some(src) = tree.resolve(&image.src, UrlUse::Image) else {
        return Ok(());
    };
    let figure = tree.child(parent, "figure", "aw-figure");
    let img = tree.child(&figure, "img", "");
    img.attr("width", &image.width.to_string());
    img.attr("height", &image.height.to_string());
    img.attr("alt", &image.alt);
    img.attr("loading", "lazy");
    img.attr("decoding", "async");
    if let Some(srcset) = &image.srcset {
        let resolved: Vec<String> = srcset_candidates(srcset)
            .filter_map(|(url, descriptor)| {
                let url = tree.resolve(url, UrlUse::Image)?;
                Some(if descriptor.is_empty() {
                    url
                } else {
                    format!("{url} {descriptor}")
                })
            })
            .collect();
        if !resolved.is_empty() {
            img.attr("srcset", &resolved.join(", "));
        }
    }
    if let Some(sizes) = &image.sizes {
        img.attr("sizes", sizes);
    }
    img.attr("src", &src);
    if image.caption.is_some() || image.credit.is_some() {
        let caption = tree.child(&figure, "figcaption", "");
        if let Some(text) = &image.caption {
            tree.text(&caption, text);
        }
        if let Some(credit) = &image.credit {
            let span = tree.child(&caption, "span", "aw-credit");
            tree.text(&span, &format!("{}{credit}", locale.strings().photo_credit));
        }
    }
    Ok(())
}

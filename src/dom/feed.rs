//! The recommendation sections around the article, from the feed JSON: featured stories
//! and picture highlights as carousels, headline lists, the hot ranking, picture grids,
//! and the personalised "related" and "you may like" lists with the reason for each item.

use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

use super::carousel::{carousel, CarouselHandle};
use super::intl;
use super::tree::{Attr, Tree};
use crate::i18n::Locale;
use crate::model::{Feed, FeedItem, SectionKind};
use crate::recommend::{for_section, History, Story, Suggestion};
use crate::sanitize::url::UrlUse;

/// Narrowest featured-story slide, in CSS pixels: one story per view on most screens.
const FEATURED_MIN_WIDTH: f64 = 420.0;
/// Narrowest picture-highlight slide, in CSS pixels.
const PICTURE_MIN_WIDTH: f64 = 200.0;

/// Where sections go: beside the article (`aside`) or under it (`main`).
pub(crate) struct Slots {
    /// Under the article, before the channel blurb: featured stories.
    pub lead: Element,
    /// Under the channel blurb: related and "you may like".
    pub main: Element,
    /// Beside the article: lists, picture highlights, ranking.
    pub aside: Element,
}

/// What the sections of one feed left running (carousels) and which personalised
/// sections wait for a "clear history" click.
pub(crate) struct Rendered {
    /// Live carousels; dropping them stops their timers and listeners.
    pub carousels: Vec<CarouselHandle>,
    /// "Clear history" buttons of "you may like" sections.
    pub clear_buttons: Vec<Element>,
}

/// What personalisation and the carousels need besides the feed.
pub(crate) struct Context<'a> {
    /// The article on the page.
    pub current: Story<'a>,
    /// The reader's reading history.
    pub history: History,
    /// Now, in unix milliseconds.
    pub now_ms: u64,
    /// Interface language.
    pub locale: Locale,
    /// Carousel autoplay interval, if the site asked for autoplay.
    pub autoplay_ms: Option<u64>,
}

/// Renders every section of `feed` into `slots`.
pub(crate) fn sections(
    tree: &Tree,
    slots: &Slots,
    feed: &Feed,
    cx: &Context,
) -> Result<Rendered, JsValue> {
    let (current, history, now_ms, locale, autoplay_ms) = (
        &cx.current,
        &cx.history,
        cx.now_ms,
        cx.locale,
        cx.autoplay_ms,
    );
    let mut rendered = Rendered {
        carousels: Vec::new(),
        clear_buttons: Vec::new(),
    };
    for (index, section) in feed.sections.iter().enumerate() {
        let slot: &Node = match (section.kind, section.personalize) {
            (_, Some(_)) => &slots.main,
            (SectionKind::Featured, None) => &slots.lead,
            _ => &slots.aside,
        };
        let el = tree.child(
            slot,
            "section",
            &format!("aw-section aw-section-{}", kind_name(section.kind)),
        );
        el.attr("part", "section");
        el.attr("data-section", &section.id);
        let heading_id = format!(
            "aw-s{index}-{}",
            section
                .id
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        );
        let header = tree.child(&el, "div", "aw-section-header");
        let h = tree.text_child(&header, "h2", "aw-section-title", &section.title);
        h.set_id(&heading_id);
        el.attr("aria-labelledby", &heading_id);

        if let Some(suggestions) = for_section(section, current, history, now_ms) {
            if section.personalize == Some(crate::model::Personalize::YouMayLike)
                && !history.is_empty()
            {
                let clear = tree.text_child(
                    &header,
                    "button",
                    "aw-clear-history",
                    locale.feed_strings().clear_history,
                );
                clear.attr("type", "button");
                rendered.clear_buttons.push(clear);
            }
            personalised(tree, &el, &suggestions, &heading_id, locale)?;
            continue;
        }
        let items = section.shown();
        match section.kind {
            SectionKind::Featured | SectionKind::Carousel => {
                let featured = section.kind == SectionKind::Featured;
                let min_width = if featured {
                    FEATURED_MIN_WIDTH
                } else {
                    PICTURE_MIN_WIDTH
                };
                rendered.carousels.push(carousel(
                    tree,
                    &el,
                    &section.title,
                    items,
                    locale,
                    min_width,
                    autoplay_ms,
                    |slide, item| slide_content(tree, slide, item, featured, locale),
                )?);
            }
            SectionKind::List => list(tree, &el, items, locale)?,
            SectionKind::Ranking => ranking(tree, &el, items, locale)?,
            SectionKind::Grid => grid(tree, &el, items)?,
        }
    }
    Ok(rendered)
}

fn kind_name(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Featured => "featured",
        SectionKind::Carousel => "carousel",
        SectionKind::List => "list",
        SectionKind::Ranking => "ranking",
        SectionKind::Grid => "grid",
    }
}

fn headline(tree: &Tree, parent: &Node, item: &FeedItem) -> Result<Element, JsValue> {
    let a = tree.link(parent, Some(&item.url), &item.title, "aw-headline");
    a.attr("title", &item.title);
    Ok(a)
}

fn list(tree: &Tree, parent: &Node, items: &[FeedItem], locale: Locale) -> Result<(), JsValue> {
    let ul = tree.child(parent, "ul", "aw-headlines");
    for item in items {
        let li = tree.child(&ul, "li", "");
        headline(tree, &li, item)?;
        if let Some(time) = &item.published {
            tree.text_child(&li, "time", "aw-item-time", &intl::datetime(time, locale))
                .attr("datetime", &time.to_iso());
        }
    }
    Ok(())
}

fn ranking(tree: &Tree, parent: &Node, items: &[FeedItem], locale: Locale) -> Result<(), JsValue> {
    let mut ordered: Vec<&FeedItem> = items.iter().collect();
    crate::order::sort_by_key(&mut ordered, |item| item.rank.unwrap_or(u64::MAX));
    let ol = tree.child(parent, "ol", "aw-ranking-list");
    for (i, item) in ordered.iter().enumerate() {
        let li = tree.child(&ol, "li", if i < 3 { "aw-top" } else { "" });
        tree.text_child(&li, "span", "aw-rank", &(i + 1).to_string())
            .attr("aria-hidden", "true");
        headline(tree, &li, item)?;
        if let Some(views) = item.views {
            tree.text_child(
                &li,
                "span",
                "aw-views",
                &locale.feed_strings().views(views, locale),
            );
        }
    }
    Ok(())
}

fn grid(tree: &Tree, parent: &Node, items: &[FeedItem]) -> Result<(), JsValue> {
    let ul = tree.child(parent, "ul", "aw-grid");
    for item in items {
        let li = tree.child(&ul, "li", "");
        let a = tree.link(&li, Some(&item.url), "", "aw-tile");
        picture(tree, &a, item)?;
        tree.text_child(&a, "span", "aw-tile-title", &item.title);
    }
    Ok(())
}

fn picture(tree: &Tree, parent: &Node, item: &FeedItem) -> Result<(), JsValue> {
    let Some(image) = &item.image else {
        return Ok(());
    };
    let Some(src) = tree.resolve(&image.src, UrlUse::Image) else {
        return Ok(());
    };
    let img = tree.child(parent, "img", "aw-thumb");
    img.attr("width", &image.width.to_string());
    img.attr("height", &image.height.to_string());
    img.attr("alt", &image.alt);
    img.attr("loading", "lazy");
    img.attr("decoding", "async");
    img.attr("src", &src);
    Ok(())
}

fn slide_content(
    tree: &Tree,
    slide: &Element,
    item: &FeedItem,
    featured: bool,
    locale: Locale,
) -> Result<(), JsValue> {
    let a = tree.link(slide, Some(&item.url), "", "aw-slide-link");
    picture(tree, &a, item)?;
    tree.text_child(&a, "span", "aw-slide-title", &item.title);
    if featured {
        if let Some(credit) = &item.credit {
            tree.text_child(
                slide,
                "p",
                "aw-slide-credit",
                &format!("{}{credit}", locale.strings().photo_credit),
            );
        }
        if let Some(summary) = &item.summary {
            tree.text_child(slide, "p", "aw-slide-summary", summary);
        }
    }
    Ok(())
}

/// The suggestions of a personalised section; each link is described by its reason (the
/// `aw-why` text, ids made unique in the shadow root from `prefix`, the section's heading id).
fn personalised(
    tree: &Tree,
    parent: &Node,
    suggestions: &[Suggestion],
    prefix: &str,
    locale: Locale,
) -> Result<(), JsValue> {
    if suggestions.is_empty() {
        tree.text_child(
            parent,
            "p",
            "aw-empty",
            locale.feed_strings().nothing_to_suggest,
        );
        return Ok(());
    }
    let ul = tree.child(parent, "ul", "aw-headlines aw-suggestions");
    for (n, suggestion) in suggestions.iter().enumerate() {
        let li = tree.child(&ul, "li", "");
        li.attr("data-id", &suggestion.item.id);
        let why_id = format!("{prefix}-why{n}");
        headline(tree, &li, suggestion.item)?.attr("aria-describedby", &why_id);
        if let Some(time) = &suggestion.item.published {
            tree.text_child(&li, "time", "aw-item-time", &intl::datetime(time, locale))
                .attr("datetime", &time.to_iso());
        }
        tree.text_child(&li, "span", "aw-why", &suggestion.reason.label(locale))
            .set_id(&why_id);
    }
    Ok(())
}

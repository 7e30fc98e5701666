//! The recommendation sections as markup, built by a pure function from the validated
//! feed: featured stories and picture highlights as carousels, headline lists, the hot
//! ranking, picture grids, and the personalised "related" and "you may like" lists with
//! the reason for each item (ranked here, from the history the shell passes in).
//!
//! The browser shell materializes each section into its slot and wires behaviour onto the
//! nodes: the carousel's controls and the "clear history" button. Text is text; every URL
//! goes through [`Env::resolve`].

use super::article::link_start;
use super::Env;
use crate::carousel::CarouselStrings;
use crate::i18n::Locale;
use crate::markup::Markup;
use crate::model::{FeedItem, Personalize, RefusedSection, Section, SectionKind};
use crate::recommend::{for_section, History, Hot, Story, Suggestion};
use crate::sanitize::url::UrlUse;

/// Narrowest featured-story slide, in CSS pixels: one story per view on most screens.
pub const FEATURED_MIN_WIDTH: f64 = 420.0;
/// Narrowest picture-highlight slide, in CSS pixels.
pub const PICTURE_MIN_WIDTH: f64 = 200.0;

/// Where a section goes in the article layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Under the article, before the channel blurb: featured stories.
    Lead,
    /// Under the channel blurb: the personalised sections.
    Main,
    /// Beside the article: lists, picture highlights, ranking, grids.
    Aside,
}

/// What the sections depend on besides the feed.
#[derive(Debug, Clone, Copy)]
pub struct Context<'c> {
    /// The article on the page.
    pub current: Story<'c>,
    /// The reader's reading history.
    pub history: &'c History,
    /// Now, in unix milliseconds.
    pub now_ms: u64,
    /// Interface language.
    pub locale: Locale,
    /// Whether carousels rotate by themselves (and so get a rotation control).
    pub autoplay: bool,
}

/// One section: its markup (a single `section` element), where it goes, and what the
/// shell wires onto it.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionView<'a> {
    /// Where the section goes.
    pub slot: Slot,
    /// The `section` element.
    pub markup: Markup<'a>,
    /// For a carousel (`.aw-carousel` in the section): how many slides it has and the
    /// narrowest a slide may get, in CSS pixels.
    pub carousel: Option<(usize, f64)>,
    /// Whether the section has a "clear history" button (`.aw-clear-history`).
    pub clear_history: bool,
    /// The `id` of the section's heading (letters, digits and `-`, starting with `aw-s`:
    /// usable as a CSS id selector as it is).
    pub heading_id: String,
}

/// Section number `index` of its feed: a valid one in full, a refused one as the shell
/// of its error panel. `hot` is the feed's hot stories ([`Hot::of`] the feed, once for
/// all its sections).
pub fn section_view<'a>(
    index: usize,
    section: &'a Result<Section, RefusedSection>,
    hot: &Hot<'a>,
    cx: &Context,
    env: &dyn Env,
) -> SectionView<'a> {
    match section {
        Ok(s) => self::section(index, s, hot, cx, env),
        Err(refused) => self::refused(index, refused, cx.locale),
    }
}

/// Where a section of `kind` (if known) personalised by `personalize` goes.
fn slot_of(kind: Option<SectionKind>, personalize: Option<Personalize>) -> Slot {
    match (kind, personalize) {
        (_, Some(_)) => Slot::Main,
        (Some(SectionKind::Featured), None) => Slot::Lead,
        _ => Slot::Aside,
    }
}

/// The id of the heading of section number `index` whose id is `id`: unique in the shadow
/// root (the index), recognisable (the id's letters and digits).
fn heading_id(index: usize, id: &str) -> String {
    let mut heading_id = String::from("aw-s");
    heading_id.push_str(&index.to_string());
    heading_id.push('-');
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            heading_id.push(c);
        }
    }
    heading_id
}

/// Opens the `section` element of class `class` for the section `id` headed `title` (its
/// heading's id `heading_id`), and its header; the caller ends the header.
fn section_start<'a>(
    m: &mut Markup<'a>,
    class: &'static str,
    id: &'a str,
    title: &'a str,
    heading_id: &str,
) {
    m.start_class("section", class)
        .attr("part", "section")
        .attr("data-section", id)
        .attr_owned("aria-labelledby", heading_id.to_owned())
        .start_class("div", "aw-section-header")
        .start_class("h2", "aw-section-title")
        .attr_owned("id", heading_id.to_owned())
        .text(title)
        .end();
}

/// Section number `index` of its feed, refused: the `section` element where it would have
/// gone, headed by its title (else its id, else the word for recommendations: not the
/// heading of the error panel the shell puts in it after the header, `.aw-section-header`).
fn refused<'a>(index: usize, section: &'a RefusedSection, locale: Locale) -> SectionView<'a> {
    let id = section.id.as_deref().unwrap_or_default();
    let title = section
        .title
        .as_deref()
        .or(section.id.as_deref())
        .unwrap_or(locale.feed_strings().recommendations);
    let heading_id = heading_id(index, id);
    let mut m = Markup::default();
    section_start(
        &mut m,
        "aw-section aw-section-refused",
        id,
        title,
        &heading_id,
    );
    m.end().end();
    SectionView {
        slot: slot_of(section.kind, section.personalize),
        markup: m,
        carousel: None,
        clear_history: false,
        heading_id,
    }
}

/// Section number `index` of its feed, whose hot stories are `hot`.
fn section<'a>(
    index: usize,
    section: &'a Section,
    hot: &Hot<'a>,
    cx: &Context,
    env: &dyn Env,
) -> SectionView<'a> {
    let (locale, feed_strings) = (cx.locale, cx.locale.feed_strings());
    let slot = slot_of(Some(section.kind), section.personalize);
    let heading_id = heading_id(index, &section.id);
    let mut m = Markup::default();
    let class = match section.kind {
        SectionKind::Featured => "aw-section aw-section-featured",
        SectionKind::Carousel => "aw-section aw-section-carousel",
        SectionKind::List => "aw-section aw-section-list",
        SectionKind::Ranking => "aw-section aw-section-ranking",
        SectionKind::Grid => "aw-section aw-section-grid",
    };
    section_start(&mut m, class, &section.id, &section.title, &heading_id);

    let suggestions = for_section(section, hot, &cx.current, cx.history, cx.now_ms);
    let clear_history = suggestions.is_some()
        && section.personalize == Some(Personalize::YouMayLike)
        && !cx.history.is_empty();
    if clear_history {
        m.start_class("button", "aw-clear-history")
            .attr("type", "button")
            .text(feed_strings.clear_history)
            .end();
    }
    m.end();

    let mut carousel_of = None;
    let items = section.shown();
    match (suggestions, section.kind) {
        (Some(suggestions), _) => personalised(&mut m, &suggestions, &heading_id, locale, env),
        (None, SectionKind::Featured | SectionKind::Carousel) => {
            let featured = section.kind == SectionKind::Featured;
            carousel(&mut m, &section.title, items, featured, cx, env);
            let min_width = if featured {
                FEATURED_MIN_WIDTH
            } else {
                PICTURE_MIN_WIDTH
            };
            carousel_of = Some((items.len(), min_width));
        }
        (None, SectionKind::List) => {
            m.start_class("ul", "aw-headlines");
            for item in items {
                m.start("li");
                headline(&mut m, item, env);
                time(&mut m, item, locale);
                m.end();
            }
            m.end();
        }
        (None, SectionKind::Ranking) => {
            // By rank, unranked last; equal ranks in feed order.
            let rank = |i: usize| items[i].rank.unwrap_or(u64::MAX);
            let order = crate::order::permutation(items.len(), &mut |a, b| rank(a).cmp(&rank(b)));
            m.start_class("ol", "aw-ranking-list");
            for (i, &at) in order.iter().enumerate() {
                let item = &items[at];
                m.start("li");
                if i < 3 {
                    m.attr("class", "aw-top");
                }
                m.start_class("span", "aw-rank")
                    .attr("aria-hidden", "true")
                    .text_owned((i + 1).to_string())
                    .end();
                headline(&mut m, item, env);
                if let Some(views) = item.views {
                    m.start_class("span", "aw-views")
                        .text_owned(feed_strings.views(views, locale))
                        .end();
                }
                m.end();
            }
            m.end();
        }
        (None, SectionKind::Grid) => {
            m.start_class("ul", "aw-grid");
            for item in items {
                m.start("li");
                link_start(&mut m, env, Some(&item.url), Some("aw-tile"));
                picture(&mut m, item, env);
                m.start_class("span", "aw-tile-title")
                    .text(&item.title)
                    .end()
                    .end()
                    .end();
            }
            m.end();
        }
    }
    m.end();
    SectionView {
        slot,
        markup: m,
        carousel: carousel_of,
        clear_history,
        heading_id,
    }
}

/// A headline link (its full text also as the tooltip: CSS may clamp it), left open for
/// more attributes; the caller ends it.
fn headline_start<'a>(m: &mut Markup<'a>, item: &'a FeedItem, env: &dyn Env) {
    link_start(m, env, Some(&item.url), Some("aw-headline"));
    m.attr("title", &item.title);
}

/// A headline link with its text.
fn headline<'a>(m: &mut Markup<'a>, item: &'a FeedItem, env: &dyn Env) {
    headline_start(m, item, env);
    m.text(&item.title).end();
}

/// The item's publication time, if it has one.
fn time(m: &mut Markup, item: &FeedItem, locale: Locale) {
    if let Some(time) = &item.published {
        m.start_class("time", "aw-item-time")
            .attr_owned("datetime", time.to_iso())
            .text_owned(time.display(locale))
            .end();
    }
}

/// The item's picture, lazy, its size reserved; nothing if it has none or its URL is
/// refused.
fn picture<'a>(m: &mut Markup<'a>, item: &'a FeedItem, env: &dyn Env) {
    let Some(image) = &item.image else {
        return;
    };
    let Some(src) = env.resolve(&image.src, UrlUse::Image) else {
        return;
    };
    m.start_class("img", "aw-thumb")
        .attr_owned("width", image.width.to_string())
        .attr_owned("height", image.height.to_string())
        .attr("alt", &image.alt)
        .attr("loading", "lazy")
        .attr("decoding", "async")
        .attr_owned("src", src)
        .end();
}

/// The carousel of `items` (WAI-ARIA carousel pattern) labelled `label`: the rotation
/// control (with autoplay) first, previous and next, the scroll-snap track of slides and
/// the (empty) group of picker dots. The shell fills the dots and keeps the state
/// attributes (`inert`, `aria-disabled`, `aria-current`, `aria-live`) once it measured.
fn carousel<'a>(
    m: &mut Markup<'a>,
    label: &'a str,
    items: &'a [FeedItem],
    featured: bool,
    cx: &Context,
    env: &dyn Env,
) {
    let strings = CarouselStrings::of(cx.locale);
    // A group, not a region: the feed section around it already is the labelled region,
    // and two landmarks of one name would be ambiguous (the APG allows either role).
    m.start_class("div", "aw-carousel")
        .attr("role", "group")
        .attr("part", "carousel")
        .attr("aria-roledescription", strings.carousel)
        .attr("aria-label", label)
        .start_class("div", "aw-carousel-controls");
    if cx.autoplay {
        m.start_class("button", "aw-rotate")
            .attr("type", "button")
            .text(strings.stop)
            .end();
    }
    for (class, name, glyph) in [
        ("aw-prev", strings.previous, "‹"),
        ("aw-next", strings.next, "›"),
    ] {
        m.start_class("button", class)
            .attr("type", "button")
            .attr("aria-label", name)
            .start("span")
            .attr("aria-hidden", "true")
            .text(glyph)
            .end()
            .end();
    }
    m.end().start_class("div", "aw-track");
    for (i, item) in items.iter().enumerate() {
        m.start_class("div", "aw-slide")
            .attr("role", "group")
            .attr("aria-roledescription", strings.slide)
            .attr_owned("aria-label", strings.slide_label(i, items.len()));
        link_start(m, env, Some(&item.url), Some("aw-slide-link"));
        picture(m, item, env);
        m.start_class("span", "aw-slide-title")
            .text(&item.title)
            .end()
            .end();
        if featured {
            if let Some(credit) = &item.credit {
                m.start_class("p", "aw-slide-credit")
                    .text(cx.locale.strings().photo_credit)
                    .text(credit)
                    .end();
            }
            if let Some(summary) = &item.summary {
                m.start_class("p", "aw-slide-summary").text(summary).end();
            }
        }
        m.end();
    }
    m.end()
        .start_class("div", "aw-dots")
        .attr("role", "group")
        .attr("aria-label", strings.picker)
        .end()
        .end();
}

/// The suggestions of a personalised section; each link is described by its reason (the
/// `aw-why` text, ids made unique in the shadow root from `prefix`, the heading's id).
fn personalised<'a>(
    m: &mut Markup<'a>,
    suggestions: &[Suggestion<'a>],
    prefix: &str,
    locale: Locale,
    env: &dyn Env,
) {
    if suggestions.is_empty() {
        m.start_class("p", "aw-empty")
            .text(locale.feed_strings().nothing_to_suggest)
            .end();
        return;
    }
    m.start_class("ul", "aw-headlines aw-suggestions");
    for (n, suggestion) in suggestions.iter().enumerate() {
        let item = suggestion.item;
        let mut why_id = String::from(prefix);
        why_id.push_str("-why");
        why_id.push_str(&n.to_string());
        m.start("li").attr("data-id", &item.id);
        headline_start(m, item, env);
        m.attr_owned("aria-describedby", why_id.clone())
            .text(&item.title)
            .end();
        time(m, item, locale);
        m.start_class("span", "aw-why")
            .attr_owned("id", why_id)
            .text_owned(suggestion.reason.label(locale))
            .end()
            .end();
    }
    m.end();
}

// Native only: the tests write their feeds with serde_json.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::markup::html::serialize;
    use crate::model::{decode_feed, Article, Feed};
    use crate::sanitize::rebuild::Parsed;
    use serde_json::{json, Value};

    /// Resolves against `https://s.example/f/`; refuses what is on `refused.example`.
    struct Fake;

    impl Env for Fake {
        fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
            if url.contains("refused.example") || usage == UrlUse::Image && url.contains("no-image")
            {
                return None;
            }
            Some(if url.contains(':') {
                url.to_owned()
            } else {
                format!("https://s.example/f/{url}")
            })
        }

        fn parse_html(&self, _: &str) -> Vec<Parsed> {
            unreachable!("feeds hold no HTML")
        }
    }

    fn feed(sections: Value) -> Feed {
        decode_feed(json!({ "version": "1.0", "id": "f", "sections": sections })).expect("valid")
    }

    fn article() -> Article {
        crate::model::decode(json!({
            "version": "1.0", "id": "here", "title": "黄山 春天", "tags": ["黄山"],
            "published": "2020-02-19T04:32:00+08:00", "body": []
        }))
        .expect("valid")
    }

    /// A section as (slot, HTML, carousel, clear button).
    type Rendered = (Slot, String, Option<(usize, f64)>, bool);

    /// The sections of `feed` with `history`.
    fn render(feed: &Feed, history: &History, autoplay: bool) -> Vec<Rendered> {
        let article = article();
        let cx = Context {
            current: Story::from(&article),
            history,
            now_ms: 1_582_156_800_000,
            locale: Locale::En,
            autoplay,
        };
        let hot = Hot::of(feed);
        feed.sections
            .iter()
            .enumerate()
            .map(|(index, s)| section_view(index, s, &hot, &cx, &Fake))
            .map(|s| {
                assert!(s.markup.is_well_formed());
                assert!(s.heading_id.starts_with("aw-s"));
                assert!(s
                    .heading_id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                (s.slot, serialize(&s.markup), s.carousel, s.clear_history)
            })
            .collect()
    }

    fn item(id: &str, extra: Value) -> Value {
        let mut item = json!({ "id": id, "title": format!("T {id}"), "url": format!("{id}.html") });
        if let (Some(item), Value::Object(extra)) = (item.as_object_mut(), extra) {
            item.extend(extra);
        }
        item
    }

    #[test]
    fn a_list_is_headlines_with_times_under_a_labelled_heading() {
        let feed = feed(
            json!([{ "id": "p-1", "kind": "list", "title": "Picks", "items": [
                item("a", json!({ "published": "2020-02-10T07:05:00+08:00" })),
                item("b", json!({})),
            ]}]),
        );
        let out = render(&feed, &History::new(), false);
        assert_eq!(
            out,
            [(
                Slot::Aside,
                "<section class=\"aw-section aw-section-list\" part=\"section\" data-section=\"p-1\" \
                 aria-labelledby=\"aw-s0-p1\"><div class=\"aw-section-header\"><h2 \
                 class=\"aw-section-title\" id=\"aw-s0-p1\">Picks</h2></div><ul \
                 class=\"aw-headlines\"><li><a class=\"aw-headline\" \
                 href=\"https://s.example/f/a.html\" title=\"T a\">T a</a><time \
                 class=\"aw-item-time\" datetime=\"2020-02-10T07:05:00+08:00\">Feb 10, 2020, \
                 07:05 GMT+8</time></li><li><a class=\"aw-headline\" href=\"https://s.example/f/b.html\" \
                 title=\"T b\">T b</a></li></ul></section>"
                    .to_owned(),
                None,
                false
            )]
        );
    }

    #[test]
    fn a_ranking_is_ordered_by_rank_with_the_top_three_marked() {
        let items: Vec<Value> = [4, 2, 5, 1, 3]
            .iter()
            .map(|r| item(&format!("r{r}"), json!({ "rank": r, "views": r * 1000 })))
            .collect();
        let feed =
            feed(json!([{ "id": "hot", "kind": "ranking", "title": "Hot", "items": items }]));
        let html = &render(&feed, &History::new(), false)[0].1;
        assert!(
            html.contains(
                "<ol class=\"aw-ranking-list\"><li class=\"aw-top\"><span class=\"aw-rank\" \
                 aria-hidden=\"true\">1</span><a class=\"aw-headline\" \
                 href=\"https://s.example/f/r1.html\" title=\"T r1\">T r1</a><span \
                 class=\"aw-views\">1k views</span></li>"
            ),
            "{html}"
        );
        let order: Vec<usize> = ["T r1<", "T r2<", "T r3<", "T r4<", "T r5<"]
            .iter()
            .map(|t| html.find(t).expect(t))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
        assert_eq!(html.matches("<li class=\"aw-top\">").count(), 3);
        assert_eq!(html.matches("<li>").count(), 2);
    }

    #[test]
    fn a_grid_has_lazy_pictures_with_their_size_reserved() {
        let feed = feed(
            json!([{ "id": "g", "kind": "grid", "title": "G", "limit": 1, "items": [
                item("a", json!({ "image": { "src": "a.png", "width": 480, "height": 270, "alt": "A" } })),
                item("b", json!({})),
            ]}]),
        );
        let html = &render(&feed, &History::new(), false)[0].1;
        assert!(
            html.ends_with(
                "<ul class=\"aw-grid\"><li><a class=\"aw-tile\" href=\"https://s.example/f/a.html\">\
                 <img class=\"aw-thumb\" width=\"480\" height=\"270\" alt=\"A\" loading=\"lazy\" \
                 decoding=\"async\" src=\"https://s.example/f/a.png\"><span \
                 class=\"aw-tile-title\">T a</span></a></li></ul></section>"
            ),
            "the limit applies: {html}"
        );
    }

    #[test]
    fn carousels_follow_the_carousel_pattern() {
        let image =
            |n: u32| json!({ "src": format!("{n}.png"), "width": 640, "height": 360, "alt": "" });
        let feed = feed(json!([
            { "id": "lead", "kind": "featured", "title": "Lead", "items": [
                item("a", json!({ "image": image(1), "credit": "C", "summary": "S <b>" })),
                item("b", json!({ "image": image(2) })),
            ]},
            { "id": "pics", "kind": "carousel", "title": "Pics", "items": [
                item("c", json!({ "image": image(3), "credit": "not shown", "summary": "no" })),
            ]},
        ]));
        let out = render(&feed, &History::new(), false);
        assert_eq!(out[0].0, Slot::Lead);
        assert_eq!(out[0].2, Some((2, FEATURED_MIN_WIDTH)));
        assert_eq!(out[1].0, Slot::Aside);
        assert_eq!(out[1].2, Some((1, PICTURE_MIN_WIDTH)));
        let lead = &out[0].1;
        assert!(
            lead.contains(
                "</div><div class=\"aw-carousel\" role=\"group\" part=\"carousel\" \
                 aria-roledescription=\"carousel\" aria-label=\"Lead\"><div \
                 class=\"aw-carousel-controls\"><button class=\"aw-prev\" type=\"button\" \
                 aria-label=\"Previous slide\"><span aria-hidden=\"true\">‹</span></button><button \
                 class=\"aw-next\" type=\"button\" aria-label=\"Next slide\"><span \
                 aria-hidden=\"true\">›</span></button></div><div class=\"aw-track\"><div \
                 class=\"aw-slide\" role=\"group\" aria-roledescription=\"slide\" aria-label=\"1 of \
                 2\"><a class=\"aw-slide-link\" href=\"https://s.example/f/a.html\"><img \
                 class=\"aw-thumb\" width=\"640\" height=\"360\" alt=\"\" loading=\"lazy\" \
                 decoding=\"async\" src=\"https://s.example/f/1.png\"><span \
                 class=\"aw-slide-title\">T a</span></a><p class=\"aw-slide-credit\">Photo: C</p><p \
                 class=\"aw-slide-summary\">S &lt;b&gt;</p></div>"
            ),
            "{lead}"
        );
        assert!(
            lead.ends_with(
                "aria-label=\"2 of 2\"><a class=\"aw-slide-link\" \
                 href=\"https://s.example/f/b.html\"><img class=\"aw-thumb\" width=\"640\" \
                 height=\"360\" alt=\"\" loading=\"lazy\" decoding=\"async\" \
                 src=\"https://s.example/f/2.png\"><span class=\"aw-slide-title\">T b</span></a></div>\
                 </div><div class=\"aw-dots\" role=\"group\" aria-label=\"Choose slide\"></div></div>\
                 </section>"
            ),
            "{lead}"
        );
        assert!(!out[1].1.contains("aw-slide-credit") && !out[1].1.contains("aw-slide-summary"));
        assert!(
            !lead.contains("aw-rotate"),
            "no rotation control without autoplay"
        );

        let rotating = render(&feed, &History::new(), true);
        assert!(
            rotating[0].1.contains(
                "<div class=\"aw-carousel-controls\"><button class=\"aw-rotate\" type=\"button\">\
                 Stop automatic slide show</button><button class=\"aw-prev\""
            ),
            "the rotation control comes first: {}",
            rotating[0].1
        );
    }

    #[test]
    fn a_refused_section_is_its_headed_shell_where_it_would_have_gone() {
        let feed = decode_feed(json!({ "version": "1.0", "id": "f", "sections": [
            { "id": "yml", "kind": "list", "title": "Yours", "personalize": "you-may-like",
              "items": [item("a", json!({ "url": "javascript:x" }))] },
            { "id": "p", "kind": "featured", "title": 3, "items": [] },
            7,
            { "id": "ok", "kind": "list", "title": "OK", "items": [item("b", json!({}))] },
        ]}))
        .expect("the document is valid");
        let out = render(&feed, &History::new(), false);
        let shell = |class: &str, id: &str, heading: &str, title: &str| {
            format!(
                "<section class=\"aw-section {class}\" part=\"section\" data-section=\"{id}\" \
                 aria-labelledby=\"{heading}\"><div class=\"aw-section-header\"><h2 \
                 class=\"aw-section-title\" id=\"{heading}\">{title}</h2></div></section>"
            )
        };
        assert_eq!(
            out[..3],
            [
                (
                    Slot::Main,
                    shell("aw-section-refused", "yml", "aw-s0-yml", "Yours"),
                    None,
                    false
                ),
                (
                    Slot::Lead,
                    shell("aw-section-refused", "p", "aw-s1-p", "p"),
                    None,
                    false
                ),
                (
                    Slot::Aside,
                    shell("aw-section-refused", "", "aw-s2-", "Recommended"),
                    None,
                    false
                ),
            ]
        );
        assert!(out[3]
            .1
            .starts_with("<section class=\"aw-section aw-section-list\""));
    }

    #[test]
    fn refused_urls_leave_text_and_no_picture() {
        let feed = feed(json!([
            { "id": "l", "kind": "list", "title": "L", "items": [
                item("a", json!({ "url": "https://refused.example/", "title": "<img src=x onerror=alert(1)>" })),
            ]},
            { "id": "g", "kind": "grid", "title": "G", "items": [
                item("b", json!({ "url": "https://refused.example/b",
                    "image": { "src": "no-image.png", "width": 1, "height": 1, "alt": "" } })),
            ]},
        ]));
        let out = render(&feed, &History::new(), false);
        assert!(
            out[0].1.contains(
                "<li><span class=\"aw-headline\" title=\"&lt;img src=x onerror=alert(1)&gt;\">\
                 &lt;img src=x onerror=alert(1)&gt;</span></li>"
            ),
            "{}",
            out[0].1
        );
        assert!(
            out[1].1.contains(
                "<li><span class=\"aw-tile\"><span class=\"aw-tile-title\">T b</span></span></li>"
            ),
            "{}",
            out[1].1
        );
    }

    #[test]
    fn personalised_sections_give_each_suggestion_its_reason() {
        let candidates = json!([
            item("here", json!({ "tags": ["黄山"] })),
            item(
                "x",
                json!({ "tags": ["黄山"], "published": "2020-02-10T07:05:00+08:00" })
            ),
            item("y", json!({ "tags": ["other"] })),
        ]);
        let feed = feed(json!([
            { "id": "rel", "kind": "list", "title": "Related", "personalize": "related",
              "limit": 1, "items": candidates },
            { "id": "yml", "kind": "list", "title": "Yours", "personalize": "you-may-like",
              "items": candidates },
            { "id": "none", "kind": "list", "title": "None", "personalize": "related",
              "items": [item("here", json!({}))] },
        ]));
        let out = render(&feed, &History::new(), false);
        assert!(out.iter().all(|s| s.0 == Slot::Main && s.2.is_none()));
        assert_eq!(
            out[0].1,
            "<section class=\"aw-section aw-section-list\" part=\"section\" data-section=\"rel\" \
             aria-labelledby=\"aw-s0-rel\"><div class=\"aw-section-header\"><h2 \
             class=\"aw-section-title\" id=\"aw-s0-rel\">Related</h2></div><ul class=\"aw-headlines \
             aw-suggestions\"><li data-id=\"x\"><a class=\"aw-headline\" \
             href=\"https://s.example/f/x.html\" title=\"T x\" \
             aria-describedby=\"aw-s0-rel-why0\">T x</a><time class=\"aw-item-time\" \
             datetime=\"2020-02-10T07:05:00+08:00\">Feb 10, 2020, 07:05 GMT+8</time><span class=\"aw-why\" \
             id=\"aw-s0-rel-why0\">Same topics as this story: 黄山</span></li></ul></section>"
        );
        assert!(!out[1].3, "no history, nothing to clear");
        assert!(!out[1].1.contains("aw-clear-history"));
        assert_eq!(
            out[1].1.matches("<li data-id=").count(),
            2,
            "not the article on the page"
        );
        assert!(
            out[2]
                .1
                .ends_with("</div><p class=\"aw-empty\">Nothing to suggest yet</p></section>"),
            "{}",
            out[2].1
        );

        let mut history = History::new();
        let Ok(yours) = &feed.sections[1] else {
            panic!("valid: {:?}", feed.sections[1]);
        };
        history.open(&Story::from(&yours.items[2]), 1);
        let out = render(&feed, &history, false);
        assert!(!out[0].3, "only \"you may like\" forgets");
        assert!(out[1].3);
        assert!(
            out[1].1.contains(
                "<h2 class=\"aw-section-title\" id=\"aw-s1-yml\">Yours</h2><button \
                 class=\"aw-clear-history\" type=\"button\">Clear reading history</button></div>"
            ),
            "{}",
            out[1].1
        );
    }
}

//! The recommendation sections in the page: the core describes each section
//! ([`view::feed::section`]), this materializes it into its slot and wires behaviour onto
//! the nodes: the carousels (the "clear history" buttons are wired in
//! [`super::recommendations`]).

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::carousel::{carousel, CarouselHandle};
use super::materialize::materialize;
use super::tree::{find, Tree};
use crate::model::Feed;
use crate::view::feed::{self as view, Context, Slot};

/// Where sections go: beside the article (`aside`) or under it (`main`).
pub(crate) struct Slots {
    /// Under the article, before the channel blurb: featured stories.
    pub lead: Element,
    /// Under the channel blurb: related and "you may like".
    pub main: Element,
    /// Beside the article: lists, picture highlights, ranking.
    pub aside: Element,
}

/// What the sections of one feed left running: the live carousels; dropping them stops
/// their timers, listeners and measuring.
pub(crate) type Rendered = Vec<CarouselHandle>;

/// Renders every section of `feed` into `slots`; carousels rotate every `autoplay_ms`
/// if set (`cx.autoplay` says whether).
pub(crate) fn sections(
    tree: &Tree,
    slots: &Slots,
    feed: &Feed,
    cx: &Context,
    autoplay_ms: Option<u64>,
) -> Result<Rendered, JsValue> {
    let mut rendered = Rendered::new();
    for (index, section) in feed.sections.iter().enumerate() {
        let section = view::section(index, section, cx, tree);
        let slot = match section.slot {
            Slot::Lead => &slots.lead,
            Slot::Main => &slots.main,
            Slot::Aside => &slots.aside,
        };
        let Some(el) = materialize(tree, slot, &section.markup) else {
            continue;
        };
        if let (Some((count, min_width)), Some(root)) =
            (section.carousel, find(&el, ".aw-carousel"))
        {
            rendered.push(carousel(
                tree,
                &el,
                &root,
                count,
                cx.locale,
                min_width,
                autoplay_ms,
            )?);
        }
    }
    Ok(rendered)
}

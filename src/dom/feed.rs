//! The recommendation sections in the page: the core describes each section
//! ([`view::feed::section_view`]), this materializes it into its slot
//! and wires behaviour onto the nodes: the carousels, and the error panel of a section the
//! feed got wrong (the "clear history" buttons are wired in [`super::recommendations`]).

use web_sys::Element;

use super::carousel::{carousel, CarouselHandle};
use super::materialize::materialize;
use super::status;
use super::tree::{find, Tree};
use crate::model::{Feed, ModelError};
use crate::net::error::LoadError;
use crate::recommend::Hot;
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

/// What the sections of one feed left for the caller.
#[derive(Default)]
pub(crate) struct Rendered {
    /// The live carousels; dropping them stops their timers, listeners and measuring.
    pub carousels: Vec<CarouselHandle>,
    /// The retry buttons of the error panels of refused sections, to be wired.
    pub retries: Vec<Element>,
    /// What went wrong, to announce once per load of the feed (not at each redraw).
    pub faults: Faults,
}

/// What the sections of one feed got wrong, for `article-widget:error`.
#[derive(Default)]
pub(crate) struct Faults {
    /// Each refused section's fault.
    pub refused: Vec<LoadError>,
    /// Each carousel that could not be wired: its section's place in the feed and the part
    /// it lacks (its slides still scroll, without controls).
    pub unwired: Vec<(usize, &'static str)>,
}

/// Renders every section of `feed` (loaded from `url`) into `slots`, each refused one as
/// its error panel with a retry; carousels rotate every `autoplay_ms` if set
/// (`cx.autoplay` says whether). A section that fails stops none after it.
pub(crate) fn sections(
    tree: &Tree,
    slots: &Slots,
    feed: &Feed,
    url: &str,
    cx: &Context,
    autoplay_ms: Option<u64>,
) -> Rendered {
    let mut rendered = Rendered::default();
    let hot = Hot::of(feed);
    for (index, section) in feed.sections.iter().enumerate() {
        let view = view::section_view(index, section, &hot, cx, tree);
        let slot = match view.slot {
            Slot::Lead => &slots.lead,
            Slot::Main => &slots.main,
            Slot::Aside => &slots.aside,
        };
        let Some(el) = materialize(tree, slot, &view.markup) else {
            continue;
        };
        if let Err(refused) = section {
            let error = LoadError::Model {
                url: url.to_owned(),
                source: ModelError::Invalid(refused.errors.clone()),
            };
            let heading = cx.locale.feed_strings().section_error;
            if let Ok(retry) = status::error(tree, &el, heading, cx.locale.strings().retry, &error)
            {
                rendered.retries.push(retry);
            }
            rendered.faults.refused.push(error);
        }
        if let (Some((count, min_width)), Some(root)) = (view.carousel, find(&el, ".aw-carousel")) {
            match carousel(tree, &el, &root, count, cx.locale, min_width, autoplay_ms) {
                Ok(handle) => rendered.carousels.push(handle),
                Err(missing) => rendered.faults.unwired.push((index, missing)),
            }
        }
    }
    rendered
}

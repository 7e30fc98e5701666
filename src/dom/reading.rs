//! Reading comfort in the browser: the text size buttons (the reader's choice kept in
//! `localStorage`), the reading progress bar moved by a passive scroll listener, and the
//! reading history's record of how far the article was read. The numbers come from the
//! core ([`crate::reading`]); this only reads the layout and writes attributes.

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use super::wired::{Report, Wired};

use super::mount::Widget;
use super::storage;
use super::tree::{find, Attr};
use crate::reading::font_size::{FontSize, STORAGE_KEY as FONT_SIZE_KEY};
use crate::reading::progress::{percent, scrolled};
#[cfg(feature = "recommendations")]
use crate::reading::progress::{seen, Recorded};
#[cfg(feature = "recommendations")]
use crate::recommend::history::STORAGE_KEY as HISTORY_KEY;
#[cfg(feature = "recommendations")]
use crate::recommend::History;

#[wasm_bindgen(module = "/src/dom/reading.js")]
extern "C" {
    /// Shows `percent` on the progress bar and its fill (src/dom/reading.js).
    #[wasm_bindgen(js_name = showProgress)]
    fn show_progress(bar: Option<&Element>, fill: Option<&HtmlElement>, percent: u8);
    /// Listens to the size buttons, the window's scroll and the article's resizes, and
    /// reports them as `(what, top, height, viewport)` (src/dom/reading.js); returns the
    /// function that stops listening.
    #[wasm_bindgen(js_name = followReading)]
    fn follow_reading(
        article: &Element,
        smaller: Option<&Element>,
        larger: Option<&Element>,
        report: &Report,
    ) -> Function;
}

/// What `followReading` reports (a [`Report`]), with the article's top and height and the
/// viewport's height when measured: a size button pressed (0 smaller, 1 larger; not
/// measured), the page scrolled (this), or the article laid out anew (or the text size
/// changed).
const SCROLLED: u32 = 2;

/// Attribute of the widget's root once its controls work; until then (a pre-rendered page
/// without JavaScript) the stylesheet hides them, keeping their space.
const READY: &str = "data-ready";

/// The reading controls at work: dropping it removes their listeners and observer.
pub(super) type Reading = Wired;

/// Wires up the text size buttons and the progress bar of the article `article` (an
/// element in the widget's root), and records reading progress of `article_id` in the
/// reading history (with recommendations, which rank by it).
#[cfg_attr(not(feature = "recommendations"), allow(unused_variables, unused_mut))]
pub(super) fn follow(widget: &mut Widget, article: &Element, article_id: String) {
    let root = widget.content.clone();
    let find = |selector: &str| find(&root, selector);
    let mut controls = Controls {
        buttons: [find(".aw-smaller"), find(".aw-larger")],
        size: FontSize::decode(&storage::read(FONT_SIZE_KEY).unwrap_or_default()),
        progress: Progress {
            bar: find(".aw-progress"),
            fill: find(".aw-progress-bar").and_then(|e| e.dyn_into().ok()),
            shown: 0,
        },
        root,
    };
    controls.show_size();
    let [smaller, larger] = controls.buttons.clone();
    // The bar is not drawn here: reading the article's position now would force a layout
    // of the page in the middle of rendering. It is drawn once the browser has laid the
    // article out (a resize observer's report), and again whenever the article's size
    // changes.
    #[cfg(feature = "recommendations")]
    let mut recorded = Recorded::default();
    let report = Report::new(move |what, top, height, viewport| {
        if what < SCROLLED {
            let step = [FontSize::smaller, FontSize::larger][what as usize];
            if let Some(next) = step(controls.size) {
                controls.size = next;
                controls.show_size();
                storage::write(FONT_SIZE_KEY, next.percent());
            }
            return;
        }
        controls.progress.show(top, height, viewport);
        // Every measurement counts, the first layout included: an article that fits on
        // one screen, or is never scrolled, has been read as far as it was in view.
        #[cfg(feature = "recommendations")]
        if let Some(share) = recorded.next(seen(top, height, viewport)) {
            let mut history = History::decode(&storage::read(HISTORY_KEY).unwrap_or_default());
            if history.read(&article_id, share) {
                storage::write(HISTORY_KEY, &history.encode());
            }
        }
    });
    let stop = follow_reading(article, smaller.as_ref(), larger.as_ref(), &report);
    widget.content.attr(READY, "");
    widget.reading = Some(Reading {
        stop,
        _report: report,
    });
}

/// The reading controls of one article: the widget's root, the text size buttons (smaller,
/// larger), the size chosen and the progress bar.
struct Controls {
    root: Element,
    buttons: [Option<Element>; 2],
    size: FontSize,
    progress: Progress,
}

impl Controls {
    /// Shows the text size chosen on the root and disables the button that cannot go
    /// further (`aria-disabled`, so it keeps keyboard focus).
    fn show_size(&self) {
        let size = self.size;
        self.root.attr("data-font-size", size.percent());
        let limits = [size.smaller().is_none(), size.larger().is_none()];
        for (button, at_limit) in self.buttons.iter().zip(limits) {
            if let Some(button) = button {
                if at_limit {
                    button.attr("aria-disabled", "true");
                } else {
                    button.unattr("aria-disabled");
                }
            }
        }
    }
}

/// The progress bar.
struct Progress {
    bar: Option<Element>,
    fill: Option<HtmlElement>,
    /// The percentage on show, so the DOM is written only when it changes.
    shown: u8,
}

impl Progress {
    /// Moves the bar to the position measured: the article's top and height and the
    /// viewport's height.
    fn show(&mut self, top: f64, height: f64, viewport: f64) {
        let now = percent(scrolled(top, height, viewport));
        if now == self.shown {
            return;
        }
        self.shown = now;
        show_progress(self.bar.as_ref(), self.fill.as_ref(), now);
    }
}

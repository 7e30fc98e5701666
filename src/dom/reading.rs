//! Reading comfort in the browser: the text size buttons (the reader's choice kept in
//! `localStorage`), the reading progress bar moved by a passive scroll listener, and the
//! reading history's record of how far the article was read. The numbers come from the
//! core ([`crate::reading`]); this only reads the layout and writes attributes.
//!
//! The controls' state is shared by the buttons' and the window's gloo listeners and the
//! article's `ResizeObserver` (`Rc<RefCell<Followed>>`), all held by [`Reading`], which
//! removes them when dropped.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, EventTarget, HtmlElement, Window};

use super::mount::Widget;
use super::resize::Resizes;
use super::shared::{listen, with};
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
}

/// Attribute of the widget's root once its controls work; until then (a pre-rendered page
/// without JavaScript) the stylesheet hides them, keeping their space.
const READY: &str = "data-ready";

/// The reading controls at work: dropping it removes their listeners and disconnects
/// their observer.
pub(super) struct Reading {
    /// The text size buttons' and the window's scroll.
    _listeners: Vec<EventListener>,
    /// The article's resizes, where the browser has a `ResizeObserver`.
    _resizes: Option<Resizes>,
}

/// Wires up the text size buttons and the progress bar of the article `article` (an
/// element in the widget's root), and records reading progress of `article_id` in the
/// reading history (with recommendations, which rank by it).
#[cfg_attr(not(feature = "recommendations"), allow(unused_variables))]
pub(super) fn follow(widget: &mut Widget, article: &Element, article_id: String) {
    let root = widget.content.clone();
    let find = |selector: &str| find(&root, selector);
    let controls = Controls {
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
    let window = web_sys::window();
    let followed = Rc::new(RefCell::new(Followed {
        controls,
        article: article.clone(),
        window: window.clone(),
        #[cfg(feature = "recommendations")]
        recorded: Recorded::default(),
        #[cfg(feature = "recommendations")]
        article_id,
    }));
    // Passive (gloo's default): none of them cancels its event, and a passive scroll
    // listener never holds scrolling up.
    let on = |target: &EventTarget, kind: &'static str, act: fn(&mut Followed, &Event)| {
        listen(
            &followed,
            target,
            kind,
            EventListenerOptions::default(),
            act,
        )
    };
    let mut listeners = Vec::new();
    if let Some(smaller) = &smaller {
        listeners.push(on(smaller, "click", |f, _| {
            f.resize_text(FontSize::smaller)
        }));
    }
    if let Some(larger) = &larger {
        listeners.push(on(larger, "click", |f, _| f.resize_text(FontSize::larger)));
    }
    // The bar is not drawn here: reading the article's position now would force a layout
    // of the page in the middle of rendering. It is drawn once the browser has laid the
    // article out (the resize observer's first report), and again whenever the article's
    // size changes or the page scrolls.
    let resizes = Resizes::new({
        let followed = followed.clone();
        move || with(&followed, Followed::measure)
    });
    if let Some(resizes) = &resizes {
        resizes.observe(article);
    }
    if let Some(window) = &window {
        listeners.push(on(window, "scroll", |f, _| f.measure()));
    }
    widget.content.attr(READY, "");
    widget.reading = Some(Reading {
        _listeners: listeners,
        _resizes: resizes,
    });
}

/// The reading controls of one article and what they follow: the article element, the
/// window (its height and scroll), and, with recommendations, how far the article has
/// been read, for the reading history.
struct Followed {
    controls: Controls,
    article: Element,
    window: Option<Window>,
    #[cfg(feature = "recommendations")]
    recorded: Recorded,
    #[cfg(feature = "recommendations")]
    article_id: String,
}

impl Followed {
    /// A text size button: the size one `step` further, if there is one, shown and kept;
    /// then the article measured again, as the new size laid it out.
    fn resize_text(&mut self, step: fn(FontSize) -> Option<FontSize>) {
        if let Some(next) = step(self.controls.size) {
            self.controls.size = next;
            self.controls.show_size();
            storage::write(FONT_SIZE_KEY, next.percent());
        }
        self.measure();
    }

    /// Measures the article's top and height and the viewport's height, moves the
    /// progress bar and records how far the article has been read.
    fn measure(&mut self) {
        let rect = self.article.get_bounding_client_rect();
        let (top, height) = (rect.top(), rect.height());
        let viewport = self.window.as_ref().and_then(|w| w.inner_height().ok());
        // 0 where the window cannot say.
        let viewport = viewport.and_then(|h| h.as_f64()).unwrap_or(0.0);
        self.controls.progress.show(top, height, viewport);
        // Every measurement counts, the first layout included: an article that fits on
        // one screen, or is never scrolled, has been read as far as it was in view.
        #[cfg(feature = "recommendations")]
        if let Some(share) = self.recorded.next(seen(top, height, viewport)) {
            let mut history = History::decode(&storage::read(HISTORY_KEY).unwrap_or_default());
            if history.read(&self.article_id, share) {
                storage::write(HISTORY_KEY, &history.encode());
            }
        }
    }
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

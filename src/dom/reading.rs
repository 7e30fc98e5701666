//! Reading comfort in the browser: the text size buttons (the reader's choice kept in
//! `localStorage`), the reading progress bar moved by a passive scroll listener, and the
//! reading history's record of how far the article was read. The numbers come from the
//! core ([`crate::reading`]); this only reads the layout and writes attributes.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ResizeObserver};

use super::mount::Widget;
use super::storage;
use super::tree::{find, Attr};
use crate::reading::font_size::{FontSize, STORAGE_KEY as FONT_SIZE_KEY};
use crate::reading::progress::{percent, scrolled, seen};
use crate::recommend::history::STORAGE_KEY as HISTORY_KEY;
use crate::recommend::History;

#[wasm_bindgen(module = "/src/dom/reading.js")]
extern "C" {
    /// Shows `percent` on the progress bar and its fill (src/dom/reading.js).
    #[wasm_bindgen(js_name = showProgress)]
    fn show_progress(bar: Option<&Element>, fill: Option<&HtmlElement>, percent: u8);
}

/// Reading progress is written to the history in steps of this much (and at the end).
const HISTORY_STEP: f32 = 0.1;

/// Attribute of the widget's root once its controls work; until then (a pre-rendered page
/// without JavaScript) the stylesheet hides them, keeping their space.
const READY: &str = "data-ready";

/// Wires up the text size buttons and the progress bar of the article `article` (an
/// element in the widget's root), and records reading progress of `article_id`.
pub(super) fn follow(widget: &mut Widget, article: &Element, article_id: String) {
    let root = widget.content.clone();
    let find = |selector: &str| find(&root, selector);
    // Everything the listeners share, in one `Rc`.
    let controls = Rc::new(Controls {
        buttons: [find(".aw-smaller"), find(".aw-larger")],
        size: Cell::new(FontSize::decode(
            &storage::read(FONT_SIZE_KEY).unwrap_or_default(),
        )),
        progress: Progress {
            article: article.clone(),
            bar: find(".aw-progress"),
            fill: find(".aw-progress-bar").and_then(|e| e.dyn_into().ok()),
            shown: Cell::new(0),
        },
        root,
    });
    // Not drawn here: reading the article's position now would force a layout of the page
    // in the middle of rendering. The observer draws it once the browser has laid the
    // article out, and again whenever the article's size changes.
    let resizes = on_resize(article, controls.clone());

    controls.show_size(controls.size.get());
    let steps: [fn(FontSize) -> Option<FontSize>; 2] = [FontSize::smaller, FontSize::larger];
    for (button, step) in controls.buttons.iter().zip(steps) {
        let Some(button) = button else { continue };
        let controls = controls.clone();
        widget
            .listeners
            .push(EventListener::new(button, "click", move |_| {
                let Some(next) = step(controls.size.get()) else {
                    return;
                };
                controls.size.set(next);
                controls.show_size(next);
                storage::write(FONT_SIZE_KEY, next.percent());
                controls.progress.show();
            }));
    }

    controls.root.attr(READY, "");
    if let Some(window) = web_sys::window() {
        let recorded = Cell::new(0.0f32);
        widget
            .listeners
            .push(EventListener::new(&window, "scroll", move |_| {
                // The scroll listener keeps the resize observer: both end with the view.
                let _observing = &resizes;
                let progress = &controls.progress;
                progress.show();
                let now = progress.seen();
                let last = recorded.get();
                if now < last + HISTORY_STEP && !(now >= 1.0 && last < 1.0) {
                    return;
                }
                recorded.set(now);
                let mut history = History::decode(&storage::read(HISTORY_KEY).unwrap_or_default());
                if history.read(&article_id, now) {
                    storage::write(HISTORY_KEY, &history.encode());
                }
            }));
    }
}

/// The reading controls of one article: the widget's root, the text size buttons (smaller,
/// larger), the size chosen and the progress bar.
struct Controls {
    root: Element,
    buttons: [Option<Element>; 2],
    size: Cell<FontSize>,
    progress: Progress,
}

impl Controls {
    /// Shows text size `size` on the root and disables the button that cannot go further
    /// (`aria-disabled`, so it keeps keyboard focus).
    fn show_size(&self, size: FontSize) {
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

/// A resize observer and its callback; dropping it stops observing.
struct Resizes {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Drop for Resizes {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Shows `progress` whenever `article` is laid out at a new size, the first time included:
/// in a `ResizeObserver` callback the layout is fresh, so reading it forces nothing. The bar
/// never changes the article's size, so drawing it does not call the observer again.
fn on_resize(article: &Element, controls: Rc<Controls>) -> Option<Resizes> {
    let callback = Closure::<dyn FnMut(Array)>::new(move |_: Array| controls.progress.show());
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(article);
    Some(Resizes {
        observer,
        _callback: callback,
    })
}

/// The progress bar and the article it measures.
struct Progress {
    article: Element,
    bar: Option<Element>,
    fill: Option<HtmlElement>,
    /// The percentage on show, so the DOM is written only when it changes.
    shown: Cell<u8>,
}

impl Progress {
    /// The article's top and height and the viewport's height.
    fn measure(&self) -> (f64, f64, f64) {
        let rect = self.article.get_bounding_client_rect();
        let viewport = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        (rect.top(), rect.height(), viewport)
    }

    /// Moves the bar to the current position.
    fn show(&self) {
        let (top, height, viewport) = self.measure();
        let now = percent(scrolled(top, height, viewport));
        if now == self.shown.get() {
            return;
        }
        self.shown.set(now);
        show_progress(self.bar.as_ref(), self.fill.as_ref(), now);
    }

    /// How much of the article has been in view, for the reading history.
    fn seen(&self) -> f32 {
        let (top, height, viewport) = self.measure();
        seen(top, height, viewport) as f32
    }
}

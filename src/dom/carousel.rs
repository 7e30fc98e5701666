//! The carousel in the page (WAI-ARIA carousel pattern) over a native CSS scroll-snap
//! track: previous/next buttons, picker dots, "3 of 8" slide labels, off-screen slides
//! made `inert`, and optional autoplay that hover and focus stop (until the rotation
//! control), a hidden tab and being off screen pause, and `prefers-reduced-motion` rules
//! out. The markup comes from [`crate::view::feed`] and the rules from
//! [`crate::carousel`]; this module only measures, listens and writes attributes.
//!
//! Measuring (how many slides fit in a view) waits for the browser's own layout: the
//! carousels on the page are measured together in one `ResizeObserver` callback
//! (src/dom/carousel.js), all reads before all writes, so rendering never forces a
//! synchronous layout.

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

use super::tree::{append, find, new_element, Attr, Tree};
use super::wired::{Report, Wired};
use crate::carousel::{per_view_for, Carousel, Options};
use crate::i18n::Locale;

/// How often the autoplay timer checks whether to advance.
const TICK_MS: u32 = 250;

/// What the carousel reacts to, as `wireCarousel` in src/dom/carousel.js reports it
/// (each with a value: see there).
mod event {
    pub const PREV: u32 = 0;
    pub const NEXT: u32 = 1;
    pub const DOT: u32 = 2;
    pub const SCROLLED: u32 = 3;
    pub const ENGAGED: u32 = 4;
    pub const HIDDEN: u32 = 5;
    pub const ROTATE: u32 = 6;
    pub const MOTION: u32 = 7;
    pub const TICK: u32 = 8;
    pub const ON_SCREEN: u32 = 9;
    pub const MEASURE: u32 = 10;
    pub const FIT: u32 = 11;
}

#[wasm_bindgen(module = "/src/dom/carousel.js")]
extern "C" {
    #[wasm_bindgen(js_name = scrollTrack)]
    fn scroll_track(track: &HtmlElement, left: f64, instant: bool);
    #[wasm_bindgen(js_name = wireCarousel)]
    fn wire_carousel(root: &Element, tick_ms: u32, width_of: &Element, report: &Report)
        -> Function;
    /// The distance between the starts of two neighbouring slides of `track` (the width
    /// of a slide alone, 0 without); with `gap`, less a slide's width.
    #[wasm_bindgen(js_name = slidePitch)]
    fn slide_pitch(track: &HtmlElement, gap: bool) -> f64;
    /// Makes the slides of `track` outside `from..to` inert, those inside not.
    #[wasm_bindgen(js_name = inertOutside)]
    fn inert_outside(track: &HtmlElement, from: usize, to: usize);
}

/// A live carousel: dropping it removes its listeners, timer and observer.
pub(crate) type CarouselHandle = Wired;

struct View {
    state: Carousel,
    locale: Locale,
    /// Builds the picker dots.
    doc: Document,
    track: HtmlElement,
    prev: Element,
    next: Element,
    dots: Element,
    rotate: Option<Element>,
    min_slide_width: f64,
    /// How many slides fit in a view, as last measured.
    fits: usize,
}

/// Runs the carousel the view built at `root` (`.aw-carousel` in `section`, see
/// [`crate::view::feed`]): `count` slides, as many per view as fit at `min_slide_width`
/// CSS pixels, rotating every `autoplay_ms` if set. Until the laid-out track is measured
/// (`wireCarousel` reports [`event::MEASURE`] and [`event::FIT`] for every carousel on
/// the page, all reads before all writes, so rendering never forces a synchronous
/// layout), it shows one slide per view. Fails with the selector of a part `root` lacks.
pub(crate) fn carousel(
    tree: &Tree,
    section: &Element,
    root: &Element,
    count: usize,
    locale: Locale,
    min_slide_width: f64,
    autoplay_ms: Option<u64>,
) -> Result<CarouselHandle, &'static str> {
    let part = |selector: &'static str| find(root, selector).ok_or(selector);
    let (track, prev, next, dots) = (
        part(".aw-track")?,
        part(".aw-prev")?,
        part(".aw-next")?,
        part(".aw-dots")?,
    );
    let mut view = View {
        state: Carousel::new(
            count,
            Options {
                wrap: false,
                autoplay_ms,
            },
        ),
        locale,
        doc: tree.doc.clone(),
        prev,
        next,
        dots,
        rotate: find(root, ".aw-rotate"),
        min_slide_width,
        fits: 1,
        track: track.unchecked_into(),
    };
    // The view is its report's own: nothing it does to the page reports back at once
    // (scrolls, observers, timers and focus report later), so no call nests in another.
    let report = Report::new(move |what, value, _: f64, _: f64| view.react(what, value));
    // `wireCarousel` reports whether motion is reduced before it returns, and the view
    // writes its first state then: one slide per view until measured, only attribute
    // writes, no layout read.
    let stop = wire_carousel(
        root,
        if autoplay_ms.is_some() { TICK_MS } else { 0 },
        // As wide as the track, but not sized by it (the header of its section): what
        // the resize observer watches, so that fitting slides never resizes it.
        &find(section, ".aw-section-header").unwrap_or_else(|| root.clone()),
        &report,
    );
    Ok(CarouselHandle {
        stop,
        _report: report,
    })
}

impl View {
    /// Distance between the starts of two neighbouring slides.
    fn pitch(&self) -> f64 {
        slide_pitch(&self.track, false)
    }

    /// How many slides fit in a view of the track as laid out now (reads layout).
    fn fit(&self) -> usize {
        let width = f64::from(self.track.client_width());
        let gap = slide_pitch(&self.track, true);
        per_view_for(width, self.min_slide_width, gap.max(0.0))
            .min(self.state.position().count())
            .max(1)
    }

    /// Reacts to what `wireCarousel` reported (see [`event`]): moves, or changes what
    /// autoplay may do, and writes the result.
    fn react(&mut self, what: u32, value: f64) {
        let on = value != 0.0;
        let autoplay = self.state.autoplay_mut();
        match what {
            event::ENGAGED => autoplay.engaged(),
            event::HIDDEN => autoplay.set_hidden(on),
            event::ROTATE => autoplay.toggle(),
            event::MOTION => autoplay.set_reduced_motion(on),
            event::ON_SCREEN => autoplay.set_on_screen(on),
            event::MEASURE => {
                self.fits = self.fit();
                return;
            }
            // Shows as many slides per view as were found to fit (writes only).
            event::FIT => {
                let _ = self
                    .track
                    .style()
                    .set_property("--aw-per-view", &self.fits.to_string());
                self.state.set_per_view(self.fits);
            }
            event::SCROLLED => {
                if !self.state.sync_scroll(value, self.pitch()) {
                    return;
                }
            }
            _ => {
                // A move: scrolled to (which writes the result too), or nothing to write.
                let moved = match what {
                    event::PREV => self.state.prev(),
                    event::NEXT => self.state.next(),
                    // A dot is its place among the dots (its `data-page`); -1 is none.
                    event::DOT => value >= 0.0 && self.state.go_to_page(value as usize),
                    event::TICK => self.state.tick(value as u64),
                    _ => false,
                };
                if moved {
                    self.scroll();
                }
                return;
            }
        }
        self.update();
    }

    fn scroll(&mut self) {
        let left = self.state.position().scroll_left(self.pitch());
        scroll_track(&self.track, left, self.state.instant_scroll());
        self.update();
    }

    /// Writes the state into the DOM: inert off-screen slides, button states, dots,
    /// rotation label and the live region setting.
    fn update(&mut self) {
        let p = self.state.position();
        let visible = p.visible();
        inert_outside(&self.track, visible.start, visible.end);
        // aria-disabled, not disabled, at an end of the track: a disabled button would drop
        // the focus of a reader who pressed it with the keyboard to reach the end. Pressing
        // it there does nothing (the state refuses the move).
        for (button, off) in [(&self.prev, !p.can_prev()), (&self.next, !p.can_next())] {
            if off {
                button.attr("aria-disabled", "true");
            } else {
                button.unattr("aria-disabled");
            }
        }
        self.track.attr("aria-live", self.state.live());
        if let Some(rotate) = &self.rotate {
            let label = self.state.rotation_label(self.locale);
            if let Some(label) = label {
                rotate.set_text_content(Some(label));
            }
            rotate.flag("hidden", label.is_none());
        }
        let dots = self.state.dots(self.locale);
        if self.dots.child_element_count() as usize != dots.len() {
            self.dots.replace_children_with_node_0();
            for dot in &dots {
                let b = new_element(&self.doc, "button");
                b.attr("class", "aw-dot");
                append(&self.dots, &b);
                b.attr("type", "button");
                b.attr("data-page", &dot.page.to_string());
                b.attr("aria-label", &dot.label);
            }
        }
        let buttons = self.dots.children();
        for dot in &dots {
            if let Some(b) = buttons.item(dot.page as u32) {
                if dot.current {
                    b.attr("aria-current", "true");
                } else {
                    b.unattr("aria-current");
                }
            }
        }
    }
}

//! The carousel in the page (WAI-ARIA carousel pattern) over a native CSS scroll-snap
//! track: previous/next buttons, picker dots, "3 of 8" slide labels, off-screen slides
//! made `inert`, and optional autoplay that hover, focus, a hidden tab, being off screen
//! and `prefers-reduced-motion` all stop. The markup comes from [`crate::view::feed`] and
//! the rules from [`crate::carousel`]; this module only measures, listens and writes
//! attributes.
//!
//! Measuring (how many slides fit in a view) waits for the browser's own layout: the
//! carousels of a feed are measured together in a `ResizeObserver` callback, all reads
//! before all writes, so rendering never forces a synchronous layout.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement, IntersectionObserver, MediaQueryList, ResizeObserver};

use super::tree::{find, Attr, Tree};
use crate::carousel::{per_view_for, Carousel, Options};
use crate::i18n::Locale;

/// How often the autoplay timer checks whether to advance.
const TICK_MS: u32 = 250;

/// An observer of whether the carousel is on screen, with the callback it calls.
type Observer = (IntersectionObserver, Closure<dyn FnMut(bool)>);

#[wasm_bindgen(module = "/src/dom/carousel.js")]
extern "C" {
    #[wasm_bindgen(js_name = scrollTrack)]
    fn scroll_track(track: &HtmlElement, left: f64, instant: bool);
    #[wasm_bindgen(js_name = reducedMotion)]
    fn reduced_motion() -> Option<MediaQueryList>;
    #[wasm_bindgen(js_name = watchOnScreen)]
    fn watch_on_screen(
        root: &Element,
        report: &Closure<dyn FnMut(bool)>,
    ) -> Option<IntersectionObserver>;
}

/// A live carousel: dropping it removes its listeners, timer and observer.
pub(crate) struct CarouselHandle {
    view: Rc<RefCell<View>>,
    _listeners: Vec<EventListener>,
    _timer: Option<Interval>,
    _observer: Option<Observer>,
}

impl Drop for CarouselHandle {
    fn drop(&mut self) {
        if let Some((observer, _)) = &self._observer {
            observer.disconnect();
        }
    }
}

struct View {
    state: Carousel,
    locale: Locale,
    /// Builds the picker dots.
    tree: Tree,
    track: HtmlElement,
    slides: Vec<Element>,
    prev: Element,
    next: Element,
    dots: Element,
    rotate: Option<Element>,
    min_slide_width: f64,
    /// How many slides fit in a view, as last measured.
    fits: usize,
    /// As wide as the track, but not sized by it (the header of its section): what
    /// the resize observer watches, so that fitting slides never resizes what it watches.
    width_of: Element,
    /// `(prefers-reduced-motion: reduce)`, if the browser answers it.
    motion: Option<MediaQueryList>,
}

/// Runs the carousel the view built at `root` (`.aw-carousel` in `section`, see
/// [`crate::view::feed`]): `count` slides, as many per view as fit at `min_slide_width`
/// CSS pixels, rotating every `autoplay_ms` if set. Until [`measuring`] has measured
/// the laid-out track, it shows one slide per view.
pub(crate) fn carousel(
    tree: &Tree,
    section: &Element,
    root: &Element,
    count: usize,
    locale: Locale,
    min_slide_width: f64,
    autoplay_ms: Option<u64>,
) -> Result<CarouselHandle, JsValue> {
    let mut state = Carousel::new(
        count,
        Options {
            wrap: false,
            autoplay_ms,
        },
    );
    let motion = reduced_motion();
    state
        .autoplay_mut()
        .set_reduced_motion(motion.as_ref().is_some_and(|m| m.matches()));

    let (Some(track), Some(prev), Some(next), Some(dots)) = (
        find(root, ".aw-track"),
        find(root, ".aw-prev"),
        find(root, ".aw-next"),
        find(root, ".aw-dots"),
    ) else {
        return Err(JsValue::from_str("carousel"));
    };
    let children = track.children();
    let mut slides = Vec::new();
    for i in 0..children.length() {
        if let Some(slide) = children.item(i) {
            slides.push(slide);
        }
    }
    let view = Rc::new(RefCell::new(View {
        state,
        locale,
        tree: Tree {
            doc: tree.doc.clone(),
            base: String::new(),
        },
        slides,
        prev,
        next,
        dots,
        rotate: find(root, ".aw-rotate"),
        min_slide_width,
        fits: 1,
        width_of: find(section, ".aw-section-header").unwrap_or_else(|| root.clone()),
        track: track.unchecked_into(),
        motion,
    }));

    let on = |target: &web_sys::EventTarget, event: &'static str, f: fn(&mut View, &Event)| {
        let view = view.clone();
        EventListener::new(target, event, move |e| {
            if let Ok(mut v) = view.try_borrow_mut() {
                f(&mut v, e);
            }
        })
    };
    let mut listeners = vec![
        on(&view.borrow().prev, "click", |v, _| {
            if v.state.prev() {
                v.scroll();
            }
        }),
        on(&view.borrow().next, "click", |v, _| {
            if v.state.next() {
                v.scroll();
            }
        }),
        on(&view.borrow().dots, "click", |v, e| {
            // The dot pressed is the view of its place among the dots (its `data-page`).
            let Some(target) = e.target() else {
                return;
            };
            let (dots, target): (_, &JsValue) = (v.dots.children(), target.as_ref());
            for page in 0..dots.length() {
                let is_target = dots.item(page).is_some_and(|dot| {
                    let dot: &JsValue = dot.as_ref();
                    dot == target
                });
                if is_target && v.state.go_to_page(page as usize) {
                    v.scroll();
                }
            }
        }),
        on(&view.borrow().track, "scrollend", |v, _| {
            if v.state
                .sync_scroll(f64::from(v.track.scroll_left()), v.pitch())
            {
                v.update();
            }
        }),
        on(root, "mouseenter", |v, _| {
            v.state.autoplay_mut().set_hovered(true);
            v.update();
        }),
        on(root, "mouseleave", |v, _| {
            v.state.autoplay_mut().set_hovered(false);
            v.update();
        }),
        on(root, "focusin", |v, e| {
            let on_rotate = v
                .rotate
                .as_ref()
                .is_some_and(|r| e.target().is_some_and(|t| r.is_same_node(t.dyn_ref())));
            if !on_rotate {
                v.state.autoplay_mut().focus_entered();
                v.update();
            }
        }),
        on(&tree.doc, "visibilitychange", |v, _| {
            let hidden = v.tree.doc.hidden();
            v.state.autoplay_mut().set_hidden(hidden);
            v.update();
        }),
    ];
    if let Some(rotate) = &view.borrow().rotate {
        listeners.push(on(rotate, "click", |v, _| {
            v.state.autoplay_mut().toggle();
            v.update();
        }));
    }
    if let Some(motion) = &view.borrow().motion {
        listeners.push(on(motion, "change", |v, _| {
            let reduced = v.motion.as_ref().is_some_and(MediaQueryList::matches);
            v.state.autoplay_mut().set_reduced_motion(reduced);
            v.update();
        }));
    }

    let timer = autoplay_ms.map(|_| {
        let view = view.clone();
        Interval::new(TICK_MS, move || {
            if let Ok(mut v) = view.try_borrow_mut() {
                if v.state.tick(js_sys::Date::now() as u64) {
                    v.scroll();
                }
            }
        })
    });
    let observer = autoplay_ms.and_then(|_| {
        let view = view.clone();
        let callback = Closure::<dyn FnMut(bool)>::new(move |on_screen| {
            if let Ok(mut v) = view.try_borrow_mut() {
                v.state.autoplay_mut().set_on_screen(on_screen);
                v.update();
            }
        });
        Some((watch_on_screen(root, &callback)?, callback))
    });

    // One slide per view until measured: only attribute writes here, no layout read.
    view.borrow_mut().update();
    Ok(CarouselHandle {
        view,
        _listeners: listeners,
        _timer: timer,
        _observer: observer,
    })
}

/// Keeps the carousels of a feed measured; dropping it stops observing.
pub(crate) struct Measuring {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Drop for Measuring {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Measures `carousels` once the browser has laid them out, and again whenever their
/// width may have changed: in one `ResizeObserver` callback, every carousel read before
/// any is written, so that no read forces the layout a write of another made stale.
pub(crate) fn measuring(carousels: &[CarouselHandle]) -> Option<Measuring> {
    let mut views = Vec::with_capacity(carousels.len());
    for carousel in carousels {
        views.push(carousel.view.clone());
    }
    let callback = Closure::<dyn FnMut(Array)>::new(move |_: Array| {
        for view in &views {
            if let Ok(mut v) = view.try_borrow_mut() {
                v.fits = v.fit();
            }
        }
        for view in &views {
            if let Ok(mut v) = view.try_borrow_mut() {
                v.show_fitting();
            }
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    for carousel in carousels {
        observer.observe(&carousel.view.borrow().width_of);
    }
    Some(Measuring {
        observer,
        _callback: callback,
    })
}

impl View {
    /// Distance between the starts of two neighbouring slides.
    fn pitch(&self) -> f64 {
        match (self.slides.first(), self.slides.get(1)) {
            (Some(a), Some(b)) => {
                let (a, b) = (
                    a.unchecked_ref::<HtmlElement>(),
                    b.unchecked_ref::<HtmlElement>(),
                );
                f64::from(b.offset_left() - a.offset_left())
            }
            (Some(a), None) => f64::from(a.unchecked_ref::<HtmlElement>().offset_width()),
            _ => 0.0,
        }
    }

    /// How many slides fit in a view of the track as laid out now (reads layout).
    fn fit(&self) -> usize {
        let width = f64::from(self.track.client_width());
        let gap = self.pitch()
            - self.slides.first().map_or(0.0, |s| {
                f64::from(s.unchecked_ref::<HtmlElement>().offset_width())
            });
        per_view_for(width, self.min_slide_width, gap.max(0.0))
            .min(self.slides.len())
            .max(1)
    }

    /// Shows as many slides per view as [`View::fit`] last found fit (writes only).
    fn show_fitting(&mut self) {
        let _ = self
            .track
            .style()
            .set_property("--aw-per-view", &self.fits.to_string());
        self.state.set_per_view(self.fits);
        self.update();
    }

    fn scroll(&mut self) {
        let left = self.state.position().scroll_left(self.pitch());
        scroll_track(&self.track, left, self.state.scroll_behavior() == "instant");
        self.update();
    }

    /// Writes the state into the DOM: inert off-screen slides, button states, dots,
    /// rotation label and the live region setting.
    fn update(&mut self) {
        let p = self.state.position();
        for (i, slide) in self.slides.iter().enumerate() {
            slide.flag("inert", !p.is_visible(i));
        }
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
                let b = self.tree.child(&self.dots, "button", "aw-dot");
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

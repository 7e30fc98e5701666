//! The carousel in the page (WAI-ARIA carousel pattern) over a native CSS scroll-snap
//! track: previous/next buttons, picker dots, "3 of 8" slide labels, off-screen slides
//! made `inert`, and optional autoplay that hover and focus stop (until the rotation
//! control), a hidden tab and being off screen pause, and `prefers-reduced-motion` rules
//! out. The markup comes from [`crate::view::feed`] and the rules from
//! [`crate::carousel`]; this module only measures, listens and writes attributes.
//!
//! Each carousel's view is shared by its gloo listeners, its autoplay `Interval` and its
//! on-screen `IntersectionObserver` (`Rc<RefCell<View>>`), all held by its
//! [`CarouselHandle`], which removes them when dropped.
//!
//! Measuring (how many slides fit in a view) waits for the browser's own layout: the
//! carousels on the page are measured together in one `ResizeObserver` callback (the
//! page's registry, [`MEASURED`]), all reads before all writes, so rendering never forces
//! a synchronous layout.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::{Interval, Timeout};
use js_sys::{Array, Date, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, Event, EventTarget, HtmlElement, IntersectionObserver,
    IntersectionObserverEntry, MediaQueryList,
};

use super::resize::Resizes;
use super::shared::{listen, with};
use super::tree::{append, find, new_element, place_holding, Attr, Tree};
use crate::carousel::{per_view_for, Carousel, Options};
use crate::i18n::Locale;

/// How often the autoplay timer checks whether to advance.
const TICK_MS: u32 = 250;

/// How long the track must be still to count as scrolled to its end, where the browser
/// has no `scrollend` event.
const SCROLL_QUIET_MS: u32 = 150;

#[wasm_bindgen(module = "/src/dom/carousel.js")]
extern "C" {
    /// Scrolls `track` to `left` CSS pixels, at once (`instant`) or smoothly.
    #[wasm_bindgen(js_name = scrollTrack)]
    fn scroll_track(track: &HtmlElement, left: f64, instant: bool);
    /// The distance between the starts of two neighbouring slides of `track` (the width
    /// of a slide alone, 0 without); with `gap`, less a slide's width.
    #[wasm_bindgen(js_name = slidePitch)]
    fn slide_pitch(track: &HtmlElement, gap: bool) -> f64;
    /// Makes the slides of `track` outside `from..to` inert, those inside not.
    #[wasm_bindgen(js_name = inertOutside)]
    fn inert_outside(track: &HtmlElement, from: usize, to: usize);
}

/// What the carousel reacts to, from its listeners, timer and observer. What the view
/// can read itself when it reacts (the track's scroll position, whether the tab is hidden
/// or motion reduced) it reads then, as the event's own handler did.
enum Input {
    /// The previous button was pressed.
    Prev,
    /// The next button was pressed.
    Next,
    /// A click among the picker dots: the place of the dot hit (its page), if one was.
    Dot(Option<usize>),
    /// The track's scroll ended (`scrollend`, or no `scroll` event for
    /// [`SCROLL_QUIET_MS`] where the browser has no `scrollend`).
    Scrolled,
    /// The pointer or focus entered the carousel (focus on the rotation button aside).
    Engaged,
    /// The tab was hidden or shown (`visibilitychange`).
    Visibility,
    /// The rotation button was pressed.
    Rotate,
    /// Reduced motion was turned on or off; also once as wiring ends.
    Motion,
    /// The autoplay timer, at the time given (milliseconds since the epoch).
    Tick(u64),
    /// The carousel came on screen (`true`) or went off it.
    OnScreen(bool),
}

/// A live carousel: its view and everything that reports to it. Dropping it removes its
/// listeners, stops its timer, disconnects its on-screen observer and takes it out of the
/// carousels measured on resize.
pub(crate) struct CarouselHandle {
    view: Rc<RefCell<View>>,
    /// The element whose resizes measure the carousel (its section's header).
    watched: Element,
    /// The buttons', dots', track's, pointer's, focus's, tab's and reduced motion's.
    _listeners: Vec<EventListener>,
    /// With autoplay: its timer, and the observer of whether the carousel is on screen
    /// (where the browser has one).
    _autoplay: Option<(Interval, Option<OnScreen>)>,
}

impl Drop for CarouselHandle {
    fn drop(&mut self) {
        unwatch(&self.watched, &self.view);
    }
}

/// One carousel's state and the parts of the page it writes to: shared by its listeners,
/// timer and observers, and by the page's measuring.
struct View {
    state: Carousel,
    locale: Locale,
    /// Builds the picker dots, and says whether the tab is hidden.
    doc: Document,
    track: HtmlElement,
    prev: Element,
    next: Element,
    dots: Element,
    rotate: Option<Element>,
    /// `(prefers-reduced-motion: reduce)`, where the browser answers media queries.
    motion: Option<MediaQueryList>,
    min_slide_width: f64,
    /// How many slides fit in a view, as last measured.
    fits: usize,
}

/// Runs the carousel the view built at `root` (`.aw-carousel` in `section`, see
/// [`crate::view::feed`]): `count` slides, as many per view as fit at `min_slide_width`
/// CSS pixels, rotating every `autoplay_ms` if set. Until the laid-out track is measured
/// (with every carousel on the page, all reads before all writes, see [`MEASURED`]), it
/// shows one slide per view. Fails with the selector of a part `root` lacks.
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
    // No media queries here: motion is not reduced.
    let motion = web_sys::window()
        .and_then(|window| window.match_media("(prefers-reduced-motion: reduce)").ok())
        .flatten();
    let view = Rc::new(RefCell::new(View {
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
        motion,
        min_slide_width,
        fits: 1,
        track: track.unchecked_into(),
    }));
    let listeners = listeners(&view, root);
    let autoplay = autoplay_ms.map(|_| (tick(&view), OnScreen::watch(&view, root)));
    // As wide as the track, but not sized by it (the header of its section): what the
    // resize observer watches, so that fitting slides never resizes it.
    let watched = find(section, ".aw-section-header").unwrap_or_else(|| root.clone());
    watch(&watched, &view);
    // Wiring ends by reading whether motion is reduced, and the view writes its first
    // state then: one slide per view until measured, only attribute writes, no layout
    // read.
    deliver(&view, Input::Motion);
    Ok(CarouselHandle {
        view,
        watched,
        _listeners: listeners,
        _autoplay: autoplay,
    })
}

/// The listeners of the carousel at `root` (its parts already in the view): buttons,
/// dots, the track's scroll end, the pointer and focus entering, the tab's visibility and
/// reduced motion.
fn listeners(view: &Rc<RefCell<View>>, root: &Element) -> Vec<EventListener> {
    // In the bubbling phase and not passive, as a plain `addEventListener` listens (none
    // of them cancels its event).
    let on = |target: &EventTarget, kind: &'static str, act: fn(&mut View, &Event)| {
        listen(
            view,
            target,
            kind,
            EventListenerOptions::enable_prevent_default(),
            act,
        )
    };
    let v = view.borrow();
    let track: &EventTarget = &v.track;
    let mut all = vec![
        on(&v.prev, "click", |v, _| v.react(Input::Prev)),
        on(&v.next, "click", |v, _| v.react(Input::Next)),
        on(&v.dots, "click", |v, event| {
            let dot = v.dot(event);
            v.react(Input::Dot(dot));
        }),
        if Reflect::has(track, &JsValue::from_str("onscrollend")).unwrap_or(false) {
            on(track, "scrollend", |v, _| v.react(Input::Scrolled))
        } else {
            scroll_quiet(view, track)
        },
        on(root, "mouseenter", |v, _| v.react(Input::Engaged)),
        on(root, "focusin", |v, event| {
            if !v.on_rotate(event) {
                v.react(Input::Engaged);
            }
        }),
        on(&v.doc, "visibilitychange", |v, _| {
            v.react(Input::Visibility)
        }),
    ];
    if let Some(rotate) = &v.rotate {
        all.push(on(rotate, "click", |v, _| v.react(Input::Rotate)));
    }
    if let Some(motion) = &v.motion {
        all.push(on(motion, "change", |v, _| v.react(Input::Motion)));
    }
    all
}

/// Passes `input` to the view, unless it is busy (see [`with`]).
fn deliver(view: &RefCell<View>, input: Input) {
    with(view, |view| view.react(input));
}

/// Where the browser has no `scrollend` (e.g. Safari 18): the track's scroll has ended
/// once no `scroll` event came for [`SCROLL_QUIET_MS`]. The pending timer lives in the
/// listener, so removing the listener cancels it too.
fn scroll_quiet(view: &Rc<RefCell<View>>, track: &EventTarget) -> EventListener {
    let view = view.clone();
    let mut quiet: Option<Timeout> = None;
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(track, "scroll", options, move |_| {
        let view = view.clone();
        let timer = Timeout::new(SCROLL_QUIET_MS, move || deliver(&view, Input::Scrolled));
        // The timer replaced, if any, is dropped, which cancels it.
        drop(quiet.replace(timer));
    })
}

/// The autoplay timer: every [`TICK_MS`], the time, for the view to decide whether to
/// advance.
fn tick(view: &Rc<RefCell<View>>) -> Interval {
    let view = view.clone();
    Interval::new(TICK_MS, move || {
        deliver(&view, Input::Tick(Date::now() as u64))
    })
}

/// The `IntersectionObserver` that tells an autoplaying carousel whether it is on
/// screen, with the closure it calls: dropping it disconnects the observer, then drops
/// the closure.
struct OnScreen {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl OnScreen {
    /// Watches `root` for `view`; `None` where the browser has no `IntersectionObserver`.
    fn watch(view: &Rc<RefCell<View>>, root: &Element) -> Option<Self> {
        let view = view.clone();
        let callback = Closure::wrap(Box::new(move |entries: Array| {
            let on_screen = entries.iter().any(|entry| {
                entry
                    .unchecked_into::<IntersectionObserverEntry>()
                    .is_intersecting()
            });
            deliver(&view, Input::OnScreen(on_screen));
        }) as Box<dyn FnMut(Array)>);
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(root);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for OnScreen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

thread_local! {
    /// The page's registry of carousels measured on resize: their views, and the one
    /// `ResizeObserver` that watches an element for each (its section's header). There
    /// while any carousel of any widget on the page is; `None` before the first, after
    /// the last, and where the browser has no `ResizeObserver`.
    static MEASURED: RefCell<Option<Measured>> = const { RefCell::new(None) };
}

/// The carousels measured together, and the observer that tells them when.
struct Measured {
    resizes: Resizes,
    views: Vec<Rc<RefCell<View>>>,
}

/// Adds the carousel of `view` to those measured whenever `watched` (or any other
/// watched element) is laid out at a new size, the first time included; the first
/// carousel starts the page's observer.
fn watch(watched: &Element, view: &Rc<RefCell<View>>) {
    MEASURED.with(|measured| {
        let mut measured = measured.borrow_mut();
        if measured.is_none() {
            *measured = Resizes::new(measure_all).map(|resizes| Measured {
                resizes,
                views: Vec::new(),
            });
        }
        if let Some(measured) = measured.as_mut() {
            measured.views.push(view.clone());
            measured.resizes.observe(watched);
        }
    });
}

/// Takes the carousel of `view` (watched at `watched`) out of those measured; the last
/// one disconnects the page's observer.
fn unwatch(watched: &Element, view: &Rc<RefCell<View>>) {
    let last = MEASURED.with(|measured| {
        let mut measured = measured.borrow_mut();
        let each = measured.as_mut()?;
        each.views.retain(|other| !Rc::ptr_eq(other, view));
        each.resizes.unobserve(watched);
        if each.views.is_empty() {
            measured.take()
        } else {
            None
        }
    });
    // Dropped outside the registry's borrow: disconnects the observer.
    drop(last);
}

/// The observer's report: every carousel on the page reads its laid-out track, then
/// every one shows what it read, so that no read follows a write (the layout is fresh in
/// a `ResizeObserver` callback, and reading it there forces nothing). The views are
/// taken from the registry first, so that nothing here holds its borrow.
fn measure_all() {
    let views = MEASURED.with(|measured| {
        let measured = measured.try_borrow().ok();
        measured.and_then(|m| m.as_ref().map(|m| m.views.clone()))
    });
    let views = views.unwrap_or_default();
    for view in &views {
        if let Ok(mut view) = view.try_borrow_mut() {
            view.measure();
        }
    }
    for view in &views {
        if let Ok(mut view) = view.try_borrow_mut() {
            view.fit();
        }
    }
}

impl View {
    /// Distance between the starts of two neighbouring slides.
    fn pitch(&self) -> f64 {
        slide_pitch(&self.track, false)
    }

    /// How many slides fit in a view of the track as laid out now (reads layout).
    fn fitting(&self) -> usize {
        let width = f64::from(self.track.client_width());
        let gap = slide_pitch(&self.track, true);
        per_view_for(width, self.min_slide_width, gap.max(0.0))
            .min(self.state.position().count())
            .max(1)
    }

    /// Reads how many slides fit in a view, for [`View::fit`] to show (reads only).
    fn measure(&mut self) {
        self.fits = self.fitting();
    }

    /// Shows as many slides per view as were found to fit (writes only).
    fn fit(&mut self) {
        let _ = self
            .track
            .style()
            .set_property("--aw-per-view", &self.fits.to_string());
        self.state.set_per_view(self.fits);
        self.update();
    }

    /// The place among the picker dots of the one `event` (a click) hit: its page.
    fn dot(&self, event: &Event) -> Option<usize> {
        // A node: only events of nodes under the dots reach their listener.
        let target = event.target()?;
        place_holding(&self.dots, target.unchecked_ref()).map(|place| place as usize)
    }

    /// Whether `event` happened on the rotation button: focus there is the reader
    /// reaching for the button, not engaging with the slides.
    fn on_rotate(&self, event: &Event) -> bool {
        let target = event.target().map(JsValue::from);
        let rotate = self.rotate.as_ref().map(AsRef::<JsValue>::as_ref);
        rotate.is_some() && target.as_ref() == rotate
    }

    /// Reacts to `input`: moves, or changes what autoplay may do, and writes the result.
    fn react(&mut self, input: Input) {
        let autoplay = self.state.autoplay_mut();
        match input {
            Input::Engaged => autoplay.engaged(),
            Input::Visibility => autoplay.set_hidden(self.doc.hidden()),
            Input::Rotate => autoplay.toggle(),
            Input::Motion => {
                autoplay.set_reduced_motion(self.motion.as_ref().is_some_and(|m| m.matches()))
            }
            Input::OnScreen(on) => autoplay.set_on_screen(on),
            Input::Scrolled => {
                // A whole number of pixels (web-sys reads `scrollLeft` as an `i32`).
                let left = f64::from(self.track.scroll_left());
                if !self.state.sync_scroll(left, self.pitch()) {
                    return;
                }
            }
            Input::Prev | Input::Next | Input::Dot(_) | Input::Tick(_) => {
                // A move: scrolled to (which writes the result too), or nothing to write.
                let moved = match input {
                    Input::Prev => self.state.prev(),
                    Input::Next => self.state.next(),
                    Input::Dot(place) => place.is_some_and(|page| self.state.go_to_page(page)),
                    Input::Tick(now_ms) => self.state.tick(now_ms),
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

//! Loading the recommendations feed after the article and keeping its sections live:
//! a feed that cannot be read shows one error panel with a retry, a section the feed got
//! wrong shows its own in its place while the others render, neither ever over the
//! article, each announced once per load; and "clear reading history" re-ranks the
//! personalised sections at once.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event};

use super::carousel::CarouselHandle;
use super::events;
use super::feed::{sections, Faults, Slots};
use super::focus::focus;
use super::mount::{with_current, Widget};
use super::status;
use super::storage;
use super::tree::{find, place_holding, Tree};
use crate::i18n::Locale;
use crate::model::{validate_feed, Feed};
use crate::net::error::LoadError;
use crate::net::fetch::{get_document, Early};
use crate::recommend::history::STORAGE_KEY as HISTORY_KEY;
use crate::recommend::{History, Story};
use crate::view::feed::Context;

/// The recommendation sections of one widget.
#[derive(Default)]
pub(crate) struct Recommendations {
    slots: Option<Slots>,
    /// Feed URL as given, and the URL it is relative to.
    source: Option<(String, String)>,
    /// The feed's GET, started while the article was drawn; taken by the first load.
    early: Option<Early>,
    /// The loaded feed, the URL its relative URLs resolve against, and the URL requested.
    feed: Option<(Feed, String, String)>,
    /// The live carousels of the sections on show.
    carousels: Vec<CarouselHandle>,
    /// The retry buttons' (the feed's error panel, refused sections).
    listeners: Vec<EventListener>,
    /// Clicks on the "clear history" buttons of the sections under the article: one
    /// listener on their slot, kept while the sections are rendered again.
    clear: Option<EventListener>,
}

/// The class of the "clear history" buttons (see [`crate::view::feed::SectionView`]).
const CLEAR_HISTORY: &str = "aw-clear-history";

impl Recommendations {
    /// Sections to be loaded from `url` (relative to `base`) into `slots`, the first time
    /// from the request `early` if given (see [`crate::net::fetch::prefetch`]).
    pub(crate) fn new(slots: Slots, url: String, base: String, early: Option<Early>) -> Self {
        Self {
            slots: Some(slots),
            source: Some((url, base)),
            early,
            ..Self::default()
        }
    }
}

fn locale(widget: &Widget) -> Locale {
    let article_lang = widget.article.as_ref().map(|a| a.0.lang.as_str());
    Locale::from_tag(
        widget
            .settings
            .lang
            .as_deref()
            .or(article_lang)
            .unwrap_or("zh-CN"),
    )
}

/// Loads the feed of widget `id` (while it still shows load `generation`) and renders it.
pub(crate) async fn load(id: u32, generation: u32) {
    let mut request = None;
    on_widget(id, generation, &mut |w| {
        let policy = w.settings.retry_policy();
        let early = w.recommendations.early.take();
        request = w
            .recommendations
            .source
            .clone()
            .map(|source| (source, policy, early));
    });
    let Some(((url, base), policy, early)) = request else {
        return;
    };
    let result = get_document(&url, &base, policy, early.as_ref()).await;
    // Validated only if the widget still shows this load (nothing to show it in otherwise).
    on_widget(id, generation, &mut |w| {
        let _ = match &result {
            Ok(document) => match validate_feed(&document.value) {
                Ok(feed) => {
                    let (base, url) = (document.url.clone(), document.requested.clone());
                    w.recommendations.feed = Some((feed, base, url));
                    render(id, generation, w).map(|faults| announce(w, &faults))
                }
                Err(source) => {
                    let error = LoadError::Model {
                        url: document.requested.clone(),
                        source,
                    };
                    show_error(id, generation, w, &error)
                }
            },
            Err(error) => show_error(id, generation, w, error),
        };
    });
}

/// [`with_current`] through one `dyn` closure: one copy of it in the wasm for the three
/// uses here, not one per closure.
fn on_widget(id: u32, generation: u32, f: &mut dyn FnMut(&mut Widget)) {
    with_current(id, generation, f);
}

fn clear_slots(slots: &Slots) {
    for slot in [&slots.lead, &slots.main, &slots.aside] {
        slot.replace_children_with_node_0();
    }
}

/// Draws the loaded feed's sections (again) and wires them; returns what the feed got
/// wrong, for the caller to announce (once per load, not at each redraw).
fn render(id: u32, generation: u32, w: &mut Widget) -> Result<Faults, JsValue> {
    let locale = locale(w);
    let doc = w.document()?;
    let recs = &mut w.recommendations;
    recs.carousels.clear();
    recs.listeners.clear();
    let (Some(slots), Some(feed), Some(article)) = (&recs.slots, &recs.feed, &w.article) else {
        return Ok(Faults::default());
    };
    clear_slots(slots);
    let tree = Tree {
        doc,
        base: feed.1.clone(),
    };
    let history = History::decode(&storage::read(HISTORY_KEY).unwrap_or_default());
    let cx = Context {
        current: Story::from(&article.0),
        history: &history,
        now_ms: js_sys::Date::now() as u64,
        locale,
        autoplay: w.settings.autoplay_ms.is_some(),
    };
    let rendered = sections(&tree, slots, &feed.0, &feed.2, &cx, w.settings.autoplay_ms);
    for retry in &rendered.retries {
        recs.listeners.push(on_click(retry, id, generation, reload));
    }
    recs.carousels = rendered.carousels;
    if recs.clear.is_none() {
        recs.clear = Some(on_click(&slots.main, id, generation, clear_history));
    }
    Ok(rendered.faults)
}

/// Announces each of `faults` of the feed on show as `article-widget:error`.
fn announce(w: &Widget, faults: &Faults) {
    let Some((_, _, url)) = &w.recommendations.feed else {
        return;
    };
    for error in &faults.refused {
        events::load_error(&w.host, error, "feed");
    }
    for &(index, missing) in &faults.unwired {
        let field = ["sections[", &index.to_string(), "]"].concat();
        let message = [
            &field,
            ": the carousel has no ",
            missing,
            "; it scrolls without its controls",
        ]
        .concat();
        let detail = [
            ("url", Some(url.as_str())),
            ("message", Some(&message)),
            ("field", Some(&field)),
            ("part", Some("feed")),
        ];
        events::emit(&w.host, "error", &detail);
    }
}

/// A click listener on `target` that runs `f` with the click on widget `id` while it
/// shows load `generation`: one listener type for the feed's buttons.
fn on_click(
    target: &Element,
    id: u32,
    generation: u32,
    f: fn(u32, u32, &mut Widget, &Event),
) -> EventListener {
    // Not passive, as a plain `addEventListener` listens (neither cancels its event).
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(target, "click", options, move |event| {
        on_widget(id, generation, &mut |w| f(id, generation, w, event));
    })
}

/// The place, among the children of the element listening (the slot), of the section
/// whose "clear history" button `event` (a click) is on; `None` for a click elsewhere.
fn clear_button_place(event: &Event) -> Option<u32> {
    // Not necessarily an element: a page may dispatch a click at a text node.
    let target: Element = event.target()?.dyn_into().ok()?;
    // The slot the listener is on.
    let slot: Element = event.current_target()?.unchecked_into();
    // The class attribute is the whole class name, as `className` says it.
    if target.get_attribute("class")? != CLEAR_HISTORY {
        return None;
    }
    place_holding(&slot, &target)
}

/// A click under the article: on a "clear history" button (see
/// [`crate::view::feed::SectionView`]) of the section at its place in the slot, forgets
/// the history and ranks again.
fn clear_history(id: u32, generation: u32, w: &mut Widget, event: &Event) {
    let Some(place) = clear_button_place(event) else {
        return;
    };
    storage::write(HISTORY_KEY, &History::new().encode());
    // The feed's faults were announced when it loaded.
    let _ = render(id, generation, w);
    // The button is gone with the history: focus goes to the heading of its section (at
    // the same place once rendered again), not back to the top of the page.
    let slots = w.recommendations.slots.as_ref();
    let section = slots.and_then(|s| s.main.children().item(place));
    if let Some(heading) = section.and_then(|s| find(&s, ".aw-section-title")) {
        focus(&heading);
    }
}

fn show_error(id: u32, generation: u32, w: &mut Widget, error: &LoadError) -> Result<(), JsValue> {
    let locale = locale(w);
    let doc = w.document()?;
    let recs = &mut w.recommendations;
    recs.carousels.clear();
    recs.listeners.clear();
    let Some(slots) = &recs.slots else {
        return Ok(());
    };
    clear_slots(slots);
    events::load_error(&w.host, error, "feed");
    let tree = Tree {
        doc,
        base: String::new(),
    };
    let retry = status::error(
        &tree,
        &slots.aside,
        locale.feed_strings().error_heading,
        locale.strings().retry,
        error,
    )?;
    recs.listeners
        .push(on_click(&retry, id, generation, reload));
    Ok(())
}

/// A click on a retry button: loads the feed again.
fn reload(id: u32, generation: u32, _: &mut Widget, _: &Event) {
    wasm_bindgen_futures::spawn_local(load(id, generation));
}

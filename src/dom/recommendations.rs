//! Loading the recommendations feed after the article and keeping its sections live:
//! an error in the feed shows in its own panel with a retry, never over the article, and
//! "clear reading history" re-ranks the personalised sections at once.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::events;
use super::feed::{sections, Rendered, Slots};
use super::focus::focus;
use super::mount::{with_current, Widget};
use super::status;
use super::storage;
use super::tree::{find, Tree};
use crate::i18n::Locale;
use crate::model::{validate_feed, Feed};
use crate::net::error::LoadError;
use crate::net::fetch::get_document;
use crate::net::retry::RetryPolicy;
use crate::recommend::history::STORAGE_KEY as HISTORY_KEY;
use crate::recommend::{History, Story};
use crate::view::feed::Context;

/// The recommendation sections of one widget.
#[derive(Default)]
pub(crate) struct Recommendations {
    slots: Option<Slots>,
    /// Feed URL as given, and the URL it is relative to.
    source: Option<(String, String)>,
    /// The loaded feed and the URL its relative URLs resolve against.
    feed: Option<Rc<(Feed, String)>>,
    rendered: Option<Rendered>,
    listeners: Vec<EventListener>,
}

impl Recommendations {
    /// Sections to be loaded from `url` (relative to `base`) into `slots`.
    pub(crate) fn new(slots: Slots, url: String, base: String) -> Self {
        Self {
            slots: Some(slots),
            source: Some((url, base)),
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
        let mut policy = RetryPolicy::default();
        if let Some(ms) = w.settings.timeout_ms {
            policy.timeout_ms = ms;
        }
        request = w
            .recommendations
            .source
            .clone()
            .map(|source| (source, policy));
    });
    let Some(((url, base), policy)) = request else {
        return;
    };
    let result = match get_document(&url, &base, policy, None).await {
        Ok(document) => validate_feed(&document.value)
            .map(|feed| (feed, document.url))
            .map_err(|source| LoadError::Model {
                url: document.requested,
                source,
            }),
        Err(error) => Err(error),
    };
    let mut result = Some(result);
    on_widget(id, generation, &mut |w| {
        let _ = match result.take() {
            Some(Ok(feed)) => {
                w.recommendations.feed = Some(Rc::new(feed));
                render(id, generation, w)
            }
            Some(Err(error)) => show_error(id, generation, w, &error),
            None => Ok(()),
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

fn render(id: u32, generation: u32, w: &mut Widget) -> Result<(), JsValue> {
    let locale = locale(w);
    let doc = w.document()?;
    let recs = &mut w.recommendations;
    recs.rendered = None;
    recs.listeners.clear();
    let (Some(slots), Some(feed), Some(article)) = (&recs.slots, &recs.feed, &w.article) else {
        return Ok(());
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
    let rendered = sections(&tree, slots, &feed.0, &cx, w.settings.autoplay_ms)?;
    for (button, heading) in &rendered.clear_buttons {
        let heading = heading.clone();
        recs.listeners
            .push(EventListener::new(button, "click", move |_| {
                storage::write(HISTORY_KEY, &History::new().encode());
                let heading = heading.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    on_widget(id, generation, &mut |w| {
                        let _ = render(id, generation, w);
                        // The button is gone with the history: focus goes to the heading
                        // of its section, not back to the top of the page.
                        if let Some(heading) = heading_of(w, &heading) {
                            focus(&heading);
                        }
                    });
                });
            }));
    }
    recs.rendered = Some(rendered);
    Ok(())
}

/// The rendered section heading whose `id` is `id` (see [`crate::view::feed::SectionView`]).
fn heading_of(w: &Widget, id: &str) -> Option<Element> {
    let slots = w.recommendations.slots.as_ref()?;
    let selector = format!("#{id}");
    [&slots.lead, &slots.main, &slots.aside]
        .into_iter()
        .find_map(|slot| find(slot, &selector))
}

fn show_error(id: u32, generation: u32, w: &mut Widget, error: &LoadError) -> Result<(), JsValue> {
    let locale = locale(w);
    let doc = w.document()?;
    let recs = &mut w.recommendations;
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
        .push(EventListener::new(&retry, "click", move |_| {
            wasm_bindgen_futures::spawn_local(load(id, generation));
        }));
    Ok(())
}

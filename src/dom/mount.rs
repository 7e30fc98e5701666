//! The exported entry points: [`mount`] an article into any element's shadow root and
//! [`unmount`] it again. Each widget keeps its own state, so one failing widget never
//! affects another on the same page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node};

#[cfg(feature = "comments")]
use super::comments::{comment_box, prefetch_thread, CommentBox};
use super::events;
#[cfg(feature = "recommendations")]
use super::feed::Slots;
use super::focus::{focus, focused_within};
use super::frame;
use super::reading::{self, Reading};
#[cfg(feature = "recommendations")]
use super::recommendations::{self, Recommendations};
use super::render;
use super::status;
#[cfg(feature = "recommendations")]
use super::storage;
use super::styles;
use super::tree::{append, clear, find, new_element, Attr, Tree};
use super::trusted;
use crate::i18n::overrides::set_overrides;
use crate::i18n::Locale;
use crate::model::{validate, Article, CommentsConfig, Value};
use crate::net::error::LoadError;
#[cfg(feature = "recommendations")]
use crate::net::fetch::prefetch;
use crate::net::fetch::{get_document, Document, Early};
use crate::net::retry::RetryPolicy;
#[cfg(feature = "recommendations")]
use crate::recommend::history::STORAGE_KEY as HISTORY_KEY;
#[cfg(feature = "recommendations")]
use crate::recommend::{History, Story};
use crate::sanitize::url::UrlUse;
use crate::seo::json_ld;
use crate::view::{PRERENDERED, PRERENDERED_ROOT, ROOT_CLASS, STYLE};

/// Property on the host element holding its widget id.
const ID_KEY: &str = "__articleWidgetId";
/// The widget's JSON-LD element among the host element's children.
const JSON_LD: &str = ":scope > script[data-article-widget]";

/// Settings of one widget: options given to `mount`, falling back to the element's attributes.
pub(super) struct Settings {
    src: Option<String>,
    /// Interface language given by the site, overriding the article's.
    pub lang: Option<String>,
    theme: &'static str,
    /// Time limit of each fetch attempt.
    timeout_ms: Option<u32>,
    /// Recommendations feed URL, overriding the article's `feed`.
    #[cfg_attr(not(feature = "recommendations"), allow(dead_code))]
    pub feed: Option<String>,
    /// Carousel autoplay interval; `None` (the default) for no autoplay.
    #[cfg_attr(not(feature = "recommendations"), allow(dead_code))]
    pub autoplay_ms: Option<u64>,
    /// Comment backends given by the site (`comments-backend`, `comments-endpoint`,
    /// `comments-src`), overriding the article's; URLs already absolute.
    #[cfg_attr(not(feature = "comments"), allow(dead_code))]
    pub comments: Option<CommentsConfig>,
    early: Option<Early>,
}

/// One mounted widget and everything it keeps alive.
pub(super) struct Widget {
    pub host: Element,
    pub content: Element,
    pub settings: Settings,
    /// The load whose result may be shown; a load that finds another number here was
    /// superseded (by a retry or a re-mount) and is dropped. Unique across all widgets.
    pub generation: u32,
    /// Listeners of the article view (retry, in-page navigation).
    pub listeners: Vec<EventListener>,
    /// The reading controls (text size, progress bar, history) of the article on show.
    pub reading: Option<Reading>,
    /// The article on show, with the URL its relative URLs resolve against.
    pub article: Option<Rc<(Article, String)>>,
    /// The recommendation sections' state.
    #[cfg(feature = "recommendations")]
    pub recommendations: Recommendations,
    /// The comment section.
    #[cfg(feature = "comments")]
    pub comments: Option<CommentBox>,
}

thread_local! {
    static WIDGETS: RefCell<Vec<(u32, Widget)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static NEXT_GENERATION: Cell<u32> = const { Cell::new(1) };
}

/// Renders the article given by `options.src` (or the element's `src` attribute) into an
/// open shadow root of `element`. Options: `src`, `lang`, `theme` (`light`, `dark`,
/// `auto`), `timeout` (ms), `feed` (recommendations feed URL), `autoplay` (carousel
/// interval in ms; off by default). Mounting an element again re-renders it. An article
/// pre-rendered into the element's shadow root (by `article-widget-render`) stays on show
/// and is taken over, not drawn again, when the loaded data gives the same markup.
#[wasm_bindgen]
pub fn mount(element: &Element, options: &JsValue) -> Result<(), JsValue> {
    let settings = Settings::read(element, options);
    let content = styles::shell(element, STYLE, PRERENDERED_ROOT, ROOT_CLASS)?;

    let id = widget_id(element);
    let widget = Widget {
        host: element.clone(),
        content,
        settings,
        generation: 0,
        listeners: Vec::new(),
        reading: None,
        article: None,
        #[cfg(feature = "recommendations")]
        recommendations: Recommendations::default(),
        #[cfg(feature = "comments")]
        comments: None,
    };
    // A widget mounted again replaces its old entry (the old one dropped after).
    let _replaced = take(id);
    WIDGETS.with(|w| w.borrow_mut().push((id, widget)));
    wasm_bindgen_futures::spawn_local(load(id));
    Ok(())
}

/// Removes the widget from `element`: its content, listeners and pending work.
#[wasm_bindgen]
pub fn unmount(element: &Element) {
    let Some(id) = number(element, ID_KEY) else {
        return;
    };
    if let Some(widget) = take(id as u32) {
        if let Some(root) = widget.host.shadow_root() {
            clear(&root);
        }
        if let Some(script) = find(&widget.host, JSON_LD) {
            script.remove();
        }
    }
}

/// Widget `id` taken out of the list of widgets, if it is there.
fn take(id: u32) -> Option<Widget> {
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let index = widgets.iter().position(|(other, _)| *other == id)?;
        Some(widgets.swap_remove(index).1)
    })
}

/// Replaces interface strings of language `lang` (`zh-CN`, `zh-TW`, `en`) with the site's
/// own, given as `{ "article.retry": "Try again", … }` (an empty object restores the
/// built-in words), and re-renders the widgets on the page. Unknown keys and values that
/// are not text are refused, naming them.
#[wasm_bindgen(js_name = setStrings)]
pub fn set_strings(lang: &str, strings: &JsValue) -> Result<(), JsValue> {
    let Some(Value::Object(entries)) = Value::from_js(strings) else {
        return Err(JsValue::from_str(
            "setStrings: the strings must be an object",
        ));
    };
    let mut pairs = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match value {
            Value::String(text) => pairs.push((key, text)),
            other => {
                return Err(JsValue::from_str(&format!(
                    "setStrings: {key} must be text, found {}",
                    other.kind()
                )))
            }
        }
    }
    set_overrides(Locale::from_tag(lang), pairs)
        .map_err(|error| JsValue::from_str(&format!("setStrings: {error}")))?;
    // A spawned load starts in a later microtask, when this borrow is over.
    WIDGETS.with(|w| {
        for (id, _) in w.borrow().iter() {
            wasm_bindgen_futures::spawn_local(load(*id));
        }
    });
    Ok(())
}

#[wasm_bindgen(module = "/src/dom/settings.js")]
extern "C" {
    /// The widget's settings as the page gives them (src/dom/settings.js): options or else
    /// attributes, blank ones null, comment URLs absolute, then the prefetched response's
    /// URL and promise; in the order [`Settings::read`] takes them.
    #[wasm_bindgen(js_name = readSettings)]
    fn given(options: &JsValue, element: &Element) -> JsValue;
}

impl Settings {
    /// How the widget's documents (article, feed, static comment thread) are fetched: the
    /// default retries, each attempt within the `timeout` given.
    pub fn retry_policy(&self) -> RetryPolicy {
        let mut policy = RetryPolicy::default();
        if let Some(ms) = self.timeout_ms {
            policy.timeout_ms = ms;
        }
        policy
    }

    fn read(element: &Element, options: &JsValue) -> Self {
        let given: js_sys::Array = given(options, element).unchecked_into();
        let given = &given;
        let theme = match text(given, 2).as_deref() {
            Some("dark") => "dark",
            Some("auto") => "auto",
            _ => "light",
        };
        let timeout_ms = match count(given, 3) {
            (Some(ms), _) => Some(ms as u32),
            (None, Some(ms)) => {
                crate::text::number(ms.trim(), 10).and_then(|ms| u32::try_from(ms).ok())
            }
            _ => None,
        }
        .filter(|ms| *ms > 0);
        let autoplay_ms = match count(given, 5) {
            (Some(ms), _) => Some(ms as u64),
            (None, Some(ms)) => crate::text::number(ms.trim(), 10),
            _ => None,
        }
        .filter(|ms| *ms > 0);
        let config = CommentsConfig {
            src: text(given, 6),
            backend: text(given, 7),
            endpoint: text(given, 8),
        };
        let comments =
            (config.src.is_some() || config.backend.is_some() || config.endpoint.is_some())
                .then_some(config);
        Settings {
            src: text(given, 0),
            lang: text(given, 1),
            theme,
            timeout_ms,
            feed: text(given, 4),
            autoplay_ms,
            comments,
            early: text(given, 9).zip(given.get(10).dyn_into::<Promise>().ok()),
        }
    }
}

/// The text at `index` of the settings list, if it is text.
#[inline(never)]
fn text(given: &js_sys::Array, index: u32) -> Option<String> {
    given.get(index).as_string()
}

/// The number at `index` of the settings list if it is a number, else its text if any.
#[inline(never)]
fn count(given: &js_sys::Array, index: u32) -> (Option<f64>, Option<String>) {
    let value = given.get(index);
    (value.as_f64(), value.as_string())
}

impl Widget {
    /// The document the widget lives in, where its nodes are created.
    pub fn document(&self) -> Result<web_sys::Document, JsValue> {
        self.host
            .owner_document()
            .ok_or_else(|| JsValue::from_str("the widget's element has no document"))
    }
}

/// Runs `f` on widget `id` if it still exists and still shows load `generation`. Not
/// generic: one copy in the wasm for every caller.
pub(super) fn with_current(id: u32, generation: u32, f: &mut dyn FnMut(&mut Widget)) {
    WIDGETS.with(|w| {
        let Ok(mut widgets) = w.try_borrow_mut() else {
            return;
        };
        for (other, widget) in widgets.iter_mut() {
            if *other == id && widget.generation == generation {
                f(widget);
                return;
            }
        }
    });
}

/// Property `name` of `object` if it is a number.
#[inline(never)]
fn number(object: &JsValue, name: &str) -> Option<f64> {
    Reflect::get(object, &name.into()).ok()?.as_f64()
}

fn widget_id(element: &Element) -> u32 {
    if let Some(id) = number(element, ID_KEY) {
        return id as u32;
    }
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let _ = Reflect::set(element, &ID_KEY.into(), &JsValue::from(id));
    id
}

/// What a load needs from the widget, copied out so no borrow is held across awaits.
struct Job {
    generation: u32,
    src: Option<String>,
    base: String,
    early: Option<Early>,
    policy: RetryPolicy,
}

/// Loads and shows the article of widget `id`: the JSON read in one task, the article drawn
/// in the next, then, after the browser has painted it, the rest (reading controls,
/// comments, feed) in another, so that no task on the page's main thread runs long.
async fn load(id: u32) {
    let Some(job) = start_job(id) else { return };
    // The fetch awaited here, not in an async function of its own: one state machine.
    let result = match job.src.as_deref() {
        Some(src) => get_document(src, &job.base, job.policy, job.early.as_ref())
            .await
            .and_then(article_of),
        None => Err(LoadError::MissingSrc),
    };
    frame::mark("aw:parsed");
    // Reading the JSON (parse, conversion, validation) and drawing the article each take
    // tens of milliseconds, much of it V8 compiling wasm functions on their first call: two
    // tasks, so that neither runs long.
    let _ = frame::next_task().await;
    let mut result = Some(result);
    let mut rest = None;
    with_current(id, job.generation, &mut |widget: &mut Widget| {
        if let Some(result) = result.take() {
            rest = show(id, widget, &job, result).ok().flatten();
        }
    });
    frame::mark("aw:rendered");
    if rest.is_none() {
        return;
    }
    let _ = frame::after_paint().await;
    with_current(id, job.generation, &mut |widget: &mut Widget| {
        if let Some(rest) = rest.take() {
            finish(id, job.generation, widget, rest);
        }
    });
}

fn start_job(id: u32) -> Option<Job> {
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let (_, widget) = widgets.iter_mut().find(|(other, _)| *other == id)?;
        widget.generation = NEXT_GENERATION.with(|g| {
            let generation = g.get();
            g.set(generation.wrapping_add(1));
            generation
        });
        widget.listeners.clear();
        widget.reading = None;
        widget.article = None;
        #[cfg(feature = "recommendations")]
        {
            widget.recommendations = Recommendations::default();
        }
        #[cfg(feature = "comments")]
        {
            widget.comments = None;
        }
        let doc = widget.host.owner_document()?;
        // Read through the shared `Reflect.get` binding, not a baseURI binding of its own.
        let base = Reflect::get(&doc, &"baseURI".into())
            .ok()
            .and_then(|uri| uri.as_string())
            .unwrap_or_default();
        let locale = Locale::from_tag(widget.settings.lang.as_deref().unwrap_or("zh-CN"));
        let had_focus = focused_within(&widget.content).is_some();
        widget.content.attr("data-theme", widget.settings.theme);
        if widget.content.has_attribute(PRERENDERED) {
            // The pre-rendered article stays on show while its data loads; only the
            // error panel of an earlier attempt goes.
            if let Some(panel) = find(&widget.content, ":scope > .aw-error") {
                panel.remove();
            }
        } else {
            widget.content.replace_children_with_node_0();
            widget.content.attr("aria-busy", "true");
            widget.content.attr("lang", locale.tag());
            // The loading panel has no URLs to resolve.
            let tree = Tree {
                doc,
                base: String::new(),
            };
            status::loading(&tree, &widget.content, locale.strings()).ok()?;
        }
        if had_focus {
            // A retry pressed with the keyboard: focus waits on the widget while it loads,
            // and `show` hands it on.
            focus(&widget.content);
        }
        let policy = widget.settings.retry_policy();
        Some(Job {
            generation: widget.generation,
            src: widget.settings.src.clone(),
            base,
            early: widget.settings.early.take(),
            policy,
        })
    })
}

/// The loaded article and the URL its relative URLs resolve against.
type Loaded = (crate::model::Article, String);

/// The article of a fetched document, validated.
fn article_of(document: Document) -> Result<Loaded, LoadError> {
    match validate(&document.value) {
        Ok(article) => Ok((article, document.url)),
        Err(source) => Err(LoadError::Model {
            url: document.requested,
            source,
        }),
    }
}

/// What is left to do for a shown article once the browser has painted it.
struct Rest {
    /// The `article` element, whose reading progress is followed.
    article: Element,
    /// Where the comment section goes.
    #[cfg(feature = "comments")]
    comments: Element,
    /// Where the feed's sections go.
    #[cfg(feature = "recommendations")]
    slots: Slots,
    /// The recommendations feed URL and the URL it is relative to, if there is a feed,
    /// and its GET, started before the article was drawn.
    #[cfg(feature = "recommendations")]
    feed: Option<(String, String, Option<Early>)>,
    /// The comment thread's first read, started before the article was drawn.
    #[cfg(feature = "comments")]
    thread: Option<Early>,
    #[cfg(feature = "comments")]
    locale: Locale,
}

/// Shows `result`: the article (without what [`finish`] adds once it is painted) or the
/// error panel. `Some` with what is left for an article.
fn show(
    id: u32,
    widget: &mut Widget,
    job: &Job,
    result: Result<Loaded, LoadError>,
) -> Result<Option<Rest>, JsValue> {
    let doc = widget.document()?;
    let had_focus = focused_within(&widget.content).is_some();
    if !widget.content.has_attribute(PRERENDERED) {
        widget.content.replace_children_with_node_0();
    }
    widget.content.unattr("aria-busy");
    let content: Node = widget.content.clone().into();
    match result {
        Ok((article, base)) => {
            let locale = Locale::from_tag(widget.settings.lang.as_deref().unwrap_or(&article.lang));
            widget.content.attr("lang", locale.tag());
            #[cfg(feature = "recommendations")]
            let feed = match (&widget.settings.feed, &article.feed) {
                (Some(url), _) => Some((url.clone(), job.base.clone())),
                (None, Some(url)) => Some((url.clone(), base.clone())),
                (None, None) => None,
            }
            .map(|(url, base)| {
                let early = prefetch(&url, &base);
                (url, base, early)
            });
            #[cfg(feature = "comments")]
            let thread = prefetch_thread(&article, comments_config(widget, &article), &base);
            #[cfg(feature = "recommendations")]
            let with_feed = feed.is_some();
            #[cfg(not(feature = "recommendations"))]
            let with_feed = false;
            let tree = Tree { doc, base };
            let layout = render::article(&tree, &widget.content, &article, locale, with_feed)?;
            structured_data(&tree, &widget.host, &article);
            widget.listeners.push(events::navigation(&widget.content));
            if had_focus {
                if let Some(title) = find(&widget.content, ".aw-title") {
                    focus(&title);
                }
                widget.content.unattr("tabindex");
            }
            #[cfg(feature = "recommendations")]
            record_reading(&article);
            events::emit(
                &widget.host,
                "load",
                &[
                    ("src", Some(&tree.base)),
                    ("id", Some(&article.id)),
                    ("title", Some(&article.title)),
                ],
            );
            widget.article = Some(Rc::new((article, tree.base)));
            Ok(Some(Rest {
                article: layout.article,
                #[cfg(feature = "comments")]
                comments: layout.comments,
                #[cfg(feature = "recommendations")]
                slots: layout.slots,
                #[cfg(feature = "recommendations")]
                feed,
                #[cfg(feature = "comments")]
                thread,
                #[cfg(feature = "comments")]
                locale,
            }))
        }
        Err(error) => {
            let locale = Locale::from_tag(widget.settings.lang.as_deref().unwrap_or("zh-CN"));
            let tree = Tree {
                doc,
                base: job.base.clone(),
            };
            let strings = locale.strings();
            events::load_error(&widget.host, &error, "article");
            let retry = status::error(
                &tree,
                &content,
                strings.error_heading,
                strings.retry,
                &error,
            )?;
            if had_focus {
                focus(&retry);
                widget.content.unattr("tabindex");
            }
            widget
                .listeners
                .push(EventListener::new(&retry, "click", move |_| {
                    wasm_bindgen_futures::spawn_local(load(id));
                }));
            Ok(None)
        }
    }
}

/// Completes the article on show in `widget` (load `generation`): its reading controls,
/// the comment section, and the feed's sections once the feed has loaded. The space they
/// take is below the article's first screen, or kept for them, so nothing on show moves.
#[cfg_attr(
    not(all(feature = "comments", feature = "recommendations")),
    allow(unused_variables)
)]
fn finish(id: u32, generation: u32, widget: &mut Widget, rest: Rest) {
    let Some(shown) = widget.article.clone() else {
        return;
    };
    let (article, base) = &*shown;
    reading::follow(widget, &rest.article, article.id.clone());
    #[cfg(feature = "comments")]
    if let Ok(doc) = widget.document() {
        let tree = Tree {
            doc,
            base: base.clone(),
        };
        let config = comments_config(widget, article);
        widget.comments = comment_box(
            tree,
            &rest.comments,
            article,
            config,
            rest.locale,
            rest.thread,
            widget.settings.retry_policy(),
        )
        .ok();
    }
    #[cfg(feature = "recommendations")]
    if let Some((url, base, early)) = rest.feed {
        widget.recommendations = Recommendations::new(rest.slots, url, base, early);
        wasm_bindgen_futures::spawn_local(recommendations::load(id, generation));
    }
}

/// The comment backends of `article` in `widget`: the site's (attributes), else the
/// article's.
#[cfg(feature = "comments")]
fn comments_config<'a>(widget: &'a Widget, article: &'a Article) -> Option<&'a CommentsConfig> {
    widget
        .settings
        .comments
        .as_ref()
        .or(article.comments.as_ref())
}

/// Puts the article's schema.org JSON-LD into the host page (in the element's light DOM,
/// where crawlers read it and nothing renders it), replacing that of a previous article.
fn structured_data(tree: &Tree, host: &Element, article: &Article) {
    let script = match find(host, JSON_LD) {
        Some(script) => script,
        None => {
            let script = new_element(&tree.doc, "script");
            script.attr("type", "application/ld+json");
            script.attr("data-article-widget", "");
            append(host, &script);
            script
        }
    };
    let text = json_ld(article, &|url| tree.resolve(url, UrlUse::Link));
    // A TrustedScript sink where Trusted Types are enforced: through the widget's policy.
    if Reflect::set(&script, &"textContent".into(), &trusted::script(&text)).is_err() {
        trusted::refused();
        script.remove();
    }
}

/// Adds the article to the reader's history (kept in this browser only); how far they
/// read it is followed by [`reading::follow`].
#[cfg(feature = "recommendations")]
fn record_reading(article: &Article) {
    let mut history = History::decode(&storage::read(HISTORY_KEY).unwrap_or_default());
    history.open(&Story::from(article), js_sys::Date::now() as u64);
    storage::write(HISTORY_KEY, &history.encode());
}

//! The exported entry points: [`mount`] an article into any element's shadow root and
//! [`unmount`] it again. Each widget keeps its own state, so one failing widget never
//! affects another on the same page.

use std::cell::{Cell, RefCell};

use gloo_events::EventListener;
use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::render;
use super::status;
use super::tree::Tree;
use crate::i18n::Locale;
use crate::model::validate;
use crate::net::error::LoadError;
use crate::net::fetch::get_document;
use crate::net::retry::RetryPolicy;

/// The widget's stylesheet, one `<style>` per shadow root.
const STYLE: &str = include_str!("style.css");
/// Property on the host element holding its widget id.
const ID_KEY: &str = "__articleWidgetId";

/// Settings of one widget: options given to `mount`, falling back to the element's attributes.
struct Settings {
    src: Option<String>,
    lang: Option<String>,
    theme: String,
    timeout_ms: Option<u32>,
    early: Option<(String, Promise)>,
}

struct Widget {
    host: Element,
    content: Element,
    settings: Settings,
    /// The load whose result may be shown; a load that finds another number here was
    /// superseded (by a retry or a re-mount) and is dropped. Unique across all widgets.
    generation: u32,
    listeners: Vec<EventListener>,
}

thread_local! {
    static WIDGETS: RefCell<Vec<(u32, Widget)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    static NEXT_GENERATION: Cell<u32> = const { Cell::new(1) };
}

/// Renders the article given by `options.src` (or the element's `src` attribute) into an
/// open shadow root of `element`. Options: `src`, `lang`, `theme` (`light`, `dark`,
/// `auto`), `timeout` (ms). Mounting an element again re-renders it with the new settings.
#[wasm_bindgen]
pub fn mount(element: &Element, options: &JsValue) -> Result<(), JsValue> {
    let settings = Settings::read(element, options);
    let root = shadow_root(element)?;
    let doc = element.owner_document().ok_or_else(|| JsValue::from_str("element has no document"))?;
    root.set_inner_html("");
    let style = doc.create_element("style")?;
    style.set_text_content(Some(STYLE));
    root.append_child(&style)?;
    let content = doc.create_element("div")?;
    content.set_class_name("aw");
    content.set_attribute("part", "root")?;
    root.append_child(&content)?;

    let id = widget_id(element);
    let widget = Widget { host: element.clone(), content, settings, generation: 0, listeners: Vec::new() };
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        widgets.retain(|(other, _)| *other != id);
        widgets.push((id, widget));
    });
    wasm_bindgen_futures::spawn_local(load(id));
    Ok(())
}

/// Removes the widget from `element`: its content, listeners and pending work.
#[wasm_bindgen]
pub fn unmount(element: &Element) {
    let Some(id) = Reflect::get(element, &ID_KEY.into()).ok().and_then(|v| v.as_f64()) else {
        return;
    };
    let removed = WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let index = widgets.iter().position(|(other, _)| *other == id as u32)?;
        Some(widgets.swap_remove(index).1)
    });
    if let Some(widget) = removed {
        if let Some(root) = widget.host.shadow_root() {
            root.set_inner_html("");
        }
    }
}

impl Settings {
    fn read(element: &Element, options: &JsValue) -> Self {
        let option = |name: &str| {
            Reflect::get(options, &name.into()).ok().and_then(|v| v.as_string())
                .or_else(|| element.get_attribute(name))
                .filter(|v| !v.trim().is_empty())
        };
        let early = Reflect::get(options, &"prefetch".into()).ok().and_then(|p| {
            let url = Reflect::get(&p, &"url".into()).ok()?.as_string()?;
            let response = Reflect::get(&p, &"response".into()).ok()?.dyn_into::<Promise>().ok()?;
            Some((url, response))
        });
        let timeout_ms = Reflect::get(options, &"timeout".into()).ok().and_then(|v| v.as_f64())
            .map(|ms| ms as u32)
            .or_else(|| option("timeout").and_then(|t| t.trim().parse().ok()))
            .filter(|ms| *ms > 0);
        let theme = match option("theme").as_deref() {
            Some("dark") => "dark",
            Some("auto") => "auto",
            _ => "light",
        };
        Settings { src: option("src"), lang: option("lang"), theme: theme.to_owned(), timeout_ms, early }
    }
}

fn shadow_root(element: &Element) -> Result<ShadowRoot, JsValue> {
    match element.shadow_root() {
        Some(root) => Ok(root),
        None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}

fn widget_id(element: &Element) -> u32 {
    if let Some(id) = Reflect::get(element, &ID_KEY.into()).ok().and_then(|v| v.as_f64()) {
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
    early: Option<(String, Promise)>,
    policy: RetryPolicy,
    locale_hint: Option<String>,
}

async fn load(id: u32) {
    let Some(job) = start_job(id) else { return };
    let result = fetch_article(&job).await;
    WIDGETS.with(|w| {
        let mut widgets = w.borrow_mut();
        let Some((_, widget)) = widgets.iter_mut().find(|(other, _)| *other == id) else { return };
        if widget.generation != job.generation {
            return;
        }
        let _ = show(id, widget, &job, result);
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
        let doc = widget.host.owner_document()?;
        let base = doc.base_uri().ok().flatten().unwrap_or_default();
        let locale = Locale::from_tag(widget.settings.lang.as_deref().unwrap_or("zh-CN"));
        widget.content.set_inner_html("");
        widget.content.set_attribute("data-theme", &widget.settings.theme).ok()?;
        widget.content.set_attribute("aria-busy", "true").ok()?;
        widget.content.set_attribute("lang", locale.tag()).ok()?;
        let tree = Tree { doc, base: base.clone() };
        status::loading(&tree, &widget.content, locale.strings()).ok()?;
        let mut policy = RetryPolicy::default();
        if let Some(ms) = widget.settings.timeout_ms {
            policy.timeout_ms = ms;
        }
        Some(Job {
            generation: widget.generation,
            src: widget.settings.src.clone(),
            base,
            early: widget.settings.early.take(),
            policy,
            locale_hint: widget.settings.lang.clone(),
        })
    })
}

/// The loaded article and the URL its relative URLs resolve against.
type Loaded = (crate::model::Article, String);

async fn fetch_article(job: &Job) -> Result<Loaded, LoadError> {
    let src = job.src.as_deref().ok_or(LoadError::MissingSrc)?;
    let document = get_document(src, &job.base, job.policy, job.early.as_ref()).await?;
    let article = validate(&document.value)
        .map_err(|source| LoadError::Model { url: document.requested.clone(), source })?;
    Ok((article, document.url))
}

fn show(id: u32, widget: &mut Widget, job: &Job, result: Result<Loaded, LoadError>) -> Result<(), JsValue> {
    let doc = widget.host.owner_document().ok_or_else(|| JsValue::from_str("no document"))?;
    widget.content.set_inner_html("");
    widget.content.remove_attribute("aria-busy")?;
    let content: Node = widget.content.clone().into();
    match result {
        Ok((article, base)) => {
            let locale = Locale::from_tag(job.locale_hint.as_deref().unwrap_or(&article.lang));
            widget.content.set_attribute("lang", locale.tag())?;
            render::article(&Tree { doc, base }, &content, &article, locale)
        }
        Err(error) => {
            let locale = Locale::from_tag(job.locale_hint.as_deref().unwrap_or("zh-CN"));
            let tree = Tree { doc, base: job.base.clone() };
            let retry = status::error(&tree, &content, locale.strings(), &error)?;
            widget.listeners.push(EventListener::new(&retry, "click", move |_| {
                wasm_bindgen_futures::spawn_local(load(id));
            }));
            Ok(())
        }
    }
}

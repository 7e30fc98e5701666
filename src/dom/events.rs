//! DOM events the host page can listen to. Each bubbles out of the shadow root
//! (`composed`), so `element.addEventListener('article-widget:load', …)` on the
//! `<article-widget>` or any ancestor hears it.
//!
//! | event | `detail` |
//! |---|---|
//! | `article-widget:load` | `{ src, id, title }` |
//! | `article-widget:error` | `{ url, message, field?, part }` (`part`: `article`, `feed`, `comments`) |
//! | `article-widget:comment-posted` | `{ thread, id, status }` (`published`, `moderated`, `local`) |
//! | `article-widget:navigate` | `{ url, kind }` (`channel`, `breadcrumb`, `recommendation`, `link`); cancelable |

use gloo_events::{EventListener, EventListenerOptions};
use js_sys::Object;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget};

use crate::net::error::LoadError;

#[wasm_bindgen(module = "/src/dom/events.js")]
extern "C" {
    /// Dispatches the `CustomEvent` `article-widget:<name>` (src/dom/events.js): bubbling,
    /// composed, cancelable; `false` when a listener cancelled it.
    #[wasm_bindgen(js_name = emit)]
    fn dispatch(target: &EventTarget, name: &str, detail: &Object) -> bool;
    /// Sets `detail[key]` to `value`.
    fn field(detail: &Object, key: &str, value: &str);
}

/// Dispatches `article-widget:<name>` from `target` with `detail`; returns `false` when a
/// listener cancelled it.
pub(crate) fn emit(target: &EventTarget, name: &str, detail: &[(&str, Option<&str>)]) -> bool {
    let object = Object::new();
    for (key, value) in detail {
        if let Some(value) = value {
            field(&object, key, value);
        }
    }
    dispatch(target, name, &object)
}

/// Announces every link the reader follows inside `root` as `article-widget:navigate`;
/// a host page that cancels the event (e.g. to route in place) stops the navigation.
pub(crate) fn navigation(root: &Element) -> EventListener {
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(root, "click", options, move |event| {
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let url = link.get_attribute("href");
        let region = |selector: &str| link.closest(selector).ok().flatten().is_some();
        let kind = if region("[part~=channels]") {
            "channel"
        } else if region("[part~=breadcrumbs]") {
            "breadcrumb"
        } else if region("[part~=section]") {
            "recommendation"
        } else {
            "link"
        };
        if !emit(
            &link,
            "navigate",
            &[("url", url.as_deref()), ("kind", Some(kind))],
        ) {
            event.prevent_default();
        }
    })
}

/// Announces a failed load of the article, the feed or the comment thread (`part`) as
/// `article-widget:error`, with the URL and the first field at fault.
pub(crate) fn load_error(target: &EventTarget, error: &LoadError, part: &str) {
    let field = match error {
        LoadError::Model { source, .. } => source.fields().first().map(|f| f.path.as_str()),
        _ => None,
    };
    emit(
        target,
        "error",
        &[
            ("url", error.url()),
            ("message", Some(&error.to_string())),
            ("field", field),
            ("part", Some(part)),
        ],
    );
}

//! The one HTML sanitizer: parse inertly with `DOMParser`, then rebuild only what the
//! allowlist in [`crate::sanitize::policy`] keeps. Nothing from the input is ever inserted
//! as markup; parsed nodes never leave the inert document.
//!
//! `DOMParser.parseFromString` is a Trusted Types sink: on a page that enforces Trusted
//! Types (`require-trusted-types-for 'script'`) it takes only `TrustedHTML`. The sanitizer
//! then makes its input `TrustedHTML` through its own policy, [`POLICY_NAME`], which no other
//! code can reach; what it parses is only read, never inserted.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use super::tree::{Attr, Tree};
use crate::sanitize::policy::{
    attribute, element_action, forced_attributes, ElementAction, MAX_DEPTH,
};
use crate::sanitize::url::UrlUse;

/// Name of the Trusted Types policy the sanitizer creates where Trusted Types exist; a page
/// that restricts policy names lists it: `trusted-types article-widget`.
pub(crate) const POLICY_NAME: &str = "article-widget";

#[wasm_bindgen]
extern "C" {
    /// `DOMParser`, whose `parseFromString` takes a string or a `TrustedHTML`.
    #[wasm_bindgen(js_name = DOMParser)]
    type Parser;
    #[wasm_bindgen(constructor, catch, js_class = DOMParser)]
    fn new() -> Result<Parser, JsValue>;
    #[wasm_bindgen(method, catch, js_class = DOMParser, js_name = parseFromString)]
    fn parse_html(this: &Parser, html: &JsValue, kind: &str) -> Result<Document, JsValue>;
}

/// The policy: created once, kept with the identity function it calls.
struct Policy {
    policy: JsValue,
    _create_html: Closure<dyn Fn(JsValue) -> JsValue>,
}

thread_local! {
    /// `Some(None)` once creating the policy failed or Trusted Types are missing.
    static POLICY: RefCell<Option<Option<Policy>>> = const { RefCell::new(None) };
    /// Whether the console has been told that the page refuses the policy.
    static WARNED: Cell<bool> = const { Cell::new(false) };
}

/// Appends the sanitised content of `html` to `parent`. On a page whose Trusted Types
/// settings refuse the sanitizer's policy the HTML cannot be parsed: nothing is appended and
/// the console says what to configure.
pub(crate) fn append_sanitized(tree: &Tree, parent: &Node, html: &str) -> Result<(), JsValue> {
    let parsed = match Parser::new()?.parse_html(&trusted(html), "text/html") {
        Ok(parsed) => parsed,
        Err(_) => {
            if WARNED.with(|w| w.replace(true)) {
                return Ok(());
            }
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "article-widget: this page's Trusted Types settings refuse the policy \"{POLICY_NAME}\", \
                 so HTML blocks are not shown; allow it in the Content-Security-Policy: trusted-types {POLICY_NAME}"
            )));
            return Ok(());
        }
    };
    if let Some(body) = parsed.body() {
        rebuild_children(tree, &body, parent, 0)?;
    }
    Ok(())
}

/// `html` as `TrustedHTML` through the sanitizer's policy, or as a plain string where
/// there are no Trusted Types (or the page refuses the policy: parsing then fails).
fn trusted(html: &str) -> JsValue {
    let plain = JsValue::from_str(html);
    POLICY.with(|cell| {
        let mut cell = cell.borrow_mut();
        let Some(policy) = cell.get_or_insert_with(create_policy) else {
            return plain.clone();
        };
        Reflect::get(&policy.policy, &"createHTML".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(&policy.policy, &plain).ok())
            .unwrap_or_else(|| plain.clone())
    })
}

fn create_policy() -> Option<Policy> {
    let factory = Reflect::get(&js_sys::global(), &"trustedTypes".into()).ok()?;
    let create = Reflect::get(&factory, &"createPolicy".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let create_html: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|html: JsValue| html);
    let rules = Object::new();
    Reflect::set(&rules, &"createHTML".into(), create_html.as_ref()).ok()?;
    let policy = create
        .call2(&factory, &POLICY_NAME.into(), &rules)
        .ok()
        .filter(JsValue::is_object)?;
    Some(Policy {
        policy,
        _create_html: create_html,
    })
}

fn rebuild_children(tree: &Tree, from: &Node, to: &Node, depth: usize) -> Result<(), JsValue> {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(node) = children.item(i) else {
            continue;
        };
        match node.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                tree.text(to, &node.text_content().unwrap_or_default());
            }
            Node::ELEMENT_NODE => {
                let Ok(element) = node.dyn_into::<Element>() else {
                    continue;
                };
                rebuild_element(tree, &element, to, depth)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn rebuild_element(tree: &Tree, from: &Element, to: &Node, depth: usize) -> Result<(), JsValue> {
    if depth >= MAX_DEPTH {
        if element_action(&from.local_name()) != ElementAction::Drop {
            tree.text(to, &from.text_content().unwrap_or_default());
        }
        return Ok(());
    }
    match element_action(&from.local_name()) {
        ElementAction::Drop => Ok(()),
        ElementAction::Unwrap => rebuild_children(tree, from, to, depth + 1),
        ElementAction::Keep(tag) => {
            let el = tree.child(to, tag, "");
            let names = from.get_attribute_names();
            for name in names.iter().filter_map(|n| n.as_string()) {
                let value = from.get_attribute(&name).unwrap_or_default();
                let Some(value) = attribute(tag, &name, &value) else {
                    continue;
                };
                let value = match (tag, name.to_ascii_lowercase().as_str()) {
                    ("a", "href") | (_, "cite") => match tree.resolve(&value, UrlUse::Link) {
                        Some(v) => v,
                        None => continue,
                    },
                    ("img", "src") => match tree.resolve(&value, UrlUse::Image) {
                        Some(v) => v,
                        None => continue,
                    },
                    _ => value,
                };
                el.attr(&name.to_ascii_lowercase(), &value);
            }
            for (name, value) in forced_attributes(tag) {
                el.attr(name, value);
            }
            rebuild_children(tree, from, &el, depth + 1)
        }
    }
}

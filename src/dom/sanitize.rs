//! The one HTML sanitizer: parse inertly with `DOMParser`, then rebuild only what the
//! allowlist in [`crate::sanitize::policy`] keeps. Nothing from the input is ever inserted
//! as markup; parsed nodes never leave the inert document.
//!
//! `DOMParser.parseFromString` is a Trusted Types sink: its input goes through the widget's
//! policy ([`super::trusted`]); what it parses is only read, never inserted.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use super::tree::{Attr, Tree};
use super::trusted;
use crate::sanitize::policy::{
    attribute, element_action, forced_attributes, ElementAction, MAX_DEPTH,
};
use crate::sanitize::url::UrlUse;

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

/// Appends the sanitised content of `html` to `parent`. On a page whose Trusted Types
/// settings refuse the widget's policy the HTML cannot be parsed: nothing is appended and
/// the console says what to configure.
pub(crate) fn append_sanitized(tree: &Tree, parent: &Node, html: &str) -> Result<(), JsValue> {
    let Ok(parsed) = Parser::new()?.parse_html(&trusted::html(html), "text/html") else {
        trusted::refused();
        return Ok(());
    };
    if let Some(body) = parsed.body() {
        rebuild_children(tree, &body, parent, 0)?;
    }
    Ok(())
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

//! The one HTML sanitizer: parse inertly with `DOMParser`, then rebuild only what the
//! allowlist in [`crate::sanitize::policy`] keeps. Nothing from the input is ever inserted
//! as markup; parsed nodes never leave the inert document.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomParser, Element, Node, SupportedType};

use super::tree::{Attr, Tree};
use crate::sanitize::policy::{
    attribute, element_action, forced_attributes, ElementAction, MAX_DEPTH,
};
use crate::sanitize::url::UrlUse;

/// Appends the sanitised content of `html` to `parent`.
pub(crate) fn append_sanitized(tree: &Tree, parent: &Node, html: &str) -> Result<(), JsValue> {
    let parsed = DomParser::new()?.parse_from_string(html, SupportedType::TextHtml)?;
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

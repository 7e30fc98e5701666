//! The sanitizer's browser half: parse inertly with `DOMParser`, hand the parsed nodes to
//! the core's allowlist rebuild ([`crate::sanitize::rebuild`]), and materialize what it
//! keeps. Nothing from the input is ever inserted as markup; parsed nodes never leave the
//! inert document.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomParser, Element, Node, SupportedType};

use super::materialize::materialize;
use super::tree::Tree;
use crate::markup::Markup;
use crate::sanitize::rebuild::{as_document, rebuild, Parsed};

/// Appends the sanitised content of `html` to `parent`.
pub(crate) fn append_sanitized(tree: &Tree, parent: &Node, html: &str) -> Result<(), JsValue> {
    let parsed = parse(&as_document(html));
    let mut clean = Markup::default();
    rebuild(&parsed, &mut clean, &|url, usage| tree.resolve(url, usage));
    materialize(tree, parent, &clean);
    Ok(())
}

/// The children of the `body` of `document`, parsed by `DOMParser` (inert: scripting is
/// disabled, nothing loads).
pub(crate) fn parse(document: &str) -> Vec<Parsed> {
    DomParser::new()
        .and_then(|p| p.parse_from_string(document, SupportedType::TextHtml))
        .ok()
        .and_then(|d| d.body())
        .map(|body| children(&body))
        .unwrap_or_default()
}

fn children(from: &Node) -> Vec<Parsed> {
    let nodes = from.child_nodes();
    let mut out = Vec::with_capacity(nodes.length() as usize);
    for i in 0..nodes.length() {
        let Some(node) = nodes.item(i) else {
            continue;
        };
        match node.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                out.push(Parsed::Text(node.text_content().unwrap_or_default()));
            }
            Node::ELEMENT_NODE => {
                let Ok(element) = node.dyn_into::<Element>() else {
                    continue;
                };
                let attrs = element
                    .get_attribute_names()
                    .iter()
                    .filter_map(|n| n.as_string())
                    .map(|name| {
                        let value = element.get_attribute(&name).unwrap_or_default();
                        (name, value)
                    })
                    .collect();
                out.push(Parsed::Element {
                    name: element.local_name(),
                    attrs,
                    children: children(&element),
                });
            }
            _ => {}
        }
    }
    out
}

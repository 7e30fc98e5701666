//! The sanitizer's browser half: parse inertly with `DOMParser`, hand the parsed nodes to
//! the core's allowlist rebuild ([`crate::sanitize::rebuild`]), and materialize what it
//! keeps. Nothing from the input is ever inserted as markup; parsed nodes never leave the
//! inert document.
//!
//! `DOMParser.parseFromString` is a Trusted Types sink: its input goes through the widget's
//! policy ([`super::trusted`]); what it parses is only read, never inserted.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use super::materialize::materialize;
use super::tree::Tree;
use super::trusted;
use crate::markup::Markup;
use crate::sanitize::rebuild::{as_document, rebuild, Parsed};

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
    let parsed = parse(&as_document(html));
    let mut clean = Markup::default();
    rebuild(&parsed, &mut clean, &|url, usage| tree.resolve(url, usage));
    materialize(tree, parent, &clean);
    Ok(())
}

/// The children of the `body` of `document`, parsed by `DOMParser` (inert: scripting is
/// disabled, nothing loads).
pub(crate) fn parse(document: &str) -> Vec<Parsed> {
    let parsed = Parser::new().and_then(|p| p.parse_html(&trusted::html(document), "text/html"));
    match parsed {
        Ok(parsed) => parsed
            .body()
            .map(|body| children(&body))
            .unwrap_or_default(),
        Err(_) => {
            trusted::refused();
            Vec::new()
        }
    }
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
                let mut attrs = Vec::new();
                for name in element.get_attribute_names().iter() {
                    if let Some(name) = name.as_string() {
                        let value = element.get_attribute(&name).unwrap_or_default();
                        attrs.push((name, value));
                    }
                }
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

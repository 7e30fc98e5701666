//! The sanitizer's browser half: parse inertly with `DOMParser`, hand the parsed nodes to
//! the core's allowlist rebuild ([`crate::sanitize::rebuild`]), and materialize what it
//! keeps. Nothing from the input is ever inserted as markup; parsed nodes never leave the
//! inert document.
//!
//! `DOMParser.parseFromString` is a Trusted Types sink: its input goes through the widget's
//! policy ([`super::trusted`]); what it parses is only read, never inserted.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use super::trusted;
use crate::model::Value;
use crate::sanitize::rebuild::Parsed;
#[cfg(feature = "comments")]
use {
    super::materialize::materialize,
    super::tree::Tree,
    crate::markup::Markup,
    crate::sanitize::rebuild::{as_document, rebuild},
    web_sys::Node,
};

#[wasm_bindgen(module = "/src/dom/sanitize.js")]
extern "C" {
    /// `html` (a string or `TrustedHTML`) parsed by `DOMParser`, the children of its body
    /// as one flat list (see src/dom/sanitize.js and [`children`]); null if the parse was
    /// refused.
    #[wasm_bindgen(js_name = parseHtml)]
    fn parse_html(html: &JsValue) -> JsValue;
}

/// Appends the sanitised content of `html` to `parent`. On a page whose Trusted Types
/// settings refuse the widget's policy the HTML cannot be parsed: nothing is appended and
/// the console says what to configure.
#[cfg(feature = "comments")]
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
    match Value::from_js(&parse_html(&trusted::html(document))) {
        Some(Value::Array(items)) => children(&mut items.into_iter()),
        _ => {
            trusted::refused();
            Vec::new()
        }
    }
}

/// The nodes of `items` (the flat list of `parseHtml`) up to the end of their parent: an
/// element is 1, its name, its number of attributes, each attribute's name and value, its
/// children and 0; a text is 2 and its text.
fn children(items: &mut std::vec::IntoIter<Value>) -> Vec<Parsed> {
    let text = |items: &mut std::vec::IntoIter<Value>| match items.next() {
        Some(Value::String(text)) => text,
        _ => String::new(),
    };
    let mut out = Vec::new();
    loop {
        match items.next() {
            Some(Value::Number(2.0)) => out.push(Parsed::Text(text(items))),
            Some(Value::Number(1.0)) => {
                let name = text(items);
                let count = match items.next() {
                    Some(Value::Number(count)) => count as usize,
                    _ => 0,
                };
                let mut attrs = Vec::new();
                for _ in 0..count {
                    let name = text(items);
                    attrs.push((name, text(items)));
                }
                out.push(Parsed::Element {
                    name,
                    attrs,
                    children: children(items),
                });
            }
            _ => return out,
        }
    }
}

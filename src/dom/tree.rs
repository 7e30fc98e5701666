//! Small helpers for building DOM: elements with attributes, text as text nodes only, and
//! URLs resolved against the document they came from and checked again by scheme.
//!
//! The helpers call the DOM through bindings that do not catch exceptions: with the
//! constant tag and attribute names the shell passes, `createElement`, `setAttribute` and
//! `appendChild` of a fresh node cannot throw, and leaving out web-sys's `Result` plumbing
//! at some three hundred call sites is a large share of the wasm.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node, Url};

use crate::sanitize::url::{protocol_allowed, UrlUse};

#[wasm_bindgen]
extern "C" {
    /// Any DOM object, called through the non-catching bindings below.
    type Dom;
    #[wasm_bindgen(method, js_name = createElement)]
    fn make(this: &Dom, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = createTextNode)]
    fn make_text(this: &Dom, text: &str) -> Node;
    #[wasm_bindgen(method, js_name = appendChild)]
    fn add(this: &Dom, child: &Node);
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set(this: &Dom, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn unset(this: &Dom, name: &str);
    #[wasm_bindgen(method, js_name = toggleAttribute)]
    fn toggle(this: &Dom, name: &str, on: bool);
    #[wasm_bindgen(method, js_name = querySelector)]
    fn select(this: &Dom, selector: &str) -> Option<Element>;
    #[wasm_bindgen(method, getter, js_name = activeElement)]
    fn active(this: &Dom) -> Option<Element>;
}

fn dom(value: &JsValue) -> &Dom {
    value.unchecked_ref()
}

/// The first element in `parent` (an element or a shadow root) matching `selector` (a
/// valid selector: the shell's own constants), if any.
pub(crate) fn find(parent: &JsValue, selector: &str) -> Option<Element> {
    dom(parent).select(selector)
}

/// The focused element of `root`, a document or a shadow root (one binding for both).
pub(crate) fn active_element(root: &JsValue) -> Option<Element> {
    dom(root).active()
}

/// A new element `tag` (a valid tag name) of `doc`, not yet in the tree.
pub(crate) fn new_element(doc: &Document, tag: &str) -> Element {
    dom(doc).make(tag)
}

/// Appends `child` to `parent` (an element or a shadow root; `child` a fresh node).
pub(crate) fn append(parent: &JsValue, child: &Node) {
    dom(parent).add(child);
}

/// Removes every child of `parent`, an element or a shadow root: through the one
/// `replaceChildren` binding the shell uses (web-sys has one per interface).
pub(crate) fn clear(parent: &JsValue) {
    parent
        .unchecked_ref::<Element>()
        .replace_children_with_node_0();
}

/// The place among the children of `parent` of the one that is or holds `node`: which
/// picker dot, or which section of a slot, a click landed in.
#[cfg(feature = "recommendations")]
pub(crate) fn place_holding(parent: &Element, node: &Node) -> Option<u32> {
    let children = parent.children();
    (0..children.length()).find(|&place| {
        children
            .item(place)
            .is_some_and(|child| child.contains(Some(node)))
    })
}

/// `setAttribute` for the shell's own (valid, constant) attribute names.
pub(crate) trait Attr {
    /// Sets attribute `name` (a valid name) to `value`.
    fn attr(&self, name: &str, value: &str);
    /// Removes attribute `name`.
    fn unattr(&self, name: &str);
    /// Sets the boolean attribute `name` (to "") when `on`, removes it otherwise.
    #[cfg(any(feature = "comments", feature = "recommendations"))]
    fn flag(&self, name: &str, on: bool);
}

impl Attr for Element {
    fn attr(&self, name: &str, value: &str) {
        dom(self).set(name, value);
    }

    fn unattr(&self, name: &str) {
        dom(self).unset(name);
    }

    #[cfg(any(feature = "comments", feature = "recommendations"))]
    fn flag(&self, name: &str, on: bool) {
        dom(self).toggle(name, on);
    }
}

/// Everything rendering needs besides the data.
pub(crate) struct Tree {
    /// The document that owns the new nodes.
    pub doc: Document,
    /// URL of the JSON document, the base of its relative URLs.
    pub base: String,
}

impl Tree {
    /// A new element `tag` (a valid tag name) with class `class` (none if empty), appended
    /// to `parent`.
    pub fn child(&self, parent: &Node, tag: &str, class: &str) -> Element {
        let el = dom(&self.doc).make(tag);
        if !class.is_empty() {
            el.set_class_name(class);
        }
        dom(parent).add(&el);
        el
    }

    /// Appends `text` to `parent` as a text node: never parsed as markup.
    pub fn text(&self, parent: &Node, text: &str) {
        dom(parent).add(&dom(&self.doc).make_text(text));
    }

    /// A new element holding `text`, appended to `parent`.
    pub fn text_child(&self, parent: &Node, tag: &str, class: &str, text: &str) -> Element {
        let el = self.child(parent, tag, class);
        self.text(&el, text);
        el
    }

    /// `url` resolved against the document's URL, or `None` if it does not parse or its
    /// resolved scheme is not allowed for `usage`.
    pub fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
        let resolved = Url::new_with_base(url, &self.base).ok()?;
        protocol_allowed(&resolved.protocol(), usage).then(|| resolved.href())
    }
}

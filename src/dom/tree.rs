//! Small helpers for building DOM: elements with attributes, text as text nodes only, and
//! URLs resolved against the document they came from and checked again by scheme.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node, Url};

use crate::sanitize::url::{protocol_allowed, UrlUse};

/// Everything rendering needs besides the data.
pub(crate) struct Tree {
    /// The document that owns the new nodes.
    pub doc: Document,
    /// URL of the JSON document, the base of its relative URLs.
    pub base: String,
}

impl Tree {
    /// A new element `tag` with class `class` (none if empty), appended to `parent`.
    pub fn child(&self, parent: &Node, tag: &str, class: &str) -> Result<Element, JsValue> {
        let el = self.doc.create_element(tag)?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        parent.append_child(&el)?;
        Ok(el)
    }

    /// Appends `text` to `parent` as a text node: never parsed as markup.
    pub fn text(&self, parent: &Node, text: &str) -> Result<(), JsValue> {
        parent.append_child(&self.doc.create_text_node(text))?;
        Ok(())
    }

    /// A new element holding `text`, appended to `parent`.
    pub fn text_child(
        &self,
        parent: &Node,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Result<Element, JsValue> {
        let el = self.child(parent, tag, class)?;
        self.text(&el, text)?;
        Ok(el)
    }

    /// `url` resolved against the document's URL, or `None` if it does not parse or its
    /// resolved scheme is not allowed for `usage`.
    pub fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
        let resolved = Url::new_with_base(url, &self.base).ok()?;
        protocol_allowed(&resolved.protocol(), usage).then(|| resolved.href())
    }

    /// A link to `url` with `text`, or a plain `span` if the URL is refused.
    pub fn link(
        &self,
        parent: &Node,
        url: Option<&str>,
        text: &str,
        class: &str,
    ) -> Result<Element, JsValue> {
        match url.and_then(|u| self.resolve(u, UrlUse::Link)) {
            Some(href) => {
                let a = self.text_child(parent, "a", class, text)?;
                a.set_attribute("href", &href)?;
                Ok(a)
            }
            None => self.text_child(parent, "span", class, text),
        }
    }
}

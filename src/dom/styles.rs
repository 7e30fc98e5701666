//! The widget's stylesheet in each shadow root. It is one constructable stylesheet shared by
//! every widget of the document (`adoptedStyleSheets`): allowed by a Content-Security-Policy
//! whose `style-src` forbids inline styles, and parsed once per page. Where constructable
//! stylesheets are missing (or the element belongs to another document) a `<style>`
//! element is the fallback.

use wasm_bindgen::prelude::*;
use web_sys::{Document, ShadowRoot};

use super::tree::{append, new_element};
use crate::view::STYLE;

#[wasm_bindgen(module = "/src/dom/styles.js")]
extern "C" {
    /// Gives `root` the page's shared stylesheet of `css` (src/dom/styles.js); `false`
    /// where constructable stylesheets are missing or cannot be adopted.
    fn adopt(root: &ShadowRoot, css: &str) -> bool;
}

/// Gives `root` (of an element in `doc`) the widget's styles.
pub(crate) fn apply(doc: &Document, root: &ShadowRoot) {
    if adopt(root, STYLE) {
        return;
    }
    let style = new_element(doc, "style");
    style.set_text_content(Some(STYLE));
    append(root, &style);
}

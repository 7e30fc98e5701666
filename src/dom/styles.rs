//! The widget's shadow root and its stylesheet. The stylesheet is one constructable
//! stylesheet shared by every widget of the document (`adoptedStyleSheets`): allowed by a
//! Content-Security-Policy whose `style-src` forbids inline styles, and parsed once per page.
//! Where constructable stylesheets are missing (or the element belongs to another document)
//! a `<style>` element is the fallback.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(module = "/src/dom/styles.js")]
extern "C" {
    /// The widget's root element in `element`'s open shadow root (src/dom/styles.js),
    /// attached if there is none: markup pre-rendered there (its root matching
    /// `prerendered`) is kept, its `<style>` brought up to `css`; otherwise the shadow root
    /// is emptied and given the styles of `css` and a new `<div class=root_class
    /// part=root>`. Fails where `attachShadow` does.
    #[wasm_bindgen(catch)]
    pub(super) fn shell(
        element: &Element,
        css: &str,
        prerendered: &str,
        root_class: &str,
    ) -> Result<Element, JsValue>;
}

//! Keeping keyboard focus when the shell redraws: a control that is rebuilt while it has
//! focus would otherwise drop the reader back to the top of the page.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::tree::active_element;

/// The focused element, if it is `within` or inside it. Looks in the shadow root (or
/// document) that holds `within`, so it sees focus inside the widget's shadow DOM.
pub(crate) fn focused_within(within: &Element) -> Option<Element> {
    // The shadow root or the document (both have `activeElement`; a detached subtree's
    // root element has none).
    let active = active_element(&within.get_root_node())?;
    within.contains(Some(&active)).then_some(active)
}

#[wasm_bindgen(module = "/src/dom/focus.js")]
extern "C" {
    /// Moves focus to `element` (src/dom/focus.js). Elements that are not focusable by
    /// themselves (a heading, a panel) get `tabindex="-1"` first: focusable by script,
    /// still out of the Tab order.
    pub(crate) fn focus(element: &Element);
}

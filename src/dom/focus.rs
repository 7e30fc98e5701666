//! Keeping keyboard focus when the shell redraws: a control that is rebuilt while it has
//! focus would otherwise drop the reader back to the top of the page.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use super::tree::Attr;

/// The focused element, if it is `within` or inside it. Looks in the shadow root (or
/// document) that holds `within`, so it sees focus inside the widget's shadow DOM.
pub(crate) fn focused_within(within: &Element) -> Option<Element> {
    let root = within.get_root_node();
    let active = match root.dyn_ref::<ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => within.owner_document()?.active_element(),
    }?;
    within.contains(Some(&active)).then_some(active)
}

/// Moves focus to `element`. Elements that are not focusable by themselves (a heading, a
/// panel) get `tabindex="-1"` first: focusable by script, still out of the Tab order.
pub(crate) fn focus(element: &Element) {
    let Some(html) = element.dyn_ref::<HtmlElement>() else {
        return;
    };
    if !is_focusable(element) && !element.has_attribute("tabindex") {
        element.attr("tabindex", "-1");
    }
    let _ = html.focus();
}

fn is_focusable(element: &Element) -> bool {
    matches!(
        element.tag_name().as_str(),
        "A" | "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA"
    )
}

//! The widget's states besides the article, loading and error (their markup is built by
//! [`crate::view::status`]), put into the DOM.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node};

use super::materialize::materialize;
use super::tree::Tree;
use crate::i18n::Strings;
use crate::net::error::LoadError;
use crate::view::status;

/// Renders the loading state into `parent`.
pub(crate) fn loading(tree: &Tree, parent: &Node, strings: &Strings) -> Result<(), JsValue> {
    materialize(tree, parent, &status::loading(strings));
    Ok(())
}

/// Renders `error` under `heading` into `parent` and returns the retry button (labelled
/// `retry`) for the caller to wire up.
pub(crate) fn error(
    tree: &Tree,
    parent: &Node,
    heading: &str,
    retry: &str,
    error: &LoadError,
) -> Result<Element, JsValue> {
    materialize(tree, parent, &status::error(heading, retry, error));
    parent
        .last_child()
        .and_then(|panel| panel.dyn_into::<Element>().ok())
        .and_then(|panel| panel.last_element_child())
        .ok_or_else(|| JsValue::from_str("no retry button"))
}

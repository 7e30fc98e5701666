//! The widget's states besides the article: loading, and an error that says what failed
//! and offers a retry.

use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

use super::tree::{Attr, Tree};
use crate::i18n::Strings;
use crate::model::ModelError;
use crate::net::error::LoadError;

/// Renders the loading state into `parent`.
pub(crate) fn loading(tree: &Tree, parent: &Node, strings: &Strings) -> Result<(), JsValue> {
    let panel = tree.child(parent, "div", "aw-status");
    panel.attr("role", "status");
    panel.attr("part", "status");
    tree.child(&panel, "span", "aw-spinner")
        .attr("aria-hidden", "true");
    tree.text(&panel, strings.loading);
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
    let panel = tree.child(parent, "div", "aw-error");
    panel.attr("role", "alert");
    panel.attr("part", "error");
    tree.text_child(&panel, "p", "aw-error-title", heading);
    match error {
        LoadError::Model {
            url,
            source: ModelError::Invalid(fields),
        } if fields.len() > 1 => {
            let summary = tree.child(&panel, "p", "aw-error-detail");
            tree.text(
                &summary,
                &format!("{url}: {} problems in the document:", fields.len()),
            );
            let list = tree.child(&panel, "ul", "aw-error-fields");
            for field in fields {
                let item = tree.child(&list, "li", "");
                tree.text_child(&item, "code", "", &field.path);
                tree.text(&item, &[": ", &field.message].concat());
            }
        }
        _ => {
            tree.text_child(&panel, "p", "aw-error-detail", &error.to_string());
        }
    }
    let button = tree.text_child(&panel, "button", "aw-retry", retry);
    button.attr("type", "button");
    Ok(button)
}

//! Markup into DOM: the one place the shell turns the core's [`Markup`] into nodes. Text
//! becomes text nodes; attributes are set one by one (their URLs already resolved and
//! checked by the core's URL policy). Nothing is ever parsed as HTML. Names come from code
//! and the sanitizer's allowlist, so the non-catching DOM helpers of [`Tree`] apply.

use web_sys::{Element, Node};

use super::tree::{Attr, Tree};
use crate::markup::{Markup, Token};

/// Appends `markup` to `parent`; returns the first element it made there (for a caller
/// that wires behaviour onto the markup it asked for).
pub(crate) fn materialize(tree: &Tree, parent: &Node, markup: &Markup) -> Option<Element> {
    let mut first = None;
    let mut open: Vec<Element> = Vec::new();
    for token in &markup.tokens {
        let target: &Node = open.last().map_or(parent, |e| e);
        match token {
            Token::Start(name) => {
                let element = tree.child(target, name, "");
                if first.is_none() {
                    first = Some(element.clone());
                }
                open.push(element);
            }
            Token::Attr(name, value) => {
                if let Some(element) = open.last() {
                    element.attr(name, value);
                }
            }
            Token::Text(text) => tree.text(target, text),
            Token::End => {
                open.pop();
            }
        }
    }
    first
}

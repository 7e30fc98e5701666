//! HTML parsing on the command line with html5ever, the browsers' parsing algorithm:
//! scripting disabled (as in `DOMParser` documents), comments left out, a `template`'s
//! contents not among its children, element names as the DOM's `localName`, attribute
//! names qualified as the DOM's `getAttributeNames()` gives them.

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{local_name, parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::sanitize::rebuild::Parsed;

/// Parses `document` as a browser parses a page with scripting disabled.
pub(super) fn document(document: &str) -> RcDom {
    let options = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    parse_document(RcDom::default(), options).one(document)
}

/// The children of the `body` of `document`, as [`Parsed`] nodes.
pub(super) fn body(document: &str) -> Vec<Parsed> {
    let dom = self::document(document);
    find(&dom.document, &|name| name == "body")
        .map(|body| children(&body))
        .unwrap_or_default()
}

/// The first element under `node` (depth first, not entering templates) whose local name
/// passes `matches`.
pub(super) fn find(node: &Handle, matches: &dyn Fn(&str) -> bool) -> Option<Handle> {
    for child in node.children.borrow().iter() {
        if let NodeData::Element { name, .. } = &child.data {
            if matches(&name.local) {
                return Some(child.clone());
            }
        }
        if let Some(found) = find(child, matches) {
            return Some(found);
        }
    }
    None
}

/// The contents of a `template` element, if `node` is one.
pub(super) fn template_contents(node: &Handle) -> Option<Handle> {
    match &node.data {
        NodeData::Element {
            name,
            template_contents,
            ..
        } if name.local == local_name!("template") => template_contents.borrow().clone(),
        _ => None,
    }
}

/// The value of attribute `name` (no namespace) of element `node`.
pub(super) fn attribute(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.prefix.is_none() && &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// The children of `node` as [`Parsed`] nodes; comments, doctypes and processing
/// instructions are left out.
pub(super) fn children(node: &Handle) -> Vec<Parsed> {
    node.children
        .borrow()
        .iter()
        .filter_map(|child| match &child.data {
            NodeData::Text { contents } => Some(Parsed::Text(contents.borrow().to_string())),
            NodeData::Element { name, attrs, .. } => Some(Parsed::Element {
                name: name.local.to_string(),
                attrs: attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        let name = match &a.name.prefix {
                            Some(prefix) => format!("{prefix}:{}", a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (name, a.value.to_string())
                    })
                    .collect(),
                children: children(child),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::rebuild::{as_document, el};

    #[test]
    fn parses_like_a_browser() {
        // Implied end tags, character references, a tbody, noscript as markup, and (in
        // standards mode) a table closing the paragraph.
        let got = body(&as_document(
            "<p>a &amp; b<p title=\"&quot;x&quot;\">c<!-- note --><table><tr><td>d</table>\
             <noscript><b>e</b></noscript><template><i>f</i></template>",
        ));
        let text = |t: &str| Parsed::Text(t.into());
        let cell = el("td", &[], vec![text("d")]);
        let table = el(
            "table",
            &[],
            vec![el("tbody", &[], vec![el("tr", &[], vec![cell])])],
        );
        assert_eq!(
            got,
            vec![
                el("p", &[], vec![text("a & b")]),
                el("p", &[("title", "\"x\"")], vec![text("c")]),
                table,
                el("noscript", &[], vec![el("b", &[], vec![text("e")])]),
                el("template", &[], vec![]),
            ]
        );
    }

    #[test]
    fn foreign_attributes_keep_their_prefix() {
        let got = body("<svg><a xlink:href=\"javascript:x\">t</a></svg>");
        let Parsed::Element { children, .. } = &got[0] else {
            panic!("{got:?}")
        };
        let Parsed::Element { attrs, .. } = &children[0] else {
            panic!("{children:?}")
        };
        assert_eq!(
            attrs,
            &[("xlink:href".to_owned(), "javascript:x".to_owned())]
        );
    }
}

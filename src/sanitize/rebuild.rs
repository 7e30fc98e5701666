//! The sanitizer's rebuild: from an HTML fragment as a parser left it ([`Parsed`]) to
//! [`Markup`] that holds only what the allowlist in [`super::policy`] keeps. Parsing is
//! the platform's (the browser's `DOMParser`, or html5ever on the command line); deciding
//! what survives happens here, once, for both.

use super::policy::MAX_DEPTH;
use super::policy::{element_action, forced_attributes, kept, ElementAction};
use super::url::UrlUse;
use crate::markup::Markup;

/// A node of parsed, untrusted HTML. Comments and other node kinds are left out by the
/// parser's adapter; a `template`'s contents are not its children (as in the DOM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A text node.
    Text(String),
    /// An element with its local name, attributes as written, and children.
    Element {
        /// Local name, as the parser reports it.
        name: String,
        /// Attributes `(name, value)` in document order.
        attrs: Vec<(String, String)>,
        /// Child nodes.
        children: Vec<Parsed>,
    },
}

/// What the parsers are given for an `html` string: a document in no-quirks mode, as the
/// pre-rendered page itself is, so that the rebuilt tree parses back the same way.
pub fn as_document(html: &str) -> String {
    format!("<!DOCTYPE html>{html}")
}

/// Resolves a URL from the HTML against its document and checks the result's scheme;
/// `None` drops the attribute.
pub type Resolve<'a> = &'a dyn Fn(&str, UrlUse) -> Option<String>;

/// Appends the sanitised markup of `parsed` (the children of the parsed document's
/// `body`) to `out`: kept elements rebuilt with their allowed attributes (URLs resolved by
/// `resolve`) and the forced ones, unknown elements unwrapped, dangerous ones dropped with
/// their content, and anything nested deeper than [`MAX_DEPTH`] kept as plain text.
pub fn rebuild(parsed: &[Parsed], out: &mut Markup, resolve: Resolve) {
    children(parsed, out, 0, resolve);
}

fn children(from: &[Parsed], out: &mut Markup, depth: usize, resolve: Resolve) {
    for node in from {
        match node {
            Parsed::Text(text) => {
                out.text_owned(text.clone());
            }
            Parsed::Element {
                name,
                attrs,
                children: inner,
            } => element(name, attrs, inner, out, depth, resolve),
        }
    }
}

fn element(
    name: &str,
    attrs: &[(String, String)],
    inner: &[Parsed],
    out: &mut Markup,
    depth: usize,
    resolve: Resolve,
) {
    let action = element_action(name);
    if depth >= MAX_DEPTH {
        if action != ElementAction::Drop {
            let mut text = String::new();
            text_content(inner, &mut text);
            out.text_owned(text);
        }
        return;
    }
    match action {
        ElementAction::Drop => {}
        ElementAction::Unwrap => children(inner, out, depth + 1, resolve),
        ElementAction::Keep(tag) => {
            out.start(tag);
            for (name, value) in attrs {
                let Some((name, value, usage)) = kept(tag, name, value) else {
                    continue;
                };
                let value = match usage {
                    Some(usage) => match resolve(&value, usage) {
                        Some(resolved) => resolved,
                        None => continue,
                    },
                    None => value,
                };
                out.attr_owned(name, value);
            }
            for &(name, value) in forced_attributes(tag) {
                out.attr(name, value);
            }
            children(inner, out, depth + 1, resolve);
            out.end();
        }
    }
}

/// The DOM's `textContent`: the text of every descendant text node, in order.
fn text_content(nodes: &[Parsed], out: &mut String) {
    for node in nodes {
        match node {
            Parsed::Text(text) => out.push_str(text),
            Parsed::Element { children, .. } => text_content(children, out),
        }
    }
}

/// A parsed element, for tests that write parser output by hand.
#[cfg(test)]
pub(crate) fn el(name: &str, attrs: &[(&str, &str)], children: Vec<Parsed>) -> Parsed {
    Parsed::Element {
        name: name.into(),
        attrs: attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::html::serialize;

    fn text(t: &str) -> Parsed {
        Parsed::Text(t.into())
    }

    /// Resolves against `https://static.example/articles/`, refusing what the policy refuses.
    fn resolve(url: &str, usage: UrlUse) -> Option<String> {
        let absolute = if url.contains(':') {
            url.to_owned()
        } else {
            format!("https://static.example/articles/{url}")
        };
        let allowed = match usage {
            UrlUse::Link => absolute.starts_with("https:") || absolute.starts_with("mailto:"),
            _ => absolute.starts_with("https:"),
        };
        allowed.then_some(absolute)
    }

    fn clean(parsed: Vec<Parsed>) -> String {
        let mut out = Markup::default();
        rebuild(&parsed, &mut out, &resolve);
        assert!(out.is_well_formed());
        serialize(&out)
    }

    #[test]
    fn keeps_allowed_structure_and_attributes() {
        let html = clean(vec![el(
            "P",
            &[("onclick", "x"), ("title", "t"), ("class", "c")],
            vec![
                text("a "),
                el("b", &[], vec![text("bold")]),
                el(
                    "a",
                    &[("HREF", "rel.html"), ("target", "_self")],
                    vec![text("l")],
                ),
            ],
        )]);
        assert_eq!(
            html,
            "<p title=\"t\">a <b>bold</b><a href=\"https://static.example/articles/rel.html\" \
             rel=\"noopener noreferrer nofollow ugc\" target=\"_blank\">l</a></p>"
        );
    }

    #[test]
    fn drops_active_content_and_unwraps_the_unknown() {
        let html = clean(vec![
            el("script", &[], vec![text("alert(1)")]),
            el(
                "div",
                &[("style", "x")],
                vec![el("span", &[], vec![text("kept")])],
            ),
            el("h1", &[], vec![text("Head")]),
            el("svg", &[], vec![el("script", &[], vec![text("x")])]),
            el("img", &[("src", "javascript:x"), ("alt", "a")], vec![]),
        ]);
        assert_eq!(
            html,
            "<span>kept</span><h2>Head</h2><img alt=\"a\" loading=\"lazy\" decoding=\"async\" \
             referrerpolicy=\"no-referrer\">"
        );
    }

    #[test]
    fn refused_urls_drop_the_attribute_only() {
        let html = clean(vec![
            el("a", &[("href", " java\tscript:x")], vec![text("t")]),
            el("blockquote", &[("cite", "http://plain.example/")], vec![]),
        ]);
        assert_eq!(
            html,
            "<a rel=\"noopener noreferrer nofollow ugc\" target=\"_blank\">t</a><blockquote></blockquote>"
        );
    }

    #[test]
    fn deep_nesting_becomes_text() {
        let mut node = el(
            "b",
            &[],
            vec![text("deep"), el("script", &[], vec![text("s")])],
        );
        for _ in 0..MAX_DEPTH + 5 {
            node = el("span", &[], vec![node]);
        }
        let html = clean(vec![node]);
        assert_eq!(html.matches("<span>").count(), MAX_DEPTH);
        assert!(html.contains(">deeps<"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn parses_as_a_standards_mode_document() {
        assert_eq!(as_document("<p>x"), "<!DOCTYPE html><p>x");
    }
}

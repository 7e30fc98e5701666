//! The HTML allowlist: which elements are rebuilt, which are dropped with their content,
//! and which attributes survive. Anything not listed is unwrapped (its text is kept).

use super::url::{check_url, normalize, UrlUse};

/// What the sanitizer does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementAction {
    /// Rebuild it under this (lower-case) tag name.
    Keep(&'static str),
    /// Drop it and everything inside it.
    Drop,
    /// Drop the element but keep its children.
    Unwrap,
}

/// Deepest nesting rebuilt; deeper content is kept as plain text.
pub const MAX_DEPTH: usize = 48;

/// The elements rebuilt, each followed by a space: one string rather than a table of
/// pointers to strings.
const KEPT: &str = "a abbr b blockquote br caption cite code dd del dl dt em figcaption figure \
                    h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub \
                    sup table tbody td tfoot th thead time tr u ul ";

/// The elements dropped with their content, each followed by a space.
const DROPPED: &str = "applet audio base button canvas dialog embed form frame frameset head \
                       iframe input link math meta noembed noframes noscript object option param \
                       picture portal script select source style svg template textarea title \
                       track video xmp plaintext fencedframe search ";

/// The word `word` of `list` (words each followed by a space), as `list` spells it.
fn word_in(list: &'static str, word: &str) -> Option<&'static str> {
    crate::text::word(list, word).map(|(_, w)| w)
}

/// Decides what happens to an element, by its tag name in any case.
pub fn element_action(tag: &str) -> ElementAction {
    let tag = tag.to_ascii_lowercase();
    if tag == "h1" {
        return ElementAction::Keep("h2");
    }
    if let Some(kept) = word_in(KEPT, &tag) {
        return ElementAction::Keep(kept);
    }
    if word_in(DROPPED, &tag).is_some() || tag.contains(':') {
        ElementAction::Drop
    } else {
        ElementAction::Unwrap
    }
}

/// What an attribute's value must be to be kept.
#[derive(Clone, Copy)]
enum Value {
    /// Anything, as written.
    Any,
    /// One of these words (each followed by a space).
    OneOf(&'static str),
    /// A URL that passes the scheme policy for this use.
    Url(UrlUse),
    /// Plain digits, at most five.
    Digits,
    /// Nothing: a boolean attribute, kept empty.
    Empty,
}

/// Every attribute kept: its lower-case name, the elements that keep it (each followed by
/// a space; empty for every element) and what its value must be.
const ATTRIBUTES: [(&str, &str, Value); 15] = [
    ("title", "", Value::Any),
    ("lang", "", Value::Any),
    ("dir", "", Value::OneOf("ltr rtl auto ")),
    ("href", "a ", Value::Url(UrlUse::Link)),
    ("cite", "blockquote q del ins ", Value::Url(UrlUse::Link)),
    ("src", "img ", Value::Url(UrlUse::Image)),
    ("alt", "img ", Value::Any),
    ("width", "img ", Value::Digits),
    ("height", "img ", Value::Digits),
    ("colspan", "td th ", Value::Digits),
    ("rowspan", "td th ", Value::Digits),
    ("scope", "th ", Value::OneOf("row col rowgroup colgroup ")),
    ("start", "ol ", Value::Digits),
    ("reversed", "ol ", Value::Empty),
    ("datetime", "time del ins ", Value::Any),
];

/// The allowlist's own (lower-case, `'static`) spelling of attribute `name` in any case, or
/// `None` for an attribute no element keeps.
pub fn attribute_name(name: &str) -> Option<&'static str> {
    kept_attribute(name).map(|(name, _, _)| name)
}

/// The allowlist's entry for attribute `name` in any case.
fn kept_attribute(name: &str) -> Option<(&'static str, &'static str, Value)> {
    for entry in &ATTRIBUTES {
        if entry.0.eq_ignore_ascii_case(name) {
            return Some(*entry);
        }
    }
    None
}

/// Returns the value to set for attribute `name` on kept element `tag`, or `None` to drop
/// it. URLs pass the scheme policy; numbers must be plain digits.
pub fn attribute(tag: &str, name: &str, value: &str) -> Option<String> {
    kept(tag, name, value).map(|(_, value, _)| value)
}

/// What the rebuild keeps of attribute `name` (any case) with `value` on kept element
/// `tag`: the allowlist's spelling of the name, the value to set, and the use of a URL
/// value (which the rebuild resolves against the document); `None` to drop it.
pub(crate) fn kept(
    tag: &str,
    name: &str,
    value: &str,
) -> Option<(&'static str, String, Option<UrlUse>)> {
    let (name, tags, rule) = kept_attribute(name)?;
    if !tags.is_empty() {
        word_in(tags, tag)?;
    }
    let mut usage = None;
    let value = match rule {
        Value::Any => value.to_owned(),
        Value::OneOf(words) => word_in(words, value)?.to_owned(),
        Value::Url(to) => {
            usage = Some(to);
            check_url(&normalize(value), to).ok()?
        }
        Value::Digits => {
            if value.is_empty() || value.len() > 5 || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            value.to_owned()
        }
        Value::Empty => String::new(),
    };
    Some((name, value, usage))
}

/// Attributes the sanitizer always sets on a kept element, whatever the input said.
pub fn forced_attributes(tag: &str) -> &'static [(&'static str, &'static str)] {
    match tag {
        "a" => &[
            ("rel", "noopener noreferrer nofollow ugc"),
            ("target", "_blank"),
        ],
        "img" => &[
            ("loading", "lazy"),
            ("decoding", "async"),
            ("referrerpolicy", "no-referrer"),
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_structure_and_drops_active_content() {
        assert_eq!(element_action("P"), ElementAction::Keep("p"));
        assert_eq!(element_action("h1"), ElementAction::Keep("h2"));
        for tag in [
            "script", "SCRIPT", "style", "iframe", "svg", "math", "template", "object", "form",
        ] {
            assert_eq!(element_action(tag), ElementAction::Drop, "{tag}");
        }
        for tag in ["div", "section", "font", "center", "custom-element"] {
            assert_eq!(element_action(tag), ElementAction::Unwrap, "{tag}");
        }
        assert_eq!(element_action("svg:script"), ElementAction::Drop);
    }

    #[test]
    fn drops_event_handlers_styles_and_ids() {
        for name in [
            "onclick",
            "ONERROR",
            "onload",
            "style",
            "id",
            "class",
            "srcdoc",
            "formaction",
            "xlink:href",
        ] {
            assert_eq!(attribute("a", name, "x"), None, "{name}");
            assert_eq!(attribute("img", name, "x"), None, "{name}");
        }
    }

    #[test]
    fn checks_urls_in_attributes() {
        assert_eq!(
            attribute("a", "href", "https://a.example/"),
            Some("https://a.example/".into())
        );
        assert_eq!(attribute("a", "HREF", "javascript:alert(1)"), None);
        assert_eq!(attribute("a", "href", " \tjava\nscript:alert(1)"), None);
        assert_eq!(attribute("a", "href", " /ok "), Some("/ok".into()));
        assert_eq!(
            attribute("img", "src", "data:image/svg+xml,<svg onload=alert(1)>"),
            None
        );
        assert_eq!(attribute("img", "src", "mailto:a@b"), None);
        assert_eq!(attribute("blockquote", "cite", "vbscript:x"), None);
        assert_eq!(attribute("span", "href", "https://a.example/"), None);
    }

    #[test]
    fn numbers_must_be_digits() {
        assert_eq!(attribute("img", "width", "640"), Some("640".into()));
        assert_eq!(attribute("img", "width", "640px"), None);
        assert_eq!(attribute("td", "colspan", "9999999"), None);
        assert_eq!(attribute("th", "scope", "col"), Some("col".into()));
        assert_eq!(attribute("th", "scope", "javascript:"), None);
    }

    #[test]
    fn every_kept_attribute_has_a_static_name() {
        let tags = [
            "a",
            "blockquote",
            "img",
            "td",
            "th",
            "ol",
            "time",
            "del",
            "span",
        ];
        let names = [
            "title", "LANG", "dir", "href", "cite", "src", "alt", "width", "height", "colspan",
            "rowspan", "scope", "start", "reversed", "datetime", "onclick", "style",
        ];
        let values = ["1", "col", "ltr", "https://a.example/"];
        for tag in tags {
            for name in names {
                for value in values {
                    if attribute(tag, name, value).is_some() {
                        let known = attribute_name(name);
                        assert_eq!(
                            known,
                            Some(name.to_ascii_lowercase().as_str()),
                            "{tag} {name}"
                        );
                    }
                }
            }
        }
        assert_eq!(attribute_name("onclick"), None);
        assert_eq!(attribute_name("HREF"), Some("href"));
    }

    #[test]
    fn links_open_safely() {
        assert!(forced_attributes("a")
            .iter()
            .any(|(k, v)| *k == "rel" && v.contains("noopener")));
        assert!(forced_attributes("img").contains(&("loading", "lazy")));
    }
}

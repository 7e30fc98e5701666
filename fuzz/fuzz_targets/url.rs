//! The URL scheme policy and the HTML allowlist's pure half. The input is one string, used
//! as a URL for each use, as an attribute value, as a `srcset`, and (its first line) as a
//! tag and attribute name. Beyond "no panic": whatever `check_url` accepts, or the
//! sanitizer keeps, is a relative reference or an allowed scheme as a browser's URL parser
//! reads it (never `javascript:`, `vbscript:`, `data:` or another), written by the standard
//! rather than by the code under test; accepted URLs are kept verbatim; `normalize` is
//! idempotent and leaves nothing a browser would strip; a rebuilt `srcset` yields only
//! checked URLs to a browser's `srcset` parser; no event handler or style attribute, and no
//! active element, is ever kept.
#![no_main]

use article_widget::sanitize::policy::{
    attribute, element_action, forced_attributes, ElementAction,
};
use article_widget::sanitize::url::{
    check_url, normalize, protocol_allowed, srcset_candidates, UrlUse,
};
use article_widget_fuzz::{assert_safe_url, browser_scheme, browser_srcset_urls, text};
use libfuzzer_sys::fuzz_target;

const ACTIVE: [&str; 22] = [
    "script", "style", "iframe", "frame", "object", "embed", "applet", "svg", "math", "template",
    "link", "meta", "base", "form", "input", "button", "textarea", "select", "noscript", "video",
    "audio", "source",
];

fuzz_target!(|data: &[u8]| {
    let raw = text(data);
    for usage in [UrlUse::Link, UrlUse::Image, UrlUse::Fetch] {
        if let Ok(kept) = check_url(&raw, usage) {
            assert_eq!(kept, raw, "check_url changed the URL");
            assert!(!raw.chars().any(char::is_control) && raw.trim() == raw);
            assert_safe_url(&raw, usage);
            if let Some(scheme) = browser_scheme(&raw) {
                assert!(
                    protocol_allowed(&format!("{scheme}:"), usage),
                    "{scheme} {usage:?}"
                );
            }
        }
        let normalized = normalize(&raw);
        assert_eq!(
            normalize(&normalized),
            normalized,
            "normalize is not idempotent"
        );
        assert!(!normalized.contains(['\t', '\n', '\r']));
        assert!(
            !normalized.starts_with(|c: char| c <= ' ')
                && !normalized.ends_with(|c: char| c <= ' ')
        );
        assert_eq!(
            browser_scheme(&normalized),
            browser_scheme(&raw),
            "normalize moved the scheme"
        );
        if check_url(&normalized, usage).is_ok() {
            assert_safe_url(&raw, usage);
        }
    }

    // The sanitizer's attribute policy, on the string as an attribute value.
    for (tag, name, usage) in [
        ("a", "href", UrlUse::Link),
        ("a", "HREF", UrlUse::Link),
        ("blockquote", "cite", UrlUse::Link),
        ("q", "cite", UrlUse::Link),
        ("del", "cite", UrlUse::Link),
        ("img", "src", UrlUse::Image),
        ("img", "Src", UrlUse::Image),
    ] {
        if let Some(value) = attribute(tag, name, &raw) {
            assert_safe_url(&value, usage);
            assert_safe_url(&raw, usage);
            assert!(!value.contains(['\t', '\n', '\r']));
        }
    }
    for (tag, name) in [("img", "width"), ("td", "colspan"), ("ol", "start")] {
        if let Some(value) = attribute(tag, name, &raw) {
            assert!(
                !value.is_empty() && value.len() <= 5 && value.bytes().all(|b| b.is_ascii_digit())
            );
        }
    }
    if let Some(value) = attribute("p", "dir", &raw) {
        assert!(matches!(value.as_str(), "ltr" | "rtl" | "auto"));
    }
    let first_line = raw.lines().next().unwrap_or_default();
    for tag in ["a", "img", "p", "span", "blockquote", first_line] {
        for name in [
            first_line,
            "onerror",
            "ONload",
            "style",
            "srcdoc",
            "formaction",
            "xlink:href",
        ] {
            let kept = attribute(tag, name, &raw);
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("on")
                || ["style", "srcdoc", "formaction", "id", "class"].contains(&lower.as_str())
                || lower.contains(':')
            {
                assert_eq!(kept, None, "<{tag} {name}> kept");
            }
        }
    }
    match element_action(first_line) {
        ElementAction::Keep(kept) => {
            assert!(!ACTIVE.contains(&kept), "<{first_line}> kept as <{kept}>");
            assert!(!first_line.contains(':'));
            for (name, value) in forced_attributes(kept) {
                assert!(!name.starts_with("on") && !value.contains(':'));
            }
        }
        ElementAction::Drop | ElementAction::Unwrap => {
            let lower = first_line.to_ascii_lowercase();
            if [
                "script", "style", "iframe", "object", "embed", "svg", "math", "template",
            ]
            .contains(&lower.as_str())
            {
                assert_eq!(
                    element_action(first_line),
                    ElementAction::Drop,
                    "<{first_line}> unwrapped"
                );
            }
        }
    }

    // A `srcset`, as the widget validates and rebuilds it.
    let mut rebuilt = Vec::new();
    for (url, descriptor) in srcset_candidates(&raw) {
        assert!(!url.is_empty() && !url.contains(char::is_whitespace) && !url.contains(','));
        assert!(!descriptor.contains(','));
        if check_url(url, UrlUse::Image).is_ok() {
            rebuilt.push(if descriptor.is_empty() {
                url.to_owned()
            } else {
                format!("{url} {descriptor}")
            });
        }
    }
    let attribute_value = rebuilt.join(", ");
    for url in browser_srcset_urls(&attribute_value) {
        assert_safe_url(&url, UrlUse::Image);
    }
});

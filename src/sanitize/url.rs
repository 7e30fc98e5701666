//! The URL scheme policy: links may be http, https, mailto or relative; images http, https
//! or relative. Applied to every URL from JSON and from sanitised HTML.

use thiserror::Error;

/// What a URL will be used for, which decides the schemes allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// `href` of a link: http, https, mailto or relative.
    Link,
    /// `src` of an image: http, https or relative.
    Image,
    /// A JSON document to fetch: http, https or relative.
    Fetch,
}

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UrlError {
    /// The scheme is not allowed for this use.
    #[error("only http, https, mailto or relative URLs are allowed (found \"{0}:\")")]
    LinkScheme(String),
    /// The scheme is not allowed for an image.
    #[error("only http, https or relative image URLs are allowed (found \"{0}:\")")]
    ImageScheme(String),
    /// The scheme cannot be fetched.
    #[error("only http, https or relative URLs can be fetched (found \"{0}:\")")]
    FetchScheme(String),
    /// The URL holds spaces at its ends or control characters, which browsers strip.
    #[error("URL has leading or trailing spaces or control characters")]
    Control,
    /// The URL is empty.
    #[error("URL must not be empty")]
    Empty,
}

/// Checks a URL from JSON against the policy. It must be exactly what is meant: no
/// leading or trailing spaces, no control characters (which browsers strip, turning
/// `java\tscript:` into `javascript:`), not empty.
///
/// ```
/// use article_widget::sanitize::url::{check_url, UrlUse};
/// assert!(check_url("https://example.com/a", UrlUse::Link).is_ok());
/// assert!(check_url("../img/a.png", UrlUse::Image).is_ok());
/// assert!(check_url("java\tscript:alert(1)", UrlUse::Link).is_err());
/// ```
pub fn check_url(raw: &str, usage: UrlUse) -> Result<String, UrlError> {
    if raw.is_empty() {
        return Err(UrlError::Empty);
    }
    if raw.chars().any(char::is_control) || raw.trim() != raw {
        return Err(UrlError::Control);
    }
    let Some(scheme) = scheme_of(raw) else {
        return Ok(raw.to_owned());
    };
    let scheme = scheme.to_ascii_lowercase();
    let allowed = match usage {
        UrlUse::Link => matches!(scheme.as_str(), "http" | "https" | "mailto"),
        UrlUse::Image | UrlUse::Fetch => matches!(scheme.as_str(), "http" | "https"),
    };
    match (allowed, usage) {
        (true, _) => Ok(raw.to_owned()),
        (false, UrlUse::Link) => Err(UrlError::LinkScheme(scheme)),
        (false, UrlUse::Image) => Err(UrlError::ImageScheme(scheme)),
        (false, UrlUse::Fetch) => Err(UrlError::FetchScheme(scheme)),
    }
}

/// A URL from an HTML attribute as a browser reads it: leading and trailing spaces and
/// control characters trimmed, tabs and newlines removed. Check the result with
/// [`check_url`].
pub fn normalize(raw: &str) -> String {
    // Byte by byte: every character removed is ASCII, so each cut falls between characters.
    let bytes = raw.as_bytes();
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] <= b' ' {
        end -= 1;
    }
    let mut start = 0;
    while start < end && bytes[start] <= b' ' {
        start += 1;
    }
    let mut out = String::with_capacity(end - start);
    let (mut run, mut i) = (start, start);
    while i <= end {
        if i == end || matches!(bytes[i], b'\t' | b'\n' | b'\r') {
            out.push_str(raw.get(run..i).unwrap_or_default());
            run = i + 1;
        }
        i += 1;
    }
    out
}

/// The scheme of an absolute URL (`[A-Za-z][A-Za-z0-9+.-]*` before the first `:`), or
/// `None` for a relative reference.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// Whether a resolved URL's `protocol` (as `URL.protocol` reports it, with its colon) is
/// allowed; the browser shell checks this again after resolving relative URLs.
pub fn protocol_allowed(protocol: &str, usage: UrlUse) -> bool {
    match usage {
        UrlUse::Link => matches!(protocol, "http:" | "https:" | "mailto:"),
        UrlUse::Image | UrlUse::Fetch => matches!(protocol, "http:" | "https:"),
    }
}

/// The candidates of an HTML `srcset` as `(url, descriptor)` pairs, e.g.
/// `("a-640.jpg", "640w")`; the descriptor is empty when absent.
pub fn srcset_candidates(srcset: &str) -> impl Iterator<Item = (&str, &str)> {
    srcset.split(',').filter_map(|candidate| {
        let candidate = candidate.trim();
        let (url, descriptor) = candidate
            .split_once(char::is_whitespace)
            .unwrap_or((candidate, ""));
        (!url.is_empty()).then(|| (url, descriptor.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative() {
        for ok in [
            "http://a.example/",
            "HTTPS://a.example/x?y#z",
            "mailto:editor@example.com",
            "../feeds/a.json",
            "/abs/path",
            "//cdn.example.com/a.js",
            "?page=2",
            "#top",
            "a/b:c",
            "javascript&#58;alert(1)",
        ] {
            assert!(check_url(ok, UrlUse::Link).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_script_schemes_in_every_spelling() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "https://a.example/\n",
            "",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "blob:https://a.example/uuid",
        ] {
            assert!(check_url(bad, UrlUse::Link).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn images_take_no_mailto() {
        assert_eq!(
            check_url("mailto:a@b", UrlUse::Image),
            Err(UrlError::ImageScheme("mailto".into()))
        );
        assert!(check_url("data:image/png;base64,AAAA", UrlUse::Image).is_err());
        assert_eq!(
            check_url("mailto:a@b", UrlUse::Fetch),
            Err(UrlError::FetchScheme("mailto".into()))
        );
        assert!(check_url("../a.json", UrlUse::Fetch).is_ok());
    }

    #[test]
    fn normalizes_attribute_urls_as_a_browser_does() {
        assert_eq!(normalize("  https://a.example/x\n "), "https://a.example/x");
        assert_eq!(normalize("\u{3000}é\tx\u{7} "), "\u{3000}éx");
        assert_eq!(normalize(" \t\r\n"), "");
        assert_eq!(
            normalize("\u{1}java\tscr\nipt:alert(1)"),
            "javascript:alert(1)"
        );
        assert!(check_url(&normalize(" jav&#x09;ascript:x"), UrlUse::Link).is_ok());
    }

    #[test]
    fn message_names_the_rule() {
        let err = check_url("javascript:alert(1)", UrlUse::Link).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("only http, https, mailto or relative URLs are allowed"));
    }

    #[test]
    fn splits_srcset_candidates() {
        let got: Vec<_> = srcset_candidates("a-640.jpg 640w, b.jpg 2x,c.jpg").collect();
        assert_eq!(got, [("a-640.jpg", "640w"), ("b.jpg", "2x"), ("c.jpg", "")]);
        assert_eq!(srcset_candidates(" , ").count(), 0);
    }

    #[test]
    fn protocol_check_after_resolution() {
        assert!(protocol_allowed("https:", UrlUse::Link));
        assert!(protocol_allowed("mailto:", UrlUse::Link));
        assert!(!protocol_allowed("mailto:", UrlUse::Image));
        assert!(!protocol_allowed("javascript:", UrlUse::Link));
    }
}

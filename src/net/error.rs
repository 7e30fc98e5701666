//! Every way loading a document can fail, each message naming the URL and, for contract
//! errors, the field.

use thiserror::Error;

use super::body::BodyError;
use crate::model::ModelError;

/// Why a document could not be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// No `src` attribute or option was given.
    #[error("no article URL: set the src attribute (or the src option of mount)")]
    MissingSrc,
    /// The URL itself is refused by the scheme policy or cannot be parsed.
    #[error("{url}: {reason}")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// Why it is refused.
        reason: String,
    },
    /// The request did not get an HTTP answer: offline, DNS, refused, or blocked by CORS.
    #[error("could not reach {url}: network error, or the server does not allow this page's origin (CORS)")]
    Network {
        /// The URL requested.
        url: String,
    },
    /// No answer within the time limit.
    #[error("{url} did not answer within {after_ms} ms")]
    Timeout {
        /// The URL requested.
        url: String,
        /// The limit that ran out.
        after_ms: u32,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}{}{status_text}", if .status_text.is_empty() { "" } else { " " })]
    Status {
        /// The URL requested.
        url: String,
        /// HTTP status code.
        status: u16,
        /// HTTP status text, possibly empty.
        status_text: String,
    },
    /// The connection broke off before the whole body arrived (a body shorter than its
    /// `Content-Length`, a reset): a network fault, not the document's.
    #[error("the connection to {url} broke off before the whole document arrived")]
    Incomplete {
        /// The URL requested.
        url: String,
    },
    /// The body is too large, not UTF-8, or empty.
    #[error("{url} {source}")]
    Body {
        /// The URL requested.
        url: String,
        /// What is wrong with it.
        #[source]
        source: BodyError,
    },
    /// The body is not JSON.
    #[error("{url} is not valid JSON: {detail}")]
    NotJson {
        /// The URL requested.
        url: String,
        /// The parser's message.
        detail: String,
    },
    /// The JSON does not fit the contract.
    #[error("{url}: {source}")]
    Model {
        /// The URL requested.
        url: String,
        /// Which fields are wrong, or the unsupported version.
        #[source]
        source: ModelError,
    },
}

impl LoadError {
    /// Whether the same GET may succeed if tried again: network trouble, time-outs,
    /// 408, 425, 429 and 5xx. Client errors and bad data will not change by retrying.
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Network { .. }
            | LoadError::Timeout { .. }
            | LoadError::Incomplete { .. } => true,
            LoadError::Status { status, .. } => matches!(status, 408 | 425 | 429 | 500..=599),
            _ => false,
        }
    }

    /// The URL the error is about, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            LoadError::MissingSrc => None,
            LoadError::BadUrl { url, .. }
            | LoadError::Network { url }
            | LoadError::Timeout { url, .. }
            | LoadError::Incomplete { url }
            | LoadError::Body { url, .. }
            | LoadError::Status { url, .. }
            | LoadError::NotJson { url, .. }
            | LoadError::Model { url, .. } => Some(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldError;

    #[test]
    fn messages_name_url_and_field() {
        let e = LoadError::Model {
            url: "https://a.example/a.json".into(),
            source: ModelError::Invalid(vec![FieldError::new(
                "body[3].children[0].href",
                "only http, https, mailto or relative URLs are allowed",
            )]),
        };
        assert_eq!(
            e.to_string(),
            "https://a.example/a.json: body[3].children[0].href: only http, https, mailto or relative URLs are allowed"
        );
        let e = LoadError::Status {
            url: "/a.json".into(),
            status: 404,
            status_text: "Not Found".into(),
        };
        assert_eq!(e.to_string(), "/a.json answered HTTP 404 Not Found");
        let e = LoadError::Status {
            url: "/a.json".into(),
            status: 500,
            status_text: String::new(),
        };
        assert_eq!(e.to_string(), "/a.json answered HTTP 500");
    }

    #[test]
    fn only_transient_failures_are_retried() {
        let url = || "u".to_owned();
        assert!(LoadError::Network { url: url() }.is_transient());
        assert!(LoadError::Timeout {
            url: url(),
            after_ms: 1
        }
        .is_transient());
        for status in [408, 429, 500, 503] {
            assert!(LoadError::Status {
                url: url(),
                status,
                status_text: String::new()
            }
            .is_transient());
        }
        for status in [400, 403, 404, 410] {
            assert!(!LoadError::Status {
                url: url(),
                status,
                status_text: String::new()
            }
            .is_transient());
        }
        assert!(!LoadError::NotJson {
            url: url(),
            detail: String::new()
        }
        .is_transient());
        assert!(LoadError::Incomplete { url: url() }.is_transient());
        assert!(!LoadError::Body {
            url: url(),
            source: BodyError::Empty
        }
        .is_transient());
    }

    #[test]
    fn body_faults_name_the_url() {
        let e = LoadError::Body {
            url: "https://a.example/a.json".into(),
            source: BodyError::NotUtf8 { offset: 12 },
        };
        assert_eq!(
            e.to_string(),
            "https://a.example/a.json is not UTF-8 text (invalid bytes at byte 12); JSON must be UTF-8"
        );
        let e = LoadError::Incomplete {
            url: "https://a.example/a.json".into(),
        };
        assert_eq!(e.url(), Some("https://a.example/a.json"));
        assert!(e
            .to_string()
            .contains("broke off before the whole document arrived"));
    }
}

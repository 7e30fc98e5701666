//! Where comments are read from and written to, as pure request builders and answer
//! parsers: the shell performs each [`Request`] it is given (fetch) and hands back the
//! [`Reply`]; the backend turns it into comments or a typed outcome for the outbox.
//!
//! | kind | reads | writes | likes | idempotency keys |
//! |---|---|---|---|---|
//! | [`Backend::Static`] | GET of a thread JSON (`schema/comments.schema.json`) | no | on this device | – |
//! | [`Backend::Local`] | this device's [`LocalStore`] | into the [`LocalStore`] | on this device | yes |
//! | [`Backend::Isso`] | `GET {endpoint}/?uri=` | `POST {endpoint}/new?uri=` | `POST {endpoint}/id/N/like` | no: verified instead |
//! | [`Backend::Http`] | no (read a static thread) | `POST {endpoint}` (see [`http`]) | on this device | yes |
//!
//! A site reads with one backend and writes with another ([`setup`]): a thread in static
//! JSON with new comments sent to Isso or an HTTP endpoint; without a writing backend, new
//! comments stay on the reader's device.

pub mod http;
pub mod isso;
pub mod local;
pub mod static_json;

use thiserror::Error;

use super::codec;
use super::fingerprint::html_to_text;
use super::likes::LikeOutcome;
use super::outbox::{Failure, OutboxPolicy, Submission, SubmitOutcome};
use super::thread::Sort;
use crate::model::{Comment, CommentsConfig, ModelError, Value};
use crate::net::error::LoadError;
use crate::sanitize::url::{check_url, UrlUse};
use crate::text::fill;

pub use local::LocalStore;

/// Longest reason from a backend shown to the reader, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// The thread a comment belongs to, as the backends name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRef {
    /// The thread's identifier: the article id, or the page path for Isso.
    pub uri: String,
    /// The article title (Isso needs it to create a thread).
    pub title: String,
}

impl ThreadRef {
    /// A thread reference.
    pub fn new(uri: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            title: title.into(),
        }
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
}

impl Method {
    /// The method's name for `fetch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request for the shell to perform. Relative URLs resolve against the document that
/// configured the backend (the article JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The URL, query already percent-encoded.
    pub url: String,
    /// Headers to set besides the browser's own.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, if any.
    pub body: Option<String>,
}

impl Request {
    fn get(url: String) -> Self {
        Self {
            method: Method::Get,
            url,
            headers: vec![("Accept", "application/json".into())],
            body: None,
        }
    }

    fn post_json(url: String, body: codec::Obj) -> Self {
        let mut request = Self::get(url);
        request.method = Method::Post;
        request
            .headers
            .push(("Content-Type", "application/json".into()));
        request.body = Some(body.json());
        request
    }
}

/// What became of a request, as the shell saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Not sent: the browser is offline.
    Offline,
    /// No HTTP answer: network failure, refused connection, or blocked by CORS.
    Network,
    /// No answer within the time limit (the request may have arrived).
    Timeout,
    /// An HTTP answer: status and body text.
    Answer {
        /// HTTP status.
        status: u16,
        /// The body as text.
        body: String,
    },
}

/// A part of a thread to read: what [`crate::comments::server::ServerThread`] asks a
/// backend for. Backends without paging (static JSON) answer any first part with the whole
/// thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Top-level comments `offset..offset + limit` in `sort` order, each with its first
    /// `replies` replies.
    Roots {
        /// The order of the top-level comments.
        sort: Sort,
        /// Top-level comments to skip.
        offset: usize,
        /// Top-level comments to read.
        limit: usize,
        /// Replies to read with each top-level comment.
        replies: usize,
    },
    /// Replies `offset..offset + limit` (oldest first) of the top-level comment `parent`.
    Replies {
        /// The id of the top-level comment.
        parent: String,
        /// Replies to skip.
        offset: usize,
        /// Replies to read.
        limit: usize,
    },
}

/// What a backend answered to a [`Part`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The comments read, replies after their parent; deleted ones left out.
    pub comments: Vec<Comment>,
    /// Entries of the answer's own list (top-level comments, or the replies asked for),
    /// deleted ones included: how far the offset moves.
    pub listed: usize,
    /// Comment objects in the answer, deleted ones included.
    pub seen: usize,
    /// Entries of the list left on the server after these (0: the list is complete).
    pub unread: usize,
    /// Comments of the whole thread on the server, when the backend says.
    pub total: Option<usize>,
    /// Top-level comments of the answer whose replies were cut short: id and replies read.
    pub partial: Vec<(String, usize)>,
}

/// Why a thread could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ReadError {
    /// A passing failure: try again later.
    #[error("{0}")]
    Failed(Failure),
    /// An error status that retrying will not change.
    #[error("HTTP {0}")]
    Status(u16),
    /// The body is not JSON.
    #[error("the answer is not JSON")]
    NotJson,
    /// A static thread that does not fit the contract.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A static thread that could not be loaded, fetched as the article is: the same
    /// message naming its URL and what failed (the status, no answer in time, a body cut
    /// short, empty, too large, not UTF-8, not JSON and where, nested too deep).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// JSON of an unexpected shape.
    #[error("unexpected answer: {0}")]
    BadAnswer(&'static str),
    /// This backend publishes no thread to read.
    #[error("this backend does not publish threads")]
    NotReadable,
}

impl ReadError {
    /// Whether reading again later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, ReadError::Failed(_))
    }
}

/// Why the comment configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// A backend that is not one of local, isso, http, none.
    #[error("comments backend \"{0}\" is not one of local, isso, http, none")]
    UnknownBackend(String),
    /// Isso and http need an endpoint.
    #[error("comments backend \"{0}\" needs an endpoint")]
    MissingEndpoint(&'static str),
    /// The endpoint or the thread URL is not an http(s) or relative URL.
    #[error("{url}: {reason}")]
    BadUrl {
        /// The URL as given.
        url: String,
        /// Why it is refused.
        reason: String,
    },
}

/// What the writing backend wants done with a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Perform this request, then pass the reply to [`Backend::submit_outcome`].
    Send(Request),
    /// Keep it on this device: [`LocalStore::accept`] gives the outcome.
    Store,
    /// This backend takes no comments.
    ReadOnly,
}

/// One comment backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A thread JSON file on a static host; read-only.
    Static {
        /// URL of the thread JSON.
        src: String,
    },
    /// The reader's own comments, kept in this browser.
    Local,
    /// An Isso server.
    Isso {
        /// The server's base URL.
        endpoint: String,
    },
    /// A plain JSON POST endpoint.
    Http {
        /// The URL comments are posted to.
        endpoint: String,
    },
}

impl Backend {
    /// Whether new comments can be written to it.
    pub fn can_write(&self) -> bool {
        !matches!(self, Backend::Static { .. })
    }

    /// Whether it honours idempotency keys, so that a submission in doubt may simply be sent
    /// again with the same key.
    pub fn idempotent(&self) -> bool {
        !matches!(self, Backend::Isso { .. })
    }

    /// The outbox policy for this writing backend.
    pub fn outbox_policy(&self) -> OutboxPolicy {
        OutboxPolicy {
            idempotent: self.idempotent(),
            ..OutboxPolicy::default()
        }
    }

    /// The request reading the thread, or `None` when the thread is not fetched (local:
    /// read the [`LocalStore`]; http: write-only).
    pub fn thread_request(&self, thread: &ThreadRef) -> Option<Request> {
        match self {
            Backend::Static { src } => Some(Request::get(src.clone())),
            Backend::Isso { endpoint } => Some(isso::thread_request(endpoint, thread)),
            Backend::Local | Backend::Http { .. } => None,
        }
    }

    /// The comments of the thread from the reply to [`Backend::thread_request`]. A 404 is an
    /// empty thread (no file or no comments yet).
    pub fn read_thread(&self, reply: &Reply) -> Result<Vec<Comment>, ReadError> {
        self.read_page(reply).map(|page| page.comments)
    }

    /// The comments of the thread from its JSON, for a shell that parsed the body itself.
    pub fn read_thread_json(&self, json: &Value) -> Result<Vec<Comment>, ReadError> {
        self.page_json(json).map(|page| page.comments)
    }

    /// The request reading `part` of the thread, or `None` when the thread is not fetched
    /// (local, http) or the backend has no such part (a static thread has one part).
    pub fn page_request(&self, thread: &ThreadRef, part: &Part) -> Option<Request> {
        match (self, part) {
            (Backend::Isso { endpoint }, part) => Some(isso::page_request(endpoint, thread, part)),
            (Backend::Static { .. }, Part::Roots { offset: 0, .. }) => self.thread_request(thread),
            _ => None,
        }
    }

    /// The page in the reply to [`Backend::page_request`]. A 404 is an empty thread.
    pub fn read_page(&self, reply: &Reply) -> Result<Page, ReadError> {
        match json_answer(reply)? {
            Some(json) => self.page_json(&json),
            None => Ok(Page::default()),
        }
    }

    /// The page in an answer's JSON: Isso's page, or a whole static thread.
    fn page_json(&self, json: &Value) -> Result<Page, ReadError> {
        match self {
            Backend::Isso { .. } => isso::page(json),
            Backend::Static { .. } => {
                let comments = static_json::comments(json)?;
                Ok(Page {
                    listed: comments.len(),
                    seen: comments.len(),
                    comments,
                    unread: 0,
                    total: None,
                    partial: Vec::new(),
                })
            }
            Backend::Local | Backend::Http { .. } => Err(ReadError::NotReadable),
        }
    }

    /// How to publish a submission.
    pub fn submit(&self, submission: &Submission) -> Route {
        match self {
            Backend::Static { .. } => Route::ReadOnly,
            Backend::Local => Route::Store,
            Backend::Isso { endpoint } => Route::Send(isso::submit_request(endpoint, submission)),
            Backend::Http { endpoint } => Route::Send(http::submit_request(endpoint, submission)),
        }
    }

    /// The outcome of the reply to the request of [`Backend::submit`].
    pub fn submit_outcome(&self, submission: &Submission, reply: &Reply) -> SubmitOutcome {
        match self {
            Backend::Isso { .. } => isso::submit_outcome(reply),
            Backend::Http { .. } => http::submit_outcome(submission, reply),
            Backend::Static { .. } | Backend::Local => SubmitOutcome::Rejected {
                status: 405,
                reason: "this backend takes no requests".into(),
            },
        }
    }

    /// The request liking comment `id`, or `None` when likes are kept on this device only.
    pub fn like_request(&self, id: &str) -> Option<Request> {
        match self {
            Backend::Isso { endpoint } => isso::like_request(endpoint, id),
            _ => None,
        }
    }

    /// The outcome of the reply to [`Backend::like_request`].
    pub fn like_outcome(&self, reply: &Reply) -> LikeOutcome {
        match self {
            Backend::Isso { .. } => isso::like_outcome(reply),
            _ => LikeOutcome::LocalOnly,
        }
    }
}

/// The backends of a thread: where it is read from and where new comments go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// Where the thread is read from.
    pub read: Backend,
    /// Where new comments go; `None` when comments are closed (read-only).
    pub write: Option<Backend>,
}

/// Chooses the backends from the article's (or the element's) comment settings:
///
/// - reading: the static thread at `src` if given, else the Isso server, else this device;
/// - writing: `isso` or `http` at `endpoint`; `local` (the default) keeps comments on this
///   device; `none` closes comments.
pub fn setup(config: Option<&CommentsConfig>) -> Result<Setup, ConfigError> {
    let backend = config.and_then(|c| c.backend.as_deref()).unwrap_or("local");
    let endpoint = |name: &'static str| -> Result<String, ConfigError> {
        let url = config
            .and_then(|c| c.endpoint.clone())
            .ok_or(ConfigError::MissingEndpoint(name))?;
        checked(url)
    };
    let write = match backend {
        "local" => Some(Backend::Local),
        "none" => None,
        "isso" => Some(Backend::Isso {
            endpoint: endpoint("isso")?,
        }),
        "http" => Some(Backend::Http {
            endpoint: endpoint("http")?,
        }),
        other => return Err(ConfigError::UnknownBackend(other.to_owned())),
    };
    let read = match (config.and_then(|c| c.src.clone()), &write) {
        (Some(src), _) => Backend::Static { src: checked(src)? },
        (None, Some(isso @ Backend::Isso { .. })) => isso.clone(),
        (None, _) => Backend::Local,
    };
    Ok(Setup { read, write })
}

fn checked(url: String) -> Result<String, ConfigError> {
    check_url(&url, UrlUse::Fetch).map_err(|e| ConfigError::BadUrl {
        url,
        reason: e.to_string(),
    })
}

/// Whether an HTTP status is worth retrying.
fn transient_status(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500..=599)
}

/// The JSON of a successful reply; `None` for a 404 (nothing there yet).
fn json_answer(reply: &Reply) -> Result<Option<Value>, ReadError> {
    match reply {
        Reply::Offline => Err(ReadError::Failed(Failure::Offline)),
        Reply::Network => Err(ReadError::Failed(Failure::Network)),
        Reply::Timeout => Err(ReadError::Failed(Failure::Timeout)),
        Reply::Answer { status: 404, .. } => Ok(None),
        Reply::Answer {
            status: 200..=299,
            body,
        } => codec::parse(body).map(Some).ok_or(ReadError::NotJson),
        Reply::Answer { status, .. } if transient_status(*status) => {
            Err(ReadError::Failed(Failure::Status(*status)))
        }
        Reply::Answer { status, .. } => Err(ReadError::Status(*status)),
    }
}

/// The status and body of a 2xx answer to a submission, for the backend to read.
fn success(reply: &Reply) -> Option<(u16, &str)> {
    match reply {
        Reply::Answer {
            status: status @ 200..=299,
            body,
        } => Some((*status, body)),
        _ => None,
    }
}

/// The outcome of any other reply to a submission. Neither is generic over the reading of
/// a success: one copy in the wasm.
fn unsuccessful(reply: &Reply) -> SubmitOutcome {
    match reply {
        Reply::Offline => SubmitOutcome::Failed(Failure::Offline),
        Reply::Network => SubmitOutcome::Failed(Failure::Network),
        Reply::Timeout => SubmitOutcome::Failed(Failure::Timeout),
        Reply::Answer { status, .. } if transient_status(*status) => {
            SubmitOutcome::Failed(Failure::Status(*status))
        }
        Reply::Answer {
            status: status @ 400..=499,
            body,
        } => SubmitOutcome::Rejected {
            status: *status,
            reason: reason(*status, body),
        },
        Reply::Answer { .. } => SubmitOutcome::Failed(Failure::BadAnswer),
    }
}

/// The reason a backend gives in an error body, as short plain text: the `error` of a JSON
/// body, the first paragraph of an HTML error page, or the text itself.
pub fn reason(status: u16, body: &str) -> String {
    let text = match codec::parse(body) {
        Some(json) => codec::get_str(&json, "error")
            .unwrap_or_default()
            .to_owned(),
        None if body.contains('<') => {
            let from = crate::text::find(body, "<p>").map_or(0, |p| p + 3);
            let paragraph = &body[from..];
            let to = crate::text::find(paragraph, "</p>").unwrap_or(paragraph.len());
            html_to_text(&paragraph[..to])
        }
        None => body.to_owned(),
    };
    // The words joined by single spaces, cut to MAX_REASON_CHARS with "…".
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if let Some((at, _)) = out.char_indices().nth(MAX_REASON_CHARS) {
        let cut = out[..at].char_indices().last().map_or(0, |(i, _)| i);
        out.truncate(cut);
        out.push('…');
    }
    let text = out;
    if text.is_empty() {
        fill("HTTP {}", u64::from(status))
    } else {
        text
    }
}

/// Percent-encodes a URL component as `encodeURIComponent` does, bar `!'()*`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4).to_ascii_uppercase());
            out.push(hex_digit(b & 15).to_ascii_uppercase());
        }
    }
    out
}

/// The lower-case hex digit of `n` (0 to 15).
pub(crate) fn hex_digit(n: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(n & 15)])
}

/// The endpoint without trailing slashes, to append paths to.
fn base(endpoint: &str) -> &str {
    endpoint.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(backend: Option<&str>, src: Option<&str>, endpoint: Option<&str>) -> CommentsConfig {
        CommentsConfig {
            src: src.map(Into::into),
            backend: backend.map(Into::into),
            endpoint: endpoint.map(Into::into),
        }
    }

    #[test]
    fn local_is_the_default() {
        let s = setup(None).unwrap();
        assert_eq!(
            s,
            Setup {
                read: Backend::Local,
                write: Some(Backend::Local)
            }
        );
        let s = setup(Some(&config(None, Some("../comments/a.json"), None))).unwrap();
        assert_eq!(
            s.read,
            Backend::Static {
                src: "../comments/a.json".into()
            }
        );
        assert_eq!(s.write, Some(Backend::Local));
    }

    #[test]
    fn read_static_write_elsewhere() {
        let s = setup(Some(&config(
            Some("isso"),
            Some("/c.json"),
            Some("https://isso.example/"),
        )))
        .unwrap();
        assert_eq!(
            s.read,
            Backend::Static {
                src: "/c.json".into()
            }
        );
        assert_eq!(
            s.write,
            Some(Backend::Isso {
                endpoint: "https://isso.example/".into()
            })
        );
        let s = setup(Some(&config(
            Some("isso"),
            None,
            Some("https://isso.example"),
        )))
        .unwrap();
        assert_eq!(
            s.read,
            Backend::Isso {
                endpoint: "https://isso.example".into()
            }
        );
        let s = setup(Some(&config(
            Some("http"),
            Some("/c.json"),
            Some("/api/comments"),
        )))
        .unwrap();
        assert_eq!(
            s.write,
            Some(Backend::Http {
                endpoint: "/api/comments".into()
            })
        );
        assert!(s.write.unwrap().outbox_policy().idempotent);
        assert!(
            !Backend::Isso {
                endpoint: "/isso".into()
            }
            .outbox_policy()
            .idempotent
        );
        let s = setup(Some(&config(Some("none"), Some("/c.json"), None))).unwrap();
        assert_eq!(s.write, None);
    }

    #[test]
    fn refuses_unusable_settings() {
        assert_eq!(
            setup(Some(&config(Some("isso"), None, None))),
            Err(ConfigError::MissingEndpoint("isso"))
        );
        assert_eq!(
            setup(Some(&config(Some("disqus"), None, None))),
            Err(ConfigError::UnknownBackend("disqus".into()))
        );
        assert!(matches!(
            setup(Some(&config(Some("http"), None, Some("mailto:a@b")))),
            Err(ConfigError::BadUrl { .. })
        ));
        assert!(matches!(
            setup(Some(&config(None, Some("javascript:x"), None))),
            Err(ConfigError::BadUrl { .. })
        ));
    }

    #[test]
    fn reasons_are_short_plain_text() {
        let werkzeug = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>text is too short (minimum length: 3)</p>\n";
        assert_eq!(
            reason(400, werkzeug),
            "text is too short (minimum length: 3)"
        );
        assert_eq!(
            reason(
                403,
                "<title>403</title><h1>Forbidden</h1><p>ratelimit exceeded (&lt;2/min)</p>"
            ),
            "ratelimit exceeded (<2/min)"
        );
        assert_eq!(reason(422, "{\"error\":\"  含有 违禁词 \"}"), "含有 违禁词");
        assert_eq!(reason(400, "  plain\nreason "), "plain reason");
        assert_eq!(reason(404, ""), "HTTP 404");
        assert_eq!(reason(400, "{}"), "HTTP 400");
        let long = reason(400, &"长".repeat(500));
        assert_eq!(long.chars().count(), MAX_REASON_CHARS);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn encodes_components() {
        assert_eq!(encode_component("/a/1?x=y&z"), "%2Fa%2F1%3Fx%3Dy%26z");
        assert_eq!(encode_component("歙县"), "%E6%AD%99%E5%8E%BF");
        assert_eq!(encode_component("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn answers_map_to_read_errors() {
        let read = Backend::Static {
            src: "/c.json".into(),
        };
        assert_eq!(
            read.read_thread(&Reply::Answer {
                status: 404,
                body: String::new()
            }),
            Ok(vec![])
        );
        assert_eq!(
            read.read_thread(&Reply::Timeout),
            Err(ReadError::Failed(Failure::Timeout))
        );
        assert_eq!(
            read.read_thread(&Reply::Answer {
                status: 503,
                body: String::new()
            }),
            Err(ReadError::Failed(Failure::Status(503)))
        );
        assert_eq!(
            read.read_thread(&Reply::Answer {
                status: 403,
                body: String::new()
            }),
            Err(ReadError::Status(403))
        );
        assert_eq!(
            read.read_thread(&Reply::Answer {
                status: 200,
                body: "<html>".into()
            }),
            Err(ReadError::NotJson)
        );
        assert!(read
            .read_thread(&Reply::Network)
            .unwrap_err()
            .is_transient());
        assert_eq!(
            Backend::Local.read_thread_json(&Value::Null),
            Err(ReadError::NotReadable)
        );
        assert_eq!(
            Backend::Local.thread_request(&ThreadRef::new("a", "t")),
            None
        );
    }
}

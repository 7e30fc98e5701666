//! Where comments are read from and written to, as pure request builders and answer
//! parsers: the shell performs each [`Request`] it is given (fetch) and hands back the
//! [`Reply`]; the backend turns it into comments or a typed outcome for the outbox. Each
//! backend is an adapter behind one trait, [`CommentBackend`], and the shell talks only to
//! the trait.
//!
//! | kind | reads | writes | likes | idempotency keys |
//! |---|---|---|---|---|
//! | [`StaticJson`] | GET of a thread JSON (`schema/comments.schema.json`) | no | on this device | – |
//! | [`Local`] | this device's [`LocalStore`] | into the [`LocalStore`] | on this device | yes |
//! | [`Isso`] | `GET {endpoint}/?uri=` | `POST {endpoint}/new?uri=` | `POST {endpoint}/id/N/like` | no: verified instead |
//! | [`Http`] | no (read a static thread) | `POST {endpoint}` (see [`http`]) | on this device | yes |
//!
//! A site reads with one backend and writes with another ([`setup`]): a thread in static
//! JSON with new comments sent to Isso or an HTTP endpoint; without a writing backend, new
//! comments stay on the reader's device.

pub mod http;
pub mod isso;
pub mod local;
pub mod static_json;

use std::rc::Rc;

use thiserror::Error;

use super::codec;
use super::fingerprint::html_to_text;
use super::likes::LikeOutcome;
use super::outbox::{Failure, OutboxPolicy, Submission, SubmitOutcome};
use super::thread::Sort;
use crate::model::{Comment, CommentsConfig, Value};
use crate::net::body::BodyError;
use crate::net::error::LoadError;
use crate::sanitize::url::{check_url, UrlUse};
use crate::text::fill;

pub use http::Http;
pub use isso::Isso;
pub use local::{Local, LocalStore};
pub use static_json::StaticJson;

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
    /// An answer whose body is not read: over the size limit a document has
    /// ([`crate::net::body::MAX_DOCUMENT_BYTES`]), so that a broken or hostile server
    /// cannot freeze the page.
    Unreadable(BodyError),
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
    /// A static thread that could not be loaded, fetched as the article is: the same
    /// message naming its URL and what failed (the status, no answer in time, a body cut
    /// short, empty, too large, not UTF-8, not JSON and where, nested too deep, or a
    /// document that does not fit the contract, with its fields).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A body that is not read (too large), as a document's would not be.
    #[error("the answer {0}")]
    Body(BodyError),
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
    /// Perform this request, then pass the reply to [`CommentBackend::submit_outcome`].
    Send(Request),
    /// Keep it on this device: [`LocalStore::accept`] gives the outcome.
    Store,
    /// This backend takes no comments.
    ReadOnly,
}

/// One comment backend, as the shell sees it: requests to perform and the outcomes of
/// their replies, for reading the thread, writing comments and liking. Every adapter
/// ([`StaticJson`], [`Local`], [`Isso`], [`Http`]) implements it; what all share (the
/// outbox policy, reading a reply) is implemented once, on `dyn CommentBackend`.
pub trait CommentBackend {
    /// Whether new comments can be written to it.
    fn can_write(&self) -> bool {
        true
    }

    /// Whether it honours idempotency keys, so that a submission in doubt may simply be
    /// sent again with the same key (if not, the outbox reads the thread to verify it).
    fn idempotent(&self) -> bool {
        true
    }

    /// The request reading the whole thread (to show it, or to verify a submission), or
    /// `None` when the thread is not fetched.
    fn thread_request(&self, _thread: &ThreadRef) -> Option<Request> {
        None
    }

    /// The request reading `part` of the thread, or `None` when the thread is not fetched
    /// or the backend has no such part (a static thread has one part).
    fn page_request(&self, _thread: &ThreadRef, _part: &Part) -> Option<Request> {
        None
    }

    /// Whether its thread is one JSON document, which the shell fetches at
    /// [`CommentBackend::page_request`] as it fetches the article (same retries, limits and
    /// messages) and reads with [`static_json::page`], never as an answer (`read_page`).
    fn reads_documents(&self) -> bool {
        false
    }

    /// The page in an answer's JSON, for a backend whose thread is read from answers
    /// (not [`CommentBackend::reads_documents`]).
    fn page_json(&self, _json: &Value) -> Result<Page, ReadError> {
        Err(ReadError::NotReadable)
    }

    /// How to publish a submission.
    fn submit(&self, submission: &Submission) -> Route;

    /// The outcome of the reply to the request of [`CommentBackend::submit`].
    fn submit_outcome(&self, _submission: &Submission, _reply: &Reply) -> SubmitOutcome {
        SubmitOutcome::Rejected {
            status: 405,
            reason: "this backend takes no requests".into(),
        }
    }

    /// The request liking comment `id`, or `None` when likes are kept on this device only.
    fn like_request(&self, _id: &str) -> Option<Request> {
        None
    }

    /// The outcome of the reply to [`CommentBackend::like_request`].
    fn like_outcome(&self, _reply: &Reply) -> LikeOutcome {
        LikeOutcome::LocalOnly
    }
}

// Shared by every backend, one copy in the wasm (not one per adapter).
impl dyn CommentBackend + '_ {
    /// The outbox policy for this writing backend.
    pub fn outbox_policy(&self) -> OutboxPolicy {
        OutboxPolicy {
            idempotent: self.idempotent(),
            ..OutboxPolicy::default()
        }
    }

    /// The page in the reply to [`CommentBackend::page_request`] or
    /// [`CommentBackend::thread_request`]. A 404 is an empty thread (no file or no comments
    /// yet).
    pub fn read_page(&self, reply: &Reply) -> Result<Page, ReadError> {
        match json_answer(reply)? {
            Some(json) => self.page_json(&json),
            None => Ok(Page::default()),
        }
    }

    /// The comments of the thread from the reply to [`CommentBackend::thread_request`].
    pub fn read_thread(&self, reply: &Reply) -> Result<Vec<Comment>, ReadError> {
        self.read_page(reply).map(|page| page.comments)
    }
}

/// A backend chosen by [`setup`], shared by the parts of the comment box that use it.
pub type Shared = Rc<dyn CommentBackend>;

/// The backends of a thread: where it is read from and where new comments go.
#[derive(Clone)]
pub struct Setup {
    /// Where the thread is read from.
    pub read: Shared,
    /// Where new comments go; `None` when comments are closed (read-only).
    pub write: Option<Shared>,
}

impl Setup {
    /// Whether new comments go to the server the thread is read from (Isso without `src`,
    /// one shared adapter): a thread read to verify a submission is then the thread shown.
    /// Reading and writing on this device (two [`Local`] adapters) is not: nothing there is
    /// verified by reading.
    pub fn writes_where_it_reads(&self) -> bool {
        self.write
            .as_ref()
            .is_some_and(|write| Rc::ptr_eq(write, &self.read))
    }
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
    // An Isso server also reads the thread when no static one is given.
    let mut readable: Option<Shared> = None;
    let write: Option<Shared> = match backend {
        "local" => Some(Rc::new(Local)),
        "none" => None,
        "isso" => {
            let isso: Shared = Rc::new(Isso::new(endpoint("isso")?));
            readable = Some(isso.clone());
            Some(isso)
        }
        "http" => Some(Rc::new(Http::new(endpoint("http")?))),
        other => return Err(ConfigError::UnknownBackend(other.to_owned())),
    };
    let read: Shared = match (config.and_then(|c| c.src.clone()), readable) {
        (Some(src), _) => Rc::new(StaticJson::new(checked(src)?)),
        (None, Some(isso)) => isso,
        (None, None) => Rc::new(Local),
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
        Reply::Unreadable(error) => Err(ReadError::Body(*error)),
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
        Reply::Unreadable(_) => SubmitOutcome::Failed(Failure::BadAnswer),
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

    /// Which adapter `backend` is, told by what it does: a document read (static), comments
    /// stored here (local), likes (Isso), or else a plain HTTP endpoint.
    fn kind(backend: &dyn CommentBackend) -> &'static str {
        let s = submission();
        match backend.submit(&s) {
            _ if backend.reads_documents() => "static",
            Route::Store => "local",
            _ if backend.like_request("7").is_some() => "isso",
            _ => "http",
        }
    }

    fn submission() -> Submission {
        Submission {
            key: "k".into(),
            thread: ThreadRef::new("a", "t"),
            comment: crate::comments::NewComment {
                parent: None,
                author: "a".into(),
                website: None,
                text: "text".into(),
            },
            created_ms: 0,
            attempts: 0,
            in_doubt: false,
            status: crate::comments::outbox::Status::Pending { due_ms: 0 },
        }
    }

    /// What a thread read by `backend` asks for first: its kind and URL.
    fn reads(backend: &dyn CommentBackend) -> (&'static str, Option<String>) {
        let first = Part::Roots {
            sort: Sort::Newest,
            offset: 0,
            limit: 20,
            replies: 5,
        };
        let request = backend.page_request(&ThreadRef::new("a", "t"), &first);
        (kind(backend), request.map(|r| r.url))
    }

    /// Where `backend` posts a new comment: its kind and URL.
    fn writes(backend: &dyn CommentBackend) -> (&'static str, Option<String>) {
        let url = match backend.submit(&submission()) {
            Route::Send(request) => Some(request.url),
            Route::Store => Some("(this device)".into()),
            Route::ReadOnly => None,
        };
        (kind(backend), url)
    }

    #[test]
    fn local_is_the_default() {
        let s = setup(None).unwrap();
        assert_eq!(reads(&*s.read), ("local", None));
        assert_eq!(
            s.write.as_deref().map(writes),
            Some(("local", Some("(this device)".into())))
        );
        assert!(!s.writes_where_it_reads());
        let s = setup(Some(&config(None, Some("../comments/a.json"), None))).unwrap();
        assert_eq!(
            reads(&*s.read),
            ("static", Some("../comments/a.json".into()))
        );
        assert_eq!(s.write.as_deref().map(kind), Some("local"));
    }

    #[test]
    fn read_static_write_elsewhere() {
        let s = setup(Some(&config(
            Some("isso"),
            Some("/c.json"),
            Some("https://isso.example/"),
        )))
        .unwrap();
        assert_eq!(reads(&*s.read), ("static", Some("/c.json".into())));
        assert_eq!(
            s.write.as_deref().map(writes),
            Some(("isso", Some("https://isso.example/new?uri=a".into())))
        );
        assert!(!s.writes_where_it_reads());
        let s = setup(Some(&config(
            Some("isso"),
            None,
            Some("https://isso.example"),
        )))
        .unwrap();
        assert_eq!(
            reads(&*s.read),
            (
                "isso",
                Some("https://isso.example/?uri=a&sort=newest&nested_limit=5&limit=20".into())
            )
        );
        assert!(s.writes_where_it_reads());
        let s = setup(Some(&config(
            Some("http"),
            Some("/c.json"),
            Some("/api/comments"),
        )))
        .unwrap();
        let write = s.write.unwrap();
        assert_eq!(writes(&*write), ("http", Some("/api/comments".into())));
        assert!(write.outbox_policy().idempotent);
        let isso: &dyn CommentBackend = &Isso::new("/isso");
        assert!(!isso.outbox_policy().idempotent);
        let s = setup(Some(&config(Some("none"), Some("/c.json"), None))).unwrap();
        assert!(s.write.is_none());
    }

    #[test]
    fn adapters_declare_what_they_can_do() {
        let all: [&dyn CommentBackend; 4] = [
            &StaticJson::new("/c.json"),
            &Local,
            &Isso::new("/isso"),
            &Http::new("/api"),
        ];
        let table: Vec<_> = all
            .iter()
            .map(|b| {
                (
                    kind(*b),
                    b.can_write(),
                    b.idempotent(),
                    b.thread_request(&ThreadRef::new("a", "t")).is_some(),
                    b.like_request("7").is_some(),
                )
            })
            .collect();
        assert_eq!(
            table,
            [
                ("static", false, true, false, false),
                ("local", true, true, false, false),
                ("isso", true, false, true, true),
                ("http", true, true, false, false),
            ]
        );
        assert_eq!(writes(all[0]), ("static", None));
        for backend in [all[0], all[1], all[3]] {
            assert_eq!(
                backend.like_outcome(&Reply::Offline),
                LikeOutcome::LocalOnly
            );
        }
        let later = Part::Roots {
            sort: Sort::Newest,
            offset: 20,
            limit: 20,
            replies: 5,
        };
        assert_eq!(all[0].page_request(&ThreadRef::new("a", "t"), &later), None);
    }

    #[test]
    fn refuses_unusable_settings() {
        assert_eq!(
            setup(Some(&config(Some("isso"), None, None))).err(),
            Some(ConfigError::MissingEndpoint("isso"))
        );
        assert_eq!(
            setup(Some(&config(Some("disqus"), None, None))).err(),
            Some(ConfigError::UnknownBackend("disqus".into()))
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
        let read: &dyn CommentBackend = &Isso::new("/isso");
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
        let body = BodyError::TooLarge { bytes: 5_000_000 };
        let too_large = read.read_thread(&Reply::Unreadable(body));
        assert_eq!(too_large, Err(ReadError::Body(body)));
        assert_eq!(
            too_large.unwrap_err().to_string(),
            "the answer is too large: 5000000 bytes, at most 4194304 are read"
        );
        for backend in [&Local as &dyn CommentBackend, &StaticJson::new("/c.json")] {
            assert_eq!(
                backend.read_page(&Reply::Answer {
                    status: 200,
                    body: "{}".into()
                }),
                Err(ReadError::NotReadable),
                "{}",
                kind(backend)
            );
        }
        assert_eq!(Local.thread_request(&ThreadRef::new("a", "t")), None);
    }
}

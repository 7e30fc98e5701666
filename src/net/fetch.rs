//! GET a JSON document with a time limit and retries, reporting failures as [`LoadError`].

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::body::{document_text, BodyError, MAX_DOCUMENT_BYTES};
use super::error::LoadError;
use super::retry::RetryPolicy;
use crate::model::fields::quoted;
use crate::model::json::MAX_DEPTH;
use crate::model::{FieldError, ModelError, Value};
use crate::sanitize::url::{check_url, protocol_allowed, UrlUse};

/// A fetched JSON document as a [`Value`] tree, ready for a contract's validator.
pub(crate) struct Document {
    /// The absolute URL that was requested; error messages name it.
    pub requested: String,
    /// The URL the document came from after redirects: the base for its relative URLs.
    pub url: String,
    /// The document.
    pub value: Value,
}

/// A GET already under way: the URL requested and the promise of its `fetch`.
pub(crate) type Early = (String, Promise);

/// The fetch of `early` if it requested `url`: what a first attempt at `url` takes over
/// instead of starting a request of its own.
pub(super) fn taken_over(early: Option<&Early>, url: &str) -> Option<Promise> {
    early.filter(|(u, _)| u == url).map(|(_, p)| p.clone())
}

/// Resolves `src` against `base`, checks it may be fetched, and GETs it as JSON under
/// `policy`. `early` is a GET started before (by the entry module while the wasm loaded,
/// or by [`prefetch`]); it serves the first attempt when its URL matches.
///
/// Each attempt is one [`request`] of src/net/fetch.js (the fetch raced against its time
/// limit, in a few lines of JS instead of a Rust state machine over promises); what its
/// answer means is decided here.
pub(crate) async fn get_document(
    src: &str,
    base: &str,
    policy: RetryPolicy,
    early: Option<&Early>,
) -> Result<Document, LoadError> {
    let requested = fetch_url(src, base)?;
    let mut early = taken_over(early, &requested);
    let mut next = 1;
    let mut delay = 0;
    loop {
        // The wait before a retry is the request's own (one await per attempt).
        let request = request(
            "GET",
            &requested,
            "",
            None,
            policy.timeout_ms,
            MAX_DOCUMENT_BYTES as u32,
            false,
            false,
            early.take(),
            delay,
        );
        let error = match read(
            &requested,
            policy.timeout_ms,
            &answer(JsFuture::from(request).await),
        ) {
            Ok(fetched) => return document(requested, fetched),
            Err(error) => error,
        };
        next += 1;
        delay = match policy.delay_before(next, &error) {
            Some(delay) => delay,
            None => return Err(error),
        };
    }
}

/// Starts the GET of `src` (relative to `base`) that a later [`get_document`] of it takes
/// over as `early`, so the request overlaps what the widget does meanwhile (drawing the
/// article, before the feed is wanted). `None` if the URL may not be fetched: that
/// [`get_document`] then says why.
#[cfg(feature = "recommendations")]
pub(crate) fn prefetch(src: &str, base: &str) -> Option<Early> {
    let url = fetch_url(src, base).ok()?;
    let response = start_get(&url, "");
    Some((url, response))
}

/// `src` resolved against `base`, if it may be fetched.
fn fetch_url(src: &str, base: &str) -> Result<String, LoadError> {
    let bad_url = |reason: String| LoadError::BadUrl {
        url: src.to_owned(),
        reason,
    };
    check_url(src, UrlUse::Fetch).map_err(|e| bad_url(e.to_string()))?;
    let url = web_sys::Url::new_with_base(src, base)
        .map_err(|_| bad_url("not a valid URL".to_owned()))?;
    let protocol = url.protocol();
    if !protocol_allowed(&protocol, UrlUse::Fetch) {
        return Err(bad_url(quoted(
            "only http and https URLs can be fetched (found ",
            &protocol,
            ")",
        )));
    }
    Ok(url.href())
}

/// The fetched JSON of `requested` as a [`Document`].
fn document(requested: String, fetched: Fetched) -> Result<Document, LoadError> {
    let Some(value) = Value::from_js(&fetched.json) else {
        return Err(LoadError::Model {
            url: requested,
            source: ModelError::Invalid(vec![FieldError::new(
                "(document)",
                format!("nested more than {MAX_DEPTH} levels deep"),
            )]),
        });
    };
    Ok(Document {
        requested,
        url: fetched.url,
        value,
    })
}

/// A fetched and parsed JSON document.
struct Fetched {
    /// The URL the document came from after redirects: the base for its relative URLs.
    url: String,
    /// The parsed JSON.
    json: JsValue,
}

#[wasm_bindgen(module = "/src/net/fetch.js")]
extern "C" {
    /// What became of a request made by [`request`]: a [`failure`] code, or the response.
    pub(super) type Answer;

    /// One request with a time limit (see src/net/fetch.js), made after `delay_ms`;
    /// resolves to an [`Answer`], never rejects. `headers` is names and values, each
    /// followed by a line break (which neither may contain).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn request(
        method: &str,
        url: &str,
        headers: &str,
        body: Option<&str>,
        timeout_ms: u32,
        max_bytes: u32,
        error_body: bool,
        as_text: bool,
        early: Option<Promise>,
        delay_ms: u32,
    ) -> Promise;

    /// A GET of `url` with `headers` (as [`request`] takes them) started now
    /// (src/net/fetch.js), for a later request's `early`.
    #[wasm_bindgen(js_name = prefetch)]
    pub(super) fn start_get(url: &str, headers: &str) -> Promise;

    /// 0 for an answer, else a [`failure`] code.
    #[wasm_bindgen(method, getter)]
    pub(super) fn failure(this: &Answer) -> u8;

    #[wasm_bindgen(method, getter)]
    pub(super) fn status(this: &Answer) -> u16;

    /// The declared length of a body refused as [`failure::TOO_LARGE`].
    #[wasm_bindgen(method, getter)]
    pub(super) fn length(this: &Answer) -> f64;

    /// The text `name` of an [`Answer`] (src/net/fetch.js): `statusText`, `url` (after
    /// redirects; empty if the browser does not say), `contentType`, or the body read as
    /// `text` (`as_text`); empty if it has none.
    fn said(answer: &Answer, name: &str) -> String;

    #[wasm_bindgen(method, getter)]
    fn bytes(this: &Answer) -> Vec<u8>;

    /// `text` parsed as JSON, as the one item of an array; if it is not JSON, the parser's
    /// message (src/net/fetch.js), or `undefined` if the parser gave none.
    #[wasm_bindgen(js_name = parseJson)]
    fn parse_json(text: &str) -> JsValue;
}

impl Answer {
    /// The body read as text (`as_text`).
    #[cfg(feature = "comments")]
    pub(super) fn text(&self) -> String {
        said(self, "text")
    }
}

/// Why [`request`] got no answer: its `failure` codes. Any other (1 in fetch.js): no HTTP
/// answer at all (offline, DNS, refused, or blocked by CORS).
pub(super) mod failure {
    /// No answer (or no whole body) within the time limit.
    pub const TIMEOUT: u8 = 2;
    /// The connection broke off while the body was read.
    pub const INCOMPLETE: u8 = 3;
    /// The declared Content-Length is over the limit.
    pub const TOO_LARGE: u8 = 4;
}

/// The [`Answer`] a settled [`request`] gave (awaited as a `JsFuture` by the caller: no
/// state machine of its own; a request never rejects).
pub(super) fn answer(settled: Result<JsValue, JsValue>) -> Answer {
    settled.unwrap_or(JsValue::UNDEFINED).unchecked_into()
}

/// The JSON document of `answer` to a GET of `url`, or why there is none.
fn read(url: &str, timeout_ms: u32, answer: &Answer) -> Result<Fetched, LoadError> {
    let url = url.to_owned();
    match answer.failure() {
        0 => {}
        failure::TIMEOUT => {
            return Err(LoadError::Timeout {
                url,
                after_ms: timeout_ms,
            })
        }
        failure::INCOMPLETE => return Err(LoadError::Incomplete { url }),
        failure::TOO_LARGE => {
            let bytes = answer.length() as u64;
            return Err(LoadError::Body {
                url,
                source: BodyError::TooLarge { bytes },
            });
        }
        _ => return Err(LoadError::Network { url }),
    }
    let status = answer.status();
    if !(200..300).contains(&status) {
        return Err(LoadError::Status {
            url,
            status,
            status_text: said(answer, "statusText"),
        });
    }
    let bytes = answer.bytes();
    let text = match document_text(&bytes) {
        Ok(text) => text,
        Err(source) => return Err(LoadError::Body { url, source }),
    };
    let parsed = parse_json(text);
    if !Array::is_array(&parsed) {
        return Err(not_json(
            url,
            parsed.as_string(),
            &said(answer, "contentType"),
        ));
    }
    let json = parsed.unchecked_into::<Array>().get(0);
    let from = said(answer, "url");
    Ok(Fetched {
        url: if from.is_empty() { url } else { from },
        json,
    })
}

/// The body is not JSON: the parser's message, and the content type the server gave if it
/// is not a JSON one.
fn not_json(url: String, message: Option<String>, content_type: &str) -> LoadError {
    let mut detail = message.unwrap_or_else(|| "the body could not be parsed".to_owned());
    if !content_type.is_empty() && crate::text::find(content_type, "json").is_none() {
        detail.push_str(" (the server sent it as ");
        detail.push_str(content_type);
        detail.push(')');
    }
    LoadError::NotJson { url, detail }
}

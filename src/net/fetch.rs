//! GET a JSON document with a time limit and retries, reporting failures as [`LoadError`].

use js_sys::{Array, Promise, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use super::body::{check_length, document_text, BodyError};
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

/// Resolves `src` against `base`, checks it may be fetched, and GETs it as JSON under
/// `policy`. `early` is a `(url, fetch promise)` started by the entry module before the
/// wasm was ready; it serves the first attempt when its URL matches.
///
/// One async body for every attempt: what lives across its awaits is the URL, the early
/// promise and the attempt under way (its abort controller, request and timer); the rest
/// happens in the plain functions below, so the state machine stays small.
pub(crate) async fn get_document(
    src: &str,
    base: &str,
    policy: RetryPolicy,
    early: Option<&(String, Promise)>,
) -> Result<Document, LoadError> {
    let requested = fetch_url(src, base)?;
    let mut early = early
        .filter(|(u, _)| *u == requested)
        .map(|(_, p)| p.clone());
    let mut next = 1;
    loop {
        let attempt = Attempt::start(&requested, policy.timeout_ms, early.take())?;
        let answer = race(&attempt.request, &attempt.timer).await;
        let error = match attempt.answered(answer) {
            Ok((response, body)) => {
                let body = race(&body, &attempt.timer).await;
                match attempt.read(&response, body) {
                    Ok(fetched) => return document(requested, fetched),
                    Err(error) => error,
                }
            }
            Err(error) => error,
        };
        next += 1;
        let (Some(delay), Some(window)) = (policy.delay_before(next, &error), web_sys::window())
        else {
            return Err(error);
        };
        // The same timer promise as an attempt's time limit: no Rust closure or channel.
        let _ = JsFuture::from(timer(&window, delay)).await;
    }
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
    if !protocol_allowed(&url.protocol(), UrlUse::Fetch) {
        return Err(bad_url(quoted(
            "only http and https URLs can be fetched (found ",
            &url.protocol(),
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
    pub url: String,
    /// The parsed JSON.
    pub json: JsValue,
}

/// A request under way, with what its time limit needs.
struct Attempt<'u> {
    url: &'u str,
    timeout_ms: u32,
    controller: Option<AbortController>,
    /// The fetch's promise.
    request: Promise,
    /// Resolves to `undefined` when the time is up.
    timer: Promise,
}

impl<'u> Attempt<'u> {
    /// Starts the fetch of `url` (or takes over `early`, already started) and its timer.
    fn start(url: &'u str, timeout_ms: u32, early: Option<Promise>) -> Result<Self, LoadError> {
        let window = web_sys::window().ok_or_else(|| LoadError::Network {
            url: url.to_owned(),
        })?;
        let controller = AbortController::new().ok();
        let request = match early {
            Some(promise) => promise,
            None => {
                // GET, fetch's default method.
                let init = RequestInit::new();
                if let Some(c) = &controller {
                    init.set_signal(Some(&c.signal()));
                }
                window.fetch_with_str_and_init(url, &init)
            }
        };
        let timer = timer(&window, timeout_ms);
        Ok(Attempt {
            url,
            timeout_ms,
            controller,
            request,
            timer,
        })
    }

    fn abort(&self) {
        if let Some(c) = &self.controller {
            c.abort();
        }
    }

    fn timed_out(&self) -> LoadError {
        self.abort();
        LoadError::Timeout {
            url: self.url.to_owned(),
            after_ms: self.timeout_ms,
        }
    }

    fn body_error(&self, source: BodyError) -> LoadError {
        LoadError::Body {
            url: self.url.to_owned(),
            source,
        }
    }

    fn incomplete(&self) -> LoadError {
        LoadError::Incomplete {
            url: self.url.to_owned(),
        }
    }

    /// The response (what the race of the fetch and the timer gave) and the promise of
    /// its body, once its status and declared length pass.
    fn answered(&self, answer: Result<JsValue, JsValue>) -> Result<(Response, Promise), LoadError> {
        let Ok(answer) = answer else {
            return Err(LoadError::Network {
                url: self.url.to_owned(),
            });
        };
        let Ok(response) = answer.dyn_into::<Response>() else {
            return Err(self.timed_out());
        };
        if !response.ok() {
            return Err(LoadError::Status {
                url: self.url.to_owned(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        if let Ok(length) = header(&response, "content-length").trim().parse::<u64>() {
            if let Err(e) = check_length(length) {
                self.abort();
                return Err(self.body_error(e));
            }
        }
        let body = response.array_buffer().map_err(|_| self.incomplete())?;
        Ok((response, body))
    }

    /// The JSON of `response` from its `body` (what the race of the body and the timer
    /// gave).
    fn read(
        &self,
        response: &Response,
        body: Result<JsValue, JsValue>,
    ) -> Result<Fetched, LoadError> {
        let buffer = match body {
            Ok(buffer) if buffer.is_undefined() => return Err(self.timed_out()),
            Ok(buffer) => buffer,
            Err(_) => return Err(self.incomplete()),
        };
        let bytes = Uint8Array::new(&buffer);
        check_length(u64::from(bytes.length())).map_err(|e| self.body_error(e))?;
        let bytes = bytes.to_vec();
        let text = document_text(&bytes).map_err(|e| self.body_error(e))?;
        let json = JSON::parse(text).map_err(|e| not_json(self.url, &e, response))?;
        let url = response.url();
        Ok(Fetched {
            url: if url.is_empty() {
                self.url.to_owned()
            } else {
                url
            },
            json,
        })
    }
}

/// Header `name` of `response`, empty if it has none.
fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A promise that resolves to `undefined` after `ms`, without a Rust closure to keep alive.
fn timer(window: &web_sys::Window, ms: u32) -> Promise {
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    })
}

/// Whichever of `a` and `b` settles first.
fn race(a: &Promise, b: &Promise) -> JsFuture {
    JsFuture::from(Promise::race(&Array::of2(a, b)))
}

/// The body of `response` is not JSON: the parser's message, and the content type the
/// server gave if it is not a JSON one.
fn not_json(url: &str, error: &JsValue, response: &Response) -> LoadError {
    let mut detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the body could not be parsed".to_owned());
    let content_type = header(response, "content-type");
    if !content_type.is_empty() && !content_type.contains("json") {
        detail.push_str(" (the server sent it as ");
        detail.push_str(&content_type);
        detail.push(')');
    }
    LoadError::NotJson {
        url: url.to_owned(),
        detail,
    }
}

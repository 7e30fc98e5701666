//! GET a JSON document with a time limit and retries, reporting failures as [`LoadError`].

use js_sys::{Array, Promise, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use super::body::{check_length, document_text};
use super::error::LoadError;
use super::retry::RetryPolicy;
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

/// Resolves `src` against `base`, checks it may be fetched, and GETs it as JSON.
/// `early` is a `(url, fetch promise)` started by the entry module before the wasm was
/// ready; it serves the first attempt when its URL matches.
pub(crate) async fn get_document(
    src: &str,
    base: &str,
    policy: RetryPolicy,
    early: Option<&(String, Promise)>,
) -> Result<Document, LoadError> {
    let bad_url = |reason: String| LoadError::BadUrl {
        url: src.to_owned(),
        reason,
    };
    check_url(src, UrlUse::Fetch).map_err(|e| bad_url(e.to_string()))?;
    let url = web_sys::Url::new_with_base(src, base)
        .map_err(|_| bad_url("not a valid URL".to_owned()))?;
    if !protocol_allowed(&url.protocol(), UrlUse::Fetch) {
        return Err(bad_url(format!(
            "only http and https URLs can be fetched (found \"{}\")",
            url.protocol()
        )));
    }
    let requested = url.href();
    let early = early
        .filter(|(u, _)| *u == requested)
        .map(|(_, p)| p.clone());
    let fetched = get_json(&requested, policy, early).await?;
    let value = Value::from_js(&fetched.json).ok_or_else(|| LoadError::Model {
        url: requested.clone(),
        source: ModelError::Invalid(vec![FieldError::new(
            "(document)",
            format!("nested more than {MAX_DEPTH} levels deep"),
        )]),
    })?;
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

/// Fetches `url` as JSON under `policy`; `early` serves the first attempt.
async fn get_json(
    url: &str,
    policy: RetryPolicy,
    mut early: Option<Promise>,
) -> Result<Fetched, LoadError> {
    let mut attempt = 1;
    loop {
        match get_once(url, policy.timeout_ms, early.take()).await {
            Ok(fetched) => return Ok(fetched),
            Err(error) => {
                attempt += 1;
                let Some(delay) = policy.delay_before(attempt, &error) else {
                    return Err(error);
                };
                gloo_timers::future::TimeoutFuture::new(delay).await;
            }
        }
    }
}

async fn get_once(
    url: &str,
    timeout_ms: u32,
    early: Option<Promise>,
) -> Result<Fetched, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Network {
        url: url.to_owned(),
    })?;
    let controller = AbortController::new().ok();
    let request = match early {
        Some(promise) => promise,
        None => {
            let init = RequestInit::new();
            init.set_method("GET");
            if let Some(c) = &controller {
                init.set_signal(Some(&c.signal()));
            }
            window.fetch_with_str_and_init(url, &init)
        }
    };
    let timer = timer(&window, timeout_ms);
    let timed_out = || {
        if let Some(c) = &controller {
            c.abort();
        }
        LoadError::Timeout {
            url: url.to_owned(),
            after_ms: timeout_ms,
        }
    };
    let network = |_| LoadError::Network {
        url: url.to_owned(),
    };

    let answer = race(&request, &timer).await.map_err(network)?;
    let response: Response = match answer.dyn_into() {
        Ok(response) => response,
        Err(_) => return Err(timed_out()),
    };
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let final_url = Some(response.url())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| url.to_owned());
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten().unwrap_or_default();
    let body_error = |source| LoadError::Body {
        url: url.to_owned(),
        source,
    };
    if let Ok(length) = header("content-length").trim().parse::<u64>() {
        if let Err(e) = check_length(length) {
            if let Some(c) = &controller {
                c.abort();
            }
            return Err(body_error(e));
        }
    }
    let incomplete = || LoadError::Incomplete {
        url: url.to_owned(),
    };
    let buffer = response.array_buffer().map_err(|_| incomplete())?;
    let buffer = match race(&buffer, &timer).await {
        Ok(buffer) if buffer.is_undefined() => return Err(timed_out()),
        Ok(buffer) => buffer,
        Err(_) => return Err(incomplete()),
    };
    let bytes = Uint8Array::new(&buffer);
    check_length(u64::from(bytes.length())).map_err(body_error)?;
    let bytes = bytes.to_vec();
    let text = document_text(&bytes).map_err(body_error)?;
    let json = JSON::parse(text).map_err(|e| {
        let content_type = header("content-type");
        let mut error = not_json(url, &e);
        if let LoadError::NotJson { detail, .. } = &mut error {
            if !content_type.is_empty() && !content_type.contains("json") {
                detail.push_str(&format!(" (the server sent it as {content_type})"));
            }
        }
        error
    })?;
    Ok(Fetched {
        url: final_url,
        json,
    })
}

/// A promise that resolves to `undefined` after `ms`, without a Rust closure to keep alive.
fn timer(window: &web_sys::Window, ms: u32) -> Promise {
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    })
}

async fn race(a: &Promise, b: &Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::race(&Array::of2(a, b))).await
}

fn not_json(url: &str, error: &JsValue) -> LoadError {
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the body could not be parsed".to_owned());
    LoadError::NotJson {
        url: url.to_owned(),
        detail,
    }
}

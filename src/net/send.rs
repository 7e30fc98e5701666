//! Performs a request the comment core describes ([`Request`]) and reports what became of
//! it ([`Reply`]): offline, network failure, time-out, or an HTTP answer with its body.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

use crate::comments::{Reply, Request};

/// Sends `request`, its URL resolved against `base`, giving up after `timeout_ms`. What
/// lives across its two awaits is the request's abort controller and its timer; the rest
/// happens in the plain functions of [`Attempt`], so the state machine stays small.
pub(crate) async fn send(request: &Request, base: &str, timeout_ms: u32) -> Reply {
    let attempt = match Attempt::start(request, base, timeout_ms) {
        Ok(attempt) => attempt,
        Err(reply) => return reply,
    };
    let answer = race(&attempt.fetch, &attempt.timer).await;
    let (status, text) = match attempt.answered(answer) {
        Ok(answered) => answered,
        Err(reply) => return reply,
    };
    let body = race(&text, &attempt.timer).await;
    attempt.read(status, body)
}

/// A request under way, with what its time limit needs.
struct Attempt {
    controller: Option<AbortController>,
    /// The fetch's promise.
    fetch: Promise,
    /// Resolves to `undefined` when the time is up.
    timer: Promise,
}

impl Attempt {
    /// Starts the fetch and its timer; the reply at once when it cannot start.
    fn start(request: &Request, base: &str, timeout_ms: u32) -> Result<Self, Reply> {
        let Some(window) = web_sys::window() else {
            return Err(Reply::Network);
        };
        if !window.navigator().on_line() {
            return Err(Reply::Offline);
        }
        let Ok(url) = web_sys::Url::new_with_base(&request.url, base) else {
            return Err(Reply::Network);
        };
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        if let Ok(headers) = Headers::new() {
            for (name, value) in &request.headers {
                let _ = headers.set(name, value);
            }
            init.set_headers(&headers);
        }
        if let Some(body) = &request.body {
            init.set_body(&body.into());
        }
        let controller = AbortController::new().ok();
        if let Some(c) = &controller {
            init.set_signal(Some(&c.signal()));
        }
        let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
        let timer = Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let fetch = window.fetch_with_str_and_init(&url.href(), &init);
        Ok(Attempt {
            controller,
            fetch,
            timer,
        })
    }

    /// The time is up: the fetch is aborted.
    fn timed_out(&self) -> Reply {
        if let Some(c) = &self.controller {
            c.abort();
        }
        Reply::Timeout
    }

    /// The status and the promise of the body text, from what the race of the fetch and
    /// the timer gave.
    fn answered(&self, answer: Result<JsValue, JsValue>) -> Result<(u16, Promise), Reply> {
        let Ok(answer) = answer else {
            return Err(Reply::Network);
        };
        let Ok(response) = answer.dyn_into::<Response>() else {
            return Err(self.timed_out());
        };
        match response.text() {
            Ok(text) => Ok((response.status(), text)),
            Err(_) => Err(Reply::Network),
        }
    }

    /// The reply, from what the race of the body and the timer gave.
    fn read(&self, status: u16, body: Result<JsValue, JsValue>) -> Reply {
        match body {
            Ok(body) => match body.as_string() {
                Some(body) => Reply::Answer { status, body },
                None => self.timed_out(),
            },
            Err(_) => Reply::Network,
        }
    }
}

/// Whichever of `a` and `b` settles first.
fn race(a: &Promise, b: &Promise) -> JsFuture {
    JsFuture::from(Promise::race(&Array::of2(a, b)))
}

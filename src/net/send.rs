//! Performs a request the comment core describes ([`Request`]) and reports what became of
//! it ([`Reply`]): offline, network failure, time-out, or an HTTP answer with its body.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, Response};

use crate::comments::{Reply, Request};

/// Sends `request`, its URL resolved against `base`, giving up after `timeout_ms`.
pub(crate) async fn send(request: &Request, base: &str, timeout_ms: u32) -> Reply {
    let Some(window) = web_sys::window() else {
        return Reply::Network;
    };
    if !window.navigator().on_line() {
        return Reply::Offline;
    }
    let Ok(url) = web_sys::Url::new_with_base(&request.url, base) else {
        return Reply::Network;
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
    let timer = Promise::new(&mut |resolve, _| {
        let ms = i32::try_from(timeout_ms).unwrap_or(i32::MAX);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let fetch = window.fetch_with_str_and_init(&url.href(), &init);
    let timed_out = || {
        if let Some(c) = &controller {
            c.abort();
        }
        Reply::Timeout
    };
    let Ok(answer) = JsFuture::from(Promise::race(&Array::of2(&fetch, &timer))).await else {
        return Reply::Network;
    };
    let Ok(response) = answer.dyn_into::<Response>() else {
        return timed_out();
    };
    let status = response.status();
    let Ok(text) = response.text() else {
        return Reply::Network;
    };
    match JsFuture::from(Promise::race(&Array::of2(&text, &timer))).await {
        Ok(body) => match body.as_string() {
            Some(body) => Reply::Answer { status, body },
            None => timed_out(),
        },
        Err(_) => Reply::Network,
    }
}

//! Performs a request the comment core describes ([`Request`]) and reports what became of
//! it ([`Reply`]): offline, network failure, time-out, or an HTTP answer with its body.

use wasm_bindgen_futures::JsFuture;

use super::fetch::{answer, failure, request};
use crate::comments::{Reply, Request};

/// Sends `request`, its URL resolved against `base`, giving up after `timeout_ms`.
pub(crate) async fn send(request_to_send: &Request, base: &str, timeout_ms: u32) -> Reply {
    let Some(window) = web_sys::window() else {
        return Reply::Network;
    };
    if !window.navigator().on_line() {
        return Reply::Offline;
    }
    let Ok(url) = web_sys::Url::new_with_base(&request_to_send.url, base) else {
        return Reply::Network;
    };
    let mut headers = String::new();
    for (name, value) in &request_to_send.headers {
        for part in [name, value.as_str()] {
            headers.push_str(part);
            headers.push('\n');
        }
    }
    let answer = answer(
        JsFuture::from(request(
            request_to_send.method.as_str(),
            &url.href(),
            &headers,
            request_to_send.body.as_deref(),
            timeout_ms,
            0,
            true,
            true,
            None,
            0,
        ))
        .await,
    );
    match answer.failure() {
        0 => Reply::Answer {
            status: answer.status(),
            body: answer.text(),
        },
        failure::TIMEOUT => Reply::Timeout,
        _ => Reply::Network,
    }
}

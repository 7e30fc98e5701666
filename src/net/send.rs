//! Performs a request the comment core describes ([`Request`]) and reports what became of
//! it ([`Reply`]): offline, network failure, time-out, or an HTTP answer with its body.

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
    let mut headers = Vec::with_capacity(request_to_send.headers.len() * 2);
    for (name, value) in &request_to_send.headers {
        headers.push((*name).to_owned());
        headers.push(value.clone());
    }
    let answer = answer(request(
        request_to_send.method.as_str(),
        &url.href(),
        headers,
        request_to_send.body.clone(),
        timeout_ms,
        0,
        true,
        true,
        None,
    ))
    .await;
    match answer.failure() {
        0 => Reply::Answer {
            status: answer.status(),
            body: answer.text(),
        },
        failure::TIMEOUT => Reply::Timeout,
        _ => Reply::Network,
    }
}

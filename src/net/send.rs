//! Performs a request the comment core describes ([`Request`]) and reports what became of
//! it ([`Reply`]): offline, network failure, time-out, or an HTTP answer with its body.

use wasm_bindgen_futures::JsFuture;

use super::body::{check_length, BodyError, MAX_DOCUMENT_BYTES};
use super::fetch::{answer, failure, request, start_get, taken_over, Early};
use crate::comments::{Method, Reply, Request};

/// Starts `request` now if it is a GET, its URL resolved against `base`, for a later
/// [`send`] of it to take over as `early` (so that the request overlaps other work).
pub(crate) fn prefetch(request: &Request, base: &str) -> Option<Early> {
    if request.method != Method::Get {
        return None;
    }
    let url = resolved(request, base)?;
    let response = start_get(&url, &header_lines(request));
    Some((url, response))
}

/// The URL of `request` resolved against `base`, if it parses.
fn resolved(request: &Request, base: &str) -> Option<String> {
    Some(web_sys::Url::new_with_base(&request.url, base).ok()?.href())
}

/// The headers of `request` as src/net/fetch.js takes them: names and values, each
/// followed by a line break.
fn header_lines(request: &Request) -> String {
    let mut lines = String::new();
    for (name, value) in &request.headers {
        for part in [name, value.as_str()] {
            lines.push_str(part);
            lines.push('\n');
        }
    }
    lines
}

/// Sends `request`, its URL resolved against `base`, giving up after `timeout_ms`; the
/// first attempt takes over `early` (from [`prefetch`]) if it requested the same URL.
pub(crate) async fn send(
    request_to_send: &Request,
    base: &str,
    timeout_ms: u32,
    early: Option<&Early>,
) -> Reply {
    let Some(window) = web_sys::window() else {
        return Reply::Network;
    };
    if !window.navigator().on_line() {
        return Reply::Offline;
    }
    let Some(url) = resolved(request_to_send, base) else {
        return Reply::Network;
    };
    let headers = header_lines(request_to_send);
    let answer = answer(
        JsFuture::from(request(
            request_to_send.method.as_str(),
            &url,
            &headers,
            request_to_send.body.as_deref(),
            timeout_ms,
            MAX_DOCUMENT_BYTES as u32,
            true,
            true,
            taken_over(early, &url),
            0,
        ))
        .await,
    );
    match answer.failure() {
        0 => {
            let body = answer.text();
            match check_length(body.len() as u64) {
                Ok(()) => Reply::Answer {
                    status: answer.status(),
                    body,
                },
                Err(error) => Reply::Unreadable(error),
            }
        }
        failure::TIMEOUT => Reply::Timeout,
        failure::TOO_LARGE => Reply::Unreadable(BodyError::TooLarge {
            bytes: answer.length() as u64,
        }),
        _ => Reply::Network,
    }
}

//! Loading JSON documents: what can go wrong (`error`), when to try again (`retry`), what a
//! body must be before it is parsed (`body`), and, in the browser, the fetch itself (`fetch`).

pub mod body;
pub mod error;
pub mod retry;

#[cfg(target_arch = "wasm32")]
pub(crate) mod fetch;
#[cfg(all(target_arch = "wasm32", feature = "comments"))]
pub(crate) mod send;

//! What untrusted markup and URLs may become: the URL scheme policy and the HTML allowlist.
//!
//! Both are pure so that they are tested natively; the browser half of the sanitizer
//! (parsing with `DOMParser` and rebuilding allowed nodes) lives in `dom::sanitize`.

pub mod policy;
pub mod url;

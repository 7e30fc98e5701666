//! What untrusted markup and URLs may become: the URL scheme policy, the HTML allowlist,
//! and the rebuild of parsed HTML through it.
//!
//! All three are pure so that they are tested natively; parsing is the platform's: the
//! browser's `DOMParser` in `dom::sanitize`, html5ever in `prerender` on the command line.

pub mod policy;
pub mod rebuild;
pub mod url;

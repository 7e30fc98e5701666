//! The browser shell: mounting into a shadow root, rendering the article and its states,
//! and rebuilding sanitised HTML. Only this module (and `net::fetch`) touches web-sys.

pub mod mount;
mod render;
mod sanitize;
mod status;
mod tree;

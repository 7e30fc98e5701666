//! The browser shell: mounting into a shadow root, rendering the article, its
//! recommendation sections and carousels, its states, and rebuilding sanitised HTML. Only this module (and `net::fetch`) touches web-sys.

mod carousel;
mod comments;
mod events;
mod feed;
mod focus;
pub mod mount;
mod recommendations;
mod render;
mod sanitize;
mod status;
mod storage;
mod styles;
mod tree;
mod trusted;

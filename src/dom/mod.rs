//! The browser shell: mounting into a shadow root (or taking over a pre-rendered one),
//! materializing the article's markup tree, its recommendation sections and carousels,
//! reading comfort controls, its states, and parsing HTML for the sanitizer. Only this module (and `net::fetch`) touches web-sys.

#[cfg(feature = "recommendations")]
mod carousel;
#[cfg(feature = "comments")]
mod comments;
mod events;
#[cfg(feature = "recommendations")]
mod feed;
mod focus;
mod frame;
mod materialize;
pub mod mount;
mod reading;
#[cfg(feature = "recommendations")]
mod recommendations;
mod render;
mod resize;
mod sanitize;
mod shared;
mod status;
mod storage;
mod styles;
mod tree;
mod trusted;

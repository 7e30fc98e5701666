//! article-widget: a news article page rendered from JSON by one WebAssembly custom element.
//!
//! The crate is a functional core (`model`, `text`, `i18n`, `sanitize`, `markup`, `view`,
//! `reading`, `net::retry`, …) that builds and tests natively, a thin browser shell (`dom`,
//! `net::fetch`) compiled only for `wasm32`, and, natively, the pre-renderer (`prerender`,
//! used by the `article-widget-render` command). The JavaScript entry (`src/entry.js`)
//! defines the `<article-widget>` element and calls the exported `mount` and `unmount`
//! (`dom::mount`, wasm only).

pub mod carousel;
pub mod comments;
pub mod i18n;
pub mod markup;
pub mod model;
pub mod net;
pub mod order;
pub mod reading;
pub mod recommend;
pub mod sanitize;
pub mod seo;
pub mod text;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;

#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
pub use dom::mount::{mount, set_strings, unmount};

/// The wasm's allocator: Talc, which costs fewer wasm bytes than the standard library's
/// dlmalloc. It grows the linear memory as it needs; reallocation always moves (the
/// `disable-realloc-in-place` feature), which keeps its code smaller still.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

//! The host site's `localStorage`, for the reader's own data (reading history, drafts,
//! outbox). Every access may fail (storage disabled, private mode, quota); failures are
//! reported as `false`/`None` so a reader's page never breaks over storage. Keys start
//! with `article-widget:` so a site can see and clear them. The calls are made in
//! src/dom/storage.js, which turns every exception into "nothing stored".

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/dom/storage.js")]
extern "C" {
    /// The value stored under `key`.
    #[wasm_bindgen(js_name = read)]
    pub(crate) fn read(key: &str) -> Option<String>;

    /// Stores `value` under `key`; `false` if the browser refused.
    #[wasm_bindgen(js_name = write)]
    pub(crate) fn write(key: &str, value: &str) -> bool;
}

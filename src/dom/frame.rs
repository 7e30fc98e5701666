//! Giving the browser a turn between the parts of a render: the article JSON is read in one
//! task and the article drawn in the next; the browser lays it out and paints it (the page's
//! largest contentful paint), and the rest (reading controls, the comment section, the feed)
//! follows in a later task, so that no task runs long. The timers are set in
//! src/dom/frame.js.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/dom/frame.js")]
extern "C" {
    #[wasm_bindgen(js_name = afterPaint)]
    fn after_paint_within(wait_ms: u32) -> Promise;
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task_promise() -> Promise;
    /// Puts `name` on the page's performance timeline (`performance.mark`): the article is
    /// parsed ("aw:parsed") and drawn ("aw:rendered"); `npm run bench` reads these.
    pub(super) fn mark(name: &str);
}

/// Longest wait for an animation frame: a hidden page gets none, and its widget must still
/// finish (a background tab's timers are throttled, which is as good as it gets there).
const FRAME_WAIT_MS: u32 = 100;

/// Resolves in a new task after the browser's next rendering opportunity: in a zero-delay
/// timer set from the next animation frame, so that frame's layout and paint come first; or
/// after [`FRAME_WAIT_MS`] when no frame comes. Resolves at once outside a window.
///
/// A resolved promise would not do (its continuation runs in the same task), and
/// `scheduler.yield()` continues before pending rendering where it can, which would paint
/// the article only after the rest.
///
/// A plain `JsFuture` for the caller to await (an async fn would add a state machine).
pub(super) fn after_paint() -> JsFuture {
    JsFuture::from(after_paint_within(FRAME_WAIT_MS))
}

/// Resolves in a new task, soon: `scheduler.yield()` where the browser has it (the
/// continuation goes ahead of other queued tasks), a zero-delay timer elsewhere. Between
/// reading the article and drawing it, so that the two are tasks of their own.
pub(super) fn next_task() -> JsFuture {
    JsFuture::from(next_task_promise())
}

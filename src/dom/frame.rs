//! Giving the browser a turn between the parts of a render: the article is drawn in one
//! task, the browser lays it out and paints it (the page's largest contentful paint), and
//! the rest (reading controls, the comment section, the feed) follows in a later task, so
//! that neither task runs long.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Longest wait for an animation frame: a hidden page gets none, and its widget must still
/// finish (a background tab's timers are throttled, which is as good as it gets there).
const FRAME_WAIT_MS: i32 = 100;

/// Resolves in a new task after the browser's next rendering opportunity: in a zero-delay
/// timer set from the next animation frame, so that frame's layout and paint come first; or
/// after [`FRAME_WAIT_MS`] when no frame comes. Resolves at once outside a window.
///
/// A resolved promise would not do (its continuation runs in the same task), and
/// `scheduler.yield()` continues before pending rendering where it can, which would paint
/// the article only after the rest.
pub(super) async fn after_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = Promise::new(&mut |resolve, _reject| {
        // `setTimeout(resolve, 0)` as a function of its own: bound, it needs no Rust closure
        // kept alive for the frame callback.
        let next_task = Reflect::get(&window, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| f.bind2(&window, resolve.as_ref(), &JsValue::from(0)));
        if let Some(next_task) = next_task {
            let _ = window.request_animation_frame(next_task.unchecked_ref());
        }
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, FRAME_WAIT_MS);
    });
    let _ = JsFuture::from(promise).await;
}

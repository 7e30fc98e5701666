//! What a JS snippet's wiring leaves running (the listeners, timers and observers of a
//! carousel, of the reading controls or of the feed's buttons) and the one Rust callback
//! it reports to.

use js_sys::Function;
use wasm_bindgen::prelude::*;

/// The callback a snippet reports to: what happened, and up to three numbers measured
/// with it (what they mean is the snippet's; those it does not pass arrive as NaN).
pub(crate) type Report = Closure<dyn FnMut(u32, f64, f64, f64)>;

/// Listeners, timers and observers at work: dropping it stops them, then drops their
/// callback.
pub(crate) struct Wired {
    /// Stops what the snippet set up.
    pub(crate) stop: Function,
    /// What it calls; dropped only after `stop`.
    pub(crate) _report: Report,
}

impl Drop for Wired {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::UNDEFINED);
    }
}

//! A `ResizeObserver` held together with the Rust closure it calls, disconnected on drop:
//! what measures the laid-out article (the reading progress) and the page's carousels. Its
//! callback runs after the browser has laid the page out, so reading the layout there
//! forces nothing.

use wasm_bindgen::prelude::*;
use web_sys::{Element, ResizeObserver};

/// A `ResizeObserver` at work: dropping it disconnects it, then drops its callback.
pub(crate) struct Resizes {
    observer: ResizeObserver,
    /// What the observer calls (its entries are not read: the callback measures what it
    /// needs itself); dropped only after the observer is disconnected.
    _callback: Closure<dyn FnMut()>,
}

impl Resizes {
    /// An observer that calls `callback` whenever an element it watches is laid out at a
    /// new size, the first time included; `None` where the browser has no
    /// `ResizeObserver`.
    pub(crate) fn new(callback: impl FnMut() + 'static) -> Option<Self> {
        let callback = Closure::wrap(Box::new(callback) as Box<dyn FnMut()>);
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        Some(Self {
            observer,
            _callback: callback,
        })
    }

    /// Watches `element` too.
    pub(crate) fn observe(&self, element: &Element) {
        self.observer.observe(element);
    }

    /// Stops watching `element`.
    #[cfg(feature = "recommendations")]
    pub(crate) fn unobserve(&self, element: &Element) {
        self.observer.unobserve(element);
    }
}

impl Drop for Resizes {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

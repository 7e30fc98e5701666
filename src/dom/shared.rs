//! State shared by the listeners, timers and observers of one part of the widget (a
//! carousel, the reading controls): each passes what happened to it, one at a time.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use web_sys::{Event, EventTarget};

/// Does `act` to `state`, unless it is busy (an event its own writes dispatched at once):
/// that event is dropped rather than borrowing the state twice.
pub(crate) fn with<T>(state: &RefCell<T>, act: impl FnOnce(&mut T)) {
    if let Ok(mut state) = state.try_borrow_mut() {
        act(&mut state);
    }
}

/// A listener for `kind` events on `target`, listening as `options` say, that does `act`
/// with each event to `state` (see [`with`]).
pub(crate) fn listen<T: 'static>(
    state: &Rc<RefCell<T>>,
    target: &EventTarget,
    kind: &'static str,
    options: EventListenerOptions,
    act: fn(&mut T, &Event),
) -> EventListener {
    let state = state.clone();
    EventListener::new_with_options(target, kind, options, move |event| {
        with(&state, |state| act(state, event));
    })
}

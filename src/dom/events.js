// See events.rs (emit): dispatches `article-widget:<name>` from `target` with `detail`,
// bubbling out of the shadow root and cancelable; false when a listener cancelled it.
export function emit(target, name, detail) {
  try {
    return target.dispatchEvent(
      new CustomEvent(`article-widget:${name}`, {
        bubbles: true,
        composed: true,
        cancelable: true,
        detail,
      }),
    );
  } catch {
    return true;
  }
}

// See events.rs (emit): one field of an event's detail.
export function field(detail, key, value) {
  detail[key] = value;
}

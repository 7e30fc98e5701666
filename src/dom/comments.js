// The browser questions of src/dom/comments.rs that took several calls from Rust each: one
// call here, the answer decided in Rust.

/** Whether the keydown `e` is Ctrl/⌘+Enter in the comment text. */
export function submitKey(e) {
  return e.key === 'Enter' && !!(e.ctrlKey || e.metaKey) && !!e.target && e.target.id === 'aw-text';
}

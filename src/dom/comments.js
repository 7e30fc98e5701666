// The browser questions of src/dom/comments.rs that took several calls from Rust each: one
// call here, the answer decided in Rust.

/** Whether the keydown `e` is Ctrl/⌘+Enter in the comment text. */
export function submitKey(e) {
  return e.key === 'Enter' && !!(e.ctrlKey || e.metaKey) && !!e.target && e.target.id === 'aw-text';
}

/** The element the event `e` happened on, or its nearest ancestor matching `selector`. */
export function closestTo(e, selector) {
  return e.target instanceof Element ? e.target.closest(selector) : null;
}

/**
 * What finds the control `el` again after a redraw: its class and the id (`data-id`) of the
 * row holding it (a comment, or `more:{id}` for the replies of `id`; '' outside a row),
 * joined by a line break.
 */
export function control(el) {
  const row = el.closest('li[data-id]');
  return `${el.className}\n${(row && row.getAttribute('data-id')) || ''}`;
}

/**
 * The first element of class `cls` in the row of `list` whose `data-id` is `row`, or in
 * `section` when `row` is ''.
 */
export function findControl(section, list, row, cls) {
  let scope = row ? null : section;
  for (const li of row ? list.children : []) {
    if (li.getAttribute('data-id') === row) {
      scope = li;
      break;
    }
  }
  return scope && scope.getElementsByClassName(cls)[0];
}

/** The `data-id` of the row before the row holding `el` ('' for none). */
export function rowBefore(el) {
  const li = el.closest('li');
  const prev = li && li.previousElementSibling;
  return (prev && prev.getAttribute('data-id')) || '';
}

/** The row of `list` right after the row whose `data-id` is `id`, if any. */
export function rowAfter(list, id) {
  for (const li of list.children) if (li.getAttribute('data-id') === id) return li.nextElementSibling;
  return null;
}

/**
 * Clears the timer `id` (0: none), then calls `callback` after `ms` milliseconds unless `ms`
 * is negative. Returns the new timer's id (0: none).
 */
export function later(id, ms, callback) {
  clearTimeout(id);
  return ms < 0 ? 0 : setTimeout(callback, ms);
}

/** The reader's offset from UTC in minutes at the unix time `ms` (east positive). */
export function zoneOffset(ms) {
  return -new Date(ms).getTimezoneOffset();
}

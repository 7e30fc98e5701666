// See frame.rs: resolves in a new task after the browser's next rendering opportunity, or
// after `waitMs` when no frame comes (a hidden page gets none); at once outside a window.
export function afterPaint(waitMs) {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return resolve();
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, waitMs);
  });
}

// See frame.rs: resolves in a new task, ahead of other queued tasks where the browser has
// `scheduler.yield()`.
export function nextTask() {
  return globalThis.scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));
}

// See mount.rs (mark): puts `name` on the page's performance timeline, where there is one.
export function mark(name) {
  try {
    globalThis.performance?.mark(name);
  } catch {
    // A timeline that refuses the mark changes nothing on the page.
  }
}

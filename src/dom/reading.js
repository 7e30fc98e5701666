// See reading.rs. showProgress (Progress::show): puts the percentage read on the progress
// bar (its aria-valuenow) and on the bar's fill (the --_progress custom property).
// followReading: the reading controls' listeners and the article's measurements.
export function showProgress(bar, fill, percent) {
  bar?.setAttribute('aria-valuenow', percent);
  fill?.style.setProperty('--_progress', percent);
}

/**
 * Calls `report(what, top, height, viewport)`, with the article's bounding box top and
 * height and the viewport's height as measured then (0 when not measured): 0 or 1 when
 * the smaller or larger text button is pressed, then 3 measured after it; 2 on the
 * window's scroll (a passive listener); 3 whenever `article` is laid out at a new size,
 * the first time included (in a ResizeObserver callback the layout is fresh, so reading
 * it forces nothing). Returns the function that stops all of it.
 */
export function followReading(article, smaller, larger, report) {
  const measure = (what) => {
    const rect = article.getBoundingClientRect();
    report(what, rect.top, rect.height, innerHeight || 0);
  };
  const offs = [];
  const on = (target, type, f) => {
    target.addEventListener(type, f, { passive: true });
    offs.push(() => target.removeEventListener(type, f, { passive: true }));
  };
  [smaller, larger].forEach((button, what) => {
    if (button) {
      on(button, 'click', () => {
        report(what, 0, 0, 0);
        measure(3);
      });
    }
  });
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(() => measure(3));
    observer.observe(article);
    offs.push(() => observer.disconnect());
  }
  on(window, 'scroll', () => measure(2));
  return () => offs.forEach((off) => off());
}

// See carousel.rs: the carousel's browser calls that take an object of options or a list
// of entries, made here rather than built field by field from Rust.

/** The `(prefers-reduced-motion: reduce)` query, or null where there is none. */
export function reducedMotion() {
  try {
    return matchMedia('(prefers-reduced-motion: reduce)');
  } catch {
    return null;
  }
}

/** Scrolls `track` to `left` CSS pixels, at once (`instant`) or smoothly. */
export function scrollTrack(track, left, instant) {
  track.scrollTo({ left, behavior: instant ? 'instant' : 'smooth' });
}

/**
 * Calls `report(onScreen)` whenever `root` comes on screen or goes off it; returns the
 * observer (to disconnect), or null where there is no IntersectionObserver.
 */
export function watchOnScreen(root, report) {
  if (typeof IntersectionObserver !== 'function') return null;
  const observer = new IntersectionObserver((entries) => {
    report(entries.some((entry) => entry.isIntersecting));
  });
  observer.observe(root);
  return observer;
}

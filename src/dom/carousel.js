// See carousel.rs: the carousel's browser calls that take an object of options or a list
// of entries, and its listeners, timer and observers, set up here and reporting to one
// Rust closure; what each report does to the carousel is decided in Rust.

/** Scrolls `track` to `left` CSS pixels, at once (`instant`) or smoothly. */
export function scrollTrack(track, left, instant) {
  track.scrollTo({ left, behavior: instant ? 'instant' : 'smooth' });
}

/**
 * Calls `report(what, value)` for what the carousel at `root` (its `.aw-track`, `.aw-prev`,
 * `.aw-next`, `.aw-dots` and optional `.aw-rotate`) reacts to (the codes are
 * carousel.rs's `event` constants): 0 previous, 1 next, 2 a picker dot (value: its place
 * among the dots, -1 if none), 3 the track's scroll ended (value: its scrollLeft as a
 * whole number, as web-sys gave it; without `scrollend`, once no scroll event came for
 * SCROLL_QUIET_MS), 4 the pointer or focus entered the carousel (focus
 * on the rotation button aside), 5 the tab hidden (1) or shown (0), 6 the rotation
 * button, 7 reduced motion on (1) or off (0), once as wiring ends and again whenever it
 * changes, 8 the autoplay tick every `tickMs` unless that is 0 (value: Date.now()), 9 on
 * screen (1) or off (0), watched unless `tickMs` is 0; 10 measure the laid-out track, then
 * 11 show what was measured: whenever `widthOf` (or another watched carousel's) is laid
 * out at a new size, the first time included, every watched carousel is told 10 before
 * any is told 11 (in a ResizeObserver callback: the layout is fresh, and no read follows a
 * write). Returns the function that stops all of it.
 */
export function wireCarousel(root, tickMs, widthOf, report) {
  const [track, prev, next, dots, rotate] = ['track', 'prev', 'next', 'dots', 'rotate'].map(
    (name) => root.querySelector('.aw-' + name),
  );
  const offs = [];
  const on = (target, type, f) => {
    target.addEventListener(type, f);
    offs.push(() => target.removeEventListener(type, f));
  };
  on(prev, 'click', () => report(0, 0));
  on(next, 'click', () => report(1, 0));
  on(dots, 'click', (e) => report(2, Array.prototype.indexOf.call(dots.children, e.target)));
  const ended = () => report(3, track.scrollLeft | 0);
  if ('onscrollend' in track) {
    on(track, 'scrollend', ended);
  } else {
    // No scrollend (e.g. Safari 18): the scroll has ended when no scroll event came for
    // a while.
    let quiet;
    on(track, 'scroll', () => {
      clearTimeout(quiet);
      quiet = setTimeout(ended, SCROLL_QUIET_MS);
    });
    offs.push(() => clearTimeout(quiet));
  }
  on(root, 'mouseenter', () => report(4, 0));
  on(root, 'focusin', (e) => e.target !== rotate && report(4, 0));
  const doc = root.ownerDocument;
  on(doc, 'visibilitychange', () => report(5, doc.hidden ? 1 : 0));
  if (rotate) on(rotate, 'click', () => report(6, 0));
  let motion = null;
  try {
    motion = matchMedia('(prefers-reduced-motion: reduce)');
  } catch {
    // No media queries here: motion is not reduced.
  }
  const moved = () => report(7, motion?.matches ? 1 : 0);
  if (motion) on(motion, 'change', moved);
  if (tickMs) {
    const timer = setInterval(() => report(8, Date.now()), tickMs);
    offs.push(() => clearInterval(timer));
    if (typeof IntersectionObserver === 'function') {
      const observer = new IntersectionObserver((entries) => {
        report(9, entries.some((entry) => entry.isIntersecting) ? 1 : 0);
      });
      observer.observe(root);
      offs.push(() => observer.disconnect());
    }
  }
  if (typeof ResizeObserver === 'function') {
    sizes ||= new ResizeObserver(() => {
      for (const what of [10, 11]) measured.forEach((each) => each(what, 0));
    });
    measured.set(widthOf, report);
    sizes.observe(widthOf);
    offs.push(() => {
      measured.delete(widthOf);
      sizes.unobserve(widthOf);
    });
  }
  moved();
  return () => offs.forEach((off) => off());
}

/** How long the track must be still to count as scrolled to its end, where the browser
 * has no `scrollend` event. */
const SCROLL_QUIET_MS = 150;

/** The carousels measured (the element watched for each, and its report) and the one
 * ResizeObserver watching them. */
const measured = new Map();
let sizes;

/**
 * The distance between the starts of the first two slides of `track` (the width of the
 * first when it is alone, 0 without slides); with `gap`, less the first slide's width:
 * the room between two slides.
 */
export function slidePitch(track, gap) {
  const [a, b] = track.children;
  if (!a) return 0;
  return (b ? b.offsetLeft - a.offsetLeft : a.offsetWidth) - (gap ? a.offsetWidth : 0);
}

/** Makes the slides of `track` outside `from..to` inert, and those inside not. */
export function inertOutside(track, from, to) {
  Array.prototype.forEach.call(track.children, (slide, i) => {
    slide.toggleAttribute('inert', i < from || i >= to);
  });
}

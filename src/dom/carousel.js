// See carousel.rs: the carousel's browser calls that take an object of options or walk
// the track's slides (its listeners, timer and observers are in Rust).

/** Scrolls `track` to `left` CSS pixels, at once (`instant`) or smoothly. */
export function scrollTrack(track, left, instant) {
  track.scrollTo({ left, behavior: instant ? 'instant' : 'smooth' });
}

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

// See recommendations.rs: the feed's click listeners (its sections' "clear history"
// buttons, its error panel's retry), reporting to one Rust closure.

/**
 * Calls `report(place)` for each click on or under `target`: the place, among
 * `target`'s children, of the one holding the clicked element when that element is a
 * "clear history" button (`.aw-clear-history`), else -1. Returns the function that stops
 * listening.
 */
export function onClicks(target, report) {
  const f = (e) =>
    report(
      e.target.className === 'aw-clear-history'
        ? Array.prototype.findIndex.call(target.children, (child) => child.contains(e.target))
        : -1,
    );
  target.addEventListener('click', f);
  return () => target.removeEventListener('click', f);
}

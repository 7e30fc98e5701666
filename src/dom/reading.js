// See reading.rs (Progress::show): puts the percentage read on the progress bar (its
// aria-valuenow) and on the bar's fill (the --_progress custom property).
export function showProgress(bar, fill, percent) {
  bar?.setAttribute('aria-valuenow', percent);
  fill?.style.setProperty('--_progress', percent);
}

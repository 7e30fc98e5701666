// See focus.rs (focus): moves focus to `element`; one that is not focusable by itself (a
// heading, a panel) gets tabindex="-1" first: focusable by script, still out of the Tab order.
export function focus(element) {
  if (!(element instanceof HTMLElement)) return;
  if (!/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName) && !element.hasAttribute('tabindex')) {
    element.setAttribute('tabindex', '-1');
  }
  try {
    element.focus();
  } catch {
    // Focus refused (e.g. a detached element): nothing else to do.
  }
}

// Gives a shadow root the one constructable stylesheet shared by every widget of the page
// (built from `css` the first time); false where the browser cannot construct or adopt one,
// and `shell` falls back to a <style> element.
let sheet;

function adopt(root, css) {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
  }
  if (!sheet) return false;
  try {
    Reflect.set(root, 'adoptedStyleSheets', [sheet]);
    return true;
  } catch {
    return false;
  }
}

// See mount.rs (mount): the element's open shadow root (attached if it has none) made ready
// for the widget, and the widget's root element in it. An article pre-rendered into it (its
// root matches `prerendered`) stays, its inline <style> replaced by the adopted styles (which
// a strict style-src allows where it blocks the inline one), or else brought up to `css`;
// otherwise the root is emptied, given the styles (adopted, or else a <style> element) and a
// new `<div class=rootClass part=root>`. Throws what attachShadow throws.
export function shell(element, css, prerendered, rootClass) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const kept = root.querySelector(prerendered);
  const style = kept && root.querySelector('style');
  if (style) {
    if (adopt(root, css)) style.remove();
    else if (style.textContent !== css) style.textContent = css;
    return kept;
  }
  const doc = element.ownerDocument;
  root.replaceChildren();
  if (!adopt(root, css)) {
    const fallback = doc.createElement('style');
    fallback.textContent = css;
    root.append(fallback);
  }
  const content = doc.createElement('div');
  content.className = rootClass;
  content.setAttribute('part', 'root');
  root.append(content);
  return content;
}

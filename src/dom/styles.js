// See styles.rs: gives a shadow root the one constructable stylesheet shared by every widget
// of the page (built from `css` the first time); false where the browser cannot construct or
// adopt one, and the caller falls back to a <style> element.
let sheet;

export function adopt(root, css) {
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

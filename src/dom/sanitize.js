// See sanitize.rs (parse): `html` (a string, or TrustedHTML from the widget's policy) parsed
// inertly by DOMParser, and the children of its body handed over as one flat list read by
// Value::from_js, in document order: an element is 1, its local name, its number of
// attributes, each attribute's name and value, its children, then 0; a text or CDATA node is
// 2 and its text. Null if the parse was refused (Trusted Types). Nothing is judged here: the
// allowlist rebuild in Rust decides what is kept.
export function parseHtml(html) {
  let body;
  try {
    body = new DOMParser().parseFromString(html, 'text/html').body;
  } catch {
    return null;
  }
  const out = [];
  const walk = (parent) => {
    for (const node of parent.childNodes) {
      const type = node.nodeType;
      if (type === 3 || type === 4) out.push(2, node.textContent);
      else if (type === 1) {
        const names = node.getAttributeNames();
        out.push(1, node.localName, names.length);
        for (const name of names) out.push(name, node.getAttribute(name) ?? '');
        walk(node);
        out.push(0);
      }
    }
  };
  if (body) walk(body);
  return out;
}

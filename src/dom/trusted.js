// The widget's Trusted Types policy, "article-widget" (the name trusted.rs gives in its
// messages): created on first use, private to this module. `null` where the page has no
// Trusted Types or refuses the policy: the text then goes to the sink as it is, and an
// enforcing sink refuses it.
let policy;

function through(kind, text) {
  if (policy === undefined) {
    const same = (value) => value;
    try {
      policy = globalThis.trustedTypes?.createPolicy('article-widget', {
        createHTML: same,
        createScript: same,
      }) ?? null;
    } catch {
      policy = null;
    }
  }
  return policy ? policy[kind](text) : text;
}

export const html = (text) => through('createHTML', text);
export const script = (text) => through('createScript', text);

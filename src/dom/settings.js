// See mount.rs (Settings::read): a widget's settings as the page gives them, each from the
// options object passed to mount() or else the element's attribute of that name, blank ones
// left out and comment URLs made absolute against the page; what numbers and themes mean is
// decided in Rust. One array, read item by item (texts, numbers, and the prefetched response,
// a promise, at its end).

// Rust's `char::is_whitespace`, so "blank" means what `str::trim` leaves empty.
const BLANK = /^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

function get(object, name) {
  try {
    return Reflect.get(object, name);
  } catch {
    return undefined;
  }
}

/** The language tag a `lang` setting stands for: the reader's browser language for `auto`. */
export function languageOf(lang) {
  return lang?.trim().toLowerCase() === 'auto' ? navigator.language : lang;
}

export function readSettings(options, element) {
  const option = (name) => {
    const value = get(options, name);
    const text = typeof value === 'string' ? value : element.getAttribute(name);
    return text === null || BLANK.test(text) ? undefined : text;
  };
  // A number given as an option, or else the text of one.
  const count = (name) => {
    const value = get(options, name);
    return typeof value === 'number' ? value : option(name);
  };
  const base = element.ownerDocument?.baseURI ?? '';
  const absolute = (name) => {
    const url = option(name);
    if (url === undefined) return undefined;
    try {
      return new URL(url, base).href;
    } catch {
      return url;
    }
  };
  const prefetch = get(options, 'prefetch');
  // In the order Settings::read takes them; absent ones undefined (null to Rust).
  return [
    option('src'),
    languageOf(option('lang')),
    option('theme'),
    count('timeout'),
    option('feed'),
    count('autoplay'),
    absolute('comments-src'),
    option('comments-backend'),
    absolute('comments-endpoint'),
    get(prefetch, 'url'),
    get(prefetch, 'response'),
  ];
}

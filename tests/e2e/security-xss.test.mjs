// Script injection (issue #6): every payload of tests/fixtures/xss/payloads.json in every string
// field of every contract (article, feed, static comment thread, Isso's answer), rendered by
// the widget in Chromium. Fails if anything runs (the canary global, a dialog, a request to the
// canary server or to a host the test did not serve) or if anything unsafe reaches the DOM: an
// on* attribute, a script, frame, object, embed, style, SVG or MathML element, a style
// attribute other than the widget's own, or a URL with another scheme than http(s) (mailto for
// links). Text fields must come out as the literal text.
//
// Documents are generated per payload index n and served from loopback; widgets are rendered
// in batches on one page. Families (each over every payload):
//   text    : each text field of article, feed and comment thread holds another payload
//             (field j of document n holds payload n + j), so every payload lands in every field
//   links   : every link URL of the article (and its feed and thread URLs) is payload n
//   images  : the image src is payload n;  srcset: an image srcset is payload n
//   feedurls: feed item link and image URL, and a comment's website, are payload n
//   isso    : Isso's answer: comment HTML, author and website are payloads (served raw by a
//             fake Isso route: HTML no Isso would let through, the sanitizer's hardest case)
//   isso-real: a real Isso 0.14 server: payload n posted as the comment text, n + 1 as the
//             author and n + 2 as the website (without it where Isso refuses it), read back
//             by the widget's Isso adapter
//   strings : every string field of each contract, enumerated from its schema
//             (tests/e2e/schema-fields.mjs) over a sample holding them all: field j of
//             document n holds payload n + j (the version in a document of its own, as a
//             wrong version hides every other field); such documents are refused, so the
//             payloads reach the page through the error messages that quote them
// The URL families must render the documents whose URLs the widget accepts (and name only the
// injected URL fields when it refuses one); same-origin requests to anything the test did not
// serve count as breaches, as requests to other hosts do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, WWW, errorsOf } from './harness.mjs';
import { startHostileServer, useHostileEnv } from './hostile-server.mjs';
import { contract } from './schema-fields.mjs';
import { request, startIsso } from './isso.mjs';

const env = useHostileEnv();
const CORPUS = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'xss', 'payloads.json'), 'utf8')).payloads;
const P = CORPUS.length;
/** Widgets per batch on the page. */
const BATCH = 64;

let canary;
let setUp;
/** Starts the canary server and serves the documents, once. */
function setup() {
  setUp ??= (async () => {
    await env.ready;
    canary = await startHostileServer();
    serveDocuments(env.server);
  })();
  return setUp;
}
after(async () => {
  await canary?.stop();
  await realIsso?.stop();
});

/** A real Isso server (started by the isso-real family), whose origin the widget may reach. */
let realIsso;
/** Origins of servers the widget is meant to talk to, besides the page's own. */
const TRUSTED = new Set();

const encode = (text, f) => [...text].map(f).join('');
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

/** Payload `n` (modulo the corpus) with its tokens filled in; `kind` is the canary path's first part. */
function payload(n, kind = 'pwn') {
  const i = ((n % P) + P) % P;
  const call = `top.__pwned(${i})`;
  const host = `127.0.0.1:${canary.port}`;
  const path = `/${kind}/${i}`;
  const code = (c) => c.codePointAt(0);
  const tokens = {
    '{PWN_DEC7}': encode(call, (c) => `&#${String(code(c)).padStart(7, '0')};`),
    '{PWN_DEC}': encode(call, (c) => `&#${code(c)};`),
    '{PWN_HEXRAW}': code(call).toString(16),
    '{PWN_HEX}': encode(call, (c) => `&#x${code(c).toString(16)};`),
    '{PWN_JSU}': call.replace(/[a-z_]/g, (c) => `\\u${code(c).toString(16).padStart(4, '0')}`),
    '{PWN_URL}': encode(call, (c) => `%${code(c).toString(16).padStart(2, '0')}`),
    '{PWN_B64}': b64(call),
    '{PWN}': call,
    '{B64_HTML}': b64(`<script>${call}</script>`),
    '{B64_SVG}': b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${call}"/>`),
    '{CANARY_HOST}': host,
    '{CANARY_PATH}': path,
    '{CANARY}': `http://${host}${path}`,
    '{N}': String(i),
  };
  let text = CORPUS[i].payload;
  for (const [token, value] of Object.entries(tokens)) text = text.replaceAll(token, value);
  return text;
}

/** What the browser makes of a string: lone surrogates become U+FFFD on their way through. */
const wellFormed = (text) => text.toWellFormed();
/** Rust's str::trim: Unicode White_Space, which differs from JavaScript's (U+FEFF, U+0085). */
const rustTrim = (text) => text.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');

const PUBLISHED = '2020-02-19T04:32:00+08:00';
const IMAGE = { src: 'img.png', width: 64, height: 48, alt: '' };

// ---- documents of each family, by payload index ----

/** Text fields: field j of document n holds payload n + j. */
const TEXT = {
  title: 0, summary: 1, site: 2, nav0: 3, nav1: 4, crumb0: 5, crumb1: 6, source: 7, author: 8, tag: 9,
  channelTitle: 10, blurb: 11, channelId: 12, id: 13, plain: 14, strong: 15, em: 16, heading: 17, alt: 18,
  caption: 19, credit: 20, sizes: 21, quote: 22, cite: 23, item: 24, html: 25, blockType: 26, fallback: 27,
  sectionId: 28, sectionTitle: 29, itemId: 30, itemTitle: 31, summaryText: 32, itemCredit: 33, itemChannel: 34,
  itemTag: 35, itemAlt: 36, carouselTitle: 37, carouselItem: 38, rankingItem: 39, gridItem: 40, listItem: 41,
  relatedTitle: 42, uri: 43, commentId: 44, commentAuthor: 45, commentText: 46, replyId: 47, replyAuthor: 48,
  replyText: 49, feedId: 50, feedTitle: 51,
};
const text = (n, field) => payload(n + TEXT[field]);

function textArticle(n) {
  const t = (field) => text(n, field);
  return {
    version: '1.0', id: t('id'), lang: 'en', title: t('title'), summary: t('summary'), published: PUBLISHED,
    site: { name: t('site'), url: '/' },
    navigation: [{ title: t('nav0'), url: 'a.html', current: true }, { title: t('nav1'), url: 'b.html' }],
    breadcrumbs: [{ title: t('crumb0'), url: '/' }, { title: t('crumb1') }],
    source: { name: t('source'), url: 'https://source.example/' },
    authors: [{ name: t('author') }], tags: [t('tag')],
    channel: { id: t('channelId'), title: t('channelTitle'), url: 'c.html', blurb: t('blurb') },
    feed: `feed.json?n=${n}`,
    comments: { src: `thread.json?n=${n}`, backend: 'local' },
    body: [
      { type: 'paragraph', children: [{ text: t('plain') }, { text: t('strong'), marks: ['strong'] },
        { text: t('em'), marks: ['em'], href: 'https://link.example/' }] },
      { type: 'heading', level: 2, children: [{ text: t('heading') }] },
      { type: 'image', ...IMAGE, alt: t('alt'), caption: t('caption'), credit: t('credit'), sizes: t('sizes') },
      { type: 'quote', children: [{ text: t('quote') }], cite: t('cite') },
      { type: 'list', ordered: true, items: [{ children: [{ text: t('item') }] }] },
      { type: 'html', html: t('html') },
      { type: t('blockType'), fallback: t('fallback') },
    ],
  };
}

function textFeed(n) {
  const t = (field) => text(n, field);
  const item = (title, extra = {}) => ({ id: `${t('itemId')}${title}`, title: t(title), url: 'story.html', ...extra });
  return {
    version: '1.0', id: t('feedId'), title: t('feedTitle'),
    sections: [
      { id: t('sectionId'), kind: 'featured', title: t('sectionTitle'), items: [item('itemTitle', {
        summary: t('summaryText'), credit: t('itemCredit'), channel: t('itemChannel'), tags: [t('itemTag')],
        image: { ...IMAGE, alt: t('itemAlt') }, published: PUBLISHED })] },
      { id: 'carousel', kind: 'carousel', title: t('carouselTitle'), items: [item('carouselItem', { image: IMAGE })] },
      { id: 'ranking', kind: 'ranking', title: 'ranking', items: [item('rankingItem', { rank: 1, views: 9 })] },
      { id: 'grid', kind: 'grid', title: 'grid', items: [item('gridItem', { image: IMAGE })] },
      { id: 'list', kind: 'list', title: 'list', items: [item('listItem')] },
      { id: 'related', kind: 'list', personalize: 'related', title: t('relatedTitle'),
        items: [item('itemTitle', { tags: [t('itemTag')] })] },
    ],
  };
}

function textThread(n) {
  const t = (field) => text(n, field);
  return {
    version: '1.0', uri: t('uri'),
    comments: [
      { id: t('commentId'), parent: null, author: t('commentAuthor'), created: PUBLISHED, text: t('commentText'), likes: 1 },
      { id: t('replyId'), parent: t('commentId'), author: t('replyAuthor'), created: PUBLISHED, text: t('replyText'), likes: 0 },
    ],
  };
}

/** A small valid article around URL fields. */
function shell(id, extra = {}) {
  return { version: '1.0', id, lang: 'en', title: `Document ${id}`, published: PUBLISHED,
    body: [{ type: 'paragraph', children: [{ text: 'Body.' }] }], comments: { backend: 'none' }, ...extra };
}

function linkArticle(n) {
  const url = payload(n, 'url');
  return shell(`links-${n}`, {
    url, site: { name: 'site', url }, navigation: [{ title: 'nav', url }], breadcrumbs: [{ title: 'crumb', url }, { title: 'here' }],
    source: { name: 'source', url }, authors: [{ name: 'author', url }], channel: { id: 'c', title: 'channel', url },
    feed: url, comments: { src: url, backend: 'http', endpoint: url },
    body: [
      { type: 'paragraph', children: [{ text: 'a link', href: url }] },
      { type: 'heading', level: 2, children: [{ text: 'a heading link', href: url }] },
      { type: 'quote', children: [{ text: 'a quoted link', href: url }] },
      { type: 'list', items: [{ children: [{ text: 'a listed link', href: url }] }] },
    ],
  });
}

/** The URL fields of each URL family's documents: all a refusal may name. */
const URL_FIELDS = {
  links: ['url', 'site.url', 'navigation[0].url', 'breadcrumbs[0].url', 'source.url', 'authors[0].url', 'channel.url',
    'feed', 'comments.src', 'comments.endpoint', 'body[0].children[0].href', 'body[1].children[0].href',
    'body[2].children[0].href', 'body[3].items[0].children[0].href'],
  images: ['body[0].src'],
  srcset: ['body[0].srcset'],
  feedurls: ['sections[0].items[0].url', 'sections[0].items[1].image.src', 'comments[0].website'],
};

// ---- every string field, from the schemas ----

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
/** Per contract, a valid document holding every string field of its schema. */
const STRING_SAMPLES = {
  article: { ...readJson(join(WWW, 'data', 'articles', 'showcase.json')), feed: 'feed.json',
    comments: { src: 'thread.json', backend: 'http', endpoint: '/api/comments' } },
  feed: readJson(join(ROOT, 'tests', 'fixtures', 'feed', 'valid', 'every-field.json')),
  comments: readJson(join(ROOT, 'tests', 'fixtures', 'comments', 'valid', 'reply-before-parent-and-extras.json')),
};

/** The string fields of `document` (a contract `name`), as schema-fields.mjs walks it. */
const stringsOf = (name, document) => contract(name).fieldsOf(document).filter((f) => typeof f.parent[f.key] === 'string');

/**
 * The sample of contract `name` with payload n + j in its string field j: the version alone
 * (`version`), or every other one. Returns the document and the fields injected.
 */
function injectStrings(name, n, version) {
  const document = structuredClone(STRING_SAMPLES[name]);
  const fields = stringsOf(name, document).filter((f) => (f.path === 'version') === version);
  fields.forEach((f, j) => { f.parent[f.key] = payload(n + j); });
  return { document, fields };
}
const allStrings = (name, n, version) => injectStrings(name, n, version).document;

function imageArticle(n) {
  return shell(`image-${n}`, { body: [{ type: 'image', ...IMAGE, src: payload(n, 'url'), alt: 'image' }] });
}

function srcsetArticle(n) {
  return shell(`srcset-${n}`, { body: [{ type: 'image', ...IMAGE, srcset: payload(n, 'url'), alt: 'image' }] });
}

function urlFeed(n) {
  const url = payload(n, 'url');
  return { version: '1.0', id: 'urls', sections: [{ id: 's', kind: 'grid', title: 'URLs', items: [
    { id: 'a', title: 'item link', url },
    { id: 'b', title: 'item image', url: 'story.html', image: { ...IMAGE, src: url } },
  ] }] };
}

function urlThread(n) {
  return { version: '1.0', uri: `feedurls-${n}`, comments: [
    { id: 'c1', parent: null, author: 'author', website: payload(n, 'url'), created: PUBLISHED, text: 'text', likes: 0 },
  ] };
}

/** Isso's answer to GET /?uri=isso-n: comment HTML, author and website are payloads. */
function issoAnswer(n) {
  const created = 1_600_000_000.5;
  const reply = (id, parent, k) => ({ id, parent, created, text: payload(n + k), author: payload(n + k + 1),
    website: payload(n + k + 2), mode: 1, likes: 0, dislikes: 0, replies: [] });
  const top = reply(1, null, 0);
  top.replies = [reply(2, 1, 3)];
  return { id: null, total_replies: 2, replies: [top] };
}

const FAMILIES = {
  text: { doc: 'text.json', feed: true, thread: true },
  links: { doc: 'links.json' },
  images: { doc: 'images.json' },
  srcset: { doc: 'srcset.json' },
  feedurls: { doc: 'feedurls.json', feed: true, thread: true },
  isso: { doc: 'isso.json', thread: true },
  'isso-real': { doc: 'isso-real.json', thread: true },
  'article-strings': { doc: 'strings/article.json' },
  'article-version': { doc: 'strings/article-version.json' },
  'feed-strings': { doc: 'strings/feed-host.json', feed: true },
  'feed-version': { doc: 'strings/feed-version-host.json', feed: true },
  'thread-strings': { doc: 'strings/thread-host.json', thread: true },
  'thread-version': { doc: 'strings/thread-version-host.json', thread: true },
};

/** Paths of the page's own origin the test serves (the documents add theirs): anything else requested there is a breach. */
const SERVED = new Set(['/xss.html', '/xss/img.png', '/favicon.ico', '/isso/']);

function serveDocuments(server) {
  const serve = (path, build) => {
    SERVED.add(path);
    server.route(path, (request, response, url) => {
      const body = JSON.stringify(build(Number(url.searchParams.get('n'))));
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(body);
    });
  };
  serve('/xss/text.json', textArticle);
  serve('/xss/feed.json', textFeed);
  serve('/xss/thread.json', textThread);
  serve('/xss/links.json', linkArticle);
  serve('/xss/images.json', imageArticle);
  serve('/xss/srcset.json', srcsetArticle);
  serve('/xss/feedurls.json', (n) => shell(`feedurls-${n}`, {
    feed: `urlfeed.json?n=${n}`, comments: { src: `urlthread.json?n=${n}`, backend: 'none' } }));
  serve('/xss/urlfeed.json', urlFeed);
  serve('/xss/urlthread.json', urlThread);
  serve('/xss/isso.json', (n) => shell(`isso-${n}`, { comments: { backend: 'isso', endpoint: `${server.origin}/isso` } }));
  serve('/xss/isso-real.json', (n) => shell(`isso-real-${n}`, { comments: { backend: 'isso', endpoint: realIsso.url } }));
  for (const version of [false, true]) {
    const suffix = version ? '-version' : '';
    serve(`/xss/strings/article${suffix}.json`, (n) => allStrings('article', n, version));
    serve(`/xss/strings/feed${suffix}.json`, (n) => allStrings('feed', n, version));
    serve(`/xss/strings/thread${suffix}.json`, (n) => allStrings('comments', n, version));
    serve(`/xss/strings/feed${suffix}-host.json`, (n) => shell(`feed-strings-${n}`, { feed: `feed${suffix}.json?n=${n}` }));
    serve(`/xss/strings/thread${suffix}-host.json`, (n) => shell(`thread-strings-${n}`, {
      comments: { src: `thread${suffix}.json?n=${n}`, backend: 'local' } }));
  }
  server.route('/isso/', (request, response, url) => {
    const n = Number(url.searchParams.get('uri').replace('isso-', ''));
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(issoAnswer(n)));
  });
  server.page('/xss.html', `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>script injection</title>
<script type="module" src="/widget/article-widget.js"></script></head>
<body><main id="stage"></main></body></html>`);
}

// ---- in the page ----

/** Waits until every widget on the stage is done: an error, or its article with thread and feed. */
async function settleAll(timeout) {
  const done = (widget) => {
    const root = widget.shadowRoot?.querySelector('.aw');
    if (!root || root.hasAttribute('aria-busy')) return false;
    if (root.querySelector(':scope > .aw-error')) return true;
    if (!root.querySelector('h1') || root.querySelector('[aria-busy="true"]')) return false;
    // The comment section is built once the article has been painted: wait for its thread.
    if (widget.dataset.thread && !root.querySelector('ol.aw-comment-list:not([aria-busy])')) return false;
    return !widget.dataset.feed || root.querySelector('.aw-section, .aw-error') !== null;
  };
  const widgets = [...document.querySelectorAll('#stage article-widget')];
  const deadline = performance.now() + timeout;
  while (performance.now() < deadline) {
    if (widgets.every(done)) return [];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return widgets.filter((w) => !done(w)).map((w) => w.getAttribute('src'));
}

/**
 * Everything unsafe in the page: light DOM and every shadow root. Returns { problems, widgets }
 * where widgets[i] is { outcome: 'article' | 'error', texts }.
 */
function audit() {
  const BANNED = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
    'style', 'svg', 'math', 'template', 'portal', 'fencedframe', 'noscript', 'xmp', 'plaintext', 'video', 'audio',
    'source', 'track', 'picture', 'canvas', 'dialog', 'marquee', 'isindex', 'listing', 'noembed', 'noframes', 'param',
    'image', 'keygen', 'bgsound', 'area', 'map']);
  const URL_ATTRS = { href: ['http:', 'https:', 'mailto:'], src: ['http:', 'https:'], cite: ['http:', 'https:', 'mailto:'] };
  const NEVER = new Set(['action', 'formaction', 'srcdoc', 'background', 'poster', 'data', 'codebase', 'ping',
    'xlink:href', 'http-equiv', 'is', 'autofocus', 'contenteditable']);
  const problems = [];
  const report = (where, what) => problems.push(`${where}: ${what}`);
  const checkUrl = (where, name, value, allowed) => {
    let protocol;
    try {
      protocol = new URL(value, document.baseURI).protocol;
    } catch {
      report(where, `${name}="${value}" does not parse`);
      return;
    }
    if (!allowed.includes(protocol)) report(where, `${name}="${value}"`);
  };
  const visit = (root, where) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      if (BANNED.has(tag) || tag.includes(':') || (tag.includes('-') && tag !== 'article-widget')) report(where, `<${tag}>`);
      for (const { name, value } of el.attributes) {
        const lower = name.toLowerCase();
        if (lower.startsWith('on')) report(where, `<${tag} ${name}>`);
        else if (NEVER.has(lower)) report(where, `<${tag} ${name}="${value}">`);
        // The widget's own style attributes: custom properties with numbers, set through the CSSOM.
        else if (lower === 'style' && !/^(\s*--[\w-]+: -?[\d.]+(px|%)?;)+$/.test(value.trim())) report(where, `<${tag} style="${value}">`);
        else if (lower === 'srcset') {
          for (const candidate of value.split(/,\s+/)) checkUrl(where, 'srcset', candidate.trim().split(/\s+/)[0], URL_ATTRS.src);
        } else if (URL_ATTRS[lower]) {
          if ((lower === 'href' && tag !== 'a') || (lower === 'src' && tag !== 'img')) report(where, `<${tag} ${name}>`);
          checkUrl(where, `<${tag} ${name}>`, value, URL_ATTRS[lower]);
        }
      }
      if (el.shadowRoot) visit(el.shadowRoot, el.getAttribute('src') ?? where);
    }
  };
  for (const el of document.body.children) {
    if (el.localName !== 'main') report('page', `light DOM: <${el.localName}>`);
  }
  const URL_KEYS = new Set(['url', 'item', 'image', '@id', 'mainEntityOfPage', 'logo', 'sameAs']);
  const checkLd = (where, value, key) => {
    if (Array.isArray(value)) value.forEach((v) => checkLd(where, v, key));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => checkLd(where, v, k));
    else if (typeof value === 'string' && URL_KEYS.has(key)) checkUrl(where, `JSON-LD ${key}`, value, URL_ATTRS.href);
  };
  for (const host of document.querySelectorAll('#stage > *')) {
    const where = host.getAttribute('src');
    if (host.localName !== 'article-widget') report('page', `light DOM: <${host.localName}>`);
    // The one light-DOM child the widget adds: its article's JSON-LD, a data block.
    for (const child of host.children) {
      if (child.localName !== 'script' || child.type !== 'application/ld+json' || !child.hasAttribute('data-article-widget')
        || child.attributes.length !== 2 || child.children.length > 0) {
        report(where, `light DOM: ${child.outerHTML.slice(0, 200)}`);
        continue;
      }
      if (child.textContent.includes('<')) report(where, 'JSON-LD holds a raw "<"');
      try {
        checkLd(where, JSON.parse(child.textContent));
      } catch {
        report(where, 'JSON-LD is not JSON');
      }
    }
    if (host.shadowRoot) visit(host.shadowRoot, where);
  }
  if (window.frames.length !== 0) report('page', `${window.frames.length} frames`);
  const widgets = [...document.querySelectorAll('#stage article-widget')].map((host) => {
    const root = host.shadowRoot;
    const q = (selector) => root.querySelector(selector)?.textContent ?? null;
    const all = (selector) => [...root.querySelectorAll(selector)].map((el) => el.textContent);
    // The fields an error names: its list, or the one in its detail ("url: field: message").
    const named = (panel) => {
      if (!panel) return null;
      const listed = [...panel.querySelectorAll('ul.aw-error-fields code')].map((el) => el.textContent);
      const one = (panel.querySelector('.aw-error-detail') ?? panel).textContent.match(/\.json\?n=\d+: ([^\s:]+): /);
      return listed.length > 0 ? listed : one ? [one[1]] : [];
    };
    return {
      outcome: root.querySelector('.aw > .aw-error') ? 'error' : 'article',
      refused: named(root.querySelector('.aw > .aw-error')),
      feedRefused: root.querySelector('.aw > .aw-error') ? null : named(root.querySelector('.aw-error')),
      threadRefused: named(root.querySelector('ol.aw-comment-list > li[role="alert"]')),
      bodyLinks: root.querySelectorAll('.aw-body a[href]').length,
      bodyImages: root.querySelectorAll('.aw-body img[src]').length,
      texts: {
        title: q('h1'), paragraph: q('.aw-body > p'), heading: q('.aw-body > h2'), caption: q('figcaption'),
        alt: root.querySelector('.aw-body img')?.getAttribute('alt') ?? null, quote: q('blockquote > p'),
        cite: q('blockquote cite'), item: q('.aw-body ol > li'), fallback: q('.aw-fallback'), blurb: q('.aw-channel p'),
        tag: q('.aw-tags li'), source: q('.aw-source a'), author: q('.aw-author'), crumb: q('.aw-breadcrumbs [aria-current]'),
        nav: all('.aw-channels a'), comments: all('.aw-comment-text'), authors: all('.aw-comment-author'),
        slide: q('.aw-slide-title'), summary: q('.aw-slide-summary'), sections: all('.aw-section-title'),
        headlines: all('.aw-headline'), tiles: all('.aw-tile-title'), feedError: q('.aw-error'),
        commentsError: q('ol.aw-comment-list > li[role="alert"]'),
      },
    };
  });
  return { problems, widgets };
}

// ---- the run ----

/** Renders documents 0..P-1 of `family` in batches; returns per-document outcomes, texts and problems. */
async function run(page, family, t) {
  const { doc, feed, thread } = FAMILIES[family];
  const problems = [];
  const results = [];
  for (let start = 0; start < P; start += BATCH) {
    const ns = [];
    for (let n = start; n < Math.min(P, start + BATCH); n += 1) ns.push(n);
    await page.evaluate(({ list, feed: hasFeed, thread: hasThread }) => {
      const stage = document.getElementById('stage');
      stage.replaceChildren();
      for (const src of list) {
        const widget = document.createElement('article-widget');
        widget.setAttribute('src', src);
        widget.setAttribute('timeout', '15000');
        if (hasFeed) widget.dataset.feed = '1';
        if (hasThread) widget.dataset.thread = '1';
        stage.append(widget);
      }
    }, { list: ns.map((n) => `/xss/${doc}?n=${n}`), feed: Boolean(feed), thread: Boolean(thread) });
    const pending = await page.evaluate(settleAll, 40_000);
    assert.deepEqual(pending, [], `${family}: widgets still loading`);
    const { problems: found, widgets } = await page.evaluate(audit);
    problems.push(...found.map((p) => `${family} ${p}`));
    widgets.forEach((w, i) => results.push({ n: ns[i], ...w }));
  }
  await page.evaluate(() => document.getElementById('stage').replaceChildren());
  const errors = results.filter((r) => r.outcome === 'error').length;
  t.diagnostic(`${family}: ${P} documents, ${P - errors} rendered, ${errors} refused with an error`);
  return { problems, results };
}

/** A page that records whatever runs or is requested. */
async function openPage() {
  await setup();
  const page = await env.newPage();
  const seen = { pwned: [], dialogs: [], requests: [], images: new Set() };
  await page.exposeFunction('__pwnedReport', (n) => seen.pwned.push(n));
  await page.addInitScript(() => {
    window.__pwned = (n) => window.__pwnedReport(n);
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    seen.requests.push(request.url());
    if (request.resourceType() === 'image') seen.images.add(request.url());
  });
  // Nothing leaves the machine: requests to other hosts are recorded above and answered 404
  // here (final, where an abort would be retried).
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${env.server.origin}/xss.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  return { page, seen };
}

/**
 * Requests that show a payload acted: to a /pwn/ path of any host, or (text and HTML) to the
 * canary, another host, or a path of the page's origin the test did not serve.
 */
function breaches(seen, strict) {
  return seen.requests.filter((raw) => {
    const url = new URL(raw);
    if (url.pathname.startsWith('/pwn/')) return true;
    if (TRUSTED.has(url.origin)) return false;
    if (url.origin === canary.origin) return strict;
    // Images the sanitized HTML keeps (relative URLs of <img>) load from the page's origin.
    if (url.origin === env.server.origin) {
      return strict && !SERVED.has(url.pathname) && !url.pathname.startsWith('/widget/') && !seen.images.has(raw);
    }
    return strict || !/^https?:$/.test(url.protocol);
  });
}

function assertClean(page, seen, problems, strict) {
  assert.deepEqual(seen.pwned, [], 'payloads ran (canary calls, by payload index)');
  assert.deepEqual(seen.dialogs, [], 'payloads opened dialogs');
  assert.deepEqual(breaches(seen, strict), [], 'requests a payload caused');
  assert.deepEqual(canary.requests().filter((r) => r.path.startsWith('/pwn/')), [], 'the canary server was reached');
  assert.deepEqual(problems, [], 'unsafe markup or URLs in the DOM');
  assert.deepEqual(errorsOf(page).pageErrors, [], 'uncaught exceptions');
  const panics = errorsOf(page).consoleErrors.filter((e) => /panic|unreachable|RuntimeError/i.test(e));
  assert.deepEqual(panics, [], 'the wasm panicked');
}

test(`the corpus holds at least 300 distinct payloads (${P})`, () => {
  assert.ok(P >= 300, `${P} payloads`);
  assert.equal(new Set(CORPUS.map((p) => p.payload)).size, P, 'distinct');
  const active = CORPUS.filter((p) => /\{PWN|\{CANARY|\{B64_|alert|confirm|prompt|msgbox/.test(p.payload));
  assert.ok(active.length >= P * 0.95, `${active.length} of ${P} payloads would show when they run`);
});

test('the detectors see what they look for (so that a clean run means something)', async () => {
  const { page, seen } = await openPage();
  await page.evaluate(() => {
    const widget = document.createElement('article-widget');
    widget.setAttribute('src', '/xss/links.json?n=0');
    document.getElementById('stage').append(widget);
  });
  assert.deepEqual(await page.evaluate(settleAll, 20_000), []);
  assert.deepEqual((await page.evaluate(audit)).problems, [], 'a clean widget');
  await page.evaluate((canaryUrl) => {
    const root = document.querySelector('article-widget').shadowRoot.querySelector('.aw');
    const add = (html) => root.insertAdjacentHTML('beforeend', html);
    add('<img src="x" onerror="top.__pwned(-1)">');
    add('<a href="javascript:void 0">x</a><img src="data:image/png;base64,AAAA"><p style="color:red">x</p>');
    add(`<svg></svg><div srcdoc="x"></div><img srcset="x 1x, javascript:y 2x"><link href="${canaryUrl}">`);
    fetch(canaryUrl).catch(() => {});
    fetch('/pwn/-2').catch(() => {});
    fetch('/xss/not-served').catch(() => {});
    setTimeout(() => alert('dialog'), 0);
  }, `${canary.origin}/pwn/-1`);
  await page.waitForFunction(() => true);
  const { problems } = await page.evaluate(audit);
  for (const expected of ['<img onerror>', '<a href>="javascript:void 0"', '<img src>="data:', '<p style="color:red">',
    '<svg>', '<div srcdoc="x">', 'srcset="javascript:y"', '<link>', '<link href>']) {
    assert.ok(problems.some((p) => p.includes(expected)), `${expected} in ${JSON.stringify(problems)}`);
  }
  const deadline = Date.now() + 5000;
  while ((seen.pwned.length === 0 || seen.dialogs.length === 0) && Date.now() < deadline) await page.waitForTimeout(50);
  assert.deepEqual(seen.pwned, [-1]);
  assert.deepEqual(seen.dialogs, ['alert: dialog']);
  const deadlineRequests = Date.now() + 5000;
  while (seen.requests.filter((r) => /pwn|not-served/.test(r)).length < 3 && Date.now() < deadlineRequests) await page.waitForTimeout(50);
  assert.deepEqual(breaches(seen, false), [`${canary.origin}/pwn/-1`, `${env.server.origin}/pwn/-2`]);
  const strict = breaches(seen, true);
  for (const url of [`${canary.origin}/pwn/-1`, `${env.server.origin}/pwn/-2`, `${env.server.origin}/xss/not-served`]) {
    assert.ok(strict.includes(url), `${url} in ${JSON.stringify(strict)}`);
  }
  assert.ok(!strict.some((url) => url.startsWith(`${env.server.origin}/xss/links.json`)), 'what the test served is no breach');
  await page.evaluate(() => document.getElementById('stage').replaceChildren());
  canary.forget();
});

test('text fields of article, feed and comment thread: every payload in every field, shown as text', async (t) => {
  const { page, seen } = await openPage();
  const { problems, results } = await run(page, 'text', t);
  assertClean(page, seen, problems, true);
  const wrong = [];
  for (const { n, outcome, texts } of results) {
    const want = (field) => wellFormed(text(n, field));
    if (outcome !== 'article') {
      wrong.push(`${n}: not rendered`);
      continue;
    }
    const expect = {
      title: want('title'), paragraph: want('plain') + want('strong') + want('em'), heading: want('heading'),
      caption: want('caption') + `Photo: ${want('credit')}`, alt: want('alt'), quote: want('quote'), cite: want('cite'),
      item: want('item'), fallback: want('fallback'), blurb: want('blurb'), tag: want('tag'), source: want('source'),
      author: want('author'), crumb: want('crumb1'), nav: [want('nav0'), want('nav1')],
      comments: [want('commentText'), want('replyText')].sort(), authors: [rustTrim(want('commentAuthor')), rustTrim(want('replyAuthor'))].sort(),
      slide: want('itemTitle'), summary: want('summaryText'),
    };
    for (const [field, value] of Object.entries(expect)) {
      let got = texts[field];
      if (Array.isArray(got) && (field === 'comments' || field === 'authors')) got = [...got].sort();
      if (JSON.stringify(got) !== JSON.stringify(value)) wrong.push(`${n} ${field}: ${JSON.stringify(got)} ≠ ${JSON.stringify(value)}`);
    }
    for (const field of ['sectionTitle', 'carouselTitle', 'relatedTitle']) {
      if (!texts.sections.includes(want(field))) wrong.push(`${n} ${field} missing from ${JSON.stringify(texts.sections)}`);
    }
    for (const field of ['rankingItem', 'listItem']) {
      if (!texts.headlines.includes(want(field))) wrong.push(`${n} ${field} missing from ${JSON.stringify(texts.headlines)}`);
    }
    if (!texts.tiles.includes(want('gridItem'))) wrong.push(`${n} gridItem missing`);
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} text fields not shown as the literal text`);
});

/**
 * Per URL family: whether a document's URLs were accepted (`shown`), and whether what shows
 * then holds them (`complete`: the body's four links, its image, the feed's section and the
 * comment).
 */
const RENDERED = {
  links: { shown: (r) => r.outcome === 'article', complete: (r) => r.bodyLinks === 4 },
  images: { shown: (r) => r.outcome === 'article', complete: (r) => r.bodyImages === 1 },
  srcset: { shown: (r) => r.outcome === 'article', complete: (r) => r.bodyImages === 1 },
  feedurls: { shown: (r) => r.feedRefused === null, complete: (r) => r.texts.sections.includes('URLs')
    && (r.threadRefused !== null || r.texts.authors.length === 1) },
};

for (const family of ['links', 'images', 'srcset', 'feedurls']) {
  test(`URL fields (${family}): every payload is refused or becomes a safe http(s) URL`, async (t) => {
    const { page, seen } = await openPage();
    const { problems, results } = await run(page, family, t);
    assertClean(page, seen, problems, false);
    // Refused for the URL, and only for it; shown, with the URLs in place, otherwise.
    const wrong = [];
    for (const r of results) {
      const refused = [r.refused, r.feedRefused, r.threadRefused].filter(Boolean).flat();
      const other = refused.filter((path) => !URL_FIELDS[family].some((field) => path === field || path.startsWith(`${field}[`)));
      if (other.length > 0) wrong.push(`${r.n}: refused for ${JSON.stringify(other)}`);
      if (RENDERED[family].shown(r) && !RENDERED[family].complete(r)) wrong.push(`${r.n}: rendered without its URLs`);
    }
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} documents`);
    const rendered = results.filter(RENDERED[family].shown).length;
    assert.ok(rendered >= P / 2, `${family}: ${rendered} of ${P} documents rendered`);
  });
}

test('every string field of the three schemas gets the payloads', () => {
  for (const [name, sample] of Object.entries(STRING_SAMPLES)) {
    const injected = new Set(stringsOf(name, sample).flatMap((f) => f.pointers));
    const missing = contract(name).stringFields().filter((pointer) => !injected.has(pointer));
    assert.deepEqual(missing, [], `${name}: string fields of the schema the sample does not hold`);
    // Every string of the sample gets a payload (the version in documents of its own).
    const fields = [false, true].flatMap((version) => injectStrings(name, 7, version).fields);
    assert.equal(fields.length, stringsOf(name, sample).length, name);
    assert.deepEqual(new Set(fields.flatMap((f) => f.pointers)), injected, name);
    const { document, fields: set } = injectStrings(name, 7, false);
    assert.ok(set.length > 5 && set.every((f, j) => f.parent[f.key] === payload(7 + j)), name);
    assert.ok(JSON.stringify(document).includes(JSON.stringify(payload(7)).slice(1, -1)), name);
  }
});

for (const [family, part] of [['article-strings', 'article'], ['article-version', 'article'], ['feed-strings', 'feed'],
  ['feed-version', 'feed'], ['thread-strings', 'thread'], ['thread-version', 'thread']]) {
  test(`every string field (${family}): every payload, refused with messages shown as text`, async (t) => {
    const { page, seen } = await openPage();
    const { problems, results } = await run(page, family, t);
    assertClean(page, seen, problems, true);
    const shown = results.filter((r) => (part === 'article' ? r.outcome === 'error'
      : r.outcome === 'article' && (part === 'feed' ? r.feedRefused : r.threadRefused)?.length > 0));
    assert.equal(shown.length, P, `${family}: every document refused, naming its fields`);
  });
}

test("Isso's answer: comment HTML through the sanitizer, author and website as data", async (t) => {
  const { page, seen } = await openPage();
  const { problems, results } = await run(page, 'isso', t);
  assertClean(page, seen, problems, true);
  const missing = results.filter((r) => r.outcome !== 'article' || r.texts.authors.length !== 2);
  assert.deepEqual(missing.map((r) => r.n), [], 'every thread is shown with its two comments');
});

test('a real Isso server: every payload posted as text, author and website, read back through the adapter', async (t) => {
  const { page, seen } = await openPage();
  realIsso = await startIsso({ pageOrigin: env.server.origin });
  TRUSTED.add(new URL(realIsso.url).origin);
  let withoutWebsite = 0;
  for (let n = 0; n < P; n += 1) {
    const uri = `isso-real-${n}`;
    // As a browser's form sends them: UTF-8, lone surrogates as U+FFFD (Isso cannot store them).
    const sent = (k) => payload(n + k).toWellFormed();
    const post = (body) => request('POST', `${realIsso.url}/new?uri=${encodeURIComponent(uri)}`, {
      headers: { Origin: env.server.origin, 'X-Forwarded-For': `10.9.${n >> 8}.${n & 255}` },
      body: { title: 't', text: sent(0), author: sent(1), ...body },
    });
    let answer = await post({ website: sent(2) });
    if (answer.status === 400) {
      withoutWebsite += 1;
      answer = await post({});
    }
    assert.equal(answer.status, 201, `payload ${n}: Isso answered ${answer.status} ${answer.text}`);
  }
  t.diagnostic(`${P} comments posted to Isso (${withoutWebsite} without the website Isso refused)`);
  const { problems, results } = await run(page, 'isso-real', t);
  assertClean(page, seen, problems, true);
  const missing = results.filter((r) => r.outcome !== 'article' || r.texts.authors.length !== 1);
  assert.deepEqual(missing.map((r) => r.n), [], 'every thread is shown with its comment');
});

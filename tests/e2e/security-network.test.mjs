// Network faults (issue #6), from a real loopback server, for each document a widget fetches
// (the article, its feed, its static comment thread): 404, 500, 503 then 200, 429 then 200,
// a hang, a slow answer within the time limit, a body that trickles past it, a reset connection,
// a body cut short (Content-Length larger than the body), the wrong content type, a host
// without CORS headers, a redirect loop. Each ends in a clear error naming the URL or in the
// document, after at most three attempts of at most the `timeout` attribute each (a missing
// thread is an empty thread); the healthy widget beside them is untouched. (tests/e2e/errors.test.mjs drives the same logic through Playwright's routing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hang, json, raw, reset, sequence, slow, status, truncated, useHostileEnv } from './hostile-server.mjs';
import { SEED_TITLE } from './harness.mjs';

const env = useHostileEnv({ noCors: true });

const TIMEOUT = 2000;
const article = (title) => ({ version: '1.0', id: title, lang: 'en', title, published: '2020-02-19T04:32:00+08:00',
  body: [{ type: 'paragraph', children: [{ text: 'Body.' }] }], comments: { backend: 'none' } });

/** Headers and the first bytes at once, the rest after `ms`. */
function trickle(value, ms) {
  const text = JSON.stringify(value);
  return (request, response, url, cors) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...cors });
    response.write(text.slice(0, 10));
    const timer = setTimeout(() => response.end(text.slice(10)), ms);
    response.on('close', () => clearTimeout(timer));
  };
}

function redirectLoop() {
  return (request, response, url, cors) => {
    response.writeHead(302, { Location: url.pathname + url.search, ...cors }).end();
  };
}

/**
 * Faults for documents made by `doc(marker)`: [name, handler, outcome]. outcome: { marker } for
 * the document shown, or { error: pattern }; `attempts`: how many requests the server must
 * see, `atLeast`: at least how many.
 */
const faults = (doc) => [
  ['not-found', status(404, 'no such file'), { error: /answered HTTP 404 Not Found$/, attempts: 1 }],
  ['server-error', status(500), { error: /answered HTTP 500 Internal Server Error$/, attempts: 3 }],
  ['unavailable-then-ok', sequence(status(503), json(doc('Back after a 503'))), { marker: 'Back after a 503', attempts: 2 }],
  ['too-many-then-ok', sequence(status(429), status(429), json(doc('Back after two 429s'))),
    { marker: 'Back after two 429s', attempts: 3 }],
  ['hang', hang(), { error: new RegExp(`did not answer within ${TIMEOUT} ms$`), attempts: 3 }],
  ['hang-then-ok', sequence(hang(), json(doc('Answered the second time'))), { marker: 'Answered the second time', attempts: 2 }],
  ['slow-within-limit', slow(TIMEOUT / 4, json(doc('Slow but in time'))), { marker: 'Slow but in time', attempts: 1 }],
  ['body-past-limit', trickle(doc('Too slow'), TIMEOUT * 3), { error: new RegExp(`did not answer within ${TIMEOUT} ms$`), attempts: 3 }],
  // Chromium itself resends a GET whose connection was reset (a few times), so the server
  // sees more requests than the widget made attempts.
  ['reset', reset(), { error: /could not reach .*: network error/, atLeast: 3 }],
  ['reset-then-ok', sequence(reset(), json(doc('After a reset'))), { marker: 'After a reset', atLeast: 2 }],
  ['cut-short', truncated(doc('Cut short')), { error: /broke off before the whole document arrived$/, attempts: 3 }],
  ['cut-short-then-ok', sequence(truncated(doc('x')), json(doc('Whole the second time'))),
    { marker: 'Whole the second time', attempts: 2 }],
  ['json-as-html', raw(JSON.stringify(doc('JSON served as text/html')), { headers: { 'Content-Type': 'text/html' } }),
    { marker: 'JSON served as text/html', attempts: 1 }],
  ['html-as-json', raw('<!doctype html><p>Maintenance</p>'), { error: /is not valid JSON: Unexpected token '<'/, attempts: 1 }],
  ['octet-stream', raw(JSON.stringify(doc('Served as bytes')), { headers: { 'Content-Type': 'application/octet-stream' } }),
    { marker: 'Served as bytes', attempts: 1 }],
  ['redirect-loop', redirectLoop(), { error: /could not reach .*: network error/ }],
];

const feed = (title) => ({ version: '1.0', id: 'f', sections: [{ id: 's', kind: 'list', title,
  items: [{ id: 'a', title: 'An item', url: 'a.html' }] }] });
const thread = (text) => ({ version: '1.0', uri: 'u', comments: [{ id: 'c1', parent: null, author: 'A reader',
  created: '2020-02-19T04:32:00+08:00', text, likes: 0 }] });

/** Each kind of document: `doc(marker)` makes one, `attributes(url)` gives it to a widget. */
const KINDS = {
  article: {
    doc: article,
    attributes: (url) => ({ src: url }),
  },
  feed: {
    doc: feed,
    attributes: (url) => ({ src: '/host.json', feed: url }),
  },
  thread: {
    doc: thread,
    attributes: (url) => ({ src: '/host.json', 'comments-src': url, 'comments-backend': 'local' }),
  },
};

/**
 * In the page: what widget `id` shows of its document of `kind`: whether it has settled, the
 * markers on show (titles, section titles, comment texts), its error message or null, and for
 * a thread whether it is shown empty.
 */
function state({ id, kind }) {
  const root = document.getElementById(id)?.shadowRoot;
  const texts = (selector) => [...(root?.querySelectorAll(selector) ?? [])].map((el) => el.textContent);
  const first = (selector) => {
    const el = root?.querySelector(selector);
    return el ? (el.querySelector('.aw-error-detail') ?? el).firstChild?.textContent ?? '' : null;
  };
  if (kind === 'article') {
    const error = first('.aw > .aw-error');
    const markers = texts('h1');
    return { done: error !== null || markers.length > 0, markers, error };
  }
  if (!root?.querySelector('h1')) return { done: Boolean(root?.querySelector('.aw > .aw-error')), markers: [], error: 'no article' };
  if (kind === 'feed') {
    const error = first('.aw-error');
    const markers = texts('.aw-section .aw-section-title');
    return { done: error !== null || markers.length > 0, markers, error };
  }
  const list = root.querySelector('ol.aw-comment-list:not([aria-busy])');
  const error = first('ol.aw-comment-list > li[role="alert"]');
  const markers = texts('.aw-comment-text');
  return { done: Boolean(list) && (error !== null || markers.length > 0 || list.querySelector('.aw-empty') !== null),
    markers, error, empty: list?.querySelector('.aw-empty') !== null };
}

/**
 * Serves every fault for `kind` at /fault/<kind>/<name>.json and the same document on a host
 * without CORS headers, adds one widget for each and a healthy one, waits until all have
 * settled, and checks each outcome and the requests each fault drew. `override` changes the
 * expected outcome of a fault (a missing thread is an empty thread).
 */
async function runFaults(kind, override = {}) {
  const { doc, attributes } = KINDS[kind];
  const list = faults(doc).map(([name, handler, outcome]) => [name, handler, override[name] ?? outcome]);
  const page = await env.newPage();
  for (const [name, handler] of list) env.server.route(`/fault/${kind}/${name}.json`, handler);
  env.noCors.route(`/fault/${kind}/no-cors.json`, json(doc('never shown')));
  env.server.route('/host.json', json(article('Host')));
  env.server.page('/faults.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main id="stage"></main></body></html>`);
  await page.goto(`${env.server.origin}/faults.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  const widgets = [
    ...list.map(([name]) => ({ id: name, ...attributes(`/fault/${kind}/${name}.json`) })),
    { id: 'no-cors', ...attributes(`${env.noCors.origin}/fault/${kind}/no-cors.json`) },
    { id: 'healthy', src: '/data/articles/jijiehao.json' },
  ];
  const started = Date.now();
  await page.evaluate(({ widgets: all, timeout }) => {
    for (const { id, ...given } of all) {
      const element = document.createElement('article-widget');
      element.id = id;
      for (const [name, value] of Object.entries(given)) element.setAttribute(name, value);
      element.setAttribute('lang', 'en');
      element.setAttribute('timeout', String(timeout));
      document.getElementById('stage').append(element);
    }
  }, { widgets, timeout: TIMEOUT });

  // Three attempts of at most TIMEOUT each with 400 + 800 ms of backoff between them: every
  // widget has settled well before twice that.
  const limit = 2 * (3 * TIMEOUT + 1200);
  const read = (id) => page.evaluate(state, { id, kind });
  const pending = async () => (await Promise.all(widgets.map(async ({ id }) => (id === 'healthy' || (await read(id)).done
    ? null : id)))).filter(Boolean);
  while ((await pending()).length > 0 && Date.now() - started < limit) await page.waitForTimeout(100);
  assert.deepEqual(await pending(), [], `${kind}: settled within ${limit} ms`);
  for (const [name, , outcome] of list) {
    const url = `${env.server.origin}/fault/${kind}/${name}.json`;
    const hits = env.server.hits(`/fault/${kind}/${name}.json`).length;
    const shown = await read(name);
    if (outcome.marker) {
      assert.deepEqual(shown.markers, [outcome.marker], `${kind} ${name}`);
      assert.equal(shown.error, null, `${kind} ${name}`);
    } else if (outcome.empty) {
      assert.ok(shown.empty && shown.error === null && shown.markers.length === 0, `${kind} ${name}: an empty thread`);
    } else {
      assert.ok(shown.error?.includes(url), `${kind} ${name}: names the URL: ${JSON.stringify(shown)}`);
      assert.match(shown.error, outcome.error, `${kind} ${name}`);
    }
    if (outcome.attempts !== undefined) assert.equal(hits, outcome.attempts, `${kind} ${name}: requests`);
    if (outcome.atLeast !== undefined) assert.ok(hits >= outcome.atLeast, `${kind} ${name}: ${hits} requests`);
  }
  const noCors = await read('no-cors');
  assert.match(noCors.error, /could not reach .*: network error, or the server does not allow this page's origin \(CORS\)$/);
  assert.equal(env.noCors.hits(`/fault/${kind}/no-cors.json`).length, 3, 'a CORS failure looks like a network error: retried');
  const healthy = page.locator('#healthy');
  assert.equal(await healthy.locator('h1').textContent(), SEED_TITLE);
  await healthy.locator('.aw-section').first().waitFor();
  await healthy.locator('li.aw-comment').first().waitFor();
  return page;
}

test('network faults: a clear error or the article after a retry, within the timeout attribute', async () => {
  const page = await runFaults('article');
  // The retry button after a final error: the server has recovered.
  env.server.route('/fault/article/server-error.json', json(article('Recovered')));
  await page.locator('#server-error button.aw-retry').click();
  await page.locator('#server-error h1', { hasText: 'Recovered' }).waitFor();
});

test('feed faults: the feed retries or fails on its own with the same messages, the article stays', async () => {
  const page = await runFaults('feed');
  for (const id of ['not-found', 'hang', 'cut-short']) assert.equal(await page.locator(`#${id} h1`).textContent(), 'Host');
  env.server.route('/fault/feed/server-error.json', json(feed('Recovered')));
  await page.locator('#server-error .aw-error button.aw-retry').click();
  await page.locator('#server-error .aw-section-title', { hasText: 'Recovered' }).waitFor();
});

test('comment thread faults (static thread): the same retries and messages as the article; a missing thread is empty', async () => {
  const page = await runFaults('thread', { 'not-found': { empty: true, attempts: 1 } });
  for (const id of ['server-error', 'hang']) {
    assert.equal(await page.locator(`#${id} h1`).textContent(), 'Host', `${id}: the article stays`);
    assert.equal(await page.locator(`#${id} #aw-text`).count(), 1, `${id}: the form stays`);
  }
  env.server.route('/fault/thread/server-error.json', json(thread('Recovered')));
  await page.locator('#server-error button.aw-comment-retry').click();
  await page.locator('#server-error .aw-comment-text', { hasText: 'Recovered' }).waitFor();
});

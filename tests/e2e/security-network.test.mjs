// Network faults (issue #6), from a real loopback server: 404, 500, 503 then 200, 429 then 200,
// a hang, a slow answer within the time limit, a body that trickles past it, a reset connection,
// a body cut short (Content-Length larger than the body), the wrong content type, a host
// without CORS headers, a redirect loop. Each ends in a clear error or in the article, after at
// most three attempts of at most the `timeout` attribute each; the healthy widget beside them is
// untouched. (tests/e2e/errors.test.mjs drives the same logic through Playwright's routing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readData, settled } from './harness.mjs';
import { hang, json, raw, reset, sequence, slow, status, truncated, useHostileEnv } from './hostile-server.mjs';

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
 * Faults: [name, handler, outcome]. outcome: { title } for an article, or { error: pattern };
 * `attempts`: how many requests the server must see.
 */
const FAULTS = [
  ['not-found', status(404, 'no such file'), { error: /answered HTTP 404 Not Found$/, attempts: 1 }],
  ['server-error', status(500), { error: /answered HTTP 500 Internal Server Error$/, attempts: 3 }],
  ['unavailable-then-ok', sequence(status(503), json(article('Back after a 503'))), { title: 'Back after a 503', attempts: 2 }],
  ['too-many-then-ok', sequence(status(429), status(429), json(article('Back after two 429s'))),
    { title: 'Back after two 429s', attempts: 3 }],
  ['hang', hang(), { error: new RegExp(`did not answer within ${TIMEOUT} ms$`), attempts: 3 }],
  ['hang-then-ok', sequence(hang(), json(article('Answered the second time'))), { title: 'Answered the second time', attempts: 2 }],
  ['slow-within-limit', slow(TIMEOUT / 4, json(article('Slow but in time'))), { title: 'Slow but in time', attempts: 1 }],
  ['body-past-limit', trickle(article('Too slow'), TIMEOUT * 3), { error: new RegExp(`did not answer within ${TIMEOUT} ms$`), attempts: 3 }],
  // Chromium itself resends a GET whose connection was reset (a few times), so the server
  // sees more requests than the widget made attempts.
  ['reset', reset(), { error: /^could not reach .*: network error/, atLeast: 3 }],
  ['reset-then-ok', sequence(reset(), json(article('After a reset'))), { title: 'After a reset', atLeast: 2 }],
  ['cut-short', truncated(article('Cut short')), { error: /broke off before the whole document arrived$/, attempts: 3 }],
  ['cut-short-then-ok', sequence(truncated(article('x')), json(article('Whole the second time'))),
    { title: 'Whole the second time', attempts: 2 }],
  ['json-as-html', raw(JSON.stringify(article('JSON served as text/html')), { headers: { 'Content-Type': 'text/html' } }),
    { title: 'JSON served as text/html', attempts: 1 }],
  ['html-as-json', raw('<!doctype html><p>Maintenance</p>'), { error: /is not valid JSON: Unexpected token '<'/, attempts: 1 }],
  ['octet-stream', raw(JSON.stringify(article('Served as bytes')), { headers: { 'Content-Type': 'application/octet-stream' } }),
    { title: 'Served as bytes', attempts: 1 }],
  ['redirect-loop', redirectLoop(), { error: /^could not reach .*: network error/ }],
];

test('network faults: a clear error or the article after a retry, within the timeout attribute', async () => {
  const page = await env.newPage();
  for (const [name, handler] of FAULTS) env.server.route(`/fault/${name}.json`, handler);
  // The same document on a host that sends no CORS headers, and on one that does.
  env.noCors.route('/fault/no-cors.json', json(article('never shown')));
  env.server.page('/faults.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main id="stage"></main></body></html>`);
  await page.goto(`${env.server.origin}/faults.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  const widgets = [
    ...FAULTS.map(([name]) => ({ id: name, src: `/fault/${name}.json` })),
    { id: 'no-cors', src: `${env.noCors.origin}/fault/no-cors.json` },
    { id: 'healthy', src: '/data/articles/jijiehao.json' },
  ];
  const started = Date.now();
  await page.evaluate(({ list, timeout }) => {
    for (const { id, src } of list) {
      const element = document.createElement('article-widget');
      Object.assign(element, { id });
      element.setAttribute('src', src);
      element.setAttribute('lang', 'en');
      element.setAttribute('timeout', String(timeout));
      document.getElementById('stage').append(element);
    }
  }, { list: widgets, timeout: TIMEOUT });

  // Three attempts of at most TIMEOUT each with 400 + 800 ms of backoff between them: every
  // widget has settled well before twice that.
  const limit = 2 * (3 * TIMEOUT + 1200);
  for (const { id } of widgets) await settled(page.locator(`#${id}`), limit);
  assert.ok(Date.now() - started < limit + 5000, `settled after ${Date.now() - started} ms`);

  for (const [name, , outcome] of FAULTS) {
    const widget = page.locator(`#${name}`);
    const url = `${env.server.origin}/fault/${name}.json`;
    const hits = env.server.hits(`/fault/${name}.json`).length;
    if (outcome.title) {
      assert.equal(await widget.locator('h1').textContent(), outcome.title, name);
    } else {
      const panel = widget.locator('.aw > .aw-error');
      assert.equal(await panel.getAttribute('role'), 'alert', name);
      assert.equal(await panel.locator('button.aw-retry').count(), 1, `${name}: a retry button`);
      const detail = await panel.locator('.aw-error-detail').textContent();
      assert.ok(detail.includes(url), `${name}: names the URL: ${detail}`);
      assert.match(detail, outcome.error, name);
    }
    if (outcome.attempts !== undefined) assert.equal(hits, outcome.attempts, `${name}: requests`);
    if (outcome.atLeast !== undefined) assert.ok(hits >= outcome.atLeast, `${name}: ${hits} requests`);
  }
  const noCors = await page.locator('#no-cors .aw > .aw-error .aw-error-detail').textContent();
  assert.match(noCors, /^could not reach .*: network error, or the server does not allow this page's origin \(CORS\)$/);
  assert.equal(env.noCors.hits('/fault/no-cors.json').length, 3, 'a CORS failure looks like a network error: retried');
  assert.equal(await page.locator('#healthy h1').textContent(), '天天可闻“集结号”处处都见先锋队');

  // The retry button after a final error: the server has recovered.
  env.server.route('/fault/server-error.json', json(article('Recovered')));
  await page.locator('#server-error button.aw-retry').click();
  await page.locator('#server-error h1', { hasText: 'Recovered' }).waitFor();
});

test('feed faults: the feed retries or fails on its own, the article stays', async () => {
  const page = await env.newPage();
  const feed = readData('data/feeds/shexian.json');
  env.server.route('/feedfault/flaky.json', sequence(status(503), truncated(feed), json(feed)));
  env.server.route('/feedfault/hang.json', hang());
  env.server.page('/feedfaults.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main id="stage">
<article-widget id="flaky" src="/data/articles/showcase.json" lang="en" timeout="${TIMEOUT}" feed="/feedfault/flaky.json"></article-widget>
<article-widget id="hang" src="/data/articles/showcase.json" lang="en" timeout="${TIMEOUT}" feed="/feedfault/hang.json"></article-widget>
</main></body></html>`);
  await page.goto(`${env.server.origin}/feedfaults.html`);
  const flaky = page.locator('#flaky');
  assert.equal(await settled(flaky), 'article');
  await flaky.locator('.aw-section').first().waitFor({ timeout: 3 * TIMEOUT + 5000 });
  assert.equal(env.server.hits('/feedfault/flaky.json').length, 3, '503, cut short, then the feed');
  const hung = page.locator('#hang');
  assert.equal(await settled(hung), 'article');
  const panel = hung.locator('.aw-aside > .aw-error');
  await panel.waitFor({ timeout: 2 * (3 * TIMEOUT + 1200) });
  assert.match(await panel.locator('.aw-error-detail').textContent(), new RegExp(`did not answer within ${TIMEOUT} ms$`));
  assert.equal(await hung.locator('h1').count(), 1, 'the article stays');
  assert.equal(env.server.hits('/feedfault/hang.json').length, 3);
});

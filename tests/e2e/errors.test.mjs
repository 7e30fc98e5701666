// Every way loading can fail: a specific message naming the URL or field, role=alert, a retry
// button, and the other widgets of the page unaffected. Also retries with backoff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_TITLE, addWidgets, blankPage, settled, useEnv } from './harness.mjs';

const env = useEnv();

const SHOWCASE_TITLE = 'How article-widget turns a JSON file into a news page';
const SEED = 'data/articles/jijiehao.json';

/** Waits for the error panel of `widget` and returns its parts. */
async function errorPanel(widget) {
  assert.equal(await settled(widget), 'error', 'the widget shows an error, not an article');
  const panel = widget.locator('.aw-error');
  assert.equal(await panel.count(), 1);
  assert.equal(await panel.getAttribute('role'), 'alert');
  const retry = panel.locator('button.aw-retry');
  assert.equal(await retry.count(), 1, 'a retry button');
  assert.equal(await retry.getAttribute('type'), 'button');
  assert.equal(await widget.locator('.aw-title, .aw-article').count(), 0, 'no half-drawn article');
  return {
    panel,
    retry,
    title: await panel.locator('.aw-error-title').textContent(),
    detail: await panel.locator('.aw-error-detail').textContent(),
  };
}

/** Counts the requests of `page` whose URL satisfies `match`, with their times (ms). */
function countRequests(page, match) {
  const times = [];
  page.on('request', (request) => {
    if (match(new URL(request.url()))) times.push(Date.now());
  });
  return times;
}

test('errors.html: six broken widgets, each with its own message, and a healthy one', async () => {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/errors.html`);
  const origin = env.main.origin;
  const widgets = page.locator('article-widget');
  assert.equal(await widgets.count(), 7);

  const missing = await errorPanel(widgets.nth(0));
  assert.equal(missing.title, 'The article could not be loaded');
  assert.equal(await missing.retry.textContent(), 'Retry');
  assert.ok(missing.detail.includes(`${origin}/data/missing.json`), missing.detail);
  assert.match(missing.detail, /answered HTTP 404\b/);

  const notJson = await errorPanel(widgets.nth(1));
  assert.ok(notJson.detail.startsWith(`${origin}/data/errors/not-json.json is not valid JSON: `), notJson.detail);

  const version = await errorPanel(widgets.nth(2));
  assert.ok(version.detail.includes(`${origin}/data/errors/version-2.json`), version.detail);
  assert.match(version.detail, /version: unsupported version "2\.0"/);

  const badFields = await errorPanel(widgets.nth(3));
  assert.ok(badFields.detail.startsWith(`${origin}/data/errors/bad-fields.json: 7 problems`), badFields.detail);
  const fields = badFields.panel.locator('ul.aw-error-fields li');
  assert.deepEqual(await fields.locator('code').allTextContents(), [
    'title', 'published', 'body[1].level', 'body[2].src', 'body[2].width', 'body[2].height',
    'body[3].children[0].href',
  ]);
  // Each item is "path: what is wrong".
  for (const item of await fields.allTextContents()) assert.match(item, /^[\w[\].]+: \S/, item);
  assert.match(await fields.last().textContent(), /^body\[3\]\.children\[0\]\.href: .*"javascript:"/);
  assert.match(await fields.nth(2).textContent(), /^body\[1\]\.level: .*\b2, 3 or 4\b/);

  const script = await errorPanel(widgets.nth(4));
  assert.ok(script.detail.startsWith('javascript:alert(1): '), script.detail);
  assert.match(script.detail, /only http, https or relative URLs can be fetched \(found "javascript:"\)/);

  const noSrc = await errorPanel(widgets.nth(5));
  assert.match(noSrc.detail, /^no article URL: set the src attribute/);

  const healthy = widgets.nth(6);
  assert.equal(await settled(healthy), 'article');
  assert.equal(await healthy.locator('h1').textContent(), SEED_TITLE);
  assert.equal(await healthy.locator('.aw-error').count(), 0);
  assert.equal(await healthy.locator('.aw-body > p').count(), 10);
});

test('error panel uses the widget language for its own words', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ src: 'data/missing-zh.json', lang: 'zh-CN' }]);
  const { title, retry, detail } = await errorPanel(page.locator('article-widget'));
  assert.equal(title, '文章未能加载');
  assert.equal(await retry.textContent(), '重试');
  assert.ok(detail.includes(`${env.main.origin}/data/missing-zh.json answered HTTP 404`), detail);
});

test('CORS failure: a host without Access-Control-Allow-Origin', async () => {
  const page = await blankPage(env);
  const url = `${env.noCors.origin}/${SEED}`;
  const requests = countRequests(page, (u) => u.href === url);
  await addWidgets(page, [{ id: 'cors', src: url, lang: 'en' }, { id: 'ok', src: SEED }]);
  const { detail } = await errorPanel(page.locator('#cors'));
  assert.ok(detail.includes(url), detail);
  assert.match(detail, /CORS/);
  // A blocked response looks like a network error to fetch(): retried, 3 attempts in all.
  assert.equal(requests.length, 3);
  const ok = page.locator('#ok');
  assert.equal(await settled(ok), 'article');
  assert.equal(await ok.locator('h1').textContent(), SEED_TITLE);
});

test('cross-origin success: a host that allows CORS; its relative URLs resolve against it', async () => {
  const page = await blankPage(env);
  const cors = env.cors.origin;
  await addWidgets(page, [{ id: 'x', src: `${cors}/data/articles/showcase.json`, lang: 'en' }]);
  const widget = page.locator('#x');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), SHOWCASE_TITLE);
  assert.equal(await widget.locator('figure img').getAttribute('src'), `${cors}/data/img/showcase-pipeline-960.png`);
  assert.equal(await widget.locator('nav.aw-channels a').first().getAttribute('href'), `${cors}/index.html`);
  // The image really loads from the other origin (scrolled to, as it is loading=lazy).
  const img = widget.locator('figure img');
  await img.scrollIntoViewIfNeeded();
  await img.evaluate((el) => el.decode());
  assert.ok((await img.evaluate((el) => el.currentSrc)).startsWith(`${cors}/data/img/showcase-pipeline-`));
  assert.ok(await img.evaluate((el) => el.naturalWidth > 0));
});

test('timeout: no answer within the timeout attribute', async () => {
  const page = await blankPage(env);
  const url = `${env.main.origin}/${SEED}?case=timeout`;
  const requests = [];
  // Hold every request of this URL for 3 s: ten times the widget's limit.
  await page.route((u) => u.href === url, (route) => {
    requests.push(Date.now());
    setTimeout(() => route.continue().catch(() => {}), 3000);
  });
  await addWidgets(page, [{ id: 'slow', src: `${SEED}?case=timeout`, timeout: '300', lang: 'en' },
    { id: 'ok', src: 'data/articles/showcase.json', lang: 'en' }]);
  const widget = page.locator('#slow');
  // Meanwhile: the loading state.
  const status = widget.locator('.aw-status');
  await status.waitFor({ state: 'attached' });
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await status.textContent(), 'Loading the article…');
  assert.equal(await widget.locator('[part="root"]').getAttribute('aria-busy'), 'true');

  const { detail } = await errorPanel(widget);
  assert.ok(detail.includes(url), detail);
  assert.match(detail, /did not answer within 300 ms/);
  assert.equal(await widget.locator('[part="root"]').getAttribute('aria-busy'), null);
  assert.equal(requests.length, 3, 'time-outs are retried: 3 attempts');
  assert.equal(await settled(page.locator('#ok')), 'article');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('retry with backoff: 503, 503, then the file renders without user action', async () => {
  const page = await blankPage(env);
  const requests = [];
  await page.route((u) => u.search === '?case=503', (route) => {
    requests.push(Date.now());
    if (requests.length <= 2) return route.fulfill({ status: 503, body: 'busy' });
    return route.continue();
  });
  await addWidgets(page, [{ id: 'w', src: `${SEED}?case=503` }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), SEED_TITLE);
  assert.equal(requests.length, 3);
  const [first, second, third] = requests;
  // Backoff 400 ms then 800 ms (minus a little for event delivery jitter).
  assert.ok(second - first >= 350, `second attempt after ${second - first} ms`);
  assert.ok(third - second >= 750, `third attempt after ${third - second} ms`);
  assert.ok(third - first < 5000, `three attempts took ${third - first} ms`);
});

test('retry button: a 404 is not retried automatically; clicking retry loads again', async () => {
  const page = await blankPage(env);
  let failing = true;
  let requests = 0;
  await page.route((u) => u.search === '?case=404', (route) => {
    requests++;
    return failing ? route.fulfill({ status: 404, body: 'not here' }) : route.continue();
  });
  await addWidgets(page, [{ id: 'w', src: `${SEED}?case=404`, lang: 'en' }]);
  const widget = page.locator('#w');
  const { detail, retry } = await errorPanel(widget);
  assert.ok(detail.includes(`${env.main.origin}/${SEED}?case=404 answered HTTP 404`), detail);
  // Proving a negative needs a wait: longer than the first backoff (400 ms) would be.
  await page.waitForTimeout(700);
  assert.equal(requests, 1, 'a 404 is final: not retried automatically');

  failing = false;
  await retry.click();
  await widget.locator('h1', { hasText: SEED_TITLE }).waitFor();
  assert.equal(await widget.locator('.aw-error').count(), 0);
  assert.equal(requests, 2);
});

test('network failure (request aborted): message names the URL, network and CORS', async () => {
  const page = await blankPage(env);
  let requests = 0;
  await page.route((u) => u.search === '?case=abort', (route) => {
    requests++;
    return route.abort('connectionrefused');
  });
  await addWidgets(page, [{ id: 'w', src: `${SEED}?case=abort`, lang: 'en' }]);
  const { detail } = await errorPanel(page.locator('#w'));
  assert.ok(detail.includes(`${env.main.origin}/${SEED}?case=abort`), detail);
  assert.match(detail, /network error/);
  assert.match(detail, /CORS/);
  assert.equal(requests, 3, 'network errors are retried: 3 attempts');
});

// The comment section writing to a plain HTTP endpoint (`comments: {backend: "http",
// endpoint}`, contract in src/comments/backend/http.rs) served by the reference endpoint of
// tests/e2e/comment-endpoint.mjs on another loopback port (real CORS, preflights included).
// The endpoint's own list (comments()) and request log (posts()) are the judges of "exactly
// once": one stored comment, every attempt under one idempotency key.
//
// Each test has its own thread: an article JSON file whose id is the thread. Without
// `src` the thread is read from this device, so a confirmed comment is shown from the outbox's
// receipt.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errorsOf, launchBrowser, readData, track, useEnv, WWW } from './harness.mjs';
import { startCommentEndpoint } from './comment-endpoint.mjs';
import { mount, reopen, rows, rowWithText, serversReady } from './comment-page.mjs';

const env = useEnv();
let endpoint;

before(async () => {
  await serversReady(env);
  endpoint = await startCommentEndpoint({ pageOrigin: env.main.origin });
});

after(async () => {
  await endpoint?.stop();
});

beforeEach(() => endpoint?.reset());

const BASE_ARTICLE = readData('data/articles/jijiehao.json');
const PENDING = '等待发送';
const SENDING = '正在发送…';
const FAILED = '发送失败,将自动重试';
const REJECTED = (reason) => `未能发表:${reason}`;
const KEY = /^[0-9a-f]+-[0-9a-f]{16}$/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Helpers

let serial = 0;
/** A thread (article id) of its own for each use. */
const freshId = (name) => `http-${name}-${process.pid}-${++serial}`;

/**
 * A page of `context` (default: the file's) on the main origin, with empty localStorage unless
 * `keep` (the outbox is per origin, shared by every article).
 */
async function freshPage(context, { keep = false } = {}) {
  const page = context ? track(await context.newPage()) : await env.newPage();
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  if (!keep) await page.evaluate(() => localStorage.clear());
  return page;
}

const written = new Set();
after(() => {
  for (const file of written) rmSync(file, { force: true });
  try {
    rmdirSync(join(WWW, 'data', 'e2e')); // only if nothing else is left there
  } catch {
    // not empty, or already gone
  }
});

/**
 * Writes article `id`, with comments written to `url` (the endpoint), as a real file under
 * www/data/e2e/ (no page.route: Playwright answers CORS preflights itself while it intercepts
 * requests, and the endpoint's own preflight answers are part of what is tested). Returns its URL.
 */
function serveArticle(id, url = endpoint.url) {
  const article = structuredClone(BASE_ARTICLE);
  const comments = url === null ? undefined : { backend: 'http', endpoint: url };
  Object.assign(article, { id, title: `HTTP 评论 ${id}`, comments });
  delete article.feed;
  const file = join(WWW, 'data', 'e2e', `${id}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(article));
  written.add(file);
  return `${env.main.origin}/data/e2e/${id}.json`;
}

/**
 * Opens a fresh page (of `context`, default the file's) with the article of thread `id`, whose
 * comments go to `url`; `keep`: keep the origin's localStorage.
 */
async function open(id, context, { url = endpoint.url, keep = false, attributes = {} } = {}) {
  const page = await freshPage(context, { keep });
  const src = serveArticle(id, url);
  const widget = await mount(page, src, attributes);
  return { page, widget, src };
}

/** Fills the form and posts with the submit button. */
async function post(widget, { author = 'HTTP 读者', text, website }) {
  await widget.locator('#aw-name').fill(author);
  await widget.locator('#aw-website').fill(website ?? '');
  await widget.locator('#aw-text').fill(text);
  await widget.locator('button.aw-submit').click();
}

/** The statuses the row of `text` shows, sampled until it is confirmed (or `timeout`). */
async function statusesUntilConfirmed(widget, text, timeout) {
  const seen = [];
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const [r] = (await rows(widget)).filter((x) => x.text === text);
    const status = r ? r.status : 'missing';
    if (seen.at(-1) !== status) seen.push(status);
    if (status === null) return seen;
    await sleep(25);
  }
  assert.fail(`not confirmed within ${timeout} ms; statuses seen: ${JSON.stringify(seen)}`);
}

/** The keys of the POSTs the endpoint received. */
const keys = () => endpoint.posts().map((p) => p.key);

/** The outbox as stored in localStorage (parsed). */
const storedOutbox = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('article-widget:comments:outbox') ?? 'null'));

// ---------------------------------------------------------------------------------------
// Posting

test('post: the documented request, stored once, shown under the id the endpoint gave', async () => {
  const thread = freshId('post');
  const { page, widget, src } = await open(thread);
  const text = '家里一切都好,安心在外面!';
  await post(widget, { author: '  练江边 ', website: 'https://reader.example/home', text: `  ${text}\n` });
  const shown = await rowWithText(widget, text);

  const [stored, ...more] = endpoint.comments(thread);
  assert.equal(more.length, 0, 'stored once');
  const [request, ...others] = endpoint.posts();
  assert.equal(others.length, 0, 'one POST');
  // The body: exactly the documented fields, in the documented order, trimmed by the form.
  assert.deepEqual(Object.keys(request.json), ['idempotency_key', 'thread', 'parent', 'author', 'website', 'text']);
  assert.deepEqual(request.json, {
    idempotency_key: request.json.idempotency_key,
    thread,
    parent: null,
    author: '练江边',
    website: 'https://reader.example/home',
    text,
  });
  assert.match(request.json.idempotency_key, KEY);
  assert.equal(request.headers['idempotency-key'], request.json.idempotency_key, 'the Idempotency-Key header');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers.origin, env.main.origin);
  // A real CORS preflight allowed the custom header.
  const preflight = endpoint.requests().find((r) => r.method === 'OPTIONS');
  assert.ok(preflight, 'a preflight');
  assert.match(preflight.headers['access-control-request-headers'], /idempotency-key/);
  assert.equal(preflight.answer.status, 204);

  assert.deepEqual(
    { ...stored },
    { id: stored.id, thread, parent: null, author: '练江边', website: 'https://reader.example/home', text, created: stored.created, idempotency_key: request.key },
  );
  assert.equal(shown.id, stored.id, "shown under the endpoint's id");
  assert.equal(shown.author, '练江边');
  assert.equal(shown.href, 'https://reader.example/home');
  assert.equal(Date.parse(shown.datetime), Math.floor(Date.parse(stored.created) / 1000) * 1000, "the endpoint's time");
  assert.equal(shown.retry, false);
  assert.equal(await widget.locator('.aw-comment-count').textContent(), '1 条评论');
  await widget.locator('button.aw-submit:not([disabled])').waitFor();
  assert.equal(await widget.locator('#aw-text').inputValue(), '', 'the form is emptied');

  // After a reload: shown once, confirmed, nothing sent again.
  const again = await reopen(page, src);
  const reloaded = (await rows(again)).filter((r) => r.text === text);
  assert.deepEqual(reloaded.map((r) => [r.id, r.status]), [[stored.id, null]]);
  await sleep(500);
  assert.equal(endpoint.posts().length, 1);
  assert.equal(endpoint.comments(thread).length, 1);
});

test('503 twice, then OK: failed, retried by itself with the same key, stored once', async () => {
  const thread = freshId('busy');
  const { widget } = await open(thread);
  endpoint.failNext(2, 503);
  const text = '服务器忙的时候写的评论';
  await post(widget, { text });
  const failed = await rowWithText(widget, text, 'failed');
  assert.equal(failed.label, FAILED);
  assert.equal(failed.retry, true, 'a retry button while it failed');
  assert.match(failed.id, /^outbox:/);
  // Backoff 2 s, then 4 s: confirmed without anyone clicking.
  const seen = await statusesUntilConfirmed(widget, text, 12_000);
  assert.ok(seen.includes('sending') || seen.includes('failed'), JSON.stringify(seen));
  assert.deepEqual(endpoint.posts().map((p) => p.answer.status), [503, 503, 201]);
  assert.equal(new Set(keys()).size, 1, 'one idempotency key for all attempts');
  const stored = endpoint.comments(thread);
  assert.equal(stored.length, 1, 'stored exactly once');
  const [shown] = (await rows(widget)).filter((r) => r.text === text);
  assert.equal(shown.id, stored[0].id);
  await sleep(2500);
  assert.equal(endpoint.posts().length, 3, 'nothing sent after the confirmation');
});

test('answer lost after the endpoint stored the comment: sent again with the same key, stored once', async () => {
  const thread = freshId('lost');
  const { page, widget, src } = await open(thread);
  endpoint.dropResponse(1);
  const text = '回应丢失的评论';
  await post(widget, { author: '不重复', text });
  const failed = await rowWithText(widget, text, 'failed');
  assert.equal(failed.label, FAILED);
  assert.equal(endpoint.comments(thread).length, 1, 'the first attempt was stored');
  const confirmed = await rowWithText(widget, text, null, 8_000);
  const posts = endpoint.posts();
  assert.deepEqual(posts.map((p) => p.answer.status), ['dropped', 201]);
  assert.equal(new Set(keys()).size, 1, 'the same key both times');
  assert.deepEqual(posts[0].json, posts[1].json, 'the same body both times');
  const stored = endpoint.comments(thread);
  assert.equal(stored.length, 1, 'stored exactly once');
  assert.equal(confirmed.id, stored[0].id, 'recognised as the stored comment');
  // Nothing left to send, also after a reload.
  const again = await reopen(page, src);
  assert.equal((await rows(again)).filter((r) => r.text === text).length, 1);
  await sleep(1000);
  assert.equal(endpoint.posts().length, 2);
  assert.equal(endpoint.comments(thread).length, 1);
});

test("no answer within the element's timeout: failed, sent again with the same key, stored once", async () => {
  const thread = freshId('timeout');
  const { widget } = await open(thread, undefined, { attributes: { timeout: '1500' } });
  endpoint.delay(4000); // the first POST is answered only after the widget gave up on it
  const text = '超时的评论';
  await post(widget, { author: '等不及', text });
  const failed = await rowWithText(widget, text, 'failed', 4_000);
  assert.equal(failed.label, FAILED);
  const confirmed = await rowWithText(widget, text, null, 12_000);
  const posts = endpoint.posts();
  assert.equal(posts.length, 2, 'sent twice: the timed-out attempt and its retry');
  assert.equal(new Set(keys()).size, 1, 'the same key both times');
  const stored = endpoint.comments(thread);
  assert.equal(stored.length, 1, 'stored exactly once');
  assert.equal(confirmed.id, stored[0].id);
});

test('refused (422 with a reason): shown as rejected, text kept, not retried until the reader asks', async () => {
  const thread = freshId('rejected');
  const { page, widget, src } = await open(thread);
  const reason = '含有不当用语,请修改后再发';
  endpoint.reject(reason);
  const text = '这条评论会先被拒绝';
  await post(widget, { author: '被拒者', text });
  const rejected = await rowWithText(widget, text, 'rejected');
  assert.equal(rejected.label, REJECTED(reason));
  assert.equal(rejected.author, '被拒者');
  assert.equal(rejected.retry, true);
  assert.equal(endpoint.comments(thread).length, 0);
  // The text is kept in the outbox (localStorage), with the reason.
  const outbox = await storedOutbox(page);
  const item = outbox.items.find((i) => i.comment && JSON.stringify(i.comment).includes(text));
  assert.ok(item, `the outbox keeps the text: ${JSON.stringify(outbox)}`);
  assert.equal(item.status.s, 'rejected');
  // Not retried automatically: not by time, not across a reload, not when the connection returns.
  await sleep(3000);
  assert.equal(endpoint.posts().length, 1);
  const again = await reopen(page, src);
  assert.equal((await rowWithText(again, text, 'rejected')).label, REJECTED(reason));
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await sleep(1000);
  assert.equal(endpoint.posts().length, 1, 'a refused comment is not resent by itself');
  assert.equal((await rowWithText(again, text, 'rejected')).label, REJECTED(reason));

  assert.equal(endpoint.comments(thread).length, 0);
});

test('the retry button sends a refused comment again (same key): confirmed, stored once', async () => {
  const thread = freshId('retry-rejected');
  const { widget } = await open(thread);
  endpoint.reject('稍后再试');
  const text = '被拒后由读者重试的评论';
  await post(widget, { author: '重试者', text });
  await rowWithText(widget, text, 'rejected');
  await widget.locator('li.aw-comment', { hasText: text }).locator('button.aw-comment-retry').click();
  await endpoint.waitForPosts(2, 3000);
  const confirmed = await rowWithText(widget, text);
  assert.deepEqual(endpoint.posts().map((p) => p.answer.status), [422, 201]);
  assert.equal(new Set(keys()).size, 1, 'the same key');
  const stored = endpoint.comments(thread);
  assert.equal(stored.length, 1);
  assert.equal(confirmed.id, stored[0].id);
  assert.equal(stored[0].text, text);
});

// ---------------------------------------------------------------------------------------
// Offline and reloads

test('a refused comment can be taken back into the form, changed and sent as a new submission', async () => {
  const thread = freshId('edit-rejected');
  const { widget } = await open(thread);
  endpoint.reject('请不要发广告');
  const text = '被拒后修改的评论 http://spam.example';
  await post(widget, { author: '改过者', text });
  await rowWithText(widget, text, 'rejected');
  await widget.locator('li.aw-comment', { hasText: text }).locator('button.aw-comment-edit').click();
  await widget.locator('li.aw-comment', { hasText: text }).waitFor({ state: 'detached' });
  assert.equal(await widget.locator('#aw-text').inputValue(), text, 'the text is back in the form');
  assert.equal(await widget.locator('#aw-name').inputValue(), '改过者');
  const changed = '被拒后修改的评论';
  await widget.locator('#aw-text').fill(changed);
  await widget.locator('.aw-submit').click();
  await endpoint.waitForPosts(2, 3000);
  await rowWithText(widget, changed);
  const stored = endpoint.comments(thread);
  assert.deepEqual(stored.map((c) => c.text), [changed]);
  assert.equal(new Set(keys()).size, 2, 'a changed comment is a new submission with its own key');
});

test('a comment held for moderation says so and offers no like or reply', async (t) => {
  const moderating = await startCommentEndpoint({ pageOrigin: env.main.origin, moderate: true });
  t.after(() => moderating.stop());
  const { widget } = await open(freshId('moderated'), undefined, { url: moderating.url });
  const text = '需要审核的评论';
  await post(widget, { author: '审核中', text });
  await moderating.waitForPosts(1, 3000);
  const row = await rowWithText(widget, text, ['moderated']);
  assert.equal(row.label, '等待审核');
  const li = widget.locator('li.aw-comment', { hasText: text });
  assert.equal(await li.locator('.aw-like, .aw-reply').count(), 0);
});

test('the backend can be chosen by attributes on the element instead of the article JSON', async () => {
  const thread = freshId('attributes');
  const page = await freshPage();
  const src = serveArticle(thread, null);
  const endpointPath = new URL(endpoint.url).pathname;
  await page.evaluate(({ url, path, port }) => {
    const element = document.createElement('article-widget');
    element.setAttribute('src', url);
    element.setAttribute('comments-backend', 'http');
    element.setAttribute('comments-endpoint', `http://127.0.0.1:${port}${path}`);
    document.getElementById('stage').append(element);
  }, { url: src, path: endpointPath, port: new URL(endpoint.url).port });
  const widget = page.locator('article-widget').first();
  await widget.locator('ol.aw-comment-list:not([aria-busy])').waitFor({ state: 'attached' });
  const text = '由属性选择的后端';
  await post(widget, { author: '属性', text });
  await endpoint.waitForPosts(1, 3000);
  await rowWithText(widget, text);
  assert.deepEqual(endpoint.comments(thread).map((c) => c.text), [text]);
});

test('offline: pending, still pending after a reload, sent once by itself when back online', async () => {
  const thread = freshId('offline');
  // A short time limit: a request the offline emulation lets start hangs until it (below).
  const attributes = { timeout: '3000' };
  const { page, widget, src } = await open(thread, undefined, { attributes });
  // Offline, the page itself comes from "the cache" (as a service worker would serve it):
  // Playwright fetches the page's own files outside the offline browser. Chromium counts a
  // document served that way as public, and public pages may not fetch from loopback (Local
  // Network Access) unless allowed: allow it, as a reader of a real site on the network would
  // not need to.
  await page.context().grantPermissions(['local-network-access'], { origin: env.main.origin });
  await page.route((url) => url.origin === env.main.origin, async (route) => {
    await route.fulfill({ response: await route.fetch() });
  });
  const text = '离线时写下的评论';
  try {
    await page.context().setOffline(true);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await post(widget, { author: '离线者', text });
    const pending = await rowWithText(widget, text, 'pending');
    assert.equal(pending.label, PENDING);
    await sleep(1000);
    assert.equal(endpoint.posts().length, 0, 'nothing sent while offline');

    await page.reload();
    await page.waitForFunction(() => customElements.get('article-widget') !== undefined && !navigator.onLine);
    const again = await mount(page, src, attributes);
    // Kept from localStorage and not sent. Right after a reload Chromium's offline emulation
    // has, once in many CI runs, let the widget start a request that then hung until the
    // time-out ("sending", then "failed"): the row must be there in a waiting state whatever
    // the emulation did, and the endpoint must not have seen it.
    const kept = await rowWithText(again, text, ['pending', 'sending', 'failed']);
    assert.equal(kept.author, '离线者');
    assert.equal((await storedOutbox(page)).items.length, 1, 'from localStorage');
    await sleep(500);
    assert.equal(endpoint.posts().length, 0);
  } finally {
    await page.context().setOffline(false);
  }
  const widget2 = page.locator('article-widget').first();
  // If the emulation let a request start after the reload (above), that request hangs until
  // its time limit (3 s here) and the comment is sent again after it: wait for that too.
  const confirmed = await rowWithText(widget2, text, [null], 30_000);
  await page.context().clearPermissions();
  await sleep(1000);
  assert.equal(endpoint.posts().length, 1, 'sent once');
  const stored = endpoint.comments(thread);
  assert.equal(stored.length, 1);
  assert.equal(confirmed.id, stored[0].id);
  assert.deepEqual([stored[0].author, stored[0].text], ['离线者', text]);
});

test('offline with a comment waiting: the widget waits for the connection, it does not spin', async () => {
  const thread = freshId('offline-idle');
  const { page, widget } = await open(thread);
  try {
    await page.context().setOffline(true);
    await post(widget, { author: '离线者', text: '离线等待中' });
    await rowWithText(widget, '离线等待中', 'pending');
    // Over one second: how often the list is redrawn and the outbox read from localStorage.
    const work = await widget.evaluate((host) => new Promise((resolve) => {
      const list = host.shadowRoot.querySelector('ol.aw-comment-list');
      let redraws = 0;
      const observer = new MutationObserver((records) => { redraws += records.length; });
      observer.observe(list, { childList: true });
      const { getItem } = Storage.prototype;
      let reads = 0;
      Storage.prototype.getItem = function (...args) { reads += 1; return getItem.apply(this, args); };
      setTimeout(() => {
        observer.disconnect();
        Storage.prototype.getItem = getItem;
        resolve({ redraws, reads });
      }, 1000);
    }));
    assert.ok(work.redraws <= 4 && work.reads <= 4, `idle while offline, but in one second: ${JSON.stringify(work)}`);
  } finally {
    await page.context().setOffline(false);
  }
  await rowWithText(widget, '离线等待中');
});

test('reload while the POST is in flight: the comment is not lost and ends stored once', async (t) => {
  // A context of its own: the clock is installed for a whole context and cannot be removed.
  const browser = await launchBrowser();
  try {
    await browser.context.clock.install(); // runs in real time until fast-forwarded
    const thread = freshId('inflight');
    const { page, widget, src } = await open(thread, browser.context);
    endpoint.delay(3000);
    const text = '发送途中页面被刷新';
    await post(widget, { author: '刷新者', text });
    await endpoint.waitForPosts(1);
    assert.equal((await rowWithText(widget, text, 'sending')).label, SENDING);
    const again = await reopen(page, src);

    // After the reload the comment is still there, from the outbox, as "sending": the attempt
    // of the closed page holds its lease (60 s), as its answer might still come (another tab).
    const kept = await rowWithText(again, text, 'sending');
    assert.equal(kept.author, '刷新者');
    t.diagnostic(`after the reload: "${kept.label}", submit button disabled: ${await again.locator('button.aw-submit').isDisabled()}`);
    // The endpoint stores the first attempt when its delay ends (the page has gone away).
    const deadline = Date.now() + 6000;
    while (endpoint.comments(thread).length === 0 && Date.now() < deadline) await sleep(50);
    assert.equal(endpoint.comments(thread).length, 1, 'the first attempt was stored');
    await sleep(1000);
    assert.equal((await rowWithText(again, text, 'sending')).label, SENDING);
    assert.equal(endpoint.posts().length, 1, 'not sent again while the lease holds');
    // Skip the lease: the attempt counts as interrupted, is sent again under the same key, and
    // the endpoint answers it as the first time.
    await browser.context.clock.fastForward(61_000);
    const confirmed = await rowWithText(again, text, null, 10_000);
    const stored = endpoint.comments(thread);
    assert.equal(stored.length, 1, 'stored exactly once');
    assert.equal(confirmed.id, stored[0].id);
    assert.deepEqual(endpoint.posts().map((p) => p.answer.status), [201, 201]);
    assert.equal(new Set(keys()).size, 1, 'every attempt under one key');
    assert.deepEqual(errorsOf(page).pageErrors, []);
  } finally {
    await browser.close();
  }
});

test("a comment waiting for article A is not sent through article B's backend", async () => {
  const other = await startCommentEndpoint({ pageOrigin: env.main.origin });
  try {
    const threadA = freshId('article-a');
    const a = await open(threadA);
    endpoint.failNext(1, 503);
    const text = '只属于文章 A 的评论';
    await post(a.widget, { author: '读者甲', text });
    await rowWithText(a.widget, text, 'failed');
    await a.page.close(); // before the automatic retry (2 s)

    // Article B of the same site writes to another endpoint. Its page must leave A's comment alone.
    const b = await open(freshId('article-b'), undefined, { url: other.url, keep: true });
    await sleep(3500);
    assert.deepEqual(other.comments().map((c) => [c.thread, c.text]), [], "article B's endpoint got article A's comment");

    // Back on article A, the comment goes to A's endpoint, once.
    const again = await open(threadA, undefined, { keep: true });
    await rowWithText(again.widget, text, null, 8000);
    assert.equal(endpoint.comments(threadA).length, 1);
    await b.page.close();
  } finally {
    await other.stop();
  }
});

// ---------------------------------------------------------------------------------------
// Hostile strings

test('hostile author, text and refusal reason: sent and stored as typed, shown as text, nothing runs', async () => {
  const thread = freshId('hostile');
  const { page, widget, src } = await open(thread);
  const list = widget.locator('ol.aw-comment-list');
  const markup = 'img, script, b, textarea, [onerror]';
  // A refusal whose reason is markup: shown as text.
  const reason = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
  endpoint.reject(reason);
  await post(widget, { author: 'Mallory', text: '被拒绝的一条' });
  assert.equal((await rowWithText(widget, '被拒绝的一条', 'rejected')).label, REJECTED(reason), 'the reason as text');
  assert.equal(await list.locator(markup).count(), 0);

  const author = '<img src=x onerror=window.__pwned=1>';
  const text = '<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1> & "引号" \'单\' </textarea><b>粗</b>';
  await post(widget, { author, text });
  const shown = await rowWithText(widget, text);
  const [stored, ...more] = endpoint.comments(thread);
  assert.equal(more.length, 0);
  assert.deepEqual([stored.author, stored.text, stored.website], [author, text, null], 'stored as sent');
  assert.deepEqual([endpoint.posts().at(-1).json.author, endpoint.posts().at(-1).json.text], [author, text]);
  assert.equal(shown.id, stored.id);
  assert.equal(shown.author, author, 'rendered as text');
  assert.equal(shown.text, text, 'rendered as text');
  assert.equal(await list.locator(markup).count(), 0);
  await sleep(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  const again = await reopen(page, src);
  const reloaded = (await rows(again)).filter((r) => r.text === text);
  assert.deepEqual(reloaded.map((r) => [r.author, r.status]), [[author, null]]);
  assert.equal(await again.locator('ol.aw-comment-list').locator(markup).count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

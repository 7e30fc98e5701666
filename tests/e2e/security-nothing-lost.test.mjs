// Nothing lost (issue #6): comments written on two articles of one page while their backend
// fails (503), then is down, then while the page is offline, across three reloads; then the
// backend recovers. Every comment arrives exactly once, under one idempotency key each, and the
// drafts the reader had not sent yet are still in both forms at every step.
// (comments-http.test.mjs and comments-isso.test.mjs cover single comments through each fault.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, launchBrowser, readData, settled, track } from './harness.mjs';
import { startCommentEndpoint } from './comment-endpoint.mjs';
import { loaded, rows, rowWithText } from './comment-page.mjs';
import { useHostileEnv } from './hostile-server.mjs';

const env = useHostileEnv();

const PUBLISHED = '2020-02-19T04:32:00+08:00';
const COMMENTS = {
  a: [['读者甲', '第一条:后端出错时写下'], ['读者乙', '第二条:也在出错时写下'], ['读者甲', '第三条:刷新之后写下']],
  b: [['读者丙', '另一篇文章的评论']],
};
const DRAFTS = {
  a: { name: '草稿作者', website: 'https://draft.example/', text: '还没发送的草稿 A' },
  b: { name: '草稿作者二', website: '', text: '还没发送的草稿 B\n第二行' },
};

/** The form of `widget` as the reader sees it. */
async function form(widget) {
  return {
    name: await widget.locator('#aw-name').inputValue(),
    website: await widget.locator('#aw-website').inputValue(),
    text: await widget.locator('#aw-text').inputValue(),
  };
}

async function post(widget, author, text, statuses = ['pending', 'sending', 'failed']) {
  await widget.locator('#aw-name').fill(author);
  await widget.locator('#aw-website').fill('');
  await widget.locator('#aw-text').fill(text);
  await widget.locator('button.aw-submit').click();
  await rowWithText(widget, text, statuses);
}

async function typeDraft(widget, draft) {
  await widget.locator('#aw-name').fill(draft.name);
  await widget.locator('#aw-website').fill(draft.website);
  await widget.locator('#aw-text').fill(draft.text);
}

/** Both widgets once their article and thread are there. */
async function widgets(page) {
  const a = page.locator('#a');
  const b = page.locator('#b');
  for (const widget of [a, b]) {
    assert.equal(await settled(widget), 'article');
    await loaded(widget);
  }
  return { a, b };
}

/** Every comment is shown once, in one of `statuses`; both drafts are in their forms. */
async function assertKept(page, statuses, step) {
  const { a, b } = await widgets(page);
  for (const [id, widget] of [['a', a], ['b', b]]) {
    const shown = (await rows(widget)).map((r) => r.text);
    for (const [, text] of COMMENTS[id]) {
      assert.equal(shown.filter((t) => t === text).length, 1, `${step}: "${text}" shown once in ${JSON.stringify(shown)}`);
      await rowWithText(widget, text, statuses);
    }
    assert.deepEqual(await form(widget), DRAFTS[id], `${step}: the draft of ${id} is kept`);
  }
  return { a, b };
}

test('comments written while the backend fails, is down and the page is offline arrive once; drafts stay', async () => {
  await env.ready;
  // A context of its own with a controlled clock: the outbox's backoff (up to minutes) is
  // skipped by fast-forwarding instead of waiting.
  const browser = await launchBrowser();
  let endpoint = await startCommentEndpoint({ pageOrigin: env.server.origin });
  const { port } = new URL(endpoint.url);
  try {
    await browser.context.clock.install();
    const base = readData('data/articles/jijiehao.json');
    for (const id of ['a', 'b']) {
      env.server.json(`/lost/${id}.json`, { ...base, id: `lost-${id}-${process.pid}`, title: `不会丢失 ${id}`,
        feed: undefined, published: PUBLISHED, comments: { backend: 'http', endpoint: endpoint.url } });
    }
    env.server.page('/lost.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main>
<article-widget id="a" src="/lost/a.json"></article-widget>
<article-widget id="b" src="/lost/b.json"></article-widget>
</main></body></html>`);
    const page = track(await browser.context.newPage());
    await page.goto(`${env.server.origin}/lost.html`);

    // 1. The backend answers 503 to everything: two comments on A, one on B, then drafts.
    endpoint.failNext(100_000, 503);
    let { a, b } = await widgets(page);
    await post(a, ...COMMENTS.a[0]);
    await post(a, ...COMMENTS.a[1]);
    await post(b, ...COMMENTS.b[0]);
    await browser.context.clock.fastForward(10_000);
    await typeDraft(b, DRAFTS.b);

    // 2. Reload while it still fails: the comments are there (failed, waiting to retry), a
    //    third comment is written, then the draft of A.
    await page.reload();
    ({ a, b } = await widgets(page));
    await post(a, ...COMMENTS.a[2]);
    await typeDraft(a, DRAFTS.a);
    await assertKept(page, ['pending', 'sending', 'failed'], 'after the first reload');
    assert.ok(endpoint.posts().length >= 3, 'the widget did try');
    assert.equal(endpoint.comments().length, 0, 'a 503 stores nothing');

    // 3. The backend goes down altogether; retries fail on the connection.
    await endpoint.stop();
    await browser.context.clock.fastForward(60_000);
    await page.reload();
    await assertKept(page, ['pending', 'sending', 'failed'], 'with the backend down');

    // 4. The page goes offline and is reloaded from the cache (as a service worker would).
    await browser.context.grantPermissions(['local-network-access'], { origin: env.server.origin });
    await page.route((url) => url.origin === env.server.origin, async (route) => {
      await route.fulfill({ response: await route.fetch() });
    });
    await browser.context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => !navigator.onLine);
    await assertKept(page, ['pending', 'sending', 'failed'], 'offline');

    // 5. The backend is back (a fresh process on the same port, nothing stored yet) and the
    //    connection returns: everything is sent by itself.
    // While offline nothing is in flight, so the clock may jump: past the lease of an attempt
    // a reload cut off and past every backoff. (A jump while a request is in flight would time
    // it out at once.)
    await browser.context.clock.fastForward(6 * 60_000);
    endpoint = await startCommentEndpoint({ pageOrigin: env.server.origin, port: Number(port) });
    await browser.context.setOffline(false);
    ({ a, b } = await widgets(page));
    for (const [id, widget] of [['a', a], ['b', b]]) {
      for (const [, text] of COMMENTS[id]) await rowWithText(widget, text, [null], 15_000);
    }
    await browser.context.clock.fastForward(6 * 60_000);
    const stored = endpoint.comments();
    const texts = (id) => stored.filter((c) => c.thread === `lost-${id}-${process.pid}`).map((c) => [c.author, c.text]);
    assert.deepEqual(texts('a').sort(), [...COMMENTS.a].sort(), 'A: every comment stored exactly once');
    assert.deepEqual(texts('b'), COMMENTS.b, 'B: stored exactly once');
    const keys = endpoint.posts().map((p) => p.key);
    assert.equal(new Set(keys).size, 4, 'one idempotency key per comment');
    assert.equal(new Set(stored.map((c) => c.idempotency_key)).size, 4);
    for (const [id, widget] of [['a', a], ['b', b]]) {
      assert.deepEqual(await form(widget), DRAFTS[id], `the draft of ${id} survived it all`);
    }

    // 6. One more reload: nothing is sent again, nothing shows twice, the drafts are there.
    const posted = endpoint.posts().length;
    await page.reload();
    ({ a, b } = await widgets(page));
    for (const [id, widget] of [['a', a], ['b', b]]) {
      const shown = (await rows(widget)).map((r) => r.text);
      for (const [, text] of COMMENTS[id]) assert.ok(shown.filter((t) => t === text).length <= 1, `"${text}" once at most`);
      assert.deepEqual(await form(widget), DRAFTS[id]);
    }
    await browser.context.clock.fastForward(6 * 60_000);
    assert.equal(endpoint.posts().length, posted, 'nothing was sent again');
    assert.equal(endpoint.comments().length, 4);
    assert.deepEqual(errorsOf(page).pageErrors, []);
  } finally {
    await browser.close();
    await endpoint.stop().catch(() => {});
  }
});

test('two articles on one page with the local backend: comments written on both are all kept', async () => {
  await env.ready;
  const base = readData('data/articles/jijiehao.json');
  for (const id of ['a', 'b']) {
    env.server.json(`/local/${id}.json`, { ...base, id: `local-${id}-${process.pid}`, title: `本机 ${id}`,
      feed: undefined, comments: { backend: 'local' } });
  }
  env.server.page('/local.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main>
<article-widget id="a" src="/local/a.json"></article-widget>
<article-widget id="b" src="/local/b.json"></article-widget>
</main></body></html>`);
  const page = await env.newPage();
  await page.goto(`${env.server.origin}/local.html`);
  let { a, b } = await widgets(page);
  // Alternating: each widget stores its comment over what the other stored a moment ago.
  const written = [[a, '甲', '写在 A 的第一条'], [b, '乙', '写在 B 的第一条'], [a, '甲', '写在 A 的第二条'],
    [b, '乙', '写在 B 的第二条']];
  for (const [widget, author, text] of written) {
    await post(widget, author, text, [null]);
  }
  await page.reload();
  ({ a, b } = await widgets(page));
  const texts = async (widget) => (await rows(widget)).map((r) => r.text).sort();
  assert.deepEqual(await texts(a), ['写在 A 的第一条', '写在 A 的第二条'].sort(), 'A keeps both comments');
  assert.deepEqual(await texts(b), ['写在 B 的第一条', '写在 B 的第二条'].sort(), 'B keeps both comments');
});

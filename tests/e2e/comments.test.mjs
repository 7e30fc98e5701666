// The comment section under the article, as the demo ships it: the static thread of
// www/data/comments/jijiehao.json read, new comments kept on this device (backend "local").
// Also the form's rules, drafts, replies, likes, the submit button while a request is in
// flight (a plain HTTP endpoint answered by page.route), and hostile strings.
//
// Every test starts from empty storage on the file's own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_TITLE, readData, settled, useEnv } from './harness.mjs';
import { loaded, mount } from './comment-page.mjs';

const env = useEnv();

const THREAD = readData('data/comments/jijiehao.json');
const BASE_ARTICLE = readData('data/articles/jijiehao.json');
const byId = new Map(THREAD.comments.map((c) => [c.id, c]));

const LOCAL_ONLY = '仅在本设备可见';
const EMPTY = '还没有评论,来说两句吧。';
const LOADING = '正在加载评论…';

// ---------------------------------------------------------------------------------------
// Helpers

/** A fresh page whose origin has empty localStorage. */
async function freshPage() {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.evaluate(() => localStorage.clear());
  return page;
}

/**
 * An article JSON based on the seed article, without its feed (no recommendation requests),
 * with `id` and `comments` (undefined: no comments settings at all).
 */
function articleJson(id, comments, title = SEED_TITLE) {
  const article = structuredClone(BASE_ARTICLE);
  article.id = id;
  article.title = title;
  delete article.feed;
  if (comments === undefined) delete article.comments;
  else article.comments = comments;
  return article;
}

/** Serves `body` as JSON at /data/e2e/<name>.json for `page` (so ../comments/… resolves). */
async function serveJson(page, name, body) {
  const url = `${env.main.origin}/data/e2e/${name}.json`;
  await page.route(url, (route) => route.fulfill({
    status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body),
  }));
  return url;
}

/** Opens the seed page (index.html) with empty storage and waits for the thread. */
async function openSeed(page) {
  const target = page ?? await freshPage();
  await target.goto(`${env.main.origin}/index.html`);
  const widget = target.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  await loaded(widget);
  return { page: target, widget };
}

/** The rows of the list: id, depth, author, text, status. */
async function rows(widget) {
  return widget.locator('li.aw-comment').evaluateAll((items) => items.map((li) => ({
    id: li.dataset.id,
    depth: Number(li.dataset.depth),
    author: li.querySelector('.aw-comment-author')?.textContent,
    text: li.querySelector('.aw-comment-text')?.textContent,
    status: li.querySelector('.aw-comment-status')?.textContent ?? null,
    dataStatus: li.querySelector('.aw-comment-status')?.dataset.status ?? null,
  })));
}

/** The row of comment `id`. */
const row = (widget, id) => widget.locator(`li.aw-comment[data-id="${id}"]`);

/** The id of the element focused inside the widget's shadow root. */
const focusedId = (widget) => widget.evaluate((host) => host.shadowRoot.activeElement?.id ?? null);

/**
 * The expected rows of a static thread: top-level comments in `order`, each followed by its
 * replies (oldest first, recursively), depth capped at 2.
 */
function expectedOrder(comments, order) {
  const time = (c) => Date.parse(c.created);
  const children = (id) => comments.filter((c) => c.parent === id).sort((a, b) => time(a) - time(b));
  const top = comments.filter((c) => !c.parent);
  const sorted = {
    newest: [...top].sort((a, b) => time(b) - time(a)),
    oldest: [...top].sort((a, b) => time(a) - time(b)),
    liked: [...top].sort((a, b) => b.likes - a.likes || time(b) - time(a)),
  }[order];
  const out = [];
  const walk = (c, depth) => {
    out.push({ id: c.id, depth: Math.min(depth, 2) });
    for (const child of children(c.id)) walk(child, depth + 1);
  };
  for (const c of sorted) walk(c, 0);
  return out;
}

/**
 * Makes `Date.now()` and `new Date()` of `page` (from its next navigation on) return `ms`.
 * (Not page.clock: that is the whole context's and cannot be undone.)
 */
async function fixClock(page, ms) {
  await page.addInitScript((fixed) => {
    const RealDate = Date;
    class FixedDate extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(fixed);
        else super(...args);
      }

      static now() { return fixed; }
    }
    globalThis.Date = FixedDate;
  }, ms);
}

/** "2小时前" etc. for `elapsedMs`, as the widget words it in Chinese. */
function relativeZh(elapsedMs) {
  const s = Math.floor(elapsedMs / 1000);
  if (s < 60) return '刚刚';
  if (s < 3600) return `${Math.floor(s / 60)}分钟前`;
  if (s < 86_400) return `${Math.floor(s / 3600)}小时前`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)}天前`;
  return null;
}

// ---------------------------------------------------------------------------------------
// 1. Reading

test('seed page: the static thread with heading, count, indented replies and times', async () => {
  const page = await freshPage();
  // The reader is in China, two hours after the newest comment.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' });
  const now = Date.parse('2020-02-20T08:15:00+08:00');
  await fixClock(page, now);
  const { widget } = await openSeed(page);

  const section = widget.locator('section.aw-comments');
  assert.equal(await section.locator('h2#aw-comments-heading').textContent(), `评论:(${SEED_TITLE})`);
  assert.equal(await section.getAttribute('aria-labelledby'), 'aw-comments-heading');
  assert.equal(await widget.locator('.aw-comment-count').textContent(), `${THREAD.comments.length} 条评论`);
  assert.equal(THREAD.comments.length, 8, 'the seed thread has 8 comments');

  const shown = await rows(widget);
  assert.deepEqual(shown.map(({ id, depth }) => ({ id, depth })), expectedOrder(THREAD.comments, 'newest'));
  assert.deepEqual(shown.map((r) => r.id), ['c8', 'c6', 'c7', 'c4', 'c5', 'c1', 'c2', 'c3']);
  for (const r of shown) {
    const c = byId.get(r.id);
    assert.equal(r.author, c.author);
    assert.equal(r.text, c.text);
    assert.equal(r.status, null, 'published comments carry no status');
  }
  // Replies name the comment they answer.
  assert.equal(await row(widget, 'c7').locator('.aw-reply-to').textContent(), '回复 徽城志愿者');
  assert.equal(await row(widget, 'c3').locator('.aw-reply-to').textContent(), '回复 网格员小方');
  assert.equal(await row(widget, 'c8').locator('.aw-reply-to').count(), 0);
  // ... and are visibly indented: deeper rows start further right.
  const left = async (id) => (await row(widget, id).boundingBox()).x;
  const [x8, x7, x3] = [await left('c8'), await left('c7'), await left('c3')];
  assert.ok(x7 > x8, `a reply is indented (${x7} > ${x8})`);
  assert.ok(x3 > x7, `a reply to a reply is indented further (${x3} > ${x7})`);

  for (const { id } of shown) {
    const c = byId.get(id);
    const time = row(widget, id).locator('time');
    assert.equal(await time.getAttribute('datetime'), c.created);
    assert.match(c.created, /\+08:00$/);
    // The exact time, in the reader's zone (+08:00, as in the JSON).
    assert.equal(await time.getAttribute('title'), c.created.slice(0, 16).replace('T', ' '));
    assert.equal(await time.textContent(), relativeZh(now - Date.parse(c.created)), id);
  }
  assert.equal(await row(widget, 'c8').locator('time').textContent(), '2小时前');
  assert.equal(await row(widget, 'c1').locator('time').textContent(), '1天前');

  // The website of c4 is a link for user-generated content.
  const link = row(widget, 'c4').locator('a.aw-comment-author');
  assert.equal(await link.getAttribute('href'), byId.get('c4').website);
  assert.deepEqual((await link.getAttribute('rel')).split(/\s+/).sort(), ['nofollow', 'noopener', 'ugc']);

  // Likes from the JSON; nothing liked yet.
  assert.equal(await row(widget, 'c1').locator('.aw-like').textContent(), '赞 36');
  assert.equal(await row(widget, 'c1').locator('.aw-like').getAttribute('aria-pressed'), 'false');
  await cdp.detach();
});

test('seed page: sort by oldest and by most liked reorders top-level comments', async () => {
  const { widget } = await openSeed();
  const sort = widget.locator('select.aw-sort');
  assert.equal(await sort.inputValue(), 'newest');
  assert.deepEqual(await sort.locator('option').allTextContents(), ['最新', '最早', '最多赞']);
  const ids = async () => (await rows(widget)).map(({ id, depth }) => ({ id, depth }));

  await sort.selectOption('oldest');
  assert.deepEqual(await ids(), expectedOrder(THREAD.comments, 'oldest'));
  assert.deepEqual((await ids()).map((r) => r.id), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);

  await sort.selectOption('liked');
  assert.deepEqual(await ids(), expectedOrder(THREAD.comments, 'liked'));
  // 36, 28, 17, 8 likes.
  assert.deepEqual((await ids()).filter((r) => r.depth === 0).map((r) => r.id), ['c1', 'c4', 'c6', 'c8']);

  await sort.selectOption('newest');
  assert.deepEqual(await ids(), expectedOrder(THREAD.comments, 'newest'));
});

test('loading state while the thread is on its way, then the thread', async () => {
  const page = await freshPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`${env.main.origin}/data/comments/jijiehao.json`, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  const list = widget.locator('ol.aw-comment-list');
  assert.equal(await list.getAttribute('aria-busy'), 'true');
  assert.deepEqual(await list.locator('li').allTextContents(), [LOADING]);
  assert.equal(await widget.locator('li.aw-comment').count(), 0);
  release();
  await loaded(widget);
  assert.equal(await widget.locator('li.aw-comment').count(), THREAD.comments.length);
  assert.equal(await list.locator('li.aw-empty').count(), 0, 'the loading line is gone');
});

test('empty state: no comments settings, an empty static thread, a thread that fails to load', async () => {
  const page = await freshPage();
  const none = await serveJson(page, 'no-comments', articleJson('e2e-none', undefined, '没有评论设置的文章'));
  let widget = await mount(page, none);
  assert.equal(await widget.locator('.aw-section-title').textContent(), '评论:(没有评论设置的文章)');
  assert.equal(await widget.locator('.aw-comment-count').textContent(), '0 条评论');
  assert.deepEqual(await widget.locator('ol.aw-comment-list li').allTextContents(), [EMPTY]);
  assert.equal(await widget.locator('form.aw-comment-form').count(), 1, 'local comments can be written');

  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await serveJson(page, 'empty-thread', { version: '1.0', uri: 'e2e-empty', comments: [] });
  const empty = await serveJson(page, 'empty', articleJson('e2e-empty', { src: 'empty-thread.json', backend: 'local' }));
  widget = await mount(page, empty);
  assert.equal(await widget.locator('.aw-comment-count').textContent(), '0 条评论');
  assert.deepEqual(await widget.locator('ol.aw-comment-list li').allTextContents(), [EMPTY]);

  // Read-only (backend "none"): no form, a "closed" note, the thread still shown.
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const closed = await serveJson(page, 'closed', articleJson('e2e-closed', { src: '../comments/jijiehao.json', backend: 'none' }));
  widget = await mount(page, closed);
  assert.equal(await widget.locator('form.aw-comment-form').count(), 0);
  assert.deepEqual(await widget.locator('section.aw-comments > p.aw-empty').allTextContents(), ['评论已关闭']);
  assert.equal(await widget.locator('li.aw-comment').count(), THREAD.comments.length);
  assert.equal(await widget.locator('.aw-reply').count(), 0, 'no reply buttons without a form');
  // A like with nowhere to send it is kept on this device at once (not left "sending"):
  // still there after a reload.
  await row(widget, 'c8').locator('button.aw-like').click();
  await widget.locator('li[data-id="c8"] button.aw-like[aria-pressed="true"]').waitFor();
  await page.reload();
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  widget = await mount(page, closed);
  const closedLike = row(widget, 'c8').locator('button.aw-like');
  assert.equal(await closedLike.getAttribute('aria-pressed'), 'true');
  assert.equal(await closedLike.textContent(), '赞 9');

  // A thread that cannot be loaded says so, in the list, as the article would (after the
  // same retries), naming its URL.
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const threadUrl = `${env.main.origin}/data/e2e/broken-thread.json`;
  let attempts = 0;
  await page.route(threadUrl, (route) => {
    attempts += 1;
    return route.fulfill({ status: 500, body: 'boom' });
  });
  const broken = await serveJson(page, 'broken', articleJson('e2e-broken', { src: 'broken-thread.json' }));
  widget = await mount(page, broken);
  assert.deepEqual(await widget.locator('ol.aw-comment-list li').allTextContents(),
    [`评论未能加载: ${threadUrl} answered HTTP 500 Internal Server Error重试`]);
  assert.equal(attempts, 3, 'a 500 is tried 3 times in all');
  assert.equal(await widget.locator('ol.aw-comment-list li[role=alert] button.aw-comment-retry').count(), 1, 'a retry button');
});

test('a long thread is paged: 20 top-level comments, then "more"', async () => {
  const page = await freshPage();
  const comments = [];
  for (let i = 1; i <= 25; i++) {
    const created = new Date(Date.UTC(2020, 1, 1, 0, i)).toISOString().replace('.000Z', 'Z');
    comments.push({ id: `p${i}`, parent: null, author: `读者${i}`, created, text: `第${i}条`, likes: i });
    if (i % 5 === 0) comments.push({ id: `r${i}`, parent: `p${i}`, author: '回复者', created, text: `回复第${i}条`, likes: 0 });
  }
  await serveJson(page, 'long-thread', { version: '1.0', uri: 'e2e-long', comments });
  const widget = await mount(page, await serveJson(page, 'long', articleJson('e2e-long', { src: 'long-thread.json' })));
  assert.equal(await widget.locator('.aw-comment-count').textContent(), '30 条评论', 'replies count too');
  const tops = async () => (await rows(widget)).filter((r) => r.depth === 0).map((r) => r.id);
  const expected = Array.from({ length: 25 }, (_, i) => `p${25 - i}`);
  assert.deepEqual(await tops(), expected.slice(0, 20));
  assert.equal(await widget.locator('li.aw-comment').count(), 24, 'with the replies of those shown');
  const more = widget.locator('button.aw-more');
  assert.equal(await more.isVisible(), true);
  assert.equal(await more.textContent(), '加载更多评论(还有 5 条)');
  await more.click();
  assert.deepEqual(await tops(), expected);
  assert.equal(await widget.locator('li.aw-comment').count(), 30);
  assert.equal(await more.getAttribute('hidden'), '');
});

// Regression: src/dom/style.css once gave .aw-more display: block, which beat [hidden].
test('the "more" button is hidden under a thread that fits on one page', async () => {
  const { widget } = await openSeed();
  const more = widget.locator('button.aw-more');
  assert.equal(await more.getAttribute('hidden'), '');
  assert.equal(await more.isHidden(), true, `display: ${await more.evaluate((el) => getComputedStyle(el).display)}`);
});

// ---------------------------------------------------------------------------------------
// 2. Writing (local backend)

test('validation: messages beside the fields, aria-invalid, focus, an alert summary', async () => {
  const { widget } = await openSeed();
  const name = widget.locator('#aw-name');
  const website = widget.locator('#aw-website');
  const text = widget.locator('#aw-text');
  const errors = () => widget.locator('.aw-field-error').allTextContents();
  const summary = widget.locator('.aw-form-summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  // Fields are labelled.
  assert.deepEqual(await widget.locator('form label').allTextContents(), ['昵称', '网址(可选)', '评论']);
  assert.deepEqual(await widget.locator('form label').evaluateAll((ls) => ls.map((l) => l.control?.id)),
    ['aw-name', 'aw-website', 'aw-text']);

  await widget.locator('button.aw-submit').click();
  assert.deepEqual(await errors(), ['请填写昵称', '', '请写下评论内容']);
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await name.getAttribute('aria-errormessage'), 'aw-name-error');
  assert.equal(await text.getAttribute('aria-invalid'), 'true');
  assert.equal(await text.getAttribute('aria-errormessage'), 'aw-text-error');
  assert.equal(await website.getAttribute('aria-invalid'), null);
  assert.equal(await focusedId(widget), 'aw-name', 'focus on the first invalid field');
  assert.equal(await summary.textContent(), '表单有 2 处需要修改');
  assert.equal(await widget.locator('li.aw-comment').count(), THREAD.comments.length, 'nothing posted');

  // Name given, website of the wrong scheme, text still empty.
  await name.fill('测试读者');
  await website.fill('ftp://example.com/');
  await text.press('Control+Enter');
  assert.deepEqual(await errors(), ['', '网址须以 http:// 或 https:// 开头', '请写下评论内容']);
  assert.equal(await name.getAttribute('aria-invalid'), null, 'a fixed field is no longer invalid');
  assert.equal(await website.getAttribute('aria-invalid'), 'true');
  assert.equal(await focusedId(widget), 'aw-website');
  assert.equal(await summary.textContent(), '表单有 2 处需要修改');

  // Whitespace only is no text; a name of two lines is refused.
  await website.fill('');
  await text.fill('   \n  ');
  await name.fill('第一行\n第二行');
  await widget.locator('button.aw-submit').click();
  assert.deepEqual(await errors(), ['', '', '请写下评论内容']);
  assert.equal(await focusedId(widget), 'aw-text');
  assert.equal(await summary.textContent(), '表单有 1 处需要修改');

  // Fixed: the messages and the summary go away, the comment is posted.
  await text.fill('校验通过了');
  await widget.locator('button.aw-submit').click();
  await row(widget, await firstLocalId(widget)).waitFor();
  assert.deepEqual(await errors(), ['', '', '']);
  assert.equal(await summary.textContent(), '');
  assert.equal(await text.getAttribute('aria-invalid'), null);
});

/** The id of the first row kept on this device (waits for one). */
async function firstLocalId(widget) {
  const local = widget.locator('li.aw-comment[data-id^="local-"]').first();
  await local.waitFor();
  return local.getAttribute('data-id');
}

test('storage that refuses to keep the text: the form says so (an alert), the text stays in the page', async () => {
  const { page, widget } = await openSeed();
  const NOT_KEPT = '无法保存在本设备(存储已满或被禁用),内容只保留到关闭此页为止';
  const note = widget.locator('p.aw-not-kept');
  assert.equal(await note.getAttribute('role'), 'alert');
  assert.equal(await note.textContent(), '');
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await widget.locator('#aw-name').fill('存不下的读者');
  await widget.locator('#aw-text').fill('存储满了也不能丢的评论');
  assert.equal(await note.textContent(), NOT_KEPT, 'the draft could not be kept');
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  assert.equal(await row(widget, id).locator('.aw-comment-text').textContent(), '存储满了也不能丢的评论', 'kept in the page');
  await widget.locator(`[role="status"]:text-is("${NOT_KEPT}")`).waitFor();
  assert.equal(await note.textContent(), NOT_KEPT);
  assert.equal(await page.evaluate(() => localStorage.getItem('article-widget:comments:local')), null, 'nothing stored');
  // Storage works again: the next write keeps everything and the note goes.
  await page.evaluate(() => {
    Storage.prototype.setItem = window.__setItem;
  });
  await widget.locator('#aw-text').fill('第二条');
  await widget.locator('#aw-text').press('Control+Enter');
  await widget.locator('li.aw-comment[data-id^="local-"]').nth(1).waitFor();
  assert.equal(await note.textContent(), '');
  const stored = await page.evaluate(() => localStorage.getItem('article-widget:comments:local'));
  assert.ok(stored.includes('存储满了也不能丢的评论') && stored.includes('第二条'), 'the comment kept in memory is stored with the next');
});

test('live character count and the 1000-character limit', async () => {
  const { widget } = await openSeed();
  const text = widget.locator('#aw-text');
  const count = widget.locator('.aw-char-count');
  assert.equal(await count.textContent(), '0 / 1000');
  assert.equal(await text.getAttribute('aria-describedby'), 'aw-text-count aw-text-error');
  await text.pressSequentially('你好,世界');
  assert.equal(await count.textContent(), '5 / 1000', 'counted per keystroke, in characters');
  await text.fill('  😀汪  ');
  assert.equal(await count.textContent(), '2 / 1000', 'trimmed, an emoji is one character');
  await text.fill('评'.repeat(1000));
  assert.equal(await count.textContent(), '1000 / 1000');
  assert.equal(await count.getAttribute('data-over'), null);
  await text.fill('评'.repeat(1001));
  assert.equal(await count.textContent(), '1001 / 1000');
  assert.equal(await count.getAttribute('data-over'), '', 'the counter is marked over the limit');
  const colours = await count.evaluate((el) => getComputedStyle(el).color);
  await widget.locator('#aw-name').fill('话多的读者');
  await widget.locator('button.aw-submit').click();
  assert.deepEqual(await widget.locator('.aw-field-error').allTextContents(), ['', '', '评论最多 1000 个字']);
  assert.equal(await text.getAttribute('aria-invalid'), 'true');
  assert.equal(await focusedId(widget), 'aw-text');
  assert.equal(await widget.locator('li.aw-comment').count(), THREAD.comments.length);
  await text.press('Backspace');
  assert.equal(await count.textContent(), '1000 / 1000');
  assert.equal(await count.getAttribute('data-over'), null);
  const normal = await count.evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colours, normal, 'over the limit the counter looks different');
});

test('posting by button and by Ctrl+Enter; name remembered and draft kept across reloads', async () => {
  const { page, widget } = await openSeed();
  const name = widget.locator('#aw-name');
  const text = widget.locator('#aw-text');
  assert.equal(await name.inputValue(), '');

  await name.fill('  歙县读者甲 ');
  await text.fill('第一条:按按钮发表的评论');
  await widget.locator('button.aw-submit').click();
  const first = await firstLocalId(widget);
  const newRow = row(widget, first);
  assert.equal(await newRow.getAttribute('data-depth'), '0');
  assert.equal(await newRow.locator('.aw-comment-author').textContent(), '歙县读者甲', 'trimmed');
  assert.equal(await newRow.locator('.aw-comment-text').textContent(), '第一条:按按钮发表的评论');
  assert.equal(await newRow.locator('.aw-comment-status').textContent(), LOCAL_ONLY);
  assert.equal(await newRow.locator('time').textContent(), '刚刚');
  const datetime = await newRow.locator('time').getAttribute('datetime');
  assert.ok(Math.abs(Date.parse(datetime) - Date.now()) < 60_000, datetime);
  assert.equal(await widget.locator('.aw-comment-count').textContent(), `${THREAD.comments.length + 1} 条评论`);
  assert.equal(await text.inputValue(), '', 'the text is cleared');
  assert.equal(await name.inputValue(), '  歙县读者甲 ', 'the name stays');
  assert.equal(await widget.locator('.aw-char-count').textContent(), '0 / 1000');
  // Announced once the local backend kept it, not before.
  await widget.locator('[role="status"]:text-is("评论已保存,仅在本设备可见")').waitFor();
  assert.equal(await focusedId(widget), 'aw-text');
  assert.deepEqual((await rows(widget))[0].id, first, 'newest first: at the top');

  await text.fill('第二条:Ctrl+Enter 发表的评论');
  await text.press('Control+Enter');
  await widget.locator('li.aw-comment[data-id^="local-"]').nth(1).waitFor();
  assert.equal(await widget.locator('.aw-comment-count').textContent(), `${THREAD.comments.length + 2} 条评论`);
  const mine = (await rows(widget)).filter((r) => r.id.startsWith('local-'));
  assert.deepEqual(mine.map((r) => r.text).sort(), ['第一条:按按钮发表的评论', '第二条:Ctrl+Enter 发表的评论'].sort());
  assert.ok(mine.every((r) => r.status === LOCAL_ONLY && r.depth === 0));
  assert.equal(await text.inputValue(), '');

  // A draft typed but not sent.
  await text.fill('还没写完的草稿,\n第二行');
  await page.reload();
  await loaded(widget);
  assert.equal((await name.inputValue()).trim(), '歙县读者甲', 'the name is remembered');
  assert.equal(await text.inputValue(), '还没写完的草稿,\n第二行', 'the draft survives a reload');
  assert.equal(await widget.locator('.aw-char-count').textContent(), '12 / 1000', 'the count of the restored draft');
  const after = (await rows(widget)).filter((r) => r.id.startsWith('local-'));
  assert.deepEqual(after.map((r) => r.text).sort(), mine.map((r) => r.text).sort(), 'own comments after reload');
  assert.ok(after.every((r) => r.status === LOCAL_ONLY));
  assert.equal(await widget.locator('.aw-comment-count').textContent(), `${THREAD.comments.length + 2} 条评论`);

  // Posted: the draft is gone for good, the name still remembered.
  await text.press('Control+Enter');
  await widget.locator('li.aw-comment[data-id^="local-"]').nth(2).waitFor();
  await page.reload();
  await loaded(widget);
  assert.equal(await text.inputValue(), '');
  assert.equal((await name.inputValue()).trim(), '歙县读者甲');
  assert.equal(await widget.locator('li.aw-comment[data-id^="local-"]').count(), 3);

  // Another article (no draft of its own) starts with the remembered name, trimmed.
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const other = await mount(page, await serveJson(page, 'other', articleJson('e2e-other', undefined, '另一篇')));
  assert.equal(await other.locator('#aw-name').inputValue(), '歙县读者甲');
  assert.equal(await other.locator('#aw-text').inputValue(), '');
  assert.equal(await other.locator('.aw-comment-count').textContent(), '0 条评论', "the other thread's comments are its own");
});

test('reply to a comment: banner with cancel, the reply indented under its parent', async () => {
  const { page, widget } = await openSeed();
  await widget.locator('#aw-name').fill('回复者');
  const replying = widget.locator('.aw-replying');
  assert.equal(await replying.isHidden(), true);

  // Cancel: the banner goes, the next comment is top-level.
  await row(widget, 'c1').locator('button.aw-reply').click();
  assert.equal(await replying.isVisible(), true);
  assert.equal(await replying.textContent(), '回复 斗山街居民取消回复');
  assert.equal(await focusedId(widget), 'aw-text', 'focus moves to the text');
  await replying.locator('button.aw-cancel-reply').click();
  assert.equal(await replying.isHidden(), true);

  await row(widget, 'c4').locator('button.aw-reply').click();
  assert.equal(await replying.locator('button.aw-cancel-reply').textContent(), '取消回复');
  assert.ok((await replying.textContent()).startsWith('回复 在外的歙县人'));
  await widget.locator('#aw-text').fill('同在外地,同感!');
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  assert.equal(await replying.isHidden(), true, 'the banner goes after posting');
  const reply = row(widget, id);
  assert.equal(await reply.getAttribute('data-depth'), '1');
  assert.equal(await reply.locator('.aw-reply-to').textContent(), '回复 在外的歙县人');
  assert.equal(await reply.locator('.aw-comment-status').textContent(), LOCAL_ONLY);
  const order = (await rows(widget)).map((r) => r.id);
  assert.deepEqual(order, ['c8', 'c6', 'c7', 'c4', 'c5', id, 'c1', 'c2', 'c3'],
    'under c4, after its older reply c5');
  const [xParent, xReply] = [(await row(widget, 'c4').boundingBox()).x, (await reply.boundingBox()).x];
  assert.ok(xReply > xParent, 'indented');

  // Still a reply after a reload; the next comment is top-level again.
  await page.reload();
  await loaded(widget);
  assert.deepEqual((await rows(widget)).map((r) => r.id), order);
  assert.equal(await replying.isHidden(), true);
  await widget.locator('#aw-text').fill('这条不是回复');
  await widget.locator('#aw-text').press('Control+Enter');
  await widget.locator('li.aw-comment[data-id^="local-"]').nth(1).waitFor();
  const top = (await rows(widget)).find((r) => r.text === '这条不是回复');
  assert.equal(top.depth, 0);
  assert.equal((await rows(widget))[0].id, top.id);
});

test('a reply in progress survives a reload of the page', async () => {
  const { page, widget } = await openSeed();
  await widget.locator('#aw-name').fill('回复者');
  await row(widget, 'c6').locator('button.aw-reply').click();
  await widget.locator('#aw-text').fill('写到一半的回复');
  await page.reload();
  await loaded(widget);
  assert.equal(await widget.locator('#aw-text').inputValue(), '写到一半的回复');
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  // The draft kept its reply target, so the comment is a reply to c6.
  assert.equal(await row(widget, id).getAttribute('data-depth'), '1');
  assert.equal(await row(widget, id).locator('.aw-reply-to').textContent(), '回复 徽城志愿者');
});

// Regression: restore_draft() once kept draft.reply_to without showing its banner.
test('after a reload, a draft that is a reply shows its "replying to" banner', async () => {
  const { page, widget } = await openSeed();
  await widget.locator('#aw-name').fill('回复者');
  await row(widget, 'c6').locator('button.aw-reply').click();
  await widget.locator('#aw-text').fill('写到一半的回复');
  await page.reload();
  await loaded(widget);
  const banner = widget.locator('.aw-replying');
  assert.equal(await banner.isVisible(), true, 'the reader must see (and be able to cancel) the reply target');
  assert.ok((await banner.textContent()).startsWith('回复 徽城志愿者'));
  // Cancelled after the reload: the comment is top-level.
  await banner.locator('button.aw-cancel-reply').click();
  assert.equal(await banner.isHidden(), true);
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  assert.equal(await row(widget, id).getAttribute('data-depth'), '0');
  assert.equal((await rows(widget))[0].id, id);
});

// Regression: reply_to() once looked the author up in the server's thread only.
test("replying to one of the reader's own comments shows the banner; the reply is indented under it", async () => {
  const { widget } = await openSeed();
  await widget.locator('#aw-name').fill('自己');
  await widget.locator('#aw-text').fill('我自己的评论');
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  await row(widget, id).locator('button.aw-reply').click();
  const banner = widget.locator('.aw-replying');
  assert.equal(await banner.isVisible(), true);
  assert.ok((await banner.textContent()).startsWith('回复 自己'));
  await widget.locator('#aw-text').fill('回复我自己');
  await widget.locator('#aw-text').press('Control+Enter');
  await widget.locator('li.aw-comment[data-id^="local-"]').nth(1).waitFor();
  const reply = (await rows(widget)).find((r) => r.text === '回复我自己');
  assert.equal(reply.depth, 1);
  const order = (await rows(widget)).map((r) => r.id);
  assert.equal(order.indexOf(reply.id), order.indexOf(id) + 1, 'right under the comment it answers');
  assert.equal(await row(widget, reply.id).locator('.aw-reply-to').textContent(), '回复 自己');
});

test('like once: pressed, disabled, +1, and still liked after a reload', async () => {
  const { page, widget } = await openSeed();
  const like = row(widget, 'c8').locator('button.aw-like');
  assert.equal(await like.textContent(), '赞 8');
  await like.click();
  await widget.locator('li[data-id="c8"] button.aw-like[aria-pressed="true"]').waitFor();
  assert.equal(await like.textContent(), '赞 9');
  assert.equal(await like.isDisabled(), true);
  await like.click({ force: true });
  assert.equal(await like.textContent(), '赞 9', 'a second click does nothing');
  // Only c8 is liked.
  assert.equal(await widget.locator('button.aw-like[aria-pressed="true"]').count(), 1);
  assert.equal(await row(widget, 'c1').locator('.aw-like').textContent(), '赞 36');

  await page.reload();
  await loaded(widget);
  assert.equal(await like.getAttribute('aria-pressed'), 'true');
  assert.equal(await like.isDisabled(), true);
  assert.equal(await like.textContent(), '赞 9');
  assert.equal(await row(widget, 'c1').locator('.aw-like').getAttribute('aria-pressed'), 'false');

  // A comment of one's own (kept on this device) can be liked too.
  await widget.locator('#aw-name').fill('点赞者');
  await widget.locator('#aw-text').fill('给自己点个赞');
  await widget.locator('#aw-text').press('Control+Enter');
  const id = await firstLocalId(widget);
  const own = row(widget, id).locator('button.aw-like');
  assert.equal(await own.textContent(), '赞 0');
  await own.click();
  await widget.locator(`li[data-id="${id}"] button.aw-like[aria-pressed="true"]`).waitFor();
  assert.equal(await own.textContent(), '赞 1');
});

test('the submit button is disabled while a comment is being sent (HTTP endpoint)', async () => {
  const page = await freshPage();
  const endpoint = `${env.main.origin}/e2e-api/comments`;
  const posts = [];
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  await page.route(endpoint, async (route) => {
    const request = route.request();
    posts.push({ method: request.method(), headers: request.headers(), body: request.postDataJSON() });
    const reply = await answered;
    await route.fulfill(reply).catch(() => {});
  });
  const src = await serveJson(page, 'http', articleJson('e2e-http', { src: '../comments/jijiehao.json', backend: 'http', endpoint }));
  const widget = await mount(page, src);
  const submit = widget.locator('button.aw-submit');
  assert.equal(await submit.textContent(), '发表评论');
  await widget.locator('#aw-name').fill('发送者');
  await widget.locator('#aw-text').fill('正在路上的评论');
  await submit.click();

  const sending = widget.locator('li.aw-comment .aw-comment-status[data-status="sending"]');
  await sending.waitFor();
  assert.equal(await sending.textContent(), '正在发送…');
  assert.equal(await submit.isDisabled(), true, 'disabled while the request is in flight');
  assert.equal(await submit.textContent(), '正在发送…');
  assert.equal(posts.length, 1);
  const [post] = posts;
  assert.equal(post.method, 'POST');
  assert.match(post.headers['content-type'], /^application\/json/);
  assert.equal(post.headers['idempotency-key'], post.body.idempotency_key);
  assert.deepEqual({ ...post.body, idempotency_key: undefined }, {
    idempotency_key: undefined, thread: 'e2e-http', parent: null, author: '发送者', website: null, text: '正在路上的评论',
  });

  answer({ status: 201, contentType: 'application/json', body: JSON.stringify({ id: 'h1', created: new Date().toISOString() }) });
  const confirmed = row(widget, 'h1');
  await confirmed.waitFor();
  assert.equal(await confirmed.locator('.aw-comment-text').textContent(), '正在路上的评论');
  assert.equal(await confirmed.locator('.aw-comment-status').count(), 0, 'published: no status');
  await widget.locator('button.aw-submit:not([disabled])').waitFor();
  assert.equal(await submit.textContent(), '发表评论');
  assert.equal(posts.length, 1, 'sent once');
  assert.equal(await widget.locator('li.aw-comment').count(), THREAD.comments.length + 1);
});

// ---------------------------------------------------------------------------------------
// 3. Hostile strings

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const JS_URL = 'javascript:window.__pwned=1';

/** Asserts that nothing ran and no markup got into the comment section. */
async function assertInert(page, widget) {
  await page.waitForTimeout(300); // an onerror would have fired by now
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected code ran');
  const section = widget.locator('section.aw-comments');
  assert.equal(await section.locator('img, script, iframe, object, embed, svg').count(), 0);
  assert.equal(await section.locator('[onerror], [onclick], [onload]').count(), 0);
  const hrefs = await section.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const href of hrefs) assert.match(href, /^https?:\/\//, href);
}

test('hostile strings typed into the form stay text; a javascript: website is refused', async () => {
  const { page, widget } = await openSeed();
  const name = widget.locator('#aw-name');
  const website = widget.locator('#aw-website');
  const text = widget.locator('#aw-text');
  await name.fill(IMG);
  await website.fill(JS_URL);
  await text.fill(`${SCRIPT} & ${IMG}`);
  await widget.locator('button.aw-submit').click();
  assert.deepEqual(await widget.locator('.aw-field-error').allTextContents(), ['', '网址须以 http:// 或 https:// 开头', '']);
  assert.equal(await website.getAttribute('aria-invalid'), 'true');
  assert.equal(await widget.locator('li.aw-comment[data-id^="local-"]').count(), 0, 'refused, not posted');
  for (const bad of ['JavaScript:window.__pwned=1', ' javascript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', '//evil.example/']) {
    await website.fill(bad);
    await widget.locator('button.aw-submit').click();
    assert.equal(await website.getAttribute('aria-invalid'), 'true', bad);
    assert.equal(await widget.locator('li.aw-comment[data-id^="local-"]').count(), 0, bad);
  }

  await website.fill('https://example.com/a?b=1&c="x"');
  await widget.locator('button.aw-submit').click();
  const id = await firstLocalId(widget);
  const mine = row(widget, id);
  const author = mine.locator('a.aw-comment-author');
  assert.equal(await author.textContent(), IMG);
  assert.equal(await author.getAttribute('href'), 'https://example.com/a?b=1&c=%22x%22');
  const rel = (await author.getAttribute('rel')).split(/\s+/);
  for (const word of ['ugc', 'nofollow', 'noopener']) assert.ok(rel.includes(word), `rel has ${word}: ${rel}`);
  assert.equal(await mine.locator('.aw-comment-text').textContent(), `${SCRIPT} & ${IMG}`);

  // A reply banner naming a hostile author is text as well.
  await mine.locator('button.aw-reply').click();
  await assertInert(page, widget);
  await page.reload();
  await loaded(widget);
  assert.equal(await row(widget, id).locator('.aw-comment-text').textContent(), `${SCRIPT} & ${IMG}`);
  assert.equal(await widget.locator('#aw-name').inputValue(), IMG, 'remembered as typed');
  await assertInert(page, widget);
});

test('hostile strings in a static thread stay text; unsafe websites are never links', async () => {
  const page = await freshPage();
  const created = '2020-02-19T07:12:00+08:00';
  const thread = {
    version: '1.0',
    uri: 'e2e-hostile',
    comments: [
      { id: 'h1', parent: null, author: IMG, website: 'https://example.com/?q=<b>', created, text: SCRIPT, likes: 1 },
      { id: 'h2', parent: 'h1', author: SCRIPT, created, text: `${IMG}\n<a href="${JS_URL}">click</a>`, likes: 0 },
      { id: 'h3', parent: null, author: '"><svg onload=window.__pwned=1>', created, text: '&lt;b&gt; &amp; </textarea><style>*{display:none}</style>', likes: 0 },
    ],
  };
  await serveJson(page, 'hostile-thread', thread);
  const src = await serveJson(page, 'hostile', articleJson('e2e-hostile', { src: 'hostile-thread.json' }, `${IMG}标题`));
  const widget = await mount(page, src);
  assert.equal(await widget.locator('.aw-section-title').textContent(), `评论:(${IMG}标题)`);
  const shown = await rows(widget);
  assert.deepEqual(shown.map((r) => [r.id, r.author, r.text]), [
    ['h3', '"><svg onload=window.__pwned=1>', '&lt;b&gt; &amp; </textarea><style>*{display:none}</style>'],
    ['h1', IMG, SCRIPT],
    ['h2', SCRIPT, `${IMG}\n<a href="${JS_URL}">click</a>`],
  ]);
  const link = row(widget, 'h1').locator('a.aw-comment-author');
  assert.equal(await link.getAttribute('href'), 'https://example.com/?q=%3Cb%3E');
  assert.deepEqual((await link.getAttribute('rel')).split(/\s+/).sort(), ['nofollow', 'noopener', 'ugc']);
  assert.equal(await widget.locator('section.aw-comments style').count(), 0);
  await assertInert(page, widget);

  // A javascript: website in the thread: never a link.
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const bad = structuredClone(thread);
  bad.comments[0].website = JS_URL;
  await serveJson(page, 'hostile-thread', bad);
  await serveJson(page, 'hostile', articleJson('e2e-hostile', { src: 'hostile-thread.json' }));
  const again = await mount(page, src);
  // The thread does not pass the contract: refused as a whole, with its URL and the field named.
  assert.match(await again.locator('ol.aw-comment-list').textContent(),
    /^评论未能加载: http:\/\/127\.0\.0\.1:\d+\/data\/e2e\/hostile-thread\.json: comments\[0\]\.website: .*javascript:/);
  await assertInert(page, again);
  assert.equal(await again.locator('section.aw-comments a[href^="javascript" i]').count(), 0);
});

test('relative times move on while the page stays open ("刚刚", then "1分钟前", then "2分钟前")', async () => {
  const page = await env.newPage();
  await page.clock.install({ time: Date.parse('2026-03-01T10:00:00+08:00') });
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.evaluate(() => localStorage.clear());
  const { widget } = await openSeed(page);
  await widget.locator('#aw-name').fill('守时的读者');
  await widget.locator('#aw-text').fill('看看时间会不会走');
  await widget.locator('button.aw-submit').click();
  const mine = widget.locator('li.aw-comment[data-id^="local-"] time').first();
  await mine.waitFor();
  assert.equal(await mine.textContent(), '刚刚');
  await page.clock.runFor(61_000);
  await page.waitForFunction((host) => host.shadowRoot.querySelector('li.aw-comment[data-id^="local-"] time')?.textContent === '1分钟前',
    await widget.elementHandle());
  await page.clock.runFor(60_000);
  await page.waitForFunction((host) => host.shadowRoot.querySelector('li.aw-comment[data-id^="local-"] time')?.textContent === '2分钟前',
    await widget.elementHandle());
});

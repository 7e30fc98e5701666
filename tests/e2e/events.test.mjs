// DOM events for the host page (article-widget:load, :error, :comment-posted, :navigate) and
// the schema.org JSON-LD the widget puts into the host page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWidgets, blankPage, readData, settled, useEnv } from './harness.mjs';

const env = useEnv();
const seed = readData('data/articles/jijiehao.json');
const SEED = 'data/articles/jijiehao.json';
const SHOWCASE = 'data/articles/showcase.json';

/** Records every article-widget:* event reaching `document`, with its target's id. */
async function recordEvents(page) {
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ['load', 'error', 'comment-posted', 'navigate']) {
      document.addEventListener(`article-widget:${name}`, (event) => {
        window.__events.push({ type: event.type, target: event.target.id, detail: event.detail, composed: event.composed });
      });
    }
  });
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === `article-widget:${t}`), type);

async function waitEvents(page, type, count = 1) {
  await page.waitForFunction(([t, n]) => window.__events.filter((e) => e.type === `article-widget:${t}`).length >= n, [type, count]);
  return events(page, type);
}

const jsonLd = (page, id) => page.evaluate((i) => [...document.querySelectorAll(`#${i} > script[type="application/ld+json"]`)]
  .map((s) => JSON.parse(s.textContent)), id);

test('article-widget:load bubbles to the page with src, id and title', async () => {
  const page = await blankPage(env);
  await recordEvents(page);
  await addWidgets(page, [{ id: 'w', src: SEED }]);
  const [load] = await waitEvents(page, 'load');
  assert.equal(load.target, 'w', 'retargeted to the host element');
  assert.equal(load.detail.id, seed.id);
  assert.equal(load.detail.title, seed.title);
  assert.equal(load.detail.src, `${env.main.origin}/${SEED}`);
  assert.equal((await events(page, 'error')).length, 0);
});

test('article-widget:error names the URL, the first field at fault and the part', async () => {
  const page = await blankPage(env);
  await recordEvents(page);
  await addWidgets(page, [{ id: 'bad', src: 'data/errors/bad-fields.json' }, { id: 'gone', src: 'data/none.json' }]);
  const errors = await waitEvents(page, 'error', 2);
  const bad = errors.find((e) => e.target === 'bad').detail;
  assert.equal(bad.url, `${env.main.origin}/data/errors/bad-fields.json`);
  assert.equal(bad.part, 'article');
  assert.equal(typeof bad.field, 'string');
  assert.ok(bad.message.includes(bad.field), bad.message);
  const gone = errors.find((e) => e.target === 'gone').detail;
  assert.match(gone.message, /answered HTTP 404/);
  assert.equal(gone.field, undefined);
  assert.equal(gone.part, 'article');
});

test('JSON-LD: NewsArticle and BreadcrumbList in the light DOM, replaced with the article, removed on unmount', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'w', src: SEED }]);
  assert.equal(await settled(page.locator('#w')), 'article');
  const [ld] = await jsonLd(page, 'w');
  assert.equal(ld['@context'], 'https://schema.org');
  const [news, crumbs] = ld['@graph'];
  assert.equal(news['@type'], 'NewsArticle');
  assert.equal(news.headline, seed.title);
  assert.equal(news.datePublished, '2020-02-19T04:32:00+08:00');
  assert.deepEqual(news.author.map((a) => a.name), ['汪亚清', '柯为']);
  assert.equal(crumbs['@type'], 'BreadcrumbList');
  assert.deepEqual(crumbs.itemListElement.map((i) => i.name), seed.breadcrumbs.map((c) => c.title));
  for (const item of crumbs.itemListElement.filter((i) => i.item)) assert.match(item.item, /^https?:\/\//, 'absolute URLs');

  await page.evaluate((src) => document.getElementById('w').setAttribute('src', src), SHOWCASE);
  await page.waitForFunction(() => document.querySelector('#w > script[type="application/ld+json"]')?.textContent.includes('NewsArticle')
    && !document.querySelector('#w > script[type="application/ld+json"]').textContent.includes('歙县'));
  assert.equal((await jsonLd(page, 'w')).length, 1, 'one JSON-LD element per widget');

  await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    await widget.unmount(document.getElementById('w'));
  });
  assert.equal((await jsonLd(page, 'w')).length, 0);
});

test('article-widget:navigate says which region a link is in; cancelling it keeps the reader on the page', async () => {
  const page = await blankPage(env);
  await recordEvents(page);
  await page.evaluate(() => document.addEventListener('article-widget:navigate', (e) => {
    if (window.__cancel) e.preventDefault();
  }));
  await addWidgets(page, [{ id: 'w', src: SEED }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  await page.evaluate(() => { window.__cancel = true; });
  const here = page.url();
  const channel = widget.locator('nav[part~="channels"] a').first();
  const crumb = widget.locator('nav[part~="breadcrumbs"] a').first();
  await channel.click();
  await crumb.click();
  const seen = await waitEvents(page, 'navigate', 2);
  assert.deepEqual(seen.map((e) => e.detail.kind), ['channel', 'breadcrumb']);
  assert.equal(seen[0].detail.url, await channel.getAttribute('href'));
  assert.equal(page.url(), here, 'cancelled: no navigation');
  const picked = widget.locator('[part~="section"] a[href]').first();
  await picked.waitFor();
  await picked.click();
  const [, , rec] = await waitEvents(page, 'navigate', 3);
  assert.equal(rec.detail.kind, 'recommendation');
  await page.evaluate(() => { window.__cancel = false; });
  const target = await picked.getAttribute('href');
  await Promise.all([page.waitForURL(target), picked.click()]);
});

test('article-widget:comment-posted reports a comment kept on this device', async () => {
  const page = await blankPage(env);
  await page.evaluate(() => localStorage.clear());
  await recordEvents(page);
  await addWidgets(page, [{ id: 'w', src: SEED }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  await widget.locator('#aw-name').fill('事件读者');
  await widget.locator('#aw-text').fill('发一条评论看看事件');
  await widget.locator('button.aw-submit').click();
  const [posted] = await waitEvents(page, 'comment-posted');
  assert.equal(posted.detail.status, 'local');
  assert.equal(posted.detail.thread, seed.id, "the thread of a local comment is the article id");
  assert.equal(await widget.locator(`li.aw-comment[data-id="${posted.detail.id}"]`).count(), 1);
});

test('setStrings replaces interface strings of one language and re-renders; unknown keys are refused', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'en', src: SHOWCASE, lang: 'en' }, { id: 'zh', src: SEED }]);
  const en = page.locator('#en');
  const zh = page.locator('#zh');
  assert.equal(await settled(en), 'article');
  assert.equal(await settled(zh), 'article');
  await en.locator('button.aw-submit').waitFor();
  assert.equal(await en.locator('button.aw-submit').textContent(), 'Post comment');
  const refused = await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    try {
      await widget.setStrings('en', { 'form.submit': 'Send', 'form.nope': 'x' });
      return null;
    } catch (error) {
      return String(error);
    }
  });
  assert.equal(refused, 'setStrings: unknown interface strings: form.nope');
  await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    await widget.setStrings('en', { 'form.submit': 'Send', 'article.reading_time': '{} min' });
  });
  await en.locator('button.aw-submit', { hasText: 'Send' }).waitFor();
  assert.match(await en.locator('.aw-reading-time').textContent(), /^\d+ min$/);
  assert.equal(await zh.locator('button.aw-submit').textContent(), '发表评论', 'other languages keep their words');
  await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    await widget.setStrings('en', {});
  });
  await en.locator('button.aw-submit', { hasText: 'Post comment' }).waitFor();
});

// Page helpers shared by the comment suites: waiting for the page servers, mounting a widget
// on the blank page, reading the comment rows.
import assert from 'node:assert/strict';
import { settled } from './harness.mjs';

/** Waits until the `before` hooks of useEnv() have started the page servers. */
export async function serversReady(env) {
  const deadline = Date.now() + 60_000;
  while (!env.main && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(env.main, 'the page servers started');
}

/** Waits until the thread of `widget` has loaded (the list is no longer busy). */
export async function loaded(widget) {
  await widget.locator('ol.aw-comment-list:not([aria-busy])').waitFor({ state: 'attached' });
}

/** Adds one widget for `src` on the blank page and waits for its article and thread. */
export async function mount(page, src, attributes = {}) {
  await page.evaluate(({ url, attributes: more }) => {
    const element = document.createElement('article-widget');
    element.setAttribute('src', url);
    for (const [name, value] of Object.entries(more)) element.setAttribute(name, value);
    document.getElementById('stage').append(element);
  }, { url: src, attributes });
  const widget = page.locator('article-widget').first();
  assert.equal(await settled(widget), 'article');
  await loaded(widget);
  return widget;
}

/** Reloads `page` and mounts the widget of `src` again. */
export async function reopen(page, src) {
  await page.reload();
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  return mount(page, src);
}

/** The rows of the list: id, depth, author, its link, text, HTML, time, status, label, retry. */
export async function rows(widget) {
  return widget.locator('li.aw-comment').evaluateAll((items) => items.map((li) => ({
    id: li.dataset.id,
    depth: Number(li.dataset.depth),
    author: li.querySelector('.aw-comment-author')?.textContent,
    href: li.querySelector('a.aw-comment-author')?.getAttribute('href') ?? null,
    text: li.querySelector('.aw-comment-text')?.textContent,
    html: li.querySelector('.aw-comment-text')?.innerHTML,
    datetime: li.querySelector('time')?.getAttribute('datetime'),
    status: li.querySelector('.aw-comment-status')?.dataset.status ?? null,
    label: li.querySelector('.aw-comment-status')?.textContent ?? null,
    retry: li.querySelector('.aw-comment-retry') !== null,
  })));
}

/** The one row whose text is `text`, once its status is one of `statuses` (null: confirmed). */
export async function rowWithText(widget, text, statuses = [null], timeout = 10_000) {
  const wanted = [statuses].flat();
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = (await rows(widget)).filter((r) => r.text === text);
    if (last.length === 1 && wanted.includes(last[0].status)) return last[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no single row "${text}" with status ${wanted.join('|')}: ${JSON.stringify(last)}`);
}

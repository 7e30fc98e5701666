// The demo pages by keyboard alone: Tab / Shift+Tab / Enter / Space / arrow keys from the
// top of the page reach and operate the channel navigation and breadcrumbs, the carousels
// (previous/next, picker dots, rotation control; slides out of view never take focus), the
// recommendations ("why suggested" as the link's description, clear history), the comment
// form (fill, Ctrl+Enter, reply, like, sort) and the retry buttons of the errors page.
// Every focused element shows a focus ring (computed outline or box-shadow on
// :focus-visible), and Tab runs through the page and out of it: no keyboard trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, useEnv } from './harness.mjs';

const env = useEnv();

/**
 * Runs in the page: describes the focused element, looking through open shadow roots.
 * `null` when focus is on the document itself (before the first or after the last stop).
 */
function describeFocus() {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body || active === document.documentElement) return null;
  const root = active.getRootNode();
  const host = root.host ?? null;
  const hosts = [...document.querySelectorAll('article-widget')];
  const style = getComputedStyle(active);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const slide = active.closest('.aw-slide');
  let inView = true;
  if (slide) {
    const track = slide.closest('.aw-track').getBoundingClientRect();
    const box = slide.getBoundingClientRect();
    inView = box.left >= track.left - 1 && box.right <= track.right + 1;
  }
  const section = active.closest('section[data-section]');
  const row = active.closest('li.aw-comment');
  return {
    // Unique within the page: which widget, and the element's position in its tree.
    key: `${hosts.indexOf(host)}:${[...root.querySelectorAll('*')].indexOf(active)}`,
    host: hosts.indexOf(host),
    tag: active.tagName.toLowerCase(),
    id: active.id,
    className: typeof active.className === 'string' ? active.className : '',
    text: (active.getAttribute('aria-label') ?? active.textContent).trim(),
    region: active.closest('.site-header') ? 'site'
      : active.closest('nav.aw-channels') ? 'channels'
        : active.closest('nav.aw-breadcrumbs') ? 'breadcrumbs'
          : active.closest('.aw-comments') ? 'comments'
            : section ? 'feed'
              : active.closest('.aw-article') ? 'article' : 'other',
    section: section?.dataset.section ?? null,
    kind: section ? (section.className.match(/aw-section-(\w+)/)?.[1] ?? null) : null,
    row: row?.dataset.id ?? null,
    focusVisible: active.matches(':focus-visible'),
    ring: outline || shadow,
    ringStyle: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
    inert: active.closest('[inert]') !== null,
    slide: slide ? [...slide.parentElement.children].indexOf(slide) : -1,
    inView,
    value: 'value' in active ? active.value : null,
    pressed: active.getAttribute('aria-pressed'),
  };
}

/** The focused element (see describeFocus). */
const focused = (page) => page.evaluate(describeFocus);

/** Asserts that a focus stop is visible and legitimate. */
function expectGoodStop(stop, what) {
  const name = `${what}: ${stop.tag}.${stop.className} "${stop.text.slice(0, 30)}"`;
  assert.ok(stop.focusVisible, `${name} matches :focus-visible`);
  assert.ok(stop.ring, `${name} shows a focus ring (${stop.ringStyle})`);
  assert.ok(!stop.inert, `${name} is not inside an inert (off-screen) slide`);
  assert.ok(stop.inView, `${name} is in a slide that is in view`);
}

/**
 * Presses `key` (Tab by default) until the focused element satisfies `match`, checking each
 * stop on the way; fails after `max` presses. Returns the stop.
 */
async function pressUntil(page, match, { key = 'Tab', max = 200, what = 'Tab' } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const stop = await focused(page);
    if (stop) expectGoodStop(stop, what);
    if (stop && match(stop)) return stop;
  }
  throw new Error(`${what}: no match within ${max} presses of ${key}`);
}

/** Presses `key` until focus leaves the page (returns to the document); the stops on the way. */
async function walk(page, key, max = 400) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const stop = await focused(page);
    if (!stop) return stops;
    stops.push(stop);
  }
  throw new Error(`${key} did not leave the page within ${max} presses: a keyboard trap?`);
}

/** The seed page (index.html) on empty storage, article, feed and thread all rendered. */
async function openSeed() {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  await ready(widget);
  return { page, widget };
}

async function ready(widget) {
  assert.equal(await settled(widget), 'article');
  await widget.locator('.aw-section-featured .aw-slide').first().waitFor();
  await widget.locator('.aw-section-ranking li').first().waitFor();
  await widget.locator('li.aw-comment').first().waitFor();
}

/** The featured carousel's current dot index. */
const currentDot = (widget) => widget.locator('.aw-section-featured .aw-dot').evaluateAll(
  (dots) => dots.findIndex((d) => d.getAttribute('aria-current') === 'true'),
);

/**
 * Waits until dot `index` of the featured carousel is current, its slide has scrolled into
 * view and only that slide is not inert (the state after the track's scrollend).
 */
async function expectDot(widget, index, what) {
  await widget.locator(`.aw-section-featured .aw-dot[data-page="${index}"][aria-current="true"]`)
    .waitFor({ timeout: 5000 })
    .catch(async () => assert.fail(`${what}: dot ${index} is not current (current: ${await currentDot(widget)})`));
  await widget.locator('.aw-section-featured .aw-track').evaluate((track, i) => new Promise((resolve) => {
    const check = () => {
      const box = track.getBoundingClientRect();
      const slide = track.children[i].getBoundingClientRect();
      const inert = [...track.children].map((c) => c.hasAttribute('inert'));
      if (Math.abs(slide.left - box.left) <= 1 && inert.every((x, j) => x === (j !== i))) resolve();
      else requestAnimationFrame(check);
    };
    check();
  }), index);
}

test('Tab walks the whole seed page with visible focus and leaves it; Shift+Tab walks it back', async () => {
  const { page } = await openSeed();
  const stops = await walk(page, 'Tab');
  stops.forEach((stop, i) => expectGoodStop(stop, `stop ${i}`));
  assert.equal(new Set(stops.map((s) => s.key)).size, stops.length, 'no element is visited twice');

  const where = (match, what) => {
    const index = stops.findIndex(match);
    assert.ok(index >= 0, `Tab reaches ${what}`);
    return index;
  };
  assert.deepEqual(stops.slice(0, 4).map((s) => s.region), ['site', 'site', 'site', 'site'], 'the host page links come first');
  assert.equal(stops.filter((s) => s.region === 'channels').length, 5, 'every channel link');
  assert.equal(stops.filter((s) => s.region === 'breadcrumbs').length, 4, 'every breadcrumb link (the last crumb is the page itself)');
  const order = [
    where((s) => s.region === 'channels', 'the channel navigation'),
    where((s) => s.region === 'breadcrumbs', 'the breadcrumbs'),
    where((s) => s.section && s.className === 'aw-next', 'a carousel\'s next button'),
    where((s) => s.className === 'aw-dot', 'a picker dot'),
    where((s) => s.className === 'aw-clear-history', 'the clear-history button'),
    where((s) => s.id === 'aw-name', 'the name field'),
    where((s) => s.id === 'aw-website', 'the website field'),
    where((s) => s.id === 'aw-text', 'the comment text'),
    where((s) => s.className === 'aw-submit', 'the submit button'),
    where((s) => s.className === 'aw-sort', 'the sort order'),
    where((s) => s.className === 'aw-like', 'a like button'),
    where((s) => s.className === 'aw-reply', 'a reply button'),
  ];
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'in reading order');
  where((s) => s.kind === 'ranking', 'the hot ranking beside the article');
  assert.ok(stops.filter((s) => s.slide >= 0).length >= 2, 'the slides in view of both carousels');

  // Out of the page and in again from the top: nothing holds focus.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page))?.key, stops[0].key, 'Tab after the last stop starts again at the top');

  // Shift+Tab from the first stop goes round (through the document or straight to the
  // last stop) and retraces every stop backwards.
  const back = [];
  for (let i = 0; i < stops.length + 2 && back.length < stops.length; i++) {
    await page.keyboard.press('Shift+Tab');
    const stop = await focused(page);
    if (stop) back.push(stop);
  }
  assert.deepEqual(back.map((s) => s.key), stops.map((s) => s.key).reverse(), 'Shift+Tab retraces Tab');
});

test('Enter follows a channel link and a breadcrumb link', async () => {
  const { page, widget } = await openSeed();
  // The demo has no channel or region pages: answer them here.
  await page.route(/\/(channel|region)\/[a-z]+\.html$/, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>page</title><p>page</p>',
  }));
  const channel = await pressUntil(page, (s) => s.region === 'channels' && s.text === '今日黄山', { what: 'to the channel' });
  assert.equal(channel.tag, 'a');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/channel\/huangshan\.html$/);

  await page.goBack();
  await ready(widget);
  await pressUntil(page, (s) => s.region === 'breadcrumbs' && s.text === '安徽', { what: 'to the breadcrumb' });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/region\/anhui\.html$/);
});

test('carousel by keyboard: next and previous, picker dots, rotation control; slides out of view never take focus', async () => {
  const { page, widget } = await openSeed();
  const inFeatured = (s) => s.kind === 'featured';
  await pressUntil(page, (s) => inFeatured(s) && s.className === 'aw-next', { what: 'to next' });
  await expectDot(widget, 0, 'at the start');
  await page.keyboard.press('Enter');
  await expectDot(widget, 1, 'Enter on next');
  let stop = await pressUntil(page, (s) => s.slide >= 0, { max: 1, what: 'into the slides' });
  assert.equal(stop.slide, 1, 'Tab from next reaches the slide in view (the second), none before it');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await expectDot(widget, 2, 'Space on next');
  stop = await pressUntil(page, (s) => inFeatured(s) && s.className === 'aw-prev', { key: 'Shift+Tab', max: 1, what: 'back to previous' });
  await page.keyboard.press('Enter');
  await expectDot(widget, 1, 'Enter on previous');
  stop = await pressUntil(page, (s) => s.className === 'aw-dot', { max: 4, what: 'to the dots' });
  assert.match(stop.text, /^第 1 张/, 'Tab from the slides reaches the first dot');
  await page.keyboard.press('Enter');
  await expectDot(widget, 0, 'Enter on the first dot');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expectDot(widget, 2, 'Space on the third dot');
  stop = await pressUntil(page, (s) => s.slide >= 0, { key: 'Shift+Tab', max: 6, what: 'back into the slides' });
  assert.equal(stop.slide, 2, 'Shift+Tab reaches only the slide in view');

  // With autoplay, the rotation control comes first and Enter / Space stop and start it.
  await page.evaluate(() => document.querySelector('article-widget#article').setAttribute('autoplay', '5000'));
  await widget.locator('.aw-section-featured .aw-rotate').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.click(1, 1);
  const rotate = await pressUntil(page, (s) => inFeatured(s) && s.className === 'aw-rotate', { what: 'to the rotation control' });
  assert.equal(rotate.text, '停止自动播放');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).text, '开始自动播放', 'Enter stops the rotation, focus stays');
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).text, '停止自动播放', 'Space starts it again');
});

test('recommendations: a suggestion link is described by why it is suggested; clear history by keyboard', async () => {
  const { page, widget } = await openSeed();
  const link = await pressUntil(page, (s) => s.className === 'aw-headline' && s.section === 'you-may-like', { what: 'to a suggestion' });
  const description = await page.evaluate(() => {
    let a = document.activeElement;
    while (a.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const ids = (a.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return {
      described: ids.map((id) => a.getRootNode().getElementById(id)?.textContent ?? '').join(' '),
      why: a.closest('li').querySelector('.aw-why')?.textContent,
    };
  });
  assert.ok(description.why, `${link.text}: has a reason`);
  assert.equal(description.described, description.why, 'the link is described by its reason');

  const clear = await pressUntil(page, (s) => s.className === 'aw-clear-history', { key: 'Shift+Tab', what: 'back to clear history' });
  assert.equal(clear.section, link.section, 'the button of that section');
  await page.keyboard.press('Enter');
  await widget.locator('.aw-clear-history').waitFor({ state: 'detached' });
  // The stored history is its header line alone: no entries.
  const history = await page.evaluate(() => localStorage.getItem('article-widget:history'));
  assert.equal(history.split('\n').length, 1, `the history is empty: ${JSON.stringify(history)}`);
  const heading = await focused(page);
  assert.ok(heading, 'focus stays in the page');
  assert.equal(heading.tag, 'h2', 'focus moves to the heading of the section');
  assert.equal(heading.section, link.section);
  expectGoodStop(heading, 'the heading after clearing');
  await page.keyboard.press('Tab');
  const next = await focused(page);
  assert.ok(next && next.host === 0 && next.region !== 'site', 'Tab goes on from there, not from the top of the page');
});

test('comments by keyboard: fill, Ctrl+Enter, sort with the arrow keys, reply, like', async () => {
  const { page, widget } = await openSeed();
  await pressUntil(page, (s) => s.id === 'aw-name', { what: 'to the name field' });
  await page.keyboard.type('键盘读者');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'aw-website');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'aw-text');
  await page.keyboard.type('只用键盘发表的评论');
  await page.keyboard.press('Control+Enter');
  await widget.locator('li.aw-comment .aw-comment-text:text-is("只用键盘发表的评论")').waitFor();
  assert.equal((await focused(page)).id, 'aw-text', 'focus back in the text field, ready for the next comment');

  // Sort: the arrow keys change the select's value, and the list follows.
  await pressUntil(page, (s) => s.className === 'aw-sort', { what: 'to the sort order' });
  const firstRow = () => widget.locator('li.aw-comment').first().getAttribute('data-id');
  const newestFirst = await firstRow();
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).value, 'oldest');
  await page.waitForFunction((before) => {
    const first = document.querySelector('article-widget#article').shadowRoot.querySelector('li.aw-comment');
    return first && first.dataset.id !== before;
  }, newestFirst);
  await page.keyboard.press('ArrowUp');
  assert.equal((await focused(page)).value, 'newest');
  await page.waitForFunction((before) => document.querySelector('article-widget#article').shadowRoot
    .querySelector('li.aw-comment')?.dataset.id === before, newestFirst);

  // Reply: Enter on a reply button moves focus to the text, the banner says to whom.
  const reply = await pressUntil(page, (s) => s.className === 'aw-reply' && !s.row.startsWith('local'), { what: 'to a reply button' });
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'aw-text', 'Enter on reply focuses the text');
  assert.equal(await widget.locator('.aw-replying').isVisible(), true, 'the banner says whom the reply is for');
  await page.keyboard.type('键盘回复');
  await page.keyboard.press('Control+Enter');
  const replyRow = widget.locator('li.aw-comment', { has: page.locator('.aw-comment-text:text-is("键盘回复")') });
  await replyRow.waitFor();
  assert.equal(await replyRow.getAttribute('data-depth'), '1', `a reply to ${reply.row}`);

  // Like: Space presses it; focus stays on the (redrawn) button, Tab goes on to reply.
  const like = await pressUntil(page, (s) => s.className === 'aw-like' && s.pressed === 'false', { what: 'to a like button' });
  const count = Number(like.text.match(/\d+/)[0]);
  await page.keyboard.press('Space');
  await widget.locator(`li[data-id="${like.row}"] .aw-like[aria-pressed="true"]`).waitFor();
  const after = await focused(page);
  assert.equal(after?.row, like.row, 'focus stays on the liked comment');
  assert.equal(after.className, 'aw-like');
  assert.equal(Number(after.text.match(/\d+/)[0]), count + 1);
  expectGoodStop(after, 'the liked button');
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).text, after.text, 'a second press does nothing');
  await page.keyboard.press('Tab');
  const next = await focused(page);
  assert.equal(next.className, 'aw-reply');
  assert.equal(next.row, like.row, 'Tab goes on to the reply button of the same comment');
});

test('errors page: Tab reaches every retry button; Enter retries and focus stays on the retry', async () => {
  const page = await env.newPage();
  let missing = 0;
  page.on('request', (request) => { if (request.url().endsWith('/data/missing.json')) missing += 1; });
  await page.goto(`${env.main.origin}/errors.html`);
  const widgets = await page.locator('article-widget').all();
  for (const widget of widgets) await settled(widget);
  assert.equal(missing, 1);

  const first = await pressUntil(page, (s) => s.className === 'aw-retry', { what: 'to the first retry' });
  assert.equal(first.host, 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => true);
  await widgets[0].locator('.aw-error').waitFor();
  await widgets[0].locator('.aw-status').waitFor({ state: 'detached' });
  assert.equal(missing, 2, 'Enter fetched the article again');
  const again = await focused(page);
  assert.equal(again?.className, 'aw-retry', 'focus is on the new retry button');
  assert.equal(again.host, 0);
  expectGoodStop(again, 'retry after retrying');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => true);
  await widgets[0].locator('.aw-status').waitFor({ state: 'detached' });
  assert.equal(missing, 3, 'Space retries too');

  const retries = [0];
  for (;;) {
    const stop = await pressUntil(page, (s) => s.className === 'aw-retry' || s.host === 6, { what: 'to the next retry' });
    if (stop.host === 6) break;
    retries.push(stop.host);
  }
  assert.deepEqual(retries, [0, 1, 2, 3, 4, 5], 'every failed widget has a retry button in the Tab order');
});

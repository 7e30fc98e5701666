// Reading comfort: the text size buttons (keyboard operable, remembered per reader), the
// reading progress bar, and the print stylesheet (the article only, without the widget's
// chrome).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, useEnv } from './harness.mjs';

const env = useEnv();

/** Opens `path` and waits until the first widget's controls are wired up. */
async function open(path, page) {
  page ??= await env.newPage();
  await page.goto(`${env.main.origin}/${path}`);
  const widget = page.locator('article-widget').first();
  assert.equal(await settled(widget), 'article');
  await widget.locator('.aw[data-ready]').waitFor({ state: 'attached' });
  return { page, widget };
}

const fontSize = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('text size: A− and A+ by keyboard, limits, remembered across reloads', async () => {
  const { page, widget } = await open('index.html');
  const root = widget.locator('.aw');
  const group = widget.locator('.aw-text-size');
  assert.equal(await group.getAttribute('role'), 'group');
  assert.equal(await group.getAttribute('aria-label'), '字号');
  const smaller = widget.getByRole('button', { name: '缩小字号' });
  const larger = widget.getByRole('button', { name: '放大字号' });
  assert.equal(await smaller.locator('[aria-hidden="true"]').textContent(), 'A−', 'what the button shows');
  assert.equal(await larger.locator('[aria-hidden="true"]').textContent(), 'A+');
  assert.equal(await group.evaluate((el) => getComputedStyle(el).visibility), 'visible');

  const paragraph = widget.locator('.aw-body > p').first();
  const normal = await fontSize(paragraph);
  assert.equal(await root.getAttribute('data-font-size'), '100');

  await larger.focus();
  await page.keyboard.press('Enter');
  assert.equal(await root.getAttribute('data-font-size'), '115');
  assert.ok(Math.abs(await fontSize(paragraph) - normal * 1.15) < 0.5, 'the text grew by 15 %');
  assert.equal(await page.evaluate(() => localStorage.getItem('article-widget:font-size')), '115');

  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  assert.equal(await root.getAttribute('data-font-size'), '150');
  assert.equal(await larger.getAttribute('aria-disabled'), 'true', 'the largest size is the limit');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className), 'aw-larger',
    'the button keeps focus at the limit');
  await page.keyboard.press('Enter');
  assert.equal(await root.getAttribute('data-font-size'), '150', 'pressing at the limit changes nothing');
  assert.equal(await smaller.getAttribute('aria-disabled'), null);

  // Remembered: a reload (and any article of this site) opens at the reader's size.
  await page.reload();
  await widget.locator('.aw[data-ready]').waitFor({ state: 'attached' });
  assert.equal(await root.getAttribute('data-font-size'), '150');
  assert.ok(Math.abs(await fontSize(paragraph) - normal * 1.5) < 0.5);

  for (let i = 0; i < 4; i++) await smaller.click();
  assert.equal(await root.getAttribute('data-font-size'), '90');
  assert.equal(await smaller.getAttribute('aria-disabled'), 'true');
  await smaller.focus();
  await page.keyboard.press('Enter');
  assert.equal(await root.getAttribute('data-font-size'), '90', 'the smallest size is the limit');
  assert.ok(await fontSize(paragraph) < normal);
  assert.equal(await page.evaluate(() => localStorage.getItem('article-widget:font-size')), '90');
  await page.evaluate(() => localStorage.removeItem('article-widget:font-size'));
});

test('text size controls speak the interface language', async () => {
  const { widget } = await open('showcase.html');
  assert.equal(await widget.locator('.aw-text-size').getAttribute('aria-label'), 'Text size');
  assert.equal(await widget.getByRole('button', { name: 'Larger text' }).count(), 1);
  assert.equal(await widget.getByRole('progressbar', { name: 'Reading progress' }).count(), 1);
});

test('reading progress follows the scroll through the article', async () => {
  const { page, widget } = await open('index.html');
  const bar = widget.getByRole('progressbar', { name: '阅读进度' });
  assert.equal(await bar.getAttribute('aria-valuemin'), '0');
  assert.equal(await bar.getAttribute('aria-valuemax'), '100');
  assert.equal(await bar.getAttribute('aria-valuenow'), '0');
  const value = async () => Number(await bar.getAttribute('aria-valuenow'));
  const scale = () => widget.locator('.aw-progress-bar')
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

  // Halfway: the article's middle at the middle of the viewport.
  await widget.locator('.aw-article').evaluate((article) => {
    const rect = article.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + rect.top + (rect.height - innerHeight) / 2);
  });
  await page.waitForFunction(() => {
    const v = document.querySelector('article-widget').shadowRoot.querySelector('.aw-progress').getAttribute('aria-valuenow');
    return v !== '0';
  });
  const half = await value();
  assert.ok(half >= 45 && half <= 55, `halfway shows ${half}`);
  assert.ok(Math.abs(await scale() - half / 100) < 0.011, 'the bar is as long as the value says');

  // The end of the article in view: read.
  await widget.locator('.aw-footer').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForFunction(() => document.querySelector('article-widget').shadowRoot
    .querySelector('.aw-progress').getAttribute('aria-valuenow') === '100');
  assert.ok(Math.abs(await scale() - 1) < 0.011);
  // The bar stays at the top of the viewport while the article scrolls by.
  const top = await widget.locator('.aw-progress').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 1, `the bar is at ${top}px`);

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('article-widget').shadowRoot
    .querySelector('.aw-progress').getAttribute('aria-valuenow') === '0');
});

test('how far the article was read is recorded without scrolling: the share on the first screen, all of one that fits', async () => {
  /** The seed article's progress in the stored reading history, in percent (undefined if none). */
  const stored = (page) => page.evaluate(() => {
    const line = (localStorage.getItem('article-widget:history') ?? '').split('\n').find((l) => l.startsWith('jijiehao\t'));
    return line === undefined ? undefined : Number(line.split('\t')[2]);
  });
  for (const [height, what] of [[800, 'a long article, not scrolled'], [6000, 'an article that fits on one screen']]) {
    const page = await env.newPage();
    await page.setViewportSize({ width: 1000, height });
    await page.goto(`${env.main.origin}/e2e-blank.html`);
    await page.evaluate(() => localStorage.clear());
    const { widget } = await open('index.html', page);
    const share = await widget.locator('.aw-article').evaluate((article) => {
      const rect = article.getBoundingClientRect();
      return Math.round(Math.min(1, Math.max(0, (innerHeight - rect.top) / rect.height)) * 100);
    });
    if (height === 800) assert.ok(share > 0 && share < 100, `${what}: ${share}% on the first screen`);
    else assert.equal(share, 100, `${what}: all of it in view`);
    let got;
    for (let i = 0; i < 100 && !((got = await stored(page)) > 0); i++) await page.waitForTimeout(50);
    assert.ok(Math.abs(got - share) <= 1, `${what}: recorded ${got}%, ${share}% was in view`);
    assert.equal(await page.evaluate(() => scrollY), 0, `${what}: never scrolled`);
  }
});

test('print: the article only, links followed by their address', async () => {
  const { page, widget } = await open('showcase.html');
  await widget.locator('.aw-comments').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const display = (selector) => widget.locator(selector).first().evaluate((el) => getComputedStyle(el).display);
  for (const selector of ['.aw-channels', '.aw-breadcrumbs', '.aw-aside', '.aw-comments', '.aw-text-size', '.aw-progress']) {
    if (await widget.locator(selector).count() === 0) continue;
    assert.equal(await display(selector), 'none', `${selector} is not printed`);
  }
  const buttons = await widget.locator('button').evaluateAll((list) => list
    .filter((b) => b.getClientRects().length > 0).map((b) => b.className));
  assert.deepEqual(buttons, [], 'no button is printed');
  assert.notEqual(await display('.aw-article'), 'none');
  assert.notEqual(await display('.aw-body'), 'none');
  const after = (selector) => widget.locator(selector).first()
    .evaluate((el) => getComputedStyle(el, '::after').content);
  assert.equal(await after('.aw-body a[href^="https:"]'),
    '" (https://json-schema.org/draft/2020-12/json-schema-core)"');
  assert.match(await after('.aw-body a[href^="mailto:"]'), /^" \(mailto:editors@article-widget\.example/);
  // The screen is unchanged.
  await page.emulateMedia({ media: 'screen' });
  assert.notEqual(await display('.aw-text-size'), 'none');
  assert.equal(await after('.aw-body a[href^="https:"]'), 'none');
});

// axe-core (npm `axe-core`) over the demo pages in their main states: every rule axe runs
// by default (WCAG 2.0/2.1/2.2 A and AA, and best practices), every impact level, over the
// whole document including the widgets' open shadow roots. Zero violations.
//
// States: the seed article loaded (with its recommendations and comments); the comment form
// with its errors showing; a carousel in motion (autoplay); theme="dark"; theme="auto" under
// prefers-color-scheme: dark; the English showcase page; the errors page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, useEnv } from './harness.mjs';
import { axeViolations, describe } from './axe.mjs';

const env = useEnv();

/** Asserts that axe finds nothing in `page`; `what` names the state. */
async function expectNoViolations(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations.map((v) => v.id), [], `${what}: axe violations\n${describe(violations)}`);
}

/**
 * Opens the seed page (index.html) on empty storage and waits until the article, the
 * recommendation sections and the comment thread are all rendered.
 */
async function openSeed({ colorScheme = 'light' } = {}) {
  const page = await env.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  await complete(widget);
  return { page, widget };
}

/** Waits until `widget` shows its article, its feed sections and its comment thread. */
async function complete(widget) {
  assert.equal(await settled(widget), 'article');
  await widget.locator('.aw-section-featured .aw-slide').first().waitFor();
  await widget.locator('.aw-section-ranking li').first().waitFor();
  await widget.locator('li.aw-comment').first().waitFor();
}

/** Sets attribute `name` on the seed widget (which re-renders) and waits for it again. */
async function setAttribute(page, widget, name, value) {
  await page.evaluate(([n, v]) => document.querySelector('article-widget#article').setAttribute(n, v), [name, value]);
  await widget.locator(`.aw[data-theme] .aw-title`).waitFor();
  await complete(widget);
}

/** The computed background colour of the widget's root. */
const rootBackground = (widget) => widget.locator('.aw').evaluate((el) => getComputedStyle(el).backgroundColor);

test('axe: the seed article loaded, with recommendations and comments', async () => {
  const { page } = await openSeed();
  await expectNoViolations(page, 'seed article');
});

test('axe: the comment form with its errors showing', async () => {
  const { page, widget } = await openSeed();
  await widget.locator('button.aw-submit').click();
  const nameError = widget.locator('#aw-name-error');
  await nameError.waitFor({ state: 'visible' });
  assert.notEqual((await nameError.textContent()).trim(), '', 'the name error says something');
  assert.equal(await widget.locator('#aw-name').getAttribute('aria-invalid'), 'true');
  assert.equal(await widget.locator('#aw-text').getAttribute('aria-invalid'), 'true');
  assert.notEqual((await widget.locator('.aw-form-summary').textContent()).trim(), '', 'the summary is shown');
  await expectNoViolations(page, 'form errors');
});

test('axe: a carousel in motion (autoplay)', async () => {
  const { page, widget } = await openSeed();
  await setAttribute(page, widget, 'autoplay', '1000');
  const carousel = widget.locator('.aw-section-featured .aw-carousel');
  await carousel.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  // Autoplay advances on its own: wait for the second dot to become current, then check
  // at once, while the track is still scrolling or just after.
  await carousel.locator('.aw-dot').nth(1).and(carousel.locator('[aria-current="true"]')).waitFor({ timeout: 8000 });
  assert.notEqual(await carousel.locator('.aw-rotate').getAttribute('hidden'), '', 'the rotation control is shown');
  await expectNoViolations(page, 'carousel in motion');
  assert.equal(await carousel.locator('.aw-track').getAttribute('aria-live'), 'off', 'a rotating carousel is not live');
});

test('axe: theme="dark"', async () => {
  const { page, widget } = await openSeed();
  await setAttribute(page, widget, 'theme', 'dark');
  assert.equal(await rootBackground(widget), 'rgb(22, 22, 22)', 'the dark theme is on');
  await expectNoViolations(page, 'theme=dark');
});

test('axe: theme="auto" under prefers-color-scheme: dark', async () => {
  const { page, widget } = await openSeed({ colorScheme: 'dark' });
  assert.equal(await widget.getAttribute('theme'), 'auto');
  assert.equal(await rootBackground(widget), 'rgb(22, 22, 22)', 'auto follows the dark preference');
  await expectNoViolations(page, 'theme=auto, dark preference');
});

test('axe: the English showcase page (every block type, light and dark)', async () => {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/showcase.html`);
  const widgets = page.locator('article-widget');
  assert.equal(await widgets.count(), 2);
  for (const widget of await widgets.all()) {
    assert.equal(await settled(widget), 'article');
    await widget.locator('.aw-comment-list:not([aria-busy])').waitFor();
  }
  await expectNoViolations(page, 'showcase');
});

test('axe: the errors page (every kind of failure, and one article)', async () => {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/errors.html`);
  const widgets = await page.locator('article-widget').all();
  const states = [];
  for (const widget of widgets) states.push(await settled(widget));
  assert.deepEqual(states, ['error', 'error', 'error', 'error', 'error', 'error', 'article']);
  await widgets.at(-1).locator('.aw-section .aw-slide').first().waitFor();
  await expectNoViolations(page, 'errors page');
});

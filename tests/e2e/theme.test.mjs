// Theming from the host page: the light, dark and auto themes (auto follows
// prefers-color-scheme live, without a re-render), every CSS custom property the docs name
// (README.md and docs/*.md) exists in src/dom/style.css and changes what the reader sees, and
// every documented ::part() name styles its region from the host page's own stylesheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, blankPage, settled, useEnv } from './harness.mjs';

const env = useEnv();

const SEED = 'data/articles/jijiehao.json';
const SHOWCASE = 'data/articles/showcase.json';
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(22, 22, 22)';

/** The text of README.md and of every Markdown file in docs/ (where the docs may move). */
function docsText() {
  const files = [join(ROOT, 'README.md')];
  const docs = join(ROOT, 'docs');
  if (existsSync(docs)) {
    for (const name of readdirSync(docs, { recursive: true })) {
      if (String(name).endsWith('.md')) files.push(join(docs, String(name)));
    }
  }
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/**
 * The custom properties the docs name: the `--aw-…` tokens of README.md and of the tables in
 * docs/ (prose there also speaks of placeholders such as `--aw-dark-x`); wildcards such as
 * `--aw-dark-*` aside.
 */
const DOCUMENTED = [...new Set(
  [readFileSync(join(ROOT, 'README.md'), 'utf8'), ...docsText().split('\n').filter((line) => line.startsWith('|'))]
    .join('\n').replace(/--aw-[a-z-]*\*/g, '').match(/--aw-[a-z][a-z-]*[a-z]/g),
)].sort();

/** The part names the widget exposes; each must be documented and present. */
const PARTS = ['root', 'channels', 'breadcrumbs', 'article', 'body', 'channel', 'comments',
  'recommendations', 'section', 'carousel', 'status', 'error'];

/** Adds widgets with `attributes` to a blank page and waits until each has settled. */
async function widgets(list) {
  const page = await blankPage(env);
  await page.evaluate((all) => {
    for (const attributes of all) {
      const element = document.createElement('article-widget');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      document.getElementById('stage').append(element);
    }
  }, list);
  const hosts = await page.locator('article-widget').all();
  for (const host of hosts) await settled(host);
  return { page, hosts };
}

/** Background and text colour of a widget's root. */
const colours = (host) => host.locator('.aw').evaluate((el) => {
  const style = getComputedStyle(el);
  return { bg: style.backgroundColor, fg: style.color };
});

test('light, dark and auto themes; auto follows prefers-color-scheme live', async () => {
  const { page, hosts } = await widgets(['light', 'dark', 'auto'].map((theme) => ({ src: SHOWCASE, lang: 'en', theme })));
  const [light, dark, auto] = hosts;
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(await colours(light), { bg: WHITE, fg: 'rgb(34, 34, 34)' });
  assert.deepEqual(await colours(dark), { bg: DARK, fg: 'rgb(230, 230, 230)' });
  assert.deepEqual(await colours(auto), await colours(light), 'auto is light under a light preference');

  // The preference changes while the page is open: auto follows at once, with the same
  // nodes (no re-render); the explicit themes stay as they are.
  await auto.locator('.aw-title').evaluate((el) => { el.dataset.marker = 'before'; });
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await colours(auto), await colours(dark), 'auto turns dark');
  assert.deepEqual(await colours(light), { bg: WHITE, fg: 'rgb(34, 34, 34)' }, 'light stays light');
  assert.equal(await auto.locator('.aw-title').getAttribute('data-marker'), 'before', 'no re-render');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal((await colours(auto)).bg, WHITE, 'and back');

  // Changing the attribute re-renders in the new theme.
  await light.evaluate((el) => el.setAttribute('theme', 'dark'));
  await light.locator('.aw[data-theme="dark"] .aw-title').waitFor();
  assert.equal((await colours(light)).bg, DARK);
});

test('every documented custom property exists in style.css and changes the rendering', async () => {
  const css = readFileSync(join(ROOT, 'src', 'dom', 'style.css'), 'utf8');
  assert.ok(DOCUMENTED.length >= 20, `the docs name the properties (found ${DOCUMENTED.join(' ')})`);
  for (const name of DOCUMENTED) {
    assert.ok(css.includes(`var(${name}`), `${name} is documented but style.css never reads it`);
  }
  // And the other way round: style.css reads no property the docs do not name.
  const read = [...new Set(css.match(/var\(--aw-[a-z-]+/g).map((v) => v.slice(4)))].sort();
  assert.deepEqual(read.filter((name) => !DOCUMENTED.includes(name)), ['--aw-per-view'],
    'every --aw-* property style.css reads is documented (--aw-per-view is set by the carousel itself)');

  const { page, hosts } = await widgets([
    { src: SEED, theme: 'light' },
    { src: SEED, theme: 'dark' },
  ]);
  for (const host of hosts) {
    await host.locator('.aw-section-featured .aw-slide').first().waitFor();
    await host.locator('li.aw-comment').first().waitFor();
  }
  // A snapshot of what the reader sees: the computed colours, fonts and box metrics of every
  // element in the shadow root.
  const snapshot = (index) => page.evaluate((i) => {
    const root = document.querySelectorAll('article-widget')[i].shadowRoot;
    return [...root.querySelectorAll('*')].map((el) => {
      const s = getComputedStyle(el);
      return [s.color, s.backgroundColor, s.borderTopColor, s.borderLeftColor, s.borderBottomColor,
        s.outlineColor, s.fontFamily, s.fontSize, s.maxWidth, s.paddingTop, s.marginTop,
        s.borderTopLeftRadius, s.borderBottomLeftRadius, s.rowGap].join('|');
    }).join('\n');
  }, index);
  const value = (name) => {
    if (/radius/.test(name)) return '13px';
    if (/space/.test(name)) return '37px';
    if (/font-size/.test(name)) return '23px';
    if (/measure/.test(name)) return '21em';
    if (/title-font/.test(name)) return 'fantasy';
    if (/font/.test(name)) return 'monospace';
    return 'rgb(1, 2, 3)';
  };
  for (const name of DOCUMENTED) {
    const index = name.startsWith('--aw-dark-') ? 1 : 0;
    const before = await snapshot(index);
    await page.evaluate(([i, n, v]) => document.querySelectorAll('article-widget')[i].style.setProperty(n, v), [index, name, value(name)]);
    const after = await snapshot(index);
    await page.evaluate(([i, n]) => document.querySelectorAll('article-widget')[i].style.removeProperty(n), [index, name]);
    assert.notEqual(after, before, `${name}: ${value(name)} on the element changes nothing in the ${index ? 'dark' : 'light'} theme`);
    assert.equal(await snapshot(index), before, `${name}: removing it restores the rendering`);
  }
});

test('every ::part() name is documented and styles its region from the host page', async () => {
  const docs = docsText();
  for (const part of PARTS) assert.ok(docs.includes(`\`${part}\``), `part ${part} is documented`);

  const page = await blankPage(env);
  // The loading state lasts until this route answers.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/data/e2e/slow.json', async (route) => {
    await held;
    await route.fulfill({ status: 404, body: '' });
  });
  await page.addStyleTag({
    content: PARTS.map((part) => `article-widget::part(${part}) { outline: 3px dotted rgb(1, 2, 3); }`).join('\n'),
  });
  await addWidget(page, { src: SEED });
  await addWidget(page, { src: 'data/missing.json', lang: 'en' });
  await addWidget(page, { src: 'data/e2e/slow.json' });
  const [seed, failed, loading] = await page.locator('article-widget').all();
  assert.equal(await settled(seed), 'article');
  await seed.locator('[part~="carousel"]').first().waitFor();
  await seed.locator('[part~="comments"]').waitFor();
  assert.equal(await settled(failed), 'error');
  await loading.locator('[part~="status"]').waitFor();

  const styled = (host, part) => host.locator(`[part~="${part}"]`).first().evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  });
  for (const part of PARTS) {
    const host = part === 'error' ? failed : part === 'status' ? loading : seed;
    assert.equal(await styled(host, part), 'dotted 3px rgb(1, 2, 3)', `::part(${part}) styles its region`);
  }
  release();
});

async function addWidget(page, attributes) {
  await page.evaluate((a) => {
    const element = document.createElement('article-widget');
    for (const [name, value] of Object.entries(a)) element.setAttribute(name, value);
    document.getElementById('stage').append(element);
  }, attributes);
}

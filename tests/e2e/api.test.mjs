// The JS API (mount / unmount / ready) and the custom element's attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWidgets, blankPage, readData, settled, useEnv } from './harness.mjs';

const env = useEnv();

const showcase = readData('data/articles/showcase.json');
const seed = readData('data/articles/jijiehao.json');
const SHOWCASE = 'data/articles/showcase.json';
const SEED = 'data/articles/jijiehao.json';

/** Plain text of a block's spans. */
const spanText = (children) => children.map((span) => span.text).join('');
const headings = (level) => showcase.body
  .filter((b) => b.type === 'heading' && b.level === level).map((b) => spanText(b.children));
const listOf = (ordered) => showcase.body.find((b) => b.type === 'list' && !!b.ordered === ordered);

/** Creates `<div id>` in #stage and mounts it through the JS API with `options`. */
async function mountDiv(page, id, options) {
  await page.evaluate(async ({ id, options }) => {
    const div = document.createElement('div');
    div.id = id;
    document.getElementById('stage').append(div);
    const widget = await import('/widget/article-widget.js');
    await widget.ready;
    await widget.mount(div, options);
  }, { id, options });
  return page.locator(`#${id}`);
}

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)`/`rgba(…)` colour. */
function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const background = (locator) => locator.locator('[part="root"]').evaluate((el) => getComputedStyle(el).backgroundColor);

test('mount(div, { src, lang, theme }) renders every block type of the showcase', async () => {
  const page = await blankPage(env);
  const host = await mountDiv(page, 'host', { src: SHOWCASE, lang: 'en', theme: 'dark' });
  const origin = env.main.origin;
  assert.equal(await settled(host), 'article');
  assert.equal(await host.evaluate((el) => el.shadowRoot !== null && el.shadowRoot.mode), 'open');

  assert.equal(await host.locator('h1').textContent(), showcase.title);
  assert.equal(await host.locator('h1').count(), 1);
  const body = host.locator('.aw-body');
  assert.deepEqual(await body.locator('h2').allTextContents(), headings(2));
  assert.deepEqual(await body.locator('h3').allTextContents(), headings(3));
  assert.deepEqual(await body.locator('h4').allTextContents(), headings(4));
  assert.ok(headings(2).length >= 2 && headings(3).length >= 1 && headings(4).length >= 1);

  // Image: intrinsic size, lazy, alt, and URLs resolved against the JSON (data/articles/).
  const image = showcase.body.find((b) => b.type === 'image');
  const img = body.locator('figure.aw-figure img');
  assert.equal(await img.count(), 1);
  assert.equal(await img.getAttribute('width'), String(image.width));
  assert.equal(await img.getAttribute('height'), String(image.height));
  assert.equal(await img.getAttribute('loading'), 'lazy');
  assert.equal(await img.getAttribute('alt'), image.alt);
  assert.equal(await img.getAttribute('src'), `${origin}/data/img/showcase-pipeline-960.png`);
  assert.equal(await img.getAttribute('srcset'),
    `${origin}/data/img/showcase-pipeline-480.png 480w, ${origin}/data/img/showcase-pipeline-960.png 960w`);
  const caption = await body.locator('figure figcaption').textContent();
  assert.ok(caption.startsWith(image.caption), caption);
  assert.equal(await body.locator('figure .aw-credit').textContent(), `Photo: ${image.credit}`);

  // Quote with its citation.
  const quote = showcase.body.find((b) => b.type === 'quote');
  assert.equal(await body.locator('blockquote > p').textContent(), spanText(quote.children));
  assert.equal(await body.locator('blockquote cite').textContent(), quote.cite);

  // Lists, divider.
  assert.deepEqual(await body.locator('ol > li').allTextContents(),
    listOf(true).items.map((item) => spanText(item.children)));
  assert.deepEqual(await body.locator('ul > li').allTextContents(),
    listOf(false).items.map((item) => spanText(item.children)));
  assert.equal(await body.locator('hr').count(), 1);

  // Marks and links inside spans.
  assert.deepEqual(await body.locator('p em').first().textContent(), 'not');
  assert.equal(await body.locator('strong > em').textContent(), 'both at once');
  const link = (text) => body.locator('a', { hasText: text }).getAttribute('href');
  assert.equal(await link('Chinese seed article'), `${origin}/data/articles/jijiehao.json`);
  assert.equal(await link('the recommendations feed'), `${origin}/data/feeds/shexian.json`);
  assert.equal(await link('JSON Schema specification'), 'https://json-schema.org/draft/2020-12/json-schema-core');
  assert.equal(await link('the editors'), 'mailto:editors@article-widget.example?subject=Showcase%20article');

  // The html block, sanitised but with its structure and link.
  const html = body.locator('.aw-html');
  assert.equal(await html.count(), 1);
  assert.equal(await html.locator('table caption').textContent(), 'Known block types in contract 1.0');
  assert.equal(await html.locator('tbody tr').count(), 6);
  assert.deepEqual(await html.locator('thead th').allTextContents(), ['Block', 'Rendered as']);
  assert.equal(await html.locator('thead th').first().getAttribute('scope'), 'col');
  assert.equal(await html.locator('a').getAttribute('href'), 'https://article-widget.example/docs/blocks');
  assert.equal(await html.locator('tbody tr').nth(1).locator('td').last().textContent(), '<h2> to <h4>');

  // The unknown "poll" block shows its fallback text.
  const fallback = body.locator('p.aw-fallback');
  assert.equal(await fallback.textContent(), 'Polls are not supported by this widget yet.');
  assert.equal(await fallback.getAttribute('data-block-type'), 'poll');

  // lang: 'en' → English interface text; the updated time is shown.
  assert.match(await host.locator('.aw-reading-time').textContent(), /^\d+ min read$/);
  assert.equal(await host.locator('time.aw-published').textContent(), 'Jan 15, 2025, 10:00 GMT+1');
  assert.equal(await host.locator('.aw-updated').textContent(), 'Updated Jan 20, 2025, 08:15 UTC');
  assert.match(await host.locator('.aw-updated time').getAttribute('datetime'), /^2025-01-20T08:15/);
  assert.equal(await host.locator('[part="root"]').getAttribute('lang'), 'en');

  // theme: 'dark' → a dark background on the root, light text.
  assert.equal(await host.locator('[part="root"]').getAttribute('data-theme'), 'dark');
  const bg = await background(host);
  assert.ok(luminance(bg) < 0.1, `dark theme background is ${bg}`);
  const fg = await host.locator('h1').evaluate((el) => getComputedStyle(el).color);
  assert.ok(luminance(fg) > 0.5, `dark theme text is ${fg}`);
});

test('theme light vs dark vs auto (with the reader preferring dark)', async () => {
  const page = await blankPage(env);
  const light = await mountDiv(page, 'light', { src: SHOWCASE, theme: 'light' });
  const dark = await mountDiv(page, 'dark', { src: SHOWCASE, theme: 'dark' });
  const auto = await mountDiv(page, 'auto', { src: SHOWCASE, theme: 'auto' });
  for (const host of [light, dark, auto]) assert.equal(await settled(host), 'article');
  assert.ok(luminance(await background(light)) > 0.9, await background(light));
  assert.ok(luminance(await background(dark)) < 0.1, await background(dark));
  assert.ok(luminance(await background(auto)) > 0.9, 'auto follows the light preference');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.ok(luminance(await background(auto)) < 0.1, 'auto follows the dark preference');
  assert.ok(luminance(await background(light)) > 0.9, 'light stays light');
});

test('unmount empties the element; mount again renders again', async () => {
  const page = await blankPage(env);
  const host = await mountDiv(page, 'host', { src: SHOWCASE, lang: 'en' });
  assert.equal(await settled(host), 'article');
  await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    await widget.unmount(document.getElementById('host'));
  });
  assert.equal(await host.evaluate((el) => el.shadowRoot.childNodes.length), 0);
  assert.equal(await host.locator('.aw, h1').count(), 0);
  await page.evaluate(async () => {
    const widget = await import('/widget/article-widget.js');
    await widget.mount(document.getElementById('host'), { src: 'data/articles/jijiehao.json' });
  });
  await host.locator('h1', { hasText: seed.title }).waitFor();
  assert.equal(await host.locator('h1').count(), 1);
});

test('changing the src attribute of <article-widget> renders the new article', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'w', src: SEED }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), seed.title);
  await page.evaluate((src) => document.getElementById('w').setAttribute('src', src), SHOWCASE);
  await widget.locator('h1', { hasText: showcase.title }).waitFor();
  assert.equal(await widget.locator('h1').count(), 1);
  assert.equal(await widget.locator('nav.aw-channels a', { hasText: '今日歙县' }).count(), 0, 'old article gone');
  assert.equal(await widget.locator('figure img').count(), 1);
});

test('changing the theme attribute re-renders in the new theme', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'w', src: SHOWCASE, theme: 'light' }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  assert.ok(luminance(await background(widget)) > 0.9);
  await page.evaluate(() => document.getElementById('w').setAttribute('theme', 'dark'));
  await widget.locator('[part="root"][data-theme="dark"] h1').waitFor();
  assert.ok(luminance(await background(widget)) < 0.1, await background(widget));
});

test('two widgets with different articles on one page both render', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'a', src: SEED }, { id: 'b', src: SHOWCASE, lang: 'en' }]);
  const a = page.locator('#a');
  const b = page.locator('#b');
  assert.equal(await settled(a), 'article');
  assert.equal(await settled(b), 'article');
  assert.equal(await a.locator('h1').textContent(), seed.title);
  assert.equal(await b.locator('h1').textContent(), showcase.title);
  assert.equal(await a.locator('.aw-body > p').count(), 10);
  assert.equal(await a.locator('figure').count(), 0, 'no showcase content in the seed widget');
  assert.equal(await b.locator('.aw-body h2').first().textContent(), headings(2)[0]);
  assert.match(await a.locator('.aw-reading-time').textContent(), /^阅读约 \d+ 分钟$/);
  assert.match(await b.locator('.aw-reading-time').textContent(), /^\d+ min read$/);
});

test('lang="auto" speaks the reader\'s browser language, whatever the article\'s', async () => {
  for (const [browser, reading, root] of [['zh-TW', /^閱讀約 \d+ 分鐘$/, 'zh-TW'], ['en-GB', /^\d+ min read$/, 'en'],
    ['zh-Hans-SG', /^阅读约 \d+ 分钟$/, 'zh-CN']]) {
    const page = await env.newPage();
    await page.addInitScript((tag) => Object.defineProperty(Navigator.prototype, 'language', { get: () => tag }), browser);
    await page.goto(`${env.main.origin}/e2e-blank.html`);
    await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
    await addWidgets(page, [{ id: 'seed', src: SEED, lang: 'auto' }, { id: 'showcase', src: SHOWCASE, lang: 'AUTO' },
      { id: 'fixed', src: SEED, lang: 'en' }]);
    for (const id of ['seed', 'showcase']) {
      const widget = page.locator(`#${id}`);
      assert.equal(await settled(widget), 'article', `${browser} ${id}`);
      assert.match(await widget.locator('.aw-reading-time').textContent(), reading, `${browser} ${id}`);
      assert.equal(await widget.locator('[part="root"]').getAttribute('lang'), root, `${browser} ${id}`);
    }
    assert.equal(await settled(page.locator('#fixed')), 'article');
    assert.match(await page.locator('#fixed .aw-reading-time').textContent(), /^\d+ min read$/, 'a named language wins');
    await page.close();
  }
});

test('hostile HTML in an html block is neutralised in the browser', async () => {
  const page = await blankPage(env);
  const hostile = {
    ...showcase,
    body: [{
      type: 'html',
      html: '<h1>CMS heading</h1>'
        + '<p onclick="window.__pwned=1" style="color:red">text'
        + '<img src="x.png" width="10" height="10" onerror="window.__pwned=2">'
        + '<script>window.__pwned=3</script>'
        + '<a href="javascript:window.__pwned=4">js link</a> <a href="docs.html">relative link</a></p>'
        + '<iframe src="https://evil.example/"></iframe><svg><script>window.__pwned=5</script></svg>',
    }],
  };
  await page.route((u) => u.pathname === '/data/articles/hostile.json',
    (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostile) }));
  await addWidgets(page, [{ id: 'w', src: 'data/articles/hostile.json', lang: 'en' }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  const html = widget.locator('.aw-html');
  await html.waitFor({ state: 'attached' });
  assert.equal(await widget.locator('h1').count(), 1, 'the CMS h1 is demoted');
  assert.equal(await html.locator('h2').textContent(), 'CMS heading');
  const report = await widget.evaluate((el) => {
    const all = [...el.shadowRoot.querySelectorAll('.aw-html *')];
    return {
      tags: [...new Set(all.map((n) => n.localName))].sort(),
      onAttributes: all.flatMap((n) => n.getAttributeNames().filter((a) => a.startsWith('on'))),
      styled: all.filter((n) => n.hasAttribute('style')).length,
      hrefs: all.filter((n) => n.hasAttribute('href')).map((n) => n.getAttribute('href')),
    };
  });
  assert.deepEqual(report.onAttributes, []);
  assert.equal(report.styled, 0);
  for (const tag of ['script', 'iframe', 'svg', 'style']) assert.ok(!report.tags.includes(tag), report.tags.join());
  assert.deepEqual(report.hrefs, [`${env.main.origin}/data/articles/docs.html`]);
  assert.equal(await html.locator('img').getAttribute('src'), `${env.main.origin}/data/articles/x.png`);
  assert.equal(await html.locator('a', { hasText: 'js link' }).count(), 1, 'the text of the refused link stays');
  await html.locator('p').click();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

// ---- Regressions: attribute changes after connection, stale loads, non-fetchable src.

test('setting src on a connected <article-widget> that had none renders the article', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'w', lang: 'en' }]);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'error');
  await page.evaluate((src) => document.getElementById('w').setAttribute('src', src), SHOWCASE);
  await widget.locator('h1', { hasText: showcase.title }).waitFor({ timeout: 3000 });
});

test('a slow earlier src never overwrites the newer one', async () => {
  const page = await blankPage(env);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((u) => u.search === '?case=slow', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await addWidgets(page, [{ id: 'w', src: `${SEED}?case=slow` }]);
  const widget = page.locator('#w');
  await widget.locator('.aw-status').waitFor({ state: 'attached' });
  await page.evaluate((src) => document.getElementById('w').setAttribute('src', src), SHOWCASE);
  await widget.locator('h1', { hasText: showcase.title }).waitFor();
  const requested = page.waitForResponse((r) => r.url().endsWith('?case=slow'));
  release();
  await requested;
  // Give the stale result the chance to (wrongly) land.
  await page.waitForTimeout(300);
  assert.equal(await widget.locator('h1').textContent(), showcase.title);
});

test('a mailto: src is refused, not fetched', async () => {
  const page = await blankPage(env);
  await addWidgets(page, [{ id: 'w', src: 'mailto:editors@article-widget.example', lang: 'en' }]);
  const panel = page.locator('#w .aw-error-detail');
  await panel.waitFor({ state: 'attached' });
  const message = await panel.textContent();
  assert.doesNotMatch(message, /could not reach/);
  assert.match(message, /only http, https or relative URLs can be fetched/);
});

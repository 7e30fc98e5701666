// The seed article page www/index.html, as a reader's browser shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { SEED_TITLE, addWidgets, blankPage, errorsOf, readData, resultPath, settled, useEnv } from './harness.mjs';

const env = useEnv();

const CHANNELS = ['今日黄山', '今日歙县', '今日休宁', '今日黟县', '今日祁门'];
const CRUMBS = ['地方网', '安徽', '黄山市', '今日歙县', '正文'];
const SUBHEADINGS = ['吹响“集结号”,发布社区动员令', '防控再细化,处处都有先锋队', '织牢保障网,激发斗志显担当'];
const GREEN = 'rgb(0, 170, 0)';

/** Opens www/index.html and waits for the article; returns the page and the widget host. */
async function openSeed() {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article', 'the seed article renders, not an error');
  return { page, widget };
}

/** Console errors other than the browser's own favicon request (www/ has no favicon). */
function consoleErrors(page) {
  return errorsOf(page).consoleErrors.filter((text) => !text.includes('/favicon.ico'));
}

test('seed page: navigation, breadcrumbs and header', async () => {
  const { page, widget } = await openSeed();
  const origin = env.main.origin;

  const channels = widget.locator('nav.aw-channels a');
  assert.deepEqual(await channels.allTextContents(), CHANNELS);
  const current = widget.locator('nav.aw-channels a[aria-current="page"]');
  assert.deepEqual(await current.allTextContents(), ['今日歙县'], 'exactly one current channel');
  // "../../channel/shexian.html" resolves against the JSON's URL (data/articles/), not the page.
  assert.equal(await current.getAttribute('href'), `${origin}/channel/shexian.html`);

  const crumbs = widget.locator('nav.aw-breadcrumbs li');
  assert.deepEqual(await crumbs.allTextContents(), CRUMBS);
  const currentCrumb = widget.locator('nav.aw-breadcrumbs [aria-current="page"]');
  assert.deepEqual(await currentCrumb.allTextContents(), ['正文'], 'only the last crumb is current');
  assert.equal(await crumbs.last().locator('[aria-current="page"]').count(), 1);
  assert.equal(await crumbs.first().locator('a').getAttribute('href'), `${origin}/index.html`);

  assert.equal(await widget.locator('h1').count(), 1, 'the title is the only h1');
  assert.equal(await widget.locator('h1').textContent(), SEED_TITLE);

  const source = widget.locator('.aw-source a');
  assert.equal(await source.textContent(), '黄山日报');
  assert.equal(await source.getAttribute('href'), 'https://www.yybnet.net/');

  const time = widget.locator('time.aw-published');
  assert.equal(await time.getAttribute('datetime'), '2020-02-19T04:32:00+08:00');
  assert.equal(await time.textContent(), '2020-02-19 04:32');

  assert.match(await widget.locator('.aw-reading-time').textContent(), /^阅读约 \d+ 分钟$/);
  assert.deepEqual(consoleErrors(page), []);
});

test('seed page: body and byline', async () => {
  const { widget } = await openSeed();
  assert.deepEqual(await widget.locator('.aw-body h2').allTextContents(), SUBHEADINGS);
  assert.equal(await widget.locator('.aw-body h3, .aw-body h4').count(), 0);
  const paragraphs = widget.locator('.aw-body > p');
  assert.equal(await paragraphs.count(), 10);
  assert.match(await paragraphs.first().textContent(), /^城市社区是疫情防控阻击战的最前沿和最末梢/);
  assert.match(await paragraphs.last().textContent(), /斗山社区党总支书记李玮满怀信心地说。$/);
  // The one strong span of the seed data.
  assert.deepEqual(await widget.locator('.aw-body strong').allTextContents(), ['选树先进典型,激励担当作为。']);

  const byline = await widget.locator('.aw-byline').textContent();
  assert.ok(byline.includes('汪亚清'), byline);
  assert.ok(byline.includes('柯为'), byline);
  assert.deepEqual(await widget.locator('.aw-byline .aw-author').allTextContents(), ['汪亚清', '柯为']);
  assert.deepEqual(await widget.locator('.aw-tags li').allTextContents(),
    ['歙县', '疫情防控', '社区', '党员先锋', '网格化管理']);
});

test('seed page: host styles do not reach in, widget styles do not leak out', async () => {
  const { page, widget } = await openSeed();
  const color = (locator) => locator.evaluate((el) => getComputedStyle(el).color);

  // The hostile rule in www/site.css is live on the host page...
  await page.evaluate(() => {
    const probe = document.createElement('p');
    probe.id = 'probe-p';
    probe.textContent = 'host paragraph';
    document.querySelector('main').append(probe);
  });
  assert.equal(await color(page.locator('#probe-p')), GREEN, 'site.css hostile rule applies to host <p>');
  // ...but not inside the shadow root.
  assert.notEqual(await color(widget.locator('h1')), GREEN);
  assert.notEqual(await color(widget.locator('.aw-body > p').first()), GREEN);

  // The page's own footer keeps its colour (#666).
  assert.equal(await color(page.locator('.site-footer p')), 'rgb(102, 102, 102)');

  // Light-DOM elements that borrow the widget's class names get none of its styles.
  await page.evaluate(() => {
    const main = document.querySelector('main');
    const title = document.createElement('h2');
    title.className = 'aw-title';
    title.id = 'probe-title';
    title.textContent = 'not the widget';
    const root = document.createElement('div');
    root.className = 'aw';
    root.id = 'probe-root';
    root.textContent = 'not the widget either';
    main.append(title, root);
  });
  const styles = await page.evaluate(() => {
    const title = getComputedStyle(document.getElementById('probe-title'));
    const root = getComputedStyle(document.getElementById('probe-root'));
    return { titleAlign: title.textAlign, rootPadding: root.paddingTop, rootLineHeight: root.lineHeight };
  });
  assert.notEqual(styles.titleAlign, 'center', '.aw-title rule leaked to the page');
  assert.equal(styles.rootPadding, '0px', '.aw rule leaked to the page');
  // And the same rules do apply inside the widget (so the probes above could fail).
  assert.equal(await widget.locator('h1').evaluate((el) => getComputedStyle(el).textAlign), 'center');
  assert.notEqual(await widget.locator('[part="root"]').evaluate((el) => getComputedStyle(el).paddingTop), '0px');
});

/**
 * The article JSON request must start before the wasm response has ended: the two downloads
 * run in parallel, no waterfall. Also the JSON is requested once (the early fetch is reused).
 *
 * On loopback the wasm arrives in a few milliseconds, sooner than the gap between two fetch()
 * calls of one task sometimes is, so the page runs under an emulated round-trip latency (as
 * on any real network): a prefetched JSON then starts ~LATENCY ms before the wasm ends, and a
 * JSON fetched only once the wasm is instantiated starts after it ends.
 */
const LATENCY = 200;
async function assertParallel(path, { expectInitiator } = {}) {
  const page = await env.newPage();
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1 });
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${env.main.origin}/${path}`);
  assert.equal(await settled(page.locator('article-widget')), 'article');
  const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
    name: e.name, initiatorType: e.initiatorType, startTime: e.startTime, responseEnd: e.responseEnd,
  })));
  await cdp.detach();
  // The content-hashed wasm of this build; one entry only: the preload hint (same URL, mode
  // and integrity as the entry module's fetch) is the download the module uses.
  const wasmFile = readData('widget/integrity.json').wasm.file;
  assert.match(wasmFile, /^article-widget\.[0-9a-f]{8}\.wasm$/);
  const wasm = entries.filter((e) => e.name.endsWith(`/widget/${wasmFile}`));
  const json = entries.filter((e) => e.name.endsWith('/data/articles/jijiehao.json'));
  assert.equal(wasm.length, 1, JSON.stringify(entries));
  assert.equal(json.length, 1, JSON.stringify(entries));
  assert.ok(json[0].startTime < wasm[0].responseEnd,
    `JSON started at ${json[0].startTime} ms, after the wasm response ended at ${wasm[0].responseEnd} ms`);
  if (expectInitiator) assert.equal(json[0].initiatorType, expectInitiator);
  assert.equal(requested.filter((url) => url.endsWith('/data/articles/jijiehao.json')).length, 1,
    'the article JSON is requested exactly once');
  assert.deepEqual(consoleErrors(page), []);
}

test('seed page: the article JSON and the wasm download in parallel', async () => {
  await assertParallel('index.html');
});

test('without preload hints, entry.js itself prefetches the JSON in parallel with the wasm', async () => {
  // www/e2e-no-hints.html has no <link rel=preload>; only src/entry.js can start it early.
  await assertParallel('e2e-no-hints.html', { expectInitiator: 'fetch' });
});

test('seed page: the feed and the comment thread are requested before the article is drawn, once', async () => {
  // Their URLs are in the article JSON: the widget starts both requests as soon as it has read
  // it, so the downloads overlap drawing the article instead of following it.
  const page = await env.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${env.main.origin}/index.html`);
  assert.equal(await settled(page.locator('article-widget')), 'article');
  await page.locator('article-widget .aw-section').first().waitFor();
  await page.locator('article-widget .aw-comment').first().waitFor();
  for (const file of ['/data/feeds/shexian.json', '/data/comments/jijiehao.json']) {
    const { rendered, starts } = await page.evaluate((name) => ({
      rendered: performance.getEntriesByName('aw:rendered')[0]?.startTime,
      starts: performance.getEntriesByType('resource').filter((e) => e.name.endsWith(name)).map((e) => e.startTime),
    }), file);
    assert.equal(starts.length, 1, `${file}: ${JSON.stringify(starts)}`);
    assert.ok(starts[0] < rendered, `${file} was requested at ${starts[0]} ms, the article drawn at ${rendered} ms`);
    assert.equal(requested.filter((url) => url.endsWith(file)).length, 1, `${file} is requested exactly once`);
  }
  assert.deepEqual(consoleErrors(page), []);
});

test('a long article: paragraphs far below the screen are not laid out until near it, and all print', async () => {
  // A skipped block (content-visibility: auto) has the style sheet's placeholder height, 6em,
  // until it comes near the screen; then its own. The seed article's paragraphs, 20 times.
  const seed = readData('data/articles/jijiehao.json');
  const paragraphs = seed.body.filter((block) => block.type === 'paragraph');
  const long = { ...seed, id: 'long', body: Array.from({ length: 20 }, () => paragraphs).flat() };
  const page = await blankPage(env);
  await page.route('**/long-article.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(long) }));
  await addWidgets(page, [{ src: '/long-article.json' }]);
  const widget = page.locator('article-widget');
  assert.equal(await settled(widget), 'article');
  const heights = () => widget.evaluate((el) => [...el.shadowRoot.querySelectorAll('.aw-body > p')]
    .map((p) => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).fontSize)));
  const placeholder = (em) => Math.abs(em - 6) < 0.01;
  const onScreen = await heights();
  assert.equal(onScreen.length, 20 * paragraphs.length);
  assert.ok(!placeholder(onScreen[0]), 'the first paragraph is laid out');
  assert.ok(placeholder(onScreen.at(-1)), `the last paragraph, far below, is not laid out yet (${onScreen.at(-1)} em)`);
  await widget.evaluate((el) => el.shadowRoot.querySelector('.aw-body > p:last-of-type').scrollIntoView());
  await page.waitForFunction(() => {
    const p = document.querySelector('article-widget').shadowRoot.querySelector('.aw-body > p:last-of-type');
    return Math.abs(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).fontSize) - 6) >= 0.01;
  });
  await page.emulateMedia({ media: 'print' });
  assert.ok((await heights()).every((em) => !placeholder(em)), 'in print every paragraph is laid out');
});

test('seed page: the widget sets its text in the type scale, six fonts (size × weight) in all', async () => {
  // Every size and weight is a font the browser looks up and shapes with on its first use: the
  // seed page's first layouts went from 17 of them to 6, and its long tasks with them
  // (scripts/bench/findings.md, item 30). Sizes nested in em must not multiply (.85 × .85).
  const { page, widget } = await openSeed();
  await widget.locator('.aw-aside .aw-headline').first().waitFor();
  await widget.locator('.aw-comment').first().waitFor();
  const fonts = await widget.evaluate((host) => {
    const seen = new Set();
    const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = text.parentElement;
      if (!text.data.trim() || !parent.checkVisibility()) continue;
      const style = getComputedStyle(parent);
      seen.add(`${style.fontSize} ${style.fontWeight}`);
    }
    return [...seen].sort();
  });
  const base = 18;
  const scale = [0.85, 1, 1.15, 1.75].map((k) => `${+(base * k).toFixed(3)}px`);
  for (const font of fonts) {
    const [size, weight] = font.split(' ');
    assert.ok(scale.includes(size), `${font}: ${size} is not on the scale ${scale.join(', ')}`);
    assert.ok(['400', '700'].includes(weight), `${font}: weight ${weight} is neither 400 nor 700`);
  }
  assert.ok(fonts.length <= 6, `${fonts.length} fonts: ${fonts.join('; ')}`);
  assert.deepEqual(consoleErrors(page), []);
});

test('seed page: full-page screenshot in test-results/seed.png', async () => {
  const { page } = await openSeed();
  const path = resultPath('seed.png');
  await page.screenshot({ path, fullPage: true });
  const size = statSync(path).size;
  assert.ok(size > 10_000, `screenshot is only ${size} bytes`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height > 800, `the page is only ${height}px tall: the article did not lay out`);
});

// Strict host pages (issue #6): the widget on a page with a strict Content-Security-Policy and
// Trusted Types enforced, with zero violations; and on a page whose own CSS is hostile, still
// rendering as on a plain page while its own CSS does not leak out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_TITLE, errorsOf, settled } from './harness.mjs';
import { loaded, rowWithText } from './comment-page.mjs';
import { startCommentEndpoint } from './comment-endpoint.mjs';
import { useHostileEnv } from './hostile-server.mjs';
import { createHash } from 'node:crypto';
import { buildRenderer, prerender } from '../../scripts/demo.mjs';

const env = useHostileEnv();

/** The policy of issue #6, word for word, with Trusted Types enforced. */
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "require-trusted-types-for 'script'";

const SHOWCASE_TITLE = 'How article-widget turns a JSON file into a news page';

function html(body, head = '') {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>article-widget: host page</title>
  ${head}
  <script type="module" src="/widget/article-widget.js"></script>
</head>
<body>
${body}
</body>
</html>`;
}

/** Records every CSP violation of the page (Trusted Types ones included) in window.__violations. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    }, true);
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

/** Checks that the policy really is enforced on `page`, so that zero violations means something. */
async function assertEnforced(page) {
  const before = (await violations(page)).length;
  const outcome = await page.evaluate(() => {
    let sink;
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      sink = 'allowed';
    } catch (error) {
      sink = error.name;
    }
    const probe = document.createElement('p');
    probe.id = 'csp-probe';
    document.body.append(probe);
    const style = document.createElement('style');
    style.textContent = '#csp-probe { color: rgb(255, 0, 0); }';
    document.head.append(style);
    return { sink, color: getComputedStyle(probe).color };
  });
  assert.equal(outcome.sink, 'TypeError', 'Trusted Types are enforced: innerHTML with a string throws');
  assert.notEqual(outcome.color, 'rgb(255, 0, 0)', 'inline <style> is blocked by style-src');
  await page.waitForFunction((n) => window.__violations.length >= n + 2, before);
}

test('strict CSP and Trusted Types: everything renders, zero violations', async () => {
  const page = await env.newPage();
  await recordViolations(page);
  env.server.route('/favicon.ico', (request, response) => response.writeHead(204).end());
  env.server.page('/strict.html', html(`<main>
  <article-widget id="showcase" src="/data/articles/showcase.json" lang="en"
    feed="/data/feeds/shexian.json"></article-widget>
  <article-widget id="seed" src="/data/articles/jijiehao.json"></article-widget>
</main>`), { 'Content-Security-Policy': STRICT });
  await page.goto(`${env.server.origin}/strict.html`);

  const showcase = page.locator('#showcase');
  assert.equal(await settled(showcase), 'article');
  assert.equal(await showcase.locator('h1').textContent(), SHOWCASE_TITLE);
  // The stylesheet applies (adopted, not an inline <style>).
  assert.equal(await showcase.locator('h1').evaluate((el) => getComputedStyle(el).textAlign), 'center');
  assert.equal(await showcase.evaluate((host) => host.shadowRoot.querySelectorAll('style').length), 0);
  // The html block went through the sanitizer (DOMParser is a Trusted Types sink).
  assert.ok(await showcase.locator('.aw-html p').count() > 0, 'the html block is rendered');
  assert.ok(await showcase.locator('.aw-html table').count() > 0, 'with its table');
  // A same-origin image loads under img-src 'self'.
  const img = showcase.locator('figure img').first();
  await img.scrollIntoViewIfNeeded();
  await img.evaluate((el) => el.decode());
  assert.ok(await img.evaluate((el) => el.naturalWidth > 0));
  // The feed: carousels (their per-view count is set through the CSSOM) and lists.
  await showcase.locator('.aw-section').first().waitFor();
  assert.ok(await showcase.locator('[aria-roledescription="carousel"]').count() >= 2);
  assert.ok(await showcase.locator('.aw-section-list').count() >= 3);
  await showcase.locator('button.aw-next').first().click();

  const seed = page.locator('#seed');
  assert.equal(await settled(seed), 'article');
  assert.equal(await seed.locator('h1').textContent(), SEED_TITLE);
  await loaded(seed);
  assert.ok(await seed.locator('li.aw-comment').count() >= 3, 'the static thread is shown');
  // Writing a comment (the local backend) works too.
  await seed.locator('#aw-name').fill('严格页面');
  await seed.locator('#aw-text').fill('在严格的内容安全策略下发表的评论');
  await seed.locator('button.aw-submit').click();
  await rowWithText(seed, '在严格的内容安全策略下发表的评论', [null, 'pending', 'sending']);

  // The JSON-LD data block (a TrustedScript sink) is written through the widget's policy.
  const ld = JSON.parse(await page.locator('#seed > script[type="application/ld+json"]').textContent());
  assert.ok(JSON.stringify(ld).includes(SEED_TITLE), 'the JSON-LD names the headline');

  assert.deepEqual(await violations(page), [], 'no CSP or Trusted Types violations');
  assert.deepEqual(errorsOf(page).consoleErrors, [], 'no console errors');
  await assertEnforced(page);
});

test('the recommended policy: trusted-types article-widget, a comment backend in connect-src', async () => {
  const endpoint = await startCommentEndpoint({ pageOrigin: env.server.origin });
  try {
    const page = await env.newPage();
    await recordViolations(page);
    const endpointOrigin = new URL(endpoint.url).origin;
    const policy = `${STRICT}; trusted-types article-widget; connect-src 'self' ${endpointOrigin}`;
    env.server.page('/recommended.html', html(`<main>
  <article-widget id="w" src="/data/articles/showcase.json" lang="en"
    comments-backend="http" comments-endpoint="${endpoint.url}"></article-widget>
</main>`), { 'Content-Security-Policy': policy });
    await page.goto(`${env.server.origin}/recommended.html`);
    const widget = page.locator('#w');
    assert.equal(await settled(widget), 'article');
    assert.ok(await widget.locator('.aw-html p').count() > 0, 'the html block is rendered');
    await loaded(widget);
    await widget.locator('#aw-name').fill('Strict');
    await widget.locator('#aw-text').fill('Posted to an endpoint listed in connect-src');
    await widget.locator('button.aw-submit').click();
    await rowWithText(widget, 'Posted to an endpoint listed in connect-src');
    assert.equal(endpoint.comments().length, 1);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errorsOf(page).consoleErrors, []);
    await assertEnforced(page);
  } finally {
    await endpoint.stop();
  }
});

test('a page whose Trusted Types settings refuse the policy: the article still renders, without its HTML', async () => {
  const page = await env.newPage();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  env.server.page('/refusing.html', html(`<main>
  <article-widget id="w" src="/data/articles/showcase.json" lang="en"></article-widget>
</main>`), { 'Content-Security-Policy': `${STRICT}; trusted-types some-other-policy` });
  await page.goto(`${env.server.origin}/refusing.html`);
  const widget = page.locator('#w');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), SHOWCASE_TITLE);
  assert.ok(await widget.locator('.aw-body > p').count() > 3, 'the rest of the body is there');
  assert.equal(await widget.locator('.aw-html *').count(), 0, 'the HTML block is left out');
  assert.equal(await page.locator('#w > script').count(), 0, 'and so is the JSON-LD');
  assert.equal(warnings.filter((w) => w.includes('trusted-types article-widget')).length, 1,
    `one warning says what to configure: ${JSON.stringify(warnings)}`);
});

/** Computed styles that show whether CSS reached an element. */
const PROPS = ['display', 'visibility', 'fontSize', 'fontStyle', 'fontWeight', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textTransform', 'textAlign', 'textIndent', 'whiteSpace', 'color', 'paddingTop',
  'marginTop', 'borderTopWidth', 'textDecorationLine', 'listStyleType'];

/** Styles of the widget's own parts, by name. */
function widgetStyles(page, props = PROPS) {
  return page.evaluate((names) => {
    const root = document.querySelector('article-widget').shadowRoot;
    const parts = {
      root: root.querySelector('.aw'),
      title: root.querySelector('h1'),
      paragraph: root.querySelector('.aw-body > p'),
      heading: root.querySelector('.aw-body h2'),
      channel: root.querySelector('.aw-channels a'),
      crumb: root.querySelector('.aw-breadcrumbs li'),
      meta: root.querySelector('.aw-meta'),
      credit: root.querySelector('.aw-slide-credit'),
      comment: root.querySelector('.aw-comment-text'),
      submit: root.querySelector('button.aw-submit'),
      textarea: root.querySelector('textarea'),
    };
    return Object.fromEntries(Object.entries(parts).map(([name, el]) => {
      if (!el) return [name, 'missing'];
      const style = getComputedStyle(el);
      return [name, Object.fromEntries(names.map((n) => [n, style[n]]))];
    }));
  }, props);
}

/** Styles of host elements that look like the widget's (tags and class names). */
function hostStyles(page) {
  return page.evaluate((names) => [...document.querySelectorAll('#probes, #probes *')].map((el) => {
    const style = getComputedStyle(el);
    return [el.id || el.tagName, Object.fromEntries(names.map((n) => [n, style[n]]))];
  }), PROPS);
}

const PROBES = `<section id="probes">
  <h1 class="aw-title" id="p-h1">Host heading</h1>
  <div class="aw" id="p-root"><p class="aw-meta" id="p-meta">Host text <a href="#x" id="p-a">link</a></p></div>
  <ul class="aw-tags" id="p-ul"><li id="p-li">item</li></ul>
  <button class="aw-retry" id="p-button">Host button</button>
  <figure class="aw-figure" id="p-figure"><figcaption id="p-caption">caption</figcaption></figure>
  <nav class="aw-channels" id="p-nav"><a href="#y">channel</a></nav>
</section>`;

const HOSTILE_CSS = `
* { all: unset; }
html { font-size: 72px !important; }
body { font-size: 60px; line-height: 5; letter-spacing: 1em; word-spacing: 3em; text-transform: uppercase;
  font-style: italic; font-weight: 100; text-align: right; text-indent: 200px; white-space: pre;
  color: rgb(255, 0, 0); }
div { display: none !important; }
h1, h2, p, a, li, span, button, textarea { font-size: 90px !important; color: rgb(255, 0, 0) !important; }
article-widget { font-size: 80px; line-height: 9; color: rgb(255, 0, 0); letter-spacing: 2em; }
`;

/** Opens a page with the seed article (after `probes`, styled by `css`) and waits for it all. */
async function seedPage(path, { css = '', probes = '' }) {
  const page = await env.newPage();
  env.server.route(`${path}.css`, (request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/css', 'Cache-Control': 'no-store' }).end(css);
  });
  env.server.page(`${path}.html`, html(`${probes}
<main id="stage"></main>`, `<link rel="stylesheet" href="${path}.css">`));
  await page.goto(`${env.server.origin}${path}.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  const before = probes ? await hostStyles(page) : null;
  await page.evaluate(() => {
    const widget = document.createElement('article-widget');
    widget.setAttribute('src', '/data/articles/jijiehao.json');
    document.getElementById('stage').append(widget);
  });
  const widget = page.locator('article-widget');
  assert.equal(await settled(widget), 'article');
  await loaded(widget);
  await widget.locator('.aw-section').first().waitFor();
  return { page, widget, before };
}

test('a pre-rendered article under the strict policy: styled once the widget starts; with its style hash allowed, zero violations', async () => {
  env.server.route('/favicon.ico', (request, response) => response.writeHead(204).end());
  const json = 'data/articles/jijiehao.json';
  const element = prerender(buildRenderer(), { json, src: `/${json}`, page: `${env.server.origin}/pre-strict.html` });
  const inline = element.match(/<style>([\s\S]*?)<\/style>/);
  assert.ok(inline, 'the pre-rendered article carries its styles inline');
  const hash = `'sha256-${createHash('sha256').update(inline[1]).digest('base64')}'`;
  const open = async (name, policy) => {
    const page = await env.newPage();
    await recordViolations(page);
    env.server.page(`/${name}`, html(`<main>${element}</main>`), { 'Content-Security-Policy': policy });
    await page.goto(`${env.server.origin}/${name}`);
    const widget = page.locator('article-widget');
    // The widget has taken the pre-rendered article over: its inline <style> gave way to the
    // adopted stylesheet, which the policy allows.
    await page.waitForFunction(() => {
      const root = document.querySelector('article-widget').shadowRoot;
      return root && root.querySelector('.aw-comments, .aw-comment-form') && !root.querySelector('style');
    }, null, { timeout: 10_000 });
    assert.equal(await widget.locator('h1').textContent(), SEED_TITLE);
    assert.equal(await widget.locator('h1').evaluate((el) => getComputedStyle(el).textAlign), 'center');
    return page;
  };
  // The policy as it is: only the inline pre-rendered <style> is refused, until the widget starts.
  const plain = await open('pre-strict.html', STRICT);
  const refused = await violations(plain);
  assert.ok(refused.length >= 1, 'the inline style is blocked under style-src \'self\'');
  assert.ok(refused.every((v) => v.startsWith('style-src')), refused.join('\n'));
  // With the hash of that style allowed (docs/prerendering.md), the page has no violation at all.
  const hashed = await open('pre-hashed.html', STRICT.replace("style-src 'self'", `style-src 'self' ${hash}`));
  assert.deepEqual(await violations(hashed), []);
  await assertEnforced(hashed);
});

test('hostile host CSS: the widget renders exactly as on a plain page, and its CSS stays inside', async () => {
  const plain = await seedPage('/plain', {});
  const expected = await widgetStyles(plain.page);
  assert.deepEqual(Object.entries(expected).filter(([, style]) => style === 'missing'), [], 'every part is there');
  // The plain page's sizes are sane to begin with: the reader's default size (16px) × 1.125.
  assert.equal(expected.paragraph.fontSize, '18px');
  assert.equal(expected.title.fontSize, '31.5px');

  const { page, widget, before } = await seedPage('/hostile', { css: HOSTILE_CSS, probes: PROBES });
  // The hostile rules are live on the host page...
  assert.equal(await page.locator('#p-a').evaluate((el) => getComputedStyle(el).fontSize), '90px');
  assert.equal(await page.locator('#p-root').evaluate((el) => getComputedStyle(el).display), 'none');
  // ...but the widget looks as on the plain page, part by part.
  assert.deepEqual(await widgetStyles(page), expected);
  // And it is visible: a title of sane size inside the viewport, paragraphs with height.
  const title = widget.locator('h1');
  assert.equal(await title.textContent(), SEED_TITLE);
  assert.ok(await title.isVisible());
  const box = await title.boundingBox();
  assert.ok(box && box.height > 20 && box.height < 200 && box.width > 100, JSON.stringify(box));
  assert.ok(await widget.locator('.aw-body > p').first().isVisible());
  assert.ok(await widget.locator('button.aw-submit').isVisible());

  // Nothing of the widget's CSS reached the host page's look-alike elements.
  assert.deepEqual(await hostStyles(page), before, 'the host elements are styled as before the widget came');
});

test('plain host page: look-alike host elements are untouched by the widget', async () => {
  const { page, before } = await seedPage('/plain-probes', { probes: PROBES });
  assert.deepEqual(await hostStyles(page), before);
  // The probes would show a leak: the widget's own elements of the same classes are styled.
  const inside = await page.evaluate(() => {
    const root = document.querySelector('article-widget').shadowRoot;
    return getComputedStyle(root.querySelector('.aw-title')).textAlign;
  });
  assert.equal(inside, 'center');
  assert.notEqual(before.find(([id]) => id === 'p-h1')[1].textAlign, 'center');
});

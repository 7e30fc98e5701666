// Pre-rendering: the command-line renderer (article-widget-render) writes the same markup the
// widget draws, for every demo article; a pre-rendered page is readable without the wasm, and
// the widget takes it over (the very same nodes, no layout shift) instead of drawing it again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_TITLE, WWW, blankPage, settled, useEnv } from './harness.mjs';
import { buildRenderer, prerender, writePrerenderedPage } from '../../scripts/demo.mjs';

const env = useEnv();
let renderer;
before(() => {
  renderer = buildRenderer();
});

const ARTICLES = readdirSync(join(WWW, 'data', 'articles'))
  .filter((name) => name.endsWith('.json'))
  .sort();

/**
 * The article markup of a widget's shadow root, as the browser serializes it, with what the
 * browser adds later left out: the contents of the slots for feed sections and comments, and
 * the state the shell keeps on the progress bar and the text size buttons. Also the root
 * element's own attributes that both sides set.
 */
function articleMarkup(root) {
  const content = root.querySelector('.aw').cloneNode(true);
  content.querySelectorAll('.aw-slot, .aw-aside').forEach((slot) => slot.replaceChildren());
  content.querySelector('.aw-progress')?.setAttribute('aria-valuenow', '0');
  content.querySelector('.aw-progress-bar')?.removeAttribute('style');
  content.querySelectorAll('.aw-text-size button').forEach((b) => b.removeAttribute('aria-disabled'));
  const attributes = ['class', 'part', 'lang', 'data-theme'].map((name) => `${name}=${content.getAttribute(name)}`);
  return { attributes, html: content.innerHTML };
}

test('the renderer writes the markup the widget draws, for every demo article', async () => {
  const page = await blankPage(env);
  const pageUrl = `${env.main.origin}/e2e-blank.html`;
  const checked = [];
  for (const name of ARTICLES) {
    const src = `data/articles/${name}`;
    const element = prerender(renderer, { json: src, src, page: pageUrl });
    const result = await page.evaluate(async ({ src, element, articleMarkup }) => {
      const markupOf = new Function(`return (${articleMarkup})`)();
      // The renderer's output as the browser parses it (the template stays a template).
      const parsed = document.createElement('template');
      parsed.innerHTML = element;
      const shadow = parsed.content.querySelector('article-widget > template[shadowrootmode="open"]');
      const cli = markupOf(shadow.content);
      // The widget drawing the same JSON afresh.
      const widget = document.createElement('article-widget');
      widget.setAttribute('src', src);
      document.getElementById('stage').replaceChildren(widget);
      for (let i = 0; i < 400 && !widget.shadowRoot?.querySelector('.aw[data-ready] .aw-article, .aw-error'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (!widget.shadowRoot?.querySelector('.aw-article')) return { error: widget.shadowRoot?.textContent ?? 'no shadow root' };
      const drawn = markupOf(widget.shadowRoot);
      widget.remove();
      return { cli, drawn };
    }, { src, element, articleMarkup: articleMarkup.toString() });
    assert.equal(result.error, undefined, `${name}: ${result.error}`);
    assert.deepEqual(result.drawn.attributes, result.cli.attributes, name);
    assert.equal(result.drawn.html, result.cli.html, `${name}: the widget and the renderer disagree`);
    assert.ok(result.cli.html.includes('class="aw-title"'), name);
    checked.push(name);
  }
  assert.equal(checked.length, ARTICLES.length);
  assert.ok(checked.includes('showcase.json'), 'the article with an html block and every block type');
});

/** Records every layout shift of `page` from its start (call before `goto`). */
const trackShifts = (page) => page.addInitScript(() => {
  window.shifts = [];
  new PerformanceObserver((list) => window.shifts.push(...list.getEntries()))
    .observe({ type: 'layout-shift', buffered: true });
});

/** Sum of the layout shifts of `page` without recent input, once pending ones are delivered. */
async function layoutShift(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)));
  }));
  return page.evaluate(() => window.shifts.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
}

/**
 * Opens `path` with the wasm held back until the pre-rendered article has been marked: a JS
 * property on its h1 and a list of all its nodes, and a MutationObserver noting every node
 * removed from the article or the layout around it. Then lets the wasm load and waits for the takeover.
 */
async function openHeldBack(path) {
  const page = await env.newPage();
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('**/widget/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  await trackShifts(page);
  await page.goto(`${env.main.origin}/${path}`, { waitUntil: 'domcontentloaded' });
  const before = await page.evaluate(() => {
    const root = document.querySelector('article-widget').shadowRoot;
    const h1 = root.querySelector('h1');
    h1.marked = 'pre-rendered';
    // Every node of the article, elements and text.
    const nodes = [];
    const walker = document.createTreeWalker(root.querySelector('.aw-article'));
    for (let node = walker.currentNode; node; node = walker.nextNode()) nodes.push(node);
    window.marked = { h1, nodes, removed: [] };
    new MutationObserver((records) => {
      for (const record of records) {
        // Sections and comments come and go in their slots (their nodes may be detached by
        // now); nothing may leave the article or the layout around it.
        const target = record.target;
        const watched = target === root || target.matches?.('.aw, .aw-layout, .aw-main')
          || target.closest?.('.aw-article');
        if (!watched) continue;
        for (const node of record.removedNodes) window.marked.removed.push(`${node.nodeName} from ${record.target.nodeName}.${record.target.className ?? ''}`);
      }
    }).observe(root, { childList: true, subtree: true });
    return {
      title: h1.textContent,
      prerendered: root.querySelector('.aw').hasAttribute('data-prerendered'),
      ready: root.querySelector('.aw').hasAttribute('data-ready'),
      jsonLd: [...document.querySelectorAll('article-widget > script[type="application/ld+json"]')]
        .map((script) => JSON.parse(script.textContent)['@graph'][0].headline),
    };
  });
  release();
  return { page, before };
}

/** Waits until the widget has taken over the page (controls wired, feed sections in). */
async function takenOver(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('article-widget').shadowRoot;
    return root.querySelector('.aw[data-ready]') && root.querySelector('.aw-aside .aw-section');
  });
}

test('the widget takes the pre-rendered article over: same nodes, no layout shift', async () => {
  writePrerenderedPage(env.main.origin, { name: 'e2e-prerendered.html', renderer });
  const { page, before } = await openHeldBack('e2e-prerendered.html');
  assert.equal(before.title, SEED_TITLE, 'the article is in the page before any script ran');
  assert.equal(before.prerendered, true);
  assert.equal(before.ready, false, 'the wasm was held back: the widget had not started yet');
  assert.deepEqual(before.jsonLd, [before.title], 'the JSON-LD is in the page for crawlers');
  await takenOver(page);
  const after = await page.evaluate(() => {
    const root = document.querySelector('article-widget').shadowRoot;
    return {
      sameH1: root.querySelector('h1') === window.marked.h1 && window.marked.h1.marked,
      allConnected: window.marked.nodes.every((node) => node.isConnected && root.contains(node)),
      nodes: window.marked.nodes.length,
      removed: window.marked.removed,
      marker: root.querySelector('.aw').hasAttribute('data-prerendered'),
      comments: root.querySelector('.aw-comments') !== null,
      jsonLd: [...document.querySelectorAll('article-widget > script[type="application/ld+json"]')]
        .map((script) => JSON.parse(script.textContent)['@graph'][0].headline),
    };
  });
  assert.equal(after.sameH1, 'pre-rendered', 'the h1 is the pre-rendered node, not a new one');
  assert.ok(after.nodes > 50, `${after.nodes} nodes`);
  assert.equal(after.allConnected, true, 'every pre-rendered node of the article is still in place');
  // Nothing but the inline <style>, which the adopted stylesheet replaced (a strict style-src
  // allows the one and blocks the other), left the shadow root.
  assert.deepEqual(after.removed, ['STYLE from #document-fragment.'], 'nothing was removed from the article or its layout');
  assert.equal(after.marker, false, 'the widget owns the markup now');
  assert.equal(after.comments, true, 'the interactive parts were added');
  assert.deepEqual(after.jsonLd, [before.title], 'the widget kept one JSON-LD script');
  assert.equal(await layoutShift(page), 0, 'no layout shift');
});

test('a page whose article is drawn by the widget shifts as it arrives (the measure works)', async () => {
  // The pre-rendered page with an empty element instead, and a note after it so that the
  // demo site's screen reservation (.site-main > article-widget:only-child) does not apply.
  writePrerenderedPage(env.main.origin, { name: 'e2e-prerendered.html', renderer });
  const prerendered = readFileSync(join(WWW, 'e2e-prerendered.html'), 'utf8');
  const control = prerendered.replace(/<article-widget[\s\S]*<\/article-widget>/,
    '<article-widget src="data/articles/jijiehao.json" theme="auto"></article-widget><p>note</p>');
  assert.notEqual(control, prerendered);
  writeFileSync(join(WWW, 'e2e-prerendered-control.html'), control);
  const page = await env.newPage();
  await trackShifts(page);
  await page.goto(`${env.main.origin}/e2e-prerendered-control.html`);
  assert.equal(await settled(page.locator('article-widget')), 'article');
  await page.waitForFunction(() => document.querySelector('article-widget').shadowRoot.querySelector('.aw-aside .aw-section'));
  assert.ok(await layoutShift(page) > 0, 'the footer moves down when the article is drawn');
});

test('stale pre-rendered markup (other URLs) is drawn again with the loaded data', async () => {
  // Rendered for another origin: its links differ from what the widget makes of the JSON here.
  writePrerenderedPage(env.main.origin, { name: 'e2e-prerendered-stale.html', renderer, pageOrigin: 'http://stale.example' });
  const { page, before } = await openHeldBack('e2e-prerendered-stale.html');
  assert.equal(before.prerendered, true);
  await takenOver(page);
  const after = await page.evaluate(() => {
    const root = document.querySelector('article-widget').shadowRoot;
    return {
      newH1: root.querySelector('h1') !== window.marked.h1 && !root.querySelector('h1').marked,
      title: root.querySelector('h1').textContent,
      href: root.querySelector('.aw-channels a[aria-current="page"]').href,
      h1s: root.querySelectorAll('h1').length,
      removed: window.marked.removed.length,
    };
  });
  assert.equal(after.newH1, true, 'the stale markup was replaced');
  assert.ok(after.removed > 0, 'the observer saw the stale markup go');
  assert.equal(after.h1s, 1);
  assert.equal(after.title, SEED_TITLE);
  assert.equal(after.href, `${env.main.origin}/channel/shexian.html`);
});

test('a pre-rendered article stays readable when the wasm cannot load', async () => {
  writePrerenderedPage(env.main.origin, { name: 'e2e-prerendered.html', renderer });
  const page = await env.newPage();
  await page.route('**/widget/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${env.main.origin}/e2e-prerendered.html`);
  const widget = page.locator('article-widget');
  await page.waitForTimeout(300);
  assert.equal(await widget.locator('h1').textContent(), SEED_TITLE);
  assert.equal(await widget.locator('.aw-body > p').count(), 10);
  assert.equal(await widget.locator('[role="alert"]').count(), 0, 'no startup error over the article');
  // The controls that need the widget stay invisible (their space kept).
  assert.equal(await widget.locator('.aw-text-size').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
  assert.equal(await widget.locator('.aw-progress').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
});

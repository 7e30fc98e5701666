// The docs' example pages, as a site builder would copy them, served in Chromium: the smallest
// page of docs/embedding.md, the JS API page of docs/api.md, and the CDN snippet with
// subresource integrity of docs/deploying.md (the widget's files on another origin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorsOf, readData, ROOT, settled, useEnv, WWW } from './harness.mjs';

const env = useEnv();
const doc = (name) => readFileSync(join(ROOT, 'docs', name), 'utf8');

/** The ```html block after the marker `<!-- example: NAME` in a doc. */
function example(text, name) {
  const at = text.indexOf(`<!-- example: ${name} `);
  assert.ok(at >= 0, `no example ${name}`);
  const block = /```html\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(block, `no html block after example ${name}`);
  return block[1];
}

/** The first ```html block after the line containing `heading`. */
function blockAfter(text, heading) {
  const at = text.indexOf(heading);
  assert.ok(at >= 0, `no "${heading}"`);
  const block = /```html\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(block, `no html block after "${heading}"`);
  return block[1];
}

/**
 * Writes `html` to www/e2e-docs/`name` (generated, not committed) and opens it from the main
 * server: a real page on a loopback origin, as Chromium's local-network rules expect.
 */
async function open(html, name) {
  const dir = join(WWW, 'e2e-docs');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(`${path}.${process.pid}.tmp`, html);
  renameSync(`${path}.${process.pid}.tmp`, path);
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/e2e-docs/${name}`);
  return page;
}

const consoleErrors = (page) => errorsOf(page).consoleErrors.filter((text) => !text.includes('/favicon.ico'));

test('docs/embedding.md: the smallest page renders the article', async () => {
  const page = await open(example(doc('embedding.md'), 'page'), 'embedding.html');
  const widget = page.locator('article-widget');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), readData('data/articles/jijiehao.json').title);
  assert.deepEqual(consoleErrors(page), []);
});

test('docs/api.md: the JS API page mounts the article into #story', async () => {
  const page = await open(example(doc('api.md'), 'api-page'), 'api.html');
  const story = page.locator('#story');
  assert.equal(await settled(story), 'article');
  assert.equal(await story.locator('h1').textContent(), readData('data/articles/showcase.json').title);
  assert.deepEqual(consoleErrors(page), []);
});

/** docs/deploying.md's CDN snippet, pointed at the "CDN" server with this build's names and hashes. */
function cdnSnippet({ entryIntegrity } = {}) {
  const manifest = readData('widget/integrity.json');
  const text = doc('deploying.md');
  let html = blockAfter(text, 'Pin the entry module with `integrity` and `crossorigin`');
  const exampleEntry = /integrity="(sha384-[^"]+)"/.exec(html)[1];
  const exampleWasm = /article-widget\.[0-9a-f]{8}\.wasm/.exec(html)[0];
  html = html
    .replaceAll('https://cdn.example.com/article-widget/0.1.0/', `${env.cors.origin}/widget/`)
    .replaceAll(exampleEntry, entryIntegrity ?? manifest.entry.integrity)
    .replaceAll(exampleWasm, manifest.wasm.file);
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>CDN</title>\n${html}</head>\n`
    + `<body><article-widget src="/data/articles/jijiehao.json"></article-widget></body>\n</html>\n`;
}

test('docs/deploying.md: the CDN snippet with the printed integrity loads the widget from another origin', async () => {
  const page = await open(cdnSnippet(), 'cdn.html');
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(request.url()); });
  assert.equal(await settled(page.locator('article-widget')), 'article');
  assert.deepEqual(consoleErrors(page), []);
  assert.ok(wasm.every((url) => url.startsWith(env.cors.origin)), wasm.join(', '));
});

test('docs/deploying.md: the same snippet with a wrong integrity hash does not run the module', async () => {
  const wrong = `sha384-${Buffer.alloc(48, 7).toString('base64')}`;
  const page = await open(cdnSnippet({ entryIntegrity: wrong }), 'cdn-wrong.html');
  // Module scripts run before DOMContentLoaded: by `load` the element would be defined.
  await page.waitForLoadState('load');
  assert.equal(await page.evaluate(() => customElements.get('article-widget') === undefined), true);
  assert.ok(errorsOf(page).consoleErrors.some((text) => /integrity/i.test(text)),
    JSON.stringify(errorsOf(page).consoleErrors));
});

// The deployable build as a CDN serves it: the content-hashed wasm named by the entry module,
// the integrity hashes of dist/integrity.json, the wasm's integrity checked by the entry
// module's fetch, and the widget loading from any URL prefix (another origin included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addWidgets, DIST, errorsOf, settled, useEnv } from './harness.mjs';

const env = useEnv();
const SEED = 'data/articles/jijiehao.json';
const manifest = () => JSON.parse(readFileSync(join(DIST, 'integrity.json'), 'utf8'));
const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

test('dist/integrity.json names the hashed wasm and holds the sha384 of both files', () => {
  const { entry, wasm } = manifest();
  assert.equal(entry.file, 'article-widget.js');
  const wasmBytes = readFileSync(join(DIST, wasm.file));
  const hash8 = createHash('sha256').update(wasmBytes).digest('hex').slice(0, 8);
  assert.equal(wasm.file, `article-widget.${hash8}.wasm`);
  assert.equal(wasm.integrity, sha384(wasmBytes));
  const entryText = readFileSync(join(DIST, entry.file), 'utf8');
  assert.equal(entry.integrity, sha384(Buffer.from(entryText)));
  // The entry module fetches exactly that file and checks exactly that hash.
  assert.ok(entryText.includes(JSON.stringify(wasm.file)), 'the entry module names the hashed wasm');
  assert.ok(entryText.includes(JSON.stringify(wasm.integrity)), 'the entry module carries the wasm integrity');
  assert.ok(!entryText.includes('_bg.wasm'), 'no reference to an un-hashed wasm name is left');
});

test('a wasm that does not match its integrity hash is refused: the widget says it cannot start', async () => {
  const page = await env.newPage();
  const { wasm } = manifest();
  let served = 0;
  await page.route(`**/widget/${wasm.file}`, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 1; // one bit off: what a tampering or broken CDN would serve
    served += 1;
    await route.fulfill({ response, body });
  });
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  const alert = widget.locator('[role="alert"]');
  await alert.waitFor();
  // In the element's language (the page's widget is zh-CN), naming the file that failed.
  assert.match(await alert.locator('p').textContent(), new RegExp(`^文章组件无法启动: .*/widget/${wasm.file.replace(/\./g, '\\.')}: `));
  assert.ok(served >= 1, 'the tampered wasm was requested');
  assert.equal(await widget.locator('h1').count(), 0, 'no article from an unverified wasm');
  assert.ok(errorsOf(page).consoleErrors.some((text) => /integrity/i.test(text)),
    JSON.stringify(errorsOf(page).consoleErrors));
  // The CDN recovers: the retry button downloads the wasm again and the article appears.
  await page.unroute(`**/widget/${wasm.file}`);
  await alert.getByRole('button', { name: '重试' }).click();
  await widget.locator('h1').waitFor();
  assert.equal(served, 1, 'the retry fetched the real wasm, not the tampered one');
  assert.equal(await widget.getByText('文章组件无法启动').count(), 0, 'the failure is replaced by the article');
});

test('the start-up failure speaks the element\'s language, chosen as the widget chooses it', async () => {
  const page = await env.newPage();
  const { wasm } = manifest();
  await page.route(`**/widget/${wasm.file}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
  // The reader's browser speaks Traditional Chinese (for lang="auto").
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'language', { get: () => 'zh-Hant-TW' }));
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const CASES = [
    ['fr', 'The article widget could not start', 'Retry'],
    ['zh_Hant_HK', '文章元件無法啟動', '重試'],
    ['zh-SG', '文章组件无法启动', '重试'],
    ['auto', '文章元件無法啟動', '重試'],
  ];
  await addWidgets(page, CASES.map(([lang], i) => ({ id: `w${i}`, src: SEED, lang })));
  for (const [i, [lang, words, retry]] of CASES.entries()) {
    const alert = page.locator(`#w${i}`).locator('[role="alert"]');
    await alert.waitFor();
    assert.ok((await alert.locator('p').textContent()).startsWith(`${words}: `), lang);
    assert.equal(await alert.getByRole('button').textContent(), retry, lang);
  }
});

test('the entry module loads its wasm relative to its own URL, also from another origin', async () => {
  const page = await env.newPage();
  const wasmRequests = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasmRequests.push(request.url());
  });
  // A page on the main origin, the widget's files on the "CDN" (another origin, CORS allowed),
  // under a versioned prefix of its own that the page's copy does not have: the CDN serves
  // /assets/article-widget/v1/* from the same files.
  const prefix = '/assets/article-widget/v1/';
  await page.route(`${env.cors.origin}${prefix}*`, async (route) => {
    const url = route.request().url().replace(prefix, '/widget/');
    await route.fulfill({ response: await route.fetch({ url }) });
  });
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const cdn = `${env.cors.origin}${prefix}article-widget.js`;
  await page.evaluate(async (url) => {
    const widget = await import(url);
    await widget.ready;
    const div = document.createElement('div');
    div.id = 'from-cdn';
    document.getElementById('stage').append(div);
    await widget.mount(div, { src: 'data/articles/jijiehao.json' });
  }, cdn);
  assert.equal(await settled(page.locator('#from-cdn')), 'article');
  assert.deepEqual(wasmRequests.filter((url) => url.startsWith(env.cors.origin)),
    [`${env.cors.origin}${prefix}${manifest().wasm.file}`]);
  // And the custom element the page's own module defined still works beside it.
  await addWidgets(page, [{ id: 'own', src: SEED }]);
  assert.equal(await settled(page.locator('#own')), 'article');
});

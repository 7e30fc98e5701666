// The widget built without parts (`node scripts/build.mjs --without comments,recommendations`,
// built by scripts/test.sh into target/variants/article): the article in full, and nothing
// of what was left out, not even its requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTICLE_ONLY as BUILD, options } from '../../scripts/build.mjs';
import { ROOT, SEED_TITLE, errorsOf, settled, useEnv } from './harness.mjs';

const env = useEnv();

/** A page of the main server at /article-only/ that embeds the article-only build. */
async function articleOnlyPage() {
  assert.ok(existsSync(BUILD), `${BUILD} is missing: node scripts/build.mjs --without comments,recommendations --out target/variants/article`);
  const page = await env.newPage();
  await page.route(`${env.main.origin}/article-only/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'index.html') {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>article only</title>'
          + '<script type="module" src="article-widget.js"></script>'
          + '<article-widget src="/data/articles/jijiehao.json"></article-widget></html>',
      });
    }
    const file = join(BUILD, name);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
      body: readFileSync(file),
    });
  });
  return page;
}

test('the article-only build: the seed article in full, its reading controls, no comments or recommendations and no requests for them', async () => {
  const page = await articleOnlyPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${env.main.origin}/article-only/index.html`);
  const widget = page.locator('article-widget');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1.aw-title').textContent(), SEED_TITLE);
  assert.equal(await widget.locator('.aw-body h2').count(), 3);
  assert.equal(await widget.locator('.aw-body > p').count(), 10);
  assert.deepEqual(await widget.locator('.aw-byline .aw-author').allTextContents(), ['汪亚清', '柯为']);
  assert.equal(await widget.locator('.aw-channels a').count(), 5);

  // The reading controls are wired (the root is marked ready) and work.
  await widget.locator('.aw[data-ready]').waitFor({ state: 'attached' });
  await widget.locator('.aw-larger').click();
  assert.equal(await widget.locator('.aw').getAttribute('data-font-size'), '115');

  // The article JSON names a feed and a comment thread: this build shows neither, keeps no
  // column for them, and does not fetch them.
  await page.waitForTimeout(500);
  assert.equal(await widget.locator('.aw-comments, .aw-comment-form, .aw-section').count(), 0);
  assert.equal(await widget.locator('.aw-with-feed').count(), 0);
  assert.deepEqual(requested.filter((path) => /\/data\/(feeds|comments)\//.test(path)), []);
  assert.ok(requested.some((path) => /^\/article-only\/article-widget\.[0-9a-f]{8}\.wasm$/.test(path)), requested.join(', '));
  assert.equal(await page.evaluate(() => localStorage.getItem('article-widget:history')), null,
    'no reading history is kept without the recommendations that rank by it');
  assert.deepEqual(errorsOf(page).consoleErrors.filter((text) => !text.includes('/favicon.ico')), []);
});

test('build options: the parts to leave out, checked by name, and the output folder', () => {
  assert.deepEqual(options([]), { without: [], out: join(ROOT, 'dist') });
  assert.deepEqual(options(['--without', 'recommendations,comments', '--out', 'target/x']).without,
    ['comments', 'recommendations']);
  assert.deepEqual(options(['--without=comments', '--without', 'comments']).without, ['comments']);
  assert.equal(options(['--out=target/x']).out, join(process.cwd(), 'target/x'));
  assert.equal(options(['--out', '/tmp/widget']).out, '/tmp/widget');
  assert.throws(() => options(['--without', 'comment']), /--without comment: the parts are comments, recommendations/);
  assert.throws(() => options(['--minify']), /unknown option --minify/);
  // The output folder is emptied first: never the project or a folder above it.
  for (const out of [[], ['.'], ['..'], [ROOT], ['/']]) {
    assert.throws(() => options(['--out', ...out]), /--out .*: give a new or build folder/, JSON.stringify(out));
  }
});

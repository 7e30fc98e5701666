// Wrong types and missing required fields at every field (issue #6), generated from the
// schemas (tests/e2e/schema-fields.mjs): for every field of schema/article.schema.json,
// schema/feed.schema.json and schema/comments.schema.json that the sample documents hold, one
// document with a value of the wrong type there, and for every required property one document
// without it. Each is rendered in Chromium beside healthy widgets; the widget must name the
// field's path in its error (the article's error panel, the thread's error row, the feed's
// error, wherever the widget shows it, with the article still shown), and the healthy widgets
// of the page must keep working. A field of the schema that no sample holds fails the test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, WWW, addWidgets, assertHealthy, settled } from './harness.mjs';
import { json, useHostileEnv } from './hostile-server.mjs';
import { contract } from './schema-fields.mjs';

const env = useHostileEnv();

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const fixtures = (folder) => readdirSync(join(ROOT, folder)).sort().map((name) => read(join(ROOT, folder, name)));

/** The valid documents the cases are made from: the demo's, then the valid fixtures. */
const SAMPLES = {
  article: [read(join(WWW, 'data/articles/showcase.json')), ...fixtures('tests/fixtures/valid')],
  feed: [read(join(WWW, 'data/feeds/shexian.json')), ...fixtures('tests/fixtures/feed/valid')],
  comments: [read(join(WWW, 'data/comments/jijiehao.json')), ...fixtures('tests/fixtures/comments/valid')],
};

/** The cases of contract `name`; fails if a field or requirement of its schema has none. */
function casesOf(name) {
  const { wrongType, missing, uncovered } = contract(name).cases(SAMPLES[name]);
  assert.deepEqual(uncovered, [], `${name}: fields of the schema no sample document holds`);
  return [...wrongType, ...missing];
}

/** A small valid article for the feed and thread cases. */
const HOST = { version: '1.0', id: 'host', lang: 'en', title: 'Host article', published: '2020-02-19T04:32:00+08:00',
  body: [{ type: 'paragraph', children: [{ text: 'Body.' }] }], comments: { backend: 'none' } };

/** `text` names field `path`: "path: message", the path not part of a longer one. */
function names(text, path) {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s:(])${escaped}: `).test(text);
}

async function open() {
  const page = await env.newPage();
  env.server.page('/fields.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main id="stage"></main></body></html>`);
  env.server.route('/fields/host.json', json(HOST));
  await page.goto(`${env.server.origin}/fields.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  return page;
}

/**
 * Waits until every widget whose id starts with `prefix` is done (`done`: 'article' for its
 * error panel or title, 'part' for an error anywhere in it besides its title), then returns
 * for each: its outcome and the texts of its error UI (each detail line, each listed field,
 * each alert) and the listed fields' paths.
 */
function collect(page, prefix, done) {
  return page.evaluate(async ({ prefix: idPrefix, done: until }) => {
    const widgets = [...document.querySelectorAll(`#stage article-widget[id^="${idPrefix}"]`)];
    const finished = (widget) => {
      const root = widget.shadowRoot;
      if (!root) return false;
      if (root.querySelector('.aw > .aw-error')) return true;
      if (!root.querySelector('h1')) return false;
      return until === 'article' || root.querySelector('.aw-error, [role="alert"]') !== null;
    };
    const deadline = performance.now() + 30_000;
    while (!widgets.every(finished) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return widgets.map((widget) => {
      const root = widget.shadowRoot;
      const texts = [...root.querySelectorAll('.aw-error-detail, .aw-error-fields > li, [role="alert"]')]
        .map((el) => el.textContent);
      return {
        id: widget.id,
        finished: finished(widget),
        outcome: root.querySelector('.aw > .aw-error') ? 'error' : root.querySelector('h1') ? 'article' : 'loading',
        texts,
        fields: [...root.querySelectorAll('.aw > .aw-error ul.aw-error-fields code')].map((el) => el.textContent),
        detail: root.querySelector('.aw > .aw-error .aw-error-detail')?.textContent ?? null,
      };
    });
  }, { prefix, done });
}

const HEALTHY = (id) => ({ id, src: '/data/articles/jijiehao.json' });

test('articles: a wrong type at every field and every required field missing, each named in the error', async (t) => {
  const cases = casesOf('article');
  const page = await open();
  cases.forEach((c, i) => env.server.route(`/fields/article/${i}.json`, json(c.document)));
  await addWidgets(page, [HEALTHY('healthy-before'),
    ...cases.map((c, i) => ({ id: `case-${i}`, src: `/fields/article/${i}.json`, lang: 'en' })), HEALTHY('healthy-after')]);
  const results = await collect(page, 'case-', 'article');
  const wrong = [];
  results.forEach((result, i) => {
    const { name, path } = cases[i];
    const url = `${env.server.origin}/fields/article/${i}.json`;
    if (result.outcome !== 'error') {
      wrong.push(`${name}: ${result.outcome}, not an error`);
      return;
    }
    const reported = result.fields.length > 0 ? result.fields
      : [result.detail.startsWith(`${url}: `) ? result.detail.slice(url.length + 2).split(': ')[0] : result.detail];
    if (!reported.includes(path)) wrong.push(`${name}: the error names ${JSON.stringify(reported)}: ${result.detail}`);
  });
  t.diagnostic(`${cases.length} article documents (${cases.filter((c) => c.name.startsWith('wrong')).length} wrong types, `
    + `${cases.filter((c) => c.name.startsWith('missing')).length} missing fields)`);
  assert.deepEqual(wrong, []);
  await assertHealthy(page);
});

test('feeds: a wrong type at every field and every required field missing, named in the feed error; the article stays', async (t) => {
  const cases = casesOf('feed');
  const page = await open();
  cases.forEach((c, i) => env.server.route(`/fields/feed/${i}.json`, json(c.document)));
  await addWidgets(page, [HEALTHY('healthy-before'),
    ...cases.map((c, i) => ({ id: `case-${i}`, src: '/fields/host.json', feed: `/fields/feed/${i}.json`, lang: 'en' })),
    HEALTHY('healthy-after')]);
  const results = await collect(page, 'case-', 'part');
  const wrong = [];
  results.forEach((result, i) => {
    const { name, path } = cases[i];
    if (result.outcome !== 'article') wrong.push(`${name}: the article is not shown (${result.outcome})`);
    else if (!result.finished) wrong.push(`${name}: no error shown`);
    else if (!result.texts.some((text) => names(text, path))) wrong.push(`${name}: ${JSON.stringify(result.texts)}`);
  });
  t.diagnostic(`${cases.length} feed documents`);
  assert.deepEqual(wrong, []);
  await assertHealthy(page);
});

test('comment threads: a wrong type at every field and every required field missing, named in the thread error', async (t) => {
  const cases = casesOf('comments');
  const page = await open();
  cases.forEach((c, i) => env.server.route(`/fields/thread/${i}.json`, json(c.document)));
  await addWidgets(page, [HEALTHY('healthy-before'),
    ...cases.map((c, i) => ({ id: `case-${i}`, src: '/fields/host.json', lang: 'en',
      'comments-src': `/fields/thread/${i}.json`, 'comments-backend': 'local' })),
    HEALTHY('healthy-after')]);
  const results = await collect(page, 'case-', 'part');
  const wrong = [];
  for (const [i, result] of results.entries()) {
    const { name, path } = cases[i];
    if (result.outcome !== 'article') {
      wrong.push(`${name}: the article is not shown (${result.outcome})`);
      continue;
    }
    const alerts = await page.locator(`#case-${i} ol.aw-comment-list > li[role="alert"]`).allTextContents();
    if (alerts.length !== 1 || !names(alerts[0], path)) wrong.push(`${name}: ${JSON.stringify(alerts)}`);
  }
  t.diagnostic(`${cases.length} thread documents`);
  assert.deepEqual(wrong, []);
  await assertHealthy(page);
});

test('the cases cover every field and requirement of the three schemas', () => {
  for (const name of ['article', 'feed', 'comments']) {
    const schema = contract(name);
    const { wrongType, missing, uncovered } = schema.cases(SAMPLES[name]);
    assert.deepEqual(uncovered, []);
    const pointers = new Set([...wrongType, ...missing].flatMap((c) => c.pointers));
    assert.equal(pointers.size, schema.fields.size + schema.requirements.size, name);
  }
});

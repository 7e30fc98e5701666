// Malformed data (issue #6): truncated JSON, wrong types, missing fields, huge strings and
// arrays, deep nesting, numbers out of range, invalid UTF-8, a byte-order mark, HTML instead of
// JSON, an empty body - for the article, the feed and the comment thread. Each gives its own
// message (naming the URL and, for contract errors, the field) with a retry button, within a few
// seconds, with no uncaught exception; the healthy widgets of the same page keep working.
// (tests/e2e/errors.test.mjs covers 404, a bad version, bad fields of www/data/errors/, a
// javascript: src, CORS and time-outs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_TITLE, addWidgets, assertHealthy, errorsOf, readData, settled } from './harness.mjs';
import { loaded } from './comment-page.mjs';
import { json, raw, useHostileEnv } from './hostile-server.mjs';

const env = useHostileEnv();

const PUBLISHED = '2020-02-19T04:32:00+08:00';
const valid = { version: '1.0', id: 'm', lang: 'en', title: 'A valid article', published: PUBLISHED,
  body: [{ type: 'paragraph', children: [{ text: 'Body.' }] }], comments: { backend: 'none' } };
const deep = (n) => '['.repeat(n) + ']'.repeat(n);
const utf8 = (text) => Buffer.from(text, 'utf8');

/** Malformed article documents: [name, handler, what the error detail must match]. */
const ARTICLES = [
  ['truncated', raw('{"version": "1.0", "id": "a", "title": "Trunc'), /is not valid JSON: .*(Unterminated string|end of JSON)/],
  ['truncated-list', raw('{"version": "1.0", "body": [{"type": "paragraph"},'), /is not valid JSON: /],
  ['trailing-comma', raw('{"version": "1.0",}'), /is not valid JSON: /],
  ['single-quotes', raw("{'version': '1.0'}"), /is not valid JSON: /],
  ['control-character', raw('{"version": "1.0", "title": "a\u0001b"}'), /is not valid JSON: .*control character/i],
  ['html', raw('<!doctype html><html><body><h1>Not found</h1></body></html>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    /is not valid JSON: .*\(the server sent it as text\/html; charset=utf-8\)$/],
  ['empty', raw(''), /is empty: the server sent no document$/],
  ['blank', raw(' \r\n\t '), /is empty: the server sent no document$/],
  ['invalid-utf8', raw(Buffer.concat([utf8('{"version": "1.0", "title": "caf'), Buffer.from([0xe9]), utf8('"}')])),
    /is not UTF-8 text \(invalid bytes at byte 32\); JSON must be UTF-8$/],
  ['utf16', raw(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(valid), 'utf16le')])),
    /is not UTF-8 text \(invalid bytes at byte 0\)/],
  ['too-large', json({ ...valid, title: 'x'.repeat(5_000_000) }), /is too large: 5000\d{3} bytes, at most 4194304 are read$/],
  ['too-large-chunked', (request, response) => {
    // No Content-Length: the size is known only once the body has arrived.
    response.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    response.write(`{"version": "1.0", "title": "${'x'.repeat(2_200_000)}`);
    response.end(`${'y'.repeat(2_200_000)}"}`);
  }, /is too large: 4400\d{3} bytes, at most 4194304 are read$/],
  ['deep-unbalanced', raw('['.repeat(100_000)), /is not valid JSON: /],
  ['deep-balanced', raw(deep(100_000)), /\(document\): nested more than 64 levels deep$/],
  ['deep-in-a-field', raw(`{"version": "1.0", "id": "a", "title": ${deep(5000)}}`), /\(document\): nested more than 64 levels deep$/],
  ['null', raw('null'), /\(document\): expected an article object, found null$/],
  ['a-list', raw('[1, 2]'), /\(document\): expected an article object, found a list$/],
  ['a-string', raw('"an article"'), /\(document\): expected an article object, found text$/],
  ['version-number', json({ ...valid, version: 1 }), /version: expected text like "1.0", found a number$/],
  ['missing-required', json({ version: '1.0' }), /4 problems in the document:/, ['id', 'title', 'published', 'body']],
  ['wrong-types', json({
    version: '1.0', id: 7, lang: ['en'], title: { text: 'x' }, summary: false, published: 1582057920,
    navigation: {}, breadcrumbs: 'home', tags: [1], source: 'paper', authors: [null],
    body: [{ type: 'paragraph', children: 'text' }, { type: 'heading', level: '2', children: [] },
      { type: 'image', src: 5, width: '640', height: null, alt: 0 }, 'a block', { type: 7 }],
  }), /problems in the document:/, ['id', 'lang', 'title', 'summary', 'navigation', 'breadcrumbs', 'source',
    'published', 'authors[0]', 'tags[0]', 'body[0].children', 'body[1].level', 'body[2].src', 'body[2].width',
    'body[2].height', 'body[2].alt', 'body[3]', 'body[4].type']],
  ['numbers', raw(`{"version": "1.0", "id": "n", "title": "t", "published": "${PUBLISHED}", "body": [
    {"type": "image", "src": "a.png", "width": 1e400, "height": -1, "alt": ""},
    {"type": "image", "src": "a.png", "width": 640.5, "height": 1e-400, "alt": ""},
    {"type": "heading", "level": 2.0000000001, "children": []},
    {"type": "heading", "level": -2, "children": []}]}`), /problems in the document:/,
  ['body[0].width', 'body[0].height', 'body[1].width', 'body[1].height', 'body[2].level', 'body[3].level']],
  ['huge-list', json({ ...valid, tags: Array.from({ length: 50_000 }, (_, i) => `t${i}`) }),
    /tags: at most 1000 entries \(found 50000\)$/],
  ['huge-body', json({ ...valid, body: Array.from({ length: 50_000 }, () => ({ type: 'divider' })) }),
    /body: at most 10000 entries \(found 50000\)$/],
  ['huge-html', json({ ...valid, body: [{ type: 'html', html: '<p>x</p>'.repeat(20_000) }] }),
    /body\[0\]\.html: the html blocks of an article hold at most 100000 characters together \(found 160000 so far\)$/],
  ['out-of-range-time', json({ ...valid, published: '2020-13-45T99:99:99+25:00' }), /published: /],
];

/** What must render rather than fail. */
const RENDERED = [
  ['bom', raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(valid))])), 'A valid article'],
  ['wrong-content-type', raw(JSON.stringify(valid), { headers: { 'Content-Type': 'text/plain' } }), 'A valid article'],
  ['lone-surrogate', raw(JSON.stringify({ ...valid, title: 'half \\ud800 a pair' }).replace('\\\\ud800', '\\ud800')),
    'half \ufffd a pair'],
  ['limits-exactly', json({ ...valid, tags: Array.from({ length: 1000 }, (_, i) => `t${i}`),
    body: [{ type: 'html', html: '<b>x</b>'.repeat(12_500) }] }), 'A valid article'],
];

/** The error panel of `widget`: role, retry button, detail (one line or a field list). */
async function errorPanel(widget) {
  const panel = widget.locator('.aw > .aw-error');
  assert.equal(await panel.getAttribute('role'), 'alert');
  const retry = panel.locator('button.aw-retry');
  assert.equal(await retry.count(), 1, 'a retry button');
  assert.equal(await retry.getAttribute('type'), 'button');
  assert.equal(await widget.locator('.aw-article').count(), 0, 'no half-drawn article');
  const detail = await panel.locator('.aw-error-detail').textContent();
  const fields = await panel.locator('ul.aw-error-fields code').allTextContents();
  return { detail, fields, retry };
}

async function blank() {
  const page = await env.newPage();
  env.server.page('/malformed.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/widget/article-widget.js"></script></head><body><main id="stage"></main></body></html>`);
  await page.goto(`${env.server.origin}/malformed.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  return page;
}

test('malformed articles: each its own message naming the URL (and fields), a retry, no hang', async () => {
  const page = await blank();
  for (const [name, handler] of [...ARTICLES, ...RENDERED]) env.server.route(`/bad/${name}.json`, handler);
  await addWidgets(page, [
    { id: 'healthy-before', src: '/data/articles/jijiehao.json' },
    ...ARTICLES.map(([name]) => ({ id: name, src: `/bad/${name}.json`, lang: 'en' })),
    ...RENDERED.map(([name]) => ({ id: name, src: `/bad/${name}.json`, lang: 'en' })),
    { id: 'healthy-after', src: '/data/articles/showcase.json', lang: 'en' },
  ]);
  // No hang: every widget settles (article or error) within a few seconds of being added.
  const times = await page.evaluate(() => new Promise((resolve) => {
    const started = performance.now();
    const times = {};
    const poll = () => {
      for (const widget of document.querySelectorAll('#stage article-widget')) {
        if (!(widget.id in times) && widget.shadowRoot?.querySelector('.aw > .aw-error, h1')) {
          times[widget.id] = Math.round(performance.now() - started);
        }
      }
      if (Object.keys(times).length === document.querySelectorAll('#stage article-widget').length
        || performance.now() - started > 30_000) resolve(times);
      else setTimeout(poll, 20);
    };
    poll();
  }));
  const slowest = Object.entries(times).sort((a, b) => b[1] - a[1])[0];
  assert.equal(Object.keys(times).length, ARTICLES.length + RENDERED.length + 2, 'every widget settled');
  assert.ok(slowest[1] < 10_000, `settled within 10 s; the slowest, ${slowest[0]}, took ${slowest[1]} ms`);
  for (const [name, , pattern, fieldPaths] of ARTICLES) {
    const widget = page.locator(`#${name}`);
    assert.equal(await settled(widget), 'error', `${name}: an error, not an article`);
    const { detail, fields } = await errorPanel(widget);
    const url = `${env.server.origin}/bad/${name}.json`;
    assert.ok(detail.startsWith(url), `${name}: the message names the URL: ${detail}`);
    assert.match(detail, pattern, name);
    if (fieldPaths) assert.deepEqual(fields, fieldPaths, `${name}: the fields, in document order`);
  }
  for (const [name, , title] of RENDERED) {
    const widget = page.locator(`#${name}`);
    assert.equal(await settled(widget), 'article', `${name} renders`);
    assert.equal(await widget.locator('h1').textContent(), title, name);
  }
  for (const id of ['healthy-before', 'healthy-after']) {
    assert.equal(await settled(page.locator(`#${id}`)), 'article', `${id} renders beside the broken ones`);
  }
  assert.equal(await page.locator('#healthy-before h1').textContent(), SEED_TITLE);
  // Still working: the healthy widget's comment form and a widget added afterwards.
  await page.locator('#healthy-before #aw-text').fill('still working');
  assert.equal(await page.locator('#healthy-before .aw-char-count').textContent().then((t) => /13/.test(t)), true);
  await addWidgets(page, [{ id: 'later', src: '/data/articles/jijiehao.json' }]);
  assert.equal(await settled(page.locator('#later')), 'article');

  // Retry: the document is fixed on the server, the reader presses retry.
  env.server.route('/bad/empty.json', json(valid));
  await page.locator('#empty button.aw-retry').click();
  await page.locator('#empty h1', { hasText: 'A valid article' }).waitFor();
  assert.deepEqual(errorsOf(page).pageErrors, []);
  const panics = errorsOf(page).consoleErrors.filter((e) => /panic|unreachable|RuntimeError/i.test(e));
  assert.deepEqual(panics, []);
});

test('malformed feeds: an error with a retry beside the article (in its section for a bad section), which stays', async () => {
  const page = await blank();
  const feed = readData('data/feeds/shexian.json');
  const FEEDS = [
    ['truncated', raw(JSON.stringify(feed).slice(0, 500)), /is not valid JSON: /],
    ['html', raw('<html>oops</html>', { headers: { 'Content-Type': 'text/html' } }), /\(the server sent it as text\/html\)$/],
    ['empty', raw(''), /is empty: the server sent no document$/],
    ['invalid-utf8', raw(Buffer.concat([utf8('{"version": "1.0", "id": "'), Buffer.from([0xc3, 0x28]), utf8('"}')])),
      /is not UTF-8 text \(invalid bytes at byte 26\)/],
    ['too-large', json({ ...feed, title: '长'.repeat(1_500_000) }), /is too large: /],
    ['deep', raw(deep(50_000)), /nested more than 64 levels deep$/],
    ['wrong-types', json({ version: '1.0', id: 3, sections: [{ id: 's', kind: 'list', title: 4, items: {} }] }),
      /problems in the document:/],
    ['huge-items', json({ version: '1.0', id: 'f', sections: [{ id: 's', kind: 'list', title: 't',
      items: Array.from({ length: 3000 }, (_, i) => ({ id: `i${i}`, title: 't', url: 'a.html' })) }] }),
    /sections\[0\]\.items: at most 1000 entries \(found 3000\)$/, 'aside'],
    ['numbers', json({ version: '1.0', id: 'f', sections: [{ id: 's', kind: 'ranking', title: 't', limit: -1,
      items: [{ id: 'a', title: 't', url: 'a.html', rank: 1e300, views: -5 }] }] }), /problems in the document:/, 'aside'],
    ['missing-required', json({ ...feed, sections: feed.sections.map(({ title, ...section }, i) => (i === 0 ? section
      : { title, ...section })) }), /sections\[0\]\.title: required$/, 'lead'],
  ];
  /** The slots of the sections: beside the article, and under it before the channel blurb. */
  const SLOTS = { aside: '.aw-aside', lead: '.aw-main > div:nth-of-type(1)' };
  /** What must render rather than fail: [name, handler, the first section's title]. */
  const READ = [
    ['bom', raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(feed))])), feed.sections[0].title],
  ];
  for (const [name, handler] of [...FEEDS, ...READ]) env.server.route(`/badfeed/${name}.json`, handler);
  await addWidgets(page, [
    { id: 'healthy-before', src: '/data/articles/jijiehao.json' },
    ...[...FEEDS, ...READ].map(([name]) => ({ id: name, src: '/data/articles/showcase.json', lang: 'en',
      feed: `/badfeed/${name}.json` })),
    { id: 'healthy-after', src: '/data/articles/jijiehao.json' },
  ]);
  for (const [name, , pattern, where] of FEEDS) {
    const widget = page.locator(`#${name}`);
    assert.equal(await settled(widget), 'article', `${name}: the article renders`);
    // A fault of the whole feed: one panel in the column; of its one section: in that section,
    // in its slot (a list or ranking beside the article, a featured section under it).
    const panel = widget.locator(where ? `${SLOTS[where]} > section.aw-section-refused > .aw-error` : '.aw-aside > .aw-error');
    await panel.waitFor({ timeout: 10_000 });
    assert.equal(await widget.locator('.aw-error').count(), 1, `${name}: one error`);
    assert.equal(await panel.getAttribute('role'), 'alert');
    assert.equal(await panel.locator('button.aw-retry').count(), 1);
    const detail = (await panel.locator('.aw-error-detail').textContent());
    assert.ok(detail.startsWith(`${env.server.origin}/badfeed/${name}.json`), `${name}: ${detail}`);
    assert.match(detail, pattern, name);
    assert.equal(await widget.locator('h1').count(), 1, `${name}: the article stays`);
  }
  for (const [name, , title] of READ) {
    const widget = page.locator(`#${name}`);
    await widget.locator('.aw-section-title').first().waitFor();
    assert.ok((await widget.locator('.aw-section-title').allTextContents()).includes(title), `${name}: the feed renders`);
    assert.equal(await widget.locator('.aw-error').count(), 0, name);
  }
  await assertHealthy(page);
  env.server.route('/badfeed/empty.json', json(feed));
  await page.locator('#empty .aw-aside button.aw-retry').click();
  await page.locator('#empty .aw-section').first().waitFor();
  assert.equal(await page.locator('#empty .aw-error').count(), 0);
});

/**
 * The comment error of widget `#name`, once its article rendered and its thread settled:
 * one alert, with a retry, whose message starts by naming `url` and matches `pattern`, the
 * form still there. Returns the message.
 */
async function threadError(page, name, url, pattern) {
  const widget = page.locator(`#${name}`);
  assert.equal(await settled(widget), 'article', `${name}: the article renders`);
  await loaded(widget);
  const alert = widget.locator('ol.aw-comment-list > li[role="alert"]');
  assert.equal(await alert.count(), 1, `${name}: the thread's error`);
  const message = await alert.locator('.aw-comment-retry').evaluate((button) => button.parentNode.firstChild.textContent);
  assert.ok(message.startsWith(`Comments could not be loaded: ${url}`), `${name}: the message names the URL: ${message}`);
  assert.match(message, pattern, name);
  assert.equal(await alert.locator('button.aw-comment-retry').count(), 1, `${name}: a retry`);
  assert.equal(await widget.locator('#aw-text').count(), 1, `${name}: the form is still there`);
  return message;
}

test('malformed comment threads: each its own message naming the URL, with a retry; the article stays', async () => {
  const page = await blank();
  const thread = readData('data/comments/jijiehao.json');
  const { author, ...authorless } = thread.comments[0];
  assert.ok(author);
  const THREADS = [
    ['truncated', raw(JSON.stringify(thread).slice(0, 300)), /is not valid JSON: .*(Unterminated string|end of JSON)/],
    ['html', raw('<html>502 Bad Gateway</html>', { headers: { 'Content-Type': 'text/html' } }),
      /is not valid JSON: .*\(the server sent it as text\/html\)$/],
    ['empty', raw(''), /is empty: the server sent no document$/],
    ['deep', raw(deep(50_000)), /\(document\): nested more than 64 levels deep$/],
    ['invalid-utf8', raw(Buffer.concat([utf8('{"version": "1.0", "uri": "'), Buffer.from([0xff, 0xfe]), utf8('"}')])),
      /is not UTF-8 text \(invalid bytes at byte 27\); JSON must be UTF-8$/],
    ['too-large', json({ ...thread, uri: 'u'.repeat(5_000_000) }), /is too large: 500\d{4} bytes, at most 4194304 are read$/],
    ['wrong-types', json({ version: '1.0', uri: 5, comments: [{ id: 1, parent: 2, author: [], text: {}, likes: '3' }] }),
      /uri: expected text, found a number/],
    ['missing-required', json({ ...thread, comments: [authorless, ...thread.comments.slice(1)] }),
      /comments\[0\]\.author: required/],
    ['huge', json({ version: '1.0', uri: 'u', comments: Array.from({ length: 20_000 }, (_, i) => ({ id: `c${i}`,
      parent: null, author: 'a', created: PUBLISHED, text: 't', likes: 0 })) }), /comments: at most 10000 entries \(found 20000\)/],
    ['numbers', json({ version: '1.0', uri: 'u', comments: [{ id: 'c', parent: null, author: 'a', created: PUBLISHED,
      text: 't', likes: 1e20 }] }), /comments\[0\]\.likes: must be a whole number from 0 to 4294967295/],
  ];
  /** What must be read rather than refused: [name, handler, the first comment's text]. */
  const READ = [
    ['bom', raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(thread))])), thread.comments[0].text],
  ];
  for (const [name, handler] of [...THREADS, ...READ]) env.server.route(`/badthread/${name}.json`, handler);
  await page.evaluate(() => {
    window.threadErrors = {};
    document.addEventListener('article-widget:error', ({ target, detail }) => {
      if (detail.part === 'comments') window.threadErrors[target.id] = detail;
    });
  });
  await addWidgets(page, [
    { id: 'healthy-before', src: '/data/articles/jijiehao.json' },
    ...[...THREADS, ...READ].map(([name]) => ({ id: name, src: '/data/articles/showcase.json', lang: 'en',
      'comments-src': `/badthread/${name}.json`, 'comments-backend': 'local' })),
    { id: 'healthy-after', src: '/data/articles/jijiehao.json' },
  ]);
  for (const [name, , pattern] of THREADS) {
    const url = `${env.server.origin}/badthread/${name}.json`;
    const message = await threadError(page, name, url, pattern);
    // The page hears the same: the thread's absolute URL, the message shown, the field at fault.
    const event = await page.evaluate((id) => window.threadErrors[id], name);
    assert.equal(event.url, url, name);
    assert.equal(`Comments could not be loaded: ${event.message}`, message, name);
  }
  const fields = await page.evaluate(() => Object.fromEntries(Object.entries(window.threadErrors)
    .map(([id, detail]) => [id, detail.field ?? null])));
  assert.equal(fields['missing-required'], 'comments[0].author');
  assert.equal(fields['wrong-types'], 'uri');
  assert.equal(fields.empty, null);
  for (const [name, , text] of READ) {
    const widget = page.locator(`#${name}`);
    await loaded(widget);
    assert.equal(await widget.locator('ol.aw-comment-list > li[role="alert"]').count(), 0, `${name} is read`);
    assert.ok((await widget.locator('.aw-comment-text').allTextContents()).includes(text), name);
  }
  await assertHealthy(page);
  env.server.route('/badthread/empty.json', json(thread));
  await page.locator('#empty button.aw-comment-retry').click();
  await page.locator('#empty li.aw-comment').first().waitFor();
  assert.equal(await page.locator('#empty ol.aw-comment-list > li[role="alert"]').count(), 0);
});

test("malformed answers of a comment server (Isso): each names the URL and what is wrong, with a retry", async () => {
  const page = await blank();
  const chunked = (request, response, url, corsHeaders) => {
    // No Content-Length: the size is known only once the body has arrived.
    response.writeHead(200, { 'Content-Type': 'application/json', ...corsHeaders });
    response.write(`{"id": null, "total_replies": 0, "replies": [], "pad": "${'x'.repeat(2_200_000)}`);
    response.end(`${'y'.repeat(2_200_000)}"}`);
  };
  const ANSWERS = [
    ['html', raw('<html>502 Bad Gateway</html>', { headers: { 'Content-Type': 'text/html' } }), /: the answer is not JSON$/],
    ['truncated', raw('{"id": null, "total_replies": 1, "replies": [{"id": 1, "te'), /: the answer is not JSON$/],
    ['shape', json({ id: null, total_replies: 1, replies: 'none' }), /: unexpected answer: Isso's answer has no replies list$/],
    ['too-large', json({ id: null, total_replies: 0, replies: [], pad: 'x'.repeat(5_000_000) }),
      /: the answer is too large: 500\d{4} bytes, at most 4194304 are read$/],
    ['too-large-chunked', chunked, /: the answer is too large: 4400\d{3} bytes, at most 4194304 are read$/],
    ['forbidden', raw('{"error": "no"}', { status: 403 }), /: HTTP 403$/],
  ];
  for (const [name, handler] of ANSWERS) env.server.route(`/badisso/${name}/`, handler);
  await addWidgets(page, [
    { id: 'healthy-before', src: '/data/articles/jijiehao.json' },
    ...ANSWERS.map(([name]) => ({ id: name, src: '/data/articles/showcase.json', lang: 'en',
      'comments-backend': 'isso', 'comments-endpoint': `/badisso/${name}` })),
    { id: 'healthy-after', src: '/data/articles/jijiehao.json' },
  ]);
  for (const [name, , pattern] of ANSWERS) await threadError(page, name, `${env.server.origin}/badisso/${name}/?uri=`, pattern);
  await assertHealthy(page);
  env.server.route('/badisso/html/', json({ id: null, total_replies: 0, replies: [] }));
  await page.locator('#html button.aw-comment-retry').click();
  await page.waitForFunction(() => document.querySelector('#html').shadowRoot
    .querySelector('ol.aw-comment-list > li[role="alert"]') === null);
});

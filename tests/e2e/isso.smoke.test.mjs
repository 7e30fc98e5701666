// Smoke test of the real Isso server the comment e2e tests use (tests/e2e/isso.mjs): seeding,
// listing, escaping, likes, CORS as a browser sees it, and the error answers that error-path
// tests can provoke. Needs .venv-isso/ (scripts/setup.sh) and Debian's chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import {
  flattenComments, listComments, request, seedComments, startIsso, vote,
} from './isso.mjs';
import { launchBrowser } from './harness.mjs';

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const HOSTILE_HTML = '<p>&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p>';

/** A page server: every path is a blank page. */
async function pageServer() {
  const server = createServer((req, res) => {
    if (req.url.startsWith('/missing/')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset=utf-8><title>page</title><p>page</p>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let page; // the page origin Isso allows
let foreign; // another origin, not in Isso's host
let isso;
let browser;

before(async () => {
  [page, foreign] = await Promise.all([pageServer(), pageServer()]);
  [isso, browser] = await Promise.all([startIsso({ pageOrigin: page.origin }), launchBrowser()]);
});

after(async () => {
  await Promise.all([isso?.stop(), browser?.close(), page?.close(), foreign?.close()]);
});

test('seeds comments with a reply, lists them, escapes markup in text and author', async () => {
  const ids = await seedComments(isso.url, '/a/1', [
    { author: 'Ann', text: 'First comment' },
    { author: 'Bob', text: 'A reply to Ann', replyTo: 0 },
    { author: '<b>Eve</b>', text: HOSTILE, created: 1_700_000_000 },
  ]);
  assert.equal(ids.length, 3);
  const thread = await listComments(isso.url, '/a/1');
  assert.equal(thread.id, null);
  assert.equal(thread.total_replies, 3, 'total_replies counts replies too');
  // Top level, oldest first by `created`: Eve's comment was back-dated to 2023.
  assert.deepEqual(thread.replies.map((c) => c.id), [ids[2], ids[0]]);
  const newest = await listComments(isso.url, '/a/1', { query: { sort: 'newest' } });
  assert.deepEqual(newest.replies.map((c) => c.id), [ids[0], ids[2]]);
  const [eve, ann] = thread.replies;
  assert.equal(ann.text, '<p>First comment</p>');
  assert.equal(ann.author, 'Ann');
  assert.equal(ann.total_replies, 1);
  assert.equal(ann.replies.length, 1);
  const [bob] = ann.replies;
  assert.equal(bob.id, ids[1]);
  assert.equal(bob.parent, ids[0]);
  assert.equal(bob.text, '<p>A reply to Ann</p>');
  assert.equal(eve.text, HOSTILE_HTML);
  assert.equal(eve.author, '&lt;b&gt;Eve&lt;/b&gt;');
  assert.equal(eve.created, 1_700_000_000);
  for (const comment of flattenComments(thread)) {
    assert.equal(comment.mode, 1, 'accepted, not waiting for moderation');
    assert.equal(comment.likes, 0);
    assert.equal(typeof comment.created, 'number');
    assert.match(comment.hash, /^[0-9a-f]{12}$/);
  }
  assert.deepEqual(flattenComments(thread).map((c) => c.id), [ids[2], ids[0], ids[1]]);
  assert.deepEqual(Object.keys(ann).sort(), [
    'author', 'created', 'dislikes', 'hash', 'hidden_replies', 'id', 'likes', 'mode', 'modified',
    'notification', 'parent', 'replies', 'text', 'total_replies', 'website',
  ]);
  // Isso keeps one level of replies: a reply to a reply hangs on the top-level comment.
  const [deep] = await seedComments(isso.url, '/a/1', [{ author: 'Cy', text: 'Reply to Bob', parent: ids[1] }]);
  const again = await listComments(isso.url, '/a/1');
  assert.equal(flattenComments(again).find((c) => c.id === deep).parent, ids[0]);
  // An unknown thread is an empty list (200), not 404.
  const empty = await listComments(isso.url, '/nothing/here');
  assert.deepEqual([empty.total_replies, empty.replies], [0, []]);
});

test('likes count once per address; the author cannot like their own comment', async () => {
  const [seeded] = await seedComments(isso.url, '/a/likes', [{ author: 'Ann', text: 'Like me', likes: 2 }]);
  assert.deepEqual(await vote(isso.url, seeded), { likes: 3, dislikes: 0 }, 'from 127.0.0.1');
  const twice = await vote(isso.url, seeded);
  assert.equal(twice.likes, 3);
  assert.match(twice.message, /already been registered for this remote address: 127\.0\.0\.0/);

  // A comment posted from 127.0.0.1 (like a browser's own) cannot be liked from 127.0.0.1.
  const [own] = await seedComments(isso.url, '/a/likes', [{ text: 'Mine', remoteAddr: '127.0.0.1' }]);
  const self = await vote(isso.url, own);
  assert.equal(self.likes, 0);
  assert.match(self.message, /already been registered/);

  const thread = await listComments(isso.url, '/a/likes');
  assert.deepEqual(thread.replies.map((c) => c.likes), [3, 0]);
  assert.equal(await vote(isso.url, 999_999), null, 'an unknown id is 200 null');
});

const EXPECTED_CORS = (origin) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'HEAD, GET, POST, PUT, DELETE',
  'access-control-allow-headers': 'Origin, Referer, Content-Type',
  'access-control-expose-headers': 'X-Set-Cookie, Date',
});

function corsOf(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('access-control-')));
}

test('CORS headers: GET, POST, errors and the preflight of a JSON POST', async () => {
  const origin = page.origin;
  const get = await request('GET', `${isso.url}/?uri=/a/1`, { headers: { Origin: origin } });
  assert.deepEqual(corsOf(get.headers), EXPECTED_CORS(origin));
  assert.equal(get.headers.vary, undefined, 'no Vary: Origin');

  const preflight = await request('OPTIONS', `${isso.url}/new?uri=/a/cors`, {
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  assert.equal(preflight.status, 200);
  assert.deepEqual(corsOf(preflight.headers), EXPECTED_CORS(origin));
  assert.equal(preflight.headers['access-control-max-age'], undefined, 'no max-age: Chromium re-checks after 5 s');

  const post = await request('POST', `${isso.url}/new?uri=/a/cors`, {
    headers: { Origin: origin }, body: { text: 'posted', title: 'T' },
  });
  assert.equal(post.status, 201);
  assert.deepEqual(corsOf(post.headers), EXPECTED_CORS(origin));
  assert.match(post.headers['set-cookie'][0], /^\d+=.*; Path=\/; SameSite=Lax$/);
  assert.match(post.headers['x-set-cookie'], /^isso-\d+=.*; Path=\/; SameSite=Lax$/);

  const error = await request('POST', `${isso.url}/new?uri=/a/cors`, { headers: { Origin: origin }, body: { text: '' } });
  assert.equal(error.status, 400);
  assert.deepEqual(corsOf(error.headers), EXPECTED_CORS(origin), 'errors carry CORS headers too');

  // An origin that is not Isso's host gets the configured host back, which the browser refuses.
  const other = await request('GET', `${isso.url}/?uri=/a/1`, { headers: { Origin: foreign.origin } });
  assert.equal(other.headers['access-control-allow-origin'], origin);
});

test('a browser page on the allowed origin POSTs JSON cross-origin; another origin is refused', async () => {
  const tab = await browser.context.newPage();
  try {
    const probe = ({ url, method }) => fetch(`${url}/new?uri=/a/browser`, {
      method,
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'from the browser', author: 'Tab', title: 'Browser thread' }),
    }).then(
      async (r) => ({ status: r.status, body: await r.json(), xSetCookie: r.headers.get('X-Set-Cookie') }),
      (e) => ({ error: String(e) }),
    );
    await tab.goto(`${page.origin}/article`);
    const ok = await tab.evaluate(probe, { url: isso.url, method: 'POST' });
    assert.equal(ok.status, 201, JSON.stringify(ok));
    assert.equal(ok.body.text, '<p>from the browser</p>');
    assert.match(ok.xSetCookie, /^isso-\d+=/, 'X-Set-Cookie is readable (exposed)');
    const listed = await tab.evaluate((url) => fetch(`${url}/?uri=/a/browser`).then((r) => r.json()), isso.url);
    assert.equal(listed.total_replies, 1);

    await tab.goto(`${foreign.origin}/article`);
    const refused = await tab.evaluate(probe, { url: isso.url, method: 'POST' });
    assert.match(refused.error ?? '', /TypeError: Failed to fetch/, JSON.stringify(refused));
  } finally {
    await tab.close();
  }
});

test('error answers: status and body', async () => {
  const post = (body, { uri = '/a/errors', headers = {} } = {}) => request(
    'POST', `${isso.url}/new${uri === null ? '' : `?uri=${encodeURIComponent(uri)}`}`,
    { headers: { Origin: page.origin, ...headers }, body },
  );
  const message = (response) => response.text.match(/<p>(.*)<\/p>/s)?.[1];
  const cases = [
    [{ text: '' }, 400, 'text is too short (minimum length: 3)'],
    [{ text: 'ab  ' }, 400, 'text is too short (minimum length: 3)'],
    [{ author: 'Ann' }, 400, 'text is missing'],
    [{ text: 'x'.repeat(65_536) }, 400, 'text is too long (maximum length: 65535)'],
    [{ text: 'hello', parent: '1' }, 400, 'parent must be an integer or null'],
    [{ text: 'hello', author: 5 }, 400, 'author must be a string or null'],
    [{ text: 'hello', email: `${'a'.repeat(250)}@x.io` }, 400, 'http://tools.ietf.org/html/rfc5321#section-4.5.3'],
    [{ text: 'hello', website: 'not a url' }, 400, 'Website not Django-conform'],
    [{ text: 'hello', website: `http://${'a'.repeat(260)}.com` }, 400, 'arbitrary length limit'],
  ];
  await seedComments(isso.url, '/a/errors', [{ text: 'opens the thread' }]);
  for (const [body, status, text] of cases) {
    const response = await post(body);
    assert.equal(response.status, status, JSON.stringify(body).slice(0, 80));
    assert.equal(message(response), text);
    assert.match(response.headers['content-type'], /^text\/html/);
  }
  const noJson = await post('not json');
  assert.deepEqual([noJson.status, message(noJson)], [400, 'Unable to read JSON request']);
  const array = await post('[1, 2]');
  assert.equal(array.status, 500, 'a JSON array crashes Isso: a real 500');
  const csrf = await post('{"text":"hello"}', { headers: { 'Content-Type': 'text/plain' } });
  assert.deepEqual([csrf.status, message(csrf)], [403, 'CSRF']);
  const noUri = await post({ text: 'hello' }, { uri: null });
  assert.deepEqual([noUri.status, message(noUri)], [400, 'missing uri query']);
  const badLimit = await request('GET', `${isso.url}/?uri=/a/1&limit=x`);
  assert.deepEqual([badLimit.status, message(badLimit)], [400, 'limit should be integer']);
  const notFound = await request('GET', `${isso.url}/id/999999`);
  assert.equal(notFound.status, 404);
  const getNew = await request('GET', `${isso.url}/new?uri=/a/1`);
  assert.equal(getNew.status, 405);
  // Accepted although long: author has no length limit; an unknown parent becomes top level.
  const longAuthor = await post({ text: 'hello', author: 'A'.repeat(5000) });
  assert.equal(longAuthor.status, 201);
  const orphan = await post({ text: 'hello', parent: 999_999 });
  assert.deepEqual([orphan.status, orphan.json().parent], [201, null]);

  // The first comment of a thread without `title`: Isso GETs <page origin><uri> for it.
  const untitled = await post({ text: 'hello' }, { uri: '/missing/1' });
  assert.equal(untitled.status, 400);
  assert.equal(message(untitled), 'Cannot create new thread: URI /missing/1 is not accessible and no title was provided. Please provide a title parameter in your request.');
  const titledByPage = await post({ text: 'hello' }, { uri: '/a/page-exists' });
  assert.equal(titledByPage.status, 201, 'the page answered 200: Isso took the title from it');
});

test('guard: rate limit and multiple page origins', async () => {
  const guarded = await startIsso({
    pageOrigin: [page.origin, foreign.origin],
    config: { guard: { enabled: true, ratelimit: 2 } },
  });
  try {
    const get = await request('GET', `${guarded.url}/?uri=/x`, { headers: { Origin: foreign.origin } });
    assert.equal(get.headers['access-control-allow-origin'], foreign.origin, 'each listed origin is echoed');
    const post = (text) => request('POST', `${guarded.url}/new?uri=/g/1`, {
      headers: { Origin: page.origin }, body: { text, title: 'T' },
    });
    assert.equal((await post('one one')).status, 201);
    assert.equal((await post('two two')).status, 201);
    const third = await post('three three');
    assert.equal(third.status, 403);
    assert.match(third.text, /<p>127\.0\.0\.0: ratelimit exceeded \(\d+, \d+\)<\/p>/);
    assert.match(third.headers['content-type'], /^text\/html/);
  } finally {
    await guarded.stop();
  }
});

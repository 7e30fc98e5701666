// A reference comment endpoint for `comments: {backend: "http", endpoint}`, after the contract
// in src/comments/backend/http.rs, small enough for a site to copy; plus fault injection for the
// end-to-end tests (tests/e2e/comments-http.test.mjs).
//
//   const endpoint = await startCommentEndpoint({ pageOrigin: env.main.origin });
//   endpoint.url            // http://127.0.0.1:PORT/comments : the `endpoint` of the article JSON
//   endpoint.comments()     // what is stored, oldest first
//   endpoint.posts()        // every POST received: { headers, body (raw), json, key, answer }
//   endpoint.failNext(2, 503); endpoint.dropResponse(1); endpoint.delay(3000); endpoint.reject('…');
//   await endpoint.stop();
//
// The contract, as served here:
// - `POST {endpoint}` with `Content-Type: application/json` and a body
//   `{idempotency_key, thread, parent, author, website, text}` (parent and website may be null),
//   the key also in the `Idempotency-Key` header.
// - 201 `{"id": "c1", "created": "2026-…Z"}` (plus `"moderated": true` when started with
//   `moderate: true`) once the comment is stored.
// - Exactly once: the answer to a stored comment is remembered under its key; the same key
//   with the same comment is answered exactly as the first time (nothing stored again), the
//   same key with another comment is 409. Refusals and failures store nothing and are not
//   remembered, so a submission sent again after one is judged afresh.
// - Refusals are 4xx `{"error": "reason"}`, the reason shown to the reader as it is: 400 for a
//   body that is not a comment (text and author required), 409, 413, 415, 422.
// - CORS for the page origin(s): every answer carries Access-Control-Allow-Origin when the
//   request's Origin is allowed; an OPTIONS preflight answers 204 allowing POST with
//   Content-Type and Idempotency-Key. Another origin gets no CORS headers (the browser blocks).
//
// Fault injection, each for the next POSTs (preflights do not count), applied in this order:
// - delay(ms, n = 1): wait ms before handling each of the next n POSTs (the request stays in
//   flight; the comment is stored when the wait ends, even if the client went away);
// - failNext(n, status = 503): answer the next n POSTs with `status` without storing anything;
// - reject(reason, status = 422): refuse the next POST with `{error: reason}`;
// - dropResponse(n = 1): handle the next n POSTs (store or dedupe as usual) and then destroy
//   the connection without an answer: the answer is lost, the comment is stored.
//   Browsers themselves resend a request whose *reused* keep-alive connection closed without
//   an answer (Chromium does, for POST too: the page never notices) - one more reason to
//   honour the key. So that the page sees the loss, dropResponse() closes idle connections and
//   answers without keep-alive until the drops are used up: the dropped POST arrives on a
//   fresh connection, which the browser does not retry.
import { once } from 'node:events';
import { createServer } from 'node:http';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_TEXT_CHARS = 5000;
const MAX_AUTHOR_CHARS = 80;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the endpoint on 127.0.0.1 (`port` 0: any free port). `pageOrigin`: the origin (or
 * list of origins) whose pages may post. `path`: where comments are posted.
 */
export async function startCommentEndpoint({ pageOrigin, port = 0, path = '/comments', moderate = false } = {}) {
  const allowed = new Set([pageOrigin].flat().filter(Boolean));
  const stored = [];          // the comments, oldest first
  const byKey = new Map();    // idempotency key → { fingerprint, status, answer }
  const log = [];             // every request: { method, path, headers, body, json, key, answer }
  const faults = { delays: [], fail: [], rejects: [], drops: 0 };
  const sockets = new Set();
  let serial = 0;

  const cors = (request) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return { Vary: 'Origin' };
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  };

  const answer = (request, response, status, json) => {
    const body = JSON.stringify(json);
    response.writeHead(status, {
      ...cors(request),
      ...(faults.drops > 0 ? { Connection: 'close' } : {}),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    response.end(body);
    return { status, json };
  };

  /** The answer to one POST body (no faults): { status, json }. */
  const handle = (request, raw) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, json: { error: 'Content-Type must be application/json' } };
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return { status: 400, json: { error: 'the body is not JSON' } };
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { status: 400, json: { error: 'the body must be a JSON object' } };
    }
    const header = request.headers['idempotency-key'];
    const key = body.idempotency_key ?? header;
    if (typeof key !== 'string' || key === '' || key.length > 200) {
      return { status: 400, json: { error: 'idempotency_key is required' } };
    }
    if (header !== undefined && header !== key) {
      return { status: 400, json: { error: 'the Idempotency-Key header and idempotency_key differ' } };
    }
    const str = (v) => (typeof v === 'string' ? v : null);
    const comment = {
      thread: str(body.thread),
      parent: str(body.parent),
      author: str(body.author)?.trim() ?? '',
      website: str(body.website),
      text: str(body.text) ?? '',
    };
    if (!comment.thread) return { status: 400, json: { error: 'thread is required' } };
    if (comment.text.trim() === '') return { status: 400, json: { error: 'text is required' } };
    if (comment.author === '') return { status: 400, json: { error: 'author is required' } };
    if ([...comment.text].length > MAX_TEXT_CHARS) return { status: 413, json: { error: 'text is too long' } };
    if ([...comment.author].length > MAX_AUTHOR_CHARS) return { status: 400, json: { error: 'author is too long' } };
    if (comment.website !== null && !/^https?:\/\//i.test(comment.website)) {
      return { status: 400, json: { error: 'website must be an http(s) URL' } };
    }
    const fingerprint = JSON.stringify(comment);
    const seen = byKey.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        return { status: 409, json: { error: 'this idempotency key was used for another comment' } };
      }
      return { status: seen.status, json: seen.json };
    }
    const created = new Date().toISOString();
    const id = `c${++serial}`;
    stored.push({ id, ...comment, created, idempotency_key: key });
    const json = moderate ? { id, created, moderated: true } : { id, created };
    byKey.set(key, { fingerprint, status: 201, json });
    return { status: 201, json };
  };

  const server = createServer((request, response) => {
    response.on('error', () => {});
    serve(request, response).catch(() => {
      if (!response.headersSent) answer(request, response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });

  async function serve(request, response) {
    const url = new URL(request.url, 'http://localhost');
    const entry = { method: request.method, path: url.pathname, headers: { ...request.headers }, at: Date.now() };
    log.push(entry);
    if (request.method === 'OPTIONS') {
      const headers = { ...cors(request), 'Content-Length': 0, ...(faults.drops > 0 ? { Connection: 'close' } : {}) };
      if (headers['Access-Control-Allow-Origin']) {
        Object.assign(headers, {
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
          'Access-Control-Max-Age': '600',
        });
      }
      response.writeHead(204, headers);
      response.end();
      entry.answer = { status: 204 };
      return;
    }
    if (url.pathname !== path) {
      entry.answer = answer(request, response, 404, { error: 'not found' });
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST, OPTIONS');
      entry.answer = answer(request, response, 405, { error: 'only POST' });
      return;
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        entry.answer = answer(request, response, 413, { error: 'the body is too large' });
        return;
      }
      chunks.push(chunk);
    }
    entry.body = Buffer.concat(chunks).toString('utf8');
    try { entry.json = JSON.parse(entry.body); } catch { entry.json = undefined; }
    entry.key = request.headers['idempotency-key'];

    const wait = faults.delays.shift();
    if (wait) await sleep(wait);
    const failStatus = faults.fail.shift();
    if (failStatus) {
      entry.answer = answer(request, response, failStatus, { error: `unavailable (HTTP ${failStatus})` });
      return;
    }
    const refusal = faults.rejects.shift();
    if (refusal) {
      entry.answer = answer(request, response, refusal.status, { error: refusal.reason });
      return;
    }
    const result = handle(request, entry.body);
    if (faults.drops > 0) {
      faults.drops -= 1;
      entry.answer = { status: 'dropped', result };
      request.socket.destroy();
      return;
    }
    entry.answer = answer(request, response, result.status, result.json);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    port: server.address().port,
    url: `${origin}${path}`,
    /** The stored comments, oldest first (copies). */
    comments: (thread) => stored.filter((c) => thread === undefined || c.thread === thread).map((c) => ({ ...c })),
    /** Every request received, preflights included. */
    requests: () => log.map((e) => ({ ...e })),
    /** The POSTs received to the endpoint path. */
    posts: () => log.filter((e) => e.method === 'POST' && e.path === path).map((e) => ({ ...e })),
    /** Waits until `n` POSTs have been received (their bodies read). */
    async waitForPosts(n, timeout = 10_000) {
      const deadline = Date.now() + timeout;
      const count = () => log.filter((e) => e.method === 'POST' && e.path === path && e.body !== undefined).length;
      while (count() < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} POSTs, got ${count()}`);
        await sleep(20);
      }
    },
    failNext(n, status = 503) {
      for (let i = 0; i < n; i++) faults.fail.push(status);
    },
    dropResponse(n = 1) {
      faults.drops += n;
      server.closeIdleConnections();
    },
    delay(ms, n = 1) {
      if (!ms) faults.delays.length = 0;
      else for (let i = 0; i < n; i++) faults.delays.push(ms);
    },
    reject(reason, status = 422) {
      faults.rejects.push({ reason, status });
    },
    /** Forgets comments, requests and pending faults. */
    reset() {
      stored.length = 0;
      byKey.clear();
      log.length = 0;
      Object.assign(faults, { delays: [], fail: [], rejects: [], drops: 0 });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

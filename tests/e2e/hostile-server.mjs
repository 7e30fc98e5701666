// A loopback HTTP server for the hostile-input and fault suites (tests/e2e/security-*.test.mjs):
// serves www/ (the built widget under /widget/) like a static host, plus routes the tests
// register at run time: generated documents, pages with strict headers, and faults.
//
//   const server = await startHostileServer({ cors: true });
//   server.json('/doc/1.json', { version: '1.0', … });          // a generated document
//   server.route('/flaky.json', sequence(status(503), json(doc)));  // 503, then the document
//   server.route('/hang.json', hang());                           // never answers
//   server.hits('/flaky.json')                                    // requests of a path so far
//   await server.stop();
//
// Handlers are `(request, response, url) => void`; the fault handlers below cover every way a
// static host or a network can fail: an error status, a hang, a slow answer, a reset
// connection, a body cut short, the wrong content type, missing CORS headers.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { after, before } from 'node:test';
import { WWW, launchBrowser, syncWidget, trackPages } from './harness.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

/** CORS headers that allow any origin (what a public static host sends). */
export const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * Starts a server on 127.0.0.1. `cors`: whether static files and json() routes carry
 * Access-Control-Allow-Origin: *. Every request is logged (`hits`, `requests`).
 */
export async function startHostileServer({ cors = true } = {}) {
  const routes = new Map();
  const log = [];
  const sockets = new Set();
  const corsHeaders = cors ? CORS : {};
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    log.push({ method: request.method, path: url.pathname, search: url.search, time: Date.now(), origin: request.headers.origin });
    const handler = routes.get(url.pathname);
    if (handler) {
      handler(request, response, url, corsHeaders);
      return;
    }
    serveStatic(request, response, url, corsHeaders);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    port: server.address().port,
    /** Serves `handler` at `path` (a pathname; the query is ignored for matching). */
    route(path, handler) {
      routes.set(path, handler);
    },
    /** Serves `value` as JSON at `path`. */
    json(path, value, headers = {}) {
      routes.set(path, json(value, headers));
    },
    /** Serves `html` at `path` with extra `headers` (e.g. a Content-Security-Policy). */
    page(path, html, headers = {}) {
      routes.set(path, (request, response) => {
        response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...headers });
        response.end(html);
      });
    },
    /** The requests of `path` so far. */
    hits(path) {
      return log.filter((entry) => entry.path === path);
    },
    /** Every request so far. */
    requests() {
      return log.slice();
    },
    /** Forgets the requests so far. */
    forget() {
      log.length = 0;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function serveStatic(request, response, url, corsHeaders) {
  let path;
  try {
    path = normalize(join(WWW, decodeURIComponent(url.pathname)));
  } catch {
    path = '';
  }
  if (!path.startsWith(WWW + sep)) {
    response.writeHead(404, corsHeaders).end();
    return;
  }
  try {
    if (statSync(path).isDirectory()) path = join(path, 'index.html');
    const body = readFileSync(path);
    response.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...corsHeaders,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain', ...corsHeaders });
    response.end('not found');
  }
}

// ---- handlers ----

/** Answers `body` (a Buffer or string) with `status` and `headers`, plus CORS if the server has it. */
export function raw(body, { status = 200, headers = {}, cors = true } = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
  return (request, response, url, corsHeaders) => {
    response.writeHead(status, {
      'Content-Type': TYPES['.json'],
      'Content-Length': bytes.length,
      'Cache-Control': 'no-store',
      ...(cors ? corsHeaders : {}),
      ...headers,
    });
    response.end(bytes);
  };
}

/** Answers `value` as JSON. */
export function json(value, headers = {}) {
  return raw(JSON.stringify(value), { headers });
}

/** Answers an error `status` with a short text body. */
export function status(code, text = `status ${code}`) {
  return raw(text, { status: code, headers: { 'Content-Type': 'text/plain' } });
}

/** Never answers; the connection stays open until the client gives up or the server stops. */
export function hang() {
  return () => {};
}

/** Runs `handler` after `ms`. */
export function slow(ms, handler) {
  return (request, response, url, corsHeaders) => {
    const timer = setTimeout(() => handler(request, response, url, corsHeaders), ms);
    response.on('close', () => clearTimeout(timer));
  };
}

/** Resets the connection (TCP RST) without any answer. */
export function reset() {
  return (request) => {
    request.socket.resetAndDestroy();
  };
}

/**
 * Sends the headers with a Content-Length larger than the body, the first half of the body,
 * then closes the connection: the body is cut short.
 */
export function truncated(value) {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  return (request, response, url, corsHeaders) => {
    response.writeHead(200, {
      'Content-Type': TYPES['.json'],
      'Content-Length': bytes.length,
      'Cache-Control': 'no-store',
      ...corsHeaders,
    });
    response.write(bytes.subarray(0, bytes.length >> 1), () => {
      setTimeout(() => request.socket.destroy(), 20);
    });
  };
}

/** The handlers in turn, one per request; the last one answers every later request. */
export function sequence(...handlers) {
  let next = 0;
  return (...args) => {
    const handler = handlers[Math.min(next, handlers.length - 1)];
    next += 1;
    handler(...args);
  };
}

/**
 * Registers the hooks of one test file: the built widget synced to www/widget/, `servers`
 * hostile servers (the first with CORS for any origin, a second without, when asked), a
 * browser, and a check after each test that no page it opened had an uncaught exception.
 * Returns `env` with `env.server` (and `env.noCors`), `env.context`, `env.newPage()`.
 */
export function useHostileEnv({ noCors = false } = {}) {
  const env = {};
  let started;
  /** Resolves once the servers and the browser run (node:test may start tests before hooks end). */
  env.ready = new Promise((resolve) => { started = resolve; });
  before(async () => {
    await syncWidget();
    env.server = await startHostileServer({ cors: true });
    if (noCors) env.noCors = await startHostileServer({ cors: false });
    env.browser = await launchBrowser();
    env.context = env.browser.context;
    started();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    await env.noCors?.stop();
  });
  trackPages(env);
  return env;
}

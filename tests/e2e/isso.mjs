// A real Isso 0.14.0 comment server for the end-to-end tests, and helpers to fill and read it.
//
// Isso lives in .venv-isso/ (installed by scripts/setup.sh through scripts/isso.sh).
//
//   const isso = await startIsso({ pageOrigin: env.main.origin });   // ~0.5 s
//   const [a, b, c] = await seedComments(isso.url, '/a/1', [
//     { author: 'Ann', text: 'First' },
//     { author: 'Bob', text: 'A reply', replyTo: 0, likes: 2 },      // replyTo: index in this list
//     { author: 'Cy', text: 'Old one', created: 1_700_000_000 },      // unix seconds
//   ]);
//   const thread = await listComments(isso.url, '/a/1');             // GET /?uri=/a/1, parsed
//   await isso.stop();
//
// Facts about Isso 0.14.0 that the tests rely on (measured; see the smoke test):
// - CORS: every answer (errors and OPTIONS too) carries
//     Access-Control-Allow-Origin: <the request's Origin if it is one of `host`, else the first host>
//     Access-Control-Allow-Credentials: true
//     Access-Control-Allow-Methods: HEAD, GET, POST, PUT, DELETE
//     Access-Control-Allow-Headers: Origin, Referer, Content-Type
//     Access-Control-Expose-Headers: X-Set-Cookie, Date
//   and OPTIONS on any path answers 200 with them (no Vary: Origin). Origins are compared by
//   (hostname, port, scheme): 127.0.0.1 and localhost are different origins.
// - POST bodies must be JSON: a Content-Type other than application/json is 403 "CSRF".
// - GET /?uri= lists top-level comments oldest first by `created` (query sort=newest|oldest|
//   upvotes), each with its replies; an unknown thread is 200 with no replies, not 404.
//   `text` is Markdown rendered to sanitised HTML ("<p>a &amp; b</p>", <strong>, <br>, links
//   with rel="nofollow noopener", javascript: links become "#harmful-link"); `author` is
//   HTML-escaped; `email` is never returned; `hash` derives from email, else the address.
// - Isso nests replies one level only: a reply to a reply is stored with the top-level comment
//   as its parent.
// - Likes: a vote from the /24 of the comment's author, or a second vote from the same /24, is
//   ignored (200, likes unchanged, a `message`). So seeded comments are posted "from" distinct
//   addresses 127.N.M.1 (X-Forwarded-For, trusted from 127.0.0.1 by the config), and the
//   browser (127.0.0.1) can like each of them once.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ISSO_VENV = join(ROOT, '.venv-isso');
export const ISSO_BIN = join(ISSO_VENV, 'bin', 'isso');

/** Instances started by this process, by url: their database path and page origins. */
const instances = new Map();
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP request; resolves with `{ status, headers, text, json() }` whatever the status,
 * rejects on a connection error or after `timeout` ms. `body` that is not a string is sent
 * as JSON with Content-Type: application/json (unless headers set one).
 */
export function request(method, url, { headers = {}, body, timeout = 5000 } = {}) {
  const allHeaders = { ...headers };
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    const hasType = Object.keys(allHeaders).some((name) => name.toLowerCase() === 'content-type');
    if (!hasType) allHeaders['Content-Type'] = 'application/json';
    allHeaders['Content-Length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: allHeaders, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode,
          headers: response.headers,
          text,
          json: () => JSON.parse(text),
        });
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(timeout, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.end(payload);
  });
}

const stripSlash = (origin) => String(origin).replace(/\/+$/, '');

function iniValue(value) {
  if (Array.isArray(value)) return `\n${value.map((item) => `    ${item}`).join('\n')}`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function configText(sections) {
  return Object.entries(sections)
    .map(([name, entries]) => [
      `[${name}]`,
      ...Object.entries(entries).map(([key, value]) => `${key} = ${iniValue(value)}`),
    ].join('\n'))
    .join('\n\n') + '\n';
}

/**
 * Starts Isso on a free port of 127.0.0.1 with a fresh database in a temporary directory.
 *
 * - `pageOrigin`: the origin (or a list of origins) of the page(s) that embed the widget;
 *   Isso's `host`, which decides Access-Control-Allow-Origin.
 * - `config`: sections merged over the test defaults, e.g.
 *   `{ guard: { enabled: true, ratelimit: 2 } }` (then a third post within a minute is 403).
 * - `log`: copy Isso's output to stderr (also with ISSO_LOG=1).
 *
 * Resolves with `{ url, port, origins, dbPath, configPath, output(), stop() }`; `url` has no
 * trailing slash, `output()` is the tail of Isso's stdout+stderr, `stop()` ends the process
 * and deletes the directory.
 */
export async function startIsso({ pageOrigin, config = {}, log = process.env.ISSO_LOG === '1' } = {}) {
  if (!pageOrigin || (Array.isArray(pageOrigin) && pageOrigin.length === 0)) {
    throw new Error('startIsso: pageOrigin is required (the origin of the page that embeds the widget)');
  }
  if (!existsSync(ISSO_BIN)) {
    throw new Error(`startIsso: ${ISSO_BIN} is missing; run \`bash scripts/isso.sh\` (or scripts/setup.sh)`);
  }
  const origins = (Array.isArray(pageOrigin) ? pageOrigin : [pageOrigin]).map(stripSlash);
  const dir = mkdtempSync(join(tmpdir(), 'aw-isso-'));
  const dbPath = join(dir, 'comments.db');
  const configPath = join(dir, 'isso.cfg');
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const defaults = {
      general: {
        dbpath: dbPath,
        host: origins.length === 1 ? origins[0] : origins,
        'max-age': '15m',
        notify: 'stdout',
        'reply-notifications': false,
        gravatar: false,
        'latest-enabled': false,
      },
      admin: { enabled: false },
      moderation: { enabled: false },
      server: {
        listen: `${url}/`,
        reload: false,
        profile: false,
        // Lets seedComments() and vote() act "from" other addresses via X-Forwarded-For.
        'trusted-proxies': '127.0.0.1',
      },
      guard: { enabled: false, 'require-author': false, 'require-email': false },
    };
    const sections = { ...defaults };
    for (const [name, entries] of Object.entries(config)) {
      sections[name] = { ...(sections[name] ?? {}), ...entries };
    }
    writeFileSync(configPath, configText(sections));

    const env = { ...process.env, PYTHONUNBUFFERED: '1' };
    delete env.ISSO_SETTINGS; // would take precedence over -c
    const child = spawn(ISSO_BIN, ['-c', configPath, 'run'], {
      cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-20_000); // always drained: a full pipe would block Isso
      if (log) process.stderr.write(`[isso ${port}] ${chunk}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let exited = false;
    const exit = once(child, 'exit').then(
      () => { exited = true; children.delete(child); },
      (error) => { exited = true; children.delete(child); output += `\n${error.message}`; },
    );

    const deadline = Date.now() + 15_000;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      try {
        const { status } = await request('GET', `${url}/?uri=/x`, { timeout: 1000 });
        if (status === 200 || status === 404) { ready = true; break; }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    if (ready) {
      const instance = {
        url, port, origins, dbPath, configPath,
        output: () => output,
        async stop() {
          instances.delete(url);
          if (!exited) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
            await exit;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
      instances.set(url, instance);
      return instance;
    }
    if (!exited) child.kill('SIGKILL');
    await exit;
    lastError = new Error(`Isso on port ${port} did not answer:\n${output.trim() || 'no output'}`);
    if (!/address already in use/i.test(output)) break;
    rmSync(dbPath, { force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

let addressCounter = 0;
/** A fresh loopback address in its own /24 (Isso anonymises to /24), never 127.0.0.x. */
function nextRemoteAddr() {
  const n = addressCounter++;
  return `127.${1 + (Math.floor(n / 256) % 254)}.${n % 256}.1`;
}

function originFor(url, origin) {
  return origin ?? instances.get(url)?.origins[0];
}

/**
 * Likes (or with `up: false` dislikes) comment `id`. `remoteAddr` is the voter (default: the
 * request's own address, 127.0.0.1 like a browser's). Resolves with Isso's answer
 * `{ likes, dislikes }`, plus `message` when the vote was ignored; null for an unknown id.
 */
export async function vote(url, id, { origin, up = true, remoteAddr } = {}) {
  const headers = {};
  const from = originFor(url, origin);
  if (from) headers.Origin = from;
  if (remoteAddr) headers['X-Forwarded-For'] = remoteAddr;
  const response = await request('POST', `${url}/id/${id}/${up ? 'like' : 'dislike'}`, {
    headers: { ...headers, 'Content-Type': 'application/json' },
  });
  if (response.status !== 200) {
    throw new Error(`vote ${id}: ${response.status} ${response.text}`);
  }
  return response.json();
}

/**
 * POSTs `comments` in order to `/new?uri=` and resolves with their ids. Each comment:
 *   { text, author?, email?, website?,
 *     parent?   : an id, or
 *     replyTo?  : the index of an earlier comment of this list,
 *     likes?, dislikes? : votes to add, each from another address,
 *     created?  : unix seconds (written into the database afterwards; for a stable order and
 *                 stable "n hours ago"; only for an Isso started by this process),
 *     remoteAddr? : the author's address (default: a fresh one per comment) }
 * `origin` defaults to the instance's first page origin; `title` (needed by the first comment
 * of a thread) defaults to 'Test article'.
 */
export async function seedComments(url, uri, comments, { origin, title = 'Test article' } = {}) {
  const ids = [];
  const from = originFor(url, origin);
  const created = [];
  for (const [index, comment] of comments.entries()) {
    const {
      replyTo, likes = 0, dislikes = 0, created: when, remoteAddr, ...fields
    } = comment;
    const body = { title, ...fields };
    if (replyTo !== undefined) {
      if (!(replyTo >= 0 && replyTo < index)) throw new Error(`comment ${index}: replyTo ${replyTo} is not an earlier index`);
      body.parent = ids[replyTo];
    }
    const headers = { 'X-Forwarded-For': remoteAddr ?? nextRemoteAddr() };
    if (from) headers.Origin = from;
    const response = await request('POST', `${url}/new?uri=${encodeURIComponent(uri)}`, { headers, body });
    if (response.status !== 201) {
      throw new Error(`seeding comment ${index} on ${uri}: ${response.status} ${response.text}`);
    }
    const { id } = response.json();
    ids.push(id);
    for (let i = 0; i < likes; i++) await vote(url, id, { origin: from, remoteAddr: nextRemoteAddr() });
    for (let i = 0; i < dislikes; i++) await vote(url, id, { origin: from, up: false, remoteAddr: nextRemoteAddr() });
    if (when !== undefined) created.push([Number(when), id]);
  }
  if (created.length) setCreated(url, created);
  return ids;
}

/** Sets `created` (unix seconds) of comments: pairs of [seconds, id]. */
export function setCreated(url, pairs) {
  const instance = instances.get(url);
  if (!instance) throw new Error(`setCreated: ${url} is not an Isso started by this process`);
  const script = [
    'import json, sqlite3, sys',
    'db = sqlite3.connect(sys.argv[1])',
    'db.executemany("UPDATE comments SET created = ? WHERE id = ?", json.loads(sys.argv[2]))',
    'db.commit()',
  ].join('\n');
  const result = spawnSync(join(ISSO_VENV, 'bin', 'python'), ['-c', script, instance.dbPath, JSON.stringify(pairs)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`setCreated: ${result.stderr || result.error}`);
}

/**
 * GET /?uri=`uri` (plus `query`, e.g. `{ sort: 'newest', limit: 10 }`), parsed:
 * `{ id: null, total_replies, hidden_replies, replies: [...], config }`. Rejects unless 200.
 */
export async function listComments(url, uri, { origin, query = {} } = {}) {
  const params = new URLSearchParams({ uri, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  const headers = {};
  const from = originFor(url, origin);
  if (from) headers.Origin = from;
  const response = await request('GET', `${url}/?${params}`, { headers });
  if (response.status !== 200) throw new Error(`listComments ${uri}: ${response.status} ${response.text}`);
  return response.json();
}

/** The comments of a listComments() answer, depth first (each top-level one, then its replies). */
export function flattenComments(thread) {
  return (thread.replies ?? []).flatMap((comment) => [comment, ...flattenComments(comment)]);
}

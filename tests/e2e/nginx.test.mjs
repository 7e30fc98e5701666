// docs/deploy/nginx.conf, as documented, run by Debian's nginx (scripts/setup.sh installs it)
// on two loopback ports (two origins) with www/ as its root: the headers it promises
// (application/wasm, caching, CORS, gzip) and the demo rendering through it in Chromium,
// with its article JSON also read from the other origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addWidgets, errorsOf, launchBrowser, ROOT, settled, syncWidget, track, WWW } from './harness.mjs';
import { freePort } from './ports.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? 'nginx';
const CONFIG = join(ROOT, 'docs', 'deploy', 'nginx.conf');
const SEED = '/data/articles/jijiehao.json';

/**
 * docs/deploy/nginx.conf with its `listen` lines replaced by the given loopback ports and its
 * `root` by `root`; fails when the file no longer has the lines it replaces.
 */
export function siteConfig(ports, root) {
  const text = readFileSync(CONFIG, 'utf8');
  const listens = text.match(/^ {4}listen [^;]+;$/gm) ?? [];
  assert.equal(listens.length, 2, 'the config listens on IPv4 and IPv6 port 80');
  const roots = text.match(/^ {4}root [^;]+;$/gm) ?? [];
  assert.equal(roots.length, 1, 'the config has one root');
  let first = true;
  return text
    .replace(/^ {4}listen [^;]+;$/gm, () => {
      if (!first) return '';
      first = false;
      return ports.map((port) => `    listen 127.0.0.1:${port};`).join('\n');
    })
    .replace(/^ {4}root [^;]+;$/m, `    root ${root};`);
}

/** A main nginx.conf like Debian's (mime.types, default type) around the site, in `dir`. */
function mainConfig(dir) {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/site.conf;
}
`;
}

/** GET `url` with `headers`: `{ status, headers, body }` (body not decoded). */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end();
  });
}

let nginx;
let dir;
let origin;
let other;
let browser;

before(async () => {
  await syncWidget();
  dir = mkdtempSync(join(tmpdir(), 'aw-nginx-'));
  const ports = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'site.conf'), siteConfig(ports, WWW));
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
  [origin, other] = ports.map((port) => `http://127.0.0.1:${port}`);
  nginx = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  nginx.stderr.on('data', (chunk) => { stderr += chunk; });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await get(`${origin}/index.html`)).status === 200 && (await get(`${other}/index.html`)).status === 200) break;
    } catch {
      // not listening yet
    }
    const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
    if (nginx.exitCode !== null || Date.now() > deadline) {
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = once(nginx, 'exit');
    nginx.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const manifest = () => JSON.parse(readFileSync(join(WWW, 'widget', 'integrity.json'), 'utf8'));

test('nginx: the hashed wasm is application/wasm, immutable for a year, gzipped, CORS', async () => {
  const { wasm } = manifest();
  const response = await get(`${origin}/widget/${wasm.file}`, { 'Accept-Encoding': 'gzip', Origin: other });
  assert.equal(response.status, 200);
  assert.equal(response.headers['content-type'], 'application/wasm');
  assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(response.headers['content-encoding'], 'gzip');
  assert.equal(response.headers.vary, 'Accept-Encoding');
  assert.equal(response.headers['access-control-allow-origin'], '*');
  const raw = readFileSync(join(WWW, 'widget', wasm.file));
  assert.ok(response.body.length < raw.length / 2, `gzip: ${response.body.length} of ${raw.length} bytes`);
});

test('nginx: the entry module is JavaScript with a short max-age; pages revalidate; 404s of JSON carry CORS', async () => {
  const entry = await get(`${origin}/widget/article-widget.js`);
  assert.equal(entry.status, 200);
  assert.match(entry.headers['content-type'], /^application\/javascript\b/);
  assert.equal(entry.headers['cache-control'], 'public, max-age=300');
  assert.ok(entry.headers.etag, 'an ETag, for cheap revalidation');
  const page = await get(`${origin}/index.html`);
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.match(page.headers['content-type'], /^text\/html/);
  const missing = await get(`${origin}/data/articles/no-such-article.json`, { Origin: other });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['access-control-allow-origin'], '*');
});

test('nginx: the article JSON is application/json with CORS, readable from a page on another origin', async () => {
  const direct = await get(`${origin}${SEED}`, { Origin: other });
  assert.match(direct.headers['content-type'], /^application\/json/);
  assert.equal(direct.headers['access-control-allow-origin'], '*');
  assert.equal(direct.headers['cache-control'], 'public, max-age=60');

  const page = track(await browser.context.newPage());
  await page.goto(`${other}/e2e-blank.html`);
  const read = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { ok: response.ok, id: (await response.json()).id };
  }, `${origin}${SEED}`);
  assert.deepEqual(read, { ok: true, id: JSON.parse(readFileSync(join(WWW, SEED), 'utf8')).id });
  // And the widget on that page renders the article from the other origin.
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  await addWidgets(page, [{ id: 'remote', src: `${origin}${SEED}` }]);
  assert.equal(await settled(page.locator('#remote')), 'article');
  assert.deepEqual(errorsOf(page).pageErrors, []);
  await page.close();
});

test('nginx: the demo page renders through it in Chromium, the wasm compiled from application/wasm', async () => {
  const page = track(await browser.context.newPage());
  const types = new Map();
  page.on('response', (response) => types.set(new URL(response.url()).pathname, response.headers()['content-type']));
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await page.goto(`${origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  assert.equal(await widget.locator('h1').textContent(), JSON.parse(readFileSync(join(WWW, SEED), 'utf8')).title);
  assert.equal(types.get(`/widget/${manifest().wasm.file}`), 'application/wasm');
  assert.ok(!warnings.some((text) => text.includes('instantiateStreaming')), warnings.join('\n'));
  assert.deepEqual(errorsOf(page).pageErrors, []);
  assert.deepEqual(errorsOf(page).consoleErrors.filter((text) => !text.includes('/favicon.ico')), []);
  await page.close();
});

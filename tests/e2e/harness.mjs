// Shared helpers of the end-to-end suite.
//
// Run (after a build, `PATH=$HOME/.cargo/bin:$PATH node scripts/build.mjs`):
//   node --test tests/e2e/                 (files in parallel when the machine has >2 cores)
//   node --test --test-concurrency=1 tests/e2e/   (serial, as scripts/test.sh does)
// A full-page screenshot of the seed page is left in test-results/seed.png.
//
// - syncWidget(): copies dist/ to www/widget/ and writes the generated pages (what
//   scripts/serve.mjs does) when they differ; waits while a build is under way.
// - startServers(): three real http-server processes on www/, each on a free port:
//     main   : --cors  (the page's own origin)
//     noCors : no --cors (a cross-origin host that does NOT allow other origins)
//     cors   : --cors  (a cross-origin host that allows every origin)
// - launchBrowser(): Debian chromium through playwright-core, fresh profile directory.
// - useEnv(): registers before/after/afterEach hooks in a test file: servers and a browser
//   context for the whole file, and a check after every test that no page opened by it had an
//   uncaught exception ('pageerror').
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { writeDemoPages } from '../../scripts/demo.mjs';
import { chromium } from 'playwright-core';
import { freePort } from './ports.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
export const DIST = join(ROOT, 'dist');
export const RESULTS = join(ROOT, 'test-results');

/** Reads a JSON file under www/, e.g. `readData('data/articles/showcase.json')`. */
export function readData(path) {
  return JSON.parse(readFileSync(join(WWW, path), 'utf8'));
}

/**
 * The files of the build in dist/: the entry module and the content-hashed wasm named by
 * dist/integrity.json (written last by scripts/build.mjs), and that manifest itself.
 * Throws ENOENT while a build is under way.
 */
function distFiles() {
  const manifest = JSON.parse(readFileSync(join(DIST, 'integrity.json'), 'utf8'));
  return [manifest.entry.file, manifest.wasm.file, 'integrity.json'];
}

/**
 * Copies dist/ to www/widget/ when a file is missing or differs, removes wasm files of older
 * builds there, and writes the generated demo pages (www/index.html, www/articles/). Each file
 * is written to a temporary name and renamed, so a server of another test file never serves
 * half a file. scripts/build.mjs empties dist/ first and writes dist/integrity.json last, so
 * while a build runs dist/ is incomplete: wait for it (up to `waitMs`) rather than fail or copy
 * half a build.
 */
export async function syncWidget({ waitMs = 120_000 } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const names = distFiles();
      const files = names.map((name) => [name, readFileSync(join(DIST, name))]);
      const target = join(WWW, 'widget');
      mkdirSync(target, { recursive: true });
      for (const [name, content] of files) {
        const to = join(target, name);
        if (existsSync(to) && readFileSync(to).equals(content)) continue;
        const temporary = `${to}.${process.pid}.tmp`;
        writeFileSync(temporary, content);
        renameSync(temporary, to);
      }
      for (const name of readdirSync(target)) {
        if (name.endsWith('.wasm') && !names.includes(name)) rmSync(join(target, name), { force: true });
      }
      writeDemoPages();
      return;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      if (Date.now() > deadline) {
        throw new Error('dist/ has no complete build: run `PATH=$HOME/.cargo/bin:$PATH node scripts/build.mjs`');
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Resolves with the HTTP status of GET `url`, rejects on a connection error. */
function status(url) {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
    request.setTimeout(2000, () => request.destroy(new Error('timeout')));
  });
}

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const HTTP_SERVER = realpathSync(join(ROOT, 'node_modules', '.bin', 'http-server'));

/** One http-server on www/; retried on another port if the chosen one was taken meanwhile. */
async function startServer({ cors }) {
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const args = [HTTP_SERVER, WWW, '-a', '127.0.0.1', '-p', String(port), '-c-1', '-s'];
    if (cors) args.push('--cors');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    let exited = false;
    child.once('exit', () => { exited = true; children.delete(child); });
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) {
      try {
        if ((await status(`${origin}/e2e-blank.html`)) === 200) return { origin, port, cors, child };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lastError = new Error(`http-server on port ${port} did not answer: ${stderr.trim() || 'no output'}`);
    await stopServer({ child });
  }
  throw lastError;
}

async function stopServer({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Starts the three servers; `stop()` ends them. */
export async function startServers() {
  await syncWidget();
  const [main, noCors, cors] = await Promise.all([
    startServer({ cors: true }),
    startServer({ cors: false }),
    startServer({ cors: true }),
  ]);
  return { main, noCors, cors, stop: () => Promise.all([main, noCors, cors].map(stopServer)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A browser context on a fresh profile; `close()` also deletes the profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'aw-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 800 },
    colorScheme: 'light',
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const pageErrors = new WeakMap();

/**
 * Starts recording a page's uncaught exceptions and console errors; read them with
 * `errorsOf(page)`.
 */
export function track(page) {
  const record = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (error) => record.pageErrors.push(String(error && error.stack || error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    record.consoleErrors.push(url ? `${message.text()} (${url})` : message.text());
  });
  pageErrors.set(page, record);
  return page;
}

/**
 * `{ pageErrors, consoleErrors }` recorded for `page`; each console error ends with the URL
 * it is about in parentheses when Chromium gives one.
 */
export function errorsOf(page) {
  return pageErrors.get(page) ?? { pageErrors: [], consoleErrors: [] };
}

/**
 * Registers the hooks of one test file and returns its environment: `env.main`,
 * `env.noCors`, `env.cors` (servers: `origin`, `port`), `env.context`, and `env.newPage()`,
 * a tracked page whose uncaught exceptions fail the test that opened it.
 */
export function useEnv() {
  const env = { servers: null, browser: null };
  before(async () => {
    env.servers = await startServers();
    env.main = env.servers.main;
    env.noCors = env.servers.noCors;
    env.cors = env.servers.cors;
    env.browser = await launchBrowser();
    env.context = env.browser.context;
  });
  after(async () => {
    await env.browser?.close();
    await env.servers?.stop();
  });
  trackPages(env);
  return env;
}

/**
 * Gives `env` (with `env.context` once its `before` hook ran) `env.newPage()`, a tracked
 * page, and an `afterEach` hook that closes the test's pages and fails the test if one of
 * them had an uncaught exception. `env.ready`, if set, is awaited before a page opens.
 */
export function trackPages(env) {
  env.pages = [];
  afterEach(async () => {
    const pages = env.pages.splice(0);
    const errors = pages.flatMap((page) => errorsOf(page).pageErrors);
    await Promise.all(pages.map((page) => page.close().catch(() => {})));
    assert.deepEqual(errors, [], 'uncaught exceptions in the page');
  });
  env.newPage = async () => {
    await env.ready;
    const page = track(await env.context.newPage());
    env.pages.push(page);
    return page;
  };
}

/**
 * Opens www/e2e-blank.html (the widget script and an empty `<main id="stage">`) on the main
 * server and waits until the custom element is defined.
 */
export async function blankPage(env) {
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.waitForFunction(() => customElements.get('article-widget') !== undefined);
  return page;
}

/**
 * Appends `<article-widget>` elements with the given attributes to `#stage`; each gets
 * `id` if given. Returns nothing; wait on locators for the result.
 */
export async function addWidgets(page, widgets) {
  await page.evaluate((list) => {
    const stage = document.getElementById('stage');
    for (const attributes of list) {
      const element = document.createElement('article-widget');
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      stage.append(element);
    }
  }, widgets);
}

/**
 * Waits until the widget `host` (a locator of the host element) has left the loading state:
 * it shows either an article title or an error panel. Returns 'article' or 'error'.
 */
export async function settled(host, timeout = 10_000) {
  const done = host.locator('.aw-title, .aw-error').first();
  await done.waitFor({ state: 'attached', timeout });
  return (await done.getAttribute('class')).includes('aw-error') ? 'error' : 'article';
}

/** The seed article's title (www/data/articles/jijiehao.json). */
export const SEED_TITLE = '天天可闻“集结号”处处都见先锋队';

/**
 * The healthy widgets `healthy-before` and `healthy-after` (the seed article) beside broken
 * ones on `page`: their article, feed, thread and form work, a widget added now still renders
 * with its feed, nothing was thrown and the wasm did not panic.
 */
export async function assertHealthy(page) {
  for (const id of ['healthy-before', 'healthy-after']) {
    const widget = page.locator(`#${id}`);
    assert.equal(await settled(widget), 'article', `${id} renders beside the broken ones`);
    assert.equal(await widget.locator('h1').textContent(), SEED_TITLE);
    await widget.locator('.aw-section').first().waitFor();
    await widget.locator('li.aw-comment').first().waitFor();
  }
  await page.locator('#healthy-before #aw-text').fill('still working');
  assert.match(await page.locator('#healthy-before .aw-char-count').textContent(), /13/);
  await addWidgets(page, [{ id: 'later', src: '/data/articles/jijiehao.json' }]);
  assert.equal(await settled(page.locator('#later')), 'article', 'a widget added afterwards renders');
  await page.locator('#later .aw-section').first().waitFor();
  assert.deepEqual(errorsOf(page).pageErrors, []);
  const panics = errorsOf(page).consoleErrors.filter((e) => /panic|unreachable|RuntimeError/i.test(e));
  assert.deepEqual(panics, [], 'the wasm panicked');
}

/** Ensures test-results/ exists and returns the path of `name` in it. */
export function resultPath(name) {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, name);
}

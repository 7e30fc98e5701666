// Loading one page in a fresh browser context and reading what happened, for `npm run bench`.
//
// Every load gets its own context (cold HTTP cache, no cookies or storage, its own
// connections). An init script, installed before any page script runs, records the page's
// largest-contentful-paint, longtask and layout-shift entries, and `__bench.until(name, f)`
// records performance.now() in the first animation frame in which `f()` holds.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/harness.mjs';

export const VIEWPORT = { width: 1000, height: 800 };

/** The slow profile of issue #5: 150 ms round trip, 1.6 Mbps both ways, 4x CPU slowdown. */
export const SLOW = {
  name: 'slow',
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 1.6e6 / 8 },
  cpu: 4,
};
/** Loopback as it is: no throttling. */
export const FAST = { name: 'loopback', network: null, cpu: 1 };

/** Launches Debian's Chromium headless with the flags of the e2e harness. */
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

const INSTRUMENT = `(() => {
  const b = window.__bench = { lcp: [], longtasks: [], shifts: [], at: {}, frames: null };
  const observe = (type, f) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(f)).observe({ type, buffered: true }); } catch {}
  };
  observe('largest-contentful-paint', (e) => b.lcp.push({
    t: e.startTime, size: e.size, url: e.url,
    inArticle: e.element ? !!e.element.closest('article') : null,
    tag: e.element ? e.element.tagName : null,
  }));
  observe('longtask', (e) => b.longtasks.push({ t: e.startTime, d: e.duration }));
  observe('layout-shift', (e) => b.shifts.push({ t: e.startTime, v: e.value, input: e.hadRecentInput }));
  b.until = (name, f) => {
    const tick = () => {
      let ok = false;
      try { ok = !!f(); } catch {}
      if (ok) b.at[name] = performance.now(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  b.widget = () => document.querySelector('article-widget')?.shadowRoot ?? null;
  /** Starts recording requestAnimationFrame deltas; stopFrames() returns them. */
  b.startFrames = () => {
    const frames = b.frames = [];
    let last = null;
    const tick = (t) => {
      if (b.frames !== frames) return;
      if (last !== null) frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  b.stopFrames = () => { const f = b.frames; b.frames = null; return f; };
})();`;

/**
 * Loads `url` in a fresh context of `browser` under `profile` (FAST or SLOW) and resolves
 * with what `collect(page, cdp, bytes)` returns, after `watch` (an object of name -> predicate
 * source, e.g. `{ article: "__bench.widget()?.querySelector('.aw-body p')" }`) is installed
 * and `waitFor` (a watch name) has fired. Throws on an uncaught exception in the page.
 * `bytes()` is the number of bytes received over the network so far (encoded, with headers).
 */
export async function load(browser, { url, profile, watch, waitFor, timeout = 60_000 }, collect) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let received = 0;
    cdp.on('Network.loadingFinished', (e) => { received += e.encodedDataLength; });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    const watches = Object.entries(watch)
      .map(([name, predicate]) => `__bench.until(${JSON.stringify(name)}, () => (${predicate}));`)
      .join('\n');
    await page.addInitScript({ content: `${INSTRUMENT}\n${watches}` });
    await page.goto(url, { waitUntil: 'commit', timeout });
    await waitInPage(page, (name) => window.__bench?.at[name] !== undefined, waitFor, { timeout, polling: 100 });
    const result = await collect(page, cdp, () => received);
    if (errors.length) throw new Error(`${url}: uncaught exception in the page: ${errors.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}

/** The page's recorded entries, marks and resource timings. */
export function snapshot(page) {
  return page.evaluate(() => {
    const b = window.__bench;
    const marks = {};
    for (const m of performance.getEntriesByType('mark')) marks[m.name] = m.startTime;
    const resources = performance.getEntriesByType('resource').map((r) => ({
      name: r.name, start: r.startTime, end: r.responseEnd, initiator: r.initiatorType, size: r.transferSize,
    }));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      lcp: b.lcp, longtasks: b.longtasks, shifts: b.shifts, at: b.at, marks, resources,
      document: nav ? {
        start: nav.startTime, end: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, size: nav.transferSize,
      } : null,
    };
  });
}

/**
 * Waits until `predicate(arg)` (a self-contained function) holds in the page, polling from
 * inside the page every `polling` ms. Not page.waitForFunction: that first evaluates
 * Playwright's injected script in the page, 25-40 ms of main-thread work on loopback (about
 * 100 ms under the slow profile's 4x CPU slowdown) which then lands among the measured tasks
 * (between the widget's mount and its parsed article, or as a long task of its own).
 */
export function waitInPage(page, predicate, arg, { polling = 100, timeout = 30_000 } = {}) {
  const source = predicate.toString();
  return page.evaluate(`new Promise((resolve, reject) => {
    const holds = ${source};
    const arg = ${JSON.stringify(arg ?? null)};
    const start = performance.now();
    const check = () => {
      let ok = false;
      try { ok = !!holds(arg); } catch {}
      if (ok) resolve(true);
      else if (performance.now() - start > ${Number(timeout)}) reject(new Error(${JSON.stringify(`timed out after ${timeout} ms waiting for ${source.slice(0, 120)}`)}));
      else setTimeout(check, ${Number(polling)});
    };
    check();
  })`);
}

/** Waits until the page's clock has passed `ms` (performance.now()). */
export function waitUntilPageTime(page, ms) {
  return waitInPage(page, (t) => performance.now() >= t, ms, { polling: 50 });
}

/** JS heap in use after a full garbage collection, from the DevTools protocol. */
export async function jsHeap(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Size of the widget's WebAssembly memory: the memory among the exports `ready` resolves to
 * (its export name is minified by the build).
 */
export function wasmMemory(page) {
  return page.evaluate(async () => {
    const module = await import(new URL('/widget/article-widget.js', location.href).href);
    const exports = await module.ready;
    return Object.values(exports).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength;
  });
}

/**
 * CLS as Chromium reports it: the largest session window (gaps < 1 s, windows < 5 s) of
 * layout shifts without recent input.
 */
export function cls(shifts) {
  let best = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts.filter((x) => !x.input).sort((a, b) => a.t - b.t)) {
    if (s.t - last < 1000 && s.t - first < 5000) {
      current += s.v;
    } else {
      current = s.v;
      first = s.t;
    }
    last = s.t;
    best = Math.max(best, current);
  }
  return best;
}

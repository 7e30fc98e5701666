import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const urls = { old: process.env.OLD || 'http://127.0.0.1:8095/index.html', new: process.env.NEW || 'http://127.0.0.1:8093/index.html' };
const N = Number(process.argv[2] || 10);
const trace = !!process.env.TRACE;
const out = { old: [], new: [] };
const shared = process.env.SHARED ? await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }) : null;
const VW = Number(process.env.VW || 1280);
for (let i = 0; i < N; i++) {
  for (const k of (i % 2 ? ['old', 'new'] : ['new', 'old'])) {
    const ctx = shared ? await shared.newContext({ viewport: { width: VW, height: 800 } }) : await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ab-')), {
      executablePath: '/usr/bin/chromium', headless: true, viewport: { width: VW, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = shared ? await ctx.newPage() : ctx.pages()[0];
    await page.addInitScript(() => {
      window.__lt = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    });
    let cdp, events = [], done;
    if (trace) {
      cdp = await ctx.newCDPSession(page);
      cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
      done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'fonts', 'blink'] }, transferMode: 'ReportEvents' });
    }
    await page.goto(urls[k]);
    await page.waitForTimeout(2500);
    const lt = await page.evaluate(() => window.__lt);
    const mount = await page.evaluate(() => performance.getEntriesByName('aw:mount')[0]?.startTime ?? 0);
    const r = { longest: Math.max(0, ...lt.map((t) => t[1])), afterMount: Math.max(0, ...lt.filter((t) => t[0] + t[1] > mount).map((t) => t[1])), n: lt.length, at: lt.map((t) => `${t[0]}+${t[1]}`).join('/') || '-', mount: Math.round(mount) };
    if (trace) {
      await cdp.send('Tracing.end'); await done;
      const sum = (n) => Math.round(events.filter((e) => e.name === n && e.ph === 'X').reduce((a, e) => a + e.dur, 0) / 1000);
      r.fonts = sum('FontCache::GetFontPlatformData'); r.strikes = events.filter((e) => e.name === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike').length;
      r.layout = sum('Layout'); r.shape = sum('InlineNode::ShapeTextIncludingFirstLine');
    }
    out[k].push(r);
    await ctx.close();
  }
  if (shared && i === N - 1) await shared.close();
  {
  }
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const k of ['old', 'new']) {
  const keys = Object.keys(out[k][0]);
  console.log(k, keys.map((f) => `${f} med ${med(out[k].map((r) => r[f]))} [${out[k].map((r) => r[f]).join(',')}]`).join(' | '));
}

import { chromium } from 'playwright-core';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (let i = 0; i < Number(process.argv[3] || 2); i++) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  if (process.env.CPU) await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU) });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-v8.compile', 'toplevel', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] }, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForTimeout(3000);
  await cdp.send('Tracing.end'); await done;
  const marks = Object.fromEntries(events.filter((e) => /^aw:/.test(e.name) && e.cat.includes('user_timing')).map((e) => [e.name, e.ts]));
  const mainKeys = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const m = events.filter((e) => e.ph === 'X' && mainKeys.has(`${e.pid}:${e.tid}`));
  const nav = events.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...m.map((e) => e.ts));
  console.log('marks', Object.entries(marks).map(([k, v]) => `${k}@${Math.round((v - nav) / 1000)}`).join(' '));
  const lazy = m.filter((e) => e.name === 'wasm.CompileLazy'); console.log('  CompileLazy events', lazy.length, 'total ms', (lazy.reduce((a, e) => a + e.dur, 0) / 1000).toFixed(1), 'small(<100us)', lazy.filter((e) => e.dur < 100).length);
  const pairs = [['aw:mount', 'aw:parsed'], ['aw:parsed', 'aw:rendered']];
  for (const [a, b] of pairs) {
    const A = marks[a], B = marks[b];
    const tops = m.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts + e.dur > A && e.ts < B);
    const busy = tops.reduce((s, e) => s + Math.min(e.ts + e.dur, B) - Math.max(e.ts, A), 0);
    const agg = {};
    for (const e of m) if (e.ts >= A && e.ts + e.dur <= B && e.name !== 'ThreadControllerImpl::RunTask') agg[e.name] = (agg[e.name] || 0) + e.dur;
    console.log(`  ${a} -> ${b}: ${((B - A) / 1000).toFixed(1)} ms, main busy ${(busy / 1000).toFixed(1)} ms in ${tops.length} tasks:`, Object.entries(agg).sort((x, y) => y[1] - x[1]).slice(0, 12).map(([k, v]) => `${k}=${(v / 1000).toFixed(1)}`).join(' '));
  }
  await ctx.close();
}
await browser.close();

import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.argv[2] || 'http://127.0.0.1:8093/index.html';
const loads = Number(process.argv[3] || 4);
for (let i = 0; i < loads; i++) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tr-')), {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'toplevel', 'loading', 'fonts', 'blink', 'disabled-by-default-blink.debug.layout', 'disabled-by-default-fonts'] }, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForTimeout(2500);
  await cdp.send('Tracing.end');
  await done;
  // renderer main thread: the thread with CrRendererMain name
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mains = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && /^aw:|^aw-/.test(e.name));
  const t0 = Math.min(...events.filter((e) => e.name === 'navigationStart' || e.name === 'TracingStartedInBrowser').map((e) => e.ts));
  const tasks = onMain.filter((e) => (e.name === 'ThreadControllerImpl::RunTask') && e.dur > Number(process.env.MIN||30) * 1000);
  console.log(`load ${i}: marks`, [...new Map(marks.map((m) => [m.name, Math.round((m.ts - t0) / 1000)])).entries()].map(([n, t]) => `${n}@${t}`).join(' '));
  for (const t of tasks) {
    const kids = onMain.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e !== t);
    const agg = {};
    for (const k of kids) {
      if (process.env.ALL ? /^(Layout|UpdateLayoutTree|FunctionCall|FontCache::GetFontPlatformData|InlineNode::ShapeTextIncludingFirstLine|Paint|TimerFire|FireAnimationFrame|v8.wasm.compileLazy|MinorGC|ParseHTML|EvaluateScript|BlinkScheduler_PerformMicrotaskCheckpoint)$/.test(k.name) : ['FunctionCall', 'Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.wasm.compileLazy', 'V8.GCScavenger', 'MinorGC', 'MajorGC', 'PrePaint', 'Layerize', 'HitTest', 'IntersectionObserverController::computeIntersections', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'ResourceReceivedData', 'ParseAuthorStyleSheet', 'ScheduleStyleRecalculation', 'wasm.CompileLazy', 'v8.wasm.compiledModule', 'v8.wasm.lazyCompile', 'UpdateLayer', 'PaintImage', 'Decode Image', 'ImageDecodeTask'].includes(k.name) || /wasm|Lazy|Font|Shap/i.test(k.name)) {
        agg[k.name] = (agg[k.name] || 0) + k.dur;
      }
    }
    const top = Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP||7)).map(([n, d]) => `${n}=${(d / 1000).toFixed(1)}`).join(' ');
    console.log(`  task @${Math.round((t.ts - t0) / 1000)} ${(t.dur / 1000).toFixed(1)}ms: ${top}`);
  }
  if (process.env.FONTS) {
    const f = onMain.filter((e) => /GetFontPlatformData|GetWebFontRenderStyleForStrike|onMatchFamilyStyle|FallbackFont|Fallback/.test(e.name));
    const by = {};
    for (const e of f) { const k = e.name; by[k] = by[k] || [0, 0]; by[k][0]++; by[k][1] += e.dur; }
    console.log('  fonts', JSON.stringify(Object.fromEntries(Object.entries(by).map(([k, v]) => [k, [v[0], Math.round(v[1] / 1000)]]))));
    const all = events.filter((e) => /Font/.test(e.name)); const nm = {}; for (const e of all) nm[e.name] = (nm[e.name] || 0) + 1; console.log('  names', JSON.stringify(nm));
    if (process.env.ARGS) for (const e of f.slice(0, 80)) console.log('   ', e.name, Math.round((e.ts - t0) / 1000), (e.dur / 1000).toFixed(1), JSON.stringify(e.args));
  }
  await ctx.close();
}

import { chromium } from 'playwright-core';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const agg = {};
const N = Number(process.argv[3] || 3);
for (let i = 0; i < N; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU || 4) });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForTimeout(3000);
  const { profile } = await cdp.send('Profiler.stop');
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
  // self time by function within [mount, parsed] and [parsed, rendered] windows
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const nav = await page.evaluate(() => performance.timeOrigin);
  let t = profile.startTime;
  const t0 = nav * 1000; // us epoch? profile times are monotonic us; align by first sample is hard -> use relative windows via marks offset
  const samples = profile.samples.map((id, k) => { t += profile.timeDeltas[k]; return [t, id]; });
  console.log('marks', JSON.stringify(marks));
  // align: assume profile start ~ navigation start (started just before goto)
  const start = samples[0][0];
  const windows = { mount_parsed: [marks['aw:mount'], marks['aw:parsed']], parsed_rendered: [marks['aw:parsed'], marks['aw:rendered']] };
  for (const [w, [a, b]] of Object.entries(windows)) {
    for (const [ts, id] of samples) {
      const ms = (ts - start) / 1000;
      if (ms < a - 30 || ms > b + 30) continue;
      const n = byId.get(id); const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
      const key = `${w} ${name}`; agg[key] = (agg[key] || 0) + 0.1;
    }
  }
  await ctx.close();
}
console.log(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / N).toFixed(1)}ms ${k}`).join('\n'));
await browser.close();

// npm run lighthouse: builds the widget, serves www/ on loopback, runs Lighthouse (npm
// `lighthouse`, pinned in package.json) with Debian's Chromium on the demo page
// (www/index.html) for performance, accessibility, best practices and SEO, prints the four
// scores and writes the reports to test-results/lighthouse.report.{json,html}.
//
//   npm run lighthouse                 build, then measure (Lighthouse's default: mobile)
//   npm run lighthouse -- --no-build   measure the dist/ already built
//   npm run lighthouse -- --desktop    Lighthouse's desktop preset
//   npm run lighthouse -- --runs=5     five runs; the scores of the run with the median
//                                      performance score are printed and kept (Lighthouse's
//                                      advice against its run-to-run variance)
//
// Exits 1 when a score is under its target: performance 95, the other three 100.
// CHROME_PATH overrides the browser (default /usr/bin/chromium). The server sends the
// widget files precompressed (brotli, as `npm run build` sizes them and as any CDN serves
// them); the page itself is static HTML.
import { spawn, spawnSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoPages } from './demo.mjs';
import { freePort } from '../tests/e2e/ports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const runs = Math.max(1, Number([...args].find((a) => a.startsWith('--runs='))?.slice(7) ?? 1) || 1);
const results = join(root, 'test-results');
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';

if (!args.has('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The demo as scripts/serve.mjs lays it out, plus .br/.gz copies of the widget files
// (http-server sends them to clients that accept the encoding).
const widget = join(root, 'www', 'widget');
rmSync(widget, { recursive: true, force: true });
cpSync(join(root, 'dist'), widget, { recursive: true });
for (const name of readdirSync(widget)) {
  if (!/\.(js|wasm)$/.test(name)) continue;
  const content = readFileSync(join(widget, name));
  writeFileSync(join(widget, `${name}.br`), brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  }));
  writeFileSync(join(widget, `${name}.gz`), gzipSync(content, { level: 9 }));
}
writeDemoPages();

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  ['--no-deprecation', join(root, 'node_modules', '.bin', 'http-server'), join(root, 'www'), '-a', '127.0.0.1', '-p', String(port),
    '-c3600', '--cors', '-s', '--brotli', '--gzip'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
  // Leave www/widget/ as scripts/serve.mjs lays it out.
  for (const name of readdirSync(widget)) {
    if (/\.(br|gz)$/.test(name)) rmSync(join(widget, name), { force: true });
  }
};
process.on('exit', stop);

let code = 1;
try {
  await waitFor(`${origin}/index.html`);
  mkdirSync(results, { recursive: true });
  const outputPath = join(results, 'lighthouse');
  const measured = [];
  for (let i = 0; i < runs; i++) {
    const path = runs === 1 ? outputPath : `${outputPath}-${i + 1}`;
    const report = lighthouse(`${origin}/index.html`, path);
    const scores = Object.keys(TARGETS).map((id) => Math.round(report.categories[id].score * 100));
    if (runs > 1) console.log(`run ${i + 1}: ${scores.join(' / ')}`);
    measured.push({ path, report, performance: scores[0] });
  }
  measured.sort((a, b) => a.performance - b.performance);
  const median = measured[Math.floor((measured.length - 1) / 2)];
  if (median.path !== outputPath) {
    for (const ext of ['json', 'html']) cpSync(`${median.path}.report.${ext}`, `${outputPath}.report.${ext}`);
  }
  const { report } = median;
  console.log(`Lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor}, ${report.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? ''}, benchmarkIndex ${report.environment.benchmarkIndex}${runs > 1 ? `, median of ${runs} runs` : ''}: ${report.finalDisplayedUrl}`);
  code = 0;
  for (const [id, target] of Object.entries(TARGETS)) {
    const category = report.categories[id];
    const score = Math.round(category.score * 100);
    const ok = score >= target;
    if (!ok) code = 1;
    console.log(`  ${category.title.padEnd(16)} ${String(score).padStart(3)}  (target ${target})${ok ? '' : '  BELOW TARGET'}`);
    if (!ok || id === 'performance') {
      for (const ref of category.auditRefs) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`      ${audit.id}: ${audit.displayValue ?? ''} (score ${audit.score})`);
        }
      }
    }
  }
  console.log(`reports: ${outputPath}.report.json, ${outputPath}.report.html`);
} catch (error) {
  console.error(`lighthouse: ${error.message}`);
} finally {
  stop();
}
process.exit(code);

/** Runs the Lighthouse CLI on `url`; writes `<path>.report.json` and `.html`; returns the report. */
function lighthouse(url, path) {
  const lighthouseArgs = [
    join(root, 'node_modules', 'lighthouse', 'cli', 'index.js'),
    url,
    `--chrome-flags=${CHROME_FLAGS}`,
    '--only-categories=performance,accessibility,best-practices,seo',
    '--output=json', '--output=html', `--output-path=${path}`,
    '--quiet',
  ];
  if (args.has('--desktop')) lighthouseArgs.push('--preset=desktop');
  const run = spawnSync(process.execPath, lighthouseArgs, {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' },
  });
  if (run.status !== 0) throw new Error(`lighthouse exited with ${run.status}`);
  return JSON.parse(readFileSync(`${path}.report.json`, 'utf8'));
}

/** Resolves once `url` answers 200 (the server is up); rejects after 10 s. */
async function waitFor(url) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await new Promise((resolve) => {
      get(url, (response) => { response.resume(); resolve(response.statusCode); }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The figures of `npm run bench`: medians, ratios, budgets, printed as a table and written to
// BENCHMARKS.md with the machine they were measured on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  cpus, release, totalmem,
} from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ARTICLE_ONLY } from '../build.mjs';
import { loaded } from '../size.mjs';
import { ALTERNATIVES, ISSO_PAGES } from './scenarios.mjs';
import {
  FIRST_PAGE, LARGE_PARAGRAPHS, ROOT, SITE, THREAD_SIZES, issoFile,
} from './site.mjs';

/** The payload budget of issue #5: wasm + JS + CSS, gzip. */
export const PAYLOAD_BUDGET = 60 * 1024;
/** Time to article under the slow profile: at most this times the static page. */
export const STATIC_RATIO = 1.35;

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Figures of one scenario field: median, min, max and count. */
function stat(results, id, field) {
  const xs = (results[id] ?? []).map((r) => r[field]).filter((x) => Number.isFinite(x));
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Median over runs of the per-run ratio of two scenarios' `field` (paired by run). */
function ratio(results, idA, idB, field) {
  const byRun = new Map((results[idB] ?? []).map((r) => [r.run, r[field]]));
  const xs = (results[idA] ?? []).filter((r) => byRun.has(r.run)).map((r) => r[field] / byRun.get(r.run));
  return median(xs);
}

const ms = (s) => (Number.isFinite(s.median) ? `${Math.round(s.median)} ms` : 'n/a');
const msRange = (s) => (Number.isFinite(s.median)
  ? `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})` : 'n/a');
const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a');
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(1)} MiB` : 'n/a');
const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');
/** "median (worst run: …)" of a stat, each formatted by `f`. */
const medianWorst = (s, f) => (Number.isFinite(s.median) ? `${f(s.median)} (worst run ${f(s.max)})` : 'n/a');
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'PASS' : 'MISS');

function fileSizes(path) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Sizes of the widget and of what it is compared with, as built for this run. */
function payload() {
  const named = (name, path) => ({ name, ...fileSizes(path) });
  const fromIsso = (name, file) => {
    try {
      return named(name, issoFile(file));
    } catch {
      return null; // no .venv-isso (BENCH_NO_ISSO=1)
    }
  };
  const isso = fromIsso("Isso's client: isso/js/embed.min.js", 'js/embed.min.js');
  const issoCss = fromIsso("Isso's client: isso/css/isso.css (fetched from the Isso server)", 'css/isso.css');
  const vanilla = named('(b) scripts/bench/vanilla.js (the renderer)', join(SITE, 'bench', 'vanilla.js'));
  let articleOnly = null;
  try {
    articleOnly = loaded(ARTICLE_ONLY);
  } catch {
    // not built (BENCH_SKIP_BUILD=1 without it)
  }
  return {
    dist: loaded(join(ROOT, 'dist')),
    articleOnly,
    files: [
      named('(a) bench/a-static.html (article + inline CSS)', join(SITE, 'bench', 'a-static.html')),
      vanilla,
      named('article JSON data/articles/jijiehao.json', join(SITE, 'data', 'articles', 'jijiehao.json')),
      isso,
      issoCss,
    ].filter(Boolean),
    isso,
    issoCss,
    vanilla,
  };
}

/** The machine, browser, date, commit and payload of this run. */
export function environment({
  chromium, runs, isso, load,
}) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : '';
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores`,
    ram: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `Linux ${release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: `${git('rev-parse', '--short', 'HEAD')} on ${git('rev-parse', '--abbrev-ref', 'HEAD')}${dirty}`,
    runs,
    isso,
    load: load.map((l) => l.map((v) => v.toFixed(1)).join(' ')),
    payload: payload(),
  };
}

/**
 * The figures as sections of rows: `{ title, head: [...], rows: [[...]], note? }`, and the
 * budgets as `[name, measured, verdict]`.
 */
function figures(results, env) {
  const sections = [];
  const budgets = [];

  // Payload.
  const { dist, files, isso, issoCss } = env.payload;
  const payloadRows = dist.rows.map((r) => [`dist/${r.name}`, r.raw, r.gzip, r.brotli]);
  payloadRows.push(['widget total (wasm + JS; its CSS is inside the wasm)', dist.total.raw, dist.total.gzip, dist.total.brotli]);
  for (const f of files) payloadRows.push([f.name, f.raw, f.gzip, f.brotli]);
  if (env.payload.articleOnly) {
    const { total } = env.payload.articleOnly;
    payloadRows.push(['(d) the article-only build (wasm + JS; --without comments,recommendations)', total.raw, total.gzip, total.brotli]);
  }
  sections.push({
    title: 'Payload (bytes)',
    head: ['file', 'raw', 'gzip', 'brotli'],
    rows: payloadRows,
    note: `Budget: the widget at most ${PAYLOAD_BUDGET / 1024} KiB gzip; the aim is below Isso's client${isso ? ` (${kb(isso.gzip)} gzip)` : ''} + Splide (13 KB gzip) together.`,
  });
  budgets.push([`payload: widget ≤ ${PAYLOAD_BUDGET / 1024} KiB gzip`, kb(dist.total.gzip), verdict(dist.total.gzip <= PAYLOAD_BUDGET)]);
  if (env.payload.articleOnly) {
    const { gzip } = env.payload.articleOnly.total;
    budgets.push([`payload: (d) the article-only build ≤ ${PAYLOAD_BUDGET / 1024} KiB gzip`, kb(gzip), verdict(gzip <= PAYLOAD_BUDGET)]);
  }

  // Time to article.
  const profiles = ['loopback', 'slow'];
  const ttaRows = ALTERNATIVES.map((alt) => [
    alt.label,
    ...profiles.map((p) => msRange(stat(results, `tta:${alt.key}:${p}`, 'tta'))),
    ...profiles.map((p) => kb(stat(results, `tta:${alt.key}:${p}`, 'bytes').median)),
  ]);
  for (const [c, other] of [['c', 'a'], ['c', 'b'], ["c'", 'a'], ["c'", 'b'], ["c''", 'a'], ["c''", 'b'], ['d', 'a'], ['d', 'b']]) {
    ttaRows.push([
      `ratio ${c}/${other}`,
      ...profiles.map((p) => x(ratio(results, `tta:${c}:${p}`, `tta:${other}:${p}`, 'tta'))),
      '', '',
    ]);
  }
  sections.push({
    title: 'Time to article: navigation start → largest contentful paint of the article (median, min–max)',
    head: ['page', 'loopback', 'slow profile', 'received by then, loopback', 'received by then, slow'],
    rows: ttaRows,
  });
  for (const c of ['c', "c'", "c''", 'd']) {
    const toStatic = ratio(results, `tta:${c}:slow`, 'tta:a:slow', 'tta');
    const toVanilla = ratio(results, `tta:${c}:slow`, 'tta:b:slow', 'tta');
    budgets.push([`time to article, slow, (${c}) ≤ ${STATIC_RATIO}x static (a)`, x(toStatic),
      verdict(Number.isFinite(toStatic) ? toStatic <= STATIC_RATIO : null)]);
    budgets.push([`time to article, slow, (${c}) ≤ vanilla (b)`, x(toVanilla),
      verdict(Number.isFinite(toVanilla) ? toVanilla <= 1 : null)]);
  }

  // Main thread on the seed page.
  const seed = (p, f) => stat(results, `seed:${p}`, f);
  const num = (s, digits = 0) => (Number.isFinite(s.median) ? s.median.toFixed(digits) : 'n/a');
  sections.push({
    title: 'Main thread: the seed page (www/index.template.html) (median)',
    head: ['', 'loopback', 'slow profile'],
    rows: [
      ['parse (JSON → validated article)', ...profiles.map((p) => ms(seed(p, 'parse')))],
      ['render (article DOM, comment section set up)', ...profiles.map((p) => ms(seed(p, 'render')))],
      ['parse + render', ...profiles.map((p) => msRange(seed(p, 'parseRender')))],
      ['long tasks (> 50 ms), count', ...profiles.map((p) => num(seed(p, 'longTasks')))],
      ['longest task', ...profiles.map((p) => msRange(seed(p, 'longest')))],
      ['CLS', ...profiles.map((p) => num(seed(p, 'cls'), 4))],
      ['time to article (LCP)', ...profiles.map((p) => ms(seed(p, 'tta')))],
      ['complete (feed and comments shown)', ...profiles.map((p) => ms(seed(p, 'complete')))],
      ['received over the network (whole load)', ...profiles.map((p) => kb(seed(p, 'bytes').median))],
    ],
  });
  const longestSeed = stat(results, 'seed:loopback', 'longest');
  budgets.push(['seed page: no long task > 50 ms (loopback)', medianWorst(longestSeed, (v) => `${Math.round(v)} ms`),
    verdict(Number.isFinite(longestSeed.median) ? longestSeed.median <= 50 : null)]);
  const clsSeed = stat(results, 'seed:loopback', 'cls');
  budgets.push(['seed page: CLS 0 (loopback)', medianWorst(clsSeed, (v) => v.toFixed(4)),
    verdict(Number.isFinite(clsSeed.median) ? clsSeed.median === 0 : null)]);

  // Large inputs.
  const large = (f) => stat(results, 'large:article', f);
  const largeRows = [[
    `article of ${LARGE_PARAGRAPHS} paragraphs`,
    msRange(large('tta')), `${ms(large('parse'))} + ${ms(large('render'))}`, ms(large('longest')),
    mib(large('heap').median), mib(large('wasm').median),
  ]];
  for (const n of THREAD_SIZES) {
    const t = (f) => stat(results, `thread:${n}`, f);
    largeRows.push([
      `static thread of ${n} comments (${num(t('shown'))} shown)`,
      msRange(t('comments')), '', ms(t('longest')), mib(t('heap').median), mib(t('wasm').median),
    ]);
  }
  sections.push({
    title: 'Large inputs (loopback, median)',
    head: ['input', 'time to article / to comments', 'parse + render', 'longest task', 'JS heap', 'wasm memory'],
    rows: largeRows,
  });

  // Comments against Isso.
  if (env.isso && isso && issoCss) {
    const issoProfiles = profiles.filter((p) => results[`isso:widget:${p}`]);
    const rows = ISSO_PAGES.map((v) => [
      v.label,
      ...issoProfiles.map((p) => msRange(stat(results, `isso:${v.key}:${p}`, 'comments'))),
      num(stat(results, `isso:${v.key}:loopback`, 'shown')),
      ms(stat(results, `isso:${v.key}:loopback`, 'longest')),
      ...issoProfiles.map((p) => kb(stat(results, `isso:${v.key}:${p}`, 'bytes').median)),
    ]);
    for (const other of ['isso', 'isso-paged']) {
      rows.push([`ratio widget/${other}`, ...issoProfiles.map((p) => x(ratio(results, `isso:widget:${p}`, `isso:${other}:${p}`, 'comments'))),
        '', '', ...issoProfiles.map(() => '')]);
    }
    sections.push({
      title: `Comments against Isso: a thread of ${env.isso} comments on one Isso 0.14 server (median, min–max)`,
      head: ['client', ...issoProfiles.map((p) => `to comments, ${p}`), 'comment nodes', 'longest task',
        ...issoProfiles.map((p) => `received, ${p}`)],
      rows,
      note: `Client code, gzip: Isso embed.min.js + isso.css ${kb(isso.gzip + issoCss.gzip)}; widget (JS + wasm) ${kb(dist.total.gzip)}.`,
    });
    for (const p of issoProfiles) {
      const r = ratio(results, `isso:widget:${p}`, 'isso:isso:' + p, 'comments');
      budgets.push([`comments (${env.isso}), ${p}: widget ≤ 0.5x Isso's client`, x(r), verdict(Number.isFinite(r) ? r <= 0.5 : null)]);
    }
  }

  // Carousel.
  const car = (f) => stat(results, 'carousel', f);
  sections.push({
    title: 'Carousel: the 图文看点 carousel of the seed page sliding (loopback, median)',
    head: ['frames', 'longest frame', 'frames > 50 ms', 'layout shift'],
    rows: [[num(car('frames')), msRange(car('maxFrame')), num(car('over50')), num(car('shift'), 4)]],
  });
  const maxFrame = car('maxFrame');
  const shift = car('shift');
  budgets.push(['carousel: no frame > 50 ms', medianWorst(maxFrame, (v) => `${Math.round(v)} ms`),
    verdict(Number.isFinite(maxFrame.median) ? maxFrame.median <= 50 : null)]);
  budgets.push(['carousel: no layout shift', medianWorst(shift, (v) => v.toFixed(4)),
    verdict(Number.isFinite(shift.median) ? shift.median === 0 : null)]);

  return { sections, budgets };
}

/** The requests of the run of scenario `id` whose `field` is nearest the median. */
function waterfall(results, id, field) {
  const runs = results[id] ?? [];
  if (!runs.length) return null;
  const m = median(runs.map((r) => r[field]));
  const run = runs.reduce((best, r) => (Math.abs(r[field] - m) < Math.abs(best[field] - m) ? r : best));
  const marks = Object.entries(run.marks ?? {}).map(([name, t]) => [`mark ${name}`, Math.round(t), '']);
  return {
    at: run[field],
    rows: [...run.waterfall.map((w) => [w.name.replace(/^https?:\/\/[^/]+/, ''), Math.round(w.start), Math.round(w.end)]), ...marks],
  };
}

function pad(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}

/** The figures as plain text for the terminal. */
export function table(results, env) {
  const { sections, budgets } = figures(results, env);
  const out = [];
  for (const s of sections) {
    out.push(`== ${s.title}`, pad([s.head, ...s.rows]));
    if (s.note) out.push(s.note);
    out.push('');
  }
  out.push('== Budgets (issue #5)', pad([['budget', 'measured', ''], ...budgets]));
  return out.join('\n');
}

const mdTable = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`),
].join('\n');

/** BENCHMARKS.md: the figures, how they were measured, and the findings. */
export function markdown(results, env, failures) {
  const { sections, budgets } = figures(results, env);
  const findings = readFileSync(join(ROOT, 'scripts', 'bench', 'findings.md'), 'utf8').trim();
  const out = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench/); do not edit by hand: the findings at the end',
    'come from scripts/bench/findings.md.',
    '',
    `- Machine: ${env.cpu}, ${env.ram} RAM, ${env.os}; load average (1, 5, 15 min) ${env.load[0]} at the start,`
      + ` ${env.load[1]} at the end (the machine is shared)`,
    `- Browser: Chromium ${env.chromium} (Debian), headless, through playwright-core; Node ${env.node}`,
    `- Date: ${env.date}; commit ${env.commit}`,
    `- Runs: ${env.runs}; every figure is the median of the runs (min–max where shown); within a run`
      + ' every scenario loads once, in an order that rotates from run to run; ratios are medians of the per-run ratios.',
    '',
    '## Budgets',
    '',
    mdTable(['budget (issue #5)', 'measured', ''], budgets),
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '', mdTable(s.head, s.rows), '');
    if (s.note) out.push(s.note, '');
  }
  out.push('## Request tables', '', 'Start and end of every request (Resource Timing; cross-origin requests to Isso included),'
    + ' and the widget\'s marks, in ms since navigation start.', '');
  for (const [id, field, label] of [
    ['tta:b:slow', 'tta', '(b) vanilla, slow profile; article painted'],
    ['tta:c:slow', 'tta', '(c) widget, default embed, slow profile; article painted'],
    ["tta:c':slow", 'tta', "(c') widget + preload hints, slow profile; article painted"],
    ['isso:isso:loopback', 'comments', "Isso's client, loopback; comments visible"],
    ['isso:widget:loopback', 'comments', 'the widget with Isso, loopback; comments visible'],
  ]) {
    const w = waterfall(results, id, field);
    if (!w) continue;
    out.push(`### Requests: ${label} at ${Math.round(w.at)} ms (the run nearest the median)`, '',
      mdTable(['request', 'start (ms)', 'end (ms)'], w.rows), '');
  }
  out.push(`## How it is measured

- **Serving**: scripts/bench/site.mjs copies www/ and dist/ to target/bench/site/ with the
  generated pages, and stores every text file also as .gz and .br; http-server 14 (\`-b -g
  -c3600\`) sends them brotli-compressed to Chromium, as a CDN would. Isso answers uncompressed
  (as Isso does without a proxy in front).
- **Browser**: one headless Chromium per run (flags of tests/e2e/harness.mjs), a new browser
  context for every page load (cold HTTP cache, no storage, new connections), viewport 1000×800,
  light colour scheme.
- **Slow profile**: DevTools protocol \`Network.emulateNetworkConditions\` (latency 150 ms,
  1.6 Mbit/s down and up) and \`Emulation.setCPUThrottlingRate\` 4. Loopback: no throttling.
- **Time to article**: navigation start to the \`largest-contentful-paint\` entry of the article.
  (a) is the seed article (www/data/articles/jijiehao.json) rendered to static HTML with inline
  CSS of roughly the widget's look; (b) a deferred ${env.payload.vanilla.gzip}-byte (gzip) hand-written script
  (scripts/bench/vanilla.js) that fetches the JSON and builds the same markup; (c) the widget
  as in www/e2e-no-hints.html (script tag + element), (c') with the README's three preload hints,
  (c'') (c') with the article pre-rendered into the element by \`article-widget-render\`
  (docs/prerendering.md), which the widget takes over without drawing it again (the load fails
  if it does); (d) (c') with the widget built without comments and recommendations
  (\`scripts/build.mjs --without comments,recommendations\`, README "Building a smaller
  widget"): what the article alone costs.
  For (a) and (b) the entry is the last LCP entry whose element is inside \`<article>\`. LCP
  entries do not expose elements inside a shadow root, so for the widget it is the first text
  LCP entry painted after the widget's \`aw:rendered\` mark (the whole article is drawn in one
  task; later candidates are the feed's and comments'). For (c'') it is the first text LCP
  entry: the pre-rendered article, painted from the page's Declarative Shadow DOM.
- **Parse + render**: from performance marks. src/entry.js marks \`aw:mount\` just before
  calling the wasm \`mount\`; src/dom/mount.rs marks \`aw:parsed\` when the article JSON is
  fetched, parsed (response.json), converted and validated, and \`aw:rendered\` when the
  article, its layout and the comment section's frame are in the DOM. Parse = \`aw:parsed\` −
  max(\`aw:mount\`, responseEnd of the article JSON); render = \`aw:rendered\` − \`aw:parsed\`.
- **Long tasks** (\`longtask\` entries, > 50 ms) and **CLS** (largest session window of
  \`layout-shift\` entries without recent input) from navigation until 1 s after the seed page is
  complete: the article, the feed's last section and the first comments are in the DOM.
- **Large inputs**: bench/data/large.json (the seed paragraphs repeated to ${LARGE_PARAGRAPHS}, a heading every
  50) and static threads of ${THREAD_SIZES.join(' and ')} comments (comments-src; every fifth comment a reply).
  JS heap: \`Runtime.getHeapUsage\` after \`HeapProfiler.collectGarbage\`; wasm memory: the
  byteLength of the \`memory\` export of the module that src/entry.js's \`ready\` resolves to.
- **Time to comments visible** (same definition for every client): navigation start to the first
  animation frame (performance.now() in a requestAnimationFrame callback) in which the page's DOM
  holds the first ${FIRST_PAGE} top-level comments of the thread (\`#isso-root > .isso-comment\` for Isso,
  \`li.aw-comment[data-depth="0"]\` in the widget). Isso's client by default renders every
  top-level comment at once (and up to 5 replies each); the widget renders ${FIRST_PAGE} top-level
  comments and their replies and offers "load more"; the paged Isso row uses Isso's own
  \`data-isso-max-comments-top="${FIRST_PAGE}"\`. Page A is the static page (a) with Isso's section and
  embed.min.js (served from loopback) below it; page B the widget with \`comments-backend="isso"\`
  on the seed article without feed. Both read thread "jijiehao" of the same Isso server
  (tests/e2e/isso.mjs), ${env.isso || 'n/a'} comments posted before the runs.
- **Carousel**: on the seed page, the 图文看点 carousel scrolled into view; requestAnimationFrame
  deltas and layout-shift entries (with or without input) while pressing "next" to the last
  slide, wheeling back to the first, and pressing "next" to the last again.
- **Received by then** (time to article): the transferSize (headers + compressed body) of the
  document and of every request that had ended when the article was painted. **Received**
  elsewhere: every byte received over the network during the load until the figure was read
  (DevTools protocol \`encodedDataLength\`, headers included).
`);
  if (failures.length) out.push('## Failed loads (each retried once)', '', ...failures.map((f) => `- ${f}`), '');
  out.push('## Findings', '', findings, '');
  return out.join('\n');
}


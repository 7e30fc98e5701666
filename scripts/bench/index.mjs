// npm run bench: builds the widget, serves it and the alternatives on loopback with a real
// static server, drives headless Chromium, prints the figures of issue #5 against their
// budgets and writes them to BENCHMARKS.md.
//
// Environment:
//   BENCH_RUNS=9         runs; every scenario loads once per run, scenarios interleaved
//   BENCH_SKIP_BUILD=1   use dist/ as it is
//   BENCH_ONLY=regex     only the scenarios whose id matches (e.g. "tta:.*:slow"); the
//                        figures go to target/bench/BENCHMARKS.partial.md instead
//   BENCH_NO_ISSO=1      skip the comparison with Isso (no .venv-isso)
// `node scripts/bench/index.mjs --report` writes BENCHMARKS.md again from the figures of the
// last run (target/bench/results.json), e.g. after editing scripts/bench/findings.md.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ARTICLE_ONLY } from '../build.mjs';
import { launch } from './browser.mjs';
import {
  ROOT, SITE, buildSite, generatedThread, seedArticle, writeIssoPages, writePrerenderedPage,
} from './site.mjs';
import { scenarios } from './scenarios.mjs';
import { environment, markdown, table } from './report.mjs';
import { freePort } from '../../tests/e2e/ports.mjs';
import { seedComments, startIsso } from '../../tests/e2e/isso.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_RUNS must be a positive integer (got ${process.env.BENCH_RUNS})`);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const ISSO = process.env.BENCH_NO_ISSO !== '1';
/** The figures of the last run. */
const SAVED = join(ROOT, 'target', 'bench', 'results.json');
/** Comments in the Isso thread of the comparison. */
const ISSO_COMMENTS = 1000;

const started = Date.now();
const loadBefore = loadavg();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line) => console.log(`[bench ${elapsed()}] ${line}`);

function status(url) {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => { response.resume(); resolve(response.statusCode); });
    request.on('error', reject);
  });
}

/** http-server on SITE, sending the precompressed .br/.gz files, cacheable as from a CDN. */
async function serve() {
  const port = await freePort();
  const child = spawn(process.execPath, [
    '--no-deprecation', join(ROOT, 'node_modules', 'http-server', 'bin', 'http-server'),
    SITE, '-a', '127.0.0.1', '-p', String(port), '-c3600', '--cors', '-b', '-g', '-s',
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => child.kill('SIGKILL'));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await status(`${origin}/index.html`)) === 200) {
        return {
          origin,
          async stop() { child.kill('SIGTERM'); await once(child, 'exit'); },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('http-server did not start');
}

/**
 * Starts Isso and fills thread "jijiehao" with ISSO_COMMENTS comments through its API: the
 * top-level comments, then the replies, each in a few parallel streams; `created` is set
 * afterwards, so the order does not depend on the streams.
 */
async function issoServer(origin) {
  const isso = await startIsso({ pageOrigin: origin });
  const thread = generatedThread(ISSO_COMMENTS);
  const { title } = seedArticle();
  const ids = new Map();
  const post = async (indices, streams) => {
    await Promise.all(Array.from({ length: streams }, async (_, s) => {
      const mine = indices.filter((_, k) => k % streams === s);
      const posted = await seedComments(isso.url, 'jijiehao', mine.map((i) => ({
        author: thread[i].author,
        text: thread[i].text,
        created: Math.floor(thread[i].created / 1000),
        ...(thread[i].parent === null ? {} : { parent: ids.get(thread[i].parent) }),
      })), { title });
      mine.forEach((i, k) => ids.set(i, posted[k]));
    }));
  };
  const all = thread.map((_, i) => i);
  await post([0], 1); // creates the thread
  await post(all.filter((i) => i > 0 && thread[i].parent === null), 4);
  await post(all.filter((i) => thread[i].parent !== null), 4);
  return isso;
}

async function measure() {
  // The build and the pre-renderer (page (c'')) need cargo, which setup installs there.
  process.env.PATH = `${process.env.HOME}/.cargo/bin:${process.env.PATH}`;
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('building (node scripts/build.mjs)');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(join(ARTICLE_ONLY, 'integrity.json'))) {
    log('building the article-only widget (node scripts/build.mjs --without comments,recommendations)');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--without', 'comments,recommendations',
      '--out', ARTICLE_ONLY], { cwd: ROOT, stdio: 'inherit' });
  }
  log('writing the bench site (target/bench/site)');
  buildSite();
  const server = await serve();
  log('pre-rendering the seed article (article-widget-render) for page (c\'\')');
  writePrerenderedPage(server.origin);
  let isso = null;
  if (ISSO) {
    log(`starting Isso and posting ${ISSO_COMMENTS} comments`);
    isso = await issoServer(server.origin);
    writeIssoPages(isso.url);
  }

  const list = scenarios({ isso: ISSO }).filter((s) => !ONLY || ONLY.test(s.id));
  const results = Object.fromEntries(list.map((s) => [s.id, []]));
  const failures = [];
  let chromium = '';
  log(`${RUNS} runs of ${list.length} scenarios`);
  for (let run = 0; run < RUNS; run++) {
    const browser = await launch();
    chromium = browser.version();
    const shift = (run * 5) % list.length; // rotate so that no scenario always goes first
    const order = [...list.slice(shift), ...list.slice(0, shift)];
    for (const scenario of order) {
      let result;
      for (let attempt = 1; attempt <= 2 && result === undefined; attempt++) {
        try {
          result = await scenario.run(browser, server.origin);
        } catch (error) {
          failures.push(`run ${run + 1} ${scenario.id} attempt ${attempt}: ${error.message.split('\n')[0]}`);
          log(`! ${failures.at(-1)}`);
        }
      }
      if (result !== undefined) results[scenario.id].push({ run, ...result });
    }
    await browser.close();
    log(`run ${run + 1}/${RUNS} done`);
  }
  await isso?.stop();
  await server.stop();

  const env = environment({
    chromium, runs: RUNS, isso: ISSO ? ISSO_COMMENTS : 0, load: [loadBefore, loadavg()],
  });
  writeFileSync(SAVED, JSON.stringify({ results, env, failures, partial: !!ONLY }));
  report({ results, env, failures, partial: !!ONLY });
}

/** Prints the figures and writes them to BENCHMARKS.md (to a side file for a partial run). */
function report({
  results, env, failures, partial,
}) {
  console.log(`\n${table(results, env)}`);
  if (failures.length) console.log(`\n${failures.length} failed loads (retried once):\n${failures.join('\n')}`);
  const out = partial ? join(ROOT, 'target', 'bench', 'BENCHMARKS.partial.md') : join(ROOT, 'BENCHMARKS.md');
  writeFileSync(out, markdown(results, env, failures));
  log(`wrote ${out}${partial ? ' (a partial run: BENCHMARKS.md left as it is)' : ''}`);
}

if (process.argv.includes('--report')) {
  report(JSON.parse(readFileSync(SAVED, 'utf8')));
} else {
  await measure();
}

// Size budget of the deployable widget: fails when dist/ grows past it. Deterministic
// (compressed bytes of the built files), so it belongs in the test suite; timings do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTICLE_ONLY } from '../../scripts/build.mjs';
import { loaded } from '../../scripts/size.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/**
 * gzip bytes of everything a page loads: the entry module and the wasm (article,
 * recommendations, carousels and comments). A guard against growth, set at the measured
 * size rounded up to the next KiB (95,823 bytes in session 7; 103,472 in session 10, from
 * 96,459: the comment backends as one trait, failed likes kept and sent later, outcomes
 * announced, storage failures reported and replies paged (+3.2 KB); feed errors in their
 * section, hover-stopped autoplay, the scrollend fallback, reading progress from the first
 * layout and the feed's hot stories (+2.1 KB); static threads fetched as documents with the
 * article's messages (+0.6 KB); likes retried on a timer and focus after the last replies
 * (+0.6 KB); 106,869 from 104,111: the carousel's, the reading controls' and the feed's
 * listeners, autoplay timer and observers as gloo and web-sys values in Rust instead of JS
 * snippets (+2.8 KB, scripts/bench/findings.md item 33)). The performance issue's budget
 * (#5) is 60 KiB, which the functional core of the whole widget alone already exceeds (75
 * KB gzip of wasm, scripts/bench/findings.md item 28); the article-only build meets it
 * (below).
 */
export const BUDGET_GZIP = 105 * 1024;

/**
 * The performance issue's budget (#5), 60 KiB gzip, met by the widget built without its
 * comments and recommendations (48.4 KiB in session 9).
 */
export const ARTICLE_ONLY_BUDGET_GZIP = 60 * 1024;

/**
 * gzip bytes of what a page loads from the build in `dir` (its entry module and wasm), which
 * must hold those two and integrity.json (for the site builder), nothing else.
 */
function gzipLoaded(dir) {
  const names = readdirSync(dir);
  const wasm = names.filter((name) => /^article-widget\.[0-9a-f]{8}\.wasm$/.test(name));
  assert.equal(wasm.length, 1, names.join(', '));
  assert.deepEqual(names.sort(), [...wasm, 'article-widget.js', 'integrity.json'].sort());
  return loaded(dir).total.gzip;
}

test(`dist/ stays within ${BUDGET_GZIP} bytes gzip`, () => {
  const gzip = gzipLoaded(dist);
  assert.ok(gzip <= BUDGET_GZIP, `dist/ is ${gzip} bytes gzip, over the ${BUDGET_GZIP} budget`);
});

test(`the article-only build stays within ${ARTICLE_ONLY_BUDGET_GZIP} bytes gzip, and well under dist/`, () => {
  assert.ok(existsSync(ARTICLE_ONLY), `${ARTICLE_ONLY} is missing: node scripts/build.mjs --without comments,recommendations --out target/variants/article`);
  const gzip = gzipLoaded(ARTICLE_ONLY);
  assert.ok(gzip <= ARTICLE_ONLY_BUDGET_GZIP, `the article-only build is ${gzip} bytes gzip, over ${ARTICLE_ONLY_BUDGET_GZIP}`);
  // Left out means left out of the wasm, not only not called: a third of dist/ at least.
  const whole = gzipLoaded(dist);
  assert.ok(gzip < whole * 0.67, `the article-only build is ${gzip} bytes gzip against dist/'s ${whole}`);
});

// Size budget of the deployable widget: fails when dist/ grows past it. Deterministic
// (compressed bytes of the built files), so it belongs in the test suite; timings do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizes } from '../../scripts/size.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/**
 * gzip bytes of everything a page loads: the entry module and the wasm (article,
 * recommendations, carousels and comments). A guard against growth, set at the measured
 * size plus a little headroom (95,823 bytes in session 7). The performance issue's budget
 * (#5) is 60 KiB, which the functional core alone already exceeds (75 KB gzip of wasm,
 * scripts/bench/findings.md item 28): meeting it is a product decision about features,
 * not a matter of the shell.
 */
export const BUDGET_GZIP = 95 * 1024;

test(`dist/ stays within ${BUDGET_GZIP} bytes gzip`, () => {
  const { rows } = sizes(dist);
  const names = rows.map((r) => r.name);
  const wasm = names.filter((name) => /^article-widget\.[0-9a-f]{8}\.wasm$/.test(name));
  assert.equal(wasm.length, 1, names.join(', '));
  assert.deepEqual(names.sort(), [...wasm, 'article-widget.js', 'integrity.json'].sort());
  // What a page loads: the entry module and the wasm (integrity.json is for the site builder).
  const loaded = rows.filter((r) => r.name !== 'integrity.json');
  const gzip = loaded.reduce((sum, r) => sum + r.gzip, 0);
  assert.ok(gzip <= BUDGET_GZIP, `dist/ is ${gzip} bytes gzip, over the ${BUDGET_GZIP} budget`);
});

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
 * size plus a little headroom: the widget is far over its real budget, and the performance issue
 * (#5) brings all of it to 60 KiB.
 */
export const BUDGET_GZIP = 153 * 1024;

test(`dist/ stays within ${BUDGET_GZIP} bytes gzip`, () => {
  const { rows, total } = sizes(dist);
  const names = rows.map((r) => r.name).sort();
  assert.deepEqual(names, ['article-widget.js', 'article-widget_bg.wasm']);
  assert.ok(total.gzip <= BUDGET_GZIP, `dist/ is ${total.gzip} bytes gzip, over the ${BUDGET_GZIP} budget`);
});

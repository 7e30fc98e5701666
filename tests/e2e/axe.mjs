// Runs axe-core (npm `axe-core`) in a page: the whole document, open shadow roots included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Injects axe into `page` (once) and runs it over the whole document, including the
 * widgets' open shadow roots. Resolves with the violations, each reduced to its rule id,
 * impact, help text and the target selectors and failure summaries of its nodes.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(async () => {
    // Every rule axe runs by default (WCAG 2.x A/AA and best practices), all impacts.
    return window.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
  }));
}

/** Violations as readable lines for an assertion message. */
export function describe(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .map((n) => `    ${JSON.stringify(n.target)}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`)
      .join('\n')}`)
    .join('\n');
}

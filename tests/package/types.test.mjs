// The package's TypeScript types: the contract types are what scripts/types.mjs generates from
// schema/*.schema.json today, a typed consumer (tests/types/consumer.ts) that imports the
// package by its name type-checks with `tsc --noEmit`, and the declared API matches what the
// built entry module exports and the element observes. Needs a build (dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateAll } from '../../scripts/types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const run = promisify(execFile);

test('types/{article,feed,comments}.d.ts are up to date with schema/ (npm run types)', async () => {
  for (const { path, text } of await generateAll()) {
    assert.equal(readFileSync(path, 'utf8'), text, `${path} is out of date: run npm run types`);
  }
});

for (const config of ['tsconfig.json', 'tsconfig.nodenext.json']) {
  test(`tsc --noEmit -p tests/types/${config}: the typed consumer compiles, its expected errors are errors`, async () => {
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    try {
      await run(tsc, ['--noEmit', '-p', join(root, 'tests', 'types', config)], { cwd: root });
    } catch (error) {
      assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
    }
  });
}

/** Names of the values (not types) that types/article-widget.d.ts exports. */
function declaredValues() {
  const dts = read('types/article-widget.d.ts');
  return [...dts.matchAll(/^export declare (?:const|function|class) (\w+)/gm)].map((m) => m[1]).sort();
}

test('the declared API is what dist/article-widget.js exports', () => {
  const js = read('dist/article-widget.js');
  const exported = js.match(/export\s*\{([^}]*)\}\s*;?\s*$/);
  assert.ok(exported, 'the entry module ends with its export list');
  const names = exported[1].split(',').map((part) => part.trim().split(/\s+as\s+/).pop()).sort();
  assert.deepEqual(names, declaredValues());
  assert.deepEqual(declaredValues(), ['ArticleWidget', 'mount', 'ready', 'setStrings', 'unmount']);
});

test('ArticleWidgetOptions lists exactly the attributes the element observes', () => {
  const entry = read('src/entry.js');
  const observed = JSON.parse(entry.match(/const OBSERVED = (\[[^\]]*\]);/)[1].replaceAll("'", '"')).sort();
  const dts = read('types/article-widget.d.ts');
  const body = dts.match(/export interface ArticleWidgetOptions \{([\s\S]*?)\n\}/)[1];
  const options = [...body.matchAll(/^ {2}'?([a-z-]+)'?\?:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(options, observed);
});

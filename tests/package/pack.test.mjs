// What `npm pack` would publish: the built widget (dist/), its types and the JSON Schemas, and
// nothing else but package.json and README.md; every path package.json points to is in it.
// Needs a build (dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packed() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out)[0].files.map((file) => file.path).sort();
}

test('npm pack lists dist/, types/ and schema/ and nothing unexpected', () => {
  const files = packed();
  const folder = (name) => readdirSync(join(root, name)).map((file) => `${name}/${file}`);
  const expected = ['README.md', 'package.json', ...folder('dist'), ...folder('types'), ...folder('schema')].sort();
  assert.deepEqual(files, expected);
  const manifest = JSON.parse(readFileSync(join(root, 'dist', 'integrity.json'), 'utf8'));
  for (const file of [manifest.entry.file, manifest.wasm.file, 'integrity.json']) {
    assert.ok(files.includes(`dist/${file}`), `dist/${file} is published`);
  }
  assert.ok(files.includes('types/article-widget.d.ts'));
  for (const name of ['article', 'feed', 'comments']) {
    assert.ok(files.includes(`types/${name}.d.ts`));
    assert.ok(files.includes(`schema/${name}.schema.json`));
  }
});

test('package.json: version, types and exports (import and types conditions) point into the package', () => {
  assert.match(pkg.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
  const main = pkg.exports['.'];
  assert.equal(main.types, pkg.types);
  assert.equal(main.import, './dist/article-widget.js');
  assert.deepEqual(Object.keys(main)[0], 'types', 'the types condition comes first, as TypeScript requires');
  const files = packed();
  for (const target of [pkg.types, main.types, main.import, main.default, pkg.module]) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `${target} is published`);
  }
});

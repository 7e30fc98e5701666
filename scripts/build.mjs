// npm run build: compiles the crate for wasm32, generates the JS bindings, shrinks the wasm
// with wasm-opt and bundles src/entry.js into dist/article-widget.js.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { report } from './size.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bindings = join(root, 'target', 'wasm-bindgen');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

// The shipped wasm is built by nightly with the standard library rebuilt for size: a panic
// aborts at once (no panic message formatting is linked in), without file locations or
// Debug formatting. Its own target directory keeps the stable builds' caches intact.
const shipTarget = join(root, 'target', 'ship');
execFileSync('cargo', [
  '+nightly', 'build', '--lib', '--release', '--target', 'wasm32-unknown-unknown',
  '-Zbuild-std=std,panic_abort', '--target-dir', shipTarget,
], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none',
  },
});
rmSync(bindings, { recursive: true, force: true });
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--out-dir', bindings, '--out-name', 'article_widget',
  join(shipTarget, 'wasm32-unknown-unknown', 'release', 'article_widget.wasm'),
]);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const wasmIn = join(bindings, 'article_widget_bg.wasm');
const wasmOut = join(dist, 'article-widget_bg.wasm');
if (existsSync(bin('wasm-opt'))) {
  run(bin('wasm-opt'), [
    '-Oz', '--strip-debug', '--strip-producers',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    wasmIn, '-o', wasmOut,
  ]);
} else {
  console.warn('wasm-opt not found (npm install): copying the unoptimised wasm');
  copyFileSync(wasmIn, wasmOut);
}

await build({
  entryPoints: [join(root, 'src', 'entry.js')],
  outfile: join(dist, 'article-widget.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});

report(dist);

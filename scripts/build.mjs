// npm run build: compiles the crate for wasm32, generates the JS bindings, shrinks the wasm
// with wasm-opt, names it by its content hash and bundles src/entry.js into
// dist/article-widget.js, the one module a page includes (un-hashed: a short-cached entry).
//
// dist/ afterwards:
//   article-widget.js              the entry module; it names the wasm below and its integrity
//   article-widget.<hash8>.wasm    the wasm, named by the first 8 hex digits of its SHA-256
//   integrity.json                 subresource-integrity (sha384) hashes of both, written last
// The integrity hashes are also printed, for <script integrity> and <link integrity> tags.
//
// Options: `--without comments`, `--without recommendations` or `--without
// comments,recommendations` build a smaller widget without those parts (the crate's cargo
// features of the same names, src/dom/mod.rs); `--out <dir>` writes there instead of dist/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, copyFileSync, existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { report } from './size.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['comments', 'recommendations'];

/**
 * Where `npm test` and `npm run bench` keep the article-only build (`--without
 * comments,recommendations --out target/variants/article`).
 */
export const ARTICLE_ONLY = join(root, 'target', 'variants', 'article');

/** The build's options from `argv`: the parts left out, and the output folder. */
export function options(argv) {
  const without = [];
  let out = join(root, 'dist');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--without') {
      for (const part of String(value() ?? '').split(',').filter(Boolean)) {
        if (!PARTS.includes(part)) throw new Error(`build: --without ${part}: the parts are ${PARTS.join(', ')}`);
        without.push(part);
      }
    } else if (flag === '--out') {
      const dir = value();
      // The folder is emptied first: never the project itself or its parents.
      const above = dir && (root === resolve(dir) || root.startsWith(join(resolve(dir), '/')));
      if (!dir || above) throw new Error(`build: --out ${dir ?? ''}: give a new or build folder`);
      out = resolve(dir);
    } else {
      throw new Error(`build: unknown option ${argv[i]} (--without <parts>, --out <dir>)`);
    }
  }
  return { without: [...new Set(without)].sort(), out };
}
const bindings = join(root, 'target', 'wasm-bindgen');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

/** The entry module's file name in dist/ (stable: pages and CDN paths refer to it). */
export const ENTRY = 'article-widget.js';
/** The manifest of the build's file names and their integrity hashes. */
export const INTEGRITY = 'integrity.json';

/** `sha384-…`: the subresource-integrity value of `bytes`. */
export function sri(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** `article-widget.<first 8 hex digits of SHA-256>.wasm`. */
export function wasmName(bytes) {
  return `article-widget.${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}.wasm`;
}

/** The wasm features rustc's output uses, for wasm-opt. */
const WASM_FEATURES = [
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

/**
 * Shrinks `wasmIn` into `wasmOut` with wasm-opt: -Oz until it stops shrinking, then the
 * imports (module and name) and exports renamed to one or two letters
 * (--minify-imports-and-exports-and-modules), and the JS glue's uses of them renamed to
 * match. wasm-bindgen names each import after its method and a 16-digit hash
 * (`__wbg_setAttribute_3c9f…`), each written twice, in the wasm and in the glue: hex
 * digits gzip does not compress.
 */
function optimise(wasmIn, wasmOut, glueFile) {
  const MODULE = './article_widget_bg.js';
  // --low-memory-unused: the first 1 KiB of memory is never addressed (rustc puts the
  // stack's far end there, 1 MiB below its start, and the data and heap above it), so
  // small constant offsets fold into loads and stores.
  run(bin('wasm-opt'), [
    '-Oz', '--converge', '--low-memory-unused', '--strip-debug', '--strip-producers', ...WASM_FEATURES,
    // The control flow rebuilt from scratch (flattened, then re-derived by the relooper)
    // and shrunk again: a few hundred bytes of gzip that -Oz alone leaves.
    '--flatten', '--rereloop', '-Oz',
    // Functions that differ only in constants merged into one taking them as arguments (the
    // monomorphised copies of a generic, say): −0.3 KB of gzip that -Oz does not do.
    '--merge-similar-functions', '-Oz',
    wasmIn, '-o', wasmOut,
  ]);
  // A run of its own: with --converge the passes repeat, and so would the renaming and its
  // printed mapping.
  const map = JSON.parse(execFileSync(bin('wasm-opt'), [
    '--minify-imports-and-exports-and-modules', ...WASM_FEATURES,
    // -Oz once more after the renaming: −0.2 KB of gzip (measured), which the same passes
    // before it do not give.
    '-Oz',
    // The target_features section says which features rustc used; browsers do not read it.
    '--strip-target-features', wasmOut, '-o', wasmOut,
  ], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmOut)))
    .map((i) => i.module));
  if (modules.size !== 1 || map.imports.some(([module]) => module !== MODULE)) {
    throw new Error(`optimise: expected the imports of one module, ${MODULE}`);
  }
  const [module] = modules;
  let glue = readFileSync(glueFile, 'utf8');
  const rename = (pattern, to, what) => {
    const before = glue;
    glue = glue.replace(pattern, () => to);
    if (glue === before) throw new Error(`optimise: ${what} is not in the JS glue`);
  };
  const escape = (name) => name.replace(/[$]/g, '\\$&');
  rename(`${JSON.stringify(MODULE)}:`, `${JSON.stringify(module)}:`, `the module ${MODULE}`);
  for (const [, name, short] of map.imports) {
    rename(new RegExp(`(?<![\\w$])${escape(name)}(?=\\s*:)`, 'g'), short, `the import ${name}`);
  }
  // Exports the glue does not call (the abort handler, say) have nothing to rename.
  for (const [name, short] of map.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escape(name)}(?![\\w$])`, 'g'), () => `wasm.${short}`);
  }
  writeFileSync(glueFile, glue);
}

async function main({ without, out: dist }) {
  // The shipped wasm is built by nightly with the standard library rebuilt for size: a panic
  // aborts at once (no panic message formatting is linked in), without file locations or
  // Debug formatting, and with std's own size-over-speed variants (optimize_for_size: the
  // simpler sort and formatting code paths). Its own target directory keeps the stable builds' caches intact.
  // Each set of parts in a target directory of its own, so switching keeps the caches.
  const shipTarget = join(root, 'target', without.length ? `ship-without-${without.join('-')}` : 'ship');
  const kept = PARTS.filter((part) => !without.includes(part));
  const features = without.length ? ['--no-default-features', ...(kept.length ? ['--features', kept.join(',')] : [])] : [];
  execFileSync('cargo', [
    '+nightly', 'build', '--lib', '--release', '--target', 'wasm32-unknown-unknown', ...features,
    '-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size', '--target-dir', shipTarget,
  ], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // -inline-threshold=0: LLVM inlines only what is free (single callers, trivial
      // bodies); wasm-opt's -Oz then inlines where it shrinks the code.
      // Without reference types (and multi-value returns), wasm-bindgen keeps the JS values
      // the wasm holds in a slab in the JS glue instead of a wasm table with an externref
      // shim around every export: −1.6 KB of wasm for +0.3 KB of glue (gzip).
      RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none '
        + '-Cllvm-args=-inline-threshold=0 -Ctarget-feature=-reference-types,-multivalue',
    },
  });
  rmSync(bindings, { recursive: true, force: true });
  run('wasm-bindgen', [
    '--target', 'web', '--no-typescript', '--omit-default-module-path',
    '--out-dir', bindings, '--out-name', 'article_widget',
    join(shipTarget, 'wasm32-unknown-unknown', 'release', 'article_widget.wasm'),
  ]);

  const wasmIn = join(bindings, 'article_widget_bg.wasm');
  const optimised = join(bindings, 'article_widget_opt.wasm');
  if (existsSync(bin('wasm-opt'))) {
    optimise(wasmIn, optimised, join(bindings, 'article_widget.js'));
  } else {
    console.warn('wasm-opt not found (npm install): using the unoptimised wasm');
    copyFileSync(wasmIn, optimised);
  }

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const wasmBytes = readFileSync(optimised);
  const wasm = { file: wasmName(wasmBytes), integrity: sri(wasmBytes) };
  renameSync(optimised, join(dist, wasm.file));

  await build({
    entryPoints: [join(root, 'src', 'entry.js')],
    outfile: join(dist, ENTRY),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    // src/entry.js fetches the wasm by these two names.
    define: {
      __ARTICLE_WIDGET_WASM__: JSON.stringify(wasm.file),
      __ARTICLE_WIDGET_WASM_INTEGRITY__: JSON.stringify(wasm.integrity),
    },
  });
  const entry = { file: ENTRY, integrity: sri(readFileSync(join(dist, ENTRY))) };

  // Last: its presence marks a complete build (tests/e2e/harness.mjs waits for it).
  writeFileSync(join(dist, INTEGRITY), `${JSON.stringify({ entry, wasm }, null, 2)}\n`);

  report(dist);
  if (without.length) console.log(`(without ${without.join(' and ')})`);
  console.log(`\nsubresource integrity (also in ${dist}/${INTEGRITY}):`);
  for (const { file, integrity } of [entry, wasm]) console.log(`  ${file.padEnd(28)} ${integrity}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(options(process.argv.slice(2)));

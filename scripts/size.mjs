// npm run size: raw, gzip and brotli bytes of every file in dist/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** Sizes of each file in `dir` and their total: { name, raw, gzip, brotli }[]. */
export function sizes(dir) {
  const rows = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return {
        name,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
  return { rows, total: sum(rows) };
}

/** What a page loads from the build in `dir`: its entry module and wasm (not integrity.json). */
export function loaded(dir) {
  const rows = sizes(dir).rows.filter((r) => /\.(js|wasm)$/.test(r.name));
  return { rows, total: sum(rows) };
}

function sum(rows) {
  return rows.reduce(
    (t, r) => ({ name: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { name: 'total', raw: 0, gzip: 0, brotli: 0 },
  );
}

/** Prints the size table of `dir`. */
export function report(dir) {
  const { rows, total } = sizes(dir);
  const line = (r) =>
    `${r.name.padEnd(28)} ${String(r.raw).padStart(9)} ${String(r.gzip).padStart(9)} ${String(r.brotli).padStart(9)}`;
  console.log(`${'file'.padEnd(28)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  rows.forEach((r) => console.log(line(r)));
  console.log(line(total));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  report(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
}

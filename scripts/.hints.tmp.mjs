// inject metadata.code.compilation_priority for all defined functions into a wasm
import { readFileSync, writeFileSync } from 'node:fs';
const [src, out] = process.argv.slice(2);
const b = readFileSync(src);
let p = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
const enc = (n) => { const o = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; o.push(x); } while (n); return o; };
const sections = [];
let imports = 0, funcs = 0;
while (p < b.length) {
  const start = p; const id = b[p++]; const size = leb(); const body = p; p += size;
  sections.push({ id, start, end: p });
  if (id === 2) { let q = p; p = body; const n = leb(); for (let i = 0; i < n; i++) { const ml = leb(); p += ml; const fl = leb(); p += fl; const kind = b[p++]; if (kind === 0) { leb(); imports++; } else if (kind === 1) { p++; const f = b[p++]; leb(); if (f & 1) leb(); } else if (kind === 2) { const f = b[p++]; leb(); if (f & 1) leb(); } else if (kind === 3) { p++; p++; } else if (kind === 4) { p++; leb(); } } p = q; }
  if (id === 3) { const q = p; p = body; funcs = leb(); p = q; }
}
const name = Buffer.from('metadata.code.compilation_priority');
const bytes = [...enc(name.length), ...name, ...enc(funcs)];
const prio = Number(process.env.PRIO || 0);
for (let i = 0; i < funcs; i++) { const pl = enc(prio); bytes.push(...enc(imports + i), 0, ...enc(pl.length), ...pl); }
const sec = Buffer.from([0, ...enc(bytes.length), ...bytes]);
const code = sections.find((s) => s.id === 10);
writeFileSync(out, Buffer.concat([b.subarray(0, code.start), sec, b.subarray(code.start)]));
console.log('imports', imports, 'funcs', funcs, 'section bytes', sec.length);

// npm run types: generates the TypeScript types of the three JSON contracts,
// types/{article,feed,comments}.d.ts, from schema/*.schema.json with json-schema-to-typescript.
//   node scripts/types.mjs           writes them
//   node scripts/types.mjs --check   exits 1 when a committed file differs from what it would write
// (tests/package/types.test.mjs runs the check in npm test.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The contracts: schema file stem → name of the root type. */
export const CONTRACTS = { article: 'Article', feed: 'Feed', comments: 'CommentThread' };

/** Path of the generated declarations of contract `name`. */
export const typesPath = (name) => join(root, 'types', `${name}.d.ts`);

/** Keywords besides `$ref` that only annotate a schema (they do not constrain the value). */
const ANNOTATIONS = new Set(['$ref', 'description', 'title', 'examples', 'default', '$comment']);

/**
 * The same schema with every `{ $ref, ...constraints }` written as
 * `{ allOf: [{ $ref }, { ...constraints }] }`: what it means in JSON Schema 2020-12, and the
 * form json-schema-to-typescript understands (it would otherwise drop the constraints beside
 * a `$ref`, e.g. the required `image` of the feed's PictureItem).
 */
export function refsAsAllOf(node) {
  if (Array.isArray(node)) return node.map(refsAsAllOf);
  if (node === null || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, refsAsAllOf(value)]));
  if (typeof out.$ref !== 'string') return out;
  const constraints = Object.keys(out).filter((key) => !ANNOTATIONS.has(key));
  if (constraints.length === 0) return out;
  const { $ref, ...rest } = out;
  const annotations = Object.fromEntries(Object.entries(rest).filter(([key]) => ANNOTATIONS.has(key)));
  const others = Object.fromEntries(Object.entries(rest).filter(([key]) => !ANNOTATIONS.has(key)));
  return { ...annotations, allOf: [{ $ref }, others] };
}

/** The declarations of contract `name` as json-schema-to-typescript writes them. */
export async function generate(name) {
  const schema = JSON.parse(readFileSync(join(root, 'schema', `${name}.schema.json`), 'utf8'));
  return compile(refsAsAllOf(schema), CONTRACTS[name], {
    bannerComment: [
      '/*',
      ` * Types of the ${name} JSON contract, generated from schema/${name}.schema.json by`,
      ' * scripts/types.mjs (json-schema-to-typescript). Do not edit: change the schema and run',
      ' * `npm run types`; npm test fails while this file is out of date.',
      ' */',
    ].join('\n'),
    cwd: join(root, 'schema'),
    declareExternallyReferenced: true,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    format: true,
  });
}

/** Generates every contract's declarations: `[{ name, path, text }]`. */
export async function generateAll() {
  return Promise.all(Object.keys(CONTRACTS).map(async (name) => (
    { name, path: typesPath(name), text: await generate(name) })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { path, text } of await generateAll()) {
    const rel = path.slice(root.length + 1);
    if (check) {
      let current = null;
      try { current = readFileSync(path, 'utf8'); } catch { /* missing counts as stale */ }
      if (current !== text) {
        stale += 1;
        console.error(`${rel} is out of date: run npm run types`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${rel}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

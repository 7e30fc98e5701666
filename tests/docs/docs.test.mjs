// The docs stay true: the field tables of docs/formats/ are what scripts/docs-schema.mjs makes
// of schema/ today, their JSON examples are valid documents, every relative link (and #anchor)
// of docs/ and README.md leads somewhere, and the attribute, custom property and part names of
// docs/attributes.md and docs/theming.md are exactly those of the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { CONTRACTS, renderDoc } from '../../scripts/docs-schema.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');

test('docs/formats/*.md field tables match schema/*.schema.json (npm run docs)', () => {
  for (const name of Object.keys(CONTRACTS)) {
    const { path, text } = renderDoc(name);
    assert.equal(readFileSync(path, 'utf8'), text, `${relative(ROOT, path)} does not match the schema: run npm run docs`);
  }
});

test('the JSON examples of docs/formats/*.md are valid documents', () => {
  for (const name of Object.keys(CONTRACTS)) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(read(`schema/${name}.schema.json`)));
    const examples = [...read(`docs/formats/${name}.md`).matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(examples.length >= 1, `docs/formats/${name}.md has a JSON example`);
    for (const example of examples) {
      const value = JSON.parse(example);
      assert.ok(validate(value), `docs/formats/${name}.md: ${ajv.errorsText(validate.errors)}\n${example}`);
    }
  }
});

/** Every Markdown file of docs/ (recursively) and README.md. */
function markdownFiles() {
  const out = ['README.md'];
  const walk = (dir) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) out.push(path);
    }
  };
  walk('docs');
  return out;
}

/** GitHub's anchors of a Markdown file: its headings and its `<a id>`s. */
function anchors(text) {
  const withoutCode = text.replace(/```[\s\S]*?```/g, '');
  const headings = [...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-'));
  const ids = [...text.matchAll(/<a id="([^"]+)"/g)].map((m) => m[1]);
  return new Set([...headings, ...ids]);
}

test('every relative link of docs/ and README.md leads to a file (and an anchor) that exists', () => {
  const broken = [];
  for (const file of markdownFiles()) {
    const text = read(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:
      const [path, anchor] = target.split('#');
      const resolved = path ? join(dirname(file), path) : file;
      if (!existsSync(join(ROOT, resolved))) {
        broken.push(`${file}: ${target} (no ${resolved})`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) {
        broken.push(`${file}: ${target} (no #${anchor} in ${resolved})`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

/** The first-column names (`name`) of the Markdown table rows of `text` between two headings. */
function tableNames(text, from, to) {
  const start = text.indexOf(from);
  assert.ok(start >= 0, `no "${from}"`);
  const end = to ? text.indexOf(to, start) : text.length;
  return [...text.slice(start, end).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]).sort();
}

test('docs/attributes.md lists exactly the attributes the element observes', () => {
  const observed = JSON.parse(read('src/entry.js').match(/const OBSERVED = (\[[^\]]*\]);/)[1].replaceAll("'", '"'));
  assert.deepEqual(tableNames(read('docs/attributes.md'), '| attribute / option |', '## Examples'), observed.sort());
});

test('docs/theming.md lists exactly the custom properties of src/dom/style.css', () => {
  // --aw-per-view is set inside the widget (carousel slides per view), not read from the page.
  const internal = new Set(['--aw-per-view']);
  const css = read('src/dom/style.css');
  const used = new Set([...css.matchAll(/var\((--aw-[a-z-]+)/g)].map((m) => m[1]).filter((name) => !internal.has(name)));
  const theming = read('docs/theming.md');
  const section = theming.slice(theming.indexOf('## Custom properties'), theming.indexOf('## Light, dark, auto'));
  const rows = [...section.matchAll(/^\| `(--aw-[a-z-]+)` \|[^|]*\| (?:`(--aw-dark-[a-z-]+)`)?/gm)]
    .flatMap((m) => (m[2] ? [m[1], m[2]] : [m[1]]));
  assert.deepEqual([...new Set(rows)].sort(), [...used].sort());
});

test('docs/theming.md lists exactly the ::part() names the widget sets', () => {
  const parts = new Set();
  // The shell's DOM code (Rust and its JS snippets) and the core's article view (src/view,
  // built as markup).
  for (const dir of ['dom', 'view']) {
    for (const name of readdirSync(join(ROOT, 'src', dir))) {
      // `el.set_attribute("part", "x")`, the shell's shorthand `el.attr("part", "x")`, or the
      // markup builder's `.attr("part", "x")`; in a snippet, `el.setAttribute('part', 'x')`.
      const pattern = name.endsWith('.rs')
        ? /\.(?:set_attribute|attr)\("part", "([a-z-]+)"\)/g
        : name.endsWith('.js') ? /\.setAttribute\('part', '([a-z-]+)'\)/g : null;
      if (!pattern) continue;
      for (const m of read(`src/${dir}/${name}`).matchAll(pattern)) parts.add(m[1]);
    }
  }
  assert.ok(parts.size >= 5, `found only ${[...parts]}`);
  assert.deepEqual(tableNames(read('docs/theming.md'), '| part | the region |'), [...parts].sort());
});

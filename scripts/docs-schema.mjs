// npm run docs: writes the field tables of docs/formats/{article,feed,comments}.md from
// schema/*.schema.json, between the markers
//   <!-- BEGIN GENERATED FIELDS … -->  and  <!-- END GENERATED FIELDS -->
// leaving the hand-written text around them alone (a missing doc is created with the markers).
//   node scripts/docs-schema.mjs           writes them
//   node scripts/docs-schema.mjs --check   exits 1 when a committed table differs from the schema
// (tests/docs/docs.test.mjs runs the check in npm test.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The contracts: schema file stem → the doc's title. */
export const CONTRACTS = {
  article: 'The article JSON',
  feed: 'The recommendations feed JSON',
  comments: 'The comment thread JSON',
};

const BEGIN = (name) =>
  `<!-- BEGIN GENERATED FIELDS from schema/${name}.schema.json by scripts/docs-schema.mjs: do not edit, run npm run docs -->`;
const END = '<!-- END GENERATED FIELDS -->';

/** Path of the doc of contract `name`. */
export const docPath = (name) => join(root, 'docs', 'formats', `${name}.md`);

/** GitHub's anchor of a heading. */
const anchor = (heading) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s+/g, '-');

/** `<` and `>` as entities outside `code spans`, so that "<p>" reads as text, not markup. */
function prose(text) {
  return String(text)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** A table cell: no line breaks, no bare pipes. */
const cell = (text) => String(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** A JSON value as inline code. */
const code = (value) => `\`${JSON.stringify(value)}\``;

const defName = (ref) => {
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  if (!match) throw new Error(`only local $defs references are supported, found ${ref}`);
  return match[1];
};

/** Whether a definition gets its own section (an object) rather than a row of "Common types". */
const isObjectDef = (def) => def.type === 'object' || 'properties' in def || 'allOf' in def;

/** Largest integer JSON numbers can hold exactly: not worth mentioning as a maximum. */
const SAFE_MAX = 9007199254740991;

/** The type column of a schema node. */
function typeOf(node) {
  if (node.$ref) {
    const name = defName(node.$ref);
    const base = `[${name}](#${anchor(name)})`;
    return node.properties || node.required ? `${base}, with more rules (below)` : base;
  }
  if ('const' in node) return code(node.const);
  if (node.enum) return node.enum.map(code).join(' or ');
  if (node.oneOf || node.anyOf) return (node.oneOf || node.anyOf).map(typeOf).join(' or ');
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.map((type) => {
    switch (type) {
      case 'array':
        return node.items ? `array of ${typeOf(node.items)}` : 'array';
      case 'integer':
      case 'number': {
        const max = node.maximum !== undefined && node.maximum !== SAFE_MAX ? node.maximum : undefined;
        if (node.minimum !== undefined && max !== undefined) return `${type}, ${node.minimum} to ${max}`;
        if (node.minimum !== undefined) return `${type} ≥ ${node.minimum}`;
        if (max !== undefined) return `${type} ≤ ${max}`;
        return type;
      }
      case 'string':
        return node.minLength >= 1 || node.pattern === '\\S' ? 'non-empty string' : 'string';
      case undefined:
        return 'any';
      default:
        return type;
    }
  }).join(' or ');
}

/** The description column: the schema's description and the rules the type column leaves out. */
function describe(node) {
  const parts = [];
  if (node.description) parts.push(prose(node.description));
  // Short patterns say something at a glance; long ones (URL rules) are told by the description.
  if (node.pattern && node.pattern !== '\\S' && !node.$ref && node.pattern.length <= 60) {
    parts.push(`Pattern: \`${node.pattern}\`.`);
  }
  if (node.uniqueItems) parts.push('No repeated values.');
  if (node.minItems !== undefined) parts.push(`At least ${node.minItems} item(s).`);
  if (node.default !== undefined) parts.push(`Default: ${code(node.default)}.`);
  if (node.examples) parts.push(`Example${node.examples.length > 1 ? 's' : ''}: ${node.examples.map(code).join(', ')}.`);
  return parts.join(' ');
}

/** The rows of `node`'s properties, nested objects and arrays of objects flattened by path. */
function rows(node, prefix = '') {
  const out = [];
  const required = new Set(node.required || []);
  for (const [key, child] of Object.entries(node.properties || {})) {
    const path = `${prefix}${key}`;
    out.push(`| \`${path}\` | ${cell(typeOf(child))} | ${required.has(key) ? 'yes' : 'no'} | ${cell(describe(child))} |`);
    if (child.type === 'object' && child.properties && !child.$ref) out.push(...rows(child, `${path}.`));
    if (child.type === 'array' && child.items && child.items.properties && !child.items.$ref) {
      out.push(...rows(child.items, `${path}[].`));
    }
  }
  return out;
}

/** "`kind` is "featured" or "carousel"" for the `if` of a conditional. */
function condition(schema) {
  return Object.entries(schema.properties || {}).map(([key, rule]) => {
    const values = 'const' in rule ? [rule.const] : rule.enum || [];
    return `\`${key}\` is ${values.map(code).join(' or ')}`;
  }).join(' and ');
}

/** The paragraphs of the `if`/`then` rules of an object. */
function conditionals(node) {
  const out = [];
  for (const rule of node.allOf || []) {
    if (!rule.if || !rule.then) continue;
    const then = rule.then;
    if (then.$ref) {
      const name = defName(then.$ref);
      out.push(`- When ${condition(rule.if)}: the rules of [${name}](#${anchor(name)}) apply.`);
    } else {
      const parts = Object.entries(then.properties || {})
        .map(([key, child]) => `\`${key}\` is ${typeOf(child)}.${child.description ? ` ${prose(child.description)}` : ''}`);
      for (const key of then.required || []) parts.push(`\`${key}\` is required.`);
      out.push(`- When ${condition(rule.if)}: ${parts.join(' ')}`);
    }
  }
  return out;
}

const HEADER = ['| field | type | required | description |', '|---|---|---|---|'];

/** One object's section: heading, description, its table and its conditional rules. */
function section(title, node) {
  const out = [`### ${title}`, ''];
  if (node.description) out.push(prose(node.description), '');
  if (node.$ref) {
    const name = defName(node.$ref);
    out.push(`All the fields of [${name}](#${anchor(name)}), and:`, '');
  }
  const table = rows(node);
  if (table.length) out.push(...HEADER, ...table, '');
  if (node.required && node.$ref) {
    const extra = node.required.filter((key) => !(node.properties || {})[key]);
    if (extra.length) out.push(`Required here: ${extra.map((key) => `\`${key}\``).join(', ')}.`, '');
  }
  const rules = conditionals(node);
  if (rules.length) out.push('Rules by value:', '', ...rules, '');
  return out;
}

/** The generated part of the doc of contract `name`. */
export function fieldsMarkdown(name) {
  const schema = JSON.parse(readFileSync(join(root, 'schema', `${name}.schema.json`), 'utf8'));
  const defs = schema.$defs || {};
  const out = [
    BEGIN(name),
    '',
    '## Fields',
    '',
    `Generated from [\`schema/${name}.schema.json\`](../../schema/${name}.schema.json) (JSON Schema`
      + ` ${/2020-12/.test(schema.$schema) ? '2020-12' : 'draft'}). "required" means required in the`
      + ' object the row belongs to; `a.b` is property `b` of object `a`, `a[].b` property `b` of each'
      + ' item of array `a`.',
    '',
    ...section(`${schema.title} (the document)`, schema),
  ];
  for (const [key, def] of Object.entries(defs)) {
    if (isObjectDef(def)) out.push(...section(key, def));
  }
  const common = Object.entries(defs).filter(([, def]) => !isObjectDef(def));
  if (common.length) {
    out.push('### Common types', '', '| type | is | rule |', '|---|---|---|');
    for (const [key, def] of common) {
      out.push(`| <a id="${anchor(key)}"></a>\`${key}\` | ${cell(typeOf(def))} | ${cell(prose(def.description || ''))} |`);
    }
    out.push('');
  }
  out.push(END);
  return `${out.join('\n')}\n`;
}

/** The whole doc of contract `name` with a fresh generated part: `{ path, text }`. */
export function renderDoc(name) {
  const path = docPath(name);
  const fields = fieldsMarkdown(name);
  if (!existsSync(path)) return { path, text: `# ${CONTRACTS[name]}\n\n${fields}` };
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf('<!-- BEGIN GENERATED FIELDS');
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no generated-fields markers`);
  const after = current.slice(end + END.length).replace(/^\n/, '');
  return { path, text: `${current.slice(0, start)}${fields}${after}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of Object.keys(CONTRACTS)) {
    const { path, text } = renderDoc(name);
    const rel = path.slice(root.length + 1);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (check) {
      if (current !== text) {
        stale += 1;
        console.error(`${rel} does not match schema/${name}.schema.json: run npm run docs`);
      }
    } else if (current !== text) {
      writeFileSync(path, text);
      console.log(`wrote ${rel}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

// The fields of the three contracts, read from schema/*.schema.json, and the documents the
// hostile-input suites derive from them: for every field a sample document holds, one copy
// with a value of the wrong type there; for every required property, one copy without it;
// and the list of string fields, for the script-injection suite.
//
// A field is named by the JSON pointer of its definition in the schema ("#/$defs/ImageBlock/
// properties/src", "#/properties/tags/items"), so that "every field" means every `properties`
// entry and every array's `items` of the schema, each counted once however often a sample
// repeats it. The schema's own composition is followed: `$ref`, `allOf` with `if`/`then` on a
// discriminator (a block's `type`, a section's `kind`), `anyOf`.
//
//   const article = contract('article');
//   article.fields            // every field pointer reachable from the root
//   article.requirements      // every 'object pointer#required name'
//   article.cases(samples)    // { wrongType, missing, uncovered }
//   article.stringFields()    // every field whose value is a string
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SCHEMAS = { article: 'article.schema.json', feed: 'feed.schema.json', comments: 'comments.schema.json' };

/** `a.b`, `a[0]`: the widget's field paths (src/model/fields.rs). */
const child = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The schema node at a local `$ref` ("#/$defs/Url"), with its pointer. */
function deref(schema, ref) {
  let node = schema;
  for (const part of ref.slice(2).split('/')) node = node[part];
  return { node, pointer: ref };
}

/**
 * The schema of contract `name` ('article', 'feed' or 'comments') and what is derived from it.
 */
export function contract(name) {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', SCHEMAS[name]), 'utf8'));

  /**
   * The nodes that apply to `value` at the node `pointer`: the node, what it `$ref`s, and the
   * `then` of each `allOf` branch whose `if` matches `value` (`value` undefined: every branch,
   * for enumerating the fields). Each as `{ node, pointer }`.
   */
  function applying(pointer, value) {
    const out = [];
    const seen = new Set();
    const visit = (node, at) => {
      if (seen.has(at)) return;
      seen.add(at);
      out.push({ node, pointer: at });
      if (node.$ref) visit(deref(schema, node.$ref).node, node.$ref);
      (node.allOf ?? []).forEach((branch, i) => {
        if (branch.if && branch.then && (value === undefined || matches(branch.if, value))) {
          visit(branch.then, `${at}/allOf/${i}/then`);
        } else if (!branch.if) {
          visit(branch, `${at}/allOf/${i}`);
        }
      });
    };
    visit(pointer === '#' ? schema : deref(schema, pointer).node, pointer);
    return out;
  }

  /** Whether `value` fits an `if` of the schema (the discriminators used: const, enum, required). */
  function matches(condition, value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    for (const key of condition.required ?? []) if (!(key in value)) return false;
    for (const [key, rule] of Object.entries(condition.properties ?? {})) {
      if (!(key in value)) continue;
      if ('const' in rule && value[key] !== rule.const) return false;
      if (rule.enum && !rule.enum.includes(value[key])) return false;
    }
    return true;
  }

  /** The JSON types a field may hold, from the nodes that apply to it. */
  function types(nodes) {
    const found = new Set();
    for (const { node } of nodes) {
      if (node.type) [node.type].flat().forEach((t) => found.add(t));
      if ('const' in node) found.add(typeof node.const === 'string' ? 'string' : typeof node.const);
      for (const alternative of node.anyOf ?? node.oneOf ?? []) [alternative.type].flat().forEach((t) => found.add(t));
    }
    return found;
  }

  /** The `items` nodes of an array's `nodes`. */
  function itemNodes(nodes, value) {
    const out = [];
    for (const { node, pointer } of nodes) if (node.items) out.push(...applying(`${pointer}/items`, value));
    return out;
  }

  /** Every field pointer and requirement reachable from the root, for coverage. */
  function enumerate() {
    const fields = new Map();
    const requirements = new Set();
    const done = new Set();
    const visit = (nodes) => {
      const key = nodes.map((n) => n.pointer).join(' ');
      if (done.has(key)) return;
      done.add(key);
      for (const { node, pointer } of nodes) {
        for (const required of node.required ?? []) requirements.add(`${pointer}#${required}`);
        for (const property of Object.keys(node.properties ?? {})) {
          const at = `${pointer}/properties/${property}`;
          const inner = applying(at);
          fields.set(at, types(inner));
          visit(inner);
        }
        if (node.items) {
          const at = `${pointer}/items`;
          const inner = applying(at);
          fields.set(at, types(inner));
          visit(inner);
        }
      }
    };
    visit(applying('#'));
    return { fields, requirements };
  }

  /**
   * Every field of `document` with the pointers that define it: `{ path, pointers, types,
   * parent, key }`, and every object with its requirements: `{ path, value, required:
   * [[pointer, name]] }`.
   */
  function walk(document) {
    const fields = [];
    const objects = [];
    const visit = (value, path, nodes) => {
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const inner = itemNodes(nodes, item);
          if (inner.length === 0) return;
          fields.push({ path: child(path, i), pointers: inner.filter((n) => n.pointer.endsWith('/items')).map((n) => n.pointer),
            types: types(inner), parent: value, key: i });
          visit(item, child(path, i), inner);
        });
      } else if (value && typeof value === 'object') {
        const required = [];
        for (const { node, pointer } of nodes) for (const name of node.required ?? []) required.push([pointer, name]);
        objects.push({ path, value, required });
        for (const [key, item] of Object.entries(value)) {
          const inner = [];
          const own = [];
          for (const { node, pointer } of nodes) {
            if (!node.properties?.[key]) continue;
            own.push(`${pointer}/properties/${key}`);
            inner.push(...applying(`${pointer}/properties/${key}`, item));
          }
          if (own.length === 0) continue;
          fields.push({ path: child(path, key), pointers: own, types: types(inner), parent: value, key });
          visit(item, child(path, key), inner);
        }
      }
    };
    visit(document, '', applying('#', document));
    return { fields, objects };
  }

  const { fields, requirements } = enumerate();
  return {
    name,
    schema,
    /** Every field: pointer → the JSON types it may hold. */
    fields,
    /** Every requirement as 'object pointer#name'. */
    requirements,

    /**
     * The documents of the malformed-data suite, made from `samples` (valid documents):
     * `wrongType`: for each field (by pointer) the first sample holding it, with a value of
     * another type there; `missing`: for each requirement the first sample object having
     * it, without it. Each case is `{ name, path, document }`, `path` the field the widget
     * must name. `uncovered`: fields and requirements no sample exercises.
     */
    cases(samples) {
      const wrongType = [];
      const missing = [];
      const covered = new Set();
      for (const sample of samples) {
        const { fields: found, objects } = walk(sample);
        for (const { path, pointers, types: allowed, parent, key } of found) {
          if (pointers.every((p) => covered.has(p))) continue;
          pointers.forEach((p) => covered.add(p));
          const before = parent[key];
          parent[key] = wrongValue(allowed);
          wrongType.push({ name: `wrong ${path}`, path, pointers, document: structuredClone(sample) });
          parent[key] = before;
        }
        for (const { path, value, required } of objects) {
          // One document per property, for all the nodes that require it (a block's `type`).
          const byName = new Map();
          for (const [pointer, requiredName] of required) {
            byName.set(requiredName, [...(byName.get(requiredName) ?? []), `${pointer}#${requiredName}`]);
          }
          for (const [requiredName, ids] of byName) {
            if (ids.every((id) => covered.has(id)) || !(requiredName in value)) continue;
            ids.forEach((id) => covered.add(id));
            const before = value[requiredName];
            delete value[requiredName];
            missing.push({ name: `missing ${child(path, requiredName)}`, path: child(path, requiredName), pointers: ids,
              document: structuredClone(sample) });
            value[requiredName] = before;
          }
        }
      }
      // Restored in place: the order of keys may have changed, the content has not.
      const uncovered = [...fields.keys(), ...requirements].filter((p) => !covered.has(p));
      return { wrongType, missing, uncovered };
    },

    /** Every field pointer whose value may be a string (array items included). */
    stringFields() {
      return [...fields].filter(([, allowed]) => allowed.has('string')).map(([pointer]) => pointer);
    },

    /** `walk` of a document: its fields with their pointers (see `cases`). */
    fieldsOf(document) {
      return walk(document).fields;
    },
  };
}

/** A value of none of the types in `allowed`. */
function wrongValue(allowed) {
  if (!allowed.has('number') && !allowed.has('integer')) return 7;
  if (!allowed.has('string')) return 'seven';
  return [7];
}

// Contract tests for the article JSON Schema and the sample data in www/data/.
//
// Run: node --test tests/schema/
//
// Fixture format (shared with the Rust validator's tests):
//   tests/fixtures/valid/*.json    articles that must validate.
//   tests/fixtures/invalid/*.json  articles that are invalid in exactly one way. Each carries a
//     top-level "_expect" (ignored by the schema, stripped before validating):
//       path     JSON Pointer of the offending value. For a missing property it is the path the
//                property would have (parent + "/" + name); for a property a closed object does not
//                allow, the path of that property.
//       field    the same location as the Rust validator reports it: objects joined with ".",
//                array indexes as "[i]", e.g. body[3].children[0].href; a missing top-level field
//                is just its name, e.g. title.
//       keyword  the JSON Schema keyword that fails (Ajv's name for it).
//       why      a human-readable reason.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_PATH = join(ROOT, 'schema', 'article.schema.json');
const DATA = join(ROOT, 'www', 'data');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
// The reference page the demo reproduces, as text (the design's seed page, copied verbatim).
const SEED = join(FIXTURES, 'seed', 'jijiehao.txt');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const jsonFiles = (dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));

const schema = readJson(SCHEMA_PATH);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const urlPattern = new RegExp(schema.$defs.Url.pattern, 'u');
const dateTimePattern = new RegExp(schema.$defs.DateTime.pattern, 'u');

/** JSON Pointer -> the Rust validator's field path: /body/3/children/0/href -> body[3].children[0].href */
export function pointerToField(pointer) {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += (out ? '.' : '') + seg;
  }
  return out;
}

const escapePointer = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

/** The location an Ajv error is about (a missing or forbidden property points at the property). */
function errorPath(err) {
  if (err.keyword === 'required') return `${err.instancePath}/${escapePointer(err.params.missingProperty)}`;
  if (err.keyword === 'additionalProperties') {
    return `${err.instancePath}/${escapePointer(err.params.additionalProperty)}`;
  }
  return err.instancePath;
}

// Errors that only report that a sub-schema failed; the useful error is reported beside them.
const WRAPPER_KEYWORDS = new Set(['if', 'allOf', 'anyOf', 'oneOf', 'not']);
const leafErrors = (errors) => (errors ?? []).filter((e) => !WRAPPER_KEYWORDS.has(e.keyword));
const formatErrors = (errors) =>
  (errors ?? []).map((e) => `${errorPath(e) || '/'} ${e.keyword}: ${e.message}`).join('\n');

function withoutExpect(doc) {
  const { _expect, ...rest } = doc;
  return rest;
}

/** Paths of the properties and definitions of a schema that lack a description. */
function undocumented(root) {
  const missing = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'if') continue; // discriminator conditions, not documented properties
      if ((key === 'properties' || key === '$defs') && value && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) {
          if (typeof sub?.description !== 'string' || sub.description.trim() === '') {
            missing.push(`${path}/${key}/${name}`);
          }
        }
      }
      walk(value, `${path}/${key}`);
    }
  };
  walk(root, '#');
  return missing;
}

/** Checks that an invalid fixture fails `check` exactly at its `_expect.path` (and keyword). */
function assertRejectedAsExpected(check, file) {
  const doc = readJson(file);
  const expect = doc._expect;
  assert.ok(expect && typeof expect.path === 'string', 'fixture lacks _expect.path');
  assert.equal(expect.field, pointerToField(expect.path), '_expect.field does not match _expect.path');

  const ok = check(withoutExpect(doc));
  assert.equal(ok, false, 'fixture unexpectedly validates');
  const leaves = leafErrors(check.errors);
  assert.ok(leaves.length > 0, 'no leaf errors');
  const paths = [...new Set(leaves.map(errorPath))];
  assert.deepEqual(paths, [expect.path],
    `errors should all be at ${expect.path} (invalid in exactly one way), got:\n${formatErrors(leaves)}`);
  if (expect.keyword) {
    assert.ok(leaves.some((e) => e.keyword === expect.keyword),
      `expected a "${expect.keyword}" error, got:\n${formatErrors(leaves)}`);
  }
}

describe('schema', () => {
  test('declares draft 2020-12 and its $id', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'https://article-widget.example/schema/article.schema.json');
  });

  test('every property and every definition has a description (docs are generated from it)', () => {
    const missing = undocumented(schema);
    assert.deepEqual(missing, [], `properties without a description:\n${missing.join('\n')}`);
  });

  test('the Url pattern accepts safe URLs and rejects script-capable ones', () => {
    const good = ['https://a.example/', 'HTTP://A', 'mailto:x@y.z', 'MAILTO:x@y.z', '../img/a.png', '/x', '?q=1',
      '#top', '//cdn.example/x', 'a/b:c', './x:y', 'jijiehao.json', '%E6%AD%99.html', 'http://例子.测试/'];
    const bad = ['javascript:alert(1)', 'JAVASCRIPT:x', ' javascript:x', 'java\tscript:x', 'java\nscript:x',
      '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x', 'tel:123',
      'blob:https://a/b', 'x-y.z+1:anything', 'https://a/\u007f'];
    for (const u of good) assert.ok(urlPattern.test(u), `should accept ${JSON.stringify(u)}`);
    for (const u of bad) assert.ok(!urlPattern.test(u), `should reject ${JSON.stringify(u)}`);
  });
});

describe('sample articles in www/data/articles validate', () => {
  const files = jsonFiles(join(DATA, 'articles'));
  test('there are sample articles', () => assert.ok(files.length >= 2, 'expected at least 2 articles'));
  for (const file of files) {
    test(relative(ROOT, file), () => {
      const ok = validate(readJson(file));
      assert.ok(ok, `${relative(ROOT, file)} is invalid:\n${formatErrors(validate.errors)}`);
    });
  }
});

describe('valid fixtures validate', () => {
  for (const file of jsonFiles(join(FIXTURES, 'valid'))) {
    test(relative(FIXTURES, file), () => {
      const ok = validate(readJson(file));
      assert.ok(ok, `${relative(ROOT, file)} is invalid:\n${formatErrors(validate.errors)}`);
    });
  }
});

describe('invalid fixtures are rejected at the expected place', () => {
  const files = jsonFiles(join(FIXTURES, 'invalid'));
  test('there are invalid fixtures', () => assert.ok(files.length >= 7));
  for (const file of files) {
    test(relative(FIXTURES, file), () => assertRejectedAsExpected(validate, file));
  }
});

describe('jijiehao.json is faithful to the seed page', () => {
  const article = readJson(join(DATA, 'articles', 'jijiehao.json'));
  const seed = readFileSync(SEED, 'utf8');
  const blockText = (b) => (b.children ?? []).map((s) => s.text).join('');

  test('title, blurb, summary and every body block appear verbatim, in order', () => {
    assert.ok(seed.includes(article.title), 'title');
    assert.ok(seed.includes(article.channel.blurb), 'channel blurb');
    assert.ok(seed.includes(article.summary), 'summary');
    let pos = 0;
    article.body.forEach((b, i) => {
      const text = blockText(b);
      const at = seed.indexOf(text, pos);
      assert.ok(at >= 0, `body[${i}] is not verbatim (or out of order): ${text.slice(0, 30)}`);
      pos = at + text.length;
    });
    assert.ok(seed.startsWith('·汪亚清柯为·', pos), 'the body should end right before the byline');
  });

  test('structure: 3 level-2 subheadings, byline as authors', () => {
    const headings = article.body.filter((b) => b.type === 'heading');
    assert.deepEqual(headings.map(blockText),
      ['吹响“集结号”,发布社区动员令', '防控再细化,处处都有先锋队', '织牢保障网,激发斗志显担当']);
    assert.ok(headings.every((h) => h.level === 2));
    assert.deepEqual(article.authors.map((a) => a.name), ['汪亚清', '柯为']);
    assert.ok(!article.body.some((b) => blockText(b).includes('汪亚清')), 'byline must not be body text');
    assert.equal(article.published, '2020-02-19T04:32:00+08:00');
    assert.equal(article.navigation.filter((n) => n.current).map((n) => n.title).join(), '今日歙县');
  });
});

// --- feeds, comments and the files they point at (feeds also against their schema, at the end) ---

/** Width and height from a PNG's IHDR, or from a JPEG's SOFn marker. */
function imageSize(file) {
  const b = readFileSync(file);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) { i += 1; continue; }
      const marker = b[i + 1];
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  throw new Error(`${file}: not a PNG or JPEG`);
}

const isRelative = (u) => !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(u) && !u.startsWith('/') && !/^[?#]/.test(u);
/** Checks that a relative image reference inside jsonFile exists and has the stated size. */
function checkImage(jsonFile, img, where) {
  assert.ok(urlPattern.test(img.src), `${where}: unsafe src ${img.src}`);
  assert.ok(Number.isInteger(img.width) && img.width >= 1 && Number.isInteger(img.height) && img.height >= 1,
    `${where}: width/height must be integers >= 1`);
  assert.equal(typeof img.alt, 'string', `${where}: alt is required`);
  if (!isRelative(img.src)) return;
  const file = resolve(dirname(jsonFile), img.src);
  assert.ok(existsSync(file), `${where}: ${img.src} does not exist`);
  assert.deepEqual(imageSize(file), { width: img.width, height: img.height }, `${where}: size of ${img.src}`);
  for (const candidate of (img.srcset ?? '').split(',').map((c) => c.trim()).filter(Boolean)) {
    const [url, descriptor] = candidate.split(/\s+/);
    assert.ok(urlPattern.test(url), `${where}: unsafe srcset URL ${url}`);
    const target = resolve(dirname(jsonFile), url);
    assert.ok(existsSync(target), `${where}: srcset ${url} does not exist`);
    if (descriptor?.endsWith('w')) {
      assert.equal(imageSize(target).width, Number(descriptor.slice(0, -1)), `${where}: srcset ${candidate}`);
    }
  }
}

describe('images referenced by the sample data exist with the stated sizes', () => {
  for (const file of jsonFiles(join(DATA, 'articles'))) {
    test(relative(ROOT, file), () => {
      readJson(file).body.forEach((b, i) => {
        if (b.type === 'image') checkImage(file, b, `body[${i}]`);
      });
    });
  }
  test('images stay small (each < 30 KB, all < 150 KB)', () => {
    const dir = join(DATA, 'img');
    let total = 0;
    for (const f of readdirSync(dir)) {
      const size = statSync(join(dir, f)).size;
      assert.ok(size < 30 * 1024, `${f} is ${size} bytes`);
      total += size;
    }
    assert.ok(total < 150 * 1024, `img/ totals ${total} bytes`);
  });
});

describe('feeds in www/data/feeds', () => {
  const KINDS = new Set(['featured', 'carousel', 'list', 'ranking', 'grid']);
  for (const file of jsonFiles(join(DATA, 'feeds'))) {
    test(relative(ROOT, file), () => {
      const feed = readJson(file);
      assert.match(feed.version, /^1\.[0-9]+$/);
      assert.ok(typeof feed.id === 'string' && feed.id.length > 0);
      assert.ok(Array.isArray(feed.sections) && feed.sections.length > 0);
      const sectionIds = new Set();
      feed.sections.forEach((s, si) => {
        const at = `sections[${si}]`;
        assert.ok(!sectionIds.has(s.id), `${at}: duplicate id ${s.id}`);
        sectionIds.add(s.id);
        assert.ok(KINDS.has(s.kind), `${at}: unknown kind ${s.kind}`);
        assert.ok(typeof s.title === 'string' && s.title.length > 0, `${at}: title`);
        assert.ok(Array.isArray(s.items) && s.items.length > 0, `${at}: items`);
        const itemIds = new Set();
        s.items.forEach((it, ii) => {
          const where = `${at}.items[${ii}]`;
          assert.ok(typeof it.id === 'string' && it.id && !itemIds.has(it.id), `${where}: id missing or repeated`);
          itemIds.add(it.id);
          assert.ok(typeof it.title === 'string' && it.title.length > 0, `${where}: title`);
          assert.ok(!/(\.\.\.|…)$/.test(it.title), `${where}: headline is cut off`);
          assert.ok(typeof it.url === 'string' && urlPattern.test(it.url), `${where}: url`);
          if (it.published !== undefined) assert.match(it.published, dateTimePattern, `${where}: published`);
          if (it.image !== undefined) checkImage(file, it.image, `${where}.image`);
          if (it.tags !== undefined) assert.ok(it.tags.every((t) => typeof t === 'string'), `${where}: tags`);
          if (it.views !== undefined) assert.ok(Number.isInteger(it.views) && it.views >= 0, `${where}: views`);
          if (s.kind === 'ranking') assert.equal(it.rank, ii + 1, `${where}: ranks are 1..n in order`);
          if (s.kind === 'carousel' || s.kind === 'featured') assert.ok(it.image, `${where}: needs an image`);
        });
      });
    });
  }
});

describe('comment threads in www/data/comments', () => {
  for (const file of jsonFiles(join(DATA, 'comments'))) {
    test(relative(ROOT, file), () => {
      const thread = readJson(file);
      assert.match(thread.version, /^1\.[0-9]+$/);
      assert.ok(typeof thread.uri === 'string' && thread.uri.length > 0);
      assert.ok(Array.isArray(thread.comments) && thread.comments.length > 0);
      const byId = new Map();
      let replies = 0;
      for (const [i, c] of thread.comments.entries()) {
        const where = `comments[${i}]`;
        assert.ok(typeof c.id === 'string' && c.id && !byId.has(c.id), `${where}: id missing or repeated`);
        assert.ok(c.parent === null || byId.has(c.parent), `${where}: parent must be null or an earlier id`);
        assert.ok(typeof c.author === 'string' && c.author.length > 0, `${where}: author`);
        if (c.website !== undefined) assert.ok(urlPattern.test(c.website), `${where}: website`);
        assert.match(c.created, dateTimePattern, `${where}: created`);
        assert.ok(typeof c.text === 'string' && c.text.length > 0, `${where}: text`);
        assert.ok(Number.isInteger(c.likes) && c.likes >= 0, `${where}: likes`);
        if (c.parent !== null) {
          replies += 1;
          assert.ok(Date.parse(c.created) > Date.parse(byId.get(c.parent).created), `${where}: reply before parent`);
        }
        byId.set(c.id, c);
      }
      assert.ok(replies > 0, 'the sample thread should contain replies');
    });
  }
});

// --- the feed contract: schema/feed.schema.json ---
//
// Fixtures in tests/fixtures/feed/{valid,invalid}/ have the same format as the article fixtures
// and are shared with the Rust validator's tests (tests/feed.rs), which check `_expect.field`.

describe('feed schema', () => {
  const FEED_FIXTURES = join(FIXTURES, 'feed');
  const feedSchema = readJson(join(ROOT, 'schema', 'feed.schema.json'));
  const validateFeed = new Ajv2020({ allErrors: true, strict: true }).compile(feedSchema);
  const imageUrlPattern = new RegExp(feedSchema.$defs.ImageUrl.pattern, 'u');

  test('declares draft 2020-12 and its $id', () => {
    assert.equal(feedSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(feedSchema.$id, 'https://article-widget.example/schema/feed.schema.json');
  });

  test('every property and every definition has a description', () => {
    const missing = undocumented(feedSchema);
    assert.deepEqual(missing, [], `properties without a description:\n${missing.join('\n')}`);
  });

  test('URLs and times follow the same rules as in the article', () => {
    assert.equal(feedSchema.$defs.Url.pattern, schema.$defs.Url.pattern);
    assert.equal(feedSchema.$defs.DateTime.pattern, schema.$defs.DateTime.pattern);
    assert.equal(feedSchema.properties.version.pattern, schema.properties.version.pattern);
  });

  test('image URLs are web or relative URLs, never mailto or scripts', () => {
    for (const u of ['https://a.example/a.png', 'HTTP://A/b.jpg', '../img/a.png', '/a.png', '//cdn.example/a.png', 'a.png?v=2']) {
      assert.ok(imageUrlPattern.test(u), `should accept ${JSON.stringify(u)}`);
    }
    for (const u of ['mailto:a@b.c', 'MAILTO:a@b.c', 'javascript:alert(1)', 'data:image/png;base64,AAAA', ' a.png',
      'java\tscript:x', 'blob:https://a/b', 'file:///a.png']) {
      assert.ok(!imageUrlPattern.test(u), `should reject ${JSON.stringify(u)}`);
    }
  });

  describe('sample feeds in www/data/feeds validate', () => {
    for (const file of jsonFiles(join(DATA, 'feeds'))) {
      test(relative(ROOT, file), () => {
        const ok = validateFeed(readJson(file));
        assert.ok(ok, `${relative(ROOT, file)} is invalid:\n${formatErrors(validateFeed.errors)}`);
      });
    }
  });

  describe('valid feed fixtures validate', () => {
    for (const file of jsonFiles(join(FEED_FIXTURES, 'valid'))) {
      test(relative(FIXTURES, file), () => {
        const ok = validateFeed(readJson(file));
        assert.ok(ok, `${relative(ROOT, file)} is invalid:\n${formatErrors(validateFeed.errors)}`);
      });
    }
  });

  describe('invalid feed fixtures are rejected at the expected place', () => {
    const files = jsonFiles(join(FEED_FIXTURES, 'invalid'));
    test('there are invalid feed fixtures', () => assert.ok(files.length >= 40));
    for (const file of files) {
      test(relative(FIXTURES, file), () => assertRejectedAsExpected(validateFeed, file));
    }
  });

  test('the valid fixtures use every property the schema defines', () => {
    const used = new Set();
    const collect = (node) => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        used.add(key);
        collect(value);
      }
    };
    jsonFiles(join(FEED_FIXTURES, 'valid')).forEach((f) => collect(readJson(f)));
    const defined = new Set();
    for (const def of [feedSchema, ...Object.values(feedSchema.$defs)]) {
      Object.keys(def.properties ?? {}).forEach((k) => defined.add(k));
    }
    const unused = [...defined].filter((k) => !used.has(k));
    assert.deepEqual(unused, [], `properties no valid fixture uses: ${unused.join(', ')}`);
  });

  test('personalised sections of the sample feeds have more candidates than they show', () => {
    for (const file of jsonFiles(join(DATA, 'feeds'))) {
      for (const s of readJson(file).sections.filter((x) => x.personalize)) {
        assert.ok(Number.isInteger(s.limit) && s.items.length > s.limit, `${relative(ROOT, file)} ${s.id}`);
      }
    }
  });
});

// --- the comment thread contract: schema/comments.schema.json ---
//
// Fixtures in tests/fixtures/comments/{valid,invalid} follow the article fixtures' format. An
// invalid fixture whose fault the schema cannot express (unique ids, replies to existing
// comments, no reply cycles) carries "_expect.schema": false; the schema must accept it, and
// crossReferenceProblems (the JavaScript twin of the Rust validator's check) must name the field.

const COMMENTS_SCHEMA_PATH = join(ROOT, 'schema', 'comments.schema.json');
const COMMENT_FIXTURES = join(FIXTURES, 'comments');
const commentsSchema = readJson(COMMENTS_SCHEMA_PATH);
const validateThread = new Ajv2020({ allErrors: true, strict: true }).compile(commentsSchema);

/** Fields (as the Rust validator names them) where ids repeat, parents are missing, or replies cycle. */
export function crossReferenceProblems(thread) {
  const problems = [];
  const comments = Array.isArray(thread.comments) ? thread.comments : [];
  const idOf = (c) => (typeof c?.id === 'string' && c.id.trim() ? c.id : undefined);
  const first = new Map();
  comments.forEach((c, i) => {
    const id = idOf(c);
    if (id === undefined) return;
    if (first.has(id)) problems.push(`comments[${i}].id`);
    else first.set(id, i);
  });
  const parentOf = comments.map((c, i) => {
    if (typeof c?.parent !== 'string' || !c.parent.trim()) return undefined;
    if (!first.has(c.parent)) problems.push(`comments[${i}].parent`);
    return first.get(c.parent);
  });
  const reported = new Set();
  comments.forEach((_, start) => {
    const seen = [];
    for (let at = start; at !== undefined; at = parentOf[at]) {
      const loop = seen.indexOf(at);
      if (loop >= 0) {
        const firstOnCycle = Math.min(...seen.slice(loop));
        if (!reported.has(firstOnCycle)) problems.push(`comments[${firstOnCycle}].parent`);
        reported.add(firstOnCycle);
        break;
      }
      seen.push(at);
    }
  });
  return problems;
}

describe('comments schema', () => {
  test('declares draft 2020-12 and its $id', () => {
    assert.equal(commentsSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(commentsSchema.$id, 'https://article-widget.example/schema/comments.schema.json');
  });

  test('every property and every definition has a description', () => {
    assert.deepEqual(undocumented(commentsSchema), []);
  });

  test('version and DateTime follow the article contract', () => {
    assert.deepEqual(commentsSchema.properties.version.pattern, schema.properties.version.pattern);
    assert.deepEqual(commentsSchema.$defs.DateTime.pattern, schema.$defs.DateTime.pattern);
  });

  test('the website pattern accepts absolute http(s) URLs only', () => {
    const website = new RegExp(commentsSchema.$defs.Comment.properties.website.pattern, 'u');
    const good = ['https://example.com/~shexian', 'HTTP://A.example', 'http://例子.测试/', 'https://a/b c',
      'https://example.com/?q=<script>'];
    const bad = ['/about', 'example.com', '//example.com', 'https://', 'http:///x', 'https:// a', 'http:a.example',
      'mailto:a@example.com', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' https://a.example', 'java\tscript:x',
      'https://a.example\n', 'https://a.example ', 'https://a.example\u3000', 'https://a\u0085b', 'data:text/html,x',
      'ftp://a.example', ''];
    for (const u of good) assert.ok(website.test(u), `should accept ${JSON.stringify(u)}`);
    for (const u of bad) assert.ok(!website.test(u), `should reject ${JSON.stringify(u)}`);
  });
});

describe('comment threads in www/data/comments validate against the schema', () => {
  for (const file of jsonFiles(join(DATA, 'comments'))) {
    test(relative(ROOT, file), () => {
      const thread = readJson(file);
      assert.ok(validateThread(thread), formatErrors(validateThread.errors));
      assert.deepEqual(crossReferenceProblems(thread), []);
    });
  }
});

describe('valid comment fixtures validate', () => {
  const files = jsonFiles(join(COMMENT_FIXTURES, 'valid'));
  test('there are valid comment fixtures', () => assert.ok(files.length >= 4));
  for (const file of files) {
    test(relative(FIXTURES, file), () => {
      const thread = readJson(file);
      assert.ok(validateThread(thread), `${relative(ROOT, file)} is invalid:\n${formatErrors(validateThread.errors)}`);
      assert.deepEqual(crossReferenceProblems(thread), []);
    });
  }
});

describe('invalid comment fixtures are rejected at the expected place', () => {
  const files = jsonFiles(join(COMMENT_FIXTURES, 'invalid'));
  test('there are invalid comment fixtures', () => assert.ok(files.length >= 40));
  for (const file of files) {
    test(relative(FIXTURES, file), () => {
      const doc = readJson(file);
      const expect = doc._expect;
      assert.ok(expect && typeof expect.path === 'string', 'fixture lacks _expect.path');
      assert.equal(expect.field, pointerToField(expect.path), '_expect.field does not match _expect.path');
      const thread = withoutExpect(doc);
      if (expect.schema === false) {
        assert.ok(validateThread(thread),
          `the schema should accept what only the widget can check:\n${formatErrors(validateThread.errors)}`);
        assert.deepEqual(crossReferenceProblems(thread), [expect.field]);
        return;
      }
      assert.deepEqual(crossReferenceProblems(thread), [], 'the fixture should be invalid in exactly one way');
      assertRejectedAsExpected(validateThread, file);
    });
  }
});

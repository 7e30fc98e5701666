// The site `npm run bench` serves: a copy of www/ with the built widget in widget/, plus the
// benchmark's own pages and generated inputs in bench/, every text file also stored
// precompressed (.gz and .br) so that http-server sends what a CDN would send.
//
//   bench/a-static.html      (a) the seed article as static HTML (generated from its JSON)
//   bench/b-vanilla.html     (b) the hand-written renderer scripts/bench/vanilla.js
//   bench/c-widget.html      (c) the widget as a site embeds it by default: script + element
//   bench/c-hints.html       (c') the same with the preload hints the README recommends
//   bench/c-prerendered.html (c'') (c') with the article pre-rendered by article-widget-render,
//                            written by writePrerenderedPage() once the server's origin is known
//   bench/d-article-only.html (d) (c') with the widget built without comments and
//                            recommendations (in widget-article/)
//   bench/large-article.html the widget with an article of LARGE_PARAGRAPHS paragraphs
//   bench/comments-N.html    the widget with a static thread of N comments (comments-src)
//   bench/isso-*.html        written by writeIssoPages() once the Isso server runs
import {
  cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ARTICLE_ONLY } from '../build.mjs';
import { buildRenderer, fillTemplate, prerender } from '../demo.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SITE = join(ROOT, 'target', 'bench', 'site');
const WWW = join(ROOT, 'www');
const DIST = join(ROOT, 'dist');

/** Paragraphs of the large generated article. */
export const LARGE_PARAGRAPHS = 5000;
/** Sizes of the generated static comment threads. */
export const THREAD_SIZES = [1000, 10000];
/** Top-level comments the widget shows at first (src/comments/thread.rs PAGE_SIZE). */
export const FIRST_PAGE = 20;

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The seed article, as the widget reads it. */
export function seedArticle() {
  return JSON.parse(readFileSync(join(WWW, 'data', 'articles', 'jijiehao.json'), 'utf8'));
}

/** CSS of pages (a) and (b): roughly the widget's look (src/dom/style.css), light theme. */
const ARTICLE_CSS = `body{margin:0;background:#fff;color:#222;font:1.125rem/1.8 "PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
#article,.page{padding:1rem}a{color:#1a4f9c;text-decoration:none}
.channels ul,.crumbs ol,.tags{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.channels{border-bottom:2px solid #b3261e;margin-bottom:.75rem}
.channels a{display:inline-block;padding:.35em .9em;color:#222;font-size:.95em}
.crumbs{font-size:.85em;color:#666}.crumbs li+li::before{content:">";padding:0 .5em}
article{max-width:42em;margin:0 auto}
h1{font-size:1.75em;line-height:1.4;margin:1em 0 .5em;text-align:center;letter-spacing:.02em}
.meta{display:flex;flex-wrap:wrap;justify-content:center;gap:.25em 1.25em;color:#666;font-size:.85em;
margin:0 0 1.5em;padding-bottom:1em;border-bottom:1px solid #e3e3e3}
.body p{margin:0 0 1em;text-align:justify;text-indent:2em}
.body h2{font-size:1.15em;line-height:1.5;margin:1.5em 0 .75em;border-left:4px solid #b3261e;padding-left:.6em}
footer{margin-top:2em}.byline{text-align:right;color:#666}
.tags{gap:.5em;font-size:.85em}.tags li{background:#f6f6f4;border-radius:999px;padding:.1em .8em;color:#666}
`;

function head(title, extra = '') {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escape(title)}</title>
${extra}</head>
`;
}

function spans(children) {
  return children.map((s) => {
    let html = escape(s.text);
    for (const mark of [...(s.marks ?? [])].reverse()) html = mark === 'em' ? `<em>${html}</em>` : `<strong>${html}</strong>`;
    return s.href ? `<a href="${escape(s.href)}">${html}</a>` : html;
  }).join('');
}

const linked = (item) => (item.url
  ? `<a href="${escape(item.url)}">${escape(item.title ?? item.name)}</a>`
  : `<span>${escape(item.title ?? item.name)}</span>`);

/** The static HTML of `article`: the markup scripts/bench/vanilla.js builds. */
export function staticArticle(article) {
  const body = article.body.map((b) => {
    if (b.type === 'paragraph') return `<p>${spans(b.children)}</p>`;
    if (b.type === 'heading') {
      const level = Math.min(Math.max(b.level, 2), 4);
      return `<h${level}>${spans(b.children)}</h${level}>`;
    }
    if (b.type === 'quote') return `<blockquote><p>${spans(b.children)}</p></blockquote>`;
    if (b.type === 'list') {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${spans(item.children)}</li>`).join('')}</${tag}>`;
    }
    return '';
  }).join('\n');
  const source = article.source ? `<span>来源:</span>${linked(article.source)}` : '';
  return `<nav class="channels"><ul>${(article.navigation ?? []).map((c) => `<li>${linked(c)}</li>`).join('')}</ul></nav>
<nav class="crumbs"><ol>${(article.breadcrumbs ?? []).map((c) => `<li>${linked(c)}</li>`).join('')}</ol></nav>
<article lang="${escape(article.lang ?? 'zh-CN')}">
<header><h1>${escape(article.title)}</h1>
<p class="meta">${source}<time datetime="${escape(article.published)}">${escape(article.published.slice(0, 16).replace('T', ' '))}</time></p></header>
<div class="body">
${body}
</div>
<footer><p class="byline">${(article.authors ?? []).map((a) => escape(a.name)).join(' ')}</p>
<ul class="tags">${(article.tags ?? []).map((t) => `<li>${escape(t)}</li>`).join('')}</ul></footer>
</article>`;
}

/** Page (a): the seed article as static HTML, with `after` appended to the body. */
function staticPage(article, after = '') {
  return `${head(article.title, `<style>${ARTICLE_CSS}</style>\n`)}<body>
<div class="page">
${staticArticle(article)}
</div>
${after}</body>
</html>
`;
}

function widgetPage(title, element, hints = '', widget = 'widget') {
  return `${head(title, `${hints}<script type="module" src="../${widget}/article-widget.js"></script>\n`)}<body>
${element}
</body>
</html>
`;
}

const SEED_JSON = '../data/articles/jijiehao.json';

/** `dir`/integrity.json: the build's file names (the wasm is named by its content hash). */
export function builtFiles(dir = DIST) {
  return JSON.parse(readFileSync(join(dir, 'integrity.json'), 'utf8'));
}

/**
 * Page (c''): page (c') with the seed article pre-rendered into the element by
 * article-widget-render (docs/prerendering.md) for the server at `origin`, so that the
 * widget takes it over rather than drawing it again.
 */
export function writePrerenderedPage(origin) {
  const name = 'c-prerendered.html';
  const element = prerender(buildRenderer(), {
    json: 'data/articles/jijiehao.json', src: SEED_JSON, page: `${origin}/bench/${name}`,
  }).replace('<article-widget ', '<article-widget id="article" ');
  // Marks the pre-rendered heading, so the bench can tell a take-over from a redraw.
  const marker = '<script>document.getElementById("article").shadowRoot.querySelector("h1").prerendered = true;</script>';
  const file = join(SITE, 'bench', name);
  writeFileSync(file, widgetPage(seedArticle().title, `${element}\n${marker}`, hints(builtFiles())));
  precompress(join(SITE, 'bench'));
}

/** The preload hints of the README (docs/embedding.md) for the seed article. */
function hints(build, widget = 'widget') {
  return `<link rel="modulepreload" href="../${widget}/${build.entry.file}">
<link rel="preload" href="../${widget}/${build.wasm.file}" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="${SEED_JSON}" as="fetch" crossorigin>
`;
}

/** A small deterministic random number generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['斗山街居民', '网格员小方', '在外的歙县人', '练江边', '徽城志愿者', '老街坊', '黄山游客', '渔梁坝', '社区医生', '新安江畔'];

/** The seed thread's comment texts, reused for generated threads. */
function seedTexts() {
  const seed = JSON.parse(readFileSync(join(WWW, 'data', 'comments', 'jijiehao.json'), 'utf8'));
  return seed.comments.map((c) => c.text);
}

/**
 * A thread of `n` comments in the shape of `{author, text, parent index|null, created}`:
 * every fifth comment replies to the top-level comment before it, the rest are top-level;
 * one comment a minute from 2020-02-19 08:00 +08:00.
 */
export function generatedThread(n) {
  const texts = seedTexts();
  const next = random(n);
  const comments = [];
  let lastTop = null;
  const start = Date.parse('2020-02-19T08:00:00+08:00');
  for (let i = 0; i < n; i++) {
    const reply = i % 5 === 4 && lastTop !== null;
    comments.push({
      author: NAMES[Math.floor(next() * NAMES.length)],
      text: `${texts[Math.floor(next() * texts.length)]}(${i + 1})`,
      parent: reply ? lastTop : null,
      created: start + i * 60_000,
      likes: Math.floor(next() * 40),
    });
    if (!reply) lastTop = i;
  }
  return comments;
}

const iso = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00');

function staticThread(n) {
  return {
    version: '1.0',
    uri: 'jijiehao',
    comments: generatedThread(n).map((c, i) => ({
      id: `c${i + 1}`,
      parent: c.parent === null ? null : `c${c.parent + 1}`,
      author: c.author,
      created: iso(c.created),
      text: c.text,
      likes: c.likes,
    })),
  };
}

/** The seed article without feed and comments: the comment benchmarks add their own. */
export function plainArticle() {
  const article = seedArticle();
  delete article.feed;
  delete article.comments;
  return article;
}

function largeArticle() {
  const article = plainArticle();
  const paragraphs = article.body.filter((b) => b.type === 'paragraph');
  const body = [];
  for (let i = 0; i < LARGE_PARAGRAPHS; i++) {
    if (i % 50 === 0) body.push({ type: 'heading', level: 2, children: [{ text: `第 ${i / 50 + 1} 部分` }] });
    body.push(paragraphs[i % paragraphs.length]);
  }
  return { ...article, id: 'jijiehao-large', body };
}

/** Writes `.gz` and `.br` beside every compressible file under `dir` (and returns nothing). */
export function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
    } else if (COMPRESSIBLE.has(extname(name))) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }));
    }
  }
}

/**
 * A file of the Isso package: `js/embed.min.js` (its client) or `css/isso.css` (the style the
 * client loads from the Isso server).
 */
export function issoFile(name) {
  const lib = join(ROOT, '.venv-isso', 'lib');
  for (const python of readdirSync(lib)) {
    const path = join(lib, python, 'site-packages', 'isso', name);
    try {
      statSync(path);
      return path;
    } catch {
      // another Python version directory
    }
  }
  throw new Error(`isso/${name} not found under ${lib}: run \`bash scripts/isso.sh\``);
}

/** Builds SITE from www/, dist/ and the generated pages and inputs. */
export function buildSite() {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  cpSync(WWW, SITE, {
    recursive: true,
    filter: (from) => !/[/\\]www[/\\](widget|articles|index\.html)([/\\]|$)/.test(from),
  });
  cpSync(DIST, join(SITE, 'widget'), { recursive: true });
  cpSync(ARTICLE_ONLY, join(SITE, 'widget-article'), { recursive: true });
  const build = builtFiles();
  writeFileSync(join(SITE, 'index.html'), fillTemplate(readFileSync(join(WWW, 'index.template.html'), 'utf8'), build));
  const bench = join(SITE, 'bench');
  const data = join(bench, 'data');
  mkdirSync(data, { recursive: true });
  const article = seedArticle();
  const write = (name, text) => writeFileSync(join(bench, name), text);

  write('a-static.html', staticPage(article));
  write('b-vanilla.html', `${head(article.title, `<style>${ARTICLE_CSS}</style>\n<script defer src="vanilla.js"></script>\n`)}<body>
<div id="article" data-src="${SEED_JSON}"></div>
</body>
</html>
`);
  cpSync(join(ROOT, 'scripts', 'bench', 'vanilla.js'), join(bench, 'vanilla.js'));
  const seedElement = `<article-widget id="article" src="${SEED_JSON}"></article-widget>`;
  write('c-widget.html', widgetPage(article.title, seedElement));
  write('c-hints.html', widgetPage(article.title, seedElement, hints(build)));
  write('d-article-only.html', widgetPage(article.title, seedElement,
    hints(builtFiles(ARTICLE_ONLY), 'widget-article'), 'widget-article'));

  writeFileSync(join(data, 'plain.json'), JSON.stringify(plainArticle()));
  writeFileSync(join(data, 'large.json'), JSON.stringify(largeArticle()));
  write('large-article.html', widgetPage('large article', '<article-widget id="article" src="data/large.json"></article-widget>'));
  for (const n of THREAD_SIZES) {
    writeFileSync(join(data, `comments-${n}.json`), JSON.stringify(staticThread(n)));
    write(`comments-${n}.html`, widgetPage(`${n} comments`,
      `<article-widget id="article" src="data/plain.json" comments-src="data/comments-${n}.json"></article-widget>`));
  }
  mkdirSync(join(bench, 'isso'), { recursive: true });
  cpSync(issoFile('js/embed.min.js'), join(bench, 'isso', 'embed.min.js'));
  precompress(SITE);
}

/**
 * The comment pages against Isso at `issoUrl` (thread uri "jijiehao"), each showing the seed
 * article and the thread:
 *   isso-client.html        the static page (a) + Isso's own client as its docs embed it
 *   isso-client-paged.html  the same with data-isso-max-comments-top="20" (Isso's paging)
 *   isso-widget.html        the widget with comments-backend="isso"
 */
export function writeIssoPages(issoUrl) {
  const bench = join(SITE, 'bench');
  const article = plainArticle();
  const section = `<section class="page" style="max-width:42em;margin:0 auto"><section id="isso-thread" data-isso-id="jijiehao" data-title="${escape(article.title)}"></section></section>\n`;
  const client = (attributes) => `${section}<script data-isso="${issoUrl}/"${attributes} src="isso/embed.min.js"></script>\n`;
  const pages = {
    'isso-client.html': staticPage(article, client('')),
    'isso-client-paged.html': staticPage(article, client(` data-isso-max-comments-top="${FIRST_PAGE}"`)),
    'isso-widget.html': widgetPage(article.title,
      `<article-widget id="article" src="data/plain.json" comments-backend="isso" comments-endpoint="${issoUrl}"></article-widget>`),
  };
  for (const [name, html] of Object.entries(pages)) {
    writeFileSync(join(bench, name), html);
  }
  precompress(bench);
}

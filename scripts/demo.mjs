// The demo site's generated pages (not committed), written after dist/ is copied to www/widget/:
// - www/index.html from www/index.template.html, with the build's content-hashed wasm name
//   (from www/widget/integrity.json) filled in its preload hint;
// - one www/articles/<id>.html per www/data/articles/<id>.json, so that following a
//   recommendation opens that article; from one template, so pages and data never drift apart;
// - www/prerendered.html (writePrerenderedPage), the seed article pre-rendered by the
//   command-line renderer for the origin the page is served on.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * The served build's manifest, www/widget/integrity.json:
 * `{ entry: { file, integrity }, wasm: { file, integrity } }` (written by scripts/build.mjs).
 */
export function servedBuild() {
  const path = join(www, 'widget', 'integrity.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(`${path} is missing: build (node scripts/build.mjs) and copy dist/ to www/widget/ first`);
    }
    throw error;
  }
}

/**
 * Fills the placeholders of a page template: `{{wasm}}`, the file name of the build's
 * content-hashed wasm. Fails on any other `{{…}}`.
 */
export function fillTemplate(template, build) {
  const values = { wasm: build.wasm.file };
  return template.replace(/\{\{([^{}]*)\}\}/g, (whole, name) => {
    if (!(name in values)) throw new Error(`unknown placeholder ${whole}`);
    return values[name];
  });
}

/** Writes `content` to `path` through a temporary file, so no server sees half a page. */
function writeAtomically(path, content) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * A demo page around `main` (markup) for `article`: `root` is the way from the page to www/
 * (`''` or `'../'`), `json` the article's URL from the page; the widget, its wasm and the
 * JSON are preloaded.
 */
function shell({ article, root, json, title, main, footer }) {
  return `<!doctype html>
<html lang="${escape(article.lang || 'zh-CN')}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(article.title)}${title} - 地方网</title>
  <meta name="description" content="${escape(article.summary || article.title)}">
  <link rel="icon" href="data:,">
  <link rel="modulepreload" href="${root}widget/article-widget.js">
  <link rel="preload" href="${root}widget/{{wasm}}" as="fetch" type="application/wasm" crossorigin>
  <link rel="preload" href="${json}" as="fetch" crossorigin>
  <link rel="stylesheet" href="${root}site.css">
  <script type="module" src="${root}widget/article-widget.js"></script>
</head>
<body>
  <header class="site-header">
    <a class="site-logo" href="${root || './'}">地方网 <small>今日歙县</small></a>
    <nav class="site-links" aria-label="站点"><a href="${root || './'}">首页</a></nav>
  </header>
  <main class="site-main">
    ${main}
  </main>
  <footer class="site-footer"><p>${footer}</p></footer>
</body>
</html>
`;
}

function page(id, article) {
  const json = `../data/articles/${encodeURIComponent(id)}.json`;
  return shell({
    article,
    root: '../',
    json,
    title: '',
    main: `<article-widget src="${json}" theme="auto"></article-widget>`,
    footer: '演示站点:示例内容,由 article-widget 从静态 JSON 渲染。',
  });
}

/** Writes www/articles/<id>.html for every article JSON; returns the ids. */
export function writeArticlePages(build = servedBuild()) {
  const dir = join(www, 'articles');
  mkdirSync(dir, { recursive: true });
  const ids = readdirSync(join(www, 'data', 'articles'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
  for (const id of ids) {
    const article = JSON.parse(readFileSync(join(www, 'data', 'articles', `${id}.json`), 'utf8'));
    writeAtomically(join(dir, `${id}.html`), fillTemplate(page(id, article), build));
  }
  return ids;
}

/** Writes www/index.html from www/index.template.html. */
export function writeIndexPage(build = servedBuild()) {
  const template = readFileSync(join(www, 'index.template.html'), 'utf8');
  writeAtomically(join(www, 'index.html'), fillTemplate(template, build));
}

/** Writes every generated page of the demo; returns the article ids. */
export function writeDemoPages() {
  const build = servedBuild();
  writeIndexPage(build);
  return writeArticlePages(build);
}

/** Builds the pre-renderer (`cargo build --bin article-widget-render`) and returns its path. */
export function buildRenderer() {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'article-widget-render'], { cwd: root, stdio: 'inherit' });
  return join(root, 'target', 'debug', process.platform === 'win32' ? 'article-widget-render.exe' : 'article-widget-render');
}

/**
 * Runs the pre-renderer on www/`json` and returns the `<article-widget>` element. `page` is
 * the URL of the page it goes into, `src` the element's src relative to it; `options` adds
 * `--theme`, `--lang`, `--feed`.
 */
export function prerender(renderer, { json, src, page, options = {} }) {
  const args = ['--src', src, '--page', page];
  for (const [name, value] of Object.entries(options)) args.push(`--${name}`, value);
  args.push(join(www, json));
  return execFileSync(renderer, args, { encoding: 'utf8' }).trim();
}

/**
 * Writes www/`name`: the seed article pre-rendered (Declarative Shadow DOM) for a page
 * served at `origin` (e.g. http://127.0.0.1:8080): readable without JavaScript, taken over
 * by the widget when it starts. Returns the page's URL.
 */
export function writePrerenderedPage(origin, {
  name = 'prerendered.html', renderer = buildRenderer(), pageOrigin = origin, build = servedBuild(),
} = {}) {
  const json = 'data/articles/jijiehao.json';
  const article = JSON.parse(readFileSync(join(www, json), 'utf8'));
  const element = prerender(renderer, {
    json, src: json, page: `${pageOrigin}/${name}`, options: { theme: 'auto' },
  });
  writeAtomically(join(www, name), fillTemplate(shell({
    article,
    root: '',
    json,
    title: ' - 今日歙县',
    main: `<!-- Written by article-widget-render (scripts/demo.mjs): the article is in the page. -->
    ${element}`,
    footer: '演示站点:文章由 article-widget-render 预渲染,页面无需脚本即可阅读。',
  }), build));
  return `${origin}/${name}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote www/index.html and ${writeDemoPages().length} article pages to www/articles/`);
  const origin = process.argv[2];
  if (origin) console.log(`wrote ${writePrerenderedPage(origin)}`);
}

// The demo site's generated pages (not committed), written after dist/ is copied to www/widget/:
// - www/index.html from www/index.template.html, with the build's content-hashed wasm name
//   (from www/widget/integrity.json) filled in its preload hint;
// - one www/articles/<id>.html per www/data/articles/<id>.json, so that following a
//   recommendation opens that article; from one template, so pages and data never drift apart.
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

function page(id, article) {
  const lang = escape(article.lang || 'zh-CN');
  const title = escape(article.title);
  const summary = escape(article.summary || article.title);
  const json = `../data/articles/${encodeURIComponent(id)}.json`;
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} - 地方网</title>
  <meta name="description" content="${summary}">
  <link rel="icon" href="data:,">
  <link rel="modulepreload" href="../widget/article-widget.js">
  <link rel="preload" href="../widget/{{wasm}}" as="fetch" type="application/wasm" crossorigin>
  <link rel="preload" href="${json}" as="fetch" crossorigin>
  <link rel="stylesheet" href="../site.css">
  <script type="module" src="../widget/article-widget.js"></script>
</head>
<body>
  <header class="site-header">
    <a class="site-logo" href="../">地方网 <small>今日歙县</small></a>
    <nav class="site-links" aria-label="站点"><a href="../">首页</a></nav>
  </header>
  <main class="site-main">
    <article-widget src="${json}" theme="auto"></article-widget>
  </main>
  <footer class="site-footer"><p>演示站点:示例内容,由 article-widget 从静态 JSON 渲染。</p></footer>
</body>
</html>
`;
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote www/index.html and ${writeDemoPages().length} article pages to www/articles/`);
}

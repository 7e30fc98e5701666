// The demo site's article pages: one www/articles/<id>.html per www/data/articles/<id>.json,
// so that following a recommendation opens that article. Generated (not committed) from
// one template, so pages and data never drift apart.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

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
  <link rel="preload" href="../widget/article-widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>
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
export function writeArticlePages() {
  const dir = join(www, 'articles');
  mkdirSync(dir, { recursive: true });
  const ids = readdirSync(join(www, 'data', 'articles'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
  for (const id of ids) {
    const article = JSON.parse(readFileSync(join(www, 'data', 'articles', `${id}.json`), 'utf8'));
    writeFileSync(join(dir, `${id}.html`), page(id, article));
  }
  return ids;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${writeArticlePages().length} article pages to www/articles/`);
}

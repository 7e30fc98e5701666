// Alternative (b) of `npm run bench`: the small hand-written renderer a site builder might
// write instead of the widget. A classic deferred script: fetches the article JSON named by
// <div id="article" data-src>, builds the same markup as the static page (text nodes only),
// and appends it in one go. Paragraphs, headings, quotes and lists; no images, no feed, no
// comments, no error handling beyond a message.
(function () {
  var root = document.getElementById('article');
  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function link(parent, item) {
    var a = el(item.url ? 'a' : 'span', '', parent, item.title || item.name);
    if (item.url) a.href = item.url;
    return a;
  }
  function spans(parent, children) {
    children.forEach(function (s) {
      var target = parent;
      if (s.href) { target = el('a', '', target); target.href = s.href; }
      (s.marks || []).forEach(function (m) { target = el(m === 'em' ? 'em' : 'strong', '', target); });
      target.appendChild(document.createTextNode(s.text));
    });
  }
  fetch(root.getAttribute('data-src')).then(function (r) { return r.json(); }).then(function (a) {
    var page = document.createDocumentFragment();
    var nav = el('ul', '', el('nav', 'channels', page));
    (a.navigation || []).forEach(function (c) { link(el('li', '', nav), c); });
    var crumbs = el('ol', '', el('nav', 'crumbs', page));
    (a.breadcrumbs || []).forEach(function (c) { link(el('li', '', crumbs), c); });
    var art = el('article', '', page);
    art.lang = a.lang || 'zh-CN';
    var header = el('header', '', art);
    el('h1', '', header, a.title);
    var meta = el('p', 'meta', header);
    if (a.source) { el('span', '', meta, '来源:'); link(meta, a.source); }
    el('time', '', meta, a.published.slice(0, 16).replace('T', ' ')).dateTime = a.published;
    var body = el('div', 'body', art);
    a.body.forEach(function (b) {
      if (b.type === 'paragraph') spans(el('p', '', body), b.children);
      else if (b.type === 'heading') spans(el('h' + Math.min(Math.max(b.level, 2), 4), '', body), b.children);
      else if (b.type === 'quote') spans(el('p', '', el('blockquote', '', body)), b.children);
      else if (b.type === 'list') {
        var list = el(b.ordered ? 'ol' : 'ul', '', body);
        b.items.forEach(function (item) { spans(el('li', '', list), item.children); });
      }
    });
    var footer = el('footer', '', art);
    el('p', 'byline', footer, (a.authors || []).map(function (p) { return p.name; }).join(' '));
    var tags = el('ul', 'tags', footer);
    (a.tags || []).forEach(function (t) { el('li', '', tags, t); });
    root.appendChild(page);
  }).catch(function (e) { root.textContent = 'The article could not be loaded: ' + e.message; });
})();

// What `npm run bench` measures: each scenario loads one page once and returns its figures.
// scripts/bench/index.mjs runs every scenario once per run, in a rotating order.
import {
  FAST, SLOW, cls, jsHeap, load, snapshot, waitInPage, waitUntilPageTime, wasmMemory,
} from './browser.mjs';
import { FIRST_PAGE } from './site.mjs';

/** Page predicates (JavaScript source evaluated in the page by __bench.until). */
const WIDGET_ARTICLE = "__bench.widget()?.querySelector('.aw-body p')";
const DOC_ARTICLE = "document.readyState !== 'loading' && document.querySelector('article .body p')";
const WIDGET_TOP_COMMENTS = `(__bench.widget()?.querySelectorAll('li.aw-comment[data-depth="0"]').length ?? 0) >= ${FIRST_PAGE}`;
const ISSO_TOP_COMMENTS = `document.querySelectorAll('#isso-root > .isso-comment').length >= ${FIRST_PAGE}`;
/** The seed page is complete: article, the feed's last section, and the comment thread. */
const SEED_DONE = `(() => {
  const root = __bench.widget();
  return root && root.querySelector('[data-section="hot-ranking"]')
    && root.querySelector('.aw-comment-list:not([aria-busy]) li.aw-comment');
})()`;

/** The widget's article LCP: the first text LCP entry painted after the "aw:rendered" mark. */
function widgetArticleLcp(snap) {
  const rendered = snap.marks['aw:rendered'];
  if (rendered === undefined) throw new Error('no aw:rendered mark');
  const entry = snap.lcp.find((e) => e.url === '' && e.inArticle === null && e.t >= rendered);
  if (!entry) throw new Error(`no LCP entry after the article was rendered: ${JSON.stringify(snap.lcp)}`);
  return entry;
}

/** A light-DOM page's article LCP: the last LCP entry whose element is inside <article>. */
function documentArticleLcp(snap) {
  const entry = snap.lcp.filter((e) => e.inArticle === true).at(-1);
  if (!entry) throw new Error(`no LCP entry in the article: ${JSON.stringify(snap.lcp)}`);
  return entry;
}

/** Parse and render time of the widget's article from its marks (see BENCHMARKS.md). */
function parseRender(snap, jsonName) {
  const { 'aw:mount': mount, 'aw:parsed': parsed, 'aw:rendered': rendered } = snap.marks;
  if ([mount, parsed, rendered].some((t) => t === undefined)) {
    throw new Error(`missing widget marks: ${JSON.stringify(snap.marks)}`);
  }
  const json = snap.resources.find((r) => r.name.includes(jsonName));
  const start = Math.max(mount, json ? json.end : 0);
  return { parse: parsed - start, render: rendered - parsed, parseRender: rendered - start };
}

/**
 * Waits until `settle` ms have passed since page time `at` and the page has reported the
 * article's LCP entry (which comes after the article's layout and paint: seconds for a large
 * article).
 */
function articleLcpReported(page, widget, at, settle) {
  return waitInPage(page, ({ isWidget, until }) => {
    const b = window.__bench;
    if (performance.now() < until) return false;
    if (!isWidget) return b.lcp.some((e) => e.inArticle === true);
    const rendered = performance.getEntriesByName('aw:rendered').at(-1);
    return !!rendered && b.lcp.some((e) => e.url === '' && e.inArticle === null && e.t >= rendered.startTime);
  }, { isWidget: widget, until: at + settle }, { polling: 100, timeout: 30_000 });
}

const longest = (snap) => Math.max(0, ...snap.longtasks.map((t) => t.d));

/** The requests of a load relative to navigation start, for the waterfall in BENCHMARKS.md. */
function waterfall(snap) {
  const rows = snap.resources.map((r) => ({ name: r.name, start: r.start, end: r.end }));
  if (snap.document) rows.unshift({ name: '(document)', start: snap.document.start, end: snap.document.end });
  return rows;
}

/** The four alternatives of "time to article". */
export const ALTERNATIVES = [
  { key: 'a', label: '(a) static HTML', path: 'bench/a-static.html', widget: false },
  { key: 'b', label: '(b) vanilla JS renderer', path: 'bench/b-vanilla.html', widget: false },
  { key: 'c', label: '(c) widget, default embed', path: 'bench/c-widget.html', widget: true },
  { key: "c'", label: "(c') widget + preload hints", path: 'bench/c-hints.html', widget: true },
  {
    key: "c''", label: "(c'') widget + hints, article pre-rendered", path: 'bench/c-prerendered.html', widget: true, prerendered: true,
  },
  { key: 'd', label: '(d) article-only build + hints', path: 'bench/d-article-only.html', widget: true },
];

/**
 * A pre-rendered widget's article LCP: the first text LCP entry, painted from the page's
 * Declarative Shadow DOM before the widget runs. The widget must have taken the article over
 * (its pre-rendered `h1`, marked by the page, still there): drawn again, it would not be the
 * pre-rendered article's time.
 */
function prerenderedArticleLcp(snap) {
  if (!snap.prerenderedKept) throw new Error('the widget drew the pre-rendered article again (fingerprint mismatch)');
  const entry = snap.lcp.find((e) => e.url === '' && e.inArticle === null);
  if (!entry) throw new Error(`no LCP entry of the pre-rendered article: ${JSON.stringify(snap.lcp)}`);
  return entry;
}

function timeToArticle(alt, profile) {
  return {
    id: `tta:${alt.key}:${profile.name}`,
    async run(browser, origin) {
      const settle = profile === SLOW ? 1500 : 500;
      const doc = alt.key === 'b' ? "document.querySelector('article .body p')" : DOC_ARTICLE;
      return load(browser, {
        url: `${origin}/${alt.path}`,
        profile,
        watch: { article: alt.widget ? WIDGET_ARTICLE : doc },
        waitFor: 'article',
      }, async (page) => {
        const at = await page.evaluate(() => __bench.at.article);
        let entry;
        let snap;
        if (alt.prerendered) {
          await waitInPage(page, ({ until }) => performance.now() >= until
            && performance.getEntriesByName('aw:rendered').length > 0, { until: at + settle }, { polling: 100, timeout: 30_000 });
          snap = await snapshot(page);
          snap.prerenderedKept = await page.evaluate(() => __bench.widget()?.querySelector('h1')?.prerendered === true);
          entry = prerenderedArticleLcp(snap);
        } else {
          await articleLcpReported(page, alt.widget, at, settle);
          snap = await snapshot(page);
          entry = alt.widget ? widgetArticleLcp(snap) : documentArticleLcp(snap);
        }
        // Bytes (transferSize: headers + encoded body) of what had arrived when the article was painted.
        const before = (snap.document?.size ?? 0)
          + snap.resources.filter((r) => r.end <= entry.t).reduce((sum, r) => sum + r.size, 0);
        return {
          tta: entry.t, lcpSize: entry.size, bytes: before, longest: longest(snap), marks: snap.marks, waterfall: waterfall(snap),
        };
      });
    },
  };
}

function seedPage(profile) {
  return {
    id: `seed:${profile.name}`,
    async run(browser, origin) {
      return load(browser, {
        url: `${origin}/index.html`,
        profile,
        watch: { article: WIDGET_ARTICLE, done: SEED_DONE },
        waitFor: 'done',
      }, async (page, _cdp, bytes) => {
        const done = await page.evaluate(() => __bench.at.done);
        await articleLcpReported(page, true, done, 1000);
        const snap = await snapshot(page);
        return {
          ...parseRender(snap, 'jijiehao.json'),
          tta: widgetArticleLcp(snap).t,
          complete: done,
          longTasks: snap.longtasks.length,
          longest: longest(snap),
          cls: cls(snap.shifts),
          shiftSum: snap.shifts.reduce((s, x) => s + x.v, 0),
          bytes: bytes(),
        };
      });
    },
  };
}

const largeArticle = {
  id: 'large:article',
  async run(browser, origin) {
    return load(browser, {
      url: `${origin}/bench/large-article.html`,
      profile: FAST,
      watch: { article: WIDGET_ARTICLE },
      waitFor: 'article',
    }, async (page, cdp) => {
      const at = await page.evaluate(() => __bench.at.article);
      await articleLcpReported(page, true, at, 500);
      const snap = await snapshot(page);
      return {
        ...parseRender(snap, 'large.json'),
        tta: widgetArticleLcp(snap).t,
        longest: longest(snap),
        heap: await jsHeap(cdp),
        wasm: await wasmMemory(page),
      };
    });
  },
};

function staticThread(n) {
  return {
    id: `thread:${n}`,
    async run(browser, origin) {
      return load(browser, {
        url: `${origin}/bench/comments-${n}.html`,
        profile: FAST,
        watch: { comments: WIDGET_TOP_COMMENTS },
        waitFor: 'comments',
      }, async (page, cdp) => {
        const at = await page.evaluate(() => __bench.at.comments);
        await waitUntilPageTime(page, at + 500);
        const snap = await snapshot(page);
        const shown = await page.evaluate(() => __bench.widget().querySelectorAll('li.aw-comment').length);
        return {
          comments: at, shown, longest: longest(snap), heap: await jsHeap(cdp), wasm: await wasmMemory(page),
        };
      });
    },
  };
}

/** The Isso comparison pages; `widget` says which predicate finds the comments. */
export const ISSO_PAGES = [
  { key: 'isso', label: 'Isso client (embed.min.js), all comments', path: 'bench/isso-client.html', widget: false },
  { key: 'isso-paged', label: `Isso client, max-comments-top=${FIRST_PAGE}`, path: 'bench/isso-client-paged.html', widget: false },
  { key: 'widget', label: 'widget, comments-backend="isso"', path: 'bench/isso-widget.html', widget: true },
];

function issoThread(variant, profile) {
  return {
    id: `isso:${variant.key}:${profile.name}`,
    async run(browser, origin) {
      return load(browser, {
        url: `${origin}/${variant.path}`,
        profile,
        watch: { comments: variant.widget ? WIDGET_TOP_COMMENTS : ISSO_TOP_COMMENTS },
        waitFor: 'comments',
      }, async (page, _cdp, bytes) => {
        const at = await page.evaluate(() => __bench.at.comments);
        await waitUntilPageTime(page, at + (profile === SLOW ? 1000 : 300));
        const snap = await snapshot(page);
        const shown = await page.evaluate((widget) => (widget
          ? __bench.widget().querySelectorAll('li.aw-comment').length
          : document.querySelectorAll('#isso-root .isso-comment').length), variant.widget);
        return {
          comments: at, shown, longest: longest(snap), bytes: bytes(), marks: snap.marks, waterfall: waterfall(snap),
        };
      });
    },
  };
}

const carousel = {
  id: 'carousel',
  async run(browser, origin) {
    return load(browser, {
      url: `${origin}/index.html`,
      profile: FAST,
      watch: { done: SEED_DONE },
      waitFor: 'done',
    }, async (page) => {
      const region = page.locator('article-widget section[data-section="pictures"] .aw-carousel');
      await region.evaluate((r) => r.scrollIntoView({ block: 'center' }));
      await page.waitForTimeout(300);
      const slides = await region.locator('.aw-slide').count();
      const track = region.locator('.aw-track');
      const resting = async () => {
        let last = null;
        for (;;) {
          const now = await track.evaluate((t) => t.scrollLeft);
          if (now === last) return now;
          last = now;
          await page.waitForTimeout(150);
        }
      };
      const shiftsBefore = await page.evaluate(() => __bench.shifts.length);
      await page.evaluate(() => __bench.startFrames());
      const positions = [];
      const next = region.locator('.aw-next');
      const toTheEnd = async () => {
        for (let i = 1; i < slides && !(await next.isDisabled()); i++) {
          await next.click();
          positions.push(await resting());
        }
      };
      await toTheEnd();
      const box = await track.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(-box.width * slides, 0);
      positions.push(await resting());
      await toTheEnd();
      const frames = await page.evaluate(() => __bench.stopFrames());
      const shifts = await page.evaluate((from) => __bench.shifts.slice(from), shiftsBefore);
      if (new Set(positions).size < 2) throw new Error(`the carousel did not move: ${positions}`);
      return {
        frames: frames.length,
        maxFrame: Math.max(...frames),
        over50: frames.filter((d) => d > 50).length,
        shift: shifts.reduce((s, x) => s + x.v, 0),
        slides,
      };
    });
  },
};

/** Every scenario, with `isso` (whether the Isso comparison runs). */
export function scenarios({ isso }) {
  const list = [];
  for (const profile of [FAST, SLOW]) {
    for (const alt of ALTERNATIVES) list.push(timeToArticle(alt, profile));
    list.push(seedPage(profile));
  }
  if (isso) for (const variant of ISSO_PAGES) list.push(issoThread(variant, FAST));
  list.push(largeArticle, staticThread(1000), staticThread(10000), carousel);
  return list;
}

// The recommendation sections around the article (feed www/data/feeds/shexian.json), as a
// reader's browser shows them: every section of the seed page, the two carousels (WAI-ARIA
// carousel pattern), autoplay and what stops it, "you may like" ranked from the reading
// history kept in this browser only (falling back to the ranking's hot stories), following a
// recommendation, a feed that cannot be read and a section with bad data.
//
// Run after a build: node --test tests/e2e/recommendations.test.mjs
//
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWidgets, blankPage, errorsOf, readData, settled, useEnv } from './harness.mjs';

const env = useEnv();

const feed = readData('data/feeds/shexian.json');
const seed = readData('data/articles/jijiehao.json');
const section = (id) => feed.sections.find((s) => s.id === id);
const itemById = (id) => feed.sections.flatMap((s) => s.items).find((item) => item.id === id);

const FEED = '/data/feeds/shexian.json';
const HISTORY_KEY = 'article-widget:history';
const HEADINGS = ['新闻推荐', '相关推荐', '猜你喜欢', '频道推荐', '热点阅读', '图文看点', '乡里乡亲', '热点排行'];
/** Items shown per section on a first visit: `limit` or every item. */
const COUNTS = Object.fromEntries(feed.sections.map((s) => [s.id, Math.min(s.limit ?? s.items.length, s.items.length)]));
/** Autoplay interval asked for; the widget's floor is 2000 ms, its timer ticks every 250 ms. */
const AUTOPLAY_MS = 2000;
/** Longest wait for a rotation step: interval + two timer ticks + slack for a loaded machine. */
const STEP_WITHIN_MS = 3500;
/** How long "it does not move" is watched: longer than interval + one tick. */
const STILL_FOR_MS = 2700;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value (returned) or fails after `timeout` ms. */
async function until(check, { timeout = 5000, interval = 40, message = 'condition not met' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      assert.fail(typeof message === 'function' ? await message() : message);
    }
    await sleep(interval);
  }
}

/** Console errors other than the browser's own favicon request (www/ has no favicon). */
function consoleErrors(page) {
  return errorsOf(page).consoleErrors.filter((text) => !text.includes('/favicon.ico'));
}

/** Empties the main origin's localStorage (the reading history) from a blank page. */
async function clearStorage(page) {
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  await page.evaluate(() => localStorage.clear());
}

/**
 * Opens www/index.html (optionally with fresh storage, a viewport, a route for the feed and
 * a script run before the page's own)
 * and waits for the article and every feed section. Returns the page and the widget host.
 */
async function openSeed({ fresh = false, viewport, feedBody, init } = {}) {
  const page = await env.newPage();
  if (init) await page.addInitScript(init);
  if (viewport) await page.setViewportSize(viewport);
  if (fresh) await clearStorage(page);
  if (feedBody) {
    await page.route(`${env.main.origin}${FEED}`, (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify(feedBody),
    }));
  }
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article', 'the seed article renders, not an error');
  await widget.locator(`[data-section="${feed.sections.at(-1).id}"]`).waitFor();
  return { page, widget };
}

/**
 * The carousel (role=group, aria-roledescription: the section around it is the region) of
 * section `id` inside `host`.
 */
const regionOf = (host, id) => host.locator(`section[data-section="${id}"] .aw-carousel[role="group"]`);

/** What a carousel shows now, read from the DOM in one go. */
function carouselState(region) {
  return region.evaluate((c) => {
    const track = c.querySelector('.aw-track');
    const slides = [...track.querySelectorAll('.aw-slide')];
    const box = track.getBoundingClientRect();
    const dots = [...c.querySelectorAll('.aw-dot')];
    return {
      scrollLeft: track.scrollLeft,
      maxScroll: track.scrollWidth - track.clientWidth,
      offsets: slides.map((s) => s.offsetLeft - slides[0].offsetLeft),
      inert: slides.map((s) => s.hasAttribute('inert')),
      inView: slides.map((s) => {
        const r = s.getBoundingClientRect();
        return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1;
      }),
      dots: dots.map((d) => d.getAttribute('aria-label')),
      current: dots.map((d) => d.getAttribute('aria-current') === 'true'),
      // aria-disabled, not disabled: the buttons keep keyboard focus at the ends.
      prevDisabled: c.querySelector('.aw-prev').getAttribute('aria-disabled') === 'true',
      nextDisabled: c.querySelector('.aw-next').getAttribute('aria-disabled') === 'true',
      live: track.getAttribute('aria-live'),
      rotate: c.querySelector('.aw-rotate:not([hidden])')?.textContent ?? null,
    };
  });
}

/** Index of the first slide that is not inert (the carousel's position). */
async function position(region) {
  return (await carouselState(region)).inert.indexOf(false);
}

/** The position once the track has stopped scrolling (a rotation step may be under way). */
async function restingPosition(region) {
  let last;
  await until(async () => {
    const { scrollLeft } = await carouselState(region);
    const resting = scrollLeft === last;
    last = scrollLeft;
    return resting;
  }, { interval: 120, message: 'the track keeps scrolling' });
  return position(region);
}

/**
 * Waits until the track has scrolled to show slide `index` first (scroll-snap settled), then
 * checks everything that follows from it with `perView` slides in view: exactly the slides in
 * view are not inert, the picker dot of that view is aria-current, previous is disabled only
 * at the start and next only at the end.
 */
async function expectAt(region, index, perView, what) {
  let state;
  let previous;
  await until(async () => {
    state = await carouselState(region);
    const target = Math.min(state.offsets[index], state.maxScroll);
    const settledNow = previous !== undefined && previous === state.scrollLeft;
    previous = state.scrollLeft;
    return Math.abs(state.scrollLeft - target) <= 1 && settledNow;
  }, { message: () => `${what}: track at scrollLeft ${state.scrollLeft}, expected slide ${index} first (${JSON.stringify(state.offsets)})` });
  const count = state.inert.length;
  const visible = state.inert.map((_, i) => i >= index && i < index + perView);
  assert.deepEqual(state.inert.map((x) => !x), visible, `${what}: non-inert slides are exactly the slides ${index}..${index + perView - 1}`);
  assert.deepEqual(state.inView, visible, `${what}: the non-inert slides are the ones on screen`);
  const pages = state.current.length;
  const starts = Array.from({ length: pages }, (_, p) => Math.min(p * perView, count - perView));
  assert.deepEqual(state.current, starts.map((s) => s === index), `${what}: aria-current on the dot of the view`);
  assert.equal(state.prevDisabled, index === 0, `${what}: previous disabled only at the start`);
  assert.equal(state.nextDisabled, index === count - perView, `${what}: next disabled only at the end`);
  return state;
}

/**
 * Focuses `start`, presses Tab until focus leaves `region`, and returns where focus went:
 * for each stop its class, the slide it is in (-1 for none) and whether it is inside [inert].
 */
async function tabWalk(page, region, start) {
  await start.focus();
  const stops = [];
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const stop = await region.evaluate((c) => {
      const active = c.getRootNode().activeElement;
      if (!active || !c.contains(active)) return null;
      const slide = active.closest('.aw-slide');
      return {
        className: active.className,
        slide: slide ? [...slide.parentElement.children].indexOf(slide) : -1,
        inert: active.closest('[inert]') !== null,
        documentActiveIsHost: document.activeElement === c.getRootNode().host,
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

/** Checks a Tab walk from the next button: it reaches the slide links in view, and only them. */
async function expectTabOrder(page, region, visibleSlides, what) {
  const stops = await tabWalk(page, region, region.locator('.aw-next'));
  assert.ok(stops.every((s) => !s.inert), `${what}: Tab landed in an inert slide: ${JSON.stringify(stops)}`);
  assert.ok(stops.every((s) => s.documentActiveIsHost), `${what}: focus is inside this widget's shadow root`);
  const slidesReached = stops.filter((s) => s.slide >= 0).map((s) => s.slide);
  assert.deepEqual(slidesReached, visibleSlides, `${what}: Tab reaches the links of the slides in view only`);
  const dots = await region.locator('.aw-dot').count();
  assert.equal(stops.filter((s) => s.className === 'aw-dot').length, dots, `${what}: every picker dot is in the tab order`);
}

/** Presses a button and waits for the carousel to settle at `index`. */
async function pressAndExpect(region, button, index, perView, what) {
  await region.locator(button).click();
  return expectAt(region, index, perView, what);
}

/**
 * The carousel behaviour shared by the picture highlights and the featured stories, at one
 * slide per view: buttons, ends without wrap, keyboard, picker dots, hand scrolling and Tab.
 */
async function exerciseCarousel(page, region, items, name) {
  const count = items.length;
  assert.ok(count >= 3, `${name}: needs at least 3 slides to exercise`);
  await region.scrollIntoViewIfNeeded();
  let state = await expectAt(region, 0, 1, `${name} at start`);
  assert.equal(state.dots.length, count, `${name}: one picker dot per slide`);
  assert.deepEqual(state.dots, items.map((_, i) => `第 ${i + 1} 张`));
  await expectTabOrder(page, region, [0], `${name} at slide 1`);

  // Next moves the scroll-snap track one slide; previous moves it back.
  const before = state.scrollLeft;
  state = await pressAndExpect(region, '.aw-next', 1, 1, `${name} next`);
  assert.ok(state.scrollLeft > before, `${name}: next scrolled the track (${before} → ${state.scrollLeft})`);
  await pressAndExpect(region, '.aw-prev', 0, 1, `${name} previous`);

  // Keyboard: Enter and Space on the focused next button.
  await region.locator('.aw-next').focus();
  await page.keyboard.press('Enter');
  await expectAt(region, 1, 1, `${name} Enter on next`);
  await page.keyboard.press('Space');
  await expectAt(region, 2, 1, `${name} Space on next`);
  await expectTabOrder(page, region, [2], `${name} at slide 3`);

  // Picker dots go straight to a slide; at the end next is disabled and nothing wraps.
  await region.locator('.aw-dot').nth(count - 1).click();
  state = await expectAt(region, count - 1, 1, `${name} last dot`);
  assert.equal(state.nextDisabled, true);
  await region.locator('.aw-next').click({ force: true, timeout: 2000 }).catch(() => {});
  await sleep(300);
  assert.equal(await position(region), count - 1, `${name}: next at the end does not wrap to the first slide`);
  await region.locator('.aw-dot').first().click();
  await expectAt(region, 0, 1, `${name} first dot`);

  // Scrolling the track by hand (a swipe) moves the dots along.
  await region.locator('.aw-track').evaluate((track) => {
    const slides = track.querySelectorAll('.aw-slide');
    track.scrollTo({ left: slides[1].offsetLeft - slides[0].offsetLeft, behavior: 'instant' });
  });
  await expectAt(region, 1, 1, `${name} scrolled by hand to slide 2`);
  await region.locator('.aw-track').evaluate((track) => track.scrollTo({ left: track.scrollWidth, behavior: 'instant' }));
  await expectAt(region, count - 1, 1, `${name} scrolled by hand to the end`);
}

/** Asserts a carousel's ARIA structure and that its slides are the items, none cloned. */
async function expectCarouselStructure(region, items, label) {
  assert.equal(await region.getAttribute('aria-roledescription'), '轮播');
  assert.equal(await region.getAttribute('aria-label'), label);
  const slides = region.locator('.aw-slide');
  assert.equal(await slides.count(), items.length, 'one .aw-slide per item: no cloned slides');
  const origin = env.main.origin;
  const got = await slides.evaluateAll((list) => list.map((s) => ({
    role: s.getAttribute('role'),
    roledescription: s.getAttribute('aria-roledescription'),
    label: s.getAttribute('aria-label'),
    href: s.querySelector('a')?.href,
    title: s.querySelector('.aw-slide-title')?.textContent,
  })));
  assert.deepEqual(got, items.map((item, i) => ({
    role: 'group',
    roledescription: '幻灯片',
    label: `第 ${i + 1} 张,共 ${items.length} 张`,
    href: `${origin}/articles/${item.id}.html`,
    title: item.title,
  })));
}

/** A blank page with the seed article mounted in `#host` with carousel autoplay. */
async function autoplayPage({ reducedMotion, via = 'attribute' } = {}) {
  const page = await blankPage(env);
  if (reducedMotion) await page.emulateMedia({ reducedMotion });
  if (via === 'attribute') {
    await addWidgets(page, [{ id: 'host', src: 'data/articles/jijiehao.json', autoplay: String(AUTOPLAY_MS) }]);
  } else {
    await page.evaluate(async (autoplay) => {
      const div = document.createElement('div');
      div.id = 'host';
      document.getElementById('stage').append(div);
      const widget = await import('/widget/article-widget.js');
      await widget.mount(div, { src: 'data/articles/jijiehao.json', autoplay });
    }, AUTOPLAY_MS);
  }
  const host = page.locator('#host');
  assert.equal(await settled(host), 'article');
  const region = regionOf(host, 'pictures');
  await region.waitFor();
  await region.scrollIntoViewIfNeeded();
  return { page, host, region };
}

/** Waits until the carousel's position changes from `from`; returns the ms it took. */
async function expectStep(region, from, what) {
  const started = Date.now();
  await until(async () => (await position(region)) !== from, {
    timeout: STEP_WITHIN_MS, interval: 50, message: `${what}: the carousel did not advance by itself within ${STEP_WITHIN_MS} ms`,
  });
  return Date.now() - started;
}

/** Watches the carousel for STILL_FOR_MS and asserts it stayed at `at`. */
async function expectStill(region, at, what) {
  const deadline = Date.now() + STILL_FOR_MS;
  while (Date.now() < deadline) {
    assert.equal(await position(region), at, `${what}: the carousel moved by itself`);
    await sleep(200);
  }
}

/** The "you may like" list: ids and reasons, in order. */
async function youMayLike(widget) {
  const list = widget.locator('[data-section="you-may-like"] li');
  await list.first().waitFor();
  return list.evaluateAll((items) => items.map((li) => ({
    id: li.dataset.id,
    why: li.querySelector('.aw-why')?.textContent ?? '',
  })));
}

/** The reading history as stored: id → progress in percent. */
async function storedHistory(page) {
  const text = await page.evaluate((key) => localStorage.getItem(key), HISTORY_KEY);
  const entries = new Map();
  for (const line of (text ?? '').split('\n').slice(1)) {
    const [id, , percent] = line.split('\t');
    if (id) entries.set(id, Number(percent));
  }
  return { text, entries };
}

test('seed page: every feed section renders with its items, links, ranking and clamped headlines', async () => {
  const { page, widget } = await openSeed({ fresh: true });
  const origin = env.main.origin;

  // Headings in feed order, each section labelled by its own heading.
  assert.deepEqual(await widget.locator('section[data-section] .aw-section-title').allTextContents(), HEADINGS);
  assert.deepEqual(feed.sections.map((s) => s.title), HEADINGS, 'the feed JSON still has these sections');
  for (const s of feed.sections) {
    const el = widget.locator(`section[data-section="${s.id}"]`);
    const labelledBy = await el.getAttribute('aria-labelledby');
    assert.equal(await widget.locator(`[id="${labelledBy}"]`).textContent(), s.title);
  }

  // Placement: featured under the article, the channel blurb, then the personalised lists;
  // the rest in the aside beside the article.
  const mainParts = await widget.locator('.aw-main').evaluate((main) => [...main.children].map((child) => ({
    className: child.className,
    sections: [...child.querySelectorAll(':scope > section[data-section]')].map((s) => s.dataset.section),
  })));
  assert.deepEqual(mainParts.slice(0, 4), [
    { className: 'aw-article', sections: [] },
    { className: 'aw-slot', sections: ['news-pick'] },
    { className: 'aw-channel', sections: [] },
    { className: 'aw-slot', sections: ['related', 'you-may-like'] },
  ], JSON.stringify(mainParts));
  assert.deepEqual(mainParts.slice(4).flatMap((part) => part.sections), [], 'no feed section elsewhere in the main column');
  assert.equal(await widget.locator('.aw-channel').textContent(), seed.channel.blurb);
  assert.deepEqual(await widget.locator('aside.aw-aside > section').evaluateAll((list) => list.map((s) => s.dataset.section)),
    ['channel-picks', 'hot-reads', 'pictures', 'community', 'hot-ranking']);

  // Item counts: `limit` or every item.
  for (const s of feed.sections) {
    const el = widget.locator(`section[data-section="${s.id}"]`);
    const items = el.locator(s.kind === 'featured' || s.kind === 'carousel' ? '.aw-slide' : 'li');
    assert.equal(await items.count(), COUNTS[s.id], `${s.id}: item count (limit ${s.limit}, ${s.items.length} items)`);
  }

  // Lists shown as the feed gives them: exact titles, order, links and times.
  for (const id of ['channel-picks', 'hot-reads', 'community']) {
    const rows = await widget.locator(`[data-section="${id}"] li`).evaluateAll((lis) => lis.map((li) => ({
      title: li.querySelector('a.aw-headline').textContent,
      tooltip: li.querySelector('a.aw-headline').title,
      href: li.querySelector('a.aw-headline').href,
      time: li.querySelector('time')?.getAttribute('datetime') ?? null,
    })));
    assert.deepEqual(rows, section(id).items.map((item) => ({
      title: item.title, tooltip: item.title, href: `${origin}/articles/${item.id}.html`, time: item.published ?? null,
    })), id);
  }

  // Personalised lists: items of the section (not the article on the page), each with a reason.
  for (const id of ['related', 'you-may-like']) {
    const rows = await widget.locator(`[data-section="${id}"] li`).evaluateAll((lis) => lis.map((li) => ({
      id: li.dataset.id,
      title: li.querySelector('a.aw-headline').textContent,
      href: li.querySelector('a.aw-headline').href,
      why: li.querySelector('.aw-why')?.textContent ?? '',
    })));
    const candidates = new Map(section(id).items.map((item) => [item.id, item]));
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${id}: no item twice`);
    for (const row of rows) {
      const item = candidates.get(row.id);
      assert.ok(item, `${id}: ${row.id} is one of the section's items`);
      assert.notEqual(row.id, seed.id, `${id}: never the article on the page`);
      assert.equal(row.title, item.title);
      assert.equal(row.href, `${origin}/articles/${item.id}.html`);
      assert.ok(row.why.length > 0, `${id}: ${row.id} shows why it is suggested`);
    }
  }
  // "Related" is about this article's topics: its first item shares its tags and says so.
  const firstRelated = widget.locator('[data-section="related"] li').first();
  assert.match(await firstRelated.locator('.aw-why').textContent(), /^与本文话题相同:/);

  // Ranking: numbered 1..n, in rank order, with view counts.
  const ranking = section('hot-ranking');
  const byRank = [...ranking.items].sort((a, b) => a.rank - b.rank);
  const ranked = widget.locator('[data-section="hot-ranking"] ol.aw-ranking-list > li');
  assert.deepEqual(await ranked.locator('.aw-rank').allTextContents(), byRank.map((_, i) => String(i + 1)));
  assert.deepEqual(await ranked.locator('a.aw-headline').allTextContents(), byRank.map((item) => item.title));
  assert.deepEqual(await ranked.locator('.aw-views').allTextContents(),
    ['1.3万次阅读', '9650次阅读', '7412次阅读', '5138次阅读', '3021次阅读']);

  // Every link of every section is absolute, under /articles/<id>.html, and that page exists.
  const hrefs = await widget.locator('section[data-section] a[href]').evaluateAll((links) => links.map((a) => a.href));
  assert.ok(hrefs.length >= 28, `only ${hrefs.length} links`);
  for (const href of hrefs) assert.match(href, new RegExp(`^${origin.replace(/\./g, '\\.')}/articles/[a-z0-9-]+\\.html$`), href);
  for (const href of new Set(hrefs)) {
    const response = await fetch(href);
    assert.equal(response.status, 200, `${href} exists`);
  }

  // Images: intrinsic size reserved, lazy, alt text, absolute URL.
  const images = await widget.locator('section[data-section] img').evaluateAll((list) => list.map((img) => ({
    section: img.closest('section').dataset.section,
    href: img.closest('a').href,
    width: img.getAttribute('width'),
    height: img.getAttribute('height'),
    loading: img.getAttribute('loading'),
    alt: img.getAttribute('alt'),
    src: img.getAttribute('src'),
  })));
  const withImages = feed.sections.flatMap((s) => s.items.slice(0, COUNTS[s.id]).filter((item) => item.image));
  assert.equal(images.length, withImages.length, 'one img per item with an image');
  for (const img of images) {
    const id = img.href.match(/\/articles\/([^/]+)\.html$/)[1];
    const item = section(img.section).items.find((i) => i.id === id);
    assert.deepEqual(img, {
      section: img.section,
      href: img.href,
      width: String(item.image.width),
      height: String(item.image.height),
      loading: 'lazy',
      alt: item.image.alt,
      src: new URL(item.image.src, `${origin}/data/feeds/shexian.json`).href,
    });
  }

  // Headlines: one line with an ellipsis by CSS, the DOM keeping the whole title.
  const headlines = await widget.locator('section[data-section] a.aw-headline').evaluateAll((links) => links.map((a) => {
    const style = getComputedStyle(a);
    return {
      text: a.textContent,
      title: a.title,
      overflow: style.overflow,
      clamp: style.webkitLineClamp,
      textOverflow: style.textOverflow,
      whiteSpace: style.whiteSpace,
      height: a.getBoundingClientRect().height,
      clipped: a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1,
      lineHeight: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6,
    };
  }));
  assert.ok(headlines.length >= 23, `${headlines.length} headlines`);
  for (const h of headlines) {
    assert.equal(h.text, h.title, 'the DOM text is the whole title');
    assert.equal(h.overflow, 'hidden', `${h.text}: overflow hidden`);
    const clamped = h.clamp === '1' || (h.textOverflow === 'ellipsis' && h.whiteSpace === 'nowrap');
    assert.ok(clamped, `${h.text}: one line with an ellipsis (line-clamp ${h.clamp}, text-overflow ${h.textOverflow})`);
    assert.ok(h.height < h.lineHeight * 1.5, `${h.text}: ${h.height}px tall, more than one line of ${h.lineHeight}px`);
  }
  const long = headlines.find((h) => h.text === itemById('hefei-xiashi').title);
  assert.ok(long.clipped, 'the longest headline in the aside is actually cut by the clamp');

  assert.deepEqual(consoleErrors(page), []);

  // The ranking follows `rank`, not the order of the JSON.
  const shuffled = structuredClone(feed);
  shuffled.sections.find((s) => s.id === 'hot-ranking').items.reverse();
  const { widget: other } = await openSeed({ feedBody: shuffled });
  const reranked = other.locator('[data-section="hot-ranking"] ol.aw-ranking-list > li');
  assert.deepEqual(await reranked.locator('a.aw-headline').allTextContents(), byRank.map((item) => item.title));
  assert.deepEqual(await reranked.locator('.aw-rank').allTextContents(), ['1', '2', '3', '4', '5']);
});

test('carousels: WAI-ARIA structure, buttons, dots, keyboard, inert off-screen slides, resizing', async () => {
  const { page, widget } = await openSeed();
  const pictures = regionOf(widget, 'pictures');
  const items = section('pictures').items;
  await expectCarouselStructure(pictures, items, '图文看点');
  assert.equal(await widget.locator('.aw-rotate:not([hidden])').count(), 0, 'no rotation control without autoplay');

  const featured = regionOf(widget, 'news-pick');
  const stories = section('news-pick').items;
  await expectCarouselStructure(featured, stories, '新闻推荐');
  // Featured slides also carry the summary and the picture credit.
  assert.deepEqual(await featured.locator('.aw-slide-summary').allTextContents(),
    stories.filter((item) => item.summary).map((item) => item.summary));
  const credits = await featured.locator('.aw-slide-credit').allTextContents();
  assert.deepEqual(credits.map((text, i) => text.endsWith(stories.filter((item) => item.credit)[i].credit)),
    stories.filter((item) => item.credit).map(() => true));

  await exerciseCarousel(page, pictures, items, '图文看点');

  // Slides per view follow the track's width; the slides in view are exactly the non-inert ones.
  // 420px: one column, narrow track. 800px: one column, full-width track. 1280px: the pictures
  // sit in the 300px aside beside the article.
  const perView = {};
  for (const width of [420, 800, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await pictures.scrollIntoViewIfNeeded();
    if (await pictures.locator('.aw-dot').count()) await pictures.locator('.aw-dot').first().click();
    let state;
    await until(async () => {
      state = await carouselState(pictures);
      return state.scrollLeft === 0 && state.inert.every((inert, i) => inert === !state.inView[i]);
    }, { message: () => `at ${width}px the non-inert slides are not the ones on screen: ${JSON.stringify(state)}` });
    perView[width] = state.inert.filter((inert) => !inert).length;
    const n = perView[width];
    const pages = items.length - n + 1;
    assert.equal(state.dots.length, n === items.length ? 0 : pages, `at ${width}px: one dot per view`);
    if (n > 1 && n < items.length) {
      assert.deepEqual(state.dots, Array.from({ length: pages }, (_, p) => `第 ${p + 1}–${p + n} 张`));
    }
    await expectTabOrder(page, pictures, Array.from({ length: n }, (_, i) => i), `at ${width}px`);
  }
  assert.equal(perView[420], 1, 'one picture per view on a narrow screen');
  assert.ok(perView[800] > 1, `several pictures per view on an 800px screen: ${JSON.stringify(perView)}`);
  assert.equal(perView[1280], 1, 'one picture per view in the aside column');

  // Going to the last view and widening keeps a full last view (no blank space, no stale inert).
  await page.setViewportSize({ width: 420, height: 800 });
  await pictures.locator('.aw-dot').last().click();
  await expectAt(pictures, items.length - 1, 1, 'narrow, last slide');
  await page.setViewportSize({ width: 800, height: 800 });
  const wide = perView[800];
  await expectAt(pictures, items.length - wide, wide, 'widened at the last view');
  await page.setViewportSize({ width: 1000, height: 800 });

  // The featured carousel: the seed feed's stories, or the picture items as featured stories
  // when the feed has fewer than three.
  if (stories.length >= 3) {
    await exerciseCarousel(page, featured, stories, '新闻推荐');
  } else {
    const several = structuredClone(feed);
    several.sections[0].items = section('pictures').items.map((item) => ({ ...item, summary: `摘要:${item.title}` }));
    const { page: page2, widget: widget2 } = await openSeed({ feedBody: several });
    const featured2 = regionOf(widget2, 'news-pick');
    await expectCarouselStructure(featured2, several.sections[0].items, '新闻推荐');
    await exerciseCarousel(page2, featured2, several.sections[0].items, '新闻推荐');
    assert.deepEqual(consoleErrors(page2), []);
  }
  assert.deepEqual(consoleErrors(page), []);
});

test('autoplay: off by default; when on it rotates, and hover, focus and reduced motion stop it', async () => {
  // Off by default: no rotation control, and the slides container is a polite live region.
  const { widget } = await openSeed();
  for (const id of ['news-pick', 'pictures']) {
    const state = await carouselState(regionOf(widget, id));
    assert.equal(state.rotate, null, `${id}: no rotation control`);
    assert.equal(state.live, 'polite', `${id}: aria-live polite`);
  }

  // Reduced motion: opened now, checked at the end, after the other page's waits.
  const calm = await autoplayPage({ reducedMotion: 'reduce', via: 'mount' });

  // autoplay="2000": a rotation control first in the carousel, live region off while rotating.
  const { page, region } = await autoplayPage({ via: 'attribute' });
  const rotate = region.locator('.aw-rotate');
  assert.equal(await rotate.count(), 1, 'a rotation control');
  const firstControl = await region.evaluate((c) => c.querySelector('button, a[href]').className);
  assert.equal(firstControl, 'aw-rotate', 'the rotation control is the first control of the carousel');
  assert.equal(await rotate.textContent(), '停止自动播放');
  await until(async () => (await carouselState(region)).live === 'off', { message: 'aria-live is "off" while rotating' });

  // It advances by itself.
  await expectStep(region, 0, 'rotating');
  await expectAt(region, 1, 1, 'after one rotation step');

  // Hovering stops it, and leaving does not restart it.
  await region.locator('.aw-track').hover();
  await until(async () => (await carouselState(region)).live === 'polite', { message: 'hover: aria-live back to polite' });
  assert.equal(await rotate.textContent(), '开始自动播放', 'hover stopped rotation: the control offers to start');
  await page.mouse.move(1, 1);
  let at = await restingPosition(region);
  await expectStill(region, at, 'after the pointer left');
  assert.equal(await rotate.textContent(), '开始自动播放', 'still stopped after the pointer left');
  assert.equal((await carouselState(region)).live, 'polite');

  // Only the rotation control starts it again, even with the pointer still on the carousel.
  await rotate.click();
  assert.equal(await rotate.textContent(), '停止自动播放');
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotation control: rotating again after hover' });
  await expectStep(region, at, 'after the rotation control, pointer on the carousel');
  await page.mouse.move(1, 1);

  // Keyboard focus inside stops it, and it stays stopped after focus leaves.
  await region.locator('.aw-next').focus();
  await until(async () => (await carouselState(region)).live === 'polite', { message: 'focus: aria-live polite' });
  assert.equal(await rotate.textContent(), '开始自动播放', 'focus stopped rotation: the control offers to start');
  at = await restingPosition(region);
  await region.evaluate((c) => c.getRootNode().activeElement?.blur());
  assert.equal(await region.evaluate((c) => c.contains(c.getRootNode().activeElement)), false, 'focus left the carousel');
  await expectStill(region, at, 'after focus left');
  assert.equal(await rotate.textContent(), '开始自动播放');
  assert.equal((await carouselState(region)).live, 'polite');

  // Pressing the rotation control starts it again.
  await rotate.focus();
  await page.keyboard.press('Enter');
  assert.equal(await rotate.textContent(), '停止自动播放');
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotation control: rotating again' });
  await expectStep(region, at, 'after the rotation control');

  // With prefers-reduced-motion it never rotated.
  const still = await carouselState(calm.region);
  assert.deepEqual({ live: still.live, at: still.inert.indexOf(false), scrollLeft: still.scrollLeft },
    { live: 'polite', at: 0, scrollLeft: 0 }, 'reduced motion: never rotated');
});

test('autoplay: a hidden tab pauses rotation, and it resumes when the tab is shown again', async () => {
  const { page, region } = await autoplayPage({ via: 'mount' });
  const rotate = region.locator('.aw-rotate');
  await page.mouse.move(1, 1);
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotating' });
  const setHidden = (hidden) => page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  await until(async () => (await carouselState(region)).live === 'polite', { message: 'still rotating in a hidden tab' });
  const at = await restingPosition(region);
  await expectStill(region, at, 'tab hidden');
  assert.equal(await rotate.textContent(), '停止自动播放', 'a hidden tab only pauses: the control still offers to stop');
  await setHidden(false);
  await until(async () => (await carouselState(region)).live === 'off', { message: 'not rotating again once the tab is shown' });
  await expectStep(region, at, 'tab shown again');
});

test('autoplay: scrolled off screen the carousel pauses, and it resumes on screen', async () => {
  const { page, region } = await autoplayPage({ via: 'mount' });
  await page.mouse.move(1, 1);
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotating' });
  // Room above the widget, and the page scrolled to its top: the carousel is off screen.
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.id = 'spacer';
    spacer.style.height = `${3 * innerHeight}px`;
    document.getElementById('stage').prepend(spacer);
    scrollTo(0, 0);
  });
  assert.equal(await region.evaluate((c) => c.getBoundingClientRect().top > innerHeight), true, 'off screen');
  await until(async () => (await carouselState(region)).live === 'polite', { message: 'still rotating off screen' });
  const at = await restingPosition(region);
  await expectStill(region, at, 'off screen');
  assert.equal(await region.locator('.aw-rotate').textContent(), '停止自动播放', 'off screen only pauses');
  await region.scrollIntoViewIfNeeded();
  await until(async () => (await carouselState(region)).live === 'off', { message: 'not rotating again on screen' });
  await expectStep(region, at, 'back on screen');
});

test('autoplay: with reduced motion there is no rotation control', async () => {
  const { host } = await autoplayPage({ reducedMotion: 'reduce', via: 'mount' });
  assert.equal(await host.locator('.aw-rotate:not([hidden])').count(), 0, 'no rotation control under reduced motion');
});

test('autoplay: with the mouse, reaching the rotation control has stopped rotation; it starts and stops it', async () => {
  const { page, region } = await autoplayPage({ via: 'mount' });
  const rotate = region.locator('.aw-rotate');
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotating' });
  await rotate.hover();
  assert.equal(await rotate.textContent(), '开始自动播放', 'the pointer on the carousel stopped rotation');
  assert.equal((await carouselState(region)).live, 'polite');
  await rotate.click();
  assert.equal(await rotate.textContent(), '停止自动播放', 'clicking "start" starts it');
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotating after "start"' });
  await rotate.click();
  await page.mouse.move(1, 1);
  assert.equal(await rotate.textContent(), '开始自动播放', 'after clicking "stop" the control offers to start');
  await sleep(300);
  assert.equal((await carouselState(region)).live, 'polite', 'not rotating after "stop"');
  await expectStill(region, await restingPosition(region), 'after clicking stop');
});

test('autoplay: turning on reduced motion while the page is open stops rotation', async () => {
  const { page, region } = await autoplayPage({ via: 'mount' });
  await until(async () => (await carouselState(region)).live === 'off', { message: 'rotating' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await until(async () => (await carouselState(region)).live === 'polite', {
    timeout: 1500, message: 'still rotating (aria-live "off") after reduced motion was turned on',
  });
  await expectStill(region, await restingPosition(region), 'reduced motion turned on');
});

test('autoplay: a carousel with a single slide offers no rotation control', async () => {
  const page = await blankPage(env);
  const single = structuredClone(feed);
  single.sections[0].items = single.sections[0].items.slice(0, 1);
  await page.route(`${env.main.origin}${FEED}`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify(single),
  }));
  await addWidgets(page, [{ id: 'host', src: 'data/articles/jijiehao.json', autoplay: String(AUTOPLAY_MS) }]);
  const host = page.locator('#host');
  assert.equal(await settled(host), 'article');
  const featured = regionOf(host, 'news-pick');
  await featured.waitFor();
  assert.equal(await featured.locator('.aw-slide').count(), 1);
  await sleep(500);
  const state = await carouselState(featured);
  assert.deepEqual({ rotate: state.rotate, live: state.live, prev: state.prevDisabled, next: state.nextDisabled, dots: state.dots },
    { rotate: null, live: 'polite', prev: true, next: true, dots: [] });
});

/**
 * Swipes the track of `region` by 60% of its width towards the next slide with real touch
 * input (touch emulation on, CDP touch events: the browser scrolls and snaps the track).
 */
async function swipe(page, region) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  const box = await region.locator('.aw-track').boundingBox();
  const [x, y] = [Math.round(box.x + box.width * 0.8), Math.round(box.y + box.height / 2)];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= 10; step++) {
    const at = { x: x - Math.round(box.width * 0.06 * step), y };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const [how, init] of [
  ['scrollend', undefined],
  // A browser without scrollend: no onscrollend property, and no scrollend event heard.
  ['no scrollend: the track at rest after scroll events', () => {
    delete HTMLElement.prototype.onscrollend;
    delete Element.prototype.onscrollend;
    const listen = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, ...rest) {
      if (type !== 'scrollend') listen.call(this, type, ...rest);
    };
  }],
]) {
  test(`carousel: a touch swipe moves to the next snap point, and dots, "n of m", inert and Tab follow (${how})`, async () => {
    const { page, widget } = await openSeed({ init });
    const pictures = regionOf(widget, 'pictures');
    const count = section('pictures').items.length;
    assert.equal(await pictures.evaluate((c) => 'onscrollend' in c.querySelector('.aw-track')), !init, 'scrollend support as set up');
    await pictures.scrollIntoViewIfNeeded();
    await expectAt(pictures, 0, 1, 'before the swipe');
    for (const to of [1, 2]) {
      await swipe(page, pictures);
      await until(async () => {
        const state = await carouselState(pictures);
        return state.inert.indexOf(false) === to && state.current[to];
      }, { message: async () => `after swipe ${to}: ${JSON.stringify(await carouselState(pictures))}` });
      await expectAt(pictures, to, 1, `after swipe ${to}`);
      const shown = pictures.locator('.aw-slide:not([inert])');
      assert.equal(await shown.getAttribute('aria-label'), `第 ${to + 1} 张,共 ${count} 张`);
      await expectTabOrder(page, pictures, [to], `after swipe ${to}`);
    }
  });
}

test('you may like: ranked from the reading history kept in this browser, cleared by the reader', async () => {
  const origin = env.main.origin;
  const requests = [];
  const onRequest = (request) => requests.push({ url: request.url(), method: request.method() });
  env.context.on('request', onRequest);
  try {
    // A first visit: the baseline order.
    const { page, widget } = await openSeed({ fresh: true });
    const fresh = await youMayLike(widget);
    assert.equal(fresh.length, COUNTS['you-may-like']);

    // Read three tourism stories (tag 风光) to the end.
    const read = ['huangshan-yunhai', 'xinanjiang-hualang', 'huizhou-gucheng'];
    for (const id of read) {
      await page.goto(`${origin}/articles/${id}.html`);
      const host = page.locator('article-widget');
      assert.equal(await settled(host), 'article');
      assert.equal(await host.locator('h1').textContent(), itemById(id).title);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await until(async () => (await storedHistory(page)).entries.get(id) === 100, {
        message: async () => `reading ${id} to the end is recorded: ${JSON.stringify((await storedHistory(page)).text)}`,
      });
    }
    const history = await storedHistory(page);
    assert.deepEqual([...history.entries.keys()], [...read].reverse().concat(seed.id), 'history, newest first');

    await page.goto(`${origin}/index.html`);
    await widget.locator('[data-section="you-may-like"] li').first().waitFor();
    const personal = await youMayLike(widget);
    assert.equal(personal.length, COUNTS['you-may-like']);
    assert.notDeepEqual(personal.map((s) => s.id), fresh.map((s) => s.id), 'the list changed with the history');
    for (const id of read) assert.ok(!personal.some((s) => s.id === id), `${id} was read: not suggested again`);
    const scenic = (list) => list.filter((s) => itemById(s.id).tags.includes('风光')).map((s) => s.id);
    assert.ok(scenic(personal).length > scenic(fresh).length,
      `more 风光 stories after reading three: ${JSON.stringify(scenic(fresh))} → ${JSON.stringify(scenic(personal))}`);
    assert.ok(itemById(personal[0].id).tags.includes('风光'), `a 风光 story comes first: ${personal[0].id}`);
    for (const id of scenic(fresh)) {
      assert.ok(personal.findIndex((s) => s.id === id) <= fresh.findIndex((s) => s.id === id), `${id} moved up or stayed`);
    }
    const readTitles = read.map((id) => itemById(id).title);
    const because = personal.filter((s) => s.why.startsWith('因为你读过'));
    assert.ok(because.length > 0 && because[0].id === personal[0].id, `the first suggestion names a story read: ${JSON.stringify(personal)}`);
    for (const s of because) {
      const title = s.why.match(/^因为你读过《(.+)》$/)?.[1];
      assert.ok(readTitles.includes(title), `${s.id}: "${s.why}" names one of the stories read`);
    }
    assert.equal(await widget.locator('[data-section="you-may-like"] .aw-why').count(), personal.length);

    // "清除阅读记录" forgets the history and the list is the first visit's again.
    const clear = widget.locator('[data-section="you-may-like"] button.aw-clear-history');
    assert.equal(await clear.textContent(), '清除阅读记录');
    await clear.click();
    await until(async () => JSON.stringify(await youMayLike(widget)) === JSON.stringify(fresh), {
      message: async () => `after clearing: ${JSON.stringify(await youMayLike(widget))}, first visit: ${JSON.stringify(fresh)}`,
    });
    assert.equal((await storedHistory(page)).entries.size, 0, 'the stored history is empty');
    await page.reload();
    await settled(widget);
    assert.deepEqual(await youMayLike(widget), fresh, 'still the first-visit order after a reload');
    assert.deepEqual(consoleErrors(page), []);
  } finally {
    env.context.off('request', onRequest);
  }
  // Nothing was sent anywhere: every request went to the page's own server, and only GETs.
  assert.ok(requests.length > 10, `${requests.length} requests seen`);
  const elsewhere = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== origin);
  assert.deepEqual(elsewhere, [], 'requests to other hosts');
  assert.deepEqual(requests.filter((r) => r.method !== 'GET'), [], 'requests other than GET');
});

test('you may like: when every candidate has been read, the unread hot stories of the ranking fill it', async () => {
  const candidates = section('you-may-like').items;
  const withHot = structuredClone(feed);
  const ranking = withHot.sections.find((s) => s.id === 'hot-ranking');
  ranking.items.push(
    { id: 'hot-b', title: '热点乙', url: '../../articles/hot-b.html', rank: 7, views: 10 },
    { id: 'hot-a', title: '热点甲', url: '../../articles/hot-a.html', rank: 6, views: 20 },
  );
  const page = await env.newPage();
  await page.goto(`${env.main.origin}/e2e-blank.html`);
  const now = Date.now();
  const lines = candidates.map((item, i) => [item.id, now - i * 60_000, 100, item.channel ?? '', item.title, ...(item.tags ?? [])].join('\t'));
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [HISTORY_KEY, ['awh1', ...lines].join('\n')]);
  await page.route(`${env.main.origin}${FEED}`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify(withHot),
  }));
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  // Every candidate and every first-ranked story was read: the two unread hot ones, in rank order.
  assert.deepEqual(await youMayLike(widget), [{ id: 'hot-a', why: '热门文章' }, { id: 'hot-b', why: '热门文章' }]);
  assert.equal(await widget.locator('[data-section="you-may-like"] .aw-empty').count(), 0, 'not "nothing to suggest"');
  assert.deepEqual(consoleErrors(page), []);
});

test('following a recommendation opens that article', async () => {
  const { page, widget } = await openSeed();
  const link = widget.locator('[data-section="related"] li a.aw-headline').first();
  const id = await widget.locator('[data-section="related"] li').first().getAttribute('data-id');
  const title = await link.textContent();
  assert.equal(title, itemById(id).title);
  await link.click();
  await page.waitForURL(`${env.main.origin}/articles/${id}.html`);
  const host = page.locator('article-widget');
  assert.equal(await settled(host), 'article');
  assert.equal(await host.locator('h1').textContent(), title);

  // A slide of the picture highlights too.
  await host.locator('[data-section="pictures"]').waitFor();
  const slide = regionOf(host, 'pictures').locator('.aw-slide:not([inert]) a').first();
  const slideTitle = await slide.locator('.aw-slide-title').textContent();
  await slide.click();
  await page.waitForURL(/\/articles\/[a-z0-9-]+\.html$/);
  assert.notEqual(page.url(), `${env.main.origin}/articles/${id}.html`);
  assert.equal(await settled(page.locator('article-widget')), 'article');
  assert.equal(await page.locator('article-widget h1').textContent(), slideTitle);
  assert.deepEqual(consoleErrors(page), []);
});

test('a feed that cannot be read shows one error panel beside an intact article, and retry reloads it', async () => {
  const origin = env.main.origin;
  const feedUrl = `${origin}${FEED}`;
  const escaped = feedUrl.replace(/\./g, '\\.');
  const json = (body) => (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  const cases = [
    {
      name: 'HTTP 404',
      fulfil: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }),
      detail: new RegExp(`^${escaped} answered HTTP 404\\b`),
    },
    {
      name: 'invalid JSON',
      fulfil: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": "1.0", "sections": [' }),
      detail: new RegExp(`^${escaped} is not valid JSON: `),
    },
    {
      name: 'another major version',
      fulfil: json({ ...feed, version: '2.0' }),
      detail: new RegExp(`^${escaped}: version: unsupported version "2\\.0"`),
    },
    {
      name: 'sections not a list',
      fulfil: json({ ...feed, sections: { first: feed.sections[0] } }),
      detail: new RegExp(`^${escaped}: sections: expected a list of sections, found an object$`),
    },
  ];
  for (const { name, fulfil, detail } of cases) {
    const page = await env.newPage();
    await page.route(feedUrl, fulfil);
    await page.goto(`${origin}/index.html`);
    const widget = page.locator('article-widget#article');
    assert.equal(await settled(widget), 'article', `${name}: the article is shown`);
    const panel = widget.locator('aside.aw-aside > [role="alert"]');
    await panel.waitFor();

    // The article is whole; the error is only in the aside.
    assert.equal(await widget.locator('h1').textContent(), seed.title, name);
    assert.equal(await widget.locator('.aw-body > p').count(), 10, `${name}: the article body`);
    assert.equal(await widget.locator('.aw-aside [role="alert"]').count(), 1, `${name}: one alert in the aside`);
    assert.equal(await widget.locator('.aw-error').count(), 1, `${name}: the feed's is the only error panel`);
    assert.equal(await widget.locator('.aw-article [role="alert"]').count(), 0, `${name}: no alert in the article`);
    assert.equal(await widget.locator('section[data-section]').count(), 0, `${name}: no section of the refused feed`);
    assert.equal(await panel.locator('.aw-error-title').textContent(), '推荐内容未能加载');
    const text = await panel.locator('.aw-error-detail').textContent();
    assert.match(text, detail, name);
    assert.ok(text.includes(feedUrl), `${name}: names the feed URL`);

    // Retry after the feed is fixed.
    await page.unroute(feedUrl);
    const retry = panel.locator('button.aw-retry');
    assert.equal(await retry.textContent(), '重试');
    await retry.click();
    await widget.locator('[data-section="hot-ranking"]').waitFor();
    assert.deepEqual(await widget.locator('section[data-section] .aw-section-title').allTextContents(), HEADINGS,
      `${name}: retry loaded the feed`);
    assert.equal(await widget.locator('.aw-error').count(), 0, `${name}: the error panel is gone`);
    assert.equal(await widget.locator('.aw-aside [role="alert"]').count(), 0, `${name}: no alert left in the aside`);
    assert.equal(await widget.locator('h1').textContent(), seed.title);
  }
});

test('a section with bad data shows its own error in its place, the other sections render, and retry reloads the feed', async () => {
  const origin = env.main.origin;
  const feedUrl = `${origin}${FEED}`;
  const broken = structuredClone(feed);
  broken.sections[0].items[0].url = 'javascript:alert(1)';
  broken.sections[2].items[1].title = 42;
  delete broken.sections[5].items[1].image;
  broken.sections[6] = 'not a section';
  const bad = {
    'news-pick': { slot: '.aw-main > div:nth-of-type(1)', field: 'sections[0].items[0].url', message: /^only http, https, mailto or relative URLs are allowed \(found "javascript:"\)$/ },
    'you-may-like': { slot: '.aw-main > div:nth-of-type(2)', field: 'sections[2].items[1].title', message: /^expected text, found a number$/ },
    pictures: { slot: 'aside.aw-aside', field: 'sections[5].items[1].image', message: /^required in a featured or carousel section$/ },
  };
  const page = await env.newPage();
  await page.addInitScript(() => {
    window.widgetErrors = [];
    document.addEventListener('article-widget:error', (e) => window.widgetErrors.push(e.detail));
  });
  await page.route(feedUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(broken) }));
  await page.goto(`${origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  await widget.locator('[data-section="hot-ranking"]').waitFor();

  // Each bad section is in its own place, headed by its title, with its own alert naming the field.
  for (const [id, { slot, field, message }] of Object.entries(bad)) {
    const sectionEl = widget.locator(`${slot} > section.aw-section-refused[data-section="${id}"]`);
    assert.equal(await sectionEl.count(), 1, `${id}: refused in its slot`);
    assert.equal(await sectionEl.locator('.aw-section-title').textContent(), section(id).title);
    const panel = sectionEl.locator('[role="alert"].aw-error');
    assert.equal(await panel.locator('.aw-error-title').textContent(), '本栏目未能显示');
    const detail = await panel.locator('.aw-error-detail').textContent();
    assert.ok(detail.startsWith(`${feedUrl}: ${field}: `), `${id}: ${detail}`);
    assert.match(detail.slice(`${feedUrl}: ${field}: `.length), message, id);
    assert.equal(await panel.locator('button.aw-retry').textContent(), '重试');
  }
  // A section that is not even an object: in the aside, headed by the word for recommendations
  // (not the panel's own heading a second time).
  const shapeless = widget.locator('aside.aw-aside > section.aw-section-refused:not([data-section]), aside.aw-aside > section.aw-section-refused[data-section=""]');
  assert.equal(await shapeless.count(), 1);
  assert.equal(await shapeless.locator('.aw-section-title').textContent(), '推荐阅读');
  assert.equal(await shapeless.locator('.aw-error-title').textContent(), '本栏目未能显示');
  assert.equal(await shapeless.locator('.aw-error-detail').textContent(), `${feedUrl}: sections[6]: expected an object, found text`);

  // The valid sections render in full; nothing of the bad data reaches the page.
  assert.equal(await widget.locator('.aw-error').count(), 4, 'one error panel per bad section');
  assert.equal(await widget.locator('section.aw-section-refused').count(), 4);
  for (const id of ['related', 'channel-picks', 'hot-reads', 'hot-ranking']) {
    const items = await widget.locator(`section[data-section="${id}"]:not(.aw-section-refused) li a[href]`).count();
    assert.equal(items, COUNTS[id], `${id}: every item shown`);
  }
  assert.equal(await widget.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(await widget.locator('h1').textContent(), seed.title);
  assert.equal(await widget.locator('.aw-body > p').count(), 10, 'the article body');
  assert.equal(await widget.locator('.aw-article [role="alert"]').count(), 0, 'no alert in the article');

  // Each is announced to the host page with its field.
  const announced = await page.evaluate(() => window.widgetErrors.map((d) => [d.part, d.field, d.url]));
  assert.deepEqual(announced, [
    ['feed', 'sections[0].items[0].url', feedUrl],
    ['feed', 'sections[2].items[1].title', feedUrl],
    ['feed', 'sections[5].items[1].image', feedUrl],
    ['feed', 'sections[6]', feedUrl],
  ]);

  // Retry (any of them) after the feed is fixed loads it again, whole.
  await page.unroute(feedUrl);
  await widget.locator('section[data-section="pictures"] button.aw-retry').click();
  await until(async () => (await widget.locator('.aw-error').count()) === 0, { message: 'the error panels stay after retry' });
  await widget.locator('[data-section="hot-ranking"]').waitFor();
  assert.deepEqual(await widget.locator('section[data-section] .aw-section-title').allTextContents(), HEADINGS, 'retry loaded the feed');
  assert.equal(await regionOf(widget, 'pictures').locator('.aw-slide').count(), section('pictures').items.length);
  assert.deepEqual(consoleErrors(page), []);
});

/**
 * Records the page's `article-widget:error` details in `window.widgetErrors`, and takes the
 * featured carousel's (news-pick) dots container away before it is wired.
 */
function breakFeaturedCarousel(page) {
  return page.addInitScript(() => {
    window.widgetErrors = [];
    document.addEventListener('article-widget:error', (e) => window.widgetErrors.push(e.detail));
    const select = Element.prototype.querySelector;
    Element.prototype.querySelector = function (selector) {
      if (selector === '.aw-dots' && this.closest('[data-section="news-pick"]')) return null;
      return select.call(this, selector);
    };
  });
}

test('a carousel that cannot be wired is announced and stops none of the sections after it', async () => {
  const page = await env.newPage();
  await breakFeaturedCarousel(page);
  await page.goto(`${env.main.origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  await widget.locator('[data-section="hot-ranking"] li').first().waitFor();
  assert.deepEqual(await widget.locator('section[data-section] .aw-section-title').allTextContents(), HEADINGS,
    'every section after the failed carousel renders');
  const pictures = regionOf(widget, 'pictures');
  await pictures.locator('.aw-next').click();
  await expectAt(pictures, 1, 1, 'the carousel after it works');
  const announced = await page.evaluate(() => window.widgetErrors);
  assert.deepEqual(announced, [{
    url: `${env.main.origin}${FEED}`,
    message: 'sections[0]: the carousel has no .aw-dots; it scrolls without its controls',
    field: 'sections[0]',
    part: 'feed',
  }]);
});

test('a refused section and an unwired carousel are announced once per load of the feed, not again when the history is cleared', async () => {
  const origin = env.main.origin;
  const broken = structuredClone(feed);
  broken.sections[6] = 'not a section';
  const read = section('you-may-like').items[0];
  const page = await env.newPage();
  await breakFeaturedCarousel(page);
  await page.goto(`${origin}/e2e-blank.html`);
  const line = [read.id, Date.now(), 100, read.channel ?? '', read.title, ...(read.tags ?? [])].join('\t');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [HISTORY_KEY, `awh1\n${line}`]);
  await page.route(`${origin}${FEED}`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify(broken),
  }));
  await page.goto(`${origin}/index.html`);
  const widget = page.locator('article-widget#article');
  assert.equal(await settled(widget), 'article');
  await widget.locator('[data-section="hot-ranking"] li').first().waitFor();
  const announced = () => page.evaluate(() => window.widgetErrors.map((d) => d.field));
  assert.deepEqual(await announced(), ['sections[6]', 'sections[0]'], 'each fault once on load');

  const clear = widget.locator('[data-section="you-may-like"] button.aw-clear-history');
  await clear.click();
  await until(async () => (await clear.count()) === 0 && (await storedHistory(page)).entries.size === 0, {
    message: 'clearing the history redraws the sections without the button',
  });
  assert.equal(await widget.locator('section.aw-section-refused .aw-error').count(), 1, 'the refused section is still shown');
  assert.deepEqual(await announced(), ['sections[6]', 'sections[0]'], 'nothing announced again');

  // A new load of the feed (retry) announces them again, once.
  await widget.locator('section.aw-section-refused button.aw-retry').click();
  await until(async () => (await announced()).length === 4, { message: async () => `after retry: ${JSON.stringify(await announced())}` });
  await sleep(300);
  assert.deepEqual(await announced(), ['sections[6]', 'sections[0]', 'sections[6]', 'sections[0]']);
});

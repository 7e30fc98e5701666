// A site's TypeScript using the package by its name, as a consumer would: type-checked by
// `tsc --noEmit` in tests/package/types.test.mjs. Every `@ts-expect-error` line must be an
// error (tsc fails when the types are too loose), every other line must compile (tsc fails when
// they are wrong or missing).
import { ArticleWidget, mount, ready, setStrings, unmount } from 'article-widget';
import type {
  Article,
  ArticleContract,
  ArticleWidgetErrorDetail,
  ArticleWidgetOptions,
  Comment,
  CommentThread,
  Feed,
  FeedContract,
  KnownBlock,
  RankedItem,
  Span,
} from 'article-widget';

// ---- the JS API ----------------------------------------------------------------------------

export async function story(host: HTMLDivElement): Promise<void> {
  await ready;
  const options: ArticleWidgetOptions = {
    src: '/articles/a.json',
    lang: 'en',
    theme: 'dark',
    timeout: 5000,
    autoplay: '4000',
    feed: '/feeds/site.json',
    'comments-backend': 'isso',
    'comments-endpoint': 'https://comments.example.com',
    'comments-src': '/threads/a.json',
  };
  const mounted: Promise<void> = mount(host, options);
  await mounted;
  await mount(host, { src: '/articles/b.json', lang: 'zh-Hant-TW' }); // any BCP 47 tag
  await mount(host); // every option from the element's attributes
  await unmount(host);
  await setStrings('en', { 'form.submit': 'Send', 'article.reading_time': '{} min' });
  // @ts-expect-error strings are text
  await setStrings('en', { 'form.submit': 1 });

  // @ts-expect-error theme is light, dark or auto
  await mount(host, { theme: 'sepia' });
  // @ts-expect-error timeout is milliseconds, a number or a numeric string
  await mount(host, { timeout: 'soon' });
  // @ts-expect-error no such option
  await mount(host, { source: '/articles/a.json' });
  // @ts-expect-error the comment backends are local, isso, http and none
  await mount(host, { 'comments-backend': 'disqus' });
  // @ts-expect-error mount needs an element
  await mount('#story');
}

// ---- the element ---------------------------------------------------------------------------

const element = document.createElement('article-widget');
const typed: ArticleWidget = element; // HTMLElementTagNameMap knows the tag
const found: ArticleWidget | null = document.querySelector('article-widget');
const attributes: readonly string[] = ArticleWidget.observedAttributes;
element.setAttribute('src', '/articles/a.json');
customElements.get('article-widget');
void [typed, found, attributes];

// ---- the DOM events --------------------------------------------------------------------------

element.addEventListener('article-widget:load', (event) => {
  const { src, id, title }: { src: string; id: string; title: string } = event.detail;
  document.title = `${title} (${id}, ${src})`;
  // @ts-expect-error the load event has no message
  void event.detail.message;
});

const onError = (event: CustomEvent<ArticleWidgetErrorDetail>) => {
  const field: string | undefined = event.detail.field;
  const part: 'article' | 'feed' | 'comments' = event.detail.part;
  console.warn(part, event.detail.url, event.detail.message, field ?? '');
};
// on a plain element given to mount(), too
document.createElement('div').addEventListener('article-widget:error', onError);

element.addEventListener('article-widget:comment-posted', (event) => {
  const { thread, id } = event.detail;
  switch (event.detail.status) {
    case 'published':
    case 'moderated':
    case 'local':
      console.log(thread, id);
      break;
    default: {
      const unreachable: never = event.detail.status; // the four states are all there are
      void unreachable;
    }
  }
});

// The events bubble (composed) to the document: one listener for every widget of the page.
document.addEventListener('article-widget:navigate', (event) => {
  if (event.detail.kind === 'recommendation') event.preventDefault(); // route in place
});
window.addEventListener('article-widget:load', (event) => console.log(event.detail.id));

element.addEventListener('article-widget:navigate', (event) => {
  const kind: 'recommendation' | 'breadcrumb' | 'channel' | 'link' = event.detail.kind;
  console.log(kind, new URL(event.detail.url));
  // @ts-expect-error kind is one of four
  const other: typeof event.detail.kind = 'button';
  void other;
});

// ---- the JSON contracts ----------------------------------------------------------------------

export const article: Article = {
  version: '1.0',
  id: 'jijiehao',
  title: '天天可闻“集结号”处处都见先锋队',
  published: '2020-02-19T04:32:00+08:00',
  comments: { backend: 'http', endpoint: '/api/comments' },
  body: [
    { type: 'heading', level: 2, children: [{ text: '吹响“集结号”' }] },
    { type: 'paragraph', children: [{ text: '歙县', marks: ['strong'] }, { text: '…', href: '../x.html' }] },
    { type: 'image', src: '../img/a.jpg', width: 640, height: 360, alt: '' },
    { type: 'timeline', fallback: 'a block type of a later version' },
  ],
};

// @ts-expect-error published is required
export const undated: Article = { version: '1.0', id: 'a', title: 'T', body: [] };
// @ts-expect-error marks are strong and em
export const bold: Span = { text: 'x', marks: ['bold'] };
// @ts-expect-error a comments backend is local, isso, http or none
export const disqus: Article['comments'] = { backend: 'disqus' };

export function level(block: KnownBlock): number {
  switch (block.type) {
    case 'heading':
      return block.level; // 2 | 3 | 4
    case 'image':
      return block.width / block.height;
    case 'list':
      return block.items.length;
    default:
      return 0;
  }
}
// @ts-expect-error headings are h2 to h4
export const h1: ArticleContract.HeadingBlock = { type: 'heading', level: 1, children: [] };

export const feed: Feed = {
  version: '1.0',
  id: 'shexian',
  sections: [
    { id: 'hot', kind: 'ranking', title: '热点排行', items: [{ id: 'a', title: 'A', url: '/a.html', rank: 1 }] },
    { id: 'like', kind: 'list', title: '猜你喜欢', personalize: 'you-may-like', limit: 5, items: [] },
  ],
};
export const ranked: RankedItem = { id: 'a', title: 'A', url: '/a.html', rank: 2 };
// @ts-expect-error a ranked item has its rank
export const unranked: RankedItem = { id: 'a', title: 'A', url: '/a.html' };
// @ts-expect-error a picture item has its image
export const noPicture: FeedContract.PictureItem = { id: 'a', title: 'A', url: '/a.html' };
// @ts-expect-error the section kinds are featured, carousel, list, ranking and grid
export const slider: FeedContract.Section = { id: 's', kind: 'slider', title: 'S', items: [] };

export const thread: CommentThread = {
  version: '1.0',
  uri: 'jijiehao',
  comments: [{ id: 'c1', parent: null, author: '练江边', created: '2020-02-20T06:15:00+08:00', text: '好', likes: 0 }],
};
// @ts-expect-error likes are required
export const unliked: Comment = { id: 'c2', parent: 'c1', author: 'A', created: '2020-02-20T06:15:00+08:00', text: 'x' };

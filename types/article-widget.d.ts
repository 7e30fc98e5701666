/*
 * TypeScript types of the article-widget package: the JS API of dist/article-widget.js, the
 * <article-widget> element, its DOM events, and (re-exported) the three JSON contracts, whose
 * types are generated from schema/*.schema.json (types/article.d.ts, feed.d.ts, comments.d.ts).
 * Documented in docs/api.md and docs/attributes.md.
 */

import type {
  ParagraphBlock, HeadingBlock, ImageBlock, QuoteBlock, ListBlock, DividerBlock, HtmlBlock,
} from './article.js';

export type { Article, Block, Span, ParagraphBlock, HeadingBlock, ImageBlock, QuoteBlock, ListBlock, DividerBlock, HtmlBlock } from './article.js';
export type { Feed, Section, Item, PictureItem, RankedItem, Image } from './feed.js';
export type { CommentThread, Comment } from './comments.js';
/** Every type of the article contract (types/article.d.ts). */
export type * as ArticleContract from './article.js';
/** Every type of the feed contract (types/feed.d.ts). */
export type * as FeedContract from './feed.js';
/** Every type of the comment-thread contract (types/comments.d.ts). */
export type * as CommentsContract from './comments.js';

/** The body blocks this version renders; `Block` also admits blocks of later versions. */
export type KnownBlock =
  | ParagraphBlock | HeadingBlock | ImageBlock | QuoteBlock | ListBlock | DividerBlock | HtmlBlock;

/** `theme`: `auto` follows the reader's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * Interface languages with their own strings. Other BCP 47 tags are accepted: zh-HK, zh-MO
 * and zh-Hant-* get zh-TW, any other zh-* zh-CN, and every other language en.
 */
export type InterfaceLanguage = 'zh-CN' | 'zh-TW' | 'en';

/** Where new comments go (`comments-backend`, or the article's `comments.backend`). */
export type CommentsBackend = 'local' | 'isso' | 'http' | 'none';

/**
 * The options of `mount(element, options)`: the element's attributes, by the same names.
 * An option that is absent (or blank) falls back to the element's attribute of that name,
 * so `mount(el)` on an element with attributes works too.
 */
export interface ArticleWidgetOptions {
  /** URL of the article JSON (required, here or as the attribute). Relative to the page. */
  src?: string;
  /**
   * Interface language; `auto` takes the reader's browser language (`navigator.language`).
   * Defaults to the article's `lang`, then zh-CN.
   */
  lang?: InterfaceLanguage | 'auto' | (string & {});
  /** Colour theme; `light` when absent or unknown. */
  theme?: Theme;
  /** Time limit of each fetch attempt in milliseconds (default 10000). */
  timeout?: number | `${number}`;
  /** URL of the recommendations feed JSON; overrides the article's `feed`. */
  feed?: string;
  /** Carousel rotation interval in milliseconds; carousels do not rotate unless set. */
  autoplay?: number | `${number}`;
  /** Where new comments go; overrides the article's `comments.backend`. */
  'comments-backend'?: CommentsBackend;
  /** Base URL of the Isso server or the HTTP comment endpoint. */
  'comments-endpoint'?: string;
  /** URL of a static comment-thread JSON to read. */
  'comments-src'?: string;
}

/** The attribute names the element observes; changing one re-renders. */
export type ArticleWidgetAttribute = Extract<keyof ArticleWidgetOptions, string>;

/** `detail` of `article-widget:load`: the article is on show. */
export interface ArticleWidgetLoadDetail {
  /** The article JSON's URL, absolute. */
  src: string;
  /** The article's `id`. */
  id: string;
  /** The article's `title`. */
  title: string;
}

/** Which document an `article-widget:error` is about. */
export type ErrorPart = 'article' | 'feed' | 'comments';

/** `detail` of `article-widget:error`: a document could not be loaded or is invalid. */
export interface ArticleWidgetErrorDetail {
  /** URL of the document that failed. */
  url: string;
  /** The message the widget shows. */
  message: string;
  /** Path of the first invalid field (e.g. `body[3].children[0].href`) when the data is at fault. */
  field?: string;
  /** The article, the recommendations feed or the comment thread. */
  part: ErrorPart;
}

/** What became of a posted comment once its backend confirmed it. */
export type CommentStatus = 'published' | 'moderated' | 'local';

/** `detail` of `article-widget:comment-posted`: a comment was confirmed by its backend. */
export interface ArticleWidgetCommentPostedDetail {
  /** The thread the comment belongs to (its `uri`). */
  thread: string;
  /** The comment's id, as the backend gave it. */
  id: string;
  /**
   * `published`: the backend shows it; `moderated`: the backend holds it for moderation;
   * `local`: kept on this device only (the local backend).
   */
  status: CommentStatus;
}

/** What a reader followed. */
export type NavigateKind = 'recommendation' | 'breadcrumb' | 'channel' | 'link';

/**
 * `detail` of `article-widget:navigate`: the reader follows a link of the widget. The event is
 * cancelable: `preventDefault()` stops the navigation (e.g. to route in place).
 */
export interface ArticleWidgetNavigateDetail {
  /** The link's absolute URL. */
  url: string;
  /** Which kind of link. */
  kind: NavigateKind;
}

/**
 * The widget's DOM events. They bubble and are composed: heard on the element the widget
 * renders into and on every ancestor up to `document` and `window`.
 */
export interface ArticleWidgetEventMap {
  'article-widget:load': CustomEvent<ArticleWidgetLoadDetail>;
  'article-widget:error': CustomEvent<ArticleWidgetErrorDetail>;
  'article-widget:comment-posted': CustomEvent<ArticleWidgetCommentPostedDetail>;
  'article-widget:navigate': CustomEvent<ArticleWidgetNavigateDetail>;
}

/** Resolves when the wasm module is compiled and instantiated. */
export declare const ready: Promise<unknown>;

/**
 * Renders an article into `element` (any element that can host a shadow root) and resolves
 * once rendering has started; the article, its feed and comments load asynchronously (listen
 * for `article-widget:load` and `article-widget:error`). Mounting again re-renders. Rejects,
 * after showing a message in the element, when the wasm cannot start.
 */
export declare function mount(element: Element, options?: ArticleWidgetOptions): Promise<void>;

/** Removes a mounted article from `element`: its content, listeners and pending work. */
export declare function unmount(element: Element): Promise<void>;

/**
 * Interface string replacements for one language: keys are `<table>.<field>` (tables
 * `article`, `comments`, `feed`, `form`; see src/i18n/), values the words to show, `{}`
 * standing for a number.
 */
export type ArticleWidgetStrings = Record<string, string>;

/**
 * Replaces interface strings of one language (`zh-CN`, `zh-TW`, `en`, or any tag that maps
 * to one) and re-renders the widgets on the page; an empty object restores the built-in
 * words. Rejects, naming them, on unknown keys or values that are not text; nothing changes then.
 */
export declare function setStrings(lang: string, strings: ArticleWidgetStrings): Promise<void>;

/** `<article-widget src="article.json" lang="zh-CN" theme="auto">`. */
export declare class ArticleWidget extends HTMLElement {
  /** The attributes whose changes re-render the widget. */
  static readonly observedAttributes: ArticleWidgetAttribute[];
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'article-widget': ArticleWidget;
  }
  /**
   * The widget's events, typed for `addEventListener` on any element (they bubble from the
   * element the widget renders into: an `<article-widget>`, or a `<div>` given to `mount`), the
   * document and the window.
   */
  interface HTMLElementEventMap extends ArticleWidgetEventMap {}
  interface DocumentEventMap extends ArticleWidgetEventMap {}
  interface WindowEventMap extends ArticleWidgetEventMap {}
}

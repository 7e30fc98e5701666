/*
 * Types of the article JSON contract, generated from schema/article.schema.json by
 * scripts/types.mjs (json-schema-to-typescript). Do not edit: change the schema and run
 * `npm run types`; npm test fails while this file is out of date.
 */

/**
 * One block of the body, discriminated by `type`. The known types are paragraph, heading, image, quote, list, divider and html; a block of any other type is accepted (forward compatibility) and rendered by widgets that do not know it as its `fallback` text, or skipped when it has none.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "Block".
 */
export type Block = {
  /**
   * Block type: one of the known types, or any other non-empty string for a block type from a later contract version or a site extension.
   */
  type: string;
  /**
   * Plain text shown in place of the block by widgets that cannot render its type. Any block may carry it.
   */
  fallback?: string;
  [k: string]: unknown;
};
/**
 * A URL that is safe to put in an href or src: an absolute URL with the scheme http:, https: or mailto: (scheme case-insensitive), or a relative reference without a scheme ("../img/a.png", "/x", "?q=1", "#top", "//host/x"), which resolves against the URL of the JSON document that contains it (not the embedding page). Any other scheme (javascript:, data:, vbscript:, file:, ...) is rejected. ASCII control characters (U+0000 to U+001F, U+007F) are not allowed anywhere and the value may not start with a space, because browsers strip those and could then see a hidden scheme; percent-encode them instead. Must not be empty.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "Url".
 */
export type Url = string;
/**
 * ISO 8601 date-time with an explicit offset: YYYY-MM-DDTHH:MM, optional :SS and fraction, then Z or ±HH:MM. A local time without offset is rejected because it is ambiguous.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "DateTime".
 */
export type DateTime = string;
/**
 * Inline content: a list of spans rendered one after another.
 *
 * @maxItems 1000
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "Spans".
 */
export type Spans = Span[];
/**
 * The paragraph's inline content.
 *
 * @maxItems 1000
 */
export type Spans1 = Span[];
/**
 * The heading's inline content.
 *
 * @maxItems 1000
 */
export type Spans2 = Span[];
/**
 * The quoted text.
 *
 * @maxItems 1000
 */
export type Spans3 = Span[];
/**
 * The item's inline content.
 *
 * @maxItems 1000
 */
export type Spans4 = Span[];

/**
 * One news article as read by the <article-widget> element (data contract v1). The body is a list of typed blocks whose text is a list of spans with marks, so an article carries no raw HTML unless a site builder opts in with an `html` block, which the widget sanitises. Every URL in the document may be relative; relative URLs resolve against the URL of the JSON document itself, so a folder of JSON files works on any host without rewriting. Unknown top-level properties are allowed and ignored, so that documents written for a later 1.x version still load in a 1.0 widget.
 */
export interface Article {
  /**
   * Contract version as "MAJOR.MINOR". The major version must be 1; the widget refuses any other major version with an "unsupported version" message. A higher minor version ("1.1", "1.2", ...) only ever adds optional properties or block types, which older widgets ignore or render through `fallback`.
   */
  version: string;
  /**
   * Stable identifier of the article, unique within the site. Used as the key for the reader's local reading history and, unless the comments configuration says otherwise, for the comment thread.
   */
  id: string;
  /**
   * Language of the article as a BCP 47 tag. It sets the `lang` attribute of the rendered article, chooses the widget's interface strings and the text rules (CJK-aware truncation, reading time). An element's `lang` attribute overrides it.
   */
  lang?: string;
  /**
   * Headline of the article, shown as the page's h1. Plain text: no markup is interpreted.
   */
  title: string;
  /**
   * Canonical URL of the article page (for links, sharing and schema.org NewsArticle metadata).
   */
  url?: string;
  /**
   * Short plain-text summary or dek of the article, used for meta descriptions and recommendation cards.
   */
  summary?: string;
  /**
   * The publication that the article belongs to.
   */
  site?: {
    /**
     * Name of the site as shown to readers.
     */
    name: string;
    /**
     * Home page of the site.
     */
    url?: string;
    [k: string]: unknown;
  };
  /**
   * The site's channel navigation bar (e.g. 今日黄山 今日歙县 今日休宁 ...), in display order.
   *
   * @maxItems 1000
   *
   * Items: One channel link in the navigation bar.
   */
  navigation?: {
    /**
     * Label of the link.
     */
    title: string;
    /**
     * Target of the link.
     */
    url: string;
    /**
     * True for the channel the article belongs to; the widget marks it with aria-current="page". At most one entry should be current.
     */
    current?: boolean;
    [k: string]: unknown;
  }[];
  /**
   * Breadcrumb trail from the site root to the article (e.g. 地方网 > 安徽 > 黄山市 > 今日歙县 > 正文). The last entry stands for the page itself and has no `url`.
   *
   * @maxItems 1000
   *
   * Items: One step of the breadcrumb trail.
   */
  breadcrumbs?: {
    /**
     * Label of the step.
     */
    title: string;
    /**
     * Target of the step; absent for the current page.
     */
    url?: string;
    [k: string]: unknown;
  }[];
  /**
   * Where the article comes from (来源): the originating publication, shown next to the publication time.
   */
  source?: {
    /**
     * Name of the source publication.
     */
    name: string;
    /**
     * Link to the source publication or the original article.
     */
    url?: string;
    [k: string]: unknown;
  };
  /**
   * Publication time as an ISO 8601 / RFC 3339 date-time with an explicit UTC offset ("Z" or "+08:00"); seconds and fractions are optional. The widget displays it in the article's own time zone, i.e. at the given offset, not the reader's.
   */
  published: string;
  /**
   * Time of the last substantive update, in the same format as `published`.
   */
  updated?: string;
  /**
   * Authors of the article in byline order (e.g. ·汪亚清 柯为·).
   *
   * @maxItems 1000
   *
   * Items: One author.
   */
  authors?: {
    /**
     * Name of the author as printed in the byline.
     */
    name: string;
    /**
     * Author page or contact link (http(s) or mailto).
     */
    url?: string;
    [k: string]: unknown;
  }[];
  /**
   * Topic keywords. They feed the in-browser "you may like" ranking and the schema.org `keywords`.
   *
   * @maxItems 1000
   *
   * Items: One keyword.
   */
  tags?: string[];
  /**
   * The channel (section) of the site that the article belongs to.
   */
  channel?: {
    /**
     * Stable identifier of the channel; recommendation feeds refer to it.
     */
    id: string;
    /**
     * Display name of the channel.
     */
    title: string;
    /**
     * Channel home page.
     */
    url?: string;
    /**
     * The channel's description, shown in a box beside or below the article (e.g. 歙县新闻,有家乡新鲜事...). Plain text.
     */
    blurb?: string;
    [k: string]: unknown;
  };
  /**
   * The article text as an ordered list of blocks. The byline is not part of the body (see `authors`).
   *
   * @maxItems 10000
   */
  body: Block[];
  /**
   * URL of the recommendations feed JSON (sections such as 新闻推荐, 猜你喜欢, 热点排行) shown around the article. An element's feed attribute overrides it; absent means no recommendations.
   */
  feed?: string;
  /**
   * Comment thread configuration. Absent means the widget's default (reader-local comments, no static thread). Attributes on the element override each field.
   */
  comments?: {
    /**
     * URL of a static comment-thread JSON to show (read-only reading path, works on any static host).
     */
    src?: string;
    /**
     * Where new comments are written: "local" keeps them in the reader's own browser storage, "isso" talks to an Isso server at `endpoint`, "http" POSTs JSON to `endpoint`, "none" disables writing (the thread, if any, stays readable).
     */
    backend?: "local" | "isso" | "http" | "none";
    /**
     * Base URL of the comment server, required in practice for the "isso" and "http" backends.
     */
    endpoint?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
/**
 * A run of text with optional marks and an optional link.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "Span".
 */
export interface Span {
  /**
   * The text of the span, plain text: no markup or entities are interpreted. Whitespace is preserved as in HTML text (collapsed by CSS).
   */
  text: string;
  /**
   * Inline formatting: "strong" renders as <strong>, "em" as <em>.
   *
   * @maxItems 1000
   *
   * Items: One mark.
   */
  marks?: ("strong" | "em")[];
  /**
   * Makes the span a link to this URL (relative URLs resolve against the JSON document).
   */
  href?: string;
}
/**
 * A paragraph of text (<p>).
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "ParagraphBlock".
 */
export interface ParagraphBlock {
  /**
   * Always "paragraph".
   */
  type: "paragraph";
  children: Spans1;
  [k: string]: unknown;
}
/**
 * A subheading inside the article. Levels start at 2 because the article title is the h1.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "HeadingBlock".
 */
export interface HeadingBlock {
  /**
   * Always "heading".
   */
  type: "heading";
  /**
   * Heading level: 2, 3 or 4 (rendered as h2, h3, h4).
   */
  level: 2 | 3 | 4;
  children: Spans2;
  [k: string]: unknown;
}
/**
 * A figure with an image. Width and height are required so that the widget reserves the space before the image loads (no layout shift).
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "ImageBlock".
 */
export interface ImageBlock {
  /**
   * Always "image".
   */
  type: "image";
  /**
   * URL of the image (the fallback candidate when `srcset` is given).
   */
  src: string;
  /**
   * Intrinsic width of the image at `src`, in CSS pixels; with `height` it fixes the aspect ratio.
   */
  width: number;
  /**
   * Intrinsic height of the image at `src`, in CSS pixels.
   */
  height: number;
  /**
   * Text alternative for readers who cannot see the image. Required; the empty string marks a purely decorative image.
   */
  alt: string;
  /**
   * HTML srcset candidate list ("a-480.png 480w, a-960.png 960w"). Its URLs resolve against the JSON document like every other URL, and must obey the same scheme rules.
   */
  srcset?: string;
  /**
   * HTML sizes attribute that goes with `srcset` (e.g. "(min-width: 720px) 680px, 100vw").
   */
  sizes?: string;
  /**
   * Plain-text caption, rendered in <figcaption>.
   */
  caption?: string;
  /**
   * Plain-text credit of the photographer or source (e.g. 张路/摄), rendered in the figcaption after the caption.
   */
  credit?: string;
  [k: string]: unknown;
}
/**
 * A block quotation (<blockquote>).
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "QuoteBlock".
 */
export interface QuoteBlock {
  /**
   * Always "quote".
   */
  type: "quote";
  children: Spans3;
  /**
   * Plain-text attribution of the quotation (who said or wrote it), rendered after the quote.
   */
  cite?: string;
  [k: string]: unknown;
}
/**
 * A bulleted or numbered list.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "ListBlock".
 */
export interface ListBlock {
  /**
   * Always "list".
   */
  type: "list";
  /**
   * True for a numbered list (<ol>), false or absent for a bulleted list (<ul>).
   */
  ordered?: boolean;
  /**
   * The list items in order.
   *
   * @maxItems 1000
   *
   * Items: One list item.
   */
  items: {
    children: Spans4;
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}
/**
 * A thematic break (<hr>) between parts of the article.
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "DividerBlock".
 */
export interface DividerBlock {
  /**
   * Always "divider".
   */
  type: "divider";
  [k: string]: unknown;
}
/**
 * Opt-in raw HTML for sites whose CMS only emits HTML. The widget never inserts it as is: it goes through the widget's allowlist sanitiser (scripts, event handlers, styles and unsafe URLs are removed).
 *
 * This interface was referenced by `Article`'s JSON-Schema
 * via the `definition` "HtmlBlock".
 */
export interface HtmlBlock {
  /**
   * Always "html".
   */
  type: "html";
  /**
   * An HTML fragment (flow content), sanitised before rendering; at most 100000 characters.
   */
  html: string;
  [k: string]: unknown;
}

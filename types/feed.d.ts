/*
 * Types of the feed JSON contract, generated from schema/feed.schema.json by
 * scripts/types.mjs (json-schema-to-typescript). Do not edit: change the schema and run
 * `npm run types`; npm test fails while this file is out of date.
 */

/**
 * One block of recommendations. Items of a featured or carousel section need an image; items of a ranking section need a rank.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "Section".
 */
export type Section = {
  /**
   * Identifier of the section, unique within the feed (the widget shows the error of a repeated one in its place, not the section).
   */
  id: string;
  /**
   * Layout: "featured" (lead stories with picture and excerpt, 新闻推荐), "carousel" (picture slides with previous/next buttons and picker dots, 图文看点), "list" (headlines, 频道推荐, 热点阅读), "ranking" (a numbered list by rank, 热点排行) or "grid" (picture cards).
   */
  kind: "featured" | "carousel" | "list" | "ranking" | "grid";
  /**
   * Heading of the section as shown, e.g. 猜你喜欢.
   */
  title: string;
  /**
   * Makes the items a candidate list that the widget ranks in the reader's browser: "related" by similarity to the article on the page (相关推荐), "you-may-like" by the reader's local reading history and the article on the page, skipping what the reader has opened and keeping the list diverse (猜你喜欢). Absent: the items are shown in the order given.
   */
  personalize?: "related" | "you-may-like";
  /**
   * How many items to show (after ranking, for a personalised section); all when absent.
   */
  limit?: number;
  /**
   * The items in the editors' order; for a personalised section, the candidates. May be empty: the widget then leaves the section out.
   *
   * @maxItems 1000
   */
  items: Item[];
  [k: string]: unknown;
};
/**
 * A non-blank string: an identifier or a heading.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * A URL that is safe to put in an href: http:, https: or mailto: (scheme case-insensitive), or a relative reference without a scheme, which resolves against the URL of the feed. Any other scheme (javascript:, data:, vbscript:, file:, ...) is rejected, as are ASCII control characters anywhere and a leading space. The same rule as the article schema's Url.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "Url".
 */
export type Url = string;
/**
 * A URL that is safe to put in an img src: http:, https: or a relative reference (no mailto:), with the same rules on control characters and spaces as Url.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "ImageUrl".
 */
export type ImageUrl = string;
/**
 * ISO 8601 date-time with an explicit offset: YYYY-MM-DDTHH:MM, optional :SS and fraction, then Z or ±HH:MM. The same rule as the article schema's DateTime.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "DateTime".
 */
export type DateTime = string;
/**
 * An item of a featured or carousel section: an Item with its image.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "PictureItem".
 */
export type PictureItem = Item & {
  image: Image1;
  [k: string]: unknown;
};
/**
 * An item of a ranking section: an Item with its rank.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "RankedItem".
 */
export type RankedItem = Item & {
  /**
   * The number shown beside the headline.
   */
  rank: number;
  [k: string]: unknown;
};

/**
 * The recommendation sections shown around an article by the <article-widget> element (data contract v1): one JSON file per channel or per site on any static host, named by the article's `feed` or the element's `feed` attribute. Each section has a layout (`kind`) and items. A section with `personalize` lists candidates that the widget ranks in the reader's browser from the article on the page and the reader's local reading history, which never leaves the browser. Relative URLs resolve against the URL of the feed itself. Unknown properties are allowed and ignored at every level, so that feeds written for a later 1.x version still load. Two rules JSON Schema cannot express are also enforced by the widget: section ids are unique within the feed, and item ids are unique within their section.
 */
export interface Feed {
  /**
   * Contract version as "MAJOR.MINOR", read exactly as the article's: the major version must be 1, and another major version is refused with "unsupported version". A higher minor version only adds optional properties.
   */
  version: string;
  /**
   * Stable identifier of the feed, usually the channel id (e.g. shexian).
   */
  id: string;
  /**
   * Name of the feed for people, e.g. the channel name 今日歙县.
   */
  title?: string;
  /**
   * The sections in display order (新闻推荐, 相关推荐, 猜你喜欢, 频道推荐, 热点阅读, 图文看点, 乡里乡亲, 热点排行 on the seed page).
   *
   * @maxItems 1000
   */
  sections: Section[];
  [k: string]: unknown;
}
/**
 * One recommended story. The widget shows titles, summaries and credits as plain text and cuts long headlines with CSS line clamping, so the data carries them whole.
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "Item".
 */
export interface Item {
  /**
   * The story's article id, unique within its section: the same id as in the story's article JSON, so that the reading history recognises it (what the reader opened is not suggested again).
   */
  id: string;
  /**
   * Headline, whole (not cut with an ellipsis).
   */
  title: string;
  /**
   * Where the story is read.
   */
  url: string;
  /**
   * Excerpt shown by featured and grid layouts; also read by the ranking.
   */
  summary?: string;
  image?: Image;
  /**
   * Picture credit shown with the image, e.g. 张路/摄.
   */
  credit?: string;
  /**
   * Publication time, shown in the story's own offset.
   */
  published?: string;
  /**
   * Id of the story's channel, the same as the article JSON's channel.id; the ranking treats a shared channel as a sign of a shared subject.
   */
  channel?: string;
  /**
   * Subject keywords, the same as the article JSON's tags; the ranking weighs a shared tag more than a shared word.
   *
   * @maxItems 1000
   */
  tags?: Name[];
  /**
   * Position in a ranking, 1 for the top; required in ranking sections. Elsewhere a sign of popularity for the ranking.
   */
  rank?: number;
  /**
   * How many times the story was read: a sign of popularity, which orders candidates that nothing else sets apart.
   */
  views?: number;
  [k: string]: unknown;
}
/**
 * Picture of the story; required in featured and carousel sections.
 */
export interface Image {
  /**
   * URL of the image.
   */
  src: string;
  /**
   * Intrinsic width of the image in CSS pixels.
   */
  width: number;
  /**
   * Intrinsic height of the image in CSS pixels.
   */
  height: number;
  /**
   * Text alternative. Required; the empty string marks a picture that the headline beside it already describes.
   */
  alt: string;
  [k: string]: unknown;
}
/**
 * The picture the section shows.
 */
export interface Image1 {
  /**
   * URL of the image.
   */
  src: string;
  /**
   * Intrinsic width of the image in CSS pixels.
   */
  width: number;
  /**
   * Intrinsic height of the image in CSS pixels.
   */
  height: number;
  /**
   * Text alternative. Required; the empty string marks a picture that the headline beside it already describes.
   */
  alt: string;
  [k: string]: unknown;
}
/**
 * A story's picture. Width and height are required so that the widget reserves the space before the lazily loaded image arrives (no layout shift).
 *
 * This interface was referenced by `Feed`'s JSON-Schema
 * via the `definition` "Image".
 */
export interface Image2 {
  /**
   * URL of the image.
   */
  src: string;
  /**
   * Intrinsic width of the image in CSS pixels.
   */
  width: number;
  /**
   * Intrinsic height of the image in CSS pixels.
   */
  height: number;
  /**
   * Text alternative. Required; the empty string marks a picture that the headline beside it already describes.
   */
  alt: string;
  [k: string]: unknown;
}

/*
 * Types of the comments JSON contract, generated from schema/comments.schema.json by
 * scripts/types.mjs (json-schema-to-typescript). Do not edit: change the schema and run
 * `npm run types`; npm test fails while this file is out of date.
 */

/**
 * ISO 8601 date-time with an explicit offset: YYYY-MM-DDTHH:MM, optional :SS and fraction, then Z or ±HH:MM. A local time without offset is rejected because it is ambiguous.
 *
 * This interface was referenced by `CommentThread`'s JSON-Schema
 * via the `definition` "DateTime".
 */
export type DateTime = string;

/**
 * The comments under one article, as a static JSON file that the <article-widget> element reads (data contract v1). A site publishes one file per thread on any static host and points the article's `comments.src` (or the element's attribute) at it; new comments go to the configured writing backend (Isso, an HTTP endpoint, or the reader's browser) and appear in this file when the site next publishes it. Every string is untrusted data: the widget inserts names and text as text, never as markup, and links a website only if it is http(s), with rel="ugc nofollow noopener". Beyond the schema, the widget also requires that comment ids are unique, that every `parent` names a comment of the thread, and that replies form no cycle. Unknown properties are allowed and ignored, so that documents written for a later 1.x version still load.
 */
export interface CommentThread {
  /**
   * Contract version as "MAJOR.MINOR", checked exactly as the article's: the major version must be 1, and any other major version is refused with an "unsupported version" message. A higher minor version only adds optional properties.
   */
  version: string;
  /**
   * Identifier of the thread, normally the id of the article it belongs to. The widget shows the comments of the file it is given; new comments (kept locally, or sent to Isso or an HTTP endpoint) go to the thread of the article's id.
   */
  uri: string;
  /**
   * Every published comment of the thread, replies included, as a flat list in any order; replies refer to their parent by id and are shown as a tree under it. An empty list is a thread without comments (the widget shows its empty state). The widget sorts and pages the comments itself, so the file may hold thousands.
   *
   * @maxItems 10000
   */
  comments: Comment[];
  [k: string]: unknown;
}
/**
 * One published comment.
 *
 * This interface was referenced by `CommentThread`'s JSON-Schema
 * via the `definition` "Comment".
 */
export interface Comment {
  /**
   * Identifier of the comment, unique within the thread (the widget reports a repeated id). Replies and likes refer to it.
   */
  id: string;
  /**
   * The id of the comment this one replies to, or null for a top-level comment. It must name a comment of this thread, and replies must not form a cycle; both are checked by the widget (a schema cannot express them).
   */
  parent: null | string;
  /**
   * The commenter's name as they gave it. Plain text, shown as text: markup in it is shown literally, never interpreted.
   */
  author: string;
  /**
   * The commenter's website: an absolute http:// or https:// URL with a host (scheme case-insensitive). Relative URLs and every other scheme (javascript:, data:, mailto:, ...) are rejected, as are ASCII and C1 control characters anywhere and spaces at the end. The widget links it with rel="ugc nofollow noopener".
   */
  website?: string;
  /**
   * When the comment was written: ISO 8601 with an explicit offset. The widget shows it relative to the reader's clock ("3分钟前", "3 minutes ago") and, on hover, exactly, in the reader's time zone.
   */
  created: string;
  /**
   * The comment: plain text, never HTML. Line breaks are kept; markup is shown literally, never interpreted.
   */
  text: string;
  /**
   * Number of likes the comment has. A reader's own like is kept in their browser and added to the count shown there.
   */
  likes: number;
  /**
   * The idempotency key of the submission that created the comment, as sent by the widget to the writing backend. Optional; when present, the reader's browser recognises its own pending comment once it is published here, and shows it once.
   */
  idempotency_key?: string;
  [k: string]: unknown;
}

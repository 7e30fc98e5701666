//! Turns a JSON tree into a validated [`Article`], collecting every problem with its
//! field path (`body[3].children[0].href`).

use serde::Deserializer;

use super::article::{Article, Block, Channel, CommentsConfig, Crumb, Image, Link, NavItem, Span};
use super::error::ModelError;
use super::fields::{
    decode_document, index, is_language_tag, join, quoted, validate_document, Validator, MAX_BLOCKS,
};
use super::json::Value;
use crate::sanitize::url::{check_url, srcset_candidates, UrlUse};

/// The contract major version this build reads.
pub const SUPPORTED_MAJOR: u32 = 1;

const BACKENDS: [&str; 4] = ["local", "isso", "http", "none"];
/// Most characters of HTML an article may hold, all its `html` blocks together: the
/// sanitizer rebuilds every element, and hundreds of thousands would freeze the page.
pub const MAX_HTML_CHARS: usize = 100_000;
const SPAN_KEYS: [&str; 3] = ["text", "marks", "href"];

/// Reads and validates an article from any serde deserializer.
pub fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Article, ModelError> {
    decode_document(deserializer, validate)
}

/// Validates a JSON tree as an article. The version is checked first, so a document of a
/// newer major version is reported as such however different the rest of it is.
pub fn validate(document: &Value) -> Result<Article, ModelError> {
    validate_document(document, "an article object", Validator::article)
}

/// Whether two of `values` are equal. Equal JSON values are equal JSON text and unequal
/// ones are not (the numbers `0` and `-0`, equal, are both written `0`), so they are
/// compared as text: no structural comparison of values in the wasm for this one check.
fn has_repeats(values: &[Value]) -> bool {
    let mut texts: Vec<String> = Vec::with_capacity(values.len());
    let mut repeats = false;
    for value in values {
        let text = value.to_json();
        repeats |= texts.contains(&text);
        texts.push(text);
    }
    repeats
}

impl Validator {
    fn article(&mut self, doc: &Value) -> Option<Article> {
        let id = self.required_text(doc, "", "id");
        let lang = match self.text(doc, "", "lang") {
            None => Some("zh-CN".to_owned()),
            Some(tag) if is_language_tag(&tag) => Some(tag),
            Some(tag) => {
                self.fail(
                    "lang",
                    quoted("", &tag, " is not a BCP 47 language tag like zh-CN or en"),
                );
                None
            }
        };
        let title = self.required_text(doc, "", "title");
        let url = self.url(doc, "", "url", UrlUse::Link);
        let summary = self.text(doc, "", "summary");
        let site = self
            .object(doc, "", "site")
            .and_then(|s| self.link(s, "site"));
        let navigation = self.list(doc, "", "navigation");
        let navigation = self.each(navigation, "navigation", |v, item, path| {
            let title = v.required_text(item, path, "title");
            let url = v.required_url(item, path, "url", UrlUse::Link);
            let current = v.boolean(item, path, "current");
            let (Some(title), Some(url)) = (title, url) else {
                return None;
            };
            Some(NavItem {
                title,
                url,
                current,
            })
        });
        let breadcrumbs = self.list(doc, "", "breadcrumbs");
        let breadcrumbs = self.each(breadcrumbs, "breadcrumbs", |v, item, path| {
            let title = v.required_text(item, path, "title");
            let url = v.url(item, path, "url", UrlUse::Link);
            Some(Crumb { title: title?, url })
        });
        let source = self
            .object(doc, "", "source")
            .and_then(|s| self.link(s, "source"));
        let published = if doc.get("published").is_none() {
            self.fail(
                "published",
                "required: an ISO 8601 time with offset, e.g. 2020-02-19T04:32:00+08:00",
            );
            None
        } else {
            self.time(doc, "", "published")
        };
        let updated = self.time(doc, "", "updated");
        let authors = self.list(doc, "", "authors");
        let authors = self.each(authors, "authors", |v, item, path| v.link(item, path));
        let tags = self.strings(doc, "", "tags");
        let channel = self
            .object(doc, "", "channel")
            .and_then(|c| self.channel(c));
        let feed = self.url(doc, "", "feed", UrlUse::Link);
        let comments = self.object(doc, "", "comments").map(|c| self.comments(c));
        let body = match doc.get("body") {
            None => {
                self.fail("body", "required: a list of blocks");
                None
            }
            Some(Value::Array(blocks)) => self.blocks(blocks),
            Some(other) => {
                self.wrong_type("body", "a list of blocks", other);
                None
            }
        };
        // One test of every required part (not one `?` each): one way out, one drop.
        let (
            Some(id),
            Some(lang),
            Some(title),
            Some(navigation),
            Some(breadcrumbs),
            Some(published),
            Some(authors),
            Some(tags),
            Some(body),
        ) = (
            id,
            lang,
            title,
            navigation,
            breadcrumbs,
            published,
            authors,
            tags,
            body,
        )
        else {
            return None;
        };
        Some(Article {
            id,
            lang,
            title,
            url,
            summary,
            site,
            navigation,
            breadcrumbs,
            source,
            published,
            updated,
            authors,
            tags,
            channel,
            body,
            feed,
            comments,
        })
    }

    /// The body's blocks; `None` if any is invalid (each problem recorded).
    fn blocks(&mut self, blocks: &[Value]) -> Option<Vec<Block>> {
        self.each_up_to(blocks, "body", MAX_BLOCKS, Self::block)
    }

    fn link(&mut self, obj: &Value, path: &str) -> Option<Link> {
        let name = self.required_text(obj, path, "name");
        let url = self.url(obj, path, "url", UrlUse::Link);
        Some(Link { name: name?, url })
    }

    fn channel(&mut self, obj: &Value) -> Option<Channel> {
        let id = self.required_text(obj, "channel", "id");
        let title = self.required_text(obj, "channel", "title");
        let url = self.url(obj, "channel", "url", UrlUse::Link);
        let blurb = self.text(obj, "channel", "blurb");
        let (Some(id), Some(title)) = (id, title) else {
            return None;
        };
        Some(Channel {
            id,
            title,
            url,
            blurb,
        })
    }

    fn comments(&mut self, obj: &Value) -> CommentsConfig {
        let backend = self.text(obj, "comments", "backend");
        if let Some(b) = backend.as_deref().filter(|b| !BACKENDS.contains(b)) {
            self.fail(
                "comments.backend",
                quoted("", b, " is not one of local, isso, http, none"),
            );
        }
        CommentsConfig {
            src: self.url(obj, "comments", "src", UrlUse::Link),
            backend,
            endpoint: self.url(obj, "comments", "endpoint", UrlUse::Link),
        }
    }

    fn spans(&mut self, obj: &Value, parent: &str, key: &str) -> Option<Vec<Span>> {
        match obj.get(key) {
            None => {
                self.fail_at(parent, key, "required: a list of text spans");
                None
            }
            Some(Value::Array(spans)) => self.each(spans, &join(parent, key), Self::span),
            Some(other) => {
                self.wrong_type_at(parent, key, "a list of text spans", other);
                None
            }
        }
    }

    fn span(&mut self, obj: &Value, path: &str) -> Option<Span> {
        if let Value::Object(entries) = obj {
            for (key, _) in entries
                .iter()
                .filter(|(k, _)| !SPAN_KEYS.contains(&k.as_str()))
            {
                self.fail_at(
                    path,
                    key,
                    "unknown property; a span has text, marks and href",
                );
            }
        }
        let text = match obj.get("text") {
            None => {
                self.fail_at(path, "text", "required");
                None
            }
            Some(_) => self.text(obj, path, "text"),
        };
        let mut span = Span::default();
        let marks = self.list(obj, path, "marks");
        for (i, mark) in marks.iter().enumerate() {
            match mark {
                Value::String(m) if m == "strong" => span.strong = true,
                Value::String(m) if m == "em" => span.em = true,
                Value::String(other) => self.fail(
                    &index(&join(path, "marks"), i),
                    quoted("unknown mark ", other, "; use strong or em"),
                ),
                other => self.wrong_type(&index(&join(path, "marks"), i), "text", other),
            }
        }
        if has_repeats(marks) {
            self.fail_at(path, "marks", "marks must be unique");
        }
        span.href = self.url(obj, path, "href", UrlUse::Link);
        span.text = text?;
        Some(span)
    }

    /// Validates one block; `None` for an invalid one. A block of a type this version does
    /// not know is kept as [`Block::Unknown`], with its fallback text if it has one (the
    /// view shows nothing for one without).
    fn block(&mut self, obj: &Value, path: &str) -> Option<Block> {
        let kind = match obj.get("type") {
            Some(Value::String(kind)) if !kind.is_empty() => kind.clone(),
            Some(Value::String(_)) => {
                self.fail_at(path, "type", "must not be empty");
                return None;
            }
            Some(other) => {
                self.wrong_type_at(path, "type", "text", other);
                return None;
            }
            None => {
                self.fail_at(path, "type", "required: the block type, e.g. \"paragraph\"");
                return None;
            }
        };
        let block = match kind.as_str() {
            "paragraph" => Block::Paragraph(self.spans(obj, path, "children")?),
            "heading" => {
                let level = match obj.get("level") {
                    Some(Value::Number(l)) if [2.0, 3.0, 4.0].contains(l) => Some(*l as u8),
                    Some(Value::Number(_)) => {
                        self.fail_at(path, "level", "a heading level is 2, 3 or 4");
                        None
                    }
                    Some(other) => {
                        self.wrong_type_at(path, "level", "2, 3 or 4", other);
                        None
                    }
                    None => {
                        self.fail_at(path, "level", "required: 2, 3 or 4");
                        None
                    }
                };
                let children = self.spans(obj, path, "children");
                let (Some(level), Some(children)) = (level, children) else {
                    return None;
                };
                Block::Heading { level, children }
            }
            "image" => Block::Image(self.image(obj, path)?),
            "quote" => {
                let children = self.spans(obj, path, "children");
                let cite = self.text(obj, path, "cite");
                Block::Quote {
                    children: children?,
                    cite,
                }
            }
            "list" => {
                let ordered = self.boolean(obj, path, "ordered");
                let items_path = join(path, "items");
                let items = match obj.get("items") {
                    Some(Value::Array(items)) => self.each(items, &items_path, |v, item, p| {
                        v.spans(item, p, "children")
                    }),
                    Some(other) => {
                        self.wrong_type(&items_path, "a list of items", other);
                        None
                    }
                    None => {
                        self.fail(&items_path, "required: a list of items");
                        None
                    }
                };
                Block::List {
                    ordered,
                    items: items?,
                }
            }
            "divider" => Block::Divider,
            "html" => match obj.get("html") {
                Some(Value::String(html)) => {
                    self.html_chars += html.chars().count();
                    if self.html_chars > MAX_HTML_CHARS {
                        self.fail(
                            &join(path, "html"),
                            format!(
                                "the html blocks of an article hold at most {MAX_HTML_CHARS} characters together (found {} so far)",
                                self.html_chars
                            ),
                        );
                        return None;
                    }
                    Block::Html(html.clone())
                }
                Some(other) => {
                    self.wrong_type_at(path, "html", "text", other);
                    return None;
                }
                None => {
                    self.fail_at(path, "html", "required: the HTML to sanitise and show");
                    return None;
                }
            },
            _ => {
                return Some(Block::Unknown {
                    fallback: self.text(obj, path, "fallback"),
                    kind,
                })
            }
        };
        // A known block does not show its fallback, but it is text like any other.
        self.text(obj, path, "fallback");
        Some(block)
    }

    fn image(&mut self, obj: &Value, path: &str) -> Option<Image> {
        let src = self.required_url(obj, path, "src", UrlUse::Image);
        let srcset = self.text(obj, path, "srcset");
        if let Some(srcset) = srcset.as_deref() {
            for (i, (url, _)) in srcset_candidates(srcset).enumerate() {
                if let Err(e) = check_url(url, UrlUse::Image) {
                    self.fail(&index(&join(path, "srcset"), i), e.to_string());
                }
            }
        }
        let width = self.dimension(obj, path, "width");
        let height = self.dimension(obj, path, "height");
        let alt = match obj.get("alt") {
            None => {
                self.fail_at(path, "alt", "required (use \"\" for a decorative image)");
                None
            }
            Some(_) => self.text(obj, path, "alt"),
        };
        let sizes = self.text(obj, path, "sizes");
        let caption = self.text(obj, path, "caption");
        let credit = self.text(obj, path, "credit");
        let (Some(src), Some(width), Some(height), Some(alt)) = (src, width, height, alt) else {
            return None;
        };
        Some(Image {
            src,
            srcset,
            sizes,
            width,
            height,
            alt,
            caption,
            credit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_as_values_compare() {
        let values: Vec<Value> = [
            "\"em\"",
            "\"strong\"",
            "\"Em\"",
            "1",
            "1.0",
            "-0",
            "0",
            "2.5",
            "null",
            "true",
            "false",
            "[1]",
            "[1.0]",
            "[1, 2]",
            "[2, 1]",
            "{\"a\": 1}",
            "{\"a\": 1.0}",
            "{\"a\": 1, \"b\": 2}",
            "{\"b\": 2, \"a\": 1}",
            "[]",
            "{}",
            "\"\"",
        ]
        .iter()
        .map(|text| Value::parse(text).expect(text))
        .collect();
        for a in &values {
            for b in &values {
                let pair = [a.clone(), b.clone()];
                assert_eq!(has_repeats(&pair), a == b, "{a:?} {b:?}");
            }
        }
        assert!(!has_repeats(&values[..3]));
    }
}

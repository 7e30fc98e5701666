//! Turns wire types into validated types, collecting every problem with its field path.

use serde::Deserializer;

use super::article::{
    Article, Block, Channel, CommentsConfig, Crumb, Image, Link, NavItem, Span,
};
use super::error::{FieldError, ModelError};
use super::wire::{
    VersionProbe, WireArticle, WireBlock, WireChannel, WireComments, WireCrumb, WireLink,
    WireNavItem, WireSpan,
};
use crate::sanitize::url::{check_url, srcset_candidates, UrlUse};
use crate::text::datetime::DateTime;

/// The contract major version this build reads.
pub const SUPPORTED_MAJOR: u32 = 1;

/// Most errors reported for one document; a site builder fixes the first few and reloads.
const MAX_ERRORS: usize = 20;

const BACKENDS: [&str; 4] = ["local", "isso", "http", "none"];

/// Checks the declared contract version before anything else is read.
pub fn check_version(probe: &VersionProbe) -> Result<(), ModelError> {
    let Some(version) = probe.version.as_deref() else {
        return Err(ModelError::Invalid(vec![FieldError::new(
            "version",
            "required: the contract version, e.g. \"1.0\"",
        )]));
    };
    let major = version.split('.').next().unwrap_or_default();
    let well_formed = version.split('.').count() >= 2
        && version.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(ModelError::Invalid(vec![FieldError::new(
            "version",
            format!("\"{version}\" is not a version like \"1.0\""),
        )]));
    }
    if major.parse::<u32>().ok() != Some(SUPPORTED_MAJOR) {
        return Err(ModelError::UnsupportedVersion {
            found: version.to_owned(),
            supported: SUPPORTED_MAJOR,
        });
    }
    Ok(())
}

/// Reads and validates an article from any serde deserializer.
///
/// Type errors (a number where text belongs) and contract errors (a `javascript:` link,
/// a heading of level 7) are both reported with their field path.
pub fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Article, ModelError> {
    let mut article: WireArticle = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." || path.is_empty() { "(document)".to_owned() } else { path };
        ModelError::Invalid(vec![FieldError::new(path, e.into_inner().to_string())])
    })?;
    check_version(&VersionProbe { version: article.version.take() })?;
    let mut v = Validator::default();
    let article = v.article(article);
    match article {
        Some(article) if v.errors.is_empty() => Ok(article),
        _ => Err(ModelError::Invalid(v.errors)),
    }
}

/// `xx(-yyyy)*`: letters first, then alphanumeric subtags of up to eight characters.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[derive(Default)]
struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    fn fail(&mut self, path: &str, message: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(FieldError::new(path, message));
        }
    }

    fn required(&mut self, path: &str, value: Option<String>) -> Option<String> {
        match value {
            Some(text) if !text.trim().is_empty() => Some(text),
            Some(_) => {
                self.fail(path, "must not be empty");
                None
            }
            None => {
                self.fail(path, "required");
                None
            }
        }
    }

    fn url(&mut self, path: &str, value: Option<String>, usage: UrlUse) -> Option<String> {
        let value = value?;
        match check_url(&value, usage) {
            Ok(url) => Some(url),
            Err(e) => {
                self.fail(path, e.to_string());
                None
            }
        }
    }

    fn time(&mut self, path: &str, value: Option<String>) -> Option<DateTime> {
        let value = value?;
        match DateTime::parse(&value) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(path, e.to_string());
                None
            }
        }
    }

    fn article(&mut self, w: WireArticle) -> Option<Article> {
        let id = self.required("id", w.id);
        let title = self.required("title", w.title);
        let published = match w.published {
            None => {
                self.fail("published", "required: an ISO 8601 time with offset, e.g. 2020-02-19T04:32:00+08:00");
                None
            }
            some => self.time("published", some),
        };
        let updated = self.time("updated", w.updated);
        let url = self.url("url", w.url, UrlUse::Link);
        let site = w.site.and_then(|s| self.link("site", s));
        let source = w.source.and_then(|s| self.link("source", s));
        let navigation = w
            .navigation
            .into_iter()
            .enumerate()
            .filter_map(|(i, n)| self.nav_item(&format!("navigation[{i}]"), n))
            .collect();
        let breadcrumbs = w
            .breadcrumbs
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| self.crumb(&format!("breadcrumbs[{i}]"), c))
            .collect();
        let authors = w
            .authors
            .into_iter()
            .enumerate()
            .filter_map(|(i, a)| self.link(&format!("authors[{i}]"), a))
            .collect();
        let channel = w.channel.and_then(|c| self.channel(c));
        let feed = self.url("feed", w.feed, UrlUse::Link);
        let comments = w.comments.map(|c| self.comments(c));
        let body = match w.body {
            None => {
                self.fail("body", "required: a list of blocks");
                None
            }
            Some(blocks) => Some(
                blocks
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| self.block(&format!("body[{i}]"), b))
                    .collect::<Vec<_>>(),
            ),
        };
        let lang = match w.lang {
            None => Some("zh-CN".to_owned()),
            Some(tag) if is_language_tag(&tag) => Some(tag),
            Some(tag) => {
                self.fail("lang", format!("\"{tag}\" is not a BCP 47 language tag like zh-CN or en"));
                None
            }
        };
        Some(Article {
            id: id?,
            lang: lang?,
            title: title?,
            url,
            summary: w.summary,
            site,
            navigation,
            breadcrumbs,
            source,
            published: published?,
            updated,
            authors,
            tags: w.tags,
            channel,
            body: body?.into_iter().flatten().collect(),
            feed,
            comments,
        })
    }

    fn link(&mut self, path: &str, w: WireLink) -> Option<Link> {
        let name = self.required(&format!("{path}.name"), w.name);
        let url = self.url(&format!("{path}.url"), w.url, UrlUse::Link);
        Some(Link { name: name?, url })
    }

    fn nav_item(&mut self, path: &str, w: WireNavItem) -> Option<NavItem> {
        let title = self.required(&format!("{path}.title"), w.title);
        let url = match w.url {
            None => {
                self.fail(&format!("{path}.url"), "required");
                None
            }
            some => self.url(&format!("{path}.url"), some, UrlUse::Link),
        };
        Some(NavItem { title: title?, url: url?, current: w.current })
    }

    fn crumb(&mut self, path: &str, w: WireCrumb) -> Option<Crumb> {
        let title = self.required(&format!("{path}.title"), w.title);
        let url = self.url(&format!("{path}.url"), w.url, UrlUse::Link);
        Some(Crumb { title: title?, url })
    }

    fn channel(&mut self, w: WireChannel) -> Option<Channel> {
        let id = self.required("channel.id", w.id);
        let title = self.required("channel.title", w.title);
        let url = self.url("channel.url", w.url, UrlUse::Link);
        Some(Channel { id: id?, title: title?, url, blurb: w.blurb })
    }

    fn comments(&mut self, w: WireComments) -> CommentsConfig {
        if let Some(backend) = w.backend.as_deref() {
            if !BACKENDS.contains(&backend) {
                self.fail(
                    "comments.backend",
                    format!("\"{backend}\" is not one of local, isso, http, none"),
                );
            }
        }
        CommentsConfig {
            src: self.url("comments.src", w.src, UrlUse::Link),
            backend: w.backend,
            endpoint: self.url("comments.endpoint", w.endpoint, UrlUse::Link),
        }
    }

    fn spans(&mut self, path: &str, spans: Option<Vec<WireSpan>>) -> Option<Vec<Span>> {
        let Some(spans) = spans else {
            self.fail(path, "required: a list of text spans");
            return None;
        };
        let out: Vec<_> = spans
            .into_iter()
            .enumerate()
            .map(|(i, s)| self.span(&format!("{path}[{i}]"), s))
            .collect();
        out.into_iter().collect()
    }

    fn span(&mut self, path: &str, w: WireSpan) -> Option<Span> {
        let text = match w.text {
            Some(text) => Some(text),
            None => {
                self.fail(&format!("{path}.text"), "required");
                None
            }
        };
        let mut span = Span::default();
        if (1..w.marks.len()).any(|i| w.marks[..i].contains(&w.marks[i])) {
            self.fail(&format!("{path}.marks"), "marks must be unique");
        }
        for (i, mark) in w.marks.iter().enumerate() {
            match mark.as_str() {
                "strong" => span.strong = true,
                "em" => span.em = true,
                other => self.fail(
                    &format!("{path}.marks[{i}]"),
                    format!("unknown mark \"{other}\"; use strong or em"),
                ),
            }
        }
        span.href = self.url(&format!("{path}.href"), w.href, UrlUse::Link);
        span.text = text?;
        Some(span)
    }

    /// Validates one block; `None` means it is invalid and an error was recorded.
    fn block(&mut self, path: &str, w: WireBlock) -> Option<Block> {
        let kind = match w.kind {
            Some(kind) if !kind.is_empty() => kind,
            Some(_) => {
                self.fail(&format!("{path}.type"), "must not be empty");
                return None;
            }
            None => {
                self.fail(&format!("{path}.type"), "required: the block type, e.g. \"paragraph\"");
                return None;
            }
        };
        let children = format!("{path}.children");
        match kind.as_str() {
            "paragraph" => self.spans(&children, w.children).map(Block::Paragraph),
            "heading" => {
                let level = match w.level {
                    Some(l @ 2..=4) => Some(l),
                    Some(l) => {
                        self.fail(&format!("{path}.level"), format!("{l} is not a heading level 2, 3 or 4"));
                        None
                    }
                    None => {
                        self.fail(&format!("{path}.level"), "required: 2, 3 or 4");
                        None
                    }
                };
                let children = self.spans(&children, w.children);
                Some(Block::Heading { level: level?, children: children? })
            }
            "image" => {
                let src = match w.src {
                    None => {
                        self.fail(&format!("{path}.src"), "required");
                        None
                    }
                    some => self.url(&format!("{path}.src"), some, UrlUse::Image),
                };
                for (i, (url, _)) in w.srcset.as_deref().map(srcset_candidates).into_iter().flatten().enumerate() {
                    if let Err(e) = check_url(url, UrlUse::Image) {
                        self.fail(&format!("{path}.srcset[{i}]"), e.to_string());
                    }
                }
                let width = self.dimension(&format!("{path}.width"), w.width);
                let height = self.dimension(&format!("{path}.height"), w.height);
                let alt = match w.alt {
                    Some(alt) => Some(alt),
                    None => {
                        self.fail(&format!("{path}.alt"), "required (use \"\" for a decorative image)");
                        None
                    }
                };
                Some(Block::Image(Image {
                    src: src?,
                    srcset: w.srcset,
                    sizes: w.sizes,
                    width: width?,
                    height: height?,
                    alt: alt?,
                    caption: w.caption,
                    credit: w.credit,
                }))
            }
            "quote" => self
                .spans(&children, w.children)
                .map(|children| Block::Quote { children, cite: w.cite }),
            "list" => {
                let Some(items) = w.items else {
                    self.fail(&format!("{path}.items"), "required: a list of items");
                    return None;
                };
                let items: Vec<_> = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| self.spans(&format!("{path}.items[{i}].children"), item.children))
                    .collect();
                Some(Block::List { ordered: w.ordered, items: items.into_iter().collect::<Option<_>>()? })
            }
            "divider" => Some(Block::Divider),
            "html" => match w.html {
                Some(html) => Some(Block::Html(html)),
                None => {
                    self.fail(&format!("{path}.html"), "required: the HTML to sanitise and show");
                    None
                }
            },
            _ => Some(Block::Unknown { kind, fallback: w.fallback }),
        }
    }

    fn dimension(&mut self, path: &str, value: Option<u32>) -> Option<u32> {
        match value {
            Some(v) if v >= 1 => Some(v),
            Some(_) => {
                self.fail(path, "must be at least 1");
                None
            }
            None => {
                self.fail(path, "required: the image's intrinsic size, so that no layout shifts");
                None
            }
        }
    }
}

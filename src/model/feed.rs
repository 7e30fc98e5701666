//! The recommendations feed contract: the sections of stories around an article (新闻推荐,
//! 猜你喜欢, 图文看点, 热点排行 …), published as `schema/feed.schema.json` and validated
//! here with field paths such as `sections[2].items[0].url`.
//!
//! A fault of the document as a whole (not an object, another major version, no list of
//! sections, a bad `id` or `title`) refuses the feed; a fault inside one section refuses
//! that section alone ([`RefusedSection`]), so the others still show and the page can
//! report the fault where the section would have been.

use serde::Deserializer;

use super::error::{FieldError, ModelError};
use super::fields::{
    decode_document, index, join, quoted, validate_document, Validator, MAX_ITEMS,
};
use super::json::Value;
use crate::sanitize::url::UrlUse;
use crate::text::datetime::DateTime;

/// A validated feed: one channel's or one site's recommendation sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// Stable identifier of the feed (usually the channel id).
    pub id: String,
    /// Name of the feed, e.g. the channel name.
    pub title: Option<String>,
    /// The sections in display order, each valid or refused with its own errors.
    pub sections: Vec<Result<Section, RefusedSection>>,
}

/// A section of the feed that breaks the contract: what could be read of it (to place and
/// name it on the page) and every problem found in it, with paths from the document root
/// (`sections[2].items[0].url`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedSection {
    /// Its `id`, if that was valid text.
    pub id: Option<String>,
    /// Its `title`, if that was valid text.
    pub title: Option<String>,
    /// Its `kind`, if that was a known one.
    pub kind: Option<SectionKind>,
    /// Its `personalize`, if that was a known mode.
    pub personalize: Option<Personalize>,
    /// What is wrong, in document order; never empty.
    pub errors: Vec<FieldError>,
}

/// One block of recommendations with its layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Identifier, unique within the feed (for element ids and tests).
    pub id: String,
    /// How the section is laid out.
    pub kind: SectionKind,
    /// Heading of the section, e.g. 猜你喜欢.
    pub title: String,
    /// Set when the items are candidates that the browser ranks for this reader.
    pub personalize: Option<Personalize>,
    /// How many items to show; all when absent.
    pub limit: Option<usize>,
    /// The items, in the editors' order (the candidates of a personalised section).
    pub items: Vec<FeedItem>,
}

/// The layout of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// One or a few lead stories with picture and excerpt (新闻推荐).
    Featured,
    /// Picture slides in a carousel (图文看点).
    Carousel,
    /// A headline list (频道推荐, 热点阅读).
    List,
    /// A numbered list by rank (热点排行).
    Ranking,
    /// A grid of picture cards.
    Grid,
}

/// How the browser ranks a personalised section's candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personalize {
    /// By similarity to the article on the page (相关推荐).
    Related,
    /// By the reader's local history and the article on the page (猜你喜欢).
    YouMayLike,
}

/// One recommended story.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The story's article id, shared with the article JSON and the reading history.
    pub id: String,
    /// Headline; long ones are cut by CSS line clamping, never in the data.
    pub title: String,
    /// Where the story is read; passed the link URL policy.
    pub url: String,
    /// Excerpt shown by featured and grid layouts.
    pub summary: Option<String>,
    /// Picture with its reserved size.
    pub image: Option<FeedImage>,
    /// Picture credit, e.g. 张路/摄.
    pub credit: Option<String>,
    /// Publication time in the story's own offset.
    pub published: Option<DateTime>,
    /// Channel id of the story.
    pub channel: Option<String>,
    /// Subject tags.
    pub tags: Vec<String>,
    /// Position in a ranking, 1 for the top.
    pub rank: Option<u64>,
    /// How many times the story was read.
    pub views: Option<u64>,
}

/// A story's picture.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedImage {
    /// Image URL; passed the image URL policy.
    pub src: String,
    /// Intrinsic width in CSS pixels.
    pub width: u32,
    /// Intrinsic height in CSS pixels.
    pub height: u32,
    /// Alternative text; empty for a picture the headline already describes.
    pub alt: String,
}

impl SectionKind {
    /// Every kind, as written in JSON.
    pub const NAMES: [&'static str; 5] = ["featured", "carousel", "list", "ranking", "grid"];
    /// [`SectionKind::NAMES`] as a message lists them.
    const LISTED: &'static str = "featured, carousel, list, ranking, grid";

    /// The kind named `name` in JSON.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "featured" => Self::Featured,
            "carousel" => Self::Carousel,
            "list" => Self::List,
            "ranking" => Self::Ranking,
            "grid" => Self::Grid,
            _ => return None,
        })
    }

    /// Whether each item must have a picture.
    pub fn needs_images(self) -> bool {
        matches!(self, Self::Featured | Self::Carousel)
    }
}

impl Personalize {
    /// The mode named `name` in JSON (`related`, `you-may-like`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "related" => Some(Self::Related),
            "you-may-like" => Some(Self::YouMayLike),
            _ => None,
        }
    }
}

impl RefusedSection {
    /// What can be read of the refused section `obj` (valid values only), with `errors`.
    fn read(obj: &Value, errors: Vec<FieldError>) -> Self {
        let text = |key| match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        };
        Self {
            kind: text("kind").and_then(|k| SectionKind::from_name(&k)),
            personalize: text("personalize").and_then(|p| Personalize::from_name(&p)),
            id: text("id"),
            title: text("title"),
            errors,
        }
    }
}

impl Section {
    /// The items shown when the section is not personalised: the first `limit`.
    pub fn shown(&self) -> &[FeedItem] {
        let count = self.limit.unwrap_or(self.items.len()).min(self.items.len());
        &self.items[..count]
    }
}

/// Reads and validates a feed from any serde deserializer.
pub fn decode_feed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Feed, ModelError> {
    decode_document(deserializer, validate_feed)
}

/// Validates a JSON tree as a feed, collecting every problem with its path. As for
/// articles, the version is checked first.
pub fn validate_feed(document: &Value) -> Result<Feed, ModelError> {
    validate_document(document, "a feed object", Validator::feed)
}

// Each reader below records every problem it finds and builds its value with defaults in
// place of what was wrong: [`validate_document`] refuses the document whenever a problem
// was recorded, so a default never reaches a caller, and no chain of `?` has to drop the
// fields read so far on each way out (a copy of that clean-up per field in the wasm).
impl Validator {
    fn feed(&mut self, doc: &Value) -> Option<Feed> {
        let id = self.required_text(doc, "", "id").unwrap_or_default();
        let title = self.text(doc, "", "title");
        let listed = self.list_of(
            doc,
            "sections",
            "sections",
            "a list of sections",
            "required: a list of sections",
        );
        let listed = listed.filter(|items| !self.too_many(items.len(), "sections", MAX_ITEMS));
        let listed = listed.unwrap_or_default();
        let mut sections = Vec::with_capacity(listed.len());
        let mut ids: Vec<&str> = Vec::with_capacity(listed.len());
        for (i, obj) in listed.iter().enumerate() {
            let path = index("sections", i);
            let mut v = Validator::default();
            let section = if matches!(obj, Value::Object(_)) {
                Some(v.section(obj, &path))
            } else {
                v.wrong_type(&path, "an object", obj);
                None
            };
            if let Some(Value::String(id)) = obj.get("id") {
                if ids.contains(&id.as_str()) {
                    v.fail(&join(&path, "id"), quoted("duplicate section id ", id, ""));
                }
                ids.push(id);
            }
            sections.push(match section {
                Some(section) if v.errors.is_empty() => Ok(section),
                _ => Err(RefusedSection::read(obj, v.errors)),
            });
        }
        // A feed refused as a whole still names every problem found in it.
        if !self.errors.is_empty() {
            for refused in sections.iter().filter_map(|s| s.as_ref().err()) {
                for error in &refused.errors {
                    self.fail(&error.path, error.message.clone());
                }
            }
        }
        Some(Feed {
            id,
            title,
            sections,
        })
    }

    /// The list at `key` of `obj` (whose path is `path`), or `None` after recording that it
    /// is missing (`missing`) or not a list (`what`).
    fn list_of<'v>(
        &mut self,
        obj: &'v Value,
        key: &str,
        path: &str,
        what: &str,
        missing: &str,
    ) -> Option<&'v [Value]> {
        match obj.get(key) {
            Some(Value::Array(items)) => return Some(items),
            None => self.fail(path, missing),
            Some(other) => self.wrong_type(path, what, other),
        }
        None
    }

    fn section(&mut self, obj: &Value, path: &str) -> Section {
        let id = self.required_text(obj, path, "id").unwrap_or_default();
        let kind = self.required_text(obj, path, "kind").and_then(|k| {
            let kind = SectionKind::from_name(&k);
            if kind.is_none() {
                let message = quoted("", &k, " is not one of ");
                self.fail(&join(path, "kind"), message + SectionKind::LISTED);
            }
            kind
        });
        let title = self.required_text(obj, path, "title").unwrap_or_default();
        let personalize = self.text(obj, path, "personalize").and_then(|p| {
            let mode = Personalize::from_name(&p);
            if mode.is_none() {
                self.fail(
                    &join(path, "personalize"),
                    quoted("", &p, " is not one of related, you-may-like"),
                );
            }
            mode
        });
        let limit = self
            .whole_number(obj, path, "limit", 1)
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let items_path = join(path, "items");
        let items = self
            .list_of(
                obj,
                "items",
                &items_path,
                "a list of items",
                "required: a list of items (empty for none)",
            )
            .and_then(|items| self.each(items, &items_path, |v, i, p| Some(v.item(i, p, kind))))
            .unwrap_or_default();
        let mut ids = Vec::with_capacity(items.len());
        for item in &items {
            ids.push(item.id.as_str());
        }
        self.unique(&ids, &items_path, "item id in this section");
        Section {
            id,
            kind: kind.unwrap_or(SectionKind::List),
            title,
            personalize,
            limit,
            items,
        }
    }

    fn item(&mut self, obj: &Value, path: &str, kind: Option<SectionKind>) -> FeedItem {
        let id = self.required_text(obj, path, "id").unwrap_or_default();
        let title = self.required_text(obj, path, "title").unwrap_or_default();
        let url = self
            .required_url(obj, path, "url", UrlUse::Link)
            .unwrap_or_default();
        let summary = self.text(obj, path, "summary");
        let image = match self.object(obj, path, "image") {
            Some(image) => Some(self.feed_image(image, &join(path, "image"))),
            None => {
                if obj.get("image").is_none() && kind.is_some_and(SectionKind::needs_images) {
                    self.fail(
                        &join(path, "image"),
                        "required in a featured or carousel section",
                    );
                }
                None
            }
        };
        let credit = self.text(obj, path, "credit");
        let published = self.time(obj, path, "published");
        let channel = self.text(obj, path, "channel");
        if channel.as_deref().is_some_and(|c| c.trim().is_empty()) {
            self.fail(&join(path, "channel"), "must not be empty");
        }
        let tags = self.strings(obj, path, "tags").unwrap_or_default();
        let rank = self.whole_number(obj, path, "rank", 1);
        if rank.is_none() && obj.get("rank").is_none() && kind == Some(SectionKind::Ranking) {
            self.fail(&join(path, "rank"), "required in a ranking section");
        }
        let views = self.whole_number(obj, path, "views", 0);
        FeedItem {
            id,
            title,
            url,
            summary,
            image,
            credit,
            published,
            channel,
            tags,
            rank,
            views,
        }
    }

    fn feed_image(&mut self, obj: &Value, path: &str) -> FeedImage {
        let src = self
            .required_url(obj, path, "src", UrlUse::Image)
            .unwrap_or_default();
        let width = self.dimension(obj, path, "width").unwrap_or_default();
        let height = self.dimension(obj, path, "height").unwrap_or_default();
        let alt = if obj.get("alt").is_none() {
            self.fail(
                &join(path, "alt"),
                "required (use \"\" when the headline says it all)",
            );
            None
        } else {
            self.text(obj, path, "alt")
        };
        FeedImage {
            src,
            width,
            height,
            alt: alt.unwrap_or_default(),
        }
    }

    /// Reports each id that repeats an earlier one in the list at `list_path` (whose
    /// elements' `id` they are).
    fn unique(&mut self, ids: &[&str], list_path: &str, what: &str) {
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                self.fail(
                    &join(&index(list_path, i), "id"),
                    quoted(&["duplicate ", what, " "].concat(), id, ""),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> FeedItem {
        FeedItem {
            id: id.into(),
            title: id.into(),
            url: "a.html".into(),
            summary: None,
            image: None,
            credit: None,
            published: None,
            channel: None,
            tags: vec![],
            rank: None,
            views: None,
        }
    }

    #[test]
    fn shown_items_respect_the_limit() {
        let mut section = Section {
            id: "s".into(),
            kind: SectionKind::List,
            title: "t".into(),
            personalize: None,
            limit: Some(2),
            items: vec![item("a"), item("b"), item("c")],
        };
        assert_eq!(section.shown().len(), 2);
        section.limit = Some(10);
        assert_eq!(section.shown().len(), 3);
        section.limit = None;
        assert_eq!(section.shown().len(), 3);
    }

    #[test]
    fn kinds_and_modes_by_name() {
        assert_eq!(SectionKind::LISTED, SectionKind::NAMES.join(", "));
        for name in SectionKind::NAMES {
            assert!(SectionKind::from_name(name).is_some(), "{name}");
        }
        assert_eq!(SectionKind::from_name("Carousel"), None);
        assert_eq!(
            Personalize::from_name("you-may-like"),
            Some(Personalize::YouMayLike)
        );
        assert_eq!(Personalize::from_name("you_may_like"), None);
    }
}

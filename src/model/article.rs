//! Validated article types: what the renderer draws. Every URL here has passed the scheme
//! policy and every required field is present.

use crate::text::datetime::DateTime;

/// A validated article, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable identifier of the article within its site.
    pub id: String,
    /// BCP 47 language tag of the article text.
    pub lang: String,
    /// Headline, rendered as the page's `h1`.
    pub title: String,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// One or two sentences describing the article.
    pub summary: Option<String>,
    /// The site the article belongs to.
    pub site: Option<Link>,
    /// The site's channel navigation.
    pub navigation: Vec<NavItem>,
    /// Breadcrumb trail; the last crumb is the page itself.
    pub breadcrumbs: Vec<Crumb>,
    /// Where the story comes from (来源).
    pub source: Option<Link>,
    /// Publication time, in the article's own offset.
    pub published: DateTime,
    /// Last update time, in the article's own offset.
    pub updated: Option<DateTime>,
    /// The byline.
    pub authors: Vec<Link>,
    /// Free-form subject tags.
    pub tags: Vec<String>,
    /// The channel the article is filed under.
    pub channel: Option<Channel>,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// URL of the recommendations feed JSON.
    pub feed: Option<String>,
    /// Where comments are read from and written to.
    pub comments: Option<CommentsConfig>,
}

/// A name with an optional link: a site, a source, an author.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Visible text.
    pub name: String,
    /// Target, if any.
    pub url: Option<String>,
}

/// One entry of the channel navigation.
#[derive(Debug, Clone, PartialEq)]
pub struct NavItem {
    /// Channel name.
    pub title: String,
    /// Channel page.
    pub url: String,
    /// Whether this is the article's own channel (`aria-current`).
    pub current: bool,
}

/// One breadcrumb; the last one usually has no URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Crumb {
    /// Visible text.
    pub title: String,
    /// Target, if any.
    pub url: Option<String>,
}

/// The channel an article is filed under.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// Channel identifier, shared with feeds.
    pub id: String,
    /// Channel name.
    pub title: String,
    /// Channel page.
    pub url: Option<String>,
    /// The channel's description, shown beside the recommendations.
    pub blurb: Option<String>,
}

/// Comment backend settings from the article JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentsConfig {
    /// URL of a static thread JSON.
    pub src: Option<String>,
    /// Writing backend: `local`, `isso`, `http` or `none`.
    pub backend: Option<String>,
    /// Endpoint of the writing backend.
    pub endpoint: Option<String>,
}

/// A run of text with its marks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    /// The text, always rendered as a text node.
    pub text: String,
    /// Bold (`strong`).
    pub strong: bool,
    /// Emphasis (`em`).
    pub em: bool,
    /// Link target.
    pub href: Option<String>,
}

/// An image with its reserved size.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Image URL.
    pub src: String,
    /// Responsive candidates, as in HTML's `srcset`.
    pub srcset: Option<String>,
    /// Layout hint, as in HTML's `sizes`.
    pub sizes: Option<String>,
    /// Intrinsic width in CSS pixels.
    pub width: u32,
    /// Intrinsic height in CSS pixels.
    pub height: u32,
    /// Alternative text; empty for decorative images.
    pub alt: String,
    /// Caption under the image.
    pub caption: Option<String>,
    /// Photographer or agency.
    pub credit: Option<String>,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of spans.
    Paragraph(Vec<Span>),
    /// A subheading of level 2 to 4.
    Heading {
        /// 2, 3 or 4.
        level: u8,
        /// Heading text.
        children: Vec<Span>,
    },
    /// A figure.
    Image(Image),
    /// A block quotation.
    Quote {
        /// Quoted text.
        children: Vec<Span>,
        /// Who is quoted.
        cite: Option<String>,
    },
    /// A list of items.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// Each item's spans.
        items: Vec<Vec<Span>>,
    },
    /// A thematic break.
    Divider,
    /// Raw HTML from a CMS, rendered only through the sanitizer.
    Html(String),
    /// A block type this version does not know; shows its fallback text if any, nothing
    /// otherwise.
    Unknown {
        /// The block's `type`.
        kind: String,
        /// Text to show instead.
        fallback: Option<String>,
    },
}

impl Article {
    /// Estimated reading time of the title and body, in whole minutes.
    pub fn reading_minutes(&self) -> u32 {
        let mut count = crate::text::reading_time::TextCount::default();
        count.add(&self.title);
        let spans = |count: &mut crate::text::reading_time::TextCount, spans: &[Span]| {
            spans.iter().for_each(|s| count.add(&s.text));
        };
        for block in &self.body {
            match block {
                Block::Paragraph(children)
                | Block::Heading { children, .. }
                | Block::Quote { children, .. } => spans(&mut count, children),
                Block::List { items, .. } => items.iter().for_each(|i| spans(&mut count, i)),
                Block::Image(image) => count.add(image.caption.as_deref().unwrap_or_default()),
                Block::Html(html) => count.add(&strip_tags(html)),
                Block::Unknown { fallback, .. } => {
                    count.add(fallback.as_deref().unwrap_or_default())
                }
                Block::Divider => {}
            }
        }
        count.minutes()
    }
}

/// The text of HTML for counting only (never for display): everything outside `<…>`.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

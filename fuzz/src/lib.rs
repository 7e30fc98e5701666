//! Helpers shared by the fuzz targets: JSON documents written back from validated values
//! (so that a target can check that what validation accepts, validation accepts again
//! unchanged), the URL scheme a browser would see, and checks on URLs that left the core.

use article_widget::model::{
    Article, Block, Comment, CommentText, Crumb, Feed, FeedItem, Link, ModelError, NavItem,
    Personalize, Section, SectionKind, Span, Thread, Value,
};
use article_widget::sanitize::url::{check_url, UrlUse};
use article_widget::text::datetime::DateTime;

/// The input as text: invalid UTF-8 sequences become U+FFFD, so every input is used.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The JSON tree of `text`, as the widget parses it natively.
pub fn parse(text: &str) -> Option<Value> {
    Value::parse(text)
}

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn n(number: f64) -> Value {
    Value::Number(number)
}

fn obj(entries: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_owned(), v?)))
            .collect(),
    )
}

fn opt(text: &Option<String>) -> Option<Value> {
    text.as_deref().map(s)
}

fn time(t: &DateTime) -> Value {
    s(&t.to_iso())
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(|t| s(t)).collect())
}

fn link(l: &Link) -> Value {
    obj(vec![("name", Some(s(&l.name))), ("url", opt(&l.url))])
}

fn span(sp: &Span) -> Value {
    let mut marks = Vec::new();
    if sp.strong {
        marks.push(s("strong"));
    }
    if sp.em {
        marks.push(s("em"));
    }
    obj(vec![
        ("text", Some(s(&sp.text))),
        ("marks", Some(Value::Array(marks))),
        ("href", opt(&sp.href)),
    ])
}

fn spans(list: &[Span]) -> Value {
    Value::Array(list.iter().map(span).collect())
}

fn block(b: &Block) -> Value {
    match b {
        Block::Paragraph(children) => obj(vec![
            ("type", Some(s("paragraph"))),
            ("children", Some(spans(children))),
        ]),
        Block::Heading { level, children } => obj(vec![
            ("type", Some(s("heading"))),
            ("level", Some(n(f64::from(*level)))),
            ("children", Some(spans(children))),
        ]),
        Block::Image(i) => obj(vec![
            ("type", Some(s("image"))),
            ("src", Some(s(&i.src))),
            ("srcset", opt(&i.srcset)),
            ("sizes", opt(&i.sizes)),
            ("width", Some(n(f64::from(i.width)))),
            ("height", Some(n(f64::from(i.height)))),
            ("alt", Some(s(&i.alt))),
            ("caption", opt(&i.caption)),
            ("credit", opt(&i.credit)),
        ]),
        Block::Quote { children, cite } => obj(vec![
            ("type", Some(s("quote"))),
            ("children", Some(spans(children))),
            ("cite", opt(cite)),
        ]),
        Block::List { ordered, items } => obj(vec![
            ("type", Some(s("list"))),
            ("ordered", Some(Value::Bool(*ordered))),
            (
                "items",
                Some(Value::Array(
                    items
                        .iter()
                        .map(|item| obj(vec![("children", Some(spans(item)))]))
                        .collect(),
                )),
            ),
        ]),
        Block::Divider => obj(vec![("type", Some(s("divider")))]),
        Block::Html(html) => obj(vec![("type", Some(s("html"))), ("html", Some(s(html)))]),
        Block::Unknown { kind, fallback } => {
            obj(vec![("type", Some(s(kind))), ("fallback", opt(fallback))])
        }
    }
}

/// A validated article written back as an article JSON document.
pub fn article_json(a: &Article) -> Value {
    obj(vec![
        ("version", Some(s("1.0"))),
        ("id", Some(s(&a.id))),
        ("lang", Some(s(&a.lang))),
        ("title", Some(s(&a.title))),
        ("url", opt(&a.url)),
        ("summary", opt(&a.summary)),
        ("site", a.site.as_ref().map(link)),
        (
            "navigation",
            Some(Value::Array(
                a.navigation
                    .iter()
                    .map(
                        |NavItem {
                             title,
                             url,
                             current,
                         }| {
                            obj(vec![
                                ("title", Some(s(title))),
                                ("url", Some(s(url))),
                                ("current", Some(Value::Bool(*current))),
                            ])
                        },
                    )
                    .collect(),
            )),
        ),
        (
            "breadcrumbs",
            Some(Value::Array(
                a.breadcrumbs
                    .iter()
                    .map(|Crumb { title, url }| {
                        obj(vec![("title", Some(s(title))), ("url", opt(url))])
                    })
                    .collect(),
            )),
        ),
        ("source", a.source.as_ref().map(link)),
        ("published", Some(time(&a.published))),
        ("updated", a.updated.as_ref().map(time)),
        (
            "authors",
            Some(Value::Array(a.authors.iter().map(link).collect())),
        ),
        ("tags", Some(strings(&a.tags))),
        (
            "channel",
            a.channel.as_ref().map(|c| {
                obj(vec![
                    ("id", Some(s(&c.id))),
                    ("title", Some(s(&c.title))),
                    ("url", opt(&c.url)),
                    ("blurb", opt(&c.blurb)),
                ])
            }),
        ),
        (
            "body",
            Some(Value::Array(a.body.iter().map(block).collect())),
        ),
        ("feed", opt(&a.feed)),
        (
            "comments",
            a.comments.as_ref().map(|c| {
                obj(vec![
                    ("src", opt(&c.src)),
                    ("backend", opt(&c.backend)),
                    ("endpoint", opt(&c.endpoint)),
                ])
            }),
        ),
    ])
}

fn kind_name(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Featured => "featured",
        SectionKind::Carousel => "carousel",
        SectionKind::List => "list",
        SectionKind::Ranking => "ranking",
        SectionKind::Grid => "grid",
    }
}

fn item(i: &FeedItem) -> Value {
    obj(vec![
        ("id", Some(s(&i.id))),
        ("title", Some(s(&i.title))),
        ("url", Some(s(&i.url))),
        ("summary", opt(&i.summary)),
        (
            "image",
            i.image.as_ref().map(|im| {
                obj(vec![
                    ("src", Some(s(&im.src))),
                    ("width", Some(n(f64::from(im.width)))),
                    ("height", Some(n(f64::from(im.height)))),
                    ("alt", Some(s(&im.alt))),
                ])
            }),
        ),
        ("credit", opt(&i.credit)),
        ("published", i.published.as_ref().map(time)),
        ("channel", opt(&i.channel)),
        ("tags", Some(strings(&i.tags))),
        ("rank", i.rank.map(|r| n(r as f64))),
        ("views", i.views.map(|v| n(v as f64))),
    ])
}

fn section(sec: &Section) -> Value {
    obj(vec![
        ("id", Some(s(&sec.id))),
        ("kind", Some(s(kind_name(sec.kind)))),
        ("title", Some(s(&sec.title))),
        (
            "personalize",
            sec.personalize.map(|p| {
                s(match p {
                    Personalize::Related => "related",
                    Personalize::YouMayLike => "you-may-like",
                })
            }),
        ),
        ("limit", sec.limit.map(|l| n(l as f64))),
        (
            "items",
            Some(Value::Array(sec.items.iter().map(item).collect())),
        ),
    ])
}

/// A validated feed written back as a feed JSON document (its valid sections: a refused
/// one is not a value to write back).
pub fn feed_json(f: &Feed) -> Value {
    obj(vec![
        ("version", Some(s("1.0"))),
        ("id", Some(s(&f.id))),
        ("title", opt(&f.title)),
        (
            "sections",
            Some(Value::Array(
                f.sections.iter().flatten().map(section).collect(),
            )),
        ),
    ])
}

fn comment(c: &Comment) -> Value {
    obj(vec![
        ("id", Some(s(&c.id))),
        ("parent", Some(c.parent.as_deref().map_or(Value::Null, s))),
        ("author", Some(s(&c.author))),
        ("website", opt(&c.website)),
        ("created", Some(time(&c.created))),
        ("text", Some(s(c.text.as_str()))),
        ("likes", Some(n(f64::from(c.likes)))),
        ("idempotency_key", opt(&c.key)),
    ])
}

/// A validated comment thread written back as a thread JSON document.
pub fn thread_json(t: &Thread) -> Value {
    obj(vec![
        ("version", Some(s("1.0"))),
        ("uri", Some(s(&t.uri))),
        (
            "comments",
            Some(Value::Array(t.comments.iter().map(comment).collect())),
        ),
    ])
}

/// The scheme a browser reads from an attribute value (lower case), following the URL
/// Standard rather than the widget's code: leading and trailing C0 controls and spaces
/// stripped, tabs and newlines removed anywhere, then `ALPHA *( ALPHA / DIGIT / "+" / "-"
/// / "." )` before the first `:`. `None` for a relative reference.
pub fn browser_scheme(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let mut scheme = String::new();
    for (i, c) in cleaned.chars().enumerate() {
        match c {
            ':' if i > 0 => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if i > 0 && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// Panics unless a browser would treat `url` (as the widget puts it into an attribute) as
/// a relative reference or one of the schemes allowed for `usage`.
pub fn assert_safe_url(url: &str, usage: UrlUse) {
    let allowed: &[&str] = match usage {
        UrlUse::Link => &["http", "https", "mailto"],
        UrlUse::Image | UrlUse::Fetch => &["http", "https"],
    };
    if let Some(scheme) = browser_scheme(url) {
        assert!(
            allowed.contains(&scheme.as_str()),
            "{usage:?} URL {url:?} has the scheme {scheme:?}"
        );
    }
}

/// Panics unless `url` is exactly what `check_url` keeps for `usage`, and safe.
pub fn assert_checked_url(url: &str, usage: UrlUse) {
    assert_eq!(
        check_url(url, usage).as_deref(),
        Ok(url),
        "{usage:?} {url:?}"
    );
    assert_safe_url(url, usage);
}

/// Panics unless an error result carries at least one field error (or is a version error):
/// a refusal with nothing to show the site builder would be a bug.
pub fn assert_error_explained(error: &ModelError) {
    match error {
        ModelError::Invalid(fields) => {
            assert!(!fields.is_empty(), "refused without a reason");
            assert!(fields.len() <= 20, "{} errors reported", fields.len());
        }
        ModelError::UnsupportedVersion { .. } => {}
    }
}

/// Every URL of a validated article, with its use.
pub fn article_urls(a: &Article) -> Vec<(&str, UrlUse)> {
    fn span_urls<'a>(list: &'a [Span], urls: &mut Vec<(&'a str, UrlUse)>) {
        urls.extend(
            list.iter()
                .filter_map(|sp| Some((sp.href.as_deref()?, UrlUse::Link))),
        );
    }
    let mut links: Vec<&Option<String>> = vec![&a.url, &a.feed];
    links.extend(
        a.site
            .iter()
            .chain(&a.source)
            .chain(&a.authors)
            .map(|l| &l.url),
    );
    links.extend(a.breadcrumbs.iter().map(|c| &c.url));
    links.extend(a.channel.iter().map(|c| &c.url));
    if let Some(c) = &a.comments {
        links.extend([&c.src, &c.endpoint]);
    }
    let mut urls: Vec<(&str, UrlUse)> = links
        .into_iter()
        .filter_map(|u| Some((u.as_deref()?, UrlUse::Link)))
        .collect();
    urls.extend(
        a.navigation
            .iter()
            .map(|nav| (nav.url.as_str(), UrlUse::Link)),
    );
    for b in &a.body {
        match b {
            Block::Paragraph(c)
            | Block::Heading { children: c, .. }
            | Block::Quote { children: c, .. } => span_urls(c, &mut urls),
            Block::List { items, .. } => items.iter().for_each(|i| span_urls(i, &mut urls)),
            Block::Image(i) => {
                urls.push((&i.src, UrlUse::Image));
                if let Some(set) = &i.srcset {
                    for (u, _) in article_widget::sanitize::url::srcset_candidates(set) {
                        urls.push((u, UrlUse::Image));
                    }
                }
            }
            Block::Divider | Block::Html(_) | Block::Unknown { .. } => {}
        }
    }
    urls
}

/// Whether a comment's text is plain, as every static thread's is.
pub fn is_plain(text: &CommentText) -> bool {
    matches!(text, CommentText::Plain(_))
}

/// ASCII whitespace as HTML's `srcset` parser knows it.
fn srcset_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
}

/// The URLs a browser reads from a `srcset` attribute (HTML's "parse a srcset attribute",
/// written from the standard, not from the widget): every candidate URL, whether or not
/// its descriptors turn out valid.
pub fn browser_srcset_urls(srcset: &str) -> Vec<String> {
    let chars: Vec<char> = srcset.chars().collect();
    let mut urls = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (srcset_space(chars[i]) || chars[i] == ',') {
            i += 1;
        }
        if i >= chars.len() {
            return urls;
        }
        let start = i;
        while i < chars.len() && !srcset_space(chars[i]) {
            i += 1;
        }
        let mut url: String = chars[start..i].iter().collect();
        if url.ends_with(',') {
            url = url.trim_end_matches(',').to_owned();
            urls.push(url);
            continue;
        }
        urls.push(url);
        // Descriptors, up to a comma outside parentheses.
        let mut in_parens = false;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            match c {
                '(' if !in_parens => in_parens = true,
                ')' if in_parens => in_parens = false,
                ',' if !in_parens => break,
                _ => {}
            }
        }
    }
}

/// Builds the thread as the reader sees it from `entries`, in every sort order, and panics
/// unless every entry is shown exactly once when all pages are loaded, replies right after
/// their parent's subtree starts and one level deeper (up to `max_depth`).
pub fn assert_tree_shows_everything(entries: Vec<article_widget::comments::Entry>) {
    use article_widget::comments::{Paging, Sort, Tree};
    let count = entries.len();
    for sort in [Sort::Newest, Sort::Oldest, Sort::MostLiked] {
        let tree = Tree::build(entries.clone(), sort);
        assert_eq!(tree.len(), count);
        let mut paging = Paging::new(3);
        let mut shown = Vec::new();
        let mut pages = 0;
        while paging.remaining(&tree) > 0 {
            let range = paging.load_more(&tree);
            assert!(!range.is_empty(), "load more shows nothing");
            shown.extend(tree.rows_limited(range, 4, &|_| usize::MAX));
            pages += 1;
            assert!(pages <= count + 1, "paging does not end");
        }
        assert_eq!(paging.visible(&tree), 0..tree.top_level());
        let all = tree.rows_limited(0..tree.top_level(), 4, &|_| usize::MAX);
        assert_eq!(shown, all, "pages differ from the whole thread");
        assert_eq!(all.len(), count, "{} rows for {count} comments", all.len());
        let mut ids: Vec<&str> = all.iter().map(|r| r.entry.comment.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "a comment is shown twice");
        let mut previous_depth = 0;
        for (i, row) in all.iter().enumerate() {
            assert!(row.depth <= 4);
            if i == 0 || row.depth == 0 {
                assert_eq!(row.depth, 0, "the thread starts with a reply");
            } else {
                assert!(row.depth <= previous_depth + 1, "a reply skips a level");
            }
            assert_eq!(
                row.reply_to.is_some(),
                row.depth > 0,
                "reply_to without a parent"
            );
            previous_depth = row.depth;
            if let Some(found) = tree.find(&row.entry.comment.id) {
                assert_eq!(found.comment.id, row.entry.comment.id);
            }
        }
    }
}

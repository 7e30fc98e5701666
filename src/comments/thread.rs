//! The thread as the reader sees it: the server's comments merged with the reader's own
//! (kept on this device, confirmed but not yet published, or still in the outbox), built
//! into a tree, sorted, and shown a page of top-level comments at a time.

use crate::order::FirstIndex;
use std::cmp::Ordering;
use std::ops::Range;

use super::outbox::{Outbox, Status};
use super::stored::utc_from_ms;
use crate::i18n::Locale;
use crate::model::{cycle_starts, Comment};

/// Default number of top-level comments per page.
pub const PAGE_SIZE: usize = 20;
/// Replies shown under a top-level comment at first, and added by each "more replies".
pub const REPLIES_SIZE: usize = 10;

/// Where a comment shown in the thread comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Read from the backend.
    Published,
    /// The reader's, confirmed by the backend but not yet in the thread read from it.
    Confirmed {
        /// Awaiting moderation.
        moderated: bool,
    },
    /// The reader's, kept on this device only (local backend).
    Local,
    /// The reader's, still in the outbox; the status says how far it got.
    Outbox(Status),
}

/// One comment of the merged thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The comment. Outbox entries have the id `outbox:{key}` and no likes.
    pub comment: Comment,
    /// Where it comes from.
    pub origin: Origin,
}

impl Entry {
    /// Whether this is the reader's comment that is not published yet (shown with its
    /// status, and at the top of the thread so it is not lost on a later page).
    pub fn is_unsent(&self) -> bool {
        matches!(self.origin, Origin::Outbox(_))
    }

    /// The idempotency key of the reader's own comment.
    pub fn key(&self) -> Option<&str> {
        self.comment.key.as_deref()
    }

    /// The name to show: the author's, or "匿名" / "Anonymous" when a backend gives none.
    pub fn author(&self, locale: Locale) -> &str {
        match self.comment.author.trim() {
            "" => locale.strings().comments.anonymous,
            _ => &self.comment.author,
        }
    }
}

/// Merges the comments of a thread from every source, each once: the server's first, then
/// comments kept on this device, confirmed receipts, and outbox submissions, each left out
/// when its id or idempotency key is already present.
pub fn merge(
    thread_uri: &str,
    server: &[Comment],
    local: &[Comment],
    outbox: &Outbox,
) -> Vec<Entry> {
    let mut candidates: Vec<Entry> = Vec::with_capacity(server.len() + local.len());
    let mut add = |comment: Comment, origin: Origin| candidates.push(Entry { comment, origin });
    for c in server {
        add(c.clone(), Origin::Published);
    }
    for c in local {
        add(c.clone(), Origin::Local);
    }
    for r in outbox.receipts() {
        if let (true, Some(c)) = (r.thread == thread_uri, &r.comment) {
            let mut c = c.clone();
            c.id = r.id.clone();
            c.key = Some(r.key.clone());
            add(
                c,
                Origin::Confirmed {
                    moderated: r.moderated,
                },
            );
        }
    }
    for s in outbox.items() {
        if s.thread.uri != thread_uri {
            continue;
        }
        let c = s.comment.to_comment(
            ["outbox:", &s.key].concat(),
            &s.key,
            utc_from_ms(s.created_ms),
        );
        add(c, Origin::Outbox(s.status.clone()));
    }
    first_of_each(candidates)
}

/// The entries in order, leaving out each one whose id or idempotency key an earlier kept
/// entry already has.
fn first_of_each(candidates: Vec<Entry>) -> Vec<Entry> {
    let mut groups: Vec<(usize, Option<usize>)> = Vec::with_capacity(candidates.len());
    {
        let mut id_list = Vec::with_capacity(candidates.len());
        let mut key_list = Vec::with_capacity(candidates.len());
        for e in &candidates {
            id_list.push(Some(e.comment.id.as_str()));
            key_list.push(e.comment.key.as_deref());
        }
        let ids = FirstIndex::new(id_list);
        let keys = FirstIndex::new(key_list);
        for (i, e) in candidates.iter().enumerate() {
            let key = e.comment.key.as_deref().and_then(|k| keys.get(k));
            groups.push((ids.get(&e.comment.id).unwrap_or(i), key));
        }
    }
    let mut id_kept = vec![false; candidates.len()];
    let mut key_kept = vec![false; candidates.len()];
    let mut kept = Vec::with_capacity(candidates.len());
    for (i, entry) in candidates.into_iter().enumerate() {
        let (id, key) = groups[i];
        if id_kept[id] || key.is_some_and(|k| key_kept[k]) {
            continue;
        }
        id_kept[id] = true;
        if let Some(k) = key {
            key_kept[k] = true;
        }
        kept.push(entry);
    }
    kept
}

/// The order of top-level comments; replies are always oldest first under their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Most likes first, then newest.
    MostLiked,
}

/// A thread built into a tree. Replies whose parent is missing are shown at the top level,
/// and so are comments caught in a reply cycle, so that nothing is ever hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    entries: Vec<Entry>,
    parent_of: Vec<Option<usize>>,
    roots: Vec<usize>,
    children: Vec<Vec<usize>>,
    sort: Sort,
}

/// One comment to render, in display order, with its indentation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    /// The comment.
    pub entry: &'a Entry,
    /// 0 for a top-level comment; capped at the `max_depth` asked for.
    pub depth: usize,
    /// The author replied to, for "回复 X" when the indentation no longer shows it.
    pub reply_to: Option<&'a str>,
    /// After this row, "more replies": the id of the top-level comment whose replies are
    /// cut short here, and how many of them are not shown.
    pub more_replies: Option<(&'a str, usize)>,
}

impl Tree {
    /// Builds the tree of `entries`, top level sorted by `sort`.
    pub fn build(entries: Vec<Entry>, sort: Sort) -> Self {
        let mut id_list = Vec::with_capacity(entries.len());
        for e in &entries {
            id_list.push(Some(e.comment.id.as_str()));
        }
        let index = FirstIndex::new(id_list);
        let mut parent_of: Vec<Option<usize>> = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let parent = e.comment.parent.as_deref().and_then(|p| index.get(p));
            parent_of.push(parent.filter(|&p| p != i));
        }
        // The first-listed comment of each reply cycle becomes top-level, so that every
        // comment hangs from a top-level one and is shown exactly once.
        for i in cycle_starts(&parent_of) {
            parent_of[i] = None;
        }
        let mut children: Vec<Vec<usize>> = Vec::with_capacity(entries.len());
        for _ in 0..entries.len() {
            children.push(Vec::new());
        }
        let mut roots = Vec::new();
        for (i, parent) in parent_of.iter().enumerate() {
            match parent {
                Some(p) => children[*p].push(i),
                None => roots.push(i),
            }
        }
        for list in &mut children {
            sort_indices(list, &entries, None);
        }
        let mut tree = Self {
            entries,
            parent_of,
            roots,
            children,
            sort,
        };
        tree.sort_by(sort);
        tree
    }

    /// Re-sorts the top level (reset the paging after this).
    pub fn sort_by(&mut self, sort: Sort) {
        self.sort = sort;
        sort_indices(&mut self.roots, &self.entries, Some(sort));
    }

    /// The current order.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Number of comments, replies included (the count in the heading).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the thread has no comments (the empty state).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of top-level comments (what paging counts).
    pub fn top_level(&self) -> usize {
        self.roots.len()
    }

    /// Every comment, in merge order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The comment with `id`.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.comment.id == id)
    }

    /// The rows of top-level comments `range` (in sorted order) with their replies,
    /// depth-first, indented at most `max_depth` levels: at most `replies(id)` replies of
    /// each top-level comment `id` (depth-first order); the reader's own replies (not read
    /// from the backend) are shown always, so a reply just written is never hidden. The last
    /// row before the first reply left out says how many are. [`Paging::rows`] is the
    /// comment box's way to call it.
    pub fn rows_limited(
        &self,
        range: Range<usize>,
        max_depth: usize,
        replies: &dyn Fn(&str) -> usize,
    ) -> Vec<Row<'_>> {
        let roots = self
            .roots
            .get(range.start.min(self.roots.len())..range.end.min(self.roots.len()))
            .unwrap_or(&[]);
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for &root in roots {
            let root_id = self.entries[root].comment.id.as_str();
            let limit = replies(root_id);
            let (mut seen, mut hidden, mut cut_after) = (0, 0, None);
            stack.push((root, 0));
            while let Some((i, depth)) = stack.pop() {
                let entry = &self.entries[i];
                for &c in self.children[i].iter().rev() {
                    stack.push((c, depth + 1));
                }
                if depth > 0 {
                    seen += 1;
                    if seen > limit && entry.origin == Origin::Published {
                        hidden += 1;
                        cut_after.get_or_insert(rows.len() - 1);
                        continue;
                    }
                }
                let reply_to = self.parent_of[i]
                    .filter(|_| depth > 0)
                    .map(|p| self.entries[p].comment.author.as_str());
                rows.push(Row {
                    entry,
                    depth: depth.min(max_depth),
                    reply_to,
                    more_replies: None,
                });
            }
            if let Some(at) = cut_after {
                rows[at].more_replies = Some((root_id, hidden));
            }
        }
        rows
    }
}

/// Sorts indices of `entries`: top-level comments by `sort` (the reader's unsent ones
/// first), or, without one, oldest first (replies). One sort in the wasm for both.
fn sort_indices(list: &mut [usize], entries: &[Entry], sort: Option<Sort>) {
    crate::order::sort_by(list, |&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        let Some(sort) = sort else {
            return oldest_first(a, b);
        };
        b.is_unsent().cmp(&a.is_unsent()).then_with(|| match sort {
            Sort::Newest => oldest_first(b, a),
            Sort::Oldest => oldest_first(a, b),
            Sort::MostLiked => b
                .comment
                .likes
                .cmp(&a.comment.likes)
                .then_with(|| oldest_first(b, a)),
        })
    });
}

fn oldest_first(a: &Entry, b: &Entry) -> Ordering {
    a.comment
        .created
        .unix_seconds()
        .cmp(&b.comment.created.unix_seconds())
        .then_with(|| a.comment.id.cmp(&b.comment.id))
}

/// "Load more" over the top-level comments, and "more replies" under each: the shell
/// renders the first page with the first [`REPLIES_SIZE`] replies of each comment, then
/// each further slice, so a thread of thousands (or a comment with thousands of replies)
/// never renders at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// Top-level comments per page.
    pub page_size: usize,
    /// Top-level comments shown so far.
    pub shown: usize,
    /// Top-level comments whose replies the reader showed more of: id and replies shown.
    replies: Vec<(String, usize)>,
}

impl Default for Paging {
    fn default() -> Self {
        Self::new(PAGE_SIZE)
    }
}

impl Paging {
    /// Paging with `page_size` top-level comments per page (at least one), nothing shown yet.
    pub fn new(page_size: usize) -> Self {
        Self {
            page_size: page_size.max(1),
            shown: 0,
            replies: Vec::new(),
        }
    }

    /// The range of top-level comments to render next (the first page on the first call),
    /// and marks a whole page shown, so that comments arriving later (the server's thread
    /// after the reader's own) fill the page rather than hide behind "load more". Empty
    /// when everything is shown.
    pub fn load_more(&mut self, tree: &Tree) -> Range<usize> {
        let start = self.shown.min(tree.top_level());
        let end = start.saturating_add(self.page_size).min(tree.top_level());
        self.shown = start.saturating_add(self.page_size);
        start..end
    }

    /// Everything shown so far (to re-render after a change, e.g. a new comment).
    pub fn visible(&self, tree: &Tree) -> Range<usize> {
        0..self.shown.min(tree.top_level())
    }

    /// Top-level comments not shown yet (for "load more (N)"; no button at 0).
    pub fn remaining(&self, tree: &Tree) -> usize {
        tree.top_level().saturating_sub(self.shown)
    }

    /// Replies shown under the top-level comment `id`.
    pub fn replies_shown(&self, id: &str) -> usize {
        self.replies
            .iter()
            .find(|(r, _)| r == id)
            .map_or(REPLIES_SIZE, |(_, n)| *n)
    }

    /// Shows [`REPLIES_SIZE`] more replies under the top-level comment `id`.
    pub fn more_replies(&mut self, id: &str) {
        let more = self.replies_shown(id).saturating_add(REPLIES_SIZE);
        match self.replies.iter_mut().find(|(r, _)| r == id) {
            Some(entry) => entry.1 = more,
            None => self.replies.push((id.to_owned(), more)),
        }
    }

    /// The rows shown: every top-level comment shown so far, each with the replies shown.
    pub fn rows<'t>(&self, tree: &'t Tree, max_depth: usize) -> Vec<Row<'t>> {
        tree.rows_limited(self.visible(tree), max_depth, &|id| self.replies_shown(id))
    }

    /// Starts over, e.g. after the sort order changed (replies shown stay shown).
    pub fn reset(&mut self) {
        self.shown = 0;
    }
}

//! What has been read of the thread on the server, page by page: a backend that pages (Isso)
//! is asked for the first page of top-level comments only, then for the replies that page
//! cut short, and for further top-level comments when the reader shows more. A backend
//! without paging answers the first ask with the whole thread.
//!
//! ```text
//! while let Some((ask, request)) = server.next_request(&backend, &thread, paging.shown) {
//!     reply = fetch(request);  server.take(&backend, &ask, &reply)?;  render
//! }
//! ```
//!
//! Pages are read by offset. A comment posted or deleted between two pages moves the later
//! ones by one: a comment read twice is kept once; one skipped shows after a reload.

use super::backend::{CommentBackend, Page, Part, ReadError, Reply, Request, ThreadRef};
use super::thread::{Sort, PAGE_SIZE};
use crate::model::Comment;
use crate::order::FirstIndex;

/// Replies read with each top-level comment in the first pass.
pub const REPLIES_FIRST: usize = 20;
/// Replies read per request for a top-level comment that has more.
pub const REPLIES_PAGE: usize = 100;

/// One request [`ServerThread::next_request`] asked for, to hand back with its reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    generation: u32,
    /// The part of the thread asked for.
    pub part: Part,
}

/// The comments read so far from the backend that reads the thread, and what is left.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerThread {
    comments: Vec<Comment>,
    sort: Sort,
    /// Bumped when the order changes or the thread is replaced: older answers are dropped.
    generation: u32,
    /// Whether the first page of this generation is in.
    first_read: bool,
    /// Whether a request is in flight.
    asking: bool,
    /// The comments are of an earlier order, to be replaced by the next first page.
    stale: bool,
    /// Top-level entries read (the offset of the next page).
    roots_read: usize,
    /// Top-level entries on the server not read yet.
    roots_unread: usize,
    /// Comments of the thread on the server, when known.
    total: Option<usize>,
    /// Comment objects read, deleted ones included.
    seen: usize,
    /// Top-level comments with replies left to read: id and replies read.
    partial: Vec<(String, usize)>,
}

impl ServerThread {
    /// Nothing read yet; pages will be asked for in `sort` order.
    pub fn new(sort: Sort) -> Self {
        Self {
            comments: Vec::new(),
            sort,
            generation: 0,
            first_read: false,
            asking: false,
            stale: false,
            roots_read: 0,
            roots_unread: 0,
            total: None,
            seen: 0,
            partial: Vec::new(),
        }
    }

    /// The comments read (of the current order, or of the previous one until its first page
    /// is in).
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Whether the first page is in (or the backend has no thread to read).
    pub fn is_read(&self) -> bool {
        self.first_read
    }

    /// Whether the whole thread has been read.
    pub fn is_complete(&self) -> bool {
        self.first_read && self.roots_unread == 0 && self.partial.is_empty()
    }

    /// Top-level comments on the server not read yet (for "load more (N)").
    pub fn unread_roots(&self) -> usize {
        if self.first_read {
            self.roots_unread
        } else {
            0
        }
    }

    /// Comments on the server not read yet, replies included (for the count in the heading).
    pub fn unread(&self) -> usize {
        match (self.first_read, self.total) {
            (true, Some(total)) => total.saturating_sub(self.seen),
            _ => 0,
        }
    }

    /// The next part to read so that at least `roots_wanted` top-level comments (the ones
    /// shown) are read with all their replies, and its request; `None` while a request is in
    /// flight or when nothing needs reading. A backend that reads no thread has it read.
    pub fn next_request(
        &mut self,
        backend: &dyn CommentBackend,
        thread: &ThreadRef,
        roots_wanted: usize,
    ) -> Option<(Ask, Request)> {
        if self.asking {
            return None;
        }
        let part = if !self.first_read {
            Part::Roots {
                sort: self.sort,
                offset: 0,
                limit: PAGE_SIZE.max(roots_wanted),
                replies: REPLIES_FIRST,
            }
        } else if let Some((parent, read)) = self.partial.first() {
            Part::Replies {
                parent: parent.clone(),
                offset: *read,
                limit: REPLIES_PAGE,
            }
        } else if self.roots_unread > 0 && self.roots_read < roots_wanted {
            Part::Roots {
                sort: self.sort,
                offset: self.roots_read,
                limit: PAGE_SIZE.max(roots_wanted - self.roots_read),
                replies: REPLIES_FIRST,
            }
        } else {
            return None;
        };
        let Some(request) = backend.page_request(thread, &part) else {
            self.first_read = true;
            self.roots_unread = 0;
            self.partial.clear();
            return None;
        };
        self.asking = true;
        let ask = Ask {
            generation: self.generation,
            part,
        };
        Some((ask, request))
    }

    /// Takes the reply to the request of `ask`. An answer to an ask of an earlier order is
    /// dropped; after an error, the same part is asked for again by the next
    /// [`ServerThread::next_request`].
    pub fn take(
        &mut self,
        backend: &dyn CommentBackend,
        ask: &Ask,
        reply: &Reply,
    ) -> Result<(), ReadError> {
        self.take_page(ask, backend.read_page(reply))
    }

    /// Takes the page of `ask` as the shell read it itself (a static thread fetched as a
    /// document, see [`super::backend::static_json::page`]), as [`ServerThread::take`] does.
    pub fn take_page(&mut self, ask: &Ask, page: Result<Page, ReadError>) -> Result<(), ReadError> {
        if ask.generation != self.generation {
            return Ok(());
        }
        self.asking = false;
        self.add(&ask.part, page?);
        Ok(())
    }

    fn add(&mut self, part: &Part, page: Page) {
        if std::mem::take(&mut self.stale) {
            self.comments.clear();
        }
        match part {
            Part::Roots { .. } => {
                self.first_read = true;
                self.roots_read += page.listed;
                self.roots_unread = page.unread;
                self.total = page.total.or(self.total);
                let mut partial = page.partial;
                self.partial.append(&mut partial);
            }
            Part::Replies { parent, .. } => {
                if let Some(at) = self.partial.iter().position(|(id, _)| id == parent) {
                    if page.unread == 0 || page.listed == 0 {
                        self.partial.remove(at);
                    } else {
                        self.partial[at].1 += page.listed;
                    }
                }
            }
        }
        self.seen += page.seen;
        let mut ids = Vec::with_capacity(self.comments.len());
        for c in &self.comments {
            ids.push(Some(c.id.as_str()));
        }
        let known = FirstIndex::new(ids);
        let mut fresh = Vec::new();
        for c in page.comments {
            if known.get(&c.id).is_none() {
                fresh.push(c);
            }
        }
        drop(known);
        self.comments.append(&mut fresh);
    }

    /// Changes the order pages are read in. Returns whether the thread must be read again
    /// (it was not complete); the comments read so far stay until the new first page is in.
    pub fn set_sort(&mut self, sort: Sort) -> bool {
        self.sort = sort;
        if self.is_complete() || !self.first_read && !self.asking {
            return false;
        }
        self.restart();
        self.stale = true;
        true
    }

    /// A new generation with nothing read of it (the comments stay).
    fn restart(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.first_read = false;
        self.asking = false;
        self.stale = false;
        self.roots_read = 0;
        self.roots_unread = 0;
        self.total = None;
        self.seen = 0;
        self.partial.clear();
    }

    /// Replaces what was read with the whole thread (read to verify a submission).
    pub fn replace_all(&mut self, comments: Vec<Comment>) {
        self.restart();
        self.seen = comments.len();
        self.comments = comments;
        self.first_read = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::backend::{Isso, Local, Method, StaticJson};

    fn isso() -> Isso {
        Isso::new("https://isso.example")
    }

    fn thread() -> ThreadRef {
        ThreadRef::new("/a", "A")
    }

    fn answer(body: &str) -> Reply {
        Reply::Answer {
            status: 200,
            body: body.into(),
        }
    }

    /// An Isso comment object.
    fn c(id: u32, parent: Option<u32>, replies: &str, hidden: usize) -> String {
        let parent = parent.map_or("null".into(), |p| p.to_string());
        format!(
            r#"{{"id":{id},"parent":{parent},"created":{},"text":"<p>t{id}</p>","author":"a","mode":1,"likes":0,"hidden_replies":{hidden},"replies":[{replies}]}}"#,
            1_600_000_000 + id
        )
    }

    fn ids(s: &ServerThread) -> Vec<&str> {
        s.comments().iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn reads_the_first_page_then_cut_replies_then_more_when_shown() {
        let mut s = ServerThread::new(Sort::Newest);
        let (ask, req) = s.next_request(&isso(), &thread(), 20).unwrap();
        assert_eq!(req.method, Method::Get);
        assert_eq!(
            req.url,
            "https://isso.example/?uri=%2Fa&sort=newest&nested_limit=20&limit=20"
        );
        // One request at a time.
        assert_eq!(s.next_request(&isso(), &thread(), 20), None);
        let page = format!(
            r#"{{"id":null,"total_replies":30,"hidden_replies":5,"replies":[{},{}]}}"#,
            c(9, None, &c(10, Some(9), "", 0), 3),
            c(8, None, "", 0)
        );
        s.take(&isso(), &ask, &answer(&page)).unwrap();
        assert!(s.is_read() && !s.is_complete());
        assert_eq!(ids(&s), ["9", "10", "8"]);
        assert_eq!((s.unread_roots(), s.unread()), (5, 27));

        // The cut replies of 9 come next, before any further top-level comments.
        let (ask, req) = s.next_request(&isso(), &thread(), 20).unwrap();
        assert_eq!(
            req.url,
            "https://isso.example/?uri=%2Fa&parent=9&limit=100&offset=1"
        );
        let replies = format!(
            r#"{{"id":9,"total_replies":4,"hidden_replies":0,"replies":[{},{},{}]}}"#,
            c(11, Some(9), "", 0),
            c(12, Some(9), "", 0),
            c(10, Some(9), "", 0)
        );
        s.take(&isso(), &ask, &answer(&replies)).unwrap();
        assert_eq!(ids(&s), ["9", "10", "8", "11", "12"], "10 kept once");
        assert_eq!(s.unread(), 24);
        // Only 2 top-level comments read, but only 2 shown: nothing more to ask.
        assert_eq!(s.next_request(&isso(), &thread(), 2), None);

        // The reader shows 22: the next page starts after the 2 read.
        let (ask, req) = s.next_request(&isso(), &thread(), 22).unwrap();
        assert_eq!(
            req.url,
            "https://isso.example/?uri=%2Fa&sort=newest&nested_limit=20&limit=20&offset=2"
        );
        let rest = format!(
            r#"{{"id":null,"total_replies":30,"hidden_replies":0,"replies":[{}]}}"#,
            c(7, None, "", 0)
        );
        s.take(&isso(), &ask, &answer(&rest)).unwrap();
        assert!(s.is_complete());
        assert_eq!(
            (s.unread_roots(), s.next_request(&isso(), &thread(), 99)),
            (0, None)
        );
    }

    #[test]
    fn a_failed_page_is_asked_again() {
        let mut s = ServerThread::new(Sort::Oldest);
        let (ask, _) = s.next_request(&isso(), &thread(), 20).unwrap();
        assert!(s.take(&isso(), &ask, &Reply::Timeout).is_err());
        assert!(!s.is_read());
        let (again, _) = s.next_request(&isso(), &thread(), 20).unwrap();
        assert_eq!(again, ask);
    }

    #[test]
    fn a_new_order_reads_again_and_drops_older_answers() {
        let mut s = ServerThread::new(Sort::Newest);
        let (ask, _) = s.next_request(&isso(), &thread(), 20).unwrap();
        let page = format!(
            r#"{{"total_replies":9,"hidden_replies":8,"replies":[{}]}}"#,
            c(9, None, "", 0)
        );
        s.take(&isso(), &ask, &answer(&page)).unwrap();
        let (late, _) = s.next_request(&isso(), &thread(), 40).unwrap();
        assert!(s.set_sort(Sort::MostLiked));
        // The old comments stay until the new first page replaces them.
        assert_eq!(ids(&s), ["9"]);
        s.take(&isso(), &late, &answer(&page)).unwrap();
        let (ask, req) = s.next_request(&isso(), &thread(), 20).unwrap();
        assert!(req.url.contains("sort=upvotes") && !req.url.contains("offset"));
        let page = format!(
            r#"{{"total_replies":9,"hidden_replies":8,"replies":[{}]}}"#,
            c(3, None, "", 0)
        );
        s.take(&isso(), &ask, &answer(&page)).unwrap();
        assert_eq!(ids(&s), ["3"]);
        // A complete thread is sorted here, not read again.
        s.replace_all(vec![]);
        assert!(s.is_complete());
        assert!(!s.set_sort(Sort::Oldest));
    }

    #[test]
    fn backends_without_paging() {
        let mut s = ServerThread::new(Sort::Newest);
        assert_eq!(s.next_request(&Local, &thread(), 20), None);
        assert!(s.is_complete());
        let fixed = StaticJson::new("/c.json");
        let mut s = ServerThread::new(Sort::Newest);
        let (ask, req) = s.next_request(&fixed, &thread(), 20).unwrap();
        assert_eq!(req.url, "/c.json");
        s.take(
            &fixed,
            &ask,
            &Reply::Answer {
                status: 404,
                body: String::new(),
            },
        )
        .unwrap();
        assert!(s.is_complete());
        assert!(!s.set_sort(Sort::Oldest));
    }
}

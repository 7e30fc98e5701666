//! The Isso adapter (Isso 0.12 to 0.14 JSON API):
//!
//! - `GET {endpoint}/?uri={uri}` answers `{id: null, total_replies, replies: [...]}`; each
//!   reply has `id, parent, created` (unix seconds, a float), `text` (HTML rendered from
//!   Markdown), `author`, `website` (HTML-escaped, or null), `likes, dislikes, mode` and its
//!   own `replies`.
//! - The same with `sort=newest|oldest|upvotes&limit=L&nested_limit=N&offset=O` answers L
//!   top-level comments from O on, each with its first N replies; `hidden_replies` says how
//!   many are left after them (of the thread, and of each comment), `total_replies` counts
//!   the whole thread. `?uri={uri}&parent={id}&limit=L&offset=O` answers replies of `id`.
//!   Isso nests one level: a reply to a reply is stored under the top-level comment.
//! - `POST {endpoint}/new?uri={uri}` with `{text, author, website, title, parent}` answers
//!   201 with the stored comment (202 while it awaits moderation), 400 with a reason, 403
//!   when a guard refuses.
//! - `POST {endpoint}/id/{id}/like` answers `{likes, dislikes}`.
//!
//! Isso keeps no idempotency keys; the outbox verifies a submission in doubt by reading the
//! thread. Text comes back as HTML and is marked [`CommentText::Html`], for the sanitizer.

use super::{
    base, encode_component, success, unsuccessful, CommentBackend, Page, Part, ReadError, Reply,
    Request, Route, ThreadRef,
};
use crate::comments::codec::{self, get_i64, get_id, get_list, Obj};
use crate::comments::fingerprint::unescape_html;
use crate::comments::likes::LikeOutcome;
use crate::comments::outbox::{Failure, Submission, SubmitOutcome};
use crate::comments::thread::Sort;
use crate::model::{check_website, Comment, CommentText, Value};
use crate::text::datetime::DateTime;
use crate::text::fill;

/// Isso's mode of a comment deleted while replies still refer to it.
const MODE_DELETED: i64 = 4;
/// Isso's mode of a comment awaiting moderation.
const MODE_MODERATED: i64 = 2;

/// An Isso server: reads the thread page by page, takes comments and likes; keeps no
/// idempotency keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isso {
    endpoint: String,
}

impl Isso {
    /// The server at `endpoint` (a checked http(s) or relative URL).
    pub fn new(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
        }
    }
}

impl CommentBackend for Isso {
    fn idempotent(&self) -> bool {
        false
    }

    fn thread_request(&self, thread: &ThreadRef) -> Option<Request> {
        Some(thread_request(&self.endpoint, thread))
    }

    fn page_request(&self, thread: &ThreadRef, part: &Part) -> Option<Request> {
        Some(page_request(&self.endpoint, thread, part))
    }

    fn page_json(&self, json: &Value) -> Result<Page, ReadError> {
        page(json)
    }

    fn submit(&self, submission: &Submission) -> Route {
        Route::Send(submit_request(&self.endpoint, submission))
    }

    fn submit_outcome(&self, _submission: &Submission, reply: &Reply) -> SubmitOutcome {
        submit_outcome(reply)
    }

    fn like_request(&self, id: &str) -> Option<Request> {
        like_request(&self.endpoint, id)
    }

    fn like_outcome(&self, reply: &Reply) -> LikeOutcome {
        like_outcome(reply)
    }
}

/// `GET {endpoint}/?uri={uri}`.
pub fn thread_request(endpoint: &str, thread: &ThreadRef) -> Request {
    Request::get([base(endpoint), "/?uri=", &encode_component(&thread.uri)].concat())
}

/// `GET {endpoint}/?uri={uri}&…` reading `part` of the thread (Isso's paging).
pub fn page_request(endpoint: &str, thread: &ThreadRef, part: &Part) -> Request {
    let mut url = thread_request(endpoint, thread).url;
    let (offset, limit) = match part {
        Part::Roots {
            sort,
            offset,
            limit,
            replies,
        } => {
            let sort = match sort {
                Sort::Newest => "newest",
                Sort::Oldest => "oldest",
                Sort::MostLiked => "upvotes",
            };
            url += "&sort=";
            url += sort;
            url += &fill("&nested_limit={}", *replies as u64);
            (offset, limit)
        }
        Part::Replies {
            parent,
            offset,
            limit,
        } => {
            url += "&parent=";
            url += &encode_component(parent);
            (offset, limit)
        }
    };
    // Isso ignores an offset without a limit.
    url += &fill("&limit={}", (*limit).max(1) as u64);
    if *offset > 0 {
        url += &fill("&offset={}", *offset as u64);
    }
    Request::get(url)
}

/// The page in an answer to [`page_request`]: its comments (as [`comments`] reads them),
/// how many entries are left on the server, and which comments' replies were cut short.
pub fn page(json: &Value) -> Result<Page, ReadError> {
    let Some(Value::Array(list)) = json.get("replies") else {
        return Err(ReadError::BadAnswer("Isso's answer has no replies list"));
    };
    let count = |v: &Value, key: &str| get_i64(v, key).map(|n| usize::try_from(n).unwrap_or(0));
    let mut page = Page {
        listed: list.len(),
        unread: count(json, "hidden_replies").unwrap_or(0),
        total: count(json, "total_replies"),
        comments: Vec::new(),
        seen: 0,
        partial: Vec::new(),
    };
    for item in list {
        let mut stack = vec![item];
        while let Some(reply) = stack.pop() {
            page.seen += 1;
            if get_i64(reply, "mode") != Some(MODE_DELETED) {
                if let Some(c) = comment(reply) {
                    page.comments.push(c);
                }
            }
            for child in get_list(reply, "replies").iter().rev() {
                stack.push(child);
            }
        }
        let read = get_list(item, "replies").len();
        if let (Some(1..), Some(id)) = (count(item, "hidden_replies"), get_i64(item, "id")) {
            page.partial.push((id.to_string(), read));
        }
    }
    Ok(page)
}

/// `POST {endpoint}/new?uri={uri}` with the comment. The title lets Isso create the thread
/// with the first comment; a parent that is not an Isso id (a comment from a static thread)
/// is sent as `null`.
pub fn submit_request(endpoint: &str, submission: &Submission) -> Request {
    let c = &submission.comment;
    let parent = c
        .parent
        .as_deref()
        .and_then(|p| crate::text::number(p, 10))
        .map_or(Value::Null, |p| Value::Number(p as f64));
    let mut body = Obj::new();
    body.str("text", &c.text);
    body.str("author", &c.author);
    body.nullable("website", c.website.as_deref());
    body.str("title", &submission.thread.title);
    body.put("parent", parent);
    Request::post_json(
        [
            base(endpoint),
            "/new?uri=",
            &encode_component(&submission.thread.uri),
        ]
        .concat(),
        body,
    )
}

/// The outcome of a reply to [`submit_request`]: 201/202 with the comment is confirmed
/// (202 awaiting moderation), 400 and 403 are refused with Isso's reason, 408/429/5xx and
/// transport failures are retried.
pub fn submit_outcome(reply: &Reply) -> SubmitOutcome {
    let Some((status, body)) = success(reply) else {
        return unsuccessful(reply);
    };
    let json = codec::parse(body);
    match json.as_ref().and_then(comment) {
        Some(comment) => {
            let moderated = status == 202
                || json.as_ref().and_then(|j| get_i64(j, "mode")) == Some(MODE_MODERATED);
            SubmitOutcome::Confirmed { comment, moderated }
        }
        None => SubmitOutcome::Failed(Failure::BadAnswer),
    }
}

/// `POST {endpoint}/id/{id}/like`, or `None` when `id` is not an Isso id.
pub fn like_request(endpoint: &str, id: &str) -> Option<Request> {
    let id = crate::text::number(id, 10)?;
    Some(Request::post_json(
        base(endpoint).to_owned() + &fill("/id/{}/like", id),
        Obj::new(),
    ))
}

/// The outcome of a reply to [`like_request`]: a 2xx counted it (with the new count when
/// the answer has one), a passing failure keeps it pending, any other answer refused it.
pub fn like_outcome(reply: &Reply) -> LikeOutcome {
    if let Some((_, body)) = success(reply) {
        let likes = codec::parse(body).and_then(|json| get_i64(&json, "likes"));
        return LikeOutcome::Counted {
            likes: likes.map(clamp),
        };
    }
    match unsuccessful(reply) {
        SubmitOutcome::Rejected { reason, .. } => LikeOutcome::Refused { reason },
        _ => LikeOutcome::Failed,
    }
}

/// The comments of Isso's GET answer, replies after their parent, in answer order.
/// Deleted comments (kept by Isso for their replies) are left out; their replies show at
/// the top level. Replies that cannot be read are skipped.
pub fn comments(json: &Value) -> Result<Vec<Comment>, ReadError> {
    page(json).map(|page| page.comments)
}

/// One Isso comment; `None` without an id, a time or a text.
fn comment(v: &Value) -> Option<Comment> {
    let id = get_id(v, "id")?;
    let created = match v.get("created")? {
        Value::Number(secs) if secs.is_finite() => {
            DateTime::from_unix_seconds(secs.floor() as i64, None)?
        }
        _ => return None,
    };
    let text = match v.get("text")? {
        Value::String(html) => html.clone(),
        _ => return None,
    };
    let escaped = |key: &str| codec::get_str(v, key).map(unescape_html);
    Some(Comment {
        id,
        parent: get_id(v, "parent"),
        author: escaped("author")
            .map(|a| a.trim().to_owned())
            .unwrap_or_default(),
        website: escaped("website").and_then(|w| check_website(&w).ok()),
        created,
        text: CommentText::Html(text),
        likes: get_i64(v, "likes").map_or(0, clamp),
        key: None,
    })
}

fn clamp(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::body::BodyError;

    #[test]
    fn builds_requests() {
        let t = ThreadRef::new("/a/1", "标题");
        assert_eq!(
            thread_request("https://isso.example/", &t).url,
            "https://isso.example/?uri=%2Fa%2F1"
        );
        assert_eq!(thread_request("/isso", &t).url, "/isso/?uri=%2Fa%2F1");
        assert_eq!(
            like_request("https://isso.example", "23").unwrap().url,
            "https://isso.example/id/23/like"
        );
        assert_eq!(like_request("https://isso.example", "c4"), None);
        assert_eq!(like_request("https://isso.example", "../x"), None);
    }

    #[test]
    fn like_answers() {
        let ok = Reply::Answer {
            status: 200,
            body: "{\"likes\": 4, \"dislikes\": 3}".into(),
        };
        assert_eq!(like_outcome(&ok), LikeOutcome::Counted { likes: Some(4) });
        for passing in [
            Reply::Timeout,
            Reply::Offline,
            Reply::Network,
            Reply::Unreadable(BodyError::TooLarge { bytes: 5 << 20 }),
        ] {
            assert_eq!(like_outcome(&passing), LikeOutcome::Failed);
        }
        assert_eq!(
            submit_outcome(&Reply::Unreadable(BodyError::TooLarge { bytes: 5 << 20 })),
            SubmitOutcome::Failed(Failure::BadAnswer),
            "a post whose answer is too large to read may have been stored: it is verified"
        );
        for status in [500, 503, 429, 408] {
            let reply = Reply::Answer {
                status,
                body: String::new(),
            };
            assert_eq!(like_outcome(&reply), LikeOutcome::Failed, "{status}");
        }
        assert_eq!(
            like_outcome(&Reply::Answer {
                status: 200,
                body: "null".into()
            }),
            LikeOutcome::Counted { likes: None },
            "a 2xx counted it, even without the count"
        );
        assert_eq!(
            like_outcome(&Reply::Answer {
                status: 404,
                body: "<p>no such comment</p>".into()
            }),
            LikeOutcome::Refused {
                reason: "no such comment".into()
            }
        );
    }

    #[test]
    fn pages_ask_for_what_is_shown_and_count_what_is_left() {
        let t = ThreadRef::new("/a b", "t");
        let first = Part::Roots {
            sort: Sort::MostLiked,
            offset: 0,
            limit: 20,
            replies: 5,
        };
        assert_eq!(
            page_request("/isso/", &t, &first).url,
            "/isso/?uri=%2Fa%20b&sort=upvotes&nested_limit=5&limit=20"
        );
        let replies = Part::Replies {
            parent: "7".into(),
            offset: 5,
            limit: 100,
        };
        assert_eq!(
            page_request("/isso", &t, &replies).url,
            "/isso/?uri=%2Fa%20b&parent=7&limit=100&offset=5"
        );
        // A deleted comment (mode 4) is left out but counted; its replies stay.
        let json = codec::parse(
            r#"{"id": null, "total_replies": 9, "hidden_replies": 6, "replies": [
                {"id": 7, "parent": null, "created": 1.0, "text": "", "mode": 4, "total_replies": 3,
                 "hidden_replies": 2, "replies": [{"id": 8, "parent": 7, "created": 2.0, "text": "<p>r</p>", "mode": 1}]},
                {"id": 9, "parent": null, "created": 3.0, "text": "<p>x</p>", "mode": 1, "hidden_replies": 0, "replies": []}]}"#,
        )
        .unwrap();
        let page = page(&json).unwrap();
        let ids: Vec<&str> = page.comments.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["8", "9"]);
        assert_eq!((page.listed, page.seen, page.unread), (2, 3, 6));
        assert_eq!((page.total, page.partial), (Some(9), vec![("7".into(), 1)]));
        assert_eq!(comments(&json).unwrap(), page.comments);
        assert!(matches!(
            super::page(&Value::Null),
            Err(ReadError::BadAnswer(_))
        ));
    }

    #[test]
    fn reads_ids_and_unescapes_names() {
        let v = codec::parse(
            r#"{"id": 7, "parent": 3, "created": 1464818460.9, "text": "<p>x</p>", "author": "A &amp; B &lt;b&gt;",
                "website": "http://example.com/?a=1&amp;b=2", "likes": -3}"#,
        )
        .unwrap();
        let c = comment(&v).unwrap();
        assert_eq!((c.id.as_str(), c.parent.as_deref()), ("7", Some("3")));
        assert_eq!(c.author, "A & B <b>");
        assert_eq!(c.website.as_deref(), Some("http://example.com/?a=1&b=2"));
        assert_eq!(c.created.to_iso(), "2016-06-01T22:01:00Z");
        assert_eq!(c.likes, 0);
    }
}

//! How comments, new comments and thread references are written into the JSON the core
//! stores in the browser, and read back. Reading is forgiving: a record that does not fit
//! is `None`, never a panic.

use super::backend::ThreadRef;
use super::codec::{self, get_i64, get_str, get_string, Obj};
#[cfg(test)]
use super::codec::{object, string};
use super::input::NewComment;
use crate::model::{Comment, CommentText, Value};
use crate::text::datetime::DateTime;

/// The UTC time stamp of unix milliseconds (the epoch for a time no time stamp can hold).
pub(crate) fn utc_from_ms(ms: i64) -> DateTime {
    DateTime::from_unix_seconds(ms.div_euclid(1000), None).unwrap_or(DateTime {
        year: 1970,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: None,
    })
}

/// A comment as a stored record.
pub(crate) fn comment_to_value(c: &Comment) -> Value {
    let mut o = Obj::new();
    o.str("id", &c.id);
    o.opt("parent", c.parent.as_deref());
    o.str("author", &c.author);
    o.opt("website", c.website.as_deref());
    o.str("created", &c.created.to_iso());
    o.str("text", c.text.as_str());
    o.flag("html", c.text.is_html());
    o.num("likes", i64::from(c.likes));
    o.opt("key", c.key.as_deref());
    o.value()
}

/// A comment from a stored record.
pub(crate) fn comment_from_value(v: &Value) -> Option<Comment> {
    // Everything that can refuse the record first, then the copies: no half-built
    // record to clean up on the way out.
    let id = get_str(v, "id")?;
    let author = get_str(v, "author")?;
    let text = get_str(v, "text")?;
    let created = DateTime::parse(get_str(v, "created")?).ok()?;
    let text = text.to_owned();
    Some(Comment {
        id: id.to_owned(),
        parent: get_string(v, "parent"),
        author: author.to_owned(),
        website: get_string(v, "website"),
        created,
        text: if codec::get_flag(v, "html") {
            CommentText::Html(text)
        } else {
            CommentText::Plain(text)
        },
        likes: codec::get_u32(v, "likes").unwrap_or(0),
        key: get_string(v, "key"),
    })
}

/// A new comment as a stored record.
pub(crate) fn new_comment_to_value(c: &NewComment) -> Value {
    let mut o = Obj::new();
    o.str("author", &c.author);
    o.opt("website", c.website.as_deref());
    o.str("text", &c.text);
    o.nullable("parent", c.parent.as_deref());
    o.value()
}

/// A new comment from a stored record.
pub(crate) fn new_comment_from_value(v: &Value) -> Option<NewComment> {
    let author = get_str(v, "author")?;
    let text = get_str(v, "text")?;
    Some(NewComment {
        author: author.to_owned(),
        website: get_string(v, "website"),
        text: text.to_owned(),
        parent: get_string(v, "parent"),
    })
}

/// A thread reference as a stored record.
pub(crate) fn thread_to_value(t: &ThreadRef) -> Value {
    let mut o = Obj::new();
    o.str("uri", &t.uri);
    o.str("title", &t.title);
    o.value()
}

/// A thread reference from a stored record.
pub(crate) fn thread_from_value(v: &Value) -> Option<ThreadRef> {
    Some(ThreadRef {
        uri: get_str(v, "uri")?.to_owned(),
        title: get_string(v, "title").unwrap_or_default(),
    })
}

/// The records of a stored document `{"v": 1, <list>: [...]}`, or none when the text is not
/// such a document.
pub(crate) fn records<'v>(doc: &'v Option<Value>, list: &str) -> &'v [Value] {
    match doc {
        Some(doc) if get_i64(doc, "v") == Some(1) => super::codec::get_list(doc, list),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_round_trip() {
        let c = Comment {
            id: "42".into(),
            parent: Some("7".into()),
            author: "<b>练江边</b>".into(),
            website: Some("https://example.com/?a=1&b=2".into()),
            created: DateTime::parse("2020-02-19T10:02:00+08:00").unwrap(),
            text: CommentText::Html("<p>家里一切都好</p>".into()),
            likes: 12,
            key: Some("k1".into()),
        };
        assert_eq!(comment_from_value(&comment_to_value(&c)), Some(c));
    }

    #[test]
    fn broken_records_are_none() {
        assert_eq!(comment_from_value(&Value::Null), None);
        assert_eq!(
            comment_from_value(&object([("id", Some(string("1")))])),
            None
        );
        assert_eq!(new_comment_from_value(&Value::Array(vec![])), None);
        assert_eq!(
            thread_from_value(&object([("title", Some(string("t")))])),
            None
        );
    }
}

//! The comment core end to end, natively: the static thread contract against its fixtures
//! and the sample thread, the merged tree with sorting and paging, the backends against
//! answers modelled on Isso's and the documented HTTP contract, and the outbox's
//! exactly-once rules across lost answers, failures, reloads and stale tabs.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use article_widget::comments::backend::{
    http, isso, static_json, Http, Isso, Local, Method, ReadError,
};
use article_widget::comments::likes::{LikeState, STALE_SENDING_MS};
use article_widget::comments::outbox::{Finished, Receipt, Status};
use article_widget::comments::server::ServerThread;
use article_widget::comments::thread::REPLIES_SIZE;
use article_widget::comments::time::{age, Age, Unit};
use article_widget::comments::{
    merge, new_key, setup, validate, Action, CommentBackend, Draft, Entry, Failure, LikeOutcome,
    Likes, LocalStore, NewComment, Now, Origin, Outbox, Paging, Reply, Request, Route, Row, Sort,
    Submission, SubmitOutcome, ThreadRef, Tree,
};
use article_widget::i18n::Locale;
use article_widget::model::{
    decode_thread, Comment, CommentText, CommentsConfig, ModelError, Thread, Value,
};
use article_widget::net::error::LoadError;
use article_widget::text::datetime::DateTime;
use common::{json_files, root};
use serde_json::{json, Value as Json};

mod common;

const T0: i64 = 1_582_067_520_000; // 2020-02-19T07:12:00+08:00

fn load(path: &Path) -> (Json, Result<Thread, ModelError>) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Json = serde_json::from_str(&text).unwrap();
    let result = decode_thread(json.clone());
    (json, result)
}

fn seed() -> Thread {
    load(&root().join("www/data/comments/jijiehao.json"))
        .1
        .unwrap()
}

fn thread() -> ThreadRef {
    ThreadRef::new("jijiehao", "天天可闻“集结号”处处都见先锋队")
}

fn new_comment(author: &str, text: &str) -> NewComment {
    NewComment {
        author: author.into(),
        website: None,
        text: text.into(),
        parent: None,
    }
}

fn comment(id: &str, parent: Option<&str>, created: &str, likes: u32) -> Comment {
    Comment {
        id: id.into(),
        parent: parent.map(Into::into),
        author: format!("作者{id}"),
        website: None,
        created: DateTime::parse(created).unwrap(),
        text: CommentText::Plain(format!("评论{id}")),
        likes,
        key: None,
    }
}

fn published(comments: Vec<Comment>) -> Vec<Entry> {
    merge("t", &comments, &[], &Outbox::default())
}

fn ids(rows: &[article_widget::comments::Row<'_>]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{}{}", "-".repeat(r.depth), r.entry.comment.id))
        .collect()
}

// --- the static thread contract --------------------------------------------------------

/// The rows of top-level comments `range` with all their replies.
fn all_rows(tree: &Tree, range: std::ops::Range<usize>, max_depth: usize) -> Vec<Row<'_>> {
    tree.rows_limited(range, max_depth, &|_| usize::MAX)
}

#[test]
fn sample_threads_decode() {
    for path in json_files("www/data/comments") {
        if let Err(e) = load(&path).1 {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn valid_fixtures_decode() {
    for path in json_files("tests/fixtures/comments/valid") {
        if let Err(e) = load(&path).1 {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_are_refused_at_the_expected_field() {
    common::invalid_fixtures_are_refused(
        "tests/fixtures/comments/invalid",
        40,
        true,
        decode_thread,
    );
}

#[test]
fn cross_reference_errors_say_what_is_wrong() {
    let path = |name: &str| root().join("tests/fixtures/comments/invalid").join(name);
    let message = |name: &str| load(&path(name)).1.unwrap_err().to_string();
    assert_eq!(
        message("parent-cycle.json"),
        "comments[0].parent: replies form a cycle: c1 → c2 → c1"
    );
    assert_eq!(
        message("parent-self.json"),
        "comments[2].parent: replies form a cycle: c3 → c3"
    );
    assert_eq!(
        message("parent-unknown.json"),
        "comments[1].parent: no comment has the id \"c9\""
    );
    assert_eq!(
        message("duplicate-id.json"),
        "comments[2].id: duplicate id \"c1\"; comments[0] has it already"
    );
    assert_eq!(
        message("website-javascript.json"),
        "comments[0].website: only http, https, mailto or relative URLs are allowed (found \"javascript:\")"
    );
    assert_eq!(
        message("website-relative.json"),
        "comments[0].website: a website must be an absolute http or https URL, e.g. https://example.com/"
    );
    assert_eq!(
        message("version-2.json"),
        "version: unsupported version \"2.0\"; this widget reads version 1.x"
    );
}

#[test]
fn the_same_version_rule_as_articles() {
    for (version, ok) in [
        ("1.0", true),
        ("1.12", true),
        ("2.0", false),
        ("1", false),
        ("1.x", false),
    ] {
        let json = json!({"version": version, "uri": "a", "comments": []});
        assert_eq!(decode_thread(json.clone()).is_ok(), ok, "{version}");
        let article = json!({"version": version, "id": "a", "title": "t", "published": "2020-02-19T04:32:00+08:00", "body": []});
        assert_eq!(
            article_widget::model::decode(article).is_ok(),
            ok,
            "{version}"
        );
    }
    let e = decode_thread(json!([])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "(document): expected a comment thread object, found a list"
    );
}

#[test]
fn hostile_strings_stay_intact_as_data() {
    let path = root().join("tests/fixtures/comments/valid/hostile-strings-are-data.json");
    let (json, thread) = load(&path);
    let thread = thread.unwrap();
    let c = &thread.comments;
    assert_eq!(c[0].author, json["comments"][0]["author"].as_str().unwrap());
    assert_eq!(
        c[0].website.as_deref(),
        json["comments"][0]["website"].as_str()
    );
    assert_eq!(
        c[1].text,
        CommentText::Plain(json["comments"][1]["text"].as_str().unwrap().to_owned())
    );
    assert!(!c[1].text.is_html(), "a static thread's text is never HTML");
    let tree = Tree::build(published(thread.comments.clone()), Sort::Oldest);
    let rows = all_rows(&tree, 0..tree.top_level(), 3);
    assert_eq!(rows[0].entry.comment.author, "<img src=x onerror=alert(1)>");
    assert_eq!(rows[1].reply_to, Some("<img src=x onerror=alert(1)>"));
}

// --- the thread as the reader sees it ---------------------------------------------------

#[test]
fn seed_thread_as_a_tree() {
    let thread = seed();
    assert_eq!(thread.uri, "jijiehao");
    let mut tree = Tree::build(published(thread.comments), Sort::Newest);
    assert_eq!(tree.len(), 8);
    assert_eq!(tree.top_level(), 4);
    assert_eq!(
        ids(&all_rows(&tree, 0..4, 3)),
        ["c8", "c6", "-c7", "c4", "-c5", "c1", "-c2", "--c3"]
    );
    tree.sort_by(Sort::Oldest);
    assert_eq!(
        ids(&all_rows(&tree, 0..4, 1)),
        ["c1", "-c2", "-c3", "c4", "-c5", "c6", "-c7", "c8"]
    );
    let rows = all_rows(&tree, 0..1, 1);
    assert_eq!(
        rows[2].reply_to,
        Some("网格员小方"),
        "capped depth still says who is answered"
    );
    tree.sort_by(Sort::MostLiked);
    let top: Vec<_> = all_rows(&tree, 0..4, 0)
        .into_iter()
        .filter(|r| r.entry.comment.parent.is_none())
        .map(|r| r.entry.comment.likes)
        .collect();
    assert_eq!(top, [36, 28, 17, 8]);
}

#[test]
fn orphans_and_cycles_are_shown_at_the_top_level() {
    let comments = vec![
        comment("a", Some("gone"), "2020-02-19T07:00:00Z", 0),
        comment("b", Some("c"), "2020-02-19T08:00:00Z", 0),
        comment("c", Some("b"), "2020-02-19T09:00:00Z", 0),
        comment("d", Some("c"), "2020-02-19T10:00:00Z", 0),
        comment("e", Some("e"), "2020-02-19T11:00:00Z", 0),
    ];
    let tree = Tree::build(published(comments), Sort::Oldest);
    let rows = all_rows(&tree, 0..tree.top_level(), 5);
    assert_eq!(
        rows.len(),
        5,
        "every comment exactly once: {:?}",
        ids(&rows)
    );
    assert_eq!(ids(&rows), ["a", "b", "-c", "--d", "e"]);
}

#[test]
fn replies_are_oldest_first_whatever_the_sort() {
    let comments = vec![
        comment("p", None, "2020-02-19T07:00:00Z", 0),
        comment("r2", Some("p"), "2020-02-19T09:00:00Z", 9),
        comment("r1", Some("p"), "2020-02-19T08:00:00+00:00", 0),
        comment("r3", Some("p"), "2020-02-19T17:30:00+08:00", 5),
    ];
    for sort in [Sort::Newest, Sort::Oldest, Sort::MostLiked] {
        let tree = Tree::build(published(comments.clone()), sort);
        assert_eq!(
            ids(&all_rows(&tree, 0..1, 1)),
            ["p", "-r1", "-r2", "-r3"],
            "{sort:?}"
        );
    }
}

#[test]
fn thousands_of_comments_are_paged() {
    let comments: Vec<Comment> = (0..3000)
        .map(|i| {
            let created = DateTime::from_unix_seconds(1_582_000_000 + i, Some(480))
                .unwrap()
                .to_iso();
            let parent = (i % 3 == 2).then(|| format!("n{}", i - 1));
            comment(
                &format!("n{i}"),
                parent.as_deref(),
                &created,
                (i % 7) as u32,
            )
        })
        .collect();
    let tree = Tree::build(published(comments), Sort::Newest);
    assert_eq!((tree.len(), tree.top_level()), (3000, 2000));
    let mut paging = Paging::new(20);
    let first = paging.load_more(&tree);
    assert_eq!(first, 0..20);
    let rows = all_rows(&tree, first, 3);
    assert!(rows.len() <= 40, "{} rows", rows.len());
    assert_eq!(ids(&rows[..2]), ["n2998", "-n2999"]);
    assert_eq!(paging.load_more(&tree), 20..40);
    assert_eq!(paging.remaining(&tree), 1960);
    assert_eq!(paging.visible(&tree), 0..40);
    let mut all = Paging::new(1500);
    assert_eq!(all.load_more(&tree), 0..1500);
    assert_eq!(all.load_more(&tree), 1500..2000);
    assert_eq!(all.load_more(&tree), 2000..2000);
    assert_eq!(all.remaining(&tree), 0);
    paging.reset();
    assert_eq!(paging.load_more(&tree), 0..20);
    assert_eq!(Paging::new(0).page_size, 1);
}

#[test]
fn a_comment_with_many_replies_shows_the_first_ones_and_more_on_demand() {
    let at = |i: i64| {
        DateTime::from_unix_seconds(1_582_000_000 + i, Some(480))
            .unwrap()
            .to_iso()
    };
    let mut comments = vec![comment("p", None, &at(0), 0), comment("q", None, &at(1), 0)];
    for i in 0..25 {
        comments.push(comment(&format!("r{i:02}"), Some("p"), &at(10 + i), 0));
    }
    // A reply to the third reply: counted, in depth-first order, like any reply.
    comments.push(comment("s", Some("r02"), &at(100), 0));
    comments.push(comment("q1", Some("q"), &at(101), 0));
    let tree = Tree::build(published(comments.clone()), Sort::Oldest);
    let mut paging = Paging::new(20);
    paging.load_more(&tree);
    let rows = paging.rows(&tree, 2);
    assert_eq!(rows.len(), 1 + REPLIES_SIZE + 2, "{:?}", ids(&rows));
    assert_eq!(
        ids(&rows[..5]),
        ["p", "-r00", "-r01", "-r02", "--s"],
        "replies of replies in place"
    );
    let cut = rows.iter().position(|r| r.more_replies.is_some()).unwrap();
    assert_eq!(cut, REPLIES_SIZE, "after the last reply shown");
    assert_eq!(rows[cut].more_replies, Some(("p", 26 - REPLIES_SIZE)));
    assert_eq!(ids(&rows[cut + 1..]), ["q", "-q1"]);
    assert!(rows[cut + 1..].iter().all(|r| r.more_replies.is_none()));

    paging.more_replies("p");
    assert_eq!(paging.replies_shown("p"), 2 * REPLIES_SIZE);
    let rows = paging.rows(&tree, 2);
    let more: Vec<_> = rows.iter().filter_map(|r| r.more_replies).collect();
    assert_eq!(more, [("p", 26 - 2 * REPLIES_SIZE)]);
    paging.more_replies("p");
    let rows = paging.rows(&tree, 2);
    assert_eq!(rows.len(), 2 + 26 + 1, "all shown");
    assert!(rows.iter().all(|r| r.more_replies.is_none()));
    paging.reset();
    assert_eq!(
        paging.replies_shown("p"),
        3 * REPLIES_SIZE,
        "kept across a re-sort"
    );
    assert_eq!(Paging::new(20).replies_shown("q"), REPLIES_SIZE);

    // The reader's own reply, last in age, is shown even beyond the cut.
    let mut outbox = Outbox::default();
    let mut mine = new_comment("我", "我的回复");
    mine.parent = Some("p".into());
    outbox
        .submit(
            "k".into(),
            ThreadRef::new("t", "T"),
            mine,
            DateTime::parse(&at(500)).unwrap().unix_seconds() * 1000,
        )
        .unwrap();
    let tree = Tree::build(merge("t", &comments, &[], &outbox), Sort::Oldest);
    let mut paging = Paging::new(20);
    paging.load_more(&tree);
    let rows = paging.rows(&tree, 2);
    assert_eq!(
        ids(&rows[REPLIES_SIZE + 1..REPLIES_SIZE + 2]),
        ["-outbox:k"]
    );
    assert_eq!(
        rows[REPLIES_SIZE].more_replies,
        Some(("p", 26 - REPLIES_SIZE))
    );
}

#[test]
fn empty_thread() {
    let tree = Tree::build(Vec::new(), Sort::Newest);
    assert!(tree.is_empty());
    let mut paging = Paging::default();
    assert_eq!(paging.load_more(&tree), 0..0);
    assert!(all_rows(&tree, 0..20, 3).is_empty());
}

#[test]
fn merge_shows_each_comment_once_with_its_origin() {
    let server = seed().comments;
    let mut outbox = Outbox::default();
    outbox
        .submit(
            "k-pending".into(),
            thread(),
            new_comment("黄山读者", "还没发出去"),
            T0,
        )
        .unwrap();
    outbox
        .submit(
            "k-sent".into(),
            thread(),
            new_comment("黄山读者", "已确认"),
            T0,
        )
        .unwrap();
    outbox
        .submit(
            "k-published".into(),
            thread(),
            new_comment("黄山读者", "已发表"),
            T0,
        )
        .unwrap();
    outbox
        .submit(
            "k-other".into(),
            ThreadRef::new("other", "x"),
            new_comment("a", "b"),
            T0,
        )
        .unwrap();
    for key in ["k-sent", "k-published"] {
        outbox.begin_send(key, T0).unwrap();
        let mut c = comment(&format!("id-{key}"), None, "2020-02-19T07:12:00+08:00", 0);
        c.text = CommentText::Html("<p>x</p>".into());
        outbox.finish(
            key,
            SubmitOutcome::Confirmed {
                comment: c,
                moderated: key == "k-sent",
            },
            T0,
        );
    }
    let mut server_with_mine = server.clone();
    let mut mine = comment("id-k-published", None, "2020-02-19T07:12:00+08:00", 0);
    mine.key = Some("k-published".into());
    server_with_mine.push(mine);
    let mut local = comment("c1", None, "2020-02-19T07:12:00+08:00", 0);
    local.author = "duplicate id".into();
    let mut by_key = comment("local-x", None, "2020-02-19T07:12:00+08:00", 0);
    by_key.key = Some("k-pending".into());
    let own_local = comment("local-own", Some("c4"), "2020-02-20T07:12:00+08:00", 0);

    let entries = merge(
        "jijiehao",
        &server_with_mine,
        &[local, by_key, own_local],
        &outbox,
    );
    let summary: Vec<(String, Origin)> = entries
        .iter()
        .map(|e| (e.comment.id.clone(), e.origin.clone()))
        .collect();
    assert_eq!(summary.len(), 8 + 1 + 2 + 1, "{summary:?}");
    assert_eq!(
        entries[0].comment.author, "斗山街居民",
        "the server's c1 wins"
    );
    assert!(
        summary.contains(&("local-x".into(), Origin::Local)),
        "dedupe by key keeps the first"
    );
    assert!(summary.contains(&("local-own".into(), Origin::Local)));
    assert!(summary.contains(&("id-k-sent".into(), Origin::Confirmed { moderated: true })));
    assert!(!summary.iter().any(|(id, _)| id == "outbox:k-pending"));
    assert!(!summary.iter().any(|(id, _)| id.contains("other")));

    let tree = Tree::build(entries, Sort::Oldest);
    let rows = all_rows(&tree, 0..tree.top_level(), 2);
    let c4 = rows
        .iter()
        .position(|r| r.entry.comment.id == "c4")
        .unwrap();
    assert_eq!(
        rows[c4 + 2].entry.comment.id,
        "local-own",
        "a local reply sits under its parent"
    );
}

#[test]
fn unsent_comments_are_pinned_to_the_top() {
    let mut outbox = Outbox::default();
    outbox
        .submit(
            "k".into(),
            thread(),
            new_comment("黄山读者", "等待发送的评论"),
            T0 + 86_400_000,
        )
        .unwrap();
    let mut reply = new_comment("黄山读者", "回复");
    reply.parent = Some("c1".into());
    outbox
        .submit("r".into(), thread(), reply, T0 + 86_400_000)
        .unwrap();
    for sort in [Sort::Oldest, Sort::MostLiked, Sort::Newest] {
        let tree = Tree::build(merge("jijiehao", &seed().comments, &[], &outbox), sort);
        let rows = all_rows(&tree, 0..1, 3);
        assert_eq!(rows[0].entry.comment.id, "outbox:k", "{sort:?}");
        assert!(rows[0].entry.is_unsent());
        assert_eq!(rows[0].entry.key(), Some("k"));
        assert!(matches!(
            rows[0].entry.origin,
            Origin::Outbox(Status::Pending { .. })
        ));
    }
    let tree = Tree::build(
        merge("jijiehao", &seed().comments, &[], &outbox),
        Sort::Oldest,
    );
    let rows = all_rows(&tree, 1..2, 3);
    assert_eq!(ids(&rows), ["c1", "-c2", "--c3", "-outbox:r"]);
}

// --- time, form, draft -------------------------------------------------------------------

#[test]
fn seed_comment_times() {
    let c1 = &seed().comments[0];
    let ago = |ms, count, unit| {
        assert_eq!(
            age(&c1.created, &Now::new(T0 + ms, 480)),
            Age::Ago { count, unit }
        )
    };
    ago(3 * 60_000 + 5_000, 3, Unit::Minute);
    ago(3_600_000, 1, Unit::Hour);
    ago(2 * 86_400_000, 2, Unit::Day);
    assert_eq!(age(&c1.created, &Now::new(T0, 480)), Age::JustNow);
    assert_eq!(
        age(&c1.created, &Now::new(T0 + 7 * 86_400_000, 480)),
        Age::Date
    );
}

#[test]
fn a_draft_becomes_a_comment_and_is_cleared() {
    let stored = Draft {
        name: " 练江边 ".into(),
        website: String::new(),
        text: "家里一切都好,安心在外面,春暖花开再回来!".into(),
        reply_to: Some("c4".into()),
    }
    .to_storage();
    let draft = Draft::from_storage(&stored).unwrap();
    assert_eq!(
        article_widget::comments::char_count(&draft.text).to_string(),
        "21 / 1000"
    );
    let c = validate(&draft).unwrap();
    let mut outbox = Outbox::default();
    let key = new_key(42, T0);
    let s = outbox.submit(key, thread(), c, T0).unwrap().clone();
    assert_eq!(s.comment.parent.as_deref(), Some("c4"));
    let next = draft.cleared();
    assert_eq!(next.name, " 练江边 ");
    assert!(next.is_blank());
    let identity = article_widget::comments::Identity::of(&s);
    assert_eq!(identity.name, "练江边");
    assert_eq!(Draft::from_submission(&s).text, draft.text);
    // The shell stores the identity as the submission's draft, cleared: the same string.
    assert_eq!(
        Draft::from_submission(&s).cleared().to_storage(),
        identity.to_storage()
    );
}

// --- backends ---------------------------------------------------------------------------

/// An Isso thread answer as `GET /?uri=` gives it (see design/isso.md).
fn isso_thread() -> String {
    json!({
        "id": null, "total_replies": 5, "hidden_replies": 0, "config": {"reply-to-self": false},
        "replies": [
            {
                "id": 1, "parent": null, "created": 1582067520.732863, "modified": null, "mode": 1,
                "text": "<p>我们小区门口天天有党员值守</p>", "author": "斗山街居民", "website": null,
                "likes": 36, "dislikes": 0, "hash": "1cb6cc0309a2", "total_replies": 2, "hidden_replies": 0,
                "replies": [
                    {"id": 2, "parent": 1, "created": 1582070580.1, "modified": null, "mode": 1,
                     "text": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "author": "&lt;b&gt;网格员&lt;/b&gt; &amp; 小方",
                     "website": "http://example.com/?a=1&amp;b=2", "likes": 21, "dislikes": 0, "hash": "2af4e1a6c96a",
                     "total_replies": 0, "hidden_replies": 0, "replies": []},
                    {"id": 3, "parent": 1, "created": 1582072800.0, "mode": 1, "text": "<p>anonymous</p>",
                     "author": null, "website": "javascript:alert(1)", "likes": 0, "dislikes": 0, "replies": []}
                ]
            },
            {
                "id": 4, "parent": null, "created": 1582075500.5, "mode": 4, "text": "", "author": null,
                "website": null, "likes": 0, "dislikes": 0, "total_replies": 1, "hidden_replies": 0,
                "replies": [
                    {"id": 5, "parent": 4, "created": 1582077720.0, "mode": 1, "text": "<p>家里一切都好</p>",
                     "author": "练江边", "website": "https://example.com/~shexian", "likes": 12, "dislikes": 0, "replies": []}
                ]
            },
            {"id": 6, "parent": null, "mode": 1, "text": "<p>no time</p>", "author": "x", "replies": []}
        ]
    })
    .to_string()
}

#[test]
fn isso_thread_answers() {
    let backend: &dyn CommentBackend = &Isso::new("https://comments.example.com/");
    let request = backend
        .thread_request(&ThreadRef::new("/news/2020/集结号.html", "t"))
        .unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://comments.example.com/?uri=%2Fnews%2F2020%2F%E9%9B%86%E7%BB%93%E5%8F%B7.html"
    );
    let comments = backend
        .read_thread(&Reply::Answer {
            status: 200,
            body: isso_thread(),
        })
        .unwrap();
    let got: Vec<(&str, Option<&str>)> = comments
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("1", None),
            ("2", Some("1")),
            ("3", Some("1")),
            ("5", Some("4"))
        ]
    );
    assert!(
        comments.iter().all(|c| c.text.is_html()),
        "Isso text goes through the sanitizer"
    );
    assert_eq!(
        comments[1].text.as_str(),
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    );
    assert_eq!(
        comments[1].author, "<b>网格员</b> & 小方",
        "Isso escapes names; they are text again"
    );
    assert_eq!(
        comments[1].website.as_deref(),
        Some("http://example.com/?a=1&b=2")
    );
    assert_eq!(comments[2].author, "", "anonymous");
    assert_eq!(
        comments[2].website, None,
        "a website that is not http(s) is dropped"
    );
    assert_eq!(comments[0].created.to_iso(), "2020-02-18T23:12:00Z");
    assert_eq!(comments[0].likes, 36);

    let tree = Tree::build(published(comments), Sort::Oldest);
    let rows = all_rows(&tree, 0..tree.top_level(), 2);
    assert_eq!(
        ids(&rows),
        ["1", "-2", "-3", "5"],
        "the deleted comment's reply is kept"
    );
    assert_eq!(
        (
            rows[2].entry.author(Locale::ZhCn),
            rows[2].entry.author(Locale::En)
        ),
        ("匿名", "Anonymous")
    );
    assert_eq!(rows[1].entry.author(Locale::En), "<b>网格员</b> & 小方");
    assert_eq!(
        backend.read_thread(&Reply::Answer {
            status: 404,
            body: "Not Found".into()
        }),
        Ok(vec![])
    );
    assert!(matches!(
        backend.read_thread(&Reply::Answer {
            status: 200,
            body: "{\"total_replies\": 0}".into()
        }),
        Err(ReadError::BadAnswer(_))
    ));
}

fn submission(key: &str, comment: NewComment) -> Submission {
    let mut outbox = Outbox::default();
    outbox.submit(key.into(), thread(), comment, T0).unwrap();
    outbox.begin_send(key, T0).unwrap().clone()
}

fn body(request: &Request) -> Json {
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

#[test]
fn isso_submissions() {
    let backend = Isso::new("https://comments.example.com");
    let mut c = new_comment("在外的歙县人", "最美不过回家的路 <script>alert(1)</script>");
    c.website = Some("https://example.com/~shexian".into());
    c.parent = Some("23".into());
    let s = submission("k1", c);
    let Route::Send(request) = backend.submit(&s) else {
        panic!("Isso sends")
    };
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://comments.example.com/new?uri=jijiehao");
    assert!(request
        .headers
        .contains(&("Content-Type", "application/json".into())));
    assert_eq!(
        body(&request),
        json!({"text": "最美不过回家的路 <script>alert(1)</script>", "author": "在外的歙县人",
               "website": "https://example.com/~shexian", "title": "天天可闻“集结号”处处都见先锋队", "parent": 23})
    );
    let mut static_parent = s.clone();
    static_parent.comment.parent = Some("c4".into());
    let Route::Send(request) = backend.submit(&static_parent) else {
        panic!()
    };
    assert_eq!(body(&request)["parent"], Json::Null);

    let stored = json!({"id": 24, "parent": 23, "created": 1582067521.254393, "modified": null, "mode": 1,
        "text": "<p>最美不过回家的路 &lt;script&gt;alert(1)&lt;/script&gt;</p>\n", "author": "在外的歙县人",
        "website": "https://example.com/~shexian", "likes": 0, "dislikes": 0, "hash": "e644f6ee43c0"});
    let answer = |status: u16, body: String| Reply::Answer { status, body };
    match backend.submit_outcome(&s, &answer(201, stored.to_string())) {
        SubmitOutcome::Confirmed { comment, moderated } => {
            assert_eq!(
                (comment.id.as_str(), comment.parent.as_deref(), moderated),
                ("24", Some("23"), false)
            );
            assert!(comment.text.is_html());
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        backend.submit_outcome(&s, &answer(202, stored.to_string())),
        SubmitOutcome::Confirmed {
            moderated: true,
            ..
        }
    ));
    let werkzeug = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>text is too short (minimum length: 3)</p>\n";
    assert_eq!(
        backend.submit_outcome(&s, &answer(400, werkzeug.into())),
        SubmitOutcome::Rejected {
            status: 400,
            reason: "text is too short (minimum length: 3)".into()
        }
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(403, "<p>CSRF</p>".into())),
        SubmitOutcome::Rejected {
            status: 403,
            reason: "CSRF".into()
        }
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(429, String::new())),
        SubmitOutcome::Failed(Failure::Status(429))
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(500, String::new())),
        SubmitOutcome::Failed(Failure::Status(500))
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(201, "<html>".into())),
        SubmitOutcome::Failed(Failure::BadAnswer)
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(302, String::new())),
        SubmitOutcome::Failed(Failure::BadAnswer)
    );
    assert_eq!(
        backend.submit_outcome(&s, &Reply::Timeout),
        SubmitOutcome::Failed(Failure::Timeout)
    );
    assert_eq!(
        backend.submit_outcome(&s, &Reply::Offline),
        SubmitOutcome::Failed(Failure::Offline)
    );
    assert_eq!(
        backend.submit_outcome(&s, &Reply::Network),
        SubmitOutcome::Failed(Failure::Network)
    );

    let like = backend.like_request("24").unwrap();
    assert_eq!(
        (like.method, like.url.as_str()),
        (Method::Post, "https://comments.example.com/id/24/like")
    );
    assert_eq!(
        backend.like_outcome(&answer(200, "{\"likes\": 4, \"dislikes\": 3}".into())),
        LikeOutcome::Counted { likes: Some(4) }
    );
}

#[test]
fn http_submissions_follow_the_documented_contract() {
    let backend = Http::new("https://api.example.com/comments");
    let mut c = new_comment("练江边", "家里一切都好 \"quoted\" </script>");
    c.parent = Some("c4".into());
    let s = submission("1705a929200-000000000000feed", c);
    let Route::Send(request) = backend.submit(&s) else {
        panic!("http sends")
    };
    assert_eq!(
        (request.method, request.url.as_str()),
        (Method::Post, "https://api.example.com/comments")
    );
    assert!(request
        .headers
        .contains(&("Idempotency-Key", "1705a929200-000000000000feed".into())));
    assert_eq!(
        body(&request),
        json!({"idempotency_key": "1705a929200-000000000000feed", "thread": "jijiehao", "parent": "c4",
               "author": "练江边", "website": null, "text": "家里一切都好 \"quoted\" </script>"})
    );
    let answer = |status: u16, body: &str| Reply::Answer {
        status,
        body: body.into(),
    };
    match backend.submit_outcome(
        &s,
        &answer(
            201,
            r#"{"id": "c9", "created": "2020-02-20T06:15:00+08:00"}"#,
        ),
    ) {
        SubmitOutcome::Confirmed {
            comment,
            moderated: false,
        } => {
            assert_eq!(comment.id, "c9");
            assert_eq!(comment.created.to_iso(), "2020-02-20T06:15:00+08:00");
            assert_eq!(
                comment.text,
                CommentText::Plain("家里一切都好 \"quoted\" </script>".into())
            );
            assert_eq!(comment.key.as_deref(), Some("1705a929200-000000000000feed"));
        }
        other => panic!("{other:?}"),
    }
    match backend.submit_outcome(&s, &answer(200, r#"{"id": 9, "moderated": true}"#)) {
        SubmitOutcome::Confirmed {
            comment,
            moderated: true,
        } => {
            assert_eq!(comment.id, "9");
            assert_eq!(
                comment.created.to_iso(),
                "2020-02-18T23:12:00Z",
                "the submission's time"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        backend.submit_outcome(&s, &answer(422, r#"{"error": "含有不当内容"}"#)),
        SubmitOutcome::Rejected {
            status: 422,
            reason: "含有不当内容".into()
        }
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(409, r#"{"error": "key reused"}"#)),
        SubmitOutcome::Rejected {
            status: 409,
            reason: "key reused".into()
        }
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(200, r#"{"error": "spam"}"#)),
        SubmitOutcome::Rejected {
            status: 200,
            reason: "spam".into()
        }
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(200, r#"{"ok": true}"#)),
        SubmitOutcome::Failed(Failure::BadAnswer)
    );
    assert_eq!(
        backend.submit_outcome(&s, &answer(503, "")),
        SubmitOutcome::Failed(Failure::Status(503))
    );
    assert_eq!(
        backend.thread_request(&thread()),
        None,
        "http is write-only"
    );
    assert_eq!(backend.like_request("c1"), None);
    assert_eq!(
        backend.like_outcome(&Reply::Offline),
        LikeOutcome::LocalOnly
    );
    assert_eq!(http::submit_request("/x", &s).url, "/x");
    assert_eq!(
        isso::thread_request("/isso/", &thread()).url,
        "/isso/?uri=jijiehao"
    );
}

#[test]
fn static_backend_reads_the_sample_thread() {
    let text = fs::read_to_string(root().join("www/data/comments/jijiehao.json")).unwrap();
    let config = CommentsConfig {
        src: Some("../comments/jijiehao.json".into()),
        backend: None,
        endpoint: None,
    };
    let s = setup(Some(&config)).unwrap();
    assert!(s.read.reads_documents());
    let mut server = ServerThread::new(Sort::Newest);
    let (_, request) = server.next_request(&*s.read, &thread(), 20).unwrap();
    assert_eq!(request.url, "../comments/jijiehao.json");
    assert_eq!(s.read.thread_request(&thread()), None, "nothing to verify");
    let json = Value::parse(&text).unwrap();
    let page = static_json::page(&request.url, Ok(json)).unwrap();
    assert_eq!(page.comments.len(), 8);
    assert!(!s.read.can_write());
    assert_eq!(
        s.read.submit(&submission("k", new_comment("a", "b"))),
        Route::ReadOnly
    );
    let broken = Value::parse(r#"{"version":"1.0","uri":"x","comments":[{}]}"#).unwrap();
    let broken = static_json::page(&request.url, Ok(broken));
    let Err(ReadError::Load(LoadError::Model { url, source })) = broken else {
        panic!("{broken:?}")
    };
    assert_eq!(url, "../comments/jijiehao.json");
    assert_eq!(source.fields()[0].path, "comments[0].id");
}

#[test]
fn local_backend_keeps_comments_on_this_device() {
    let mut store = LocalStore::default();
    let s = submission(
        "k1",
        new_comment("<b>me</b>", "只在本机 \u{202e} </textarea>"),
    );
    assert_eq!(Local.submit(&s), Route::Store);
    let first = store.accept(&s);
    let SubmitOutcome::Confirmed { comment, .. } = &first else {
        panic!("{first:?}")
    };
    assert_eq!(comment.id, "local-k1");
    assert_eq!(store.accept(&s), first, "the same key is stored once");
    assert_eq!(store.len(), 1);
    let reloaded = LocalStore::from_storage(&store.to_storage());
    assert_eq!(reloaded, store);
    assert_eq!(
        reloaded.comments("jijiehao")[0].text.as_str(),
        "只在本机 \u{202e} </textarea>"
    );
    assert_eq!(reloaded.comments("jijiehao")[0].author, "<b>me</b>");
    assert!(reloaded.comments("other").is_empty());
    assert!(LocalStore::from_storage("garbage").is_empty());
    // A comment storage refused stays in this page's copy when another tab's is taken in.
    let mut unsaved = LocalStore::default();
    unsaved.accept(&submission("k2", new_comment("me", "not saved")));
    unsaved.merge_stored(&store.to_storage());
    unsaved.merge_stored(&store.to_storage());
    let ids: Vec<String> = unsaved
        .comments("jijiehao")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, ["local-k2", "local-k1"]);
    unsaved.merge_stored("garbage");
    assert_eq!(unsaved.len(), 2);
    let mut store = reloaded;
    assert!(store.remove("jijiehao", "local-k1"));
    assert!(store.is_empty());
}

#[test]
fn likes_once() {
    let seed = seed();
    let c1 = &seed.comments[0];
    let mut likes = Likes::default();
    assert!(likes.begin("c1"));
    assert!(!likes.begin("c1"), "a second click records nothing more");
    assert_eq!(likes.shown(c1), 37);
    likes.finish("c1", &LikeOutcome::LocalOnly, T0, Some(c1));
    assert_eq!(likes.shown(c1), 37);
    assert!(likes.begin("24"));
    likes.finish("24", &LikeOutcome::Counted { likes: Some(5) }, T0, None);
    let mut isso_comment = comment("24", None, "2020-02-19T07:12:00Z", 4);
    assert_eq!(likes.shown(&isso_comment), 5);
    isso_comment.likes = 5;
    assert_eq!(
        likes.shown(&isso_comment),
        5,
        "after a reload the server's count includes it"
    );
    let reloaded = Likes::from_storage(&likes.to_storage());
    assert!(reloaded.has_liked("c1") && reloaded.has_liked("24"));
    assert_eq!(reloaded.shown(c1), 37);
    assert!(!Likes::from_storage("{\"v\":1,\"liked\":[7,{\"id\":\"x\"}]").has_liked("x"));
    assert!(Likes::from_storage("{\"v\":1,\"liked\":[7,{\"id\":\"x\"}]}").has_liked("x"));
}

#[test]
fn a_like_that_could_not_be_sent_stays_pending_and_is_sent_once() {
    let c = comment("24", None, "2020-02-19T07:12:00Z", 4);
    let mut likes = Likes::default();
    assert!(likes.begin("24"));
    assert_eq!(likes.state("24"), Some(LikeState::Pending));
    assert_eq!(
        likes.shown(&c),
        5,
        "shown with the reader's like while pending"
    );
    // Offline: nothing sent, yet a reload keeps it pending and the button spent.
    let stored = likes.to_storage();
    let mut reloaded = Likes::from_storage(&stored);
    assert_eq!(reloaded.state("24"), Some(LikeState::Pending));
    assert!(
        !reloaded.begin("24"),
        "a reload does not let the reader like again"
    );
    assert_eq!(reloaded.due(T0), ["24"]);
    // Sent: in flight, not due again, in this page or another tab that reads storage.
    assert!(reloaded.start_send("24", T0));
    assert!(!reloaded.start_send("24", T0 + 1), "one request at a time");
    assert!(reloaded.due(T0 + 1_000).is_empty());
    let other_tab = Likes::from_storage(&reloaded.to_storage());
    assert!(other_tab.due(T0 + 1_000).is_empty(), "in flight elsewhere");
    assert_eq!(
        other_tab.due(T0 + STALE_SENDING_MS),
        ["24"],
        "a like left in flight by a page that went away is sent again"
    );
    // 5xx, time-out, offline: pending again, due again after the backoff.
    reloaded.finish("24", &LikeOutcome::Failed, T0 + 1_000, Some(&c));
    assert_eq!(reloaded.state("24"), Some(LikeState::Pending));
    assert_eq!(reloaded.wake_at(T0 + 1_000), Some(T0 + 3_000));
    assert_eq!(reloaded.due(T0 + 3_000), ["24"]);
    // Counted: done for good; a stale copy of another tab does not bring it back.
    assert!(reloaded.start_send("24", T0 + 3_000));
    let stale = reloaded.to_storage();
    reloaded.finish(
        "24",
        &LikeOutcome::Counted { likes: Some(5) },
        T0 + 3_500,
        Some(&c),
    );
    reloaded.merge_stored(&stale);
    reloaded.merge_stored(&stored);
    assert_eq!(
        reloaded.state("24"),
        Some(LikeState::Liked {
            counted: true,
            likes: Some(5)
        })
    );
    assert!(reloaded.due(T0 + 10 * STALE_SENDING_MS).is_empty());
    assert!(!reloaded.start_send("24", T0 + 10 * STALE_SENDING_MS));
    reloaded.finish(
        "24",
        &LikeOutcome::Failed,
        T0 + 11 * STALE_SENDING_MS,
        Some(&c),
    );
    assert!(
        matches!(reloaded.state("24"), Some(LikeState::Liked { .. })),
        "a late failure does not undo a counted like"
    );
    // A tab that has it pending takes in the counted like.
    let mut behind = Likes::from_storage(&stored);
    behind.merge_stored(&reloaded.to_storage());
    assert!(behind.due(T0).is_empty());
    assert_eq!(behind.shown(&c), 5);
}

#[test]
fn a_refused_like_is_forgotten() {
    let mut likes = Likes::default();
    likes.begin("7");
    assert!(likes.start_send("7", T0));
    likes.finish(
        "7",
        &LikeOutcome::Refused {
            reason: "HTTP 404".into(),
        },
        T0,
        None,
    );
    assert_eq!(likes.state("7"), None);
    assert!(likes.begin("7"), "the reader may like again");
    assert!(Likes::from_storage(
        r#"{"v":1,"liked":[{"id":"x","state":"later"},{"id":"y","state":"sending"}]}"#
    )
    .state("x")
    .is_none());
}

#[test]
fn a_failed_like_is_retried_after_the_backoff_and_wakes_the_shell() {
    let c = comment("24", None, "2020-02-19T07:12:00Z", 4);
    let mut likes = Likes::default();
    assert!(likes.begin("24"));
    assert_eq!(likes.wake_at(T0), Some(0), "a new like is due at once");
    let mut at = T0;
    for delay in [2_000, 4_000, 8_000] {
        assert!(likes.start_send("24", at));
        assert_eq!(likes.wake_at(at), Some(at + STALE_SENDING_MS), "the lease");
        likes.finish("24", &LikeOutcome::Failed, at, Some(&c));
        assert!(
            likes.due(at + delay - 1).is_empty(),
            "not before the backoff"
        );
        assert_eq!(
            likes.wake_at(at),
            Some(at + delay),
            "the timer's next attempt"
        );
        at += delay;
        assert_eq!(likes.due(at), ["24"]);
    }
    // A page opened again sends it at once, its backoff started over.
    let mut reloaded = Likes::from_storage(&likes.to_storage());
    assert_eq!(reloaded.due(T0), ["24"]);
    reloaded.start_send("24", at);
    reloaded.finish("24", &LikeOutcome::Failed, at, Some(&c));
    assert_eq!(reloaded.wake_at(at), Some(at + 2_000));
    // A press of the button, or the connection back: due at once.
    reloaded.retry_now(Some("24"), at + 1);
    assert_eq!(reloaded.due(at + 1), ["24"]);
    let mut offline = likes.clone();
    offline.retry_now(None, at - 1);
    assert_eq!(offline.due(at - 1), ["24"]);
    // A like a closed page left in flight: not due before its lease ends, which the timer
    // waits for; a press does not send it twice meanwhile.
    let mut left = Likes::default();
    left.begin("24");
    assert!(left.start_send("24", T0));
    let mut reopened = Likes::from_storage(&left.to_storage());
    reopened.retry_now(Some("24"), T0 + 1_000);
    assert!(reopened.due(T0 + 1_000).is_empty());
    assert_eq!(reopened.wake_at(T0 + 1_000), Some(T0 + STALE_SENDING_MS));
    assert_eq!(reopened.due(T0 + STALE_SENDING_MS), ["24"]);
    // Done: nothing to wake for.
    assert!(reopened.start_send("24", T0 + STALE_SENDING_MS));
    reopened.finish("24", &LikeOutcome::Counted { likes: Some(5) }, T0, Some(&c));
    assert_eq!(reopened.wake_at(T0), None);
}

#[test]
fn a_like_in_flight_since_a_time_to_come_is_due() {
    let mut likes = Likes::from_storage(
        r#"{"v":1,"liked":[{"id":"24","state":"sending","since":9999999999999}]}"#,
    );
    assert_eq!(likes.due(T0), ["24"], "a clock set back must not strand it");
    assert_eq!(likes.wake_at(T0), Some(T0));
    assert!(likes.start_send("24", T0));
    assert!(likes.due(T0 + 1).is_empty());
}

#[test]
fn a_count_less_answer_keeps_the_count_shown() {
    let mut c = comment("24", None, "2020-02-19T07:12:00Z", 4);
    let mut likes = Likes::default();
    likes.begin("24");
    assert!(likes.start_send("24", T0));
    assert_eq!(likes.shown(&c), 5);
    likes.finish("24", &LikeOutcome::Counted { likes: None }, T0, Some(&c));
    assert_eq!(likes.shown(&c), 5, "the button does not drop back to 4");
    let reloaded = Likes::from_storage(&likes.to_storage());
    assert_eq!(reloaded.shown(&c), 5);
    c.likes = 5;
    assert_eq!(reloaded.shown(&c), 5, "the server's count includes it");
}

// --- the outbox: exactly once -----------------------------------------------------------

/// A writing backend that stores what it receives and may lose the answer.
trait Server {
    fn backend(&self) -> Box<dyn CommentBackend>;
    fn handle(&mut self, request: &Request, now_ms: i64) -> Reply;
    fn stored(&self) -> usize;
    fn published(&self) -> Vec<Comment>;
}

/// The documented HTTP endpoint: a repeated key answers as the first time.
#[derive(Default)]
struct HttpServer {
    comments: Vec<(String, Json)>,
}

impl Server for HttpServer {
    fn backend(&self) -> Box<dyn CommentBackend> {
        Box::new(Http::new("https://api.example.com/comments"))
    }
    fn handle(&mut self, request: &Request, _now_ms: i64) -> Reply {
        let body = body(request);
        let key = body["idempotency_key"].as_str().unwrap().to_owned();
        assert_eq!(
            request
                .headers
                .iter()
                .find(|(h, _)| *h == "Idempotency-Key")
                .map(|(_, v)| v.as_str()),
            Some(key.as_str())
        );
        let index = match self.comments.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.comments.push((key, body));
                self.comments.len() - 1
            }
        };
        Reply::Answer {
            status: 201,
            body: json!({"id": format!("h{index}"), "created": "2020-02-19T07:12:00+08:00"})
                .to_string(),
        }
    }
    fn stored(&self) -> usize {
        self.comments.len()
    }
    fn published(&self) -> Vec<Comment> {
        Vec::new()
    }
}

/// Isso: no idempotency keys; every POST stores a comment.
#[derive(Default)]
struct IssoServer {
    comments: Vec<Json>,
}

impl Server for IssoServer {
    fn backend(&self) -> Box<dyn CommentBackend> {
        Box::new(Isso::new("https://comments.example.com"))
    }
    fn handle(&mut self, request: &Request, now_ms: i64) -> Reply {
        if request.method == Method::Get {
            let answer = json!({"id": null, "total_replies": self.comments.len(), "hidden_replies": 0, "replies": self.comments});
            return Reply::Answer {
                status: 200,
                body: answer.to_string(),
            };
        }
        let body = body(request);
        let stored = json!({
            "id": self.comments.len() + 1, "parent": null, "created": now_ms as f64 / 1000.0, "modified": null, "mode": 1,
            "text": format!("<p>{}</p>\n", body["text"].as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;")),
            "author": body["author"].as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;"),
            "website": null, "likes": 0, "dislikes": 0, "hash": "h", "replies": [],
        });
        self.comments.push(stored.clone());
        Reply::Answer {
            status: 201,
            body: stored.to_string(),
        }
    }
    fn stored(&self) -> usize {
        self.comments.len()
    }
    fn published(&self) -> Vec<Comment> {
        self.backend().read_thread(&self.handle_get()).unwrap()
    }
}

impl IssoServer {
    fn handle_get(&self) -> Reply {
        let answer =
            json!({"id": null, "total_replies": self.comments.len(), "replies": self.comments});
        Reply::Answer {
            status: 200,
            body: answer.to_string(),
        }
    }
}

/// What happens to one request.
#[derive(Clone, Copy, Debug)]
enum Fate {
    /// Answered.
    Ok,
    /// Stored, but the answer is lost (time-out).
    AnswerLost,
    /// Never arrived.
    Dropped,
    /// A 503 before storing.
    Unavailable,
    /// The page closes while the request is in flight; it arrives.
    ReloadAfterArrival,
    /// The page closes while the request is in flight; it does not arrive.
    ReloadBeforeArrival,
}

struct Client {
    outbox: Outbox,
    storage: String,
    now: i64,
    posts: usize,
    verifies: usize,
}

impl Client {
    fn new(policy: article_widget::comments::OutboxPolicy) -> Self {
        let outbox = Outbox::new(policy);
        let storage = outbox.to_storage();
        Self {
            outbox,
            storage,
            now: T0,
            posts: 0,
            verifies: 0,
        }
    }

    fn save(&mut self) {
        self.storage = self.outbox.to_storage();
    }

    fn reload(&mut self) {
        self.outbox = Outbox::from_storage(&self.storage, self.outbox.policy);
    }

    /// One round of the shell's loop, each request meeting its fate.
    fn round(&mut self, server: &mut dyn Server, fate: &mut dyn FnMut() -> Fate) {
        let backend = server.backend();
        for action in self.outbox.next_actions(self.now, true) {
            self.save();
            match action {
                Action::Send(key) => {
                    let Some(s) = self.outbox.begin_send(&key, self.now).cloned() else {
                        continue;
                    };
                    self.save();
                    let Route::Send(request) = backend.submit(&s) else {
                        panic!("sends")
                    };
                    let reply = match fate() {
                        Fate::Ok => {
                            self.posts += 1;
                            server.handle(&request, self.now)
                        }
                        Fate::AnswerLost => {
                            self.posts += 1;
                            server.handle(&request, self.now);
                            Reply::Timeout
                        }
                        Fate::Dropped => Reply::Network,
                        Fate::Unavailable => Reply::Answer {
                            status: 503,
                            body: String::new(),
                        },
                        Fate::ReloadAfterArrival => {
                            self.posts += 1;
                            server.handle(&request, self.now);
                            self.reload();
                            return;
                        }
                        Fate::ReloadBeforeArrival => {
                            self.reload();
                            return;
                        }
                    };
                    let outcome = backend.submit_outcome(&s, &reply);
                    self.outbox.finish(&key, outcome, self.now);
                    self.save();
                }
                Action::Verify(t) => {
                    self.verifies += 1;
                    let request = backend.thread_request(&t).unwrap();
                    let reply = match fate() {
                        Fate::Ok | Fate::AnswerLost | Fate::ReloadAfterArrival => {
                            server.handle(&request, self.now)
                        }
                        _ => Reply::Network,
                    };
                    match backend.read_thread(&reply) {
                        Ok(comments) => {
                            self.outbox.verified(&t.uri, &comments, self.now);
                        }
                        Err(_) => self.outbox.verify_failed(&t.uri, self.now),
                    }
                    self.save();
                }
            }
        }
    }

    fn advance_to_wake(&mut self) {
        if let Some(at) = self.outbox.wake_at() {
            self.now = self.now.max(at);
        }
        self.now += 1;
    }
}

#[test]
fn confirmed_once_then_never_sent_again() {
    let mut o = Outbox::default();
    let key = new_key(7, T0);
    o.submit(
        key.clone(),
        thread(),
        new_comment("黄山读者", "好经验要保留"),
        T0,
    )
    .unwrap();
    assert_eq!(o.next_actions(T0, true), [Action::Send(key.clone())]);
    let s = o.begin_send(&key, T0).unwrap();
    assert_eq!(s.attempts, 1);
    assert_eq!(
        o.begin_send(&key, T0 + 1),
        None,
        "a double click sends nothing"
    );
    assert!(o.next_actions(T0 + 1, true).is_empty(), "in flight");
    let c = comment("c9", None, "2020-02-19T07:12:00+08:00", 0);
    assert_eq!(
        o.finish(
            &key,
            SubmitOutcome::Confirmed {
                comment: c.clone(),
                moderated: false
            },
            T0 + 2
        ),
        Finished::Confirmed
    );
    assert!(o.items().is_empty());
    assert!(o.is_confirmed(&key));
    assert_eq!(
        o.receipts()[0].comment.as_ref().unwrap().key.as_deref(),
        Some(key.as_str())
    );
    assert_eq!(
        o.finish(
            &key,
            SubmitOutcome::Confirmed {
                comment: c,
                moderated: false
            },
            T0 + 3
        ),
        Finished::Ignored
    );
    assert_eq!(
        o.finish(&key, SubmitOutcome::Failed(Failure::Timeout), T0 + 3),
        Finished::Ignored
    );
    assert!(o.next_actions(T0 + 1_000_000, true).is_empty());
    assert_eq!(o.begin_send(&key, T0 + 4), None);
    assert!(
        o.submit(key.clone(), thread(), new_comment("a", "b"), T0)
            .is_err(),
        "a confirmed key is never reused"
    );
    let reloaded = Outbox::from_storage(&o.to_storage(), o.policy);
    assert!(reloaded.is_confirmed(&key));
    assert_eq!(reloaded, o);
}

#[test]
fn transient_failures_back_off_and_resume_when_online() {
    let mut o = Outbox::default();
    o.submit("k".into(), thread(), new_comment("a", "离线时写的评论"), T0)
        .unwrap();
    assert!(
        o.next_actions(T0, false).is_empty(),
        "offline: nothing is sent"
    );
    let mut now = T0;
    let mut retries = Vec::new();
    for failure in [
        Failure::Offline,
        Failure::Status(503),
        Failure::Status(429),
        Failure::Network,
    ] {
        assert_eq!(o.next_actions(now, true), [Action::Send("k".into())]);
        o.begin_send("k", now).unwrap();
        let Finished::Retry { at_ms } = o.finish("k", SubmitOutcome::Failed(failure), now) else {
            panic!()
        };
        retries.push(at_ms - now);
        assert!(
            o.next_actions(at_ms - 1, true).is_empty(),
            "not before the backoff"
        );
        assert_eq!(
            o.get("k").unwrap().label(Locale::ZhCn),
            "发送失败,将自动重试"
        );
        now = at_ms;
    }
    assert_eq!(retries, [2_000, 4_000, 8_000, 16_000]);
    assert!(
        o.get("k").unwrap().in_doubt,
        "a 503 or a network error may have stored it"
    );
    o.begin_send("k", now).unwrap();
    o.finish("k", SubmitOutcome::Failed(Failure::Offline), now);
    assert_eq!(o.wake_at(), Some(now + 32_000));
    o.connection_returned(now + 5);
    assert_eq!(o.wake_at(), Some(now + 5));
    assert_eq!(o.next_actions(now + 5, true), [Action::Send("k".into())]);
}

#[test]
fn rejected_submissions_keep_their_text_and_wait_for_the_reader() {
    let mut o = Outbox::default();
    o.submit("k".into(), thread(), new_comment("a", "ok"), T0)
        .unwrap();
    o.begin_send("k", T0).unwrap();
    let reason = "text is too short (minimum length: 3)";
    assert_eq!(
        o.finish(
            "k",
            SubmitOutcome::Rejected {
                status: 400,
                reason: reason.into()
            },
            T0
        ),
        Finished::Rejected
    );
    assert!(
        o.next_actions(T0 + 86_400_000, true).is_empty(),
        "never retried automatically"
    );
    o.connection_returned(T0 + 1);
    assert!(o.next_actions(T0 + 2, true).is_empty());
    assert_eq!(o.wake_at(), None);
    let s = o.get("k").unwrap();
    assert_eq!(
        s.status,
        Status::Rejected {
            status: 400,
            reason: reason.into()
        }
    );
    assert_eq!(s.label(Locale::En), format!("Not published: {reason}"));
    let reloaded = Outbox::from_storage(&o.to_storage(), o.policy);
    assert_eq!(reloaded.get("k").unwrap().comment.text, "ok");
    let mut edit = o.clone();
    let taken = edit.remove("k").unwrap();
    assert_eq!(Draft::from_submission(&taken).text, "ok");
    assert!(edit.items().is_empty());
    assert!(o.retry_now("k", T0 + 3));
    assert_eq!(o.next_actions(T0 + 3, true), [Action::Send("k".into())]);
}

#[test]
fn a_lost_answer_is_resent_with_the_same_key_to_an_idempotent_backend() {
    let mut server = HttpServer::default();
    let mut client = Client::new(server.backend().outbox_policy());
    client
        .outbox
        .submit("k".into(), thread(), new_comment("a", "丢失的回应"), T0)
        .unwrap();
    let mut fates = [Fate::AnswerLost, Fate::Ok].into_iter();
    client.round(&mut server, &mut || fates.next().unwrap());
    assert_eq!(server.stored(), 1);
    assert!(client.outbox.get("k").unwrap().in_doubt);
    client.advance_to_wake();
    client.round(&mut server, &mut || fates.next().unwrap());
    assert_eq!(client.posts, 2, "sent again with the same key");
    assert_eq!(server.stored(), 1, "stored once");
    assert!(client.outbox.is_confirmed("k"));
}

#[test]
fn a_lost_answer_from_isso_is_verified_not_resent() {
    let mut server = IssoServer::default();
    let mut client = Client::new(server.backend().outbox_policy());
    client
        .outbox
        .submit(
            "k".into(),
            thread(),
            new_comment(
                "<b>黄山读者</b>",
                "希望疫情过后 *这些* 好经验也能保留 & 推广",
            ),
            T0,
        )
        .unwrap();
    let mut fates = [Fate::AnswerLost, Fate::Ok].into_iter();
    client.round(&mut server, &mut || fates.next().unwrap());
    client.advance_to_wake();
    assert!(matches!(
        client.outbox.next_actions(client.now, true)[..],
        [Action::Verify(_)]
    ));
    client.round(&mut server, &mut || fates.next().unwrap());
    assert_eq!(server.stored(), 1);
    assert_eq!(client.posts, 1, "never posted twice");
    assert!(client.outbox.is_confirmed("k"));
    let receipt: &Receipt = &client.outbox.receipts()[0];
    assert_eq!(receipt.id, "1");
}

#[test]
fn a_request_that_never_arrived_is_sent_after_verification() {
    let mut server = IssoServer::default();
    let mut client = Client::new(server.backend().outbox_policy());
    client
        .outbox
        .submit("k".into(), thread(), new_comment("a", "第一次没送到"), T0)
        .unwrap();
    let mut fates = [Fate::Dropped, Fate::Ok, Fate::Ok].into_iter();
    client.round(&mut server, &mut || fates.next().unwrap());
    client.advance_to_wake();
    client.round(&mut server, &mut || fates.next().unwrap());
    assert!(
        matches!(
            client.outbox.get("k").unwrap().status,
            Status::Pending { .. }
        ),
        "verified: not there"
    );
    assert!(!client.outbox.get("k").unwrap().in_doubt);
    client.round(&mut server, &mut || fates.next().unwrap());
    assert_eq!((server.stored(), client.posts), (1, 1));
    assert!(client.outbox.is_confirmed("k"));
}

#[test]
fn a_reload_mid_request_waits_for_the_lease_then_verifies() {
    let mut server = IssoServer::default();
    let mut client = Client::new(server.backend().outbox_policy());
    client
        .outbox
        .submit("k".into(), thread(), new_comment("a", "写到一半刷新了"), T0)
        .unwrap();
    client.save();
    let mut fates = [Fate::ReloadAfterArrival, Fate::Ok].into_iter();
    client.round(&mut server, &mut || fates.next().unwrap());
    assert!(
        client.outbox.get("k").unwrap().is_sending(),
        "stored as sending before the request"
    );
    client.now += 1_000;
    assert!(
        client.outbox.next_actions(client.now, true).is_empty(),
        "the answer may still come"
    );
    client.now += client.outbox.policy.lease_ms;
    assert!(matches!(
        client.outbox.next_actions(client.now, true)[..],
        [Action::Verify(_)]
    ));
    client.round(&mut server, &mut || fates.next().unwrap());
    assert_eq!((server.stored(), client.posts), (1, 1));
    assert!(client.outbox.is_confirmed("k"));
}

#[test]
fn a_stale_tab_never_resurrects_a_confirmed_submission() {
    let mut server = IssoServer::default();
    let mut tab_a = Client::new(server.backend().outbox_policy());
    tab_a
        .outbox
        .submit("k".into(), thread(), new_comment("a", "两个标签页"), T0)
        .unwrap();
    tab_a.save();
    let mut tab_b = Client::new(server.backend().outbox_policy());
    tab_b.storage = tab_a.storage.clone();
    tab_b.reload();
    tab_a.round(&mut server, &mut || Fate::Ok);
    assert!(tab_a.outbox.is_confirmed("k"));
    let mut read_in_place = tab_b.outbox.clone();
    read_in_place.merge_stored(&tab_a.storage);
    tab_b
        .outbox
        .merge(Outbox::from_storage(&tab_a.storage, tab_b.outbox.policy));
    assert_eq!(
        read_in_place, tab_b.outbox,
        "merge_stored reads what merge takes"
    );
    assert!(tab_b.outbox.next_actions(T0, true).is_empty());
    assert!(tab_b.outbox.is_confirmed("k"));
    assert_eq!(server.stored(), 1);

    let mut ours = Outbox::default();
    ours.submit("x".into(), thread(), new_comment("a", "b"), T0)
        .unwrap();
    let mut theirs = ours.clone();
    theirs.begin_send("x", T0).unwrap();
    theirs.finish("x", SubmitOutcome::Failed(Failure::Timeout), T0 + 10);
    ours.merge(theirs);
    let x = ours.get("x").unwrap();
    assert_eq!(
        (x.attempts, x.in_doubt),
        (1, true),
        "the copy further along wins"
    );
}

#[test]
fn a_late_confirmation_wins_over_a_resend() {
    let mut o = Outbox::default();
    o.submit("k".into(), thread(), new_comment("a", "b"), T0)
        .unwrap();
    o.begin_send("k", T0).unwrap();
    o.next_actions(T0 + o.policy.lease_ms, true);
    o.begin_send("k", T0 + o.policy.lease_ms).unwrap();
    let c = comment("c1", None, "2020-02-19T07:12:00Z", 0);
    assert_eq!(
        o.finish(
            "k",
            SubmitOutcome::Confirmed {
                comment: c.clone(),
                moderated: false
            },
            T0 + 70_000
        ),
        Finished::Confirmed
    );
    assert_eq!(
        o.finish(
            "k",
            SubmitOutcome::Confirmed {
                comment: c,
                moderated: false
            },
            T0 + 71_000
        ),
        Finished::Ignored
    );
    assert_eq!(o.receipts().len(), 1);
}

#[test]
fn verification_matches_by_key_then_by_words_once_each() {
    let mut o = Outbox::new(article_widget::comments::OutboxPolicy {
        idempotent: false,
        ..Default::default()
    });
    for key in ["a", "b", "keyed"] {
        o.submit(key.into(), thread(), new_comment("读者", "同样的话"), T0)
            .unwrap();
        o.begin_send(key, T0).unwrap();
        o.finish(key, SubmitOutcome::Failed(Failure::Timeout), T0);
    }
    let mut one = comment("1", None, "2020-02-19T07:12:05+08:00", 0);
    one.author = "读者".into();
    one.text = CommentText::Html("<p>同样的话</p>".into());
    let mut keyed = one.clone();
    keyed.id = "2".into();
    keyed.key = Some("keyed".into());
    let confirmed = o.verified("jijiehao", &[one, keyed], T0 + 5_000);
    assert_eq!(
        confirmed,
        ["a", "keyed"],
        "one published comment confirms one submission"
    );
    let b = o.get("b").unwrap();
    assert_eq!(
        (b.in_doubt, &b.status),
        (false, &Status::Pending { due_ms: T0 + 5_000 })
    );
    assert!(
        o.receipts().iter().all(|r| r.comment.is_none()),
        "published: shown from the server"
    );

    let mut refused = Outbox::default();
    refused
        .submit("r".into(), thread(), new_comment("读者", "x"), T0)
        .unwrap();
    refused.begin_send("r", T0).unwrap();
    refused.finish("r", SubmitOutcome::Failed(Failure::Timeout), T0);
    refused.begin_send("r", T0 + 2_000).unwrap();
    refused.finish(
        "r",
        SubmitOutcome::Rejected {
            status: 400,
            reason: "text is too short".into(),
        },
        T0 + 2_000,
    );
    assert!(refused.verified("jijiehao", &[], T0 + 3_000).is_empty());
    assert!(
        matches!(refused.get("r").unwrap().status, Status::Rejected { .. }),
        "a refusal stays until the reader acts"
    );
}

#[test]
fn exactly_once_under_random_failures_and_reloads() {
    fn run(server: &mut dyn Server, seed: u64) -> (usize, usize, usize, usize) {
        let mut client = Client::new(server.backend().outbox_policy());
        let mut rng = seed;
        let mut next = move || {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (rng >> 33) as u32
        };
        let submissions = 12;
        for i in 0..submissions {
            let text = format!("第{i}条评论 <script>alert({i})</script>");
            client
                .outbox
                .submit(
                    new_key(u64::from(next()), client.now),
                    thread(),
                    new_comment("读者", &text),
                    client.now,
                )
                .unwrap();
            client.now += 1_000;
        }
        client.save();
        let mut fate = {
            let mut rng = seed ^ 0x9e37_79b9_7f4a_7c15;
            move || {
                rng = rng
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                match (rng >> 33) % 10 {
                    0 | 1 => Fate::AnswerLost,
                    2 => Fate::Dropped,
                    3 => Fate::Unavailable,
                    4 => Fate::ReloadAfterArrival,
                    5 => Fate::ReloadBeforeArrival,
                    _ => Fate::Ok,
                }
            }
        };
        for _ in 0..400 {
            if client.outbox.items().is_empty() {
                break;
            }
            if next() % 7 == 0 {
                client.reload();
            }
            client.round(&mut *server, &mut fate);
            client.advance_to_wake();
        }
        assert!(
            client.outbox.items().is_empty(),
            "seed {seed}: left {:?}",
            client.outbox.items()
        );
        (
            client.outbox.receipts().len(),
            submissions,
            client.posts,
            client.verifies,
        )
    }
    let (mut http_resends, mut isso_verified) = (0, 0);
    for seed in 0..40 {
        let mut http = HttpServer::default();
        let (confirmed, submitted, posts, _) = run(&mut http, seed);
        assert_eq!(
            (http.stored(), confirmed),
            (submitted, submitted),
            "http, seed {seed}"
        );
        http_resends += posts - submitted;
        let mut isso = IssoServer::default();
        let (confirmed, submitted, posts, verifies) = run(&mut isso, seed);
        assert_eq!(
            (isso.stored(), confirmed, posts),
            (submitted, submitted, submitted),
            "isso, seed {seed}"
        );
        isso_verified += verifies;
        let ids: std::collections::HashSet<_> =
            isso.published().into_iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), submitted);
    }
    assert!(
        http_resends > 40,
        "lost answers were resent with their keys ({http_resends} times)"
    );
    assert!(
        isso_verified > 40,
        "submissions in doubt were verified ({isso_verified} times)"
    );
}

#[test]
fn outbox_storage_is_forgiving() {
    let mut o = Outbox::default();
    o.submit(
        "k1".into(),
        thread(),
        new_comment("在外的歙县人", "\"引号\" \\ </script> \u{0} 😀"),
        T0,
    )
    .unwrap();
    o.submit("k2".into(), thread(), new_comment("b", "c"), T0 + 1)
        .unwrap();
    o.begin_send("k2", T0 + 2).unwrap();
    let stored = o.to_storage();
    let back = Outbox::from_storage(&stored, o.policy);
    assert_eq!(back, o);
    assert_eq!(
        back.get("k1").unwrap().comment.text,
        "\"引号\" \\ </script> \u{0} 😀"
    );
    let half: String = stored.chars().take(stored.chars().count() / 2).collect();
    for corrupt in ["", "null", "{", "{\"v\":2,\"items\":[]}", "[1,2]", &half] {
        assert!(
            Outbox::from_storage(corrupt, o.policy).items().is_empty(),
            "{corrupt:?}"
        );
    }
    let mut doc: Json = serde_json::from_str(&stored).unwrap();
    doc["items"][0]["status"] = json!({"s": "exploded"});
    doc["items"].as_array_mut().unwrap().push(json!("junk"));
    let k2 = doc["items"][1].clone();
    doc["items"].as_array_mut().unwrap().push(k2);
    let partial = Outbox::from_storage(&doc.to_string(), o.policy);
    let keys: Vec<_> = partial.items().iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["k2"], "bad records dropped, duplicates once");
}

#[test]
fn setup_from_the_sample_article() {
    let article: Json = serde_json::from_str(
        &fs::read_to_string(root().join("www/data/articles/jijiehao.json")).unwrap(),
    )
    .unwrap();
    let article = article_widget::model::decode(article).unwrap();
    let s = setup(article.comments.as_ref()).unwrap();
    let write = s.write.expect("comments are open");
    let s = submission("k", new_comment("读者", "你好"));
    assert!(
        matches!(write.submit(&s), Route::Store),
        "kept on this device"
    );
    let entries: Vec<Entry> = merge("jijiehao", &seed().comments, &[], &Outbox::default());
    assert!(entries.iter().all(|e| e.origin == Origin::Published));
}

#[test]
fn a_page_sends_only_its_own_threads_submissions() {
    let mut o = Outbox::new(article_widget::comments::OutboxPolicy::default());
    o.submit(
        "a".into(),
        ThreadRef::new("article-a", "A"),
        new_comment("甲", "你好"),
        T0,
    )
    .unwrap();
    o.submit(
        "b".into(),
        ThreadRef::new("article-b", "B"),
        new_comment("乙", "你好"),
        T0 + 5,
    )
    .unwrap();
    assert_eq!(
        o.next_actions_for("article-b", T0 + 10, true),
        [Action::Send("b".into())]
    );
    assert_eq!(o.next_actions_for("article-c", T0 + 10, true), []);
    assert_eq!(o.wake_at_for("article-b"), Some(T0 + 5));
    assert_eq!(o.wake_at_for("article-c"), None);
}

#[test]
fn a_static_thread_holds_at_most_ten_thousand_comments() {
    let comment = |i: usize| {
        serde_json::json!({"id": format!("c{i}"), "parent": null, "author": "a",
            "created": "2020-02-19T07:12:00+08:00", "text": "t", "likes": 0})
    };
    let thread = |n: usize| serde_json::json!({"version": "1.0", "uri": "u", "comments": (0..n).map(comment).collect::<Vec<_>>()});
    assert_eq!(
        decode_thread(thread(10_000)).unwrap().comments.len(),
        10_000
    );
    let err = decode_thread(thread(10_001)).unwrap_err();
    assert_eq!(
        err.fields()[0].to_string(),
        "comments: at most 10000 entries (found 10001)"
    );
}

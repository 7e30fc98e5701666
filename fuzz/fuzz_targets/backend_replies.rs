//! What comment backends answer: the first byte picks an HTTP status (or a reply without
//! one), the rest is the body. Read as an Isso thread, an Isso or HTTP-endpoint answer to a
//! submission, an Isso answer to a like, and a rejection reason. Beyond "no panic": a
//! success status never reads as a retryable failure and vice versa; what is read from
//! Isso keeps only safe websites and marks its text as HTML for the sanitizer; a confirmed
//! HTTP submission keeps its idempotency key; reasons are short, one line, never empty;
//! and the Isso thread merged with the reader's outbox shows every comment exactly once.
#![no_main]

use article_widget::comments::backend::{reason, Http, Isso, MAX_REASON_CHARS};
use article_widget::comments::{
    merge, CommentBackend, Failure, LikeOutcome, NewComment, Outbox, Reply, SubmitOutcome,
    ThreadRef,
};
use article_widget::model::check_website;
use article_widget::sanitize::url::UrlUse;
use article_widget_fuzz::{assert_safe_url, assert_tree_shows_everything, text};
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 16] = [
    200, 201, 202, 204, 400, 403, 404, 408, 409, 425, 429, 500, 503, 301, 0, 999,
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let body = text(rest);
    let reply = match first {
        0..=15 => Reply::Answer {
            status: STATUSES[usize::from(first)],
            body: body.clone(),
        },
        16 => Reply::Offline,
        17 => Reply::Network,
        18 => Reply::Timeout,
        _ => Reply::Answer {
            status: u16::from(first) * 3,
            body: body.clone(),
        },
    };
    let status = match &reply {
        Reply::Answer { status, .. } => Some(*status),
        _ => None,
    };

    let isso: &dyn CommentBackend = &Isso::new("https://comments.example.com/");
    let http: &dyn CommentBackend = &Http::new("https://api.example.com/comments");
    let thread = ThreadRef::new("/news/a.html", "标题");
    let mut outbox = Outbox::new(isso.outbox_policy());
    let comment = NewComment {
        author: "在外的歙县人".into(),
        website: Some("https://example.com/".into()),
        text: "最美不过回家的路".into(),
        parent: Some("1".into()),
    };
    outbox
        .submit(
            "k1".into(),
            thread.clone(),
            comment.clone(),
            1_582_070_000_000,
        )
        .unwrap();
    let submission = outbox.begin_send("k1", 1_582_070_000_000).unwrap().clone();

    // Reading the thread.
    let read = isso.read_thread(&reply);
    if let Ok(comments) = &read {
        assert!(
            matches!(status, Some(200..=299 | 404)),
            "read a thread from {reply:?}"
        );
        for c in comments {
            assert!(!c.id.is_empty());
            assert!(
                c.text.is_html(),
                "Isso's text must go through the sanitizer"
            );
            assert_eq!(c.key, None);
            if let Some(site) = &c.website {
                assert!(check_website(site).is_ok(), "website {site:?} kept");
                assert_safe_url(site, UrlUse::Link);
            }
        }
        let mut local = comments.clone();
        local.truncate(2);
        for c in &mut local {
            c.id = format!("local-{}", c.id);
        }
        let entries = merge(&thread.uri, &comments, &local, &outbox);
        assert_tree_shows_everything(entries);
    } else if let Err(e) = &read {
        assert_eq!(
            e.is_transient(),
            matches!(status, None | Some(408 | 425 | 429 | 500..=599))
        );
    }

    // The answer to a submission, from Isso and from a plain HTTP endpoint.
    for (backend, is_http) in [(isso, false), (http, true)] {
        let outcome = backend.submit_outcome(&submission, &reply);
        match &outcome {
            SubmitOutcome::Confirmed { comment: c, .. } => {
                assert!(matches!(status, Some(200..=299)), "confirmed by {reply:?}");
                assert!(!c.id.is_empty());
                if is_http {
                    assert_eq!(c.key.as_deref(), Some("k1"));
                    assert_eq!(c.author, comment.author);
                }
            }
            SubmitOutcome::Rejected {
                status: s,
                reason: r,
            } => {
                assert!((200..=499).contains(s), "rejected with {s}");
                assert!(!r.is_empty() && r.chars().count() <= MAX_REASON_CHARS);
            }
            SubmitOutcome::Failed(failure) => {
                if let Some(s @ 400..=499) = status {
                    assert!(matches!(s, 408 | 425 | 429), "{s} retried: {failure:?}");
                }
                if status.is_none() {
                    assert!(matches!(
                        failure,
                        Failure::Offline | Failure::Network | Failure::Timeout
                    ));
                }
            }
        }
        let mut copy = outbox.clone();
        copy.finish("k1", outcome.clone(), 1_582_070_001_000);
        let confirmed = matches!(outcome, SubmitOutcome::Confirmed { .. });
        assert_eq!(copy.is_confirmed("k1"), confirmed);
        assert_eq!(
            copy.get("k1").is_some(),
            !confirmed,
            "a submission was lost"
        );
        let stored = Outbox::from_storage(&copy.to_storage(), copy.policy);
        assert_eq!(stored, copy, "the outbox does not survive storage");
    }

    // The answer to a like.
    if let LikeOutcome::Counted { .. } = isso.like_outcome(&reply) {
        assert!(matches!(status, Some(200..=299)));
    }

    // A rejection reason.
    let r = reason(status.unwrap_or(400), &body);
    assert!(!r.is_empty(), "an empty reason");
    assert!(
        r.chars().count() <= MAX_REASON_CHARS,
        "a reason of {} characters",
        r.chars().count()
    );
    assert!(
        !r.contains(['\n', '\r', '\t']),
        "a reason over several lines: {r:?}"
    );
    assert_eq!(r.trim(), r);
});

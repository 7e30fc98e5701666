//! The outbox driven by arbitrary sequences of what the shell and the backends do: submit,
//! ask what is due, send, answer (confirmed, failed, refused), verify a thread, lose the
//! connection and get it back, retry, discard, reload from storage, and merge another tab's
//! older copy. Beyond "no panic", after every step: each key is held once; nothing that
//! was submitted and not confirmed or discarded is lost; a confirmed key is never due to be
//! sent again (exactly once), also after merging a stale copy; a submission in flight is
//! never sent twice; the outbox survives its storage string unchanged; storage reads
//! decode(encode(x)) == x.
#![no_main]

use std::collections::HashSet;

use arbitrary::Arbitrary;
use article_widget::comments::{
    Action, Failure, NewComment, Outbox, OutboxPolicy, SubmitOutcome, ThreadRef,
};
use article_widget::model::{Comment, CommentText};
use article_widget::text::datetime::DateTime;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug, Clone, Copy)]
enum FailureIn {
    Offline,
    Network,
    Timeout,
    Status(u16),
    BadAnswer,
    Interrupted,
}

#[derive(Arbitrary, Debug)]
enum OutcomeIn {
    Confirmed { id: u8, moderated: bool },
    Failed(FailureIn),
    Rejected { status: u16, reason: String },
}

#[derive(Arbitrary, Debug)]
struct Published {
    id: u8,
    /// Which submission it copies (author and text), if any.
    of: Option<u8>,
    with_key: bool,
    late_ms: u32,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Submit {
        key: u8,
        thread: bool,
        author: String,
        text: String,
        parent: Option<String>,
    },
    Due {
        thread: Option<bool>,
        online: bool,
    },
    Send {
        key: u8,
    },
    Finish {
        key: u8,
        outcome: OutcomeIn,
    },
    Verified {
        thread: bool,
        published: Vec<Published>,
    },
    VerifyFailed {
        thread: bool,
    },
    ConnectionReturned,
    RetryNow {
        key: u8,
    },
    Remove {
        key: u8,
    },
    Reload,
    Snapshot,
    MergeSnapshot {
        index: u8,
    },
    Wait {
        ms: u32,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    idempotent: bool,
    ops: Vec<Op>,
}

fn key(k: u8) -> String {
    format!("k{}", k % 16)
}

fn thread(second: bool) -> ThreadRef {
    if second {
        ThreadRef::new("/b", "B")
    } else {
        ThreadRef::new("/a", "A")
    }
}

fn failure(f: FailureIn) -> Failure {
    match f {
        FailureIn::Offline => Failure::Offline,
        FailureIn::Network => Failure::Network,
        FailureIn::Timeout => Failure::Timeout,
        FailureIn::Status(s) => Failure::Status(s),
        FailureIn::BadAnswer => Failure::BadAnswer,
        FailureIn::Interrupted => Failure::Interrupted,
    }
}

fn time(ms: i64) -> DateTime {
    DateTime::from_unix_seconds(ms.div_euclid(1000), Some(480)).expect("a time in range")
}

struct Model {
    submitted: HashSet<String>,
    confirmed: HashSet<String>,
    removed: HashSet<String>,
}

fn check(o: &Outbox, m: &Model) {
    let keys: HashSet<&str> = o.items().iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys.len(), o.items().len(), "a key is in the outbox twice");
    for k in &m.submitted {
        if !m.confirmed.contains(k) && !m.removed.contains(k) {
            assert!(keys.contains(k.as_str()), "submission {k} was lost");
        }
    }
    for k in &m.confirmed {
        assert!(o.is_confirmed(k), "confirmation of {k} forgotten");
        assert!(
            !keys.contains(k.as_str()),
            "confirmed {k} is to be sent again"
        );
    }
    for s in o.items() {
        assert!(
            m.submitted.contains(&s.key),
            "{} was never submitted",
            s.key
        );
    }
    assert_eq!(
        &Outbox::from_storage(&o.to_storage(), o.policy),
        o,
        "the outbox does not survive storage"
    );
}

fuzz_target!(|input: Input| {
    let policy = OutboxPolicy {
        idempotent: input.idempotent,
        ..OutboxPolicy::default()
    };
    let mut o = Outbox::new(policy);
    let mut m = Model {
        submitted: HashSet::new(),
        confirmed: HashSet::new(),
        removed: HashSet::new(),
    };
    let mut snapshots: Vec<String> = Vec::new();
    let mut now: i64 = 1_600_000_000_000;
    for op in input.ops.iter().take(150) {
        now += 1;
        match op {
            Op::Submit {
                key: k,
                thread: t,
                author,
                text,
                parent,
            } => {
                let comment = NewComment {
                    author: author.clone(),
                    website: None,
                    text: text.clone(),
                    parent: parent.clone(),
                };
                let k = key(*k);
                let expected = o.get(&k).is_none() && !o.is_confirmed(&k);
                let accepted = o.submit(k.clone(), thread(*t), comment, now).is_ok();
                assert_eq!(accepted, expected, "submit {k}");
                if accepted {
                    m.removed.remove(&k);
                    m.submitted.insert(k);
                }
            }
            Op::Due { thread: t, online } => {
                let actions = match t {
                    Some(t) => o.next_actions_for(&thread(*t).uri, now, *online),
                    None => o.next_actions(now, *online),
                };
                if !online {
                    assert!(actions.is_empty(), "something is due offline");
                }
                for a in &actions {
                    match a {
                        Action::Send(k) => {
                            assert!(!o.is_confirmed(k), "confirmed {k} is due again");
                            let s = o.get(k).expect("a due key is in the outbox");
                            assert!(!s.is_sending(), "{k} in flight is due again");
                            assert!(
                                policy.idempotent || !s.in_doubt,
                                "{k} in doubt sent unverified"
                            );
                        }
                        Action::Verify(t) => {
                            assert!(!policy.idempotent, "verify with an idempotent backend");
                            assert!(o.for_thread(&t.uri).any(|s| s.in_doubt));
                        }
                    }
                }
            }
            Op::Send { key: k } => {
                let k = key(*k);
                if let Some(s) = o.begin_send(&k, now) {
                    assert!(s.is_sending() && !o.is_confirmed(&k));
                    assert_eq!(o.begin_send(&k, now), None, "{k} sent twice at once");
                }
            }
            Op::Finish { key: k, outcome } => {
                let k = key(*k);
                let outcome = match outcome {
                    OutcomeIn::Confirmed { id, moderated } => SubmitOutcome::Confirmed {
                        comment: Comment {
                            id: format!("c{id}"),
                            parent: None,
                            author: "a".into(),
                            website: None,
                            created: time(now),
                            text: CommentText::Plain("t".into()),
                            likes: 0,
                            key: None,
                        },
                        moderated: *moderated,
                    },
                    OutcomeIn::Failed(f) => SubmitOutcome::Failed(failure(*f)),
                    OutcomeIn::Rejected { status, reason } => SubmitOutcome::Rejected {
                        status: *status,
                        reason: reason.clone(),
                    },
                };
                let confirmed = matches!(outcome, SubmitOutcome::Confirmed { .. });
                let known = o.get(&k).is_some();
                o.finish(&k, outcome, now);
                if confirmed && known {
                    m.confirmed.insert(k);
                }
            }
            Op::Verified {
                thread: t,
                published,
            } => {
                let subs: Vec<_> = o.items().to_vec();
                let comments: Vec<Comment> = published
                    .iter()
                    .take(8)
                    .map(|p| {
                        let copy =
                            p.of.and_then(|i| subs.get(usize::from(i) % subs.len().max(1)));
                        Comment {
                            id: format!("p{}", p.id % 8),
                            parent: None,
                            author: copy.map_or("x".into(), |s| s.comment.author.clone()),
                            website: None,
                            created: time(now + i64::from(p.late_ms)),
                            text: CommentText::Plain(
                                copy.map_or("y".into(), |s| s.comment.text.clone()),
                            ),
                            likes: 0,
                            key: copy.filter(|_| p.with_key).map(|s| s.key.clone()),
                        }
                    })
                    .collect();
                let uri = thread(*t).uri;
                let keys = o.verified(&uri, &comments, now);
                let unique: HashSet<&String> = keys.iter().collect();
                assert_eq!(
                    unique.len(),
                    keys.len(),
                    "a key confirmed twice by one read"
                );
                for k in keys {
                    assert!(o.is_confirmed(&k));
                    m.confirmed.insert(k);
                }
            }
            Op::VerifyFailed { thread: t } => o.verify_failed(&thread(*t).uri, now),
            Op::ConnectionReturned => o.connection_returned(now),
            Op::RetryNow { key: k } => {
                o.retry_now(&key(*k), now);
            }
            Op::Remove { key: k } => {
                let k = key(*k);
                if let Some(s) = o.remove(&k) {
                    assert!(!s.is_sending());
                    m.removed.insert(k);
                }
            }
            Op::Reload => o = Outbox::from_storage(&o.to_storage(), policy),
            Op::Snapshot => snapshots.push(o.to_storage()),
            Op::MergeSnapshot { index } => {
                if let Some(stored) = snapshots.get(usize::from(*index) % snapshots.len().max(1)) {
                    o.merge(Outbox::from_storage(stored, policy));
                    // A stale copy may bring back what was discarded here since.
                    for s in o.items() {
                        m.removed.remove(&s.key);
                    }
                }
            }
            Op::Wait { ms } => now += i64::from(*ms),
        }
        check(&o, &m);
    }
});

//! What the comment box and recommendations read back from the browser's storage: the
//! outbox, drafts, the remembered identity, likes, local comments and the reading history,
//! from any string (another version, another program's data, a truncated write). Beyond
//! "no panic": reading is forgiving but consistent: what is read is written and read back
//! unchanged (decode(encode(x)) == x for every x that decode gives); the outbox keeps each
//! key once and never holds a confirmed key among its unsent submissions; merging a stored
//! copy (as another tab does) reaches a fixed point.
#![no_main]

use std::collections::HashSet;

use article_widget::comments::{Draft, Identity, Likes, LocalStore, Outbox, OutboxPolicy};
use article_widget::recommend::History;
use article_widget_fuzz::text;
use libfuzzer_sys::fuzz_target;

fn check_outbox(o: &Outbox) {
    let keys: HashSet<&str> = o.items().iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys.len(), o.items().len(), "a key is in the outbox twice");
    let receipts: HashSet<&str> = o.receipts().iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        receipts.len(),
        o.receipts().len(),
        "a key is confirmed twice"
    );
    assert!(
        keys.is_disjoint(&receipts),
        "a confirmed key is still to be sent"
    );
    assert!(o.receipts().len() <= o.policy.keep_receipts);
    assert!(o.items().iter().all(|s| !s.key.is_empty()));
}

fuzz_target!(|data: &[u8]| {
    let stored = text(data);
    for idempotent in [true, false] {
        let policy = OutboxPolicy {
            idempotent,
            ..OutboxPolicy::default()
        };
        let outbox = Outbox::from_storage(&stored, policy);
        check_outbox(&outbox);
        let again = Outbox::from_storage(&outbox.to_storage(), policy);
        assert_eq!(
            again, outbox,
            "the outbox reads differently from its own storage string"
        );
        let mut merged = outbox.clone();
        merged.merge(Outbox::from_storage(&stored, policy));
        check_outbox(&merged);
        assert_eq!(
            merged.items().len(),
            outbox.items().len(),
            "merging a copy lost or added items"
        );
        let mut twice = merged.clone();
        twice.merge(merged.clone());
        assert_eq!(twice, merged, "merging is not idempotent");
    }
    if let Some(draft) = Draft::from_storage(&stored) {
        assert_eq!(
            Draft::from_storage(&draft.to_storage()),
            Some(draft.clone())
        );
        let cleared = draft.cleared();
        assert!(cleared.is_blank());
        assert_eq!(Draft::from_storage(&cleared.to_storage()), Some(cleared));
    }
    if let Some(identity) = Identity::from_storage(&stored) {
        assert_eq!(
            Identity::from_storage(&identity.to_storage()),
            Some(identity.clone())
        );
        assert_eq!(Draft::from_identity(&identity).name, identity.name);
    }
    let likes = Likes::from_storage(&stored);
    assert_eq!(
        Likes::from_storage(&likes.to_storage()),
        likes,
        "likes read differently"
    );
    let local = LocalStore::from_storage(&stored);
    assert_eq!(
        LocalStore::from_storage(&local.to_storage()),
        local,
        "local comments read differently"
    );
    let history = History::decode(&stored);
    assert_eq!(
        History::decode(&history.encode()),
        history,
        "the history reads differently"
    );
});

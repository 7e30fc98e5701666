//! The comment form: what a reader types, checked, kept as a draft, submitted, and turned
//! into requests. Beyond "no panic": an accepted comment is the trimmed input within the
//! limits, one-line name, an absolute http(s) website a browser reads as such; a refused
//! one names each wrong field once, in form order, with a message in every language; the
//! live count agrees with the limit; drafts and identities survive storage; a submission
//! refilled into the form validates to the same comment; request bodies carry exactly what
//! was typed, and the thread in the Isso URL is percent-encoded.
#![no_main]

use arbitrary::Arbitrary;
use article_widget::comments::backend::{encode_component, Http, Isso};
use article_widget::comments::input::{NAME_MAX, TEXT_MAX};
use article_widget::comments::{
    char_count, validate, CommentBackend, Draft, Field, Identity, InputError, Outbox, Route,
    ThreadRef,
};
use article_widget::i18n::Locale;
use article_widget::model::{check_website, Value};
use article_widget::sanitize::url::UrlUse;
use article_widget_fuzz::assert_safe_url;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    name: String,
    website: String,
    text: String,
    reply_to: Option<String>,
    thread: String,
}

fn field_order(f: Field) -> u8 {
    match f {
        Field::Name => 0,
        Field::Website => 1,
        Field::Text => 2,
    }
}

fn body_str<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    match body.get(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

fuzz_target!(|input: Input| {
    let draft = Draft {
        name: input.name,
        website: input.website,
        text: input.text,
        reply_to: input.reply_to,
    };
    assert_eq!(
        Draft::from_storage(&draft.to_storage()),
        Some(draft.clone()),
        "draft lost in storage"
    );
    let count = char_count(&draft.text);
    assert_eq!(count.used, draft.text.trim().chars().count());
    assert_eq!(count.over(), count.used > TEXT_MAX);
    assert_eq!(count.remaining(), TEXT_MAX as i64 - count.used as i64);

    let comment = match validate(&draft) {
        Err(errors) => {
            assert!(!errors.is_empty());
            for pair in errors.windows(2) {
                assert!(
                    field_order(pair[0].field()) < field_order(pair[1].field()),
                    "{errors:?}"
                );
            }
            for e in &errors {
                for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
                    assert!(!e.message(locale).is_empty());
                }
            }
            let text_error = errors.iter().find(|e| e.field() == Field::Text);
            match text_error {
                Some(InputError::TextRequired) => assert_eq!(count.used, 0),
                Some(InputError::TextTooLong { count: c, .. }) => {
                    assert!(count.over() && *c == count.used)
                }
                Some(other) => panic!("{other:?} for the text"),
                None => assert!(count.used > 0 && !count.over()),
            }
            return;
        }
        Ok(c) => c,
    };
    assert_eq!(comment.author, draft.name.trim());
    assert!(!comment.author.is_empty() && comment.author.chars().count() <= NAME_MAX);
    assert!(
        !comment.author.chars().any(char::is_control),
        "a name over several lines"
    );
    assert_eq!(comment.text, draft.text.trim());
    assert!((1..=TEXT_MAX).contains(&comment.text.chars().count()));
    match &comment.website {
        None => assert!(draft.website.trim().is_empty()),
        Some(site) => {
            assert_eq!(site, draft.website.trim());
            assert_eq!(check_website(site).as_deref(), Ok(site.as_str()));
            assert_safe_url(site, UrlUse::Link);
        }
    }
    if let Some(p) = &comment.parent {
        assert!(!p.trim().is_empty());
    }

    let thread = ThreadRef::new(input.thread.clone(), "标题");
    let mut outbox = Outbox::default();
    let submission = outbox
        .submit(
            "k1".into(),
            thread.clone(),
            comment.clone(),
            1_600_000_000_000,
        )
        .unwrap()
        .clone();
    let refilled = Draft::from_submission(&submission);
    assert_eq!(
        validate(&refilled).as_ref(),
        Ok(&comment),
        "a refilled form validates otherwise"
    );
    let identity = Identity::of(&submission);
    assert_eq!(
        Identity::from_storage(&identity.to_storage()),
        Some(identity.clone())
    );
    assert_eq!(Draft::from_identity(&identity).name, comment.author);

    let isso = Isso::new("https://isso.example/");
    let http = Http::new("https://api.example/comments");
    for (backend, is_isso) in [(&isso as &dyn CommentBackend, true), (&http, false)] {
        let Route::Send(request) = backend.submit(&submission) else {
            panic!("no request")
        };
        let body = Value::parse(request.body.as_deref().expect("a body")).expect("a JSON body");
        assert_eq!(body_str(&body, "text"), Some(comment.text.as_str()));
        assert_eq!(body_str(&body, "author"), Some(comment.author.as_str()));
        assert_eq!(body_str(&body, "website"), comment.website.as_deref());
        if is_isso {
            assert!(request
                .url
                .ends_with(&format!("/new?uri={}", encode_component(&thread.uri))));
            let query = request
                .url
                .split_once("?uri=")
                .map(|(_, q)| q)
                .unwrap_or_default();
            assert!(
                query
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                "{query}"
            );
        } else {
            assert_eq!(body_str(&body, "idempotency_key"), Some("k1"));
            assert_eq!(body_str(&body, "thread"), Some(thread.uri.as_str()));
        }
    }
});

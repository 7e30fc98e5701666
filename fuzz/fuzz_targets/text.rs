//! The text code: character classes, case folding, reading time and the recommendation
//! tokenizer. Beyond "no panic": the tokenizer's output is bounded by its input (at most
//! one term per character, each term one or two CJK characters or one folded word, never
//! punctuation or space), deterministic and case-insensitive; reading time counts the same
//! whether a text is counted whole or in two pieces split at a line break, and grows with
//! the text.
#![no_main]

use article_widget::recommend::tokenize::tokens;
use article_widget::text::chars::{fold, fold_case, is_word_char};
use article_widget::text::reading_time::{is_cjk, TextCount};
use article_widget_fuzz::text;
use libfuzzer_sys::fuzz_target;

fn count(text: &str) -> TextCount {
    let mut c = TextCount::default();
    c.add(text);
    c
}

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let chars = text.chars().count();

    for c in text.chars() {
        assert!(
            !(is_cjk(c) && is_word_char(c)),
            "{c:?} is both CJK and a word character"
        );
        let f = fold_case(c);
        assert_eq!(fold_case(f), f, "folding {c:?} twice differs");
        assert_eq!(is_cjk(f), is_cjk(c));
        assert_eq!(is_word_char(f), is_word_char(c));
    }
    let folded = fold(&text);
    assert_eq!(folded.chars().count(), chars);

    let terms = tokens(&text);
    assert_eq!(terms, tokens(&text), "tokens are not deterministic");
    assert_eq!(tokens(&folded), terms, "tokens depend on case");
    assert!(
        terms.len() <= chars,
        "{} terms from {chars} characters",
        terms.len()
    );
    let term_chars: usize = terms.iter().map(|t| t.chars().count()).sum();
    assert!(
        term_chars <= 2 * chars,
        "{term_chars} term characters from {chars}"
    );
    for t in &terms {
        let n = t.chars().count();
        assert!(n > 0, "an empty term");
        if t.chars().all(is_cjk) {
            assert!(n <= 2, "a CJK term of {n} characters: {t:?}");
        } else {
            assert!(
                t.chars().all(is_word_char),
                "term {t:?} holds a non-word character"
            );
            assert_eq!(&fold(t), t, "term {t:?} is not folded");
            assert!(text.contains(t.as_str()) || folded.contains(t.as_str()));
        }
    }

    let whole = count(&text);
    assert!(whole.cjk_chars + whole.words <= chars);
    assert_eq!(whole.cjk_chars, text.chars().filter(|&c| is_cjk(c)).count());
    assert!(whole.minutes() >= 1);
    if let Some((a, b)) = text.split_once('\n') {
        let (ca, cb) = (count(a), count(b));
        assert_eq!(ca.cjk_chars + cb.cjk_chars, whole.cjk_chars);
        assert_eq!(
            ca.words + cb.words,
            whole.words,
            "words counted differently in pieces"
        );
        assert!(whole.minutes() >= ca.minutes().max(cb.minutes()));
    }
    let mut twice = whole;
    twice.add(&text);
    assert_eq!(twice.cjk_chars, 2 * whole.cjk_chars);
    assert!(twice.minutes() >= whole.minutes());
});

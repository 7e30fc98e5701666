//! Recognising a submission among published comments when the backend keeps no idempotency
//! key (Isso): same author, same words, written after the submission. Also the text of the
//! HTML a backend returns, for comparing only (never for display).

use crate::model::{Comment, CommentText};
use crate::text::chars::{fold_case, is_word_char};
use crate::text::reading_time::is_cjk;

/// Clock difference allowed between the reader's browser and the backend.
pub const CLOCK_SKEW_MS: i64 = 10 * 60 * 1000;

/// Decodes the character references HTML escaping produces (`&lt;` `&gt;` `&amp;` `&quot;`
/// `&#39;`, numeric ones) in one pass, so `&amp;lt;` becomes `&lt;`. Unknown references stay.
pub fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"));
                    let code = match code {
                        Some(hex) => crate::text::number(hex, 16),
                        None => name
                            .strip_prefix('#')
                            .and_then(|d| crate::text::number(d, 10)),
                    };
                    code.and_then(|c| u32::try_from(c).ok())
                        .filter(|&c| c != 0)
                        .and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML fragment: tags dropped, references decoded. For matching and short
/// messages only; HTML is never shown except through the sanitizer.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape_html(&text)
}

/// The letters and digits of a text, lower-cased: what survives a backend's Markdown
/// rendering and escaping.
pub fn words(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if is_cjk(c) || is_word_char(c) {
            out.push(fold_case(c));
        }
    }
    out
}

/// The words of a comment's text, whether plain or HTML.
pub fn comment_words(text: &CommentText) -> String {
    match text {
        CommentText::Plain(s) => words(s),
        CommentText::Html(s) => words(&html_to_text(s)),
    }
}

/// Whether `published` is plausibly the comment submitted at `submitted_ms` by `author` with
/// `text`: same author and words, created no earlier than the submission (less clock skew).
pub fn matches(published: &Comment, author: &str, text: &str, submitted_ms: i64) -> bool {
    published.created.unix_seconds().saturating_mul(1000)
        >= submitted_ms.saturating_sub(CLOCK_SKEW_MS)
        && published.author.trim() == author.trim()
        && comment_words(&published.text) == words(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::datetime::DateTime;

    #[test]
    fn unescapes_once() {
        assert_eq!(
            unescape_html("&lt;b&gt; &amp;amp; &quot;x&#39; &#x4e2d;&#25991;"),
            "<b> &amp; \"x' 中文"
        );
        assert_eq!(
            unescape_html("a & b &unknown; &#0; &#xZZ; &"),
            "a & b &unknown; &#0; &#xZZ; &"
        );
        assert_eq!(unescape_html("&amp"), "&amp");
    }

    #[test]
    fn html_text_and_words() {
        assert_eq!(
            html_to_text("<p>Hi, <em>now</em> &lt;script&gt;</p>\n"),
            " Hi,  now  <script> \n"
        );
        assert_eq!(words("Hi, *now* <script>!"), "hinowscript");
        assert_eq!(words("辛苦了!谢谢"), "辛苦了谢谢");
    }

    #[test]
    fn recognises_a_rendered_submission() {
        let published = Comment {
            id: "23".into(),
            parent: None,
            author: "Max Rant".into(),
            website: None,
            created: DateTime::from_unix_seconds(1_464_940_838, None).unwrap(),
            text: CommentText::Html("<p>Stop saying that! <em>isso</em>!</p>".into()),
            likes: 0,
            key: None,
        };
        let sent_ms = 1_464_940_830_000;
        assert!(matches(
            &published,
            "Max Rant",
            "Stop saying that! *isso*!",
            sent_ms
        ));
        assert!(!matches(
            &published,
            "Max",
            "Stop saying that! *isso*!",
            sent_ms
        ));
        assert!(!matches(
            &published,
            "Max Rant",
            "Stop saying this! *isso*!",
            sent_ms
        ));
        assert!(!matches(
            &published,
            "Max Rant",
            "Stop saying that! *isso*!",
            sent_ms + 3_600_000
        ));
    }
}

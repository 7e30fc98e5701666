//! The widget's states besides the article, as markup: loading, and an error that says
//! what failed (every wrong field of a document on its own line) and offers a retry.

use crate::i18n::Strings;
use crate::markup::Markup;
use crate::model::ModelError;
use crate::net::error::LoadError;

/// The loading state.
pub fn loading(strings: &Strings) -> Markup<'static> {
    let mut m = Markup::default();
    m.start_class("div", "aw-status")
        .attr("role", "status")
        .attr("part", "status")
        .start_class("span", "aw-spinner")
        .attr("aria-hidden", "true")
        .end()
        .text(strings.loading)
        .end();
    m
}

/// The error panel for `error` under `heading`, with a retry button (class `aw-retry`)
/// labelled `retry`.
pub fn error<'a>(heading: &'a str, retry: &'a str, error: &'a LoadError) -> Markup<'a> {
    let mut m = Markup::default();
    m.start_class("div", "aw-error")
        .attr("role", "alert")
        .attr("part", "error")
        .start_class("p", "aw-error-title")
        .text(heading)
        .end();
    match error {
        LoadError::Model {
            url,
            source: ModelError::Invalid(fields),
        } if fields.len() > 1 => {
            m.start_class("p", "aw-error-detail")
                .text(format!("{url}: {} problems in the document:", fields.len()))
                .end()
                .start_class("ul", "aw-error-fields");
            for field in fields {
                m.start("li")
                    .start("code")
                    .text(&field.path)
                    .end()
                    .text(": ")
                    .text(&field.message)
                    .end();
            }
            m.end();
        }
        _ => {
            m.start_class("p", "aw-error-detail")
                .text(error.to_string())
                .end();
        }
    }
    m.start_class("button", "aw-retry")
        .attr("type", "button")
        .text(retry)
        .end()
        .end();
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::markup::html::serialize;
    use crate::model::FieldError;

    #[test]
    fn loading_is_a_status() {
        assert_eq!(
            serialize(&loading(Locale::En.strings())),
            "<div class=\"aw-status\" role=\"status\" part=\"status\"><span class=\"aw-spinner\" \
             aria-hidden=\"true\"></span>Loading the article…</div>"
        );
    }

    #[test]
    fn one_line_per_wrong_field() {
        let field = |path: &str, message: &str| FieldError {
            path: path.into(),
            message: message.into(),
        };
        let many = LoadError::Model {
            url: "https://s.example/a.json".into(),
            source: ModelError::Invalid(vec![field("id", "missing"), field("title", "<b>")]),
        };
        let html = serialize(&error("Failed", "Retry", &many));
        assert!(html.starts_with("<div class=\"aw-error\" role=\"alert\" part=\"error\"><p class=\"aw-error-title\">Failed</p>"), "{html}");
        assert!(
            html.contains("https://s.example/a.json: 2 problems in the document:"),
            "{html}"
        );
        assert!(
            html.contains("<li><code>title</code>: &lt;b&gt;</li>"),
            "{html}"
        );
        assert!(
            html.ends_with("<button class=\"aw-retry\" type=\"button\">Retry</button></div>"),
            "{html}"
        );

        let one = LoadError::Timeout {
            url: "https://s.example/a.json".into(),
            after_ms: 10,
        };
        let html = serialize(&error("Failed", "Retry", &one));
        assert!(html.contains("<p class=\"aw-error-detail\">https://s.example/a.json did not answer within 10 ms</p>"), "{html}");
    }
}

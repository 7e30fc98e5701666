//! HTML text from [`Markup`], for pre-rendered pages. Text and attribute values are
//! escaped, so that parsing the output gives back the same markup: `&`, `<`, `>` and
//! U+00A0 in text; those and `"` in attribute values (always double-quoted). Void elements
//! get no end tag. Markup never holds raw-text elements (`script`, `style`, …): names come
//! from code and the sanitizer's allowlist.

use super::{Markup, Token};

/// Elements that have no end tag and no children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// `markup` as HTML text.
///
/// ```
/// use article_widget::markup::{html::serialize, Markup};
/// let mut m = Markup::default();
/// m.start_class("p", "x").attr("title", "a \"b\"").text("1 < 2 & 3").end();
/// assert_eq!(serialize(&m), r#"<p class="x" title="a &quot;b&quot;">1 &lt; 2 &amp; 3</p>"#);
/// ```
pub fn serialize(markup: &Markup) -> String {
    let mut out = String::new();
    write(&mut out, markup);
    out
}

/// Appends `markup` as HTML text to `out`.
pub fn write(out: &mut String, markup: &Markup) {
    let mut open: Vec<&'static str> = Vec::new();
    let mut in_start_tag = false;
    for token in &markup.tokens {
        if in_start_tag && !matches!(token, Token::Attr(..)) {
            out.push('>');
            in_start_tag = false;
            // The parser drops one newline right after `<pre>`: write one more, so that a
            // text starting with a newline keeps it.
            if matches!(open.last(), Some(&("pre" | "textarea" | "listing")))
                && matches!(token, Token::Text(t) if t.starts_with('\n'))
            {
                out.push('\n');
            }
        }
        match token {
            Token::Start(name) => {
                out.push('<');
                out.push_str(name);
                open.push(name);
                in_start_tag = true;
            }
            Token::Attr(name, value) => {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape(out, value, true);
                out.push('"');
            }
            Token::Text(text) => escape(out, text, false),
            Token::End => {
                if let Some(name) = open.pop() {
                    if !VOID.contains(&name) {
                        out.push_str("</");
                        out.push_str(name);
                        out.push('>');
                    }
                }
            }
        }
    }
    if in_start_tag {
        out.push('>');
    }
}

/// Appends `text` with the characters that could end it or be read as a reference escaped.
pub fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(build: impl Fn(&mut Markup)) -> String {
        let mut m = Markup::default();
        build(&mut m);
        assert!(m.is_well_formed());
        serialize(&m)
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            html(|m| {
                m.start("p")
                    .text("<script>alert(1)</script> & &amp; \u{a0}'\"")
                    .end();
            }),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; &nbsp;'\"</p>"
        );
        assert_eq!(
            html(|m| {
                m.start("a")
                    .attr("href", "/x?a=1&b=\"2\"><img src=x onerror=y>")
                    .end();
            }),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;&gt;&lt;img src=x onerror=y&gt;\"></a>"
        );
        assert_eq!(
            html(|m| {
                m.start("span").attr("title", "it's").end();
            }),
            "<span title=\"it's\"></span>"
        );
    }

    #[test]
    fn void_elements_have_no_end_tag() {
        assert_eq!(
            html(|m| {
                m.start("p").text("a").start("br").end();
                m.start("img").attr("alt", "").end().empty("hr", "x").end();
            }),
            "<p>a<br><img alt=\"\"><hr class=\"x\"></p>"
        );
    }

    #[test]
    fn keeps_a_leading_newline_of_pre() {
        assert_eq!(
            html(|m| {
                m.start("pre").text("\ncode").end();
            }),
            "<pre>\n\ncode</pre>"
        );
        assert_eq!(
            html(|m| {
                m.start("pre").attr("title", "t").text("\ncode").end();
            }),
            "<pre title=\"t\">\n\ncode</pre>"
        );
        assert_eq!(
            html(|m| {
                m.start("pre").text("code\n").end();
            }),
            "<pre>code\n</pre>"
        );
        assert_eq!(
            html(|m| {
                m.start("p").text("\nx").end();
            }),
            "<p>\nx</p>"
        );
    }

    #[test]
    fn nests_and_keeps_attribute_order() {
        assert_eq!(
            html(|m| {
                m.start_class("ul", "l").attr("aria-label", "标签");
                m.start("li").text("歙县").end();
                m.start("li").start("strong").text("b").end().end();
                m.end();
            }),
            "<ul class=\"l\" aria-label=\"标签\"><li>歙县</li><li><strong>b</strong></li></ul>"
        );
    }
}

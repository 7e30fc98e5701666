//! Markup as plain data: the article view is built as a flat sequence of tokens (start
//! tag, attribute, text, end tag), the way an HTML parser reports a document.
//!
//! The same [`Markup`] becomes DOM in the browser (`dom::materialize`: text as text nodes,
//! attributes set one by one) and HTML text on the command line ([`html::serialize`]), so
//! the widget and the pre-renderer produce the same markup by construction. Element and
//! attribute names are `'static`: they come from code or from the sanitizer's allowlist,
//! never from data. Values and text are data, escaped by the serializer and never parsed.
//!
//! A flat list rather than a tree of nodes keeps the wasm small: each builder call is one
//! push of a small value, and values borrow the article's strings instead of copying them.

use std::borrow::Cow;

pub mod html;

/// One token of markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// The start of an element, by its lower-case tag name.
    Start(&'static str),
    /// An attribute of the element just started (only right after [`Token::Start`] or
    /// another attribute).
    Attr(&'static str, Cow<'a, str>),
    /// Text, always text: never markup.
    Text(Cow<'a, str>),
    /// The end of the innermost open element.
    End,
}

/// A sequence of tokens, built with the methods below, which chain:
///
/// ```
/// use article_widget::markup::{html::serialize, Markup};
/// let mut m = Markup::default();
/// m.start_class("p", "aw-meta").text("a < b").end();
/// assert_eq!(serialize(&m), r#"<p class="aw-meta">a &lt; b</p>"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup<'a> {
    /// The tokens, in document order.
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Markup<'a> {
    /// Starts element `name`.
    pub fn start(&mut self, name: &'static str) -> &mut Self {
        self.tokens.push(Token::Start(name));
        self
    }

    /// Starts element `name` with class `class`.
    pub fn start_class(&mut self, name: &'static str, class: &'static str) -> &mut Self {
        self.start(name).attr("class", class)
    }

    /// Sets attribute `name` of the element just started to `value`.
    pub fn attr(&mut self, name: &'static str, value: &'a str) -> &mut Self {
        self.tokens.push(Token::Attr(name, Cow::Borrowed(value)));
        self
    }

    /// Sets attribute `name` of the element just started to a computed `value`.
    pub fn attr_owned(&mut self, name: &'static str, value: String) -> &mut Self {
        self.tokens.push(Token::Attr(name, Cow::Owned(value)));
        self
    }

    /// Appends `text` as text.
    pub fn text(&mut self, text: &'a str) -> &mut Self {
        self.tokens.push(Token::Text(Cow::Borrowed(text)));
        self
    }

    /// Appends a computed `text` as text.
    pub fn text_owned(&mut self, text: String) -> &mut Self {
        self.tokens.push(Token::Text(Cow::Owned(text)));
        self
    }

    /// Ends the innermost open element.
    pub fn end(&mut self) -> &mut Self {
        self.tokens.push(Token::End);
        self
    }

    /// An empty element `name` with class `class`.
    pub fn empty(&mut self, name: &'static str, class: &'static str) -> &mut Self {
        self.start_class(name, class).end()
    }

    /// Whether the tokens are well formed: attributes only right after a start tag or
    /// another attribute, and every element ended exactly once.
    pub fn is_well_formed(&self) -> bool {
        let mut depth = 0usize;
        let mut in_start_tag = false;
        for token in &self.tokens {
            match token {
                Token::Start(_) => {
                    depth += 1;
                    in_start_tag = true;
                }
                Token::Attr(..) if !in_start_tag => return false,
                Token::Attr(..) => {}
                Token::Text(_) => in_start_tag = false,
                Token::End => {
                    let Some(d) = depth.checked_sub(1) else {
                        return false;
                    };
                    depth = d;
                    in_start_tag = false;
                }
            }
        }
        depth == 0
    }

    /// A fingerprint of the markup: a 64-bit FNV-1a hash over every token, as 16 hex
    /// digits. Equal markup has equal fingerprints, so the widget can tell that
    /// pre-rendered markup is what it would render itself without comparing DOM.
    ///
    /// ```
    /// use article_widget::markup::Markup;
    /// let (mut a, mut b) = (Markup::default(), Markup::default());
    /// a.start("p").text("x").end();
    /// b.start("p").text("y").end();
    /// assert_ne!(a.fingerprint(), b.fingerprint());
    /// assert_eq!(a.fingerprint().len(), 16);
    /// ```
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |kind: u8, text: &str| {
            // The kind before each field and a byte that UTF-8 never holds after it, so
            // that ("ab", "c") and ("a", "bc") differ.
            hash = (hash ^ u64::from(kind)).wrapping_mul(0x0100_0000_01b3);
            for &b in text.as_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            hash = (hash ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        };
        for token in &self.tokens {
            match token {
                Token::Start(name) => feed(1, name),
                Token::Attr(name, value) => {
                    feed(2, name);
                    feed(3, value);
                }
                Token::Text(text) => feed(4, text),
                Token::End => feed(5, ""),
            }
        }
        let mut out = String::with_capacity(16);
        for i in (0..16).rev() {
            out.push(char::from(
                b"0123456789abcdef"[(hash >> (i * 4)) as usize & 15],
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_push_tokens_in_order() {
        let mut m = Markup::default();
        let owned = String::from("two");
        m.start_class("a", "x")
            .attr("href", "/y")
            .text("one")
            .start("em")
            .text(&owned)
            .end()
            .end();
        assert_eq!(
            m.tokens,
            [
                Token::Start("a"),
                Token::Attr("class", "x".into()),
                Token::Attr("href", "/y".into()),
                Token::Text("one".into()),
                Token::Start("em"),
                Token::Text("two".into()),
                Token::End,
                Token::End,
            ]
        );
        assert!(m.is_well_formed());
    }

    #[test]
    fn well_formedness() {
        let check = |build: &dyn Fn(&mut Markup)| {
            let mut m = Markup::default();
            build(&mut m);
            m.is_well_formed()
        };
        assert!(check(&|m| {
            m.empty("hr", "x");
        }));
        assert!(!check(&|m| {
            m.start("p");
        }));
        assert!(!check(&|m| {
            m.start("p").end().end();
        }));
        assert!(!check(&|m| {
            m.start("p").text("t").attr("title", "late").end();
        }));
        assert!(!check(&|m| {
            m.attr("title", "no element");
        }));
    }

    #[test]
    fn fingerprint_sees_every_token() {
        let print = |build: &dyn Fn(&mut Markup)| {
            let mut m = Markup::default();
            build(&mut m);
            m.fingerprint()
        };
        let reference = print(&|m| {
            m.start_class("p", "a").text("t").end();
        });
        assert_eq!(
            print(&|m| {
                m.start_class("p", "a").text("t").end();
            }),
            reference,
            "deterministic"
        );
        assert!(reference.len() == 16 && reference.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            print(&|_| {}),
            "cbf29ce484222325",
            "the FNV offset basis, in hex"
        );
        let changed: [&dyn Fn(&mut Markup); 7] = [
            &|m| {
                m.start_class("div", "a").text("t").end();
            },
            &|m| {
                m.start_class("p", "b").text("t").end();
            },
            &|m| {
                m.start("p").attr("id", "a").text("t").end();
            },
            &|m| {
                m.start_class("p", "a").text("u").end();
            },
            &|m| {
                m.start_class("p", "a").end();
            },
            &|m| {
                m.start_class("p", "a").text("t").text("").end();
            },
            &|m| {
                m.start_class("p", "a").start("span").text("t").end().end();
            },
        ];
        for (i, build) in changed.iter().enumerate() {
            assert_ne!(print(*build), reference, "variant {i}");
        }
        // Shape matters: a sibling is not a child; field boundaries matter.
        assert_ne!(
            print(&|m| {
                m.start("b").start("i").end().end();
            }),
            print(&|m| {
                m.start("b").end().start("i").end();
            })
        );
        assert_ne!(
            print(&|m| {
                m.text("ab").text("c");
            }),
            print(&|m| {
                m.text("a").text("bc");
            })
        );
    }
}

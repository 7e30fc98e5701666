//! JSON text for what the comment core stores (drafts, the outbox, local comments, likes)
//! and sends (request bodies), and for answers read as text (a backend's reply body).
//!
//! The crate ships no JSON text parser to the browser otherwise; this one is small, strict
//! (RFC 8259), never panics, limits nesting, and reads a repeated key as `JSON.parse` does
//! (the last one wins), so the core and the browser never disagree about a document.

use crate::model::Value;

/// Deepest nesting read; the core's own documents are three levels deep.
pub const MAX_DEPTH: usize = 64;

/// Parses JSON text; `None` for anything that is not exactly one JSON value.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser { bytes: text.as_bytes(), text, at: 0 };
    let value = p.value(0)?;
    p.space();
    (p.at == p.bytes.len()).then_some(value)
}

/// Writes a value as compact JSON text; numbers that are not finite become `null`.
pub fn write(value: &Value) -> String {
    let mut out = String::new();
    write_into(&mut out, value);
    out
}

fn write_into(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_finite() => out.push_str(&n.to_string()),
        Value::Number(_) => out.push_str("null"),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_into(out, item);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_into(out, item);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Builds an object from key-value pairs, leaving out `None` values.
pub fn object<const N: usize>(entries: [(&str, Option<Value>); N]) -> Value {
    Value::Object(entries.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect())
}

/// A string value.
pub fn string(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

/// A string value, or `null` for `None`.
pub fn string_or_null(s: Option<&str>) -> Value {
    s.map_or(Value::Null, string)
}

/// The string at `key`, if it is one.
pub fn get_str<'v>(obj: &'v Value, key: &str) -> Option<&'v str> {
    match obj.get(key)? {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The whole number at `key` (as JSON numbers are doubles: exact up to 2^53).
pub fn get_i64(obj: &Value, key: &str) -> Option<i64> {
    match obj.get(key)? {
        Value::Number(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 => Some(*n as i64),
        _ => None,
    }
}

/// The list at `key`, or an empty one.
pub fn get_list<'v>(obj: &'v Value, key: &str) -> &'v [Value] {
    match obj.get(key) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

struct Parser<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
}

impl Parser<'_> {
    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, literal: &str) -> Option<()> {
        let end = self.at + literal.len();
        (self.bytes.get(self.at..end)? == literal.as_bytes()).then(|| self.at = end)
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.bytes.get(self.at)? {
            b'n' => self.eat("null").map(|()| Value::Null),
            b't' => self.eat("true").map(|()| Value::Bool(true)),
            b'f' => self.eat("false").map(|()| Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat("]").is_some() {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.bytes.get(self.at)? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(Value::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut entries: Vec<(String, Value)> = Vec::new();
                self.space();
                if self.eat("}").is_some() {
                    return Some(Value::Object(entries));
                }
                loop {
                    self.space();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.space();
                    self.eat(":")?;
                    let value = self.value(depth + 1)?;
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                    self.space();
                    match self.bytes.get(self.at)? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(Value::Object(entries));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            p.at > from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        if self.bytes.get(self.at) == Some(&b'0') {
            self.at += 1;
        } else if !digits(self) {
            return None;
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        self.text.get(start..self.at)?.parse().ok().map(Value::Number)
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while self.bytes.get(self.at).is_some_and(|b| !matches!(b, b'"' | b'\\') && *b >= 0x20) {
                self.at += 1;
            }
            out.push_str(self.text.get(run_start..self.at)?);
            match self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escape = *self.bytes.get(self.at)?;
                    self.at += 1;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                _ => return None,
            }
        }
    }

    /// The character of `\uXXXX` (the `\u` already read), joining surrogate pairs; a lone
    /// surrogate becomes U+FFFD, as the text cannot hold it.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes.get(self.at..self.at + 2) == Some(b"\\u") {
            let save = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return char::from_u32(c);
            }
            self.at = save;
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.at..self.at + 4)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(hex, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_of_every_kind() {
        let value = object([
            ("zh", Some(string("评论:天天可闻“集结号”"))),
            ("hostile", Some(string("</script><img src=x onerror=alert(1)>\"\\\u{0}\u{1f}\u{2028}😀"))),
            ("n", Some(Value::Number(1_582_057_920_123.0))),
            ("f", Some(Value::Number(-0.5))),
            ("list", Some(Value::Array(vec![Value::Null, Value::Bool(true), Value::Bool(false)]))),
            ("skipped", None),
        ]);
        let text = write(&value);
        assert!(!text.contains("skipped"));
        assert!(text.contains("评论"), "CJK is written as is: {text}");
        assert_eq!(parse(&text), Some(value));
    }

    #[test]
    fn reads_standard_json() {
        let v = parse(" {\"a\" : [1, 2.5e3, -0, \"\\u00e9\\ud83d\\ude00\\/\"], \"b\": {}} ").unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Number(1.0),
                        Value::Number(2500.0),
                        Value::Number(-0.0),
                        Value::String("é😀/".into())
                    ])
                ),
                ("b".into(), Value::Object(vec![])),
            ])
        );
        assert_eq!(parse("\"\\ud800x\""), Some(Value::String("\u{FFFD}x".into())));
        assert_eq!(parse("{\"a\":1,\"a\":2}"), Some(Value::Object(vec![("a".into(), Value::Number(2.0))])));
    }

    #[test]
    fn refuses_everything_else_without_panicking() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"a\nb\"",
            "[1] x",
            "'a'",
            "NaN",
            "{\"a\" 1}",
            "\"\\u00",
            "[\"\u{1}\"]",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_some());
    }

    #[test]
    fn never_writes_invalid_numbers() {
        assert_eq!(write(&Value::Number(f64::NAN)), "null");
        assert_eq!(write(&Value::Number(f64::INFINITY)), "null");
        assert_eq!(write(&Value::Number(36.0)), "36");
    }
}

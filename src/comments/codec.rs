//! JSON for what the comment core stores (drafts, the outbox, local comments, likes) and
//! sends (request bodies), and for answers read as text: the platform's own parser and
//! writer through [`Value::parse`] and [`Value::to_json`], plus small builders and getters.

use crate::model::Value;

/// Parses JSON text; `None` for anything that is not exactly one JSON value.
pub fn parse(text: &str) -> Option<Value> {
    Value::parse(text)
}

/// Writes a value as compact JSON text.
pub fn write(value: &Value) -> String {
    value.to_json()
}

/// Builds an object from key-value pairs, leaving out `None` values ([`Value::object`],
/// one copy in the wasm whatever the number of entries).
pub fn object<const N: usize>(entries: [(&str, Option<Value>); N]) -> Value {
    Value::object(Vec::from(entries))
}

/// An object being written, its entries in the order put: every stored record and request
/// body is written through these few non-generic calls.
#[derive(Debug, Default)]
pub struct Obj(Vec<(String, Value)>);

impl Obj {
    /// An empty object.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// A stored document of this version: `{"v": 1, …}`.
    pub fn v1() -> Self {
        let mut obj = Self::new();
        obj.put("v", Value::Number(1.0));
        obj
    }

    /// Adds `key` with `value`.
    #[inline(never)]
    pub fn put(&mut self, key: &str, value: Value) {
        self.0.push((key.to_owned(), value));
    }

    /// Adds the string `s` at `key`.
    #[inline(never)]
    pub fn str(&mut self, key: &str, s: &str) {
        self.put(key, string(s));
    }

    /// Adds the string `s` at `key` if there is one.
    #[inline(never)]
    pub fn opt(&mut self, key: &str, s: Option<&str>) {
        if let Some(s) = s {
            self.str(key, s);
        }
    }

    /// Adds the string `s` at `key`, or `null`.
    #[inline(never)]
    pub fn nullable(&mut self, key: &str, s: Option<&str>) {
        self.put(key, string_or_null(s));
    }

    /// Adds the whole number `n` at `key` (exact up to 2^53, which covers every time stamp).
    #[inline(never)]
    pub fn num(&mut self, key: &str, n: i64) {
        self.put(key, Value::Number(n as f64));
    }

    /// Adds `true` at `key` when `on`; leaves it out otherwise.
    #[inline(never)]
    pub fn flag(&mut self, key: &str, on: bool) {
        if on {
            self.put(key, Value::Bool(true));
        }
    }

    /// The object as a value.
    pub fn value(self) -> Value {
        Value::Object(self.0)
    }

    /// The object as compact JSON text.
    pub fn json(self) -> String {
        write(&self.value())
    }
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

/// The string at `key`, copied, if it is one.
#[inline(never)]
pub fn get_string(obj: &Value, key: &str) -> Option<String> {
    get_str(obj, key).map(str::to_owned)
}

/// Whether `key` is `true` (anything else, or nothing, is false).
#[inline(never)]
pub fn get_flag(obj: &Value, key: &str) -> bool {
    matches!(obj.get(key), Some(Value::Bool(true)))
}

/// The whole number at `key` if it fits a `u32`.
#[inline(never)]
pub fn get_u32(obj: &Value, key: &str) -> Option<u32> {
    get_i64(obj, key).and_then(|n| u32::try_from(n).ok())
}

/// The whole number at `key` (as JSON numbers are doubles: exact up to 2^53).
pub fn get_i64(obj: &Value, key: &str) -> Option<i64> {
    match obj.get(key)? {
        Value::Number(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 => {
            Some(*n as i64)
        }
        _ => None,
    }
}

/// The id at `key`: a non-empty string, or a whole number written in decimal.
pub fn get_id(obj: &Value, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(_) => get_i64(obj, key).map(|n| n.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_of_every_kind() {
        let value = object([
            ("zh", Some(string("评论:天天可闻“集结号”"))),
            (
                "hostile",
                Some(string(
                    "</script><img src=x onerror=alert(1)>\"\\\u{0}\u{1f}\u{2028}😀",
                )),
            ),
            ("n", Some(Value::Number(1_582_057_920_123.0))),
            ("f", Some(Value::Number(-0.5))),
            (
                "list",
                Some(Value::Array(vec![
                    Value::Null,
                    Value::Bool(true),
                    Value::Bool(false),
                ])),
            ),
            ("skipped", None),
        ]);
        let text = write(&value);
        assert!(!text.contains("skipped"));
        assert!(text.contains("评论"), "CJK is written as is: {text}");
        assert_eq!(parse(&text), Some(value));
    }

    #[test]
    fn reads_standard_json() {
        let v =
            parse(" {\"a\" : [1, 2.5e3, -0, \"\\u00e9\\ud83d\\ude00\\/\"], \"b\": {}} ").unwrap();
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
        assert_eq!(
            parse("{\"a\":1,\"a\":2}"),
            Some(Value::Object(vec![("a".into(), Value::Number(2.0))]))
        );
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
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        assert_eq!(parse(&deep), None);
    }

    #[test]
    fn never_writes_invalid_numbers() {
        assert_eq!(write(&Value::Number(f64::NAN)), "null");
        assert_eq!(write(&Value::Number(f64::INFINITY)), "null");
        assert_eq!(write(&Value::Number(36.0)), "36");
    }
}

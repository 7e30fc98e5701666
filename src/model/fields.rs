//! Generic field readers for validating JSON documents: each read checks the type, and
//! each problem is recorded with its field path (`body[3].children[0].href`).

use super::error::{FieldError, ModelError};
use super::json::Value;
use super::validate::SUPPORTED_MAJOR;
use crate::sanitize::url::{check_url, UrlUse};
use crate::text::datetime::DateTime;

/// Most errors reported for one document; a site builder fixes the first few and reloads.
const MAX_ERRORS: usize = 20;

/// Most entries of any list of a document (spans, items, sections, tags, …) but an article's
/// body and a comment thread: far above what a page shows, low enough that a hostile
/// document cannot freeze the page with hundreds of thousands of elements.
pub const MAX_ITEMS: usize = 1000;

/// Most blocks of an article's body: a very long article (the benchmark's has 5000
/// paragraphs) still renders; the document's size limit bounds the rest.
pub const MAX_BLOCKS: usize = 10_000;

/// `parent.key`, or `key` at the root.
pub(crate) fn join(parent: &str, key: &str) -> String {
    let mut out = String::from(parent);
    if !parent.is_empty() {
        out.push('.');
    }
    out.push_str(key);
    out
}

/// `path[i]`: the path of element `i` of the list at `path`.
pub(crate) fn index(path: &str, i: usize) -> String {
    let mut out = path.to_owned();
    out.push('[');
    out.push_str(&i.to_string());
    out.push(']');
    out
}

/// `before"text"after`: a message quoting what the document says.
pub(crate) fn quoted(before: &str, text: &str, after: &str) -> String {
    let mut out = String::from(before);
    out.push('"');
    out.push_str(text);
    out.push('"');
    out.push_str(after);
    out
}

/// `expected …, found …`: the message of a value of the wrong type.
fn expected_found(expected: &str, found: &Value) -> String {
    let mut message = String::from("expected ");
    message.push_str(expected);
    message.push_str(", found ");
    message.push_str(found.kind());
    message
}

/// `xx(-yyyy)*`: letters first, then alphanumeric subtags of up to eight characters.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks a document's `version` ("MAJOR.MINOR"), shared by every contract so that each
/// refuses another major version the same way, before looking at anything else.
pub(crate) fn check_version(version: Option<&Value>) -> Result<(), ModelError> {
    let invalid = |message: String| {
        Err(ModelError::Invalid(vec![FieldError::new(
            "version", message,
        )]))
    };
    let version = match version {
        None => return invalid("required: the contract version, e.g. \"1.0\"".to_owned()),
        Some(Value::String(v)) => v,
        Some(other) => return invalid(expected_found("text like \"1.0\"", other)),
    };
    let mut parts = 0;
    for part in version.split('.') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            parts = 0;
            break;
        }
        parts += 1;
    }
    if parts < 2 {
        return invalid(quoted("", version, " is not a version like \"1.0\""));
    }
    let major = version.split('.').next().unwrap_or_default();
    if crate::text::number(major, 10) != Some(u64::from(SUPPORTED_MAJOR)) {
        return Err(ModelError::UnsupportedVersion {
            found: version.clone(),
            supported: SUPPORTED_MAJOR,
        });
    }
    Ok(())
}

/// Reads fields of a JSON object and records every problem with its path. Shared by the
/// validators of each contract (article, feed, comments).
#[derive(Default)]
pub(crate) struct Validator {
    /// Problems found so far, in document order.
    pub errors: Vec<FieldError>,
    /// Characters of HTML read so far (the `html` blocks of an article).
    pub html_chars: usize,
}

impl Validator {
    pub(crate) fn fail(&mut self, path: &str, message: impl Into<String>) {
        self.push(path.to_owned(), message.into());
    }

    /// Records `message` at `path`, unless the document already has its fill of errors.
    fn push(&mut self, path: String, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(FieldError { path, message });
        }
    }

    /// Records `message` at field `key` of the object at `parent`.
    pub(crate) fn fail_at(&mut self, parent: &str, key: &str, message: &str) {
        self.push(join(parent, key), message.to_owned());
    }

    pub(crate) fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        self.push(path.to_owned(), expected_found(expected, found));
    }

    /// Records that field `key` of the object at `parent` is not `expected`.
    pub(crate) fn wrong_type_at(&mut self, parent: &str, key: &str, expected: &str, found: &Value) {
        self.push(join(parent, key), expected_found(expected, found));
    }

    /// An optional string field.
    pub(crate) fn text(&mut self, obj: &Value, parent: &str, key: &str) -> Option<String> {
        match obj.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type_at(parent, key, "text", other);
                None
            }
        }
    }

    /// A required, non-blank string field.
    pub(crate) fn required_text(&mut self, obj: &Value, parent: &str, key: &str) -> Option<String> {
        let path = join(parent, key);
        match obj.get(key) {
            None => self.fail(&path, "required"),
            Some(Value::String(s)) if s.trim().is_empty() => self.fail(&path, "must not be empty"),
            Some(Value::String(s)) => return Some(s.clone()),
            Some(other) => self.wrong_type(&path, "text", other),
        }
        None
    }

    pub(crate) fn boolean(&mut self, obj: &Value, parent: &str, key: &str) -> bool {
        match obj.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong_type_at(parent, key, "true or false", other);
                false
            }
        }
    }

    /// An optional list field; a missing list is empty.
    pub(crate) fn list<'v>(&mut self, obj: &'v Value, parent: &str, key: &str) -> &'v [Value] {
        match obj.get(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type_at(parent, key, "a list", other);
                &[]
            }
        }
    }

    /// An optional object field.
    pub(crate) fn object<'v>(
        &mut self,
        obj: &'v Value,
        parent: &str,
        key: &str,
    ) -> Option<&'v Value> {
        match obj.get(key)? {
            v @ Value::Object(_) => Some(v),
            other => {
                self.wrong_type_at(parent, key, "an object", other);
                None
            }
        }
    }

    /// An optional URL field, checked against the scheme policy.
    pub(crate) fn url(
        &mut self,
        obj: &Value,
        parent: &str,
        key: &str,
        usage: UrlUse,
    ) -> Option<String> {
        let url = self.text(obj, parent, key)?;
        match check_url(&url, usage) {
            Ok(url) => Some(url),
            Err(e) => {
                self.push(join(parent, key), e.to_string());
                None
            }
        }
    }

    pub(crate) fn required_url(
        &mut self,
        obj: &Value,
        parent: &str,
        key: &str,
        usage: UrlUse,
    ) -> Option<String> {
        if obj.get(key).is_none() {
            self.fail_at(parent, key, "required");
            return None;
        }
        self.url(obj, parent, key, usage)
    }

    /// An optional ISO 8601 time with offset.
    pub(crate) fn time(&mut self, obj: &Value, parent: &str, key: &str) -> Option<DateTime> {
        let text = self.text(obj, parent, key)?;
        match DateTime::parse(&text) {
            Ok(t) => Some(t),
            Err(e) => {
                self.push(join(parent, key), e.to_string());
                None
            }
        }
    }

    /// An optional whole number of at least `min` (and at most 2^53 - 1, beyond which
    /// JSON numbers lose precision).
    pub(crate) fn whole_number(
        &mut self,
        obj: &Value,
        parent: &str,
        key: &str,
        min: u64,
    ) -> Option<u64> {
        const MAX_EXACT: f64 = 9_007_199_254_740_991.0;
        match obj.get(key)? {
            Value::Number(n) if n.fract() == 0.0 && *n >= min as f64 && *n <= MAX_EXACT => {
                Some(*n as u64)
            }
            Value::Number(_) => {
                self.fail(
                    &join(parent, key),
                    format!("must be a whole number from {min}"),
                );
                None
            }
            other => {
                self.wrong_type_at(parent, key, "a whole number", other);
                None
            }
        }
    }

    /// An optional list of non-blank strings; a missing list is empty.
    pub(crate) fn strings(&mut self, obj: &Value, parent: &str, key: &str) -> Option<Vec<String>> {
        let path = join(parent, key);
        let items = self.list(obj, parent, key);
        if self.too_many(items.len(), &path, MAX_ITEMS) {
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut valid = true;
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.clone()),
                Value::String(_) => {
                    self.fail(&index(&path, i), "must not be empty");
                    valid = false;
                }
                other => {
                    self.wrong_type(&index(&path, i), "text", other);
                    valid = false;
                }
            }
        }
        valid.then_some(out)
    }

    /// A required image size in CSS pixels, so that the space is reserved before the
    /// image loads.
    pub(crate) fn dimension(&mut self, obj: &Value, parent: &str, key: &str) -> Option<u32> {
        let path = join(parent, key);
        match obj.get(key) {
            Some(Value::Number(n)) if n.fract() == 0.0 && *n >= 1.0 && *n <= 100_000.0 => {
                Some(*n as u32)
            }
            Some(Value::Number(_)) => {
                self.fail(&path, "must be a whole number of pixels from 1 to 100000");
                None
            }
            Some(other) => {
                self.wrong_type(&path, "a number of pixels", other);
                None
            }
            None => {
                self.fail(
                    &path,
                    "required: the image's intrinsic size, so that no layout shifts",
                );
                None
            }
        }
    }

    /// Validates each element of a list of at most [`MAX_ITEMS`] with `f`, which gets the
    /// element and its path.
    pub(crate) fn each<T>(
        &mut self,
        items: &[Value],
        path: &str,
        f: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.each_up_to(items, path, MAX_ITEMS, f)
    }

    /// Records that the list at `path` has more than `limit` entries; `true` if it has.
    pub(crate) fn too_many(&mut self, len: usize, path: &str, limit: usize) -> bool {
        if len > limit {
            self.fail(path, format!("at most {limit} entries (found {len})"));
        }
        len > limit
    }

    /// As [`Validator::each`], for a list of at most `limit` elements.
    pub(crate) fn each_up_to<T>(
        &mut self,
        items: &[Value],
        path: &str,
        limit: usize,
        mut f: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        // What depends on `T` is the push alone; the loop is compiled once, in `each_dyn`,
        // rather than once per element type.
        let mut out = Vec::new();
        let valid = self.each_dyn(items, path, limit, &mut |v, item, item_path| match f(
            v, item, item_path,
        ) {
            Some(value) => {
                out.push(value);
                true
            }
            None => false,
        });
        valid.then_some(out)
    }

    /// Validates each element of `items` (at most `limit`) with `f`, which gets the element
    /// and its path and says whether it is valid. Every element is validated (so each
    /// problem is reported); `true` if all were valid.
    fn each_dyn(
        &mut self,
        items: &[Value],
        path: &str,
        limit: usize,
        f: &mut dyn FnMut(&mut Self, &Value, &str) -> bool,
    ) -> bool {
        if self.too_many(items.len(), path, limit) {
            return false;
        }
        let mut valid = true;
        for (i, item) in items.iter().enumerate() {
            let item_path = index(path, i);
            if !matches!(item, Value::Object(_)) {
                self.wrong_type(&item_path, "an object", item);
                valid = false;
            } else if !f(self, item, &item_path) {
                valid = false;
            }
        }
        valid
    }
}

/// Validates a whole document: a JSON object (`what` names it in the error otherwise) of a
/// supported version (checked first, so a newer major version is reported as such however
/// different the rest is), read by `read`; every problem is collected with its path.
pub(crate) fn validate_document<T>(
    document: &Value,
    what: &str,
    read: impl FnOnce(&mut Validator, &Value) -> Option<T>,
) -> Result<T, ModelError> {
    check_document(document, what)?;
    let mut v = Validator::default();
    match read(&mut v, document) {
        Some(value) if v.errors.is_empty() => Ok(value),
        _ => Err(ModelError::Invalid(v.errors)),
    }
}

/// What every document must be before its fields are read: a JSON object (`what` names it
/// otherwise) of a supported version. Not generic: one copy for every contract.
fn check_document(document: &Value, what: &str) -> Result<(), ModelError> {
    if !matches!(document, Value::Object(_)) {
        return Err(ModelError::Invalid(vec![FieldError::new(
            "(document)",
            expected_found(what, document),
        )]));
    }
    check_version(document.get("version"))
}

/// Reads a document from any serde deserializer and validates it with `validate`.
pub(crate) fn decode_document<'de, D: serde::Deserializer<'de>, T>(
    deserializer: D,
    validate: fn(&Value) -> Result<T, ModelError>,
) -> Result<T, ModelError> {
    let value: Value = serde::Deserialize::deserialize(deserializer)
        .map_err(|e| ModelError::Invalid(vec![FieldError::new("(document)", e.to_string())]))?;
    validate(&value)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_digits_major_dot_minor() {
        let check = |v: &str| check_version(Some(&Value::String(v.into())));
        for ok in ["1.0", "1.12", "01.0", "1.0.3"] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "", "1", "1.", ".1", "1..0", "1.x", "v1.0", "1.0 ", "1,0", "+1.0", "1.-0",
        ] {
            assert_eq!(
                check(bad).unwrap_err().to_string(),
                ["version: \"", bad, "\" is not a version like \"1.0\""].concat(),
                "{bad}"
            );
        }
        for other in ["2.0", "0.9", "10.0", "18446744073709551617.0"] {
            assert!(
                matches!(check(other), Err(ModelError::UnsupportedVersion { .. })),
                "{other}"
            );
        }
        assert_eq!(
            check_version(None).unwrap_err().to_string(),
            "version: required: the contract version, e.g. \"1.0\""
        );
    }
}

//! The native counterpart of tests/e2e/security-fields.test.mjs for wrong types: in the sample
//! documents of the three contracts, every value in turn (every field, every list entry)
//! replaced by one of another JSON type; each document is refused with an error at that
//! field's path. (The e2e suite derives its cases, missing required properties too, from the
//! schemas and renders them in Chromium; this one checks the decoders alone, on every value of
//! every sample, in a fraction of a second.)
#![cfg(not(target_arch = "wasm32"))]

use article_widget::model::{decode, decode_feed, decode_thread, Feed, ModelError};
use common::{read_json, root};
use serde_json::{json, Value};

mod common;

/// The block types of contract version 1.0.
const KNOWN_BLOCKS: [&str; 7] = [
    "paragraph",
    "heading",
    "image",
    "quote",
    "list",
    "divider",
    "html",
];

/// The widget's path of a field: `a.b[0].c`.
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every field of `value` with a value (not null): its widget path and JSON pointer.
fn fields(value: &Value, path: &str, pointer: &str, out: &mut Vec<(String, String)>) {
    let mut visit = |item: &Value, path: String, pointer: String| {
        if !item.is_null() {
            out.push((path.clone(), pointer.clone()));
        }
        fields(item, &path, &pointer, out);
    };
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, format!("{path}[{i}]"), format!("{pointer}/{i}"));
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                visit(item, child(path, key), format!("{pointer}/{key}"));
            }
        }
        _ => {}
    }
}

/// A value of another JSON type than `value`.
fn wrong(value: &Value) -> Value {
    match value {
        Value::String(_) => json!(7),
        Value::Number(_) | Value::Bool(_) => json!("seven"),
        Value::Array(_) | Value::Object(_) => json!(7),
        Value::Null => json!([]),
    }
}

/// The paths a refusal names.
fn named(error: &ModelError) -> Vec<String> {
    match error {
        ModelError::UnsupportedVersion { .. } => vec!["version".to_owned()],
        ModelError::Invalid(fields) => fields.iter().map(|f| f.path.clone()).collect(),
    }
}

/// A feed whose sections were refused, as the refusal of their errors: the widget shows
/// each in its section, and the rest of the feed.
fn sections_refused(feed: Feed) -> Result<Feed, ModelError> {
    let errors: Vec<_> = feed
        .sections
        .iter()
        .filter_map(|section| section.as_ref().err())
        .flat_map(|refused| refused.errors.iter().cloned())
        .collect();
    if errors.is_empty() {
        Ok(feed)
    } else {
        Err(ModelError::Invalid(errors))
    }
}

/// The name of every property any `properties` of `schema` defines.
fn property_names<'a>(schema: &'a Value, names: &mut Vec<&'a str>) {
    match schema {
        Value::Object(entries) => {
            if let Some(Value::Object(properties)) = entries.get("properties") {
                names.extend(properties.keys().map(String::as_str));
            }
            entries.values().for_each(|v| property_names(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| property_names(v, names)),
        _ => {}
    }
}

fn check<T>(
    contract: &str,
    sample: &str,
    decode: impl Fn(Value) -> Result<T, ModelError>,
) -> usize {
    let document = read_json(&root().join(sample));
    assert!(decode(document.clone()).is_ok(), "{sample} is valid");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut wrong_types = Vec::new();
    fields(&document, "", "", &mut wrong_types);
    // A block of a type this version does not know is kept with its type and fallback only:
    // its own fields are for later versions, and ignored (the schema's extension point).
    let unknown: Vec<String> = document["body"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, block)| !KNOWN_BLOCKS.contains(&block["type"].as_str().unwrap_or_default()))
        .map(|(i, _)| format!("body[{i}]."))
        .collect();
    // Properties the schema does not define anywhere are allowed and ignored (later 1.x
    // versions add optional ones).
    let schema = read_json(&root().join(format!("schema/{contract}.schema.json")));
    let mut defined = Vec::new();
    property_names(&schema, &mut defined);
    wrong_types.retain(|(path, _)| {
        let name = path.rsplit('.').next().unwrap_or(path);
        let name = name.split('[').next().unwrap_or(name);
        defined.contains(&name)
    });
    wrong_types.retain(|(path, _)| {
        !unknown.iter().any(|block| {
            path.starts_with(block.as_str())
                && ![format!("{block}type"), format!("{block}fallback")].contains(path)
        })
    });
    for (path, pointer) in &wrong_types {
        let mut broken = document.clone();
        let field = broken.pointer_mut(pointer).expect("the field");
        *field = wrong(field);
        cases += 1;
        match decode(broken) {
            Ok(_) => failures.push(format!("wrong {path}: accepted")),
            Err(e) if !named(&e).contains(path) => failures.push(format!("wrong {path}: {e}")),
            Err(_) => {}
        }
    }
    assert_eq!(failures, Vec::<String>::new(), "{sample}");
    cases
}

#[test]
fn every_value_of_the_samples_with_a_wrong_type_is_named() {
    let mut cases = 0;
    for sample in [
        "www/data/articles/showcase.json",
        "tests/fixtures/valid/all-known-blocks.json",
        "tests/fixtures/valid/urls.json",
    ] {
        cases += check("article", sample, decode);
    }
    for sample in [
        "www/data/feeds/shexian.json",
        "tests/fixtures/feed/valid/every-field.json",
    ] {
        cases += check("feed", sample, |v| {
            decode_feed(v).and_then(sections_refused)
        });
    }
    for sample in [
        "www/data/comments/jijiehao.json",
        "tests/fixtures/comments/valid/reply-before-parent-and-extras.json",
    ] {
        cases += check("comments", sample, decode_thread);
    }
    assert!(cases > 1000, "{cases} documents");
}

//! The pre-renderer fed the script-injection corpus (tests/fixtures/xss/payloads.json, with its
//! tokens filled in as tests/e2e/security-xss.test.mjs fills them): every payload in every
//! string field of an article that holds them all (the demo's showcase, with a feed and comment
//! settings). Where the contract refuses a payload in a field, the article is refused and
//! nothing is written; every field that accepts it takes it, all at once, and the written HTML,
//! parsed as a browser parses it (html5ever), must hold no script but the JSON-LD data block, no
//! `on*` attribute, no URL of another scheme than http(s) (mailto for links), and no element or
//! attribute that loads or runs anything.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use article_widget::model::decode;
use article_widget::prerender::{prerender, Options};
use article_widget::view::STYLE;
use common::{read_json, root};
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::Value;
use url::Url;

mod common;

const PAGE: &str = "https://news.example/2020/02/showcase.html";
const CANARY_HOST: &str = "127.0.0.1:9";

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `json` with each escaped lone surrogate (which JSON allows and Rust strings cannot hold)
/// written as U+FFFD, as the browser makes of it on its way into the page.
fn without_lone_surrogates(json: &str) -> String {
    let unit = |at: usize| {
        json.get(at..at + 6)
            .filter(|s| s.starts_with("\\u"))
            .and_then(|s| u32::from_str_radix(&s[2..], 16).ok())
    };
    let mut out = String::with_capacity(json.len());
    let mut at = 0;
    while let Some(c) = json[at..].chars().next() {
        if c != '\\' {
            out.push(c);
            at += c.len_utf8();
            continue;
        }
        match unit(at) {
            Some(0xD800..=0xDBFF)
                if unit(at + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                out.push_str(&json[at..at + 12]);
                at += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\ufffd");
                at += 6;
            }
            _ => {
                // Any other escape, kept with the character it escapes.
                out.push_str(&json[at..at + 2]);
                at += 2;
            }
        }
    }
    out
}

/// The corpus's payloads with their tokens filled in for payload index `i` (as `payload()` of
/// tests/e2e/security-xss.test.mjs does, in the same order).
fn corpus() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/xss/payloads.json"))
        .expect("the corpus");
    let file: Value =
        serde_json::from_str(&without_lone_surrogates(&text)).expect("the corpus is JSON");
    let payloads = file["payloads"].as_array().expect("payloads");
    assert!(payloads.len() >= 300, "{} payloads", payloads.len());
    payloads
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let call = format!("top.__pwned({i})");
            let each = |f: &dyn Fn(char) -> String| call.chars().map(f).collect::<String>();
            let path = format!("/pwn/{i}");
            let tokens = [
                ("{PWN_DEC7}", each(&|c| format!("&#{:07};", u32::from(c)))),
                ("{PWN_DEC}", each(&|c| format!("&#{};", u32::from(c)))),
                ("{PWN_HEXRAW}", format!("{:x}", u32::from('t'))),
                ("{PWN_HEX}", each(&|c| format!("&#x{:x};", u32::from(c)))),
                (
                    "{PWN_JSU}",
                    each(&|c| match c {
                        'a'..='z' | '_' => format!("\\u{:04x}", u32::from(c)),
                        _ => c.to_string(),
                    }),
                ),
                ("{PWN_URL}", each(&|c| format!("%{:02x}", u32::from(c)))),
                ("{PWN_B64}", base64(call.as_bytes())),
                ("{PWN}", call.clone()),
                (
                    "{B64_HTML}",
                    base64(format!("<script>{call}</script>").as_bytes()),
                ),
                (
                    "{B64_SVG}",
                    base64(
                        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"{call}\"/>")
                            .as_bytes(),
                    ),
                ),
                ("{CANARY_HOST}", CANARY_HOST.to_owned()),
                ("{CANARY_PATH}", path.clone()),
                ("{CANARY}", format!("http://{CANARY_HOST}{path}")),
                ("{N}", i.to_string()),
            ];
            let mut text = p["payload"].as_str().expect("a payload").to_owned();
            for (token, value) in tokens {
                text = text.replace(token, &value);
            }
            text
        })
        .collect()
}

/// The article holding every string field of the contract.
fn sample() -> Value {
    let mut article = read_json(&root().join("www/data/articles/showcase.json"));
    article["feed"] = "feed.json".into();
    article["comments"] =
        serde_json::json!({ "src": "thread.json", "backend": "http", "endpoint": "/api/comments" });
    article
}

/// JSON pointers of every string in `value` but the version.
fn strings(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::String(_) if at != "/version" => out.push(at),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                strings(
                    item,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

fn with(sample: &Value, fields: &[&String], payload: &str) -> Value {
    let mut document = sample.clone();
    for field in fields {
        *document.pointer_mut(field).expect("the field") = payload.into();
    }
    document
}

fn parse(html: &str) -> RcDom {
    parse_document(RcDom::default(), ParseOpts::default()).one(html)
}

/// What is unsafe in a parsed page: everything the widget must never write.
#[derive(Default)]
struct Audit {
    problems: Vec<String>,
    scripts: usize,
    styles: usize,
    templates: usize,
}

const BANNED: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "portal",
    "fencedframe",
    "noscript",
    "xmp",
    "plaintext",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "canvas",
    "dialog",
    "marquee",
    "isindex",
    "listing",
    "noembed",
    "noframes",
    "param",
    "image",
    "keygen",
    "bgsound",
    "area",
    "map",
    "form",
    "input",
];
const NEVER: &[&str] = &[
    "action",
    "formaction",
    "srcdoc",
    "background",
    "poster",
    "data",
    "codebase",
    "ping",
    "xlink:href",
    "http-equiv",
    "is",
    "autofocus",
    "contenteditable",
];

impl Audit {
    fn url(&mut self, what: &str, value: &str, schemes: &[&str]) {
        let base = Url::parse(PAGE).expect("the page URL");
        match base.join(value.trim()) {
            Ok(url) if schemes.contains(&url.scheme()) => {}
            _ => self.problems.push(format!("{what}={value:?}")),
        }
    }

    fn visit(&mut self, node: &Handle) {
        for child in node.children.borrow().iter() {
            self.element(child);
            self.visit(child);
        }
    }

    fn element(&mut self, node: &Handle) {
        let NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } = &node.data
        else {
            return;
        };
        let tag = name.local.to_string();
        let attrs: Vec<(String, String)> = attrs
            .borrow()
            .iter()
            .map(|a| match &a.name.prefix {
                Some(prefix) => (format!("{prefix}:{}", a.name.local), a.value.to_string()),
                None => (a.name.local.to_string(), a.value.to_string()),
            })
            .collect();
        let text = || {
            node.children
                .borrow()
                .iter()
                .map(|c| match &c.data {
                    NodeData::Text { contents } => contents.borrow().to_string(),
                    _ => String::new(),
                })
                .collect::<String>()
        };
        match tag.as_str() {
            "script" => {
                self.scripts += 1;
                let data_block = attrs
                    .iter()
                    .any(|(n, v)| n == "type" && v == "application/ld+json")
                    && attrs.iter().any(|(n, _)| n == "data-article-widget")
                    && attrs.len() == 2;
                let json = text();
                if !data_block || json.contains('<') {
                    self.problems.push(format!("<script {attrs:?}>"));
                }
                match serde_json::from_str::<Value>(&json) {
                    Ok(ld) => self.json_ld(&ld, ""),
                    Err(e) => self.problems.push(format!("JSON-LD: {e}")),
                }
            }
            "style" => {
                self.styles += 1;
                if text() != STYLE {
                    self.problems
                        .push("a <style> that is not the widget's".into());
                }
            }
            "template" => self.templates += 1,
            _ if BANNED.contains(&tag.as_str()) => self.problems.push(format!("<{tag}>")),
            _ if tag.contains('-') && tag != "article-widget" || tag.contains(':') => {
                self.problems.push(format!("<{tag}>"))
            }
            _ => {}
        }
        for (name, value) in &attrs {
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("on") || NEVER.contains(&lower.as_str()) {
                self.problems.push(format!("<{tag} {name}={value:?}>"));
            } else if lower == "style" {
                let custom = value
                    .split(';')
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .all(|d| {
                        d.split_once(':').is_some_and(|(property, number)| {
                            let number = number.trim().trim_end_matches("px").trim_end_matches('%');
                            property.starts_with("--") && number.parse::<f64>().is_ok()
                        })
                    });
                if !custom {
                    self.problems.push(format!("<{tag} style={value:?}>"));
                }
            } else if lower == "srcset" {
                for candidate in value.split(", ") {
                    let url = candidate.split_whitespace().next().unwrap_or_default();
                    self.url(&format!("<{tag} srcset>"), url, &["http", "https"]);
                }
            } else if lower == "href" || lower == "src" || lower == "cite" {
                if lower == "href" && tag != "a"
                    || lower == "src" && !["img", "article-widget"].contains(&tag.as_str())
                {
                    self.problems.push(format!("<{tag} {name}>"));
                }
                let schemes: &[&str] = if lower == "src" {
                    &["http", "https"]
                } else {
                    &["http", "https", "mailto"]
                };
                self.url(&format!("<{tag} {name}>"), value, schemes);
            }
        }
        if let Some(contents) = template_contents.borrow().as_ref() {
            self.visit(contents);
        }
    }

    fn json_ld(&mut self, value: &Value, key: &str) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.json_ld(v, key)),
            Value::Object(entries) => entries.iter().for_each(|(k, v)| self.json_ld(v, k)),
            Value::String(s)
                if [
                    "url",
                    "item",
                    "image",
                    "@id",
                    "mainEntityOfPage",
                    "logo",
                    "sameAs",
                ]
                .contains(&key) =>
            {
                self.url(&format!("JSON-LD {key}"), s, &["http", "https", "mailto"]);
            }
            _ => {}
        }
    }
}

/// The problems of `html`, a pre-rendered element: one template, the widget's one stylesheet,
/// the one JSON-LD data block, nothing unsafe.
fn audit(html: &str) -> Vec<String> {
    let mut audit = Audit::default();
    audit.visit(&parse(html).document);
    if (audit.scripts, audit.styles, audit.templates) != (1, 1, 1) {
        audit.problems.push(format!(
            "{} scripts, {} styles, {} templates",
            audit.scripts, audit.styles, audit.templates
        ));
    }
    audit.problems
}

fn options() -> Options {
    Options {
        src: "/data/articles/showcase.json".into(),
        page: Some(PAGE.into()),
        ..Options::default()
    }
}

#[test]
fn the_audit_sees_what_it_looks_for() {
    let clean = prerender(&sample().to_string(), &options()).expect("the sample pre-renders");
    assert_eq!(audit(&clean.html), Vec::<String>::new());
    let end = clean.html.find("</template>").expect("a template");
    for (evil, found) in [
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<a href=\"javascript:alert(1)\">x</a>", "javascript:"),
        ("<img src=\"data:image/png;base64,AAAA\">", "data:"),
        ("<p style=\"color:red\">x</p>", "style"),
        ("<svg></svg>", "<svg>"),
        ("<img srcset=\"a.png 1x, javascript:b 2x\">", "srcset"),
        ("<script>alert(1)</script>", "scripts"),
        ("<style>*{}</style>", "styles"),
        ("<iframe srcdoc=x></iframe>", "<iframe>"),
    ] {
        let mut html = clean.html.clone();
        html.insert_str(end, evil);
        let problems = audit(&html);
        assert!(
            problems.iter().any(|p| p.contains(found)),
            "{evil}: {problems:?}"
        );
    }
}

#[test]
fn every_payload_in_every_string_field_prerenders_safely_or_is_refused() {
    let payloads = corpus();
    let sample = sample();
    let mut fields = Vec::new();
    strings(&sample, String::new(), &mut fields);
    assert!(fields.len() > 100, "{} string fields", fields.len());
    let (mut written, mut refused_fields) = (0, 0);
    let mut accepted_anywhere: HashSet<&String> = HashSet::new();
    let mut failures = Vec::new();
    // Fields of one kind (the same pointer but for list indices) take the same payloads:
    // each kind is tried once per payload, with its first field.
    let kind = |field: &str| {
        field
            .split('/')
            .map(|part| {
                if part.bytes().all(|b| b.is_ascii_digit()) {
                    "*"
                } else {
                    part
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut kinds: Vec<(String, &String)> = Vec::new();
    for field in &fields {
        if !kinds.iter().any(|(k, _)| *k == kind(field)) {
            kinds.push((kind(field), field));
        }
    }
    for (n, payload) in payloads.iter().enumerate() {
        // The fields that take this payload: those of the kinds where one alone leaves the
        // article valid.
        let kinds_taking: Vec<&String> = kinds
            .iter()
            .filter(|(_, field)| decode(with(&sample, &[field], payload)).is_ok())
            .map(|(k, _)| k)
            .collect();
        let taking: Vec<&String> = fields
            .iter()
            .filter(|field| kinds_taking.contains(&&kind(field)))
            .collect();
        for (_, field) in kinds.iter().filter(|(k, _)| !kinds_taking.contains(&k)) {
            if let Ok(out) = prerender(&with(&sample, &[field], payload).to_string(), &options()) {
                failures.push(format!(
                    "{n}: {field} refuses it, yet {} bytes were written",
                    out.html.len()
                ));
            }
        }
        refused_fields += fields.len() - taking.len();
        accepted_anywhere.extend(taking.iter().copied());
        let document = with(&sample, &taking, payload);
        let out = match prerender(&document.to_string(), &options()) {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!(
                    "{n}: the fields that each take it refuse it together: {e}"
                ));
                continue;
            }
        };
        written += 1;
        for problem in audit(&out.html) {
            failures.push(format!("{n} ({payload:?}): {problem}"));
        }
    }
    assert_eq!(
        failures.iter().take(20).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "{} failures",
        failures.len()
    );
    assert_eq!(
        written,
        payloads.len(),
        "every payload written in the fields that take it"
    );
    // Free text takes every payload; only the fields with a format refuse some.
    assert!(
        accepted_anywhere.len() * 10 >= fields.len() * 8,
        "{} of {} fields",
        accepted_anywhere.len(),
        fields.len()
    );
    assert!(refused_fields > 0);
}

//! Minifies the widget's stylesheet into OUT_DIR, so the wasm carries no comments or
//! indentation: comments dropped, whitespace collapsed, spaces around `{};,` and after
//! `:` removed, and each block's last `;`. The source stays readable in src/dom/style.css.

use std::{env, fs, path::Path};

fn main() {
    let source = "src/dom/style.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("src/dom/style.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.min.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

fn minify(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    without_comments.push_str(rest);
    let collapsed = without_comments
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let chars: Vec<char> = collapsed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let tight = |ch: Option<char>| matches!(ch, Some('{' | '}' | ';' | ','));
            if tight(prev) || tight(next) || prev == Some(':') && !selector_context(&out) {
                continue;
            }
        }
        if c == '}' && out.ends_with(';') {
            // The last declaration of a block needs no `;`.
            out.pop();
        }
        if c == '!' && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// Whether the text written so far ends inside a selector (after `}` or at the start)
/// rather than inside a declaration block.
fn selector_context(written: &str) -> bool {
    written
        .rfind(['{', '}'])
        .is_none_or(|i| written.as_bytes()[i] == b'}')
}

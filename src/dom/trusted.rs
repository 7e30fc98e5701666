//! Trusted Types: the widget's one policy, `article-widget`, created in src/dom/trusted.js
//! (a few lines of JS instead of a Rust closure and reflection: 0.5 KB less wasm). On a page that enforces Trusted
//! Types (`require-trusted-types-for 'script'`) two things the widget does need it: parsing
//! HTML with `DOMParser` (a `TrustedHTML` sink; the sanitizer only reads what it parses) and
//! writing the article's JSON-LD into its `<script type="application/ld+json">` (a
//! `TrustedScript` sink; a data block the widget builds itself, never run). The policy is
//! private to the widget: no other code can reach it.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

/// Name of the policy (`trusted-types article-widget` on a page that restricts policy
/// names), as a literal for messages put together at compile time. src/dom/trusted.js,
/// which creates the policy, spells it the same.
macro_rules! policy_name {
    () => {
        "article-widget"
    };
}

thread_local! {
    /// Whether the console has been told that the page refuses the policy.
    static WARNED: Cell<bool> = const { Cell::new(false) };
}

#[wasm_bindgen(module = "/src/dom/trusted.js")]
extern "C" {
    /// `html` as `TrustedHTML`, or as a plain string where there are no Trusted Types (or
    /// the page refuses the policy: the sink then refuses it too).
    pub(crate) fn html(html: &str) -> JsValue;

    /// `script` as `TrustedScript`, likewise.
    pub(crate) fn script(script: &str) -> JsValue;
}

/// Tells the console, once, that the page's Trusted Types settings refused the policy, what
/// is left out and what to configure.
pub(crate) fn refused() {
    if WARNED.with(|w| w.replace(true)) {
        return;
    }
    web_sys::console::warn_1(&JsValue::from_str(concat!(
        "article-widget: this page's Trusted Types settings refuse the policy \"",
        policy_name!(),
        "\", so HTML blocks and the article's JSON-LD are left out; allow it in the \
         Content-Security-Policy: trusted-types ",
        policy_name!()
    )));
}

//! Trusted Types: the widget's one policy, [`POLICY_NAME`]. On a page that enforces Trusted
//! Types (`require-trusted-types-for 'script'`) two things the widget does need it: parsing
//! HTML with `DOMParser` (a `TrustedHTML` sink; the sanitizer only reads what it parses) and
//! writing the article's JSON-LD into its `<script type="application/ld+json">` (a
//! `TrustedScript` sink; a data block the widget builds itself, never run). The policy is
//! private to the widget: no other code can reach it.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The policy's name as a literal, for messages put together at compile time.
macro_rules! policy_name {
    () => {
        "article-widget"
    };
}

/// Name of the policy; a page that restricts policy names lists it:
/// `trusted-types article-widget`.
pub(crate) const POLICY_NAME: &str = policy_name!();

/// The policy, kept with the identity function it calls.
struct Policy {
    policy: JsValue,
    _identity: Closure<dyn Fn(JsValue) -> JsValue>,
}

thread_local! {
    /// `Some(None)` once creating the policy failed or Trusted Types are missing.
    static POLICY: RefCell<Option<Option<Policy>>> = const { RefCell::new(None) };
    /// Whether the console has been told that the page refuses the policy.
    static WARNED: Cell<bool> = const { Cell::new(false) };
}

/// `html` as `TrustedHTML`, or as a plain string where there are no Trusted Types (or the
/// page refuses the policy: the sink then refuses it too).
pub(crate) fn html(html: &str) -> JsValue {
    through("createHTML", html)
}

/// `script` as `TrustedScript`, likewise.
pub(crate) fn script(script: &str) -> JsValue {
    through("createScript", script)
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

fn through(method: &str, text: &str) -> JsValue {
    let plain = JsValue::from_str(text);
    POLICY.with(|cell| {
        let mut cell = cell.borrow_mut();
        let Some(policy) = cell.get_or_insert_with(create) else {
            return plain.clone();
        };
        Reflect::get(&policy.policy, &method.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(&policy.policy, &plain).ok())
            .unwrap_or_else(|| plain.clone())
    })
}

fn create() -> Option<Policy> {
    let factory = Reflect::get(&js_sys::global(), &"trustedTypes".into()).ok()?;
    let create = Reflect::get(&factory, &"createPolicy".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let identity: Closure<dyn Fn(JsValue) -> JsValue> = Closure::new(|text: JsValue| text);
    let rules = Object::new();
    for method in ["createHTML", "createScript"] {
        Reflect::set(&rules, &method.into(), identity.as_ref()).ok()?;
    }
    let policy = create
        .call2(&factory, &POLICY_NAME.into(), &rules)
        .ok()
        .filter(JsValue::is_object)?;
    Some(Policy {
        policy,
        _identity: identity,
    })
}

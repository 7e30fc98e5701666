//! Turns parsed JSON (a `JsValue` from `Response.json()`) into the core's [`Value`] tree
//! by walking it with js-sys: no serde code in the wasm for this one shape.

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use crate::model::Value;

/// Deepest nesting accepted; real documents are a few levels deep, and the limit keeps a
/// hostile document from exhausting the wasm stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// The JSON tree of `js`, or `None` if it is nested deeper than [`MAX_DEPTH`].
pub(crate) fn to_value(js: &JsValue) -> Option<Value> {
    convert(js, 0)
}

fn convert(js: &JsValue, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(if let Some(s) = js.as_string() {
        Value::String(s)
    } else if let Some(n) = js.as_f64() {
        Value::Number(n)
    } else if let Some(b) = js.as_bool() {
        Value::Bool(b)
    } else if Array::is_array(js) {
        let items: Option<Vec<Value>> = Array::from(js).iter().map(|v| convert(&v, depth + 1)).collect();
        Value::Array(items?)
    } else if js.is_object() {
        let entries = Object::entries(&Object::from(js.clone()));
        let mut pairs = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let entry = Array::from(&entry);
            pairs.push((entry.get(0).as_string().unwrap_or_default(), convert(&entry.get(1), depth + 1)?));
        }
        Value::Object(pairs)
    } else {
        Value::Null
    })
}

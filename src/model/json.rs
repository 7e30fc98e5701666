//! A plain JSON tree. Validation walks it itself, so every type error names its field
//! path without per-type serde code in the wasm. Text is parsed and written by the
//! platform: `JSON.parse`/`JSON.stringify` in the browser (no parser or float formatting
//! in the wasm), serde_json natively.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value; objects keep their keys in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, as key-value pairs in document order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value at `key` if this is an object that has it (and it is not `null`).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Value::Null)),
            _ => None,
        }
    }

    /// An object of `entries` in their order, leaving out those without a value: the one
    /// builder behind the comment codec's objects and the article's JSON-LD.
    pub fn object(entries: Vec<(&str, Option<Value>)>) -> Value {
        let mut fields = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if let Some(value) = value {
                fields.push((key.to_owned(), value));
            }
        }
        Value::Object(fields)
    }

    /// What kind of value this is, for error messages ("found a number").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

impl Value {
    /// Parses JSON text; `None` for anything that is not exactly one JSON value (or is
    /// nested deeper than the platform parser allows).
    pub fn parse(text: &str) -> Option<Value> {
        #[cfg(target_arch = "wasm32")]
        {
            Value::from_js(&js_sys::JSON::parse(text).ok()?)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            serde_json::from_str(text).ok()
        }
    }

    /// The value as compact JSON text; numbers that are not finite become `null`.
    pub fn to_json(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            js_sys::JSON::stringify(&self.to_js())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::Value;

    /// Deepest nesting accepted from JavaScript; real documents are a few levels deep, and
    /// the limit keeps a hostile document from exhausting the wasm stack.
    pub const MAX_DEPTH: usize = 64;

    impl Value {
        /// The tree of a parsed JavaScript value (`Response.json()`, `JSON.parse`), or
        /// `None` if it is nested deeper than [`MAX_DEPTH`].
        pub fn from_js(js: &JsValue) -> Option<Value> {
            convert(js, 0)
        }

        /// The value as a JavaScript value, for `JSON.stringify`.
        pub fn to_js(&self) -> JsValue {
            match self {
                Value::Null => JsValue::NULL,
                Value::Bool(b) => JsValue::from_bool(*b),
                Value::Number(n) => JsValue::from_f64(*n),
                Value::String(s) => JsValue::from_str(s),
                Value::Array(items) => {
                    let array = Array::new();
                    for item in items {
                        array.push(&item.to_js());
                    }
                    array.into()
                }
                Value::Object(entries) => {
                    let object = Object::new();
                    for (key, value) in entries {
                        let _ = Reflect::set(&object, &JsValue::from_str(key), &value.to_js());
                    }
                    object.into()
                }
            }
        }
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
            // Read in place: `Array::from` would copy the array first.
            let array: &Array = js.unchecked_ref();
            let mut items = Vec::with_capacity(array.length() as usize);
            for item in array.iter() {
                items.push(convert(&item, depth + 1)?);
            }
            Value::Array(items)
        } else if js.is_object() {
            let entries = Object::entries(js.unchecked_ref());
            let mut pairs = Vec::with_capacity(entries.length() as usize);
            for entry in entries.iter() {
                // `Object.entries` gives `[key, value]` arrays.
                let entry: Array = entry.unchecked_into();
                pairs.push((
                    entry.get(0).as_string().unwrap_or_default(),
                    convert(&entry.get(1), depth + 1)?,
                ));
            }
            Value::Object(pairs)
        } else {
            Value::Null
        })
    }
}

#[cfg(target_arch = "wasm32")]
pub use js::MAX_DEPTH;

#[cfg(not(target_arch = "wasm32"))]
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => {
                serializer.serialize_i64(*n as i64)
            }
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(256));
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            match entries
                .iter_mut()
                .find(|(k, _): &&mut (String, Value)| *k == key)
            {
                Some(slot) => slot.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(Value::Object(entries))
    }
}

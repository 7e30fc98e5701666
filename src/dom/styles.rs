//! The widget's stylesheet in each shadow root. It is one constructable stylesheet shared by
//! every widget of the document (`adoptedStyleSheets`): allowed by a Content-Security-Policy
//! whose `style-src` forbids inline styles, and parsed once per page. Where constructable
//! stylesheets are missing (or the element belongs to another document) a `<style>`
//! element is the fallback.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use web_sys::{CssStyleSheet, Document, ShadowRoot};

use super::tree::{append, new_element};
use crate::view::STYLE;

thread_local! {
    /// The shared sheet, once built; `None` inside when the browser cannot construct one.
    static SHEET: RefCell<Option<Option<CssStyleSheet>>> = const { RefCell::new(None) };
}

/// Gives `root` (of an element in `doc`) the widget's styles.
pub(crate) fn apply(doc: &Document, root: &ShadowRoot) {
    if let Some(sheet) = shared_sheet() {
        // `[sheet]` by `new Array` and `push`, bindings the shell has anyway.
        let sheets = Array::new();
        sheets.push(&sheet);
        if Reflect::set(root, &"adoptedStyleSheets".into(), &sheets).is_ok() {
            return;
        }
    }
    let style = new_element(doc, "style");
    style.set_text_content(Some(STYLE));
    append(root, &style);
}

fn shared_sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let sheet = CssStyleSheet::new().ok()?;
                sheet.replace_sync(STYLE).ok()?;
                Some(sheet)
            })
            .clone()
    })
}

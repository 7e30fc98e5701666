//! The host site's `localStorage`, for the reader's own data (reading history, drafts,
//! outbox). Every access may fail (storage disabled, private mode, quota); failures are
//! reported as `false`/`None` so a reader's page never breaks over storage.

/// Prefix of every key the widget writes, so a site can see and clear them.
pub(crate) const PREFIX: &str = "article-widget:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value stored under `PREFIX + key`.
pub(crate) fn read(key: &str) -> Option<String> {
    storage()?.get_item(&format!("{PREFIX}{key}")).ok().flatten()
}

/// Stores `value` under `PREFIX + key`; `false` if the browser refused.
pub(crate) fn write(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(&format!("{PREFIX}{key}"), value).is_ok())
}

/// Removes `PREFIX + key`.
pub(crate) fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{key}"));
    }
}

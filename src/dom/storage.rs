//! The host site's `localStorage`, for the reader's own data (reading history, drafts,
//! outbox). Every access may fail (storage disabled, private mode, quota); failures are
//! reported as `false`/`None` so a reader's page never breaks over storage. Keys start
//! with `article-widget:` so a site can see and clear them.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value stored under `key`.
pub(crate) fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; `false` if the browser refused.
pub(crate) fn write(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

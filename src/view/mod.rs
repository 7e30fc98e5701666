//! The article view and its recommendation sections as markup, built by pure functions
//! from the validated article or feed and the interface language. The browser shell turns
//! the markup into DOM, the command-line renderer into HTML text: one description, so the
//! widget and a pre-rendered page show the same markup.

pub mod article;
pub mod feed;

pub use article::article;

use crate::sanitize::rebuild::Parsed;
use crate::sanitize::url::UrlUse;

/// The widget's stylesheet (src/dom/style.css, minified by build.rs): one `<style>` in
/// each shadow root, and the same text in pre-rendered templates.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

/// Class of the widget's root element, the parent of the article view.
pub const ROOT_CLASS: &str = "aw";

/// Attribute of the root element of pre-rendered markup: the [`Markup::fingerprint`](crate::markup::Markup::fingerprint)
/// of the view it holds. The widget takes the markup over when its own view of the same
/// data has the same fingerprint.
pub const PRERENDERED: &str = "data-prerendered";

/// Selects, in a shadow root, the root element of pre-rendered markup (a shadow root, a
/// fragment, has no `:scope`; the article markup never holds another `.aw`).
pub const PRERENDERED_ROOT: &str = ".aw[data-prerendered]";

/// What building the view needs from the platform: URL resolution and HTML parsing.
pub trait Env {
    /// `url` resolved against the URL of the JSON document it came from, or `None` if it
    /// does not parse or the resolved URL's scheme is not allowed for `usage`.
    fn resolve(&self, url: &str, usage: UrlUse) -> Option<String>;

    /// The children of the `body` of `document` (from
    /// [`crate::sanitize::rebuild::as_document`]), parsed inertly: nothing runs, nothing
    /// loads.
    fn parse_html(&self, document: &str) -> Vec<Parsed>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selector_names_the_root_and_its_attribute() {
        assert_eq!(PRERENDERED_ROOT, format!(".{ROOT_CLASS}[{PRERENDERED}]"));
    }
}

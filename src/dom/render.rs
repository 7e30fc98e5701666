//! Draws a validated [`Article`]: the core builds its markup ([`view::article`]), and this
//! either materializes it into the widget's root or, when the root holds pre-rendered
//! markup with the same fingerprint, keeps those very nodes. Either way it then finds the
//! places the browser fills later (feed slots, comments).

use wasm_bindgen::JsValue;
use web_sys::Element;

#[cfg(feature = "recommendations")]
use super::feed::Slots;
use super::materialize::materialize;
use super::sanitize;
use super::tree::{find, Attr, Tree};
use crate::i18n::Locale;
use crate::model::Article;
use crate::sanitize::rebuild::Parsed;
use crate::sanitize::url::UrlUse;
use crate::view::{self, Env, PRERENDERED};

/// Where the article went and where recommendation sections go around it.
pub(crate) struct Layout {
    /// The `article` element.
    pub article: Element,
    /// Where the comment section goes: under the recommendations of the main column.
    #[cfg(feature = "comments")]
    pub comments: Element,
    /// Slots for the feed's sections.
    #[cfg(feature = "recommendations")]
    pub slots: Slots,
}

impl Env for Tree {
    fn resolve(&self, url: &str, usage: UrlUse) -> Option<String> {
        Tree::resolve(self, url, usage)
    }

    fn parse_html(&self, document: &str) -> Vec<Parsed> {
        sanitize::parse(document)
    }
}

/// Renders `article` into the widget's `root`, interface text in `locale`, unless `root`
/// already holds exactly that markup, pre-rendered. With `feed`, the layout reserves the
/// column beside the article for recommendations.
pub(crate) fn article(
    tree: &Tree,
    root: &Element,
    article: &Article,
    locale: Locale,
    feed: bool,
) -> Result<Layout, JsValue> {
    let markup = view::article(article, locale, feed, tree);
    let taken_over = root
        .get_attribute(PRERENDERED)
        .is_some_and(|print| print == markup.fingerprint());
    if !taken_over {
        root.replace_children_with_node_0();
        materialize(tree, root, &markup);
    }
    root.unattr(PRERENDERED);
    let find = |selector: &str| -> Result<Element, JsValue> {
        find(root, selector).ok_or_else(|| JsValue::from_str(selector))
    };
    Ok(Layout {
        article: find(".aw-article")?,
        // The slots are the only `div`s of the main column (with the article, the channel
        // blurb): lead, main, comments.
        #[cfg(feature = "comments")]
        comments: find(".aw-main > div:nth-of-type(3)")?,
        #[cfg(feature = "recommendations")]
        slots: Slots {
            lead: find(".aw-main > div:nth-of-type(1)")?,
            main: find(".aw-main > div:nth-of-type(2)")?,
            aside: find(".aw-aside")?,
        },
    })
}

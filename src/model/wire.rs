//! The article JSON as it arrives: every field optional or defaulted so that validation,
//! not deserialization, reports what is missing, with its field path.

use serde::Deserialize;

/// Reads only `version`, so that a newer major version is reported as such even when the
/// rest of the document no longer parses as 1.x.
#[derive(Debug, Deserialize)]
pub struct VersionProbe {
    /// The document's contract version, e.g. `1.0`.
    #[serde(default)]
    pub version: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireArticle {
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub site: Option<WireLink>,
    #[serde(default)]
    pub navigation: Vec<WireNavItem>,
    #[serde(default)]
    pub breadcrumbs: Vec<WireCrumb>,
    #[serde(default)]
    pub source: Option<WireLink>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub authors: Vec<WireLink>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub channel: Option<WireChannel>,
    #[serde(default)]
    pub body: Option<Vec<WireBlock>>,
    #[serde(default)]
    pub feed: Option<String>,
    #[serde(default)]
    pub comments: Option<WireComments>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireLink {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireNavItem {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub current: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireCrumb {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireChannel {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub blurb: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireComments {
    #[serde(default)]
    pub src: Option<String>,
    #[serde(default)]
    pub backend: Option<String>,
    #[serde(default)]
    pub endpoint: Option<String>,
}

/// One body block with the union of all block fields; `type` says which ones apply.
#[derive(Debug, Deserialize)]
pub(crate) struct WireBlock {
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub children: Option<Vec<WireSpan>>,
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub src: Option<String>,
    #[serde(default)]
    pub srcset: Option<String>,
    #[serde(default)]
    pub sizes: Option<String>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default)]
    pub cite: Option<String>,
    #[serde(default)]
    pub ordered: bool,
    #[serde(default)]
    pub items: Option<Vec<WireListItem>>,
    #[serde(default)]
    pub html: Option<String>,
    #[serde(default)]
    pub fallback: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireListItem {
    #[serde(default)]
    pub children: Option<Vec<WireSpan>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireSpan {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub marks: Vec<String>,
    #[serde(default)]
    pub href: Option<String>,
}

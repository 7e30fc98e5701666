//! The article JSON contract: wire types, validated types and validation with field paths.
//!
//! The contract is published as `schema/article.schema.json`; [`decode`] is the one way to
//! turn any serde deserializer (serde-wasm-bindgen in the browser, serde_json natively) into
//! a validated [`Article`].

mod article;
mod error;
mod validate;
mod wire;

pub use article::{
    Article, Block, Channel, CommentsConfig, Crumb, Image, Link, NavItem, Span,
};
pub use error::{FieldError, ModelError};
pub use validate::{check_version, decode, SUPPORTED_MAJOR};
pub use wire::VersionProbe;

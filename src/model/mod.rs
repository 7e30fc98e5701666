//! The article JSON contract: a plain JSON tree, the validated types, and validation with
//! field paths.
//!
//! The contract is published as `schema/article.schema.json`; [`decode`] (from any serde
//! deserializer) and [`validate`] (from a [`Value`]) are the ways to get an [`Article`].

mod article;
mod comments;
mod error;
mod feed;
pub(crate) mod fields;
pub mod json;
mod validate;

pub use article::{Article, Block, Channel, CommentsConfig, Crumb, Image, Link, NavItem, Span};
pub use comments::{
    check_website, cycle_starts, decode_thread, validate_thread, Comment, CommentText, Thread,
    WebsiteError,
};
pub use error::{FieldError, ModelError};
pub use feed::{
    decode_feed, validate_feed, Feed, FeedImage, FeedItem, Personalize, RefusedSection, Section,
    SectionKind,
};
pub use json::Value;
pub use validate::{decode, validate, SUPPORTED_MAJOR};

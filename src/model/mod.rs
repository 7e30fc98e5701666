//! The article JSON contract: a plain JSON tree, the validated types, and validation with
//! field paths.
//!
//! The contract is published as `schema/article.schema.json`; [`decode`] (from any serde
//! deserializer) and [`validate`] (from a [`Value`]) are the ways to get an [`Article`].

mod article;
mod error;
mod fields;
pub mod json;
mod validate;

pub use article::{
    Article, Block, Channel, CommentsConfig, Crumb, Image, Link, NavItem, Span,
};
pub use error::{FieldError, ModelError};
pub use json::Value;
pub use validate::{decode, validate, SUPPORTED_MAJOR};

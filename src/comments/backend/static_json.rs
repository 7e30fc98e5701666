//! The static backend: a thread JSON file on any static host (`schema/comments.schema.json`),
//! read-only, validated by [`crate::model::validate_thread`]. Its text is plain text.

use super::ReadError;
use crate::model::{validate_thread, Comment, Value};

/// The comments of a static thread document.
pub fn comments(json: &Value) -> Result<Vec<Comment>, ReadError> {
    Ok(validate_thread(json)?.comments)
}

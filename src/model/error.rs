//! Errors of the article contract, each naming the field it is about.

use thiserror::Error;

/// One problem in a document, at a field path such as `body[3].children[0].href`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct FieldError {
    /// Dotted path from the document root, arrays as `[i]`.
    pub path: String,
    /// What is wrong there, in plain English.
    pub message: String,
}

impl FieldError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Why a document is not a valid article.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    /// The document is for a contract major version this widget does not read.
    #[error("version: unsupported version \"{found}\"; this widget reads version {supported}.x")]
    UnsupportedVersion {
        /// The version the document declares.
        found: String,
        /// The major version this build supports.
        supported: u32,
    },
    /// The document does not fit the contract; the first errors found, in document order.
    #[error("{}", listed(.0))]
    Invalid(Vec<FieldError>),
}

/// `path: message; path: message; …`.
fn listed(errors: &[FieldError]) -> String {
    let mut out = String::new();
    for (i, error) in errors.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&error.path);
        out.push_str(": ");
        out.push_str(&error.message);
    }
    out
}

impl ModelError {
    /// The field errors, if this is a contract violation.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ModelError::Invalid(errors) => errors,
            ModelError::UnsupportedVersion { .. } => &[],
        }
    }
}

//! What a document's body must be before it is parsed: at most [`MAX_DOCUMENT_BYTES`],
//! UTF-8 (as RFC 8259 requires of JSON exchanged between systems; a leading byte-order mark
//! is ignored, as the RFC allows), and not empty.

use thiserror::Error;

/// Largest document accepted, in bytes. Real articles, feeds and threads are a few to a few
/// hundred kilobytes; the limit keeps a hostile or broken file from freezing the page.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// Why a body cannot be read as JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum BodyError {
    /// Over [`MAX_DOCUMENT_BYTES`].
    #[error("is too large: {bytes} bytes, at most {MAX_DOCUMENT_BYTES} are read")]
    TooLarge {
        /// The body's length in bytes.
        bytes: u64,
    },
    /// Not UTF-8 from byte `offset` on.
    #[error("is not UTF-8 text (invalid bytes at byte {offset}); JSON must be UTF-8")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Nothing but white space.
    #[error("is empty: the server sent no document")]
    Empty,
}

/// Checks a body's length in bytes against [`MAX_DOCUMENT_BYTES`]: a document's, or a
/// comment server's answer. (A declared `Content-Length` is checked before the download
/// by src/net/fetch.js, given the same limit.)
pub fn check_length(bytes: u64) -> Result<(), BodyError> {
    if bytes > MAX_DOCUMENT_BYTES as u64 {
        return Err(BodyError::TooLarge { bytes });
    }
    Ok(())
}

/// The body as JSON text: within the size limit, valid UTF-8 without its byte-order mark,
/// not blank.
///
/// ```
/// use article_widget::net::body::{document_text, BodyError};
/// assert_eq!(document_text(b"\xEF\xBB\xBF{}"), Ok("{}"));
/// assert_eq!(document_text(b"{\"a\": \"\xFF\"}"), Err(BodyError::NotUtf8 { offset: 7 }));
/// assert_eq!(document_text(b" \n"), Err(BodyError::Empty));
/// ```
pub fn document_text(bytes: &[u8]) -> Result<&str, BodyError> {
    check_length(bytes.len() as u64)?;
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(rest).map_err(|e| BodyError::NotUtf8 {
        offset: bom + e.valid_up_to(),
    })?;
    // Blank: JSON's white space only (a byte scan, not a generic `trim_matches`).
    if rest
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(BodyError::Empty);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_or_without_a_byte_order_mark() {
        assert_eq!(
            document_text("{\"t\": \"歙县\"}".as_bytes()),
            Ok("{\"t\": \"歙县\"}")
        );
        assert_eq!(document_text(b"\xEF\xBB\xBF[1]"), Ok("[1]"));
    }

    #[test]
    fn names_the_first_invalid_byte() {
        assert_eq!(
            document_text(b"{\"t\": \"a\xC3\x28\"}"),
            Err(BodyError::NotUtf8 { offset: 8 })
        );
        assert_eq!(
            document_text(b"\xEF\xBB\xBF\"\xFF\""),
            Err(BodyError::NotUtf8 { offset: 4 })
        );
        // UTF-16 with its byte-order mark is not UTF-8.
        assert_eq!(
            document_text(b"\xFF\xFE{\x00}\x00"),
            Err(BodyError::NotUtf8 { offset: 0 })
        );
        // A truncated multi-byte character at the end.
        assert_eq!(
            document_text(b"\"\xE6\xAD"),
            Err(BodyError::NotUtf8 { offset: 1 })
        );
    }

    #[test]
    fn refuses_empty_and_oversized_bodies() {
        assert_eq!(document_text(b""), Err(BodyError::Empty));
        assert_eq!(document_text(b"\xEF\xBB\xBF \r\n\t"), Err(BodyError::Empty));
        let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(
            document_text(&big),
            Err(BodyError::TooLarge {
                bytes: MAX_DOCUMENT_BYTES as u64 + 1
            })
        );
        assert!(check_length(MAX_DOCUMENT_BYTES as u64).is_ok());
        assert_eq!(
            BodyError::TooLarge { bytes: 5_000_000 }.to_string(),
            "is too large: 5000000 bytes, at most 4194304 are read"
        );
    }
}

//! Character classes for counting and tokenising, without the Unicode property tables
//! (`char::is_alphanumeric`, `str::to_lowercase`) that would add kilobytes to the wasm.
//! Good enough for word boundaries and case folding in news text.

use super::reading_time::is_cjk;

/// Whether `c` belongs to a word of a space-separated script: ASCII letters and digits,
/// and any other non-CJK character that is not whitespace, punctuation or a symbol from
/// the common punctuation blocks.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk(c)
        && !c.is_whitespace()
        && !matches!(c as u32,
            0x80..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x2BFF | 0x2E00..=0x2E7F | 0x3000..=0x303F
            | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x1F000..=0x1FAFF)
}

/// `c` in lower case for ASCII and Latin-1 letters (`É` → `é`); other characters as
/// they are.
pub fn fold_case(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c,
    }
}

/// `text` with every character passed through [`fold_case`].
pub fn fold(text: &str) -> String {
    text.chars().map(fold_case).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_exclude_punctuation_and_cjk() {
        for c in ['a', 'Z', '7', 'é', 'ß', 'Ж', 'ع'] {
            assert!(is_word_char(c), "{c}");
        }
        for c in [
            ' ', ',', '。', ',', '“', '—', '·', '…', '黄', '《', '!', '\u{3000}', '€', '😀',
        ] {
            assert!(!is_word_char(c), "{c}");
        }
    }

    #[test]
    fn folds_ascii_and_latin1() {
        assert_eq!(fold("Café ÉTÉ Rust 5G"), "café été rust 5g");
        assert_eq!(fold("×黄山"), "×黄山");
    }
}

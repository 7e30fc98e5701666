//! Estimated reading time for mixed Chinese and Latin text.

/// Chinese characters a reader gets through in a minute (silent reading of news prose).
pub const CJK_CHARS_PER_MINUTE: usize = 400;
/// Latin-script words a reader gets through in a minute.
pub const WORDS_PER_MINUTE: usize = 230;

/// Counts what a reader reads: each CJK ideograph or kana is one unit of
/// [`CJK_CHARS_PER_MINUTE`]; each run of other letters or digits is one word.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextCount {
    /// CJK characters.
    pub cjk_chars: usize,
    /// Latin-script (and other space-separated) words.
    pub words: usize,
}

impl TextCount {
    /// Adds the characters and words of `text`.
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if super::chars::is_word_char(c) {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
                in_word = false;
            }
        }
    }

    /// Whole minutes, rounded up, at least one.
    pub fn minutes(&self) -> u32 {
        let seconds = (self.cjk_chars * 60).div_ceil(CJK_CHARS_PER_MINUTE)
            + (self.words * 60).div_ceil(WORDS_PER_MINUTE);
        u32::try_from(seconds.div_ceil(60).max(1)).unwrap_or(u32::MAX)
    }
}

/// CJK ideographs, kana and Hangul syllables: scripts written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_chinese_by_character_and_english_by_word() {
        let mut c = TextCount::default();
        c.add("歙县认真贯彻落实上级部署要求");
        c.add("The reader's widget, in 2 modules.");
        assert_eq!(c.cjk_chars, 14);
        assert_eq!(c.words, 6);
    }

    #[test]
    fn minutes_round_up_and_never_zero() {
        assert_eq!(TextCount::default().minutes(), 1);
        assert_eq!(
            TextCount {
                cjk_chars: 400,
                words: 0
            }
            .minutes(),
            1
        );
        assert_eq!(
            TextCount {
                cjk_chars: 401,
                words: 0
            }
            .minutes(),
            2
        );
        assert_eq!(
            TextCount {
                cjk_chars: 0,
                words: 460
            }
            .minutes(),
            2
        );
        assert_eq!(
            TextCount {
                cjk_chars: 1200,
                words: 230
            }
            .minutes(),
            4
        );
    }

    #[test]
    fn punctuation_is_not_read() {
        let mut c = TextCount::default();
        c.add("“”,。、——!?");
        assert_eq!(c, TextCount::default());
    }
}

//! The reading comfort controls' words: text size buttons and the progress bar.

use super::Locale;

/// Interface text of the reading comfort controls.
#[derive(Debug, Clone)]
pub struct ReadingStrings {
    /// Label of the group of text size buttons.
    pub text_size: &'static str,
    /// Name of the button that makes the text smaller (shown as "A−").
    pub smaller: &'static str,
    /// Name of the button that makes the text larger (shown as "A+").
    pub larger: &'static str,
    /// Label of the reading progress bar.
    pub progress: &'static str,
}

impl Locale {
    /// The reading comfort controls' words in this language.
    pub fn reading_strings(self) -> &'static ReadingStrings {
        if let Some(tables) = super::overrides::tables(self) {
            return &tables.reading;
        }
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: ReadingStrings = ReadingStrings {
    text_size: "字号",
    smaller: "缩小字号",
    larger: "放大字号",
    progress: "阅读进度",
};

static ZH_TW: ReadingStrings = ReadingStrings {
    text_size: "字級",
    smaller: "縮小字級",
    larger: "放大字級",
    progress: "閱讀進度",
};

static EN: ReadingStrings = ReadingStrings {
    text_size: "Text size",
    smaller: "Smaller text",
    larger: "Larger text",
    progress: "Reading progress",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_every_control() {
        for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
            let s = locale.reading_strings();
            for text in [s.text_size, s.smaller, s.larger, s.progress] {
                assert!(!text.trim().is_empty(), "{locale:?}");
            }
            assert_ne!(s.smaller, s.larger);
        }
        assert_eq!(Locale::ZhTw.reading_strings().progress, "閱讀進度");
    }
}

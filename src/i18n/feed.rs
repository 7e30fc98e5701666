//! The recommendation sections' own words.

use super::Locale;

/// Interface text of the recommendation sections.
#[derive(Debug, Clone)]
pub struct FeedStrings {
    /// Label of the recommendations column.
    pub recommendations: &'static str,
    /// The button that forgets the reader's reading history.
    pub clear_history: &'static str,
    /// A personalised section with nothing left to suggest.
    pub nothing_to_suggest: &'static str,
    /// Heading of the feed's error panel.
    pub error_heading: &'static str,
    /// Heading of the error panel of one section the feed got wrong.
    pub section_error: &'static str,
    /// View count, `{}` standing for the compact number.
    pub views: &'static str,
}

impl FeedStrings {
    /// `n` views in the reader's language, compact: `1.2万次阅读`, `12.3k views`.
    pub fn views(&self, n: u64, locale: Locale) -> String {
        let (unit, suffix) = match locale {
            Locale::En if n >= 1_000_000 => (1_000_000, "M"),
            Locale::En if n >= 1_000 => (1_000, "k"),
            Locale::ZhCn | Locale::ZhTw if n >= 100_000_000 => (100_000_000, "亿"),
            Locale::ZhCn if n >= 10_000 => (10_000, "万"),
            Locale::ZhTw if n >= 10_000 => (10_000, "萬"),
            _ => (1, ""),
        };
        let mut compact = tenths(n, unit);
        compact.push_str(suffix);
        crate::text::replace(self.views, "{}", &compact)
    }
}

/// `n / unit` with one decimal, the decimal dropped when it is zero (and for `unit` 1).
fn tenths(n: u64, unit: u64) -> String {
    if unit == 1 {
        return n.to_string();
    }
    let t = (n * 10 + unit / 2) / unit;
    let mut out = (t / 10).to_string();
    if t % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (t % 10) as u8));
    }
    out
}

impl Locale {
    /// The recommendation sections' words in this language.
    pub fn feed_strings(self) -> &'static FeedStrings {
        if let Some(tables) = super::overrides::tables(self) {
            return &tables.feed;
        }
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: FeedStrings = FeedStrings {
    recommendations: "推荐阅读",
    clear_history: "清除阅读记录",
    nothing_to_suggest: "暂无推荐",
    error_heading: "推荐内容未能加载",
    section_error: "本栏目未能显示",
    views: "{}次阅读",
};

static ZH_TW: FeedStrings = FeedStrings {
    recommendations: "推薦閱讀",
    clear_history: "清除閱讀紀錄",
    nothing_to_suggest: "暫無推薦",
    error_heading: "推薦內容未能載入",
    section_error: "本欄目未能顯示",
    views: "{}次閱讀",
};

static EN: FeedStrings = FeedStrings {
    recommendations: "Recommended",
    clear_history: "Clear reading history",
    nothing_to_suggest: "Nothing to suggest yet",
    error_heading: "Recommendations could not be loaded",
    section_error: "This section could not be shown",
    views: "{} views",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_compact_in_each_language() {
        let zh = Locale::ZhCn.feed_strings();
        assert_eq!(zh.views(987, Locale::ZhCn), "987次阅读");
        assert_eq!(zh.views(12_345, Locale::ZhCn), "1.2万次阅读");
        assert_eq!(zh.views(30_000, Locale::ZhCn), "3万次阅读");
        assert_eq!(
            Locale::ZhTw.feed_strings().views(15_000, Locale::ZhTw),
            "1.5萬次閱讀"
        );
        let en = Locale::En.feed_strings();
        assert_eq!(en.views(12_345, Locale::En), "12.3k views");
        assert_eq!(en.views(2_500_000, Locale::En), "2.5M views");
    }
}

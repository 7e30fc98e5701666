//! The widget's own words in zh-CN, zh-TW and en, chosen from a BCP 47 language tag.

/// A language the widget's interface is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// Simplified Chinese.
    ZhCn,
    /// Traditional Chinese (Taiwan, Hong Kong, Macau, or any `Hant` tag).
    ZhTw,
    /// English, also the fallback for every other language.
    En,
}

impl Locale {
    /// Picks the interface language for a BCP 47 tag such as `zh-CN`, `zh-Hant-HK` or `en-GB`.
    pub fn from_tag(tag: &str) -> Self {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        if parts.next() != Some("zh") {
            return Locale::En;
        }
        if parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant")) {
            Locale::ZhTw
        } else {
            Locale::ZhCn
        }
    }

    /// The tag to put in `lang` attributes of the widget's own interface text.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// The interface strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }
}

/// Every piece of interface text the widget shows.
#[derive(Debug)]
pub struct Strings {
    /// Label of the channel navigation landmark.
    pub channels: &'static str,
    /// Label of the breadcrumb landmark.
    pub breadcrumbs: &'static str,
    /// Prefix of the source line (来源:).
    pub source: &'static str,
    /// Label before the byline.
    pub authors: &'static str,
    /// Label of the tag list.
    pub tags: &'static str,
    /// Reading time, `{}` standing for the minutes.
    pub reading_time: &'static str,
    /// Shown while the article loads.
    pub loading: &'static str,
    /// Heading of the error panel.
    pub error_heading: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Label before an image's credit.
    pub photo_credit: &'static str,
    /// Label before the "updated" time.
    pub updated: &'static str,
}

impl Strings {
    /// The reading-time line for `minutes`.
    pub fn reading_time(&self, minutes: u32) -> String {
        self.reading_time.replace("{}", &minutes.to_string())
    }
}

static ZH_CN: Strings = Strings {
    channels: "频道导航",
    breadcrumbs: "当前位置",
    source: "来源:",
    authors: "作者",
    tags: "标签",
    reading_time: "阅读约 {} 分钟",
    loading: "正在加载文章…",
    error_heading: "文章未能加载",
    retry: "重试",
    photo_credit: "摄影:",
    updated: "更新于",
};

static ZH_TW: Strings = Strings {
    channels: "頻道導覽",
    breadcrumbs: "目前位置",
    source: "來源:",
    authors: "作者",
    tags: "標籤",
    reading_time: "閱讀約 {} 分鐘",
    loading: "正在載入文章…",
    error_heading: "文章未能載入",
    retry: "重試",
    photo_credit: "攝影:",
    updated: "更新於",
};

static EN: Strings = Strings {
    channels: "Channels",
    breadcrumbs: "Breadcrumb",
    source: "Source: ",
    authors: "By",
    tags: "Tags",
    reading_time: "{} min read",
    loading: "Loading the article…",
    error_heading: "The article could not be loaded",
    retry: "Retry",
    photo_credit: "Photo: ",
    updated: "Updated",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_script_from_region_or_script_subtag() {
        assert_eq!(Locale::from_tag("zh-CN"), Locale::ZhCn);
        assert_eq!(Locale::from_tag("zh"), Locale::ZhCn);
        assert_eq!(Locale::from_tag("zh-Hans-SG"), Locale::ZhCn);
        assert_eq!(Locale::from_tag("zh-TW"), Locale::ZhTw);
        assert_eq!(Locale::from_tag("zh_HK"), Locale::ZhTw);
        assert_eq!(Locale::from_tag("zh-Hant"), Locale::ZhTw);
        assert_eq!(Locale::from_tag("en-GB"), Locale::En);
        assert_eq!(Locale::from_tag("fr"), Locale::En);
        assert_eq!(Locale::from_tag(""), Locale::En);
    }

    #[test]
    fn reading_time_in_each_language() {
        assert_eq!(Locale::ZhCn.strings().reading_time(3), "阅读约 3 分钟");
        assert_eq!(Locale::ZhTw.strings().reading_time(3), "閱讀約 3 分鐘");
        assert_eq!(Locale::En.strings().reading_time(3), "3 min read");
    }
}

//! The widget's own words in zh-CN, zh-TW and en, chosen from a BCP 47 language tag.

mod comment_box;
mod feed;
pub mod overrides;
mod reading;

pub use comment_box::CommentBoxStrings;
pub use feed::FeedStrings;
pub use reading::ReadingStrings;

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
        // Subtag by subtag (split at `-` or `_`, any case), byte by byte.
        let tag = tag.trim().as_bytes();
        let mut locale = Locale::En;
        let (mut start, mut i) = (0, 0);
        while i <= tag.len() {
            if i == tag.len() || tag[i] == b'-' || tag[i] == b'_' {
                let part = &tag[start..i];
                let is = |subtag: &[u8]| part.eq_ignore_ascii_case(subtag);
                if start == 0 {
                    if !is(b"zh") {
                        return Locale::En;
                    }
                    locale = Locale::ZhCn;
                } else if is(b"tw") || is(b"hk") || is(b"mo") || is(b"hant") {
                    return Locale::ZhTw;
                }
                start = i + 1;
            }
            i += 1;
        }
        locale
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
        if let Some(tables) = overrides::tables(self) {
            return &tables.strings;
        }
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }
}

/// Every piece of interface text the widget shows.
#[derive(Debug, Clone)]
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
    /// The comment section's words.
    pub comments: CommentStrings,
}

/// The comment section's words; `{}` stands for a number or, in `rejected`, the backend's
/// reason.
#[derive(Debug, Clone)]
pub struct CommentStrings {
    /// Shown for a comment whose backend gives no author name.
    pub anonymous: &'static str,
    /// A comment's time under a minute old ("刚刚").
    pub just_now: &'static str,
    /// A comment's time one minute old, `{}` standing for the 1 ("1分钟前", "1 minute ago").
    pub minute_ago: &'static str,
    /// A comment's time `{}` minutes old.
    pub minutes_ago: &'static str,
    /// A comment's time one hour old.
    pub hour_ago: &'static str,
    /// A comment's time `{}` hours old.
    pub hours_ago: &'static str,
    /// A comment's time one day old.
    pub day_ago: &'static str,
    /// A comment's time `{}` days old (up to a week; then its date).
    pub days_ago: &'static str,
    /// The name field is empty.
    pub name_required: &'static str,
    /// The name is longer than `{}` characters.
    pub name_too_long: &'static str,
    /// The name holds line breaks or other control characters.
    pub name_one_line: &'static str,
    /// The comment field is empty.
    pub text_required: &'static str,
    /// The comment is longer than `{}` characters.
    pub text_too_long: &'static str,
    /// The website is not an http(s) address.
    pub website_scheme: &'static str,
    /// A comment kept in the outbox, not sent yet.
    pub pending: &'static str,
    /// A comment being sent.
    pub sending: &'static str,
    /// A comment whose sending failed for a passing reason; it is retried automatically.
    pub failed: &'static str,
    /// A comment the backend refused, `{}` standing for its reason.
    pub rejected: &'static str,
    /// A comment kept in this browser only.
    pub local_only: &'static str,
}

impl Strings {
    /// The reading-time line for `minutes`.
    pub fn reading_time(&self, minutes: u32) -> String {
        crate::text::fill(self.reading_time, u64::from(minutes))
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
    comments: CommentStrings {
        anonymous: "匿名",
        just_now: "刚刚",
        minute_ago: "{}分钟前",
        minutes_ago: "{}分钟前",
        hour_ago: "{}小时前",
        hours_ago: "{}小时前",
        day_ago: "{}天前",
        days_ago: "{}天前",
        name_required: "请填写昵称",
        name_too_long: "昵称最多 {} 个字",
        name_one_line: "昵称不能换行",
        text_required: "请写下评论内容",
        text_too_long: "评论最多 {} 个字",
        website_scheme: "网址须以 http:// 或 https:// 开头",
        pending: "等待发送",
        sending: "正在发送…",
        failed: "发送失败,将自动重试",
        rejected: "未能发表:{}",
        local_only: "仅在本设备可见",
    },
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
    comments: CommentStrings {
        anonymous: "匿名",
        just_now: "剛剛",
        minute_ago: "{} 分鐘前",
        minutes_ago: "{} 分鐘前",
        hour_ago: "{} 小時前",
        hours_ago: "{} 小時前",
        day_ago: "{} 天前",
        days_ago: "{} 天前",
        name_required: "請填寫暱稱",
        name_too_long: "暱稱最多 {} 個字",
        name_one_line: "暱稱不能換行",
        text_required: "請寫下評論內容",
        text_too_long: "評論最多 {} 個字",
        website_scheme: "網址須以 http:// 或 https:// 開頭",
        pending: "等待傳送",
        sending: "正在傳送…",
        failed: "傳送失敗,將自動重試",
        rejected: "未能發表:{}",
        local_only: "僅在本裝置可見",
    },
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
    comments: CommentStrings {
        anonymous: "Anonymous",
        just_now: "just now",
        minute_ago: "{} minute ago",
        minutes_ago: "{} minutes ago",
        hour_ago: "{} hour ago",
        hours_ago: "{} hours ago",
        day_ago: "{} day ago",
        days_ago: "{} days ago",
        name_required: "Please enter your name",
        name_too_long: "Your name can be at most {} characters",
        name_one_line: "Your name must fit on one line",
        text_required: "Please write a comment",
        text_too_long: "A comment can be at most {} characters",
        website_scheme: "The website must start with http:// or https://",
        pending: "Waiting to be sent",
        sending: "Sending…",
        failed: "Not sent yet; retrying automatically",
        rejected: "Not published: {}",
        local_only: "Visible on this device only",
    },
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
        assert_eq!(Locale::from_tag(" ZH_hant "), Locale::ZhTw);
        assert_eq!(Locale::from_tag("zh-"), Locale::ZhCn);
        assert_eq!(Locale::from_tag("-zh"), Locale::En);
        assert_eq!(Locale::from_tag("zhx-tw"), Locale::En);
        assert_eq!(Locale::from_tag("zh-twx"), Locale::ZhCn);
    }

    #[test]
    fn reading_time_in_each_language() {
        assert_eq!(Locale::ZhCn.strings().reading_time(3), "阅读约 3 分钟");
        assert_eq!(Locale::ZhTw.strings().reading_time(3), "閱讀約 3 分鐘");
        assert_eq!(Locale::En.strings().reading_time(3), "3 min read");
    }
}

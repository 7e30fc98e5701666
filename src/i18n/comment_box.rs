//! The comment section's interface words: headings, labels, buttons and states.

use super::Locale;

/// Interface text of the comment section (the comment core's own messages are in
/// [`super::CommentStrings`]).
#[derive(Debug, Clone)]
pub struct CommentBoxStrings {
    /// Heading before the article title: 评论:(title).
    pub heading: &'static str,
    /// Comment count, `{}` standing for the number.
    pub count: &'static str,
    /// Label of the name field.
    pub name: &'static str,
    /// Label of the website field.
    pub website: &'static str,
    /// Label of the comment field.
    pub text: &'static str,
    /// The submit button.
    pub submit: &'static str,
    /// The submit button while sending.
    pub sending: &'static str,
    /// Hint under the form.
    pub shortcut: &'static str,
    /// Label of the sort control.
    pub sort: &'static str,
    /// Sort: newest first.
    pub newest: &'static str,
    /// Sort: oldest first.
    pub oldest: &'static str,
    /// Sort: most liked first.
    pub most_liked: &'static str,
    /// The reply button.
    pub reply: &'static str,
    /// Banner while replying, `{}` standing for the author.
    pub replying_to: &'static str,
    /// Cancels a reply.
    pub cancel_reply: &'static str,
    /// The like button, `{}` standing for the count.
    pub like: &'static str,
    /// Shows more comments, `{}` standing for how many are left.
    pub more: &'static str,
    /// Shows more replies to a comment, `{}` standing for how many are left.
    pub more_replies: &'static str,
    /// No comments yet.
    pub empty: &'static str,
    /// The thread is loading.
    pub loading: &'static str,
    /// The thread could not be loaded.
    pub load_failed: &'static str,
    /// Retries sending a comment.
    pub retry: &'static str,
    /// Takes a refused comment back into the form.
    pub edit: &'static str,
    /// A comment the backend holds for moderation.
    pub moderated: &'static str,
    /// Announced when a comment was kept on this device and is being sent.
    pub queued: &'static str,
    /// Announced when a comment was kept on this device while offline.
    pub queued_offline: &'static str,
    /// Announced when the backend published a comment.
    pub published: &'static str,
    /// Announced when the backend holds a comment for moderation.
    pub held: &'static str,
    /// Announced when a comment is kept on this device only (the local backend).
    pub kept_here: &'static str,
    /// Announced when the backend refused a comment, `{}` standing for its reason.
    pub not_published: &'static str,
    /// Announced when sending a comment failed for a passing reason.
    pub not_sent: &'static str,
    /// Announced when a like could not be sent yet (it stays pending).
    pub like_pending: &'static str,
    /// Announced when the backend refused a like, `{}` standing for its reason.
    pub like_refused: &'static str,
    /// Shown in the form (an alert) while storage refuses to keep the reader's text.
    pub not_kept: &'static str,
    /// Comments are closed (no writing backend).
    pub closed: &'static str,
    /// Announced when the form has errors, `{}` standing for their number.
    pub form_errors: &'static str,
}

impl Locale {
    /// The comment section's words in this language.
    pub fn comment_box(self) -> &'static CommentBoxStrings {
        if let Some(tables) = super::overrides::tables(self) {
            return &tables.form;
        }
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }
}

static ZH_CN: CommentBoxStrings = CommentBoxStrings {
    heading: "评论:",
    count: "{} 条评论",
    name: "昵称",
    website: "网址(可选)",
    text: "评论",
    submit: "发表评论",
    sending: "正在发送…",
    shortcut: "Ctrl/⌘ + Enter 发表",
    sort: "排序",
    newest: "最新",
    oldest: "最早",
    most_liked: "最多赞",
    reply: "回复",
    replying_to: "回复 {}",
    cancel_reply: "取消回复",
    like: "赞 {}",
    more: "加载更多评论(还有 {} 条)",
    more_replies: "展开更多回复(还有 {} 条)",
    empty: "还没有评论,来说两句吧。",
    loading: "正在加载评论…",
    load_failed: "评论未能加载",
    retry: "重试",
    edit: "修改",
    moderated: "等待审核",
    queued: "评论已保存在本设备,正在发送…",
    queued_offline: "评论已保存在本设备,联网后将自动发送",
    published: "评论已发表",
    held: "评论已送达,等待审核",
    kept_here: "评论已保存,仅在本设备可见",
    not_published: "评论未能发表:{}",
    not_sent: "评论暂未发出,将自动重试",
    like_pending: "赞暂未发出,已记在本设备,稍后将自动重发",
    like_refused: "赞未被计入:{}",
    not_kept: "无法保存在本设备(存储已满或被禁用),内容只保留到关闭此页为止",
    closed: "评论已关闭",
    form_errors: "表单有 {} 处需要修改",
};

static ZH_TW: CommentBoxStrings = CommentBoxStrings {
    heading: "評論:",
    count: "{} 則評論",
    name: "暱稱",
    website: "網址(選填)",
    text: "評論",
    submit: "發表評論",
    sending: "正在傳送…",
    shortcut: "Ctrl/⌘ + Enter 發表",
    sort: "排序",
    newest: "最新",
    oldest: "最早",
    most_liked: "最多讚",
    reply: "回覆",
    replying_to: "回覆 {}",
    cancel_reply: "取消回覆",
    like: "讚 {}",
    more: "載入更多評論(還有 {} 則)",
    more_replies: "展開更多回覆(還有 {} 則)",
    empty: "還沒有評論,來說兩句吧。",
    loading: "正在載入評論…",
    load_failed: "評論未能載入",
    retry: "重試",
    edit: "修改",
    moderated: "等待審核",
    queued: "評論已保存在本裝置,正在傳送…",
    queued_offline: "評論已保存在本裝置,連線後將自動傳送",
    published: "評論已發表",
    held: "評論已送達,等待審核",
    kept_here: "評論已保存,僅在本裝置可見",
    not_published: "評論未能發表:{}",
    not_sent: "評論暫未送出,將自動重試",
    like_pending: "讚暫未送出,已記在本裝置,稍後將自動重新傳送",
    like_refused: "讚未被計入:{}",
    not_kept: "無法保存在本裝置(儲存空間已滿或被停用),內容只保留到關閉此頁為止",
    closed: "評論已關閉",
    form_errors: "表單有 {} 處需要修改",
};

static EN: CommentBoxStrings = CommentBoxStrings {
    heading: "Comments: ",
    count: "{} comments",
    name: "Name",
    website: "Website (optional)",
    text: "Comment",
    submit: "Post comment",
    sending: "Sending…",
    shortcut: "Ctrl/⌘ + Enter to post",
    sort: "Sort",
    newest: "Newest",
    oldest: "Oldest",
    most_liked: "Most liked",
    reply: "Reply",
    replying_to: "Replying to {}",
    cancel_reply: "Cancel reply",
    like: "Like {}",
    more: "Show more comments ({} left)",
    more_replies: "Show more replies ({} left)",
    empty: "No comments yet. Be the first.",
    loading: "Loading comments…",
    load_failed: "Comments could not be loaded",
    retry: "Retry",
    edit: "Edit",
    moderated: "Awaiting moderation",
    queued: "Comment kept on this device; sending…",
    queued_offline: "Comment kept on this device; it will be sent when you are online",
    published: "Comment published",
    held: "Comment received; awaiting moderation",
    kept_here: "Comment saved; visible on this device only",
    not_published: "Comment not published: {}",
    not_sent: "Comment not sent yet; it will be retried automatically",
    like_pending: "Like not sent yet; kept on this device and retried automatically",
    like_refused: "Like not counted: {}",
    not_kept: "Could not keep this on this device (storage full or blocked); it is kept only until this page is closed",
    closed: "Comments are closed",
    form_errors: "The form has {} problems to fix",
};

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
    /// Announced after a comment was accepted into the outbox.
    pub posted: &'static str,
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
    empty: "还没有评论,来说两句吧。",
    loading: "正在加载评论…",
    load_failed: "评论未能加载",
    retry: "重试",
    edit: "修改",
    moderated: "等待审核",
    posted: "评论已提交",
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
    empty: "還沒有評論,來說兩句吧。",
    loading: "正在載入評論…",
    load_failed: "評論未能載入",
    retry: "重試",
    edit: "修改",
    moderated: "等待審核",
    posted: "評論已送出",
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
    empty: "No comments yet. Be the first.",
    loading: "Loading comments…",
    load_failed: "Comments could not be loaded",
    retry: "Retry",
    edit: "Edit",
    moderated: "Awaiting moderation",
    posted: "Comment submitted",
    closed: "Comments are closed",
    form_errors: "The form has {} problems to fix",
};

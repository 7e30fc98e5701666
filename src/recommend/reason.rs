//! Why an item was suggested, so that a reader can see it ("because you read …").

use crate::i18n::Locale;

/// The main reason an item was suggested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// It is close to an article the reader opened before.
    YouRead {
        /// That article's id.
        id: String,
        /// That article's headline.
        title: String,
    },
    /// It shares these tags (as the item writes them) with the article on the page.
    SharedTags(Vec<String>),
    /// It is from the channel (this id) of the article on the page.
    SameChannel(String),
    /// Its headline or summary is close to the article on the page.
    SimilarToThis,
    /// It ranks high or is much read.
    Popular,
    /// Nothing sets it apart: it is in the list because the editors put it there.
    EditorsPick,
}

impl Reason {
    /// The reason in the reader's language, e.g. `因为你读过《渔梁坝畔春意浓》`.
    pub fn label(&self, locale: Locale) -> String {
        let list_separator = if locale == Locale::En { ", " } else { "、" };
        // Templates in zh-CN, zh-TW and English; `{}` stands for the title or the tags.
        let (templates, value): (&[&str; 3], String) = match self {
            Reason::YouRead { title, .. } => (
                &[
                    "因为你读过《{}》",
                    "因為你讀過《{}》",
                    "Because you read “{}”",
                ],
                title.clone(),
            ),
            Reason::SharedTags(tags) => (
                &[
                    "与本文话题相同:{}",
                    "與本文話題相同:{}",
                    "Same topics as this story: {}",
                ],
                crate::text::join(tags, list_separator),
            ),
            Reason::SameChannel(_) => (
                &[
                    "与本文同一频道",
                    "與本文同一頻道",
                    "From the same channel as this story",
                ],
                String::new(),
            ),
            Reason::SimilarToThis => (
                &["与本文内容相近", "與本文內容相近", "Similar to this story"],
                String::new(),
            ),
            Reason::Popular => (&["热门文章", "熱門文章", "Popular now"], String::new()),
            Reason::EditorsPick => (&["编辑推荐", "編輯推薦", "Editors’ pick"], String::new()),
        };
        let template = match locale {
            Locale::ZhCn => templates[0],
            Locale::ZhTw => templates[1],
            Locale::En => templates[2],
        };
        crate::text::replace(template, "{}", &value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_each_language() {
        let read = Reason::YouRead {
            id: "y".into(),
            title: "渔梁坝畔春意浓".into(),
        };
        assert_eq!(read.label(Locale::ZhCn), "因为你读过《渔梁坝畔春意浓》");
        assert_eq!(read.label(Locale::ZhTw), "因為你讀過《渔梁坝畔春意浓》");
        assert_eq!(read.label(Locale::En), "Because you read “渔梁坝畔春意浓”");
        let tags = Reason::SharedTags(vec!["歙县".into(), "疫情防控".into()]);
        assert_eq!(tags.label(Locale::ZhCn), "与本文话题相同:歙县、疫情防控");
        assert_eq!(
            tags.label(Locale::En),
            "Same topics as this story: 歙县, 疫情防控"
        );
        assert_eq!(Reason::Popular.label(Locale::ZhTw), "熱門文章");
        assert_eq!(
            Reason::SameChannel("shexian".into()).label(Locale::ZhCn),
            "与本文同一频道"
        );
    }
}

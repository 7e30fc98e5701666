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
        match (self, locale) {
            (Reason::YouRead { title, .. }, Locale::ZhCn) => format!("因为你读过《{title}》"),
            (Reason::YouRead { title, .. }, Locale::ZhTw) => format!("因為你讀過《{title}》"),
            (Reason::YouRead { title, .. }, Locale::En) => format!("Because you read “{title}”"),
            (Reason::SharedTags(tags), Locale::ZhCn) => {
                format!("与本文话题相同:{}", tags.join(list_separator))
            }
            (Reason::SharedTags(tags), Locale::ZhTw) => {
                format!("與本文話題相同:{}", tags.join(list_separator))
            }
            (Reason::SharedTags(tags), Locale::En) => {
                format!("Same topics as this story: {}", tags.join(list_separator))
            }
            (Reason::SameChannel(_), Locale::ZhCn) => "与本文同一频道".to_owned(),
            (Reason::SameChannel(_), Locale::ZhTw) => "與本文同一頻道".to_owned(),
            (Reason::SameChannel(_), Locale::En) => {
                "From the same channel as this story".to_owned()
            }
            (Reason::SimilarToThis, Locale::ZhCn) => "与本文内容相近".to_owned(),
            (Reason::SimilarToThis, Locale::ZhTw) => "與本文內容相近".to_owned(),
            (Reason::SimilarToThis, Locale::En) => "Similar to this story".to_owned(),
            (Reason::Popular, Locale::ZhCn) => "热门文章".to_owned(),
            (Reason::Popular, Locale::ZhTw) => "熱門文章".to_owned(),
            (Reason::Popular, Locale::En) => "Popular now".to_owned(),
            (Reason::EditorsPick, Locale::ZhCn) => "编辑推荐".to_owned(),
            (Reason::EditorsPick, Locale::ZhTw) => "編輯推薦".to_owned(),
            (Reason::EditorsPick, Locale::En) => "Editors’ pick".to_owned(),
        }
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

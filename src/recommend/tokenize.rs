//! Splits text into the terms that similarity is computed on: overlapping character
//! bigrams for Chinese and the other scripts written without spaces (as Lucene's CJK
//! bigram filter does), lowercase words for Latin text. Punctuation is dropped.

use crate::text::chars::{fold_case, is_word_char};
use crate::text::reading_time::is_cjk;

/// The terms of `text` in order: each run of CJK characters gives its overlapping
/// bigrams (a lone character gives itself), each run of other letters and digits gives
/// one lowercase word.
///
/// ```
/// use article_widget::recommend::tokenize::tokens;
/// assert_eq!(tokens("黄山云海"), ["黄山", "山云", "云海"]);
/// assert_eq!(tokens("5G网络 Rust!"), ["5g", "网络", "rust"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, &mut |token| out.push(token));
    out
}

/// Gives each of [`tokens`] to `f` in order, without collecting them.
pub fn each_token(text: &str, f: &mut dyn FnMut(String)) {
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let cjk = is_cjk(c);
        let letter = !cjk && is_word_char(c);
        if !letter && !word.is_empty() {
            f(std::mem::take(&mut word));
        }
        if !cjk {
            flush_run(&mut run, f);
        }
        if cjk {
            run.push(c);
        } else if letter {
            word.push(fold_case(c));
        }
    }
    if !word.is_empty() {
        f(word);
    }
    flush_run(&mut run, f);
}

/// The bigrams of a run of CJK characters (the character itself if it is alone).
fn flush_run(run: &mut Vec<char>, f: &mut dyn FnMut(String)) {
    if let [single] = run.as_slice() {
        f(String::from(*single));
    }
    for pair in run.windows(2) {
        let mut term = String::from(pair[0]);
        term.push(pair[1]);
        f(term);
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_gives_overlapping_bigrams() {
        assert_eq!(tokens("先锋队"), ["先锋", "锋队"]);
        assert_eq!(
            tokens("天天可闻“集结号”处处都见先锋队"),
            [
                "天天", "天可", "可闻", "集结", "结号", "处处", "处都", "都见", "见先", "先锋",
                "锋队"
            ]
        );
    }

    #[test]
    fn a_lone_character_is_a_unigram() {
        assert_eq!(tokens("春"), ["春"]);
        assert_eq!(tokens("乡情,师恩,难"), ["乡情", "师恩", "难"]);
    }

    #[test]
    fn latin_gives_lowercase_words() {
        assert_eq!(
            tokens("How article-widget turns JSON"),
            ["how", "article", "widget", "turns", "json"]
        );
        assert_eq!(tokens("COVID-19, 2020"), ["covid", "19", "2020"]);
    }

    #[test]
    fn mixed_text_switches_at_script_boundaries() {
        assert_eq!(
            tokens("“00后”书写青春"),
            ["00", "后", "书写", "写青", "青春"]
        );
        assert_eq!(tokens("WebAssembly组件"), ["webassembly", "组件"]);
        assert_eq!(tokens("Ünïcode Straße"), ["ünïcode", "straße"]);
    }

    #[test]
    fn punctuation_and_space_alone_give_nothing() {
        assert!(tokens("").is_empty());
        assert!(tokens("“”,。、——!? ... \n\t").is_empty());
    }

    #[test]
    fn kana_and_hangul_are_bigrammed_too() {
        assert_eq!(tokens("ニュース"), ["ニュ", "ュー", "ース"]);
        assert_eq!(tokens("뉴스"), ["뉴스"]);
    }
}

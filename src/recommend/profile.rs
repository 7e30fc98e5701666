//! Sparse term weights of a story and their cosine similarity. Tags and the channel are
//! terms of their own, weighted above single words, because an editor chose them.

use super::story::Story;
use super::tokenize::each_token;

/// Weight of each word of the headline (and of the words inside each tag).
pub const TITLE_WORD_WEIGHT: f64 = 1.0;
/// Weight of each word of the summary: it is longer and vaguer than the headline.
pub const SUMMARY_WORD_WEIGHT: f64 = 0.5;
/// Weight of each tag as a whole.
pub const TAG_WEIGHT: f64 = 3.0;
/// Weight of the channel.
pub const CHANNEL_WEIGHT: f64 = 2.0;

/// Marks a whole-tag term; words never contain it.
const TAG_PREFIX: char = '#';
/// Marks the channel term; words never contain it.
const CHANNEL_PREFIX: char = '@';

/// Term weights of one story, or of several added together (a reader's interests).
/// Terms are kept sorted, so that every computation on them is deterministic. A sorted
/// list rather than a `BTreeMap`: profiles hold a few dozen terms, and the map's code is
/// several kilobytes of the wasm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    terms: Vec<(String, f64)>,
}

impl Profile {
    /// The profile of a story, scaled to unit length so that long and short stories
    /// count alike when profiles are added up.
    pub fn of(story: &Story) -> Self {
        let mut profile = Self::default();
        profile.words(story.title, TITLE_WORD_WEIGHT);
        profile.words(story.summary.unwrap_or(""), SUMMARY_WORD_WEIGHT);
        let mut seen_tags: Vec<String> = Vec::new();
        for tag in story.tags {
            let key = tag_key(tag);
            if key.is_empty() || seen_tags.contains(&key) {
                continue;
            }
            profile.words(tag, TITLE_WORD_WEIGHT);
            profile.bump(prefixed(TAG_PREFIX, &key), TAG_WEIGHT);
            seen_tags.push(key);
        }
        if let Some(channel) = story.channel.map(str::trim).filter(|c| !c.is_empty()) {
            profile.bump(prefixed(CHANNEL_PREFIX, channel), CHANNEL_WEIGHT);
        }
        let norm = profile.norm();
        profile.scaled(1.0 / norm.max(f64::MIN_POSITIVE))
    }

    /// Adds each word of `text` with `weight`.
    fn words(&mut self, text: &str, weight: f64) {
        each_token(text, &mut |word| self.bump(word, weight));
    }

    /// Adds `other`, scaled by `weight`, to this profile.
    pub fn add(&mut self, other: &Profile, weight: f64) {
        if weight.is_finite() && weight > 0.0 {
            for (term, w) in &other.terms {
                self.bump(term.clone(), w * weight);
            }
        }
    }

    /// Cosine similarity, from 0 (nothing in common) to 1 (the same direction); 0 when
    /// either profile is empty.
    pub fn cosine(&self, other: &Profile) -> f64 {
        let (small, large) = if self.terms.len() <= other.terms.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut dot = 0.0;
        for (term, w) in &small.terms {
            dot += w * large.word(term);
        }
        let norms = self.norm() * other.norm();
        if norms > 0.0 && dot.is_finite() {
            (dot / norms).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Euclidean length.
    pub fn norm(&self) -> f64 {
        let mut sum = 0.0;
        for (_, w) in &self.terms {
            sum += w * w;
        }
        sum.sqrt()
    }

    /// Whether the profile has no terms (a story without words, tags or channel).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The weight of a word (as [`super::tokenize::tokens`] gives it), 0 when absent.
    pub fn word(&self, word: &str) -> f64 {
        self.find(word).map_or(0.0, |i| self.terms[i].1)
    }

    /// Where `term` is (`Ok`) or would go (`Err`) in the sorted terms.
    fn find(&self, term: &str) -> Result<usize, usize> {
        self.terms.binary_search_by(|(t, _)| t.as_str().cmp(term))
    }

    fn bump(&mut self, term: String, weight: f64) {
        match self.find(&term) {
            Ok(i) => self.terms[i].1 += weight,
            Err(i) => self.terms.insert(i, (term, weight)),
        }
    }

    fn scaled(mut self, factor: f64) -> Self {
        for (_, w) in &mut self.terms {
            *w *= factor;
        }
        self
    }
}

/// `name` marked as a term of its own by `prefix`.
fn prefixed(prefix: char, name: &str) -> String {
    let mut term = String::from(prefix);
    term.push_str(name);
    term
}

/// Tags compare case-insensitively and without surrounding space.
pub(crate) fn tag_key(tag: &str) -> String {
    crate::text::chars::fold(tag.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story<'a>(title: &'a str, tags: &'a [String], channel: Option<&'a str>) -> Story<'a> {
        Story {
            id: "x",
            title,
            summary: None,
            tags,
            channel,
        }
    }

    #[test]
    fn a_story_is_identical_to_itself_and_unit_length() {
        let tags = ["黄山".to_owned(), "风光".to_owned()];
        let p = Profile::of(&story(
            "黄山云海翻腾 月下群峰如岛",
            &tags,
            Some("huangshan"),
        ));
        assert!((p.norm() - 1.0).abs() < 1e-12);
        assert!((p.cosine(&p) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn shared_tags_count_more_than_a_shared_word() {
        let none: [String; 0] = [];
        let tagged = ["风光".to_owned()];
        let base = Profile::of(&story("渔梁坝畔春意浓", &tagged, None));
        let same_word = Profile::of(&story("春意盎然的茶园", &none, None));
        let same_tag = Profile::of(&story("新安江山水画廊", &tagged, None));
        assert!(base.cosine(&same_tag) > base.cosine(&same_word));
        assert!(base.cosine(&same_word) > 0.0);
    }

    #[test]
    fn channel_alone_gives_some_similarity() {
        let none: [String; 0] = [];
        let a = Profile::of(&story("乡情未改师恩难忘", &none, Some("shexian")));
        let b = Profile::of(&story("歙县企业有序复工复产", &none, Some("shexian")));
        let c = Profile::of(&story("歙县企业有序复工复产", &none, Some("anhui")));
        assert!(a.cosine(&b) > 0.0);
        assert_eq!(a.cosine(&c), 0.0);
    }

    #[test]
    fn empty_profiles_are_dissimilar_to_everything() {
        let none: [String; 0] = [];
        let empty = Profile::of(&story("!!!", &none, None));
        assert!(empty.is_empty());
        let other = Profile::of(&story("歙县", &none, None));
        assert_eq!(empty.cosine(&other), 0.0);
        assert_eq!(empty.cosine(&empty), 0.0);
    }

    #[test]
    fn tags_compare_without_case_and_repeat_once() {
        let a_tags = ["WebAssembly".to_owned(), " webassembly ".to_owned()];
        let b_tags = ["webassembly".to_owned()];
        let a = Profile::of(&story("", &a_tags, None));
        let b = Profile::of(&story("", &b_tags, None));
        assert!((a.cosine(&b) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn adding_profiles_weights_them() {
        let none: [String; 0] = [];
        let tea = Profile::of(&story("春茶开采", &none, None));
        let dam = Profile::of(&story("渔梁坝", &none, None));
        let mut interest = Profile::default();
        interest.add(&tea, 3.0);
        interest.add(&dam, 1.0);
        interest.add(&dam, f64::NAN);
        assert!(interest.cosine(&tea) > interest.cosine(&dam));
        assert!(interest.word("春茶") > interest.word("渔梁"));
    }
}

//! What the reader has opened, kept in the browser's storage of the host site and never
//! sent anywhere: bounded in size, serialised to a compact versioned string, and read
//! back forgivingly (a corrupt or foreign string is an empty history, never an error).

use super::story::Story;

/// Most entries kept; opening one more article drops the least recently opened.
pub const MAX_ENTRIES: usize = 100;
/// Longest id kept, in characters; a longer id is not recorded.
pub const MAX_ID_CHARS: usize = 200;
/// Longest headline kept, in characters; longer ones are cut (only ranking reads them).
pub const MAX_TITLE_CHARS: usize = 120;
/// Most tags kept per entry.
pub const MAX_TAGS: usize = 12;
/// Longest tag or channel id kept, in characters.
pub const MAX_TAG_CHARS: usize = 40;
/// The storage key the browser shell keeps the encoded history under.
pub const STORAGE_KEY: &str = "article-widget:history";

/// First line of an encoded history; a string that does not start with it is foreign.
const HEADER: &str = "awh1";

/// One article the reader opened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryEntry {
    /// The article id.
    pub id: String,
    /// Its headline, shown as the reason for a suggestion ("because you read …").
    pub title: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its channel id.
    pub channel: Option<String>,
    /// When the reader last opened it, in Unix milliseconds.
    pub opened_at: u64,
    /// How far the reader got, from 0 to 1, to the nearest hundredth; never decreases.
    pub progress: f32,
}

/// The reader's history, most recently opened first, at most [`MAX_ENTRIES`] long and
/// without repeated ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    entries: Vec<HistoryEntry>,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entries, most recently opened first.
    pub fn entries(&self) -> &[HistoryEntry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing has been recorded (or the history was cleared).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of an article, if the reader opened it.
    pub fn get(&self, id: &str) -> Option<&HistoryEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Whether the reader opened this article.
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Records that the reader opened `story` at `now_ms`. Opening it again moves it to
    /// the front with the new time, title, tags and channel, and keeps its progress. An
    /// empty or overlong id is not recorded.
    pub fn open(&mut self, story: &Story, now_ms: u64) {
        let channel = story.channel.unwrap_or("");
        let Some(mut entry) = entry(story.id, now_ms, 0.0, channel, story.title) else {
            return;
        };
        for tag in story.tags {
            entry.keep_tag(tag);
        }
        if let Some(i) = self.entries.iter().position(|e| e.id == entry.id) {
            entry.progress = self.entries.remove(i).progress;
        }
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
    }

    /// Records how far the reader got in an opened article (0 to 1; values outside are
    /// clamped, non-numbers ignored). Progress only grows. Returns whether the entry
    /// changed, so that the shell writes storage only then.
    pub fn read(&mut self, id: &str, progress: f32) -> bool {
        if !progress.is_finite() {
            return false;
        }
        let progress = hundredths(progress);
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) if progress > entry.progress => {
                entry.progress = progress;
                true
            }
            _ => false,
        }
    }

    /// Forgets everything (the reader's "clear my history").
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The history as a compact string for storage: a version line, then one line per
    /// entry with tab-separated id, time, progress in percent, channel, title and tags.
    pub fn encode(&self) -> String {
        let mut out = String::from(HEADER);
        for e in &self.entries {
            let percent = (e.progress * 100.0).round() as u32;
            let (time, percent) = (e.opened_at.to_string(), percent.to_string());
            let channel = e.channel.as_deref().unwrap_or("");
            out.push('\n');
            out.push_str(&e.id);
            for field in [time.as_str(), percent.as_str(), channel, e.title.as_str()] {
                out.push('\t');
                out.push_str(field);
            }
            for tag in &e.tags {
                out.push('\t');
                out.push_str(tag);
            }
        }
        out
    }

    /// Reads a string written by [`History::encode`]. Anything else (another version,
    /// another program's data, a truncated write) gives an empty history or, for a
    /// damaged line, the history without that line.
    pub fn decode(text: &str) -> Self {
        let mut lines = text.split('\n');
        if lines.next().map(|l| l.trim_end_matches('\r')) != Some(HEADER) {
            return Self::default();
        }
        let mut entries: Vec<HistoryEntry> = Vec::new();
        for line in lines {
            if let Some(entry) = decode_line(line.trim_end_matches('\r')) {
                if !entries.iter().any(|e| e.id == entry.id) {
                    entries.push(entry);
                }
            }
        }
        // Newest first; of equal times, the earlier line first (the order is stable).
        let mut order = crate::order::permutation(entries.len(), &mut |a, b| {
            entries[b].opened_at.cmp(&entries[a].opened_at)
        });
        order.truncate(MAX_ENTRIES);
        let mut newest = Vec::with_capacity(order.len());
        for i in order {
            newest.push(std::mem::take(&mut entries[i]));
        }
        Self { entries: newest }
    }
}

/// One entry from a line of [`History::encode`], read as [`History::open`] records one,
/// so that what is read is written back unchanged.
fn decode_line(line: &str) -> Option<HistoryEntry> {
    let mut fields = line.split('\t');
    let id = fields.next()?;
    let opened_at = crate::text::number(fields.next()?, 10)?;
    let percent = crate::text::number(fields.next()?, 10).filter(|p| *p <= 100)?;
    let channel = fields.next()?;
    let title = fields.next()?;
    // At most 100: exact as an f32.
    let progress = percent as f32 / 100.0;
    let mut entry = entry(id, opened_at, progress, channel, title)?;
    for tag in fields {
        entry.keep_tag(tag);
    }
    Some(entry)
}

/// An entry as it is kept, without tags yet (see [`HistoryEntry::keep_tag`]): control
/// characters (tabs and newlines included) as spaces, as they would break the line format
/// and mean nothing in a headline; the title and channel cut to their limits; a blank
/// channel dropped. `None` for an empty or overlong id.
fn entry(
    id: &str,
    opened_at: u64,
    progress: f32,
    channel: &str,
    title: &str,
) -> Option<HistoryEntry> {
    let id = clean(id, MAX_ID_CHARS + 1);
    if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
        return None;
    }
    let channel = clean(channel, MAX_TAG_CHARS);
    Some(HistoryEntry {
        id,
        title: headline(title),
        tags: Vec::new(),
        channel: (!channel.trim().is_empty()).then_some(channel),
        opened_at,
        progress,
    })
}

impl HistoryEntry {
    /// Keeps `tag` as the entries keep tags: cleaned as the title is and cut to its limit;
    /// a blank tag and any after the first [`MAX_TAGS`] dropped.
    fn keep_tag(&mut self, tag: &str) {
        if self.tags.len() < MAX_TAGS {
            let tag = clean(tag, MAX_TAG_CHARS);
            if !tag.trim().is_empty() {
                self.tags.push(tag);
            }
        }
    }
}

/// `value` clamped to 0..=1 and rounded to hundredths, as it will be stored.
fn hundredths(value: f32) -> f32 {
    (value.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// `title` as an entry keeps it: cleaned, and cut to [`MAX_TITLE_CHARS`] with an ellipsis as
/// its last character when it was longer, so that "because you read" never shows a headline
/// cut without saying so.
fn headline(title: &str) -> String {
    let mut kept = clean(title, MAX_TITLE_CHARS);
    if title.chars().nth(MAX_TITLE_CHARS).is_some() {
        kept.pop();
        kept.push('…');
    }
    kept
}

/// The first `max_chars` characters of `text`, control characters as spaces.
fn clean(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for c in text.chars().take(max_chars) {
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story<'a>(id: &'a str, title: &'a str, tags: &'a [String]) -> Story<'a> {
        Story {
            id,
            title,
            summary: None,
            tags,
            channel: Some("shexian"),
        }
    }

    #[test]
    fn opening_records_newest_first_and_reopening_moves_to_front() {
        let tags = ["歙县".to_owned()];
        let mut h = History::new();
        h.open(&story("a", "渔梁坝畔春意浓", &tags), 1_000);
        h.open(&story("b", "春茶开采在即 茶农备足农资", &tags), 2_000);
        assert!(h.read("a", 0.8));
        h.open(&story("a", "渔梁坝畔春意浓(更新)", &tags), 3_000);
        let ids: Vec<_> = h.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let a = h.get("a").unwrap();
        assert_eq!(
            (a.opened_at, a.progress, a.title.as_str()),
            (3_000, 0.8, "渔梁坝畔春意浓(更新)")
        );
        assert_eq!(a.channel.as_deref(), Some("shexian"));
    }

    #[test]
    fn bounded_to_the_most_recent_entries() {
        let mut h = History::new();
        for i in 0..(MAX_ENTRIES as u64 + 25) {
            h.open(&story(&format!("id-{i}"), "t", &[]), i);
        }
        assert_eq!(h.len(), MAX_ENTRIES);
        assert!(h.contains(&format!("id-{}", MAX_ENTRIES + 24)));
        assert!(!h.contains("id-24"));
        assert!(h.contains("id-25"));
    }

    #[test]
    fn long_fields_are_cut_and_empty_ids_ignored() {
        let long_title = "长".repeat(500);
        let many_tags: Vec<String> = (0..50).map(|i| format!("tag{i}")).collect();
        let mut h = History::new();
        h.open(&story("x", &long_title, &many_tags), 1);
        h.open(&story("  ", "blank id", &[]), 2);
        h.open(&story(&"i".repeat(MAX_ID_CHARS + 1), "long id", &[]), 3);
        assert_eq!(h.len(), 1);
        let e = &h.entries()[0];
        assert_eq!(e.title.chars().count(), MAX_TITLE_CHARS);
        assert!(e.title.ends_with("长…"), "a cut title says so: {}", e.title);
        assert_eq!(e.tags.len(), MAX_TAGS);
        assert!(h.encode().len() < 2_000);
        h.open(&story("y", &"长".repeat(MAX_TITLE_CHARS), &[]), 4);
        let fits = h
            .entries()
            .iter()
            .find(|e| e.id == "y")
            .map(|e| e.title.clone());
        assert_eq!(
            fits,
            Some("长".repeat(MAX_TITLE_CHARS)),
            "a title that fits is kept whole"
        );
    }

    #[test]
    fn progress_only_grows_and_is_clamped() {
        let mut h = History::new();
        h.open(&story("a", "t", &[]), 1);
        assert!(h.read("a", 0.5));
        assert!(!h.read("a", 0.3));
        assert!(!h.read("a", 0.501));
        assert!(!h.read("a", f32::NAN));
        assert!(h.read("a", 7.0));
        assert_eq!(h.get("a").unwrap().progress, 1.0);
        assert!(!h.read("unknown", 0.9));
        assert!(!h.read("a", -1.0));
    }

    #[test]
    fn encodes_and_decodes_exactly() {
        let tags = ["歙县".to_owned(), "风光".to_owned(), "古镇".to_owned()];
        let mut h = History::new();
        h.open(
            &story("yuliangba-chunse", "渔梁坝畔春意浓", &tags),
            1_581_892_200_000,
        );
        h.read("yuliangba-chunse", 0.333);
        h.open(
            &Story {
                id: "no-tags",
                title: "Tab\there, newline\nthere",
                summary: None,
                tags: &[],
                channel: None,
            },
            1_581_892_300_000,
        );
        let text = h.encode();
        assert!(text.starts_with("awh1\n"));
        let back = History::decode(&text);
        assert_eq!(back, h);
        assert_eq!(back.get("yuliangba-chunse").unwrap().progress, 0.33);
        assert_eq!(
            back.get("no-tags").unwrap().title,
            "Tab here, newline there"
        );
        assert_eq!(History::decode(&History::new().encode()), History::new());
    }

    #[test]
    fn foreign_or_corrupt_strings_decode_to_an_empty_history() {
        for junk in [
            "",
            "null",
            "[]",
            "{\"history\":[1,2,3]}",
            "awh2\na\t1\t50\t\tt",
            "AWH1\na\t1\t50\t\tt",
            "\u{0}\u{1}\u{fffd}",
            "awh",
        ] {
            assert!(History::decode(junk).is_empty(), "{junk:?}");
        }
    }

    #[test]
    fn damaged_lines_are_skipped_and_the_rest_kept() {
        let text = "awh1\r\nok\t20\t50\tshexian\t标题\t歙县\r\n\tno-id\t1\t1\t\tt\nbad-time\tsoon\t1\t\tt\n\
                    bad-percent\t1\t101\t\tt\ntoo-short\t1\t1\nok\t10\t90\t\tolder duplicate\nlater\t30\t0\t\tt";
        let h = History::decode(text);
        let ids: Vec<_> = h.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["later", "ok"]);
        let ok = h.get("ok").unwrap();
        assert_eq!(
            (ok.progress, ok.tags.as_slice()),
            (0.5, ["歙县".to_owned()].as_slice())
        );
    }

    #[test]
    fn what_is_read_is_written_back_unchanged() {
        // Found by fuzzing (fuzz/fuzz_targets/storage.rs): a tag ending in a carriage
        // return lost it when written and read again (it then ended the line), and a tag or
        // channel of spaces beyond the length limit was kept, then cut to blank and dropped.
        let spaces = " ".repeat(MAX_TAG_CHARS);
        for stored in [
            "awh1\na\t1\t0\t\tT\tx\r\t ".to_owned(),
            format!("awh1\na\t1\t0\t{spaces}c\tT\t{spaces}d\te"),
            "awh1\na\u{1}b\t1\t0\tch\u{7f}\tT\u{85}".to_owned(),
        ] {
            let h = History::decode(&stored);
            assert_eq!(h.len(), 1, "{stored:?}");
            assert_eq!(History::decode(&h.encode()), h, "{stored:?}");
        }
        let h = History::decode(&format!("awh1\na\t1\t0\t{spaces}c\tT\t{spaces}d\te"));
        assert_eq!(h.entries()[0].tags, ["e"]);
        assert_eq!(h.entries()[0].channel, None);
        let h = History::decode("awh1\na\u{1}b\t1\t0\tch\u{7f}\tT\u{85}");
        let e = &h.entries()[0];
        assert_eq!(
            (e.id.as_str(), e.channel.as_deref(), e.title.as_str()),
            ("a b", Some("ch "), "T ")
        );
    }

    #[test]
    fn clear_forgets_everything() {
        let mut h = History::new();
        h.open(&story("a", "t", &[]), 1);
        h.clear();
        assert!(h.is_empty());
        assert_eq!(h.encode(), "awh1");
    }
}

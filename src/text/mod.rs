//! Text utilities of the core: character classes, time stamps in their own offset,
//! reading time.

pub mod chars;
pub mod datetime;
pub mod reading_time;

/// The byte index of the first `needle` in `haystack` (0 for an empty needle), as
/// [`str::find`] with a `&str` pattern gives it.
///
/// A plain scan rather than the standard library's two-way searcher: the texts searched
/// (interface templates, content types, short error bodies) are short, and the searcher is
/// some 1.5 KB of wasm.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let last = hay.len().checked_sub(needle.len())?;
    // A match starts where `needle`'s first byte does, never inside a character.
    let mut i = 0;
    while i <= last {
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Word `word` of `list` (words each followed by one space) as `list` spells it, with its
/// place in the list: the lookup of the tables kept as one string rather than as a table
/// of pointers to strings (the sanitizer's allowlist, the interface strings' names).
pub fn word(list: &'static str, word: &str) -> Option<(usize, &'static str)> {
    let mut start = 0;
    let mut n = 0;
    for (i, b) in list.bytes().enumerate() {
        if b == b' ' {
            if list.as_bytes()[start..i] == *word.as_bytes() {
                return Some((n, list.get(start..i)?));
            }
            start = i + 1;
            n += 1;
        }
    }
    None
}

/// `text` with every `from` (not empty) replaced by `to`, as [`str::replace`] does it.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    if !from.is_empty() {
        while let Some(i) = find(rest, from) {
            out.push_str(&rest[..i]);
            out.push_str(to);
            rest = &rest[i + from.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// `template` with `{}` replaced by the number `n` (counts in interface texts): one copy of
/// the number formatting in the wasm rather than one per text.
#[inline(never)]
pub fn fill(template: &str, n: u64) -> String {
    replace(template, "{}", &n.to_string())
}

/// `items` joined by `separator`, as `[String]::join` does it: one plain loop instead of
/// the standard library's generic join compiled once more for `String` items.
pub fn join(items: &[String], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out
}

/// The number written in `text` in base `radix` (2 to 36), as `u64::from_str_radix` reads
/// it: digits only, after at most one `+`; `None` for anything else or a number over
/// `u64::MAX`. Smaller types take the result through `try_from`, which refuses what their
/// own `parse` would refuse. One non-generic reader instead of the standard library's
/// per type.
pub fn number(text: &str, radix: u32) -> Option<u64> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for c in digits.chars() {
        n = n
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(c.to_digit(radix)?))?;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_and_replace_as_the_standard_library() {
        for (hay, needle) in [
            ("", ""),
            ("", "a"),
            ("a", ""),
            ("abc", "c"),
            ("abcabc", "ca"),
            ("阅读约 {} 分钟", "{}"),
            ("{}{}", "{}"),
            ("<p>x</p>", "</p>"),
            ("text/html", "json"),
            ("ab", "abc"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            if !needle.is_empty() {
                assert_eq!(replace(hay, needle, "→"), hay.replace(needle, "→"));
            }
        }
        assert_eq!(
            replace("abc", "", "x"),
            "abc",
            "an empty pattern replaces nothing"
        );
    }

    #[test]
    fn join_as_the_standard_library() {
        for items in [
            vec![],
            vec!["a".to_owned()],
            vec!["a".into(), "".into(), "c".into()],
        ] {
            assert_eq!(join(&items, ", "), items.join(", "));
        }
    }

    #[test]
    fn numbers_as_the_standard_library() {
        for text in [
            "",
            "+",
            "-",
            "0",
            "+7",
            "-7",
            "++7",
            "007",
            " 7",
            "7 ",
            "1a",
            "255",
            "256",
            "65536",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "ff",
            "FF",
            "x1",
            "١٢",
            "1_000",
        ] {
            assert_eq!(number(text, 10), text.parse::<u64>().ok(), "{text:?}");
            assert_eq!(
                number(text, 10).and_then(|n| u32::try_from(n).ok()),
                text.parse::<u32>().ok(),
                "{text:?}"
            );
            assert_eq!(
                number(text, 10).and_then(|n| u16::try_from(n).ok()),
                text.parse::<u16>().ok(),
                "{text:?}"
            );
            assert_eq!(
                number(text, 16).and_then(|n| u32::try_from(n).ok()),
                u32::from_str_radix(text, 16).ok(),
                "{text:?}"
            );
        }
    }
}

//! The crate's own stable merge sort and first-position index (used instead of the standard
//! library's sorts and hash maps to keep the wasm small), against the standard library:
//! the same order as `slice::sort_by_key` (equal keys keep their order), also with a
//! comparator; the same first position of every key as a linear search.
#![no_main]

use article_widget::order::{sort_by, sort_by_key, FirstIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<(u8, u16)>, Vec<Option<String>>)| {
    let (pairs, keys) = input;
    let mut ours = pairs.clone();
    sort_by_key(&mut ours, |&(k, _)| k);
    let mut std = pairs.clone();
    std.sort_by_key(|&(k, _)| k);
    assert_eq!(
        ours, std,
        "sort_by_key differs from the standard stable sort"
    );

    let mut ours = pairs.clone();
    sort_by(&mut ours, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut std = pairs;
    std.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(ours, std, "sort_by differs from the standard stable sort");

    let index = FirstIndex::new(keys.iter().map(Option::as_deref));
    for key in keys.iter().flatten() {
        let first = keys.iter().position(|k| k.as_deref() == Some(key.as_str()));
        assert_eq!(index.get(key), first, "first position of {key:?}");
        let absent = format!("{key}\u{0}absent");
        let expected = keys
            .iter()
            .position(|k| k.as_deref() == Some(absent.as_str()));
        assert_eq!(index.get(&absent), expected);
    }
});

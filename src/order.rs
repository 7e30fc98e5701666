//! Stable sorting through one shared, non-generic merge sort. The standard library's sorts
//! are monomorphised per element type and comparator, each copy several kilobytes of wasm;
//! here a call site costs only its comparator and the final reordering.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp` (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = permutation(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    reorder(items, &order);
}

/// Puts element `order[i]` at position `i`, by swaps in place: for each position, the
/// element meant for it is followed along the positions it was swapped to.
fn reorder<T>(items: &mut [T], order: &[usize]) {
    for (i, &first) in order.iter().enumerate() {
        let mut j = first;
        while j < i {
            j = order[j];
        }
        items.swap(i, j);
    }
}

/// Sorts `items` stably by the key `key` gives (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The first position of each string in a list, found by binary search in a sorted copy:
/// a lookup table without the hash tables' code in the wasm.
pub struct FirstIndex<'a>(Vec<(&'a str, usize)>);

impl<'a> FirstIndex<'a> {
    /// Indexes `keys` by position; `None` is skipped, and a repeated key keeps its first
    /// position.
    pub fn new(keys: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        Self::of(keys.into_iter().collect())
    }

    /// [`FirstIndex::new`] without the iterator: one copy in the wasm, not one per caller.
    fn of(keys: Vec<Option<&'a str>>) -> Self {
        let mut present: Vec<(&str, usize)> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if let Some(key) = key {
                present.push((key, i));
            }
        }
        // Stable: of equal keys, the first position comes first and is the one kept.
        let order = permutation(present.len(), &mut |a, b| present[a].0.cmp(present[b].0));
        let mut sorted: Vec<(&str, usize)> = Vec::with_capacity(order.len());
        for i in order {
            if sorted.last().is_none_or(|last| last.0 != present[i].0) {
                sorted.push(present[i]);
            }
        }
        Self(sorted)
    }

    /// The first position of `key`, if it is in the list.
    pub fn get(&self, key: &str) -> Option<usize> {
        let found = self.0.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        Some(self.0[found].1)
    }
}

/// The indices `0..len` in the stable order `cmp` defines on them: a bottom-up merge sort.
/// A caller that only needs to visit a list in order uses this directly, without a sorted
/// copy of the list.
pub fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut buffer = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buffer[start..end] {
                let take_left =
                    j >= end || (i < mid && cmp(order[i], order[j]) != Ordering::Greater);
                if take_left {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_u32;
        for len in [0usize, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1000] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 10, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std = items;
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "len {len}: equal keys keep their order");
        }
    }

    #[test]
    fn first_index_finds_the_first_position() {
        let index = FirstIndex::new([Some("b"), None, Some("a"), Some("b"), Some("c"), Some("a")]);
        assert_eq!(index.get("a"), Some(2));
        assert_eq!(index.get("b"), Some(0));
        assert_eq!(index.get("c"), Some(4));
        assert_eq!(index.get("d"), None);
        assert_eq!(FirstIndex::new(std::iter::empty()).get("a"), None);
    }

    #[test]
    fn sorts_by_a_comparator() {
        let mut words = vec!["pear", "fig", "apple", "kiwi"];
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        assert_eq!(words, ["apple", "kiwi", "pear", "fig"]);
    }
}

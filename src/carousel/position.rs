//! Where a carousel's track is: how many slides there are, how many fit in view, which is
//! the first in view, and how buttons, picker dots and the observed scroll position move
//! it. The track is a native CSS scroll-snap container and slides are never cloned, so a
//! position is simply the index of the first visible slide.

use std::ops::Range;

/// The position of a carousel track. The first visible slide is at most
/// `count - per_view`, so the last view is always full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    count: usize,
    per_view: usize,
    index: usize,
    wrap: bool,
}

/// How many slides of at least `min_slide_width` fit side by side, `gap` apart, in a track
/// `track_width` wide (all in CSS pixels); at least 1, also for widths not yet measured.
pub fn per_view_for(track_width: f64, min_slide_width: f64, gap: f64) -> usize {
    let gap = if gap.is_finite() { gap.max(0.0) } else { 0.0 };
    if !(track_width.is_finite()
        && min_slide_width.is_finite()
        && track_width > 0.0
        && min_slide_width > 0.0)
    {
        return 1;
    }
    let fit = ((track_width + gap) / (min_slide_width + gap)).floor();
    if fit >= 1.0 {
        fit.min(1_000.0) as usize
    } else {
        1
    }
}

impl Position {
    /// `count` slides, one per view, at the first slide. With `wrap`, next on the last
    /// view goes to the first and previous on the first goes to the last; without it
    /// they stop there.
    pub fn new(count: usize, wrap: bool) -> Self {
        Self {
            count,
            per_view: 1,
            index: 0,
            wrap,
        }
    }

    /// Number of slides.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Slides shown side by side.
    pub fn per_view(&self) -> usize {
        self.per_view
    }

    /// Index of the first visible slide.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Whether previous and next wrap around.
    pub fn wraps(&self) -> bool {
        self.wrap
    }

    /// The greatest index: the first slide of the last full view.
    pub fn last_index(&self) -> usize {
        self.count.saturating_sub(self.per_view)
    }

    /// Changes the number of slides, keeping the position where it can.
    pub fn set_count(&mut self, count: usize) {
        self.count = count;
        self.index = self.index.min(self.last_index());
    }

    /// Changes how many slides fit in view (at least 1), e.g. when the track is resized.
    /// Returns whether the position had to move.
    pub fn set_per_view(&mut self, per_view: usize) -> bool {
        self.per_view = per_view.max(1);
        self.clamp_to(self.index)
    }

    /// Shows slide `index` first (or the last full view when it is further). Returns
    /// whether the position changed.
    pub fn go_to(&mut self, index: usize) -> bool {
        self.clamp_to(index)
    }

    /// Moves one view forward: to the first slide after the current view, or on the last
    /// view to the first one when wrapping. Returns whether the position changed.
    #[expect(
        clippy::should_implement_trait,
        reason = "named after the carousel's Next button; not an iterator"
    )]
    pub fn next(&mut self) -> bool {
        self.step_forward(self.wrap)
    }

    /// Moves one view back, to the start of the view before. Returns whether the position
    /// changed.
    pub fn prev(&mut self) -> bool {
        if self.index > 0 {
            // The last view start before the position: the start of its view, or of the
            // view before when the position is at a view's start.
            self.clamp_to((self.index - 1) / self.per_view * self.per_view)
        } else {
            self.wrap && self.clamp_to(self.last_index())
        }
    }

    /// Whether the next button does anything (for `aria-disabled`).
    pub fn can_next(&self) -> bool {
        self.index < self.last_index() || (self.wrap && self.last_index() > 0)
    }

    /// Whether the previous button does anything (for `aria-disabled`).
    pub fn can_prev(&self) -> bool {
        self.index > 0 || (self.wrap && self.last_index() > 0)
    }

    /// The slides in view; the shell makes every other slide inert, so that off-screen
    /// slides are out of the tab order and hidden from assistive technology.
    pub fn visible(&self) -> Range<usize> {
        self.index..(self.index + self.per_view).min(self.count)
    }

    /// Whether slide `slide` is in view.
    pub fn is_visible(&self, slide: usize) -> bool {
        self.visible().contains(&slide)
    }

    /// Number of views the picker offers: `count / per_view`, rounded up (0 without
    /// slides).
    pub fn pages(&self) -> usize {
        self.count.div_ceil(self.per_view)
    }

    /// The view the position is in: the last one whose first slide is at or before it.
    pub fn page(&self) -> usize {
        // Views start every `per_view` slides, but the last one at the last index.
        if self.index >= self.last_index() {
            self.pages().saturating_sub(1)
        } else {
            self.index / self.per_view
        }
    }

    /// The first slide of view `page` (the last view is full, so it may start earlier
    /// than `page * per_view`).
    pub fn page_start(&self, page: usize) -> usize {
        page.saturating_mul(self.per_view).min(self.last_index())
    }

    /// Goes to view `page` (a picker dot). Returns whether the position changed.
    pub fn go_to_page(&mut self, page: usize) -> bool {
        self.clamp_to(self.page_start(page))
    }

    /// Follows the track once scrolling has settled (`scrollend`, or a short pause in
    /// `scroll` events where that is not supported): the slide nearest to the scroll offset
    /// becomes the first visible. Not for every `scroll` event: during a smooth `scrollTo`
    /// the offset passes the slides in between. `slide_pitch` is the distance from one
    /// slide's start to the next (width plus gap). The offset's sign is ignored, for
    /// right-to-left tracks. Returns whether the position changed.
    pub fn sync_scroll(&mut self, scroll_left: f64, slide_pitch: f64) -> bool {
        if !(scroll_left.is_finite() && slide_pitch.is_finite() && slide_pitch > 0.0) {
            return false;
        }
        let slide = (scroll_left.abs() / slide_pitch)
            .round()
            .min(self.count as f64);
        self.clamp_to(slide as usize)
    }

    /// The scroll offset that shows the position, for `scrollTo({ left })`.
    pub fn scroll_left(&self, slide_pitch: f64) -> f64 {
        if slide_pitch.is_finite() && slide_pitch > 0.0 {
            self.index as f64 * slide_pitch
        } else {
            0.0
        }
    }

    /// Forward by one view, wrapping to the first when `wrap` (autoplay always wraps).
    pub(crate) fn step_forward(&mut self, wrap: bool) -> bool {
        if self.index < self.last_index() {
            // The next view start: that of the view after the position's (the last view
            // starts at the last index, where `clamp_to` stops it).
            self.clamp_to((self.index / self.per_view + 1) * self.per_view)
        } else {
            wrap && self.clamp_to(0)
        }
    }

    fn clamp_to(&mut self, index: usize) -> bool {
        let index = index.min(self.last_index());
        let changed = index != self.index;
        self.index = index;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(count: usize, per_view: usize, wrap: bool) -> Position {
        let mut p = Position::new(count, wrap);
        p.set_per_view(per_view);
        p
    }

    #[test]
    fn moves_and_page_follow_the_view_starts() {
        // The view starts spelled out, against which `next`, `prev` and `page` are
        // computed in closed form.
        for count in 0..12 {
            for per_view in 1..6 {
                for wrap in [false, true] {
                    let p = at(count, per_view, wrap);
                    let starts: Vec<usize> = (0..p.pages()).map(|i| p.page_start(i)).collect();
                    for index in 0..=p.last_index() {
                        let mut q = p.clone();
                        q.go_to(index);
                        let page = starts.iter().filter(|&&s| s <= index).count();
                        assert_eq!(
                            q.page(),
                            page.saturating_sub(1),
                            "{count} {per_view} {index}"
                        );
                        let next = starts.iter().find(|&&s| s > index).copied();
                        let mut n = q.clone();
                        let moved = n.next();
                        let want = next.or(wrap.then_some(0)).unwrap_or(index);
                        assert_eq!((moved, n.index()), (want != index, want));
                        let prev = starts.iter().rev().find(|&&s| s < index).copied();
                        let want = prev.or(wrap.then(|| p.last_index())).unwrap_or(index);
                        let moved = q.prev();
                        assert_eq!((moved, q.index()), (want != index, want));
                    }
                }
            }
        }
    }

    #[test]
    fn next_and_prev_stop_at_the_ends_without_wrap() {
        let mut p = at(4, 1, false);
        assert!(!p.can_prev());
        assert!(!p.prev());
        assert!(p.next() && p.next() && p.next());
        assert_eq!(p.index(), 3);
        assert!(!p.can_next());
        assert!(!p.next());
        assert_eq!(p.index(), 3);
        assert!(p.prev());
        assert_eq!(p.index(), 2);
    }

    #[test]
    fn next_and_prev_wrap_when_asked() {
        let mut p = at(4, 1, true);
        assert!(p.can_prev());
        assert!(p.prev());
        assert_eq!(p.index(), 3);
        assert!(p.next());
        assert_eq!(p.index(), 0);
    }

    #[test]
    fn a_single_view_never_moves_even_when_wrapping() {
        let mut p = at(3, 4, true);
        assert!(!p.next() && !p.prev());
        assert!(!p.can_next() && !p.can_prev());
        assert_eq!(p.visible(), 0..3);
        assert_eq!(p.pages(), 1);
    }

    #[test]
    fn several_per_view_move_by_views_and_the_last_view_is_full() {
        let mut p = at(8, 3, false);
        assert_eq!(p.pages(), 3);
        assert_eq!(
            (0..3).map(|i| p.page_start(i)).collect::<Vec<_>>(),
            [0, 3, 5]
        );
        assert!(p.next());
        assert_eq!((p.index(), p.page(), p.visible()), (3, 1, 3..6));
        assert!(p.next());
        assert_eq!((p.index(), p.page(), p.visible()), (5, 2, 5..8));
        assert!(!p.next());
        assert!(p.prev());
        assert_eq!(p.index(), 3);
        assert!(p.prev());
        assert_eq!(p.index(), 0);
    }

    #[test]
    fn wrapping_never_shows_a_slide_twice_or_past_the_end() {
        let mut p = at(8, 3, true);
        for _ in 0..20 {
            p.next();
            let visible: Vec<usize> = p.visible().collect();
            assert_eq!(visible.len(), 3);
            assert!(visible.iter().all(|&i| i < 8));
        }
        let mut seen = Vec::new();
        for _ in 0..p.pages() {
            seen.push(p.index());
            p.next();
        }
        seen.sort_unstable();
        assert_eq!(seen, [0, 3, 5]);
    }

    #[test]
    fn go_to_clamps_to_the_last_full_view() {
        let mut p = at(8, 3, false);
        assert!(p.go_to(7));
        assert_eq!(p.index(), 5);
        assert!(!p.go_to(6));
        assert!(p.go_to_page(1));
        assert_eq!(p.index(), 3);
        assert!(p.go_to_page(99));
        assert_eq!(p.index(), 5);
    }

    #[test]
    fn visible_slides_are_the_current_view_only() {
        let mut p = at(8, 2, false);
        p.go_to(4);
        let visible: Vec<bool> = (0..8).map(|i| p.is_visible(i)).collect();
        assert_eq!(
            visible,
            [false, false, false, false, true, true, false, false]
        );
    }

    #[test]
    fn an_unaligned_position_moves_to_the_neighbouring_views() {
        let mut p = at(8, 3, false);
        p.go_to(1);
        assert_eq!(p.page(), 0);
        let mut q = p.clone();
        assert!(q.next());
        assert_eq!(q.index(), 3);
        assert!(p.prev());
        assert_eq!(p.index(), 0);
        p.go_to(4);
        assert_eq!(p.page(), 1);
        assert!(p.prev());
        assert_eq!(p.index(), 3);
    }

    #[test]
    fn resizing_keeps_the_position_valid() {
        let mut p = at(8, 1, false);
        p.go_to(7);
        assert!(p.set_per_view(3));
        assert_eq!(p.index(), 5);
        assert!(!p.set_per_view(0));
        assert_eq!(p.per_view(), 1);
        p.set_count(2);
        assert_eq!(p.index(), 1);
        p.set_count(0);
        assert_eq!((p.index(), p.pages(), p.visible()), (0, 0, 0..0));
        assert!(!p.next() && !p.prev());
    }

    #[test]
    fn per_view_from_track_width() {
        assert_eq!(per_view_for(1000.0, 240.0, 16.0), 3);
        assert_eq!(per_view_for(1008.0, 240.0, 16.0), 4);
        assert_eq!(per_view_for(320.0, 240.0, 16.0), 1);
        assert_eq!(per_view_for(100.0, 240.0, 16.0), 1);
        assert_eq!(per_view_for(0.0, 240.0, 16.0), 1);
        assert_eq!(per_view_for(f64::NAN, 240.0, 0.0), 1);
        assert_eq!(per_view_for(1000.0, 0.0, 0.0), 1);
        assert_eq!(per_view_for(1000.0, 250.0, f64::INFINITY), 4);
    }

    #[test]
    fn scroll_position_sets_the_index_and_back() {
        let mut p = at(8, 1, false);
        assert!(p.sync_scroll(1_010.0, 336.0));
        assert_eq!(p.index(), 3);
        assert!(!p.sync_scroll(1_100.0, 336.0));
        assert!(p.sync_scroll(-672.0, 336.0));
        assert_eq!(p.index(), 2);
        assert!(p.sync_scroll(1e12, 336.0));
        assert_eq!(p.index(), 7);
        assert!(!p.sync_scroll(f64::NAN, 336.0));
        assert!(!p.sync_scroll(100.0, 0.0));
        assert_eq!(p.scroll_left(336.0), 7.0 * 336.0);
        assert_eq!(p.scroll_left(-1.0), 0.0);
    }
}

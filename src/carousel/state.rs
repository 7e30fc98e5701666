//! The whole state the shell keeps for one carousel: its [`Position`] and its
//! [`Autoplay`] policy, with the operations that touch both (a move by the reader starts
//! the autoplay interval over; an autoplay step always wraps) and what the shell renders
//! from them.

use super::autoplay::Autoplay;
use super::labels::CarouselStrings;
use super::position::Position;
use crate::i18n::Locale;

/// How a carousel behaves; the default is the WAI-ARIA recommendation: no autoplay,
/// stopping at the ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Previous and next wrap around at the ends.
    pub wrap: bool,
    /// Rotate by itself every this many milliseconds; `None` (the default) for never.
    pub autoplay_ms: Option<u64>,
}

/// One picker dot: a view of the carousel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dot {
    /// The view it shows, from 0.
    pub page: usize,
    /// The first slide of that view.
    pub first: usize,
    /// Whether it is the current view (`aria-selected` or `aria-current`).
    pub current: bool,
    /// Its accessible label: "Slide 3", "Slides 4–6".
    pub label: String,
}

/// A carousel's state: where it is and whether it rotates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carousel {
    position: Position,
    autoplay: Autoplay,
}

impl Carousel {
    /// A carousel of `count` slides at the first slide, one per view until the shell
    /// measures the track ([`Carousel::set_per_view`]).
    pub fn new(count: usize, options: Options) -> Self {
        let autoplay = options
            .autoplay_ms
            .map_or_else(Autoplay::off, Autoplay::every);
        Self {
            position: Position::new(count, options.wrap),
            autoplay,
        }
    }

    /// Where the track is: index, slides in view, views.
    pub fn position(&self) -> &Position {
        &self.position
    }

    /// The autoplay policy.
    pub fn autoplay(&self) -> &Autoplay {
        &self.autoplay
    }

    /// The autoplay policy, to report hover, focus, visibility, reduced motion and the
    /// rotation control.
    pub fn autoplay_mut(&mut self) -> &mut Autoplay {
        &mut self.autoplay
    }

    /// The reader pressed next. Returns whether the position changed.
    #[expect(
        clippy::should_implement_trait,
        reason = "named after the carousel's Next button; not an iterator"
    )]
    pub fn next(&mut self) -> bool {
        self.by_hand(Position::next)
    }

    /// The reader pressed previous. Returns whether the position changed.
    pub fn prev(&mut self) -> bool {
        self.by_hand(Position::prev)
    }

    /// The reader chose a picker dot. Returns whether the position changed.
    pub fn go_to_page(&mut self, page: usize) -> bool {
        self.by_hand(|p| p.go_to_page(page))
    }

    /// Shows slide `index` first. Returns whether the position changed.
    pub fn go_to(&mut self, index: usize) -> bool {
        self.by_hand(|p| p.go_to(index))
    }

    /// Scrolling of the track settled (after the reader swiped it, or after the shell's own
    /// `scrollTo`); see [`Position::sync_scroll`] for when to call it. Returns whether the
    /// position changed.
    pub fn sync_scroll(&mut self, scroll_left: f64, slide_pitch: f64) -> bool {
        self.by_hand(|p| p.sync_scroll(scroll_left, slide_pitch))
    }

    /// The track was resized to show `per_view` slides. Returns whether the position had
    /// to move.
    pub fn set_per_view(&mut self, per_view: usize) -> bool {
        self.position.set_per_view(per_view)
    }

    /// The shell's timer fired at `now_ms`: advances one view (wrapping) when autoplay
    /// says so. Returns whether the position changed.
    pub fn tick(&mut self, now_ms: u64) -> bool {
        self.autoplay.tick(now_ms) && self.position.step_forward(true)
    }

    /// `aria-live` of the slides container: "off" only while it really rotates.
    pub fn live(&self) -> &'static str {
        if self.can_rotate() {
            self.autoplay.live()
        } else {
            "polite"
        }
    }

    /// Whether there is anything to rotate to: more than one view of slides.
    fn can_rotate(&self) -> bool {
        self.position.pages() > 1
    }

    /// Whether `scrollTo` jumps ("instant") rather than glides ("smooth"): under reduced
    /// motion.
    pub fn instant_scroll(&self) -> bool {
        self.autoplay.reduced_motion()
    }

    /// Accessible label of slide `index`: "3 of 8".
    pub fn slide_label(&self, index: usize, locale: Locale) -> String {
        CarouselStrings::of(locale).slide_label(index, self.position.count())
    }

    /// Label of the rotation control, or `None` when there is none (no autoplay, reduced
    /// motion, or everything fits in one view).
    pub fn rotation_label(&self, locale: Locale) -> Option<&'static str> {
        (self.autoplay.has_control() && self.can_rotate())
            .then(|| CarouselStrings::of(locale).rotation(self.autoplay.is_playing()))
    }

    /// The picker dots, one per view; none when everything fits in one view.
    pub fn dots(&self, locale: Locale) -> Vec<Dot> {
        let p = &self.position;
        if p.pages() < 2 {
            return Vec::new();
        }
        let strings = CarouselStrings::of(locale);
        let current = p.page();
        let mut dots = Vec::with_capacity(p.pages());
        for page in 0..p.pages() {
            let first = p.page_start(page);
            let last = (first + p.per_view()).min(p.count()).saturating_sub(1);
            dots.push(Dot {
                page,
                first,
                current: page == current,
                label: strings.dot_label(first, last),
            });
        }
        dots
    }

    fn by_hand(&mut self, f: impl FnOnce(&mut Position) -> bool) -> bool {
        let changed = f(&mut self.position);
        if changed {
            self.autoplay.restart();
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_pattern() {
        let c = Carousel::new(8, Options::default());
        assert!(!c.autoplay().is_enabled());
        assert!(!c.position().wraps());
        assert_eq!(c.rotation_label(Locale::En), None);
        assert_eq!(c.live(), "polite");
    }

    #[test]
    fn autoplay_advances_and_wraps_even_when_buttons_stop() {
        let mut c = Carousel::new(
            3,
            Options {
                wrap: false,
                autoplay_ms: Some(5_000),
            },
        );
        c.autoplay_mut().set_on_screen(true);
        assert!(!c.tick(0));
        assert!(c.tick(5_000));
        assert!(c.tick(10_000));
        assert_eq!(c.position().index(), 2);
        assert!(c.tick(15_000));
        assert_eq!(c.position().index(), 0);
    }

    #[test]
    fn moving_by_hand_restarts_the_interval() {
        let mut c = Carousel::new(
            5,
            Options {
                wrap: true,
                autoplay_ms: Some(5_000),
            },
        );
        c.autoplay_mut().set_on_screen(true);
        c.tick(0);
        assert!(c.next());
        assert!(!c.tick(5_000));
        assert!(c.tick(10_000));
        assert_eq!(c.position().index(), 2);
    }

    #[test]
    fn labels_and_rotation_control() {
        let mut c = Carousel::new(
            8,
            Options {
                wrap: false,
                autoplay_ms: Some(6_000),
            },
        );
        assert_eq!(c.slide_label(2, Locale::En), "3 of 8");
        assert_eq!(c.slide_label(2, Locale::ZhCn), "第 3 张,共 8 张");
        assert_eq!(
            c.rotation_label(Locale::En),
            Some("Stop automatic slide show")
        );
        c.autoplay_mut().engaged();
        assert_eq!(c.rotation_label(Locale::ZhCn), Some("开始自动播放"));
        assert!(!c.instant_scroll(), "smooth scrolling");
        c.autoplay_mut().set_reduced_motion(true);
        assert_eq!(c.rotation_label(Locale::ZhCn), None);
        assert!(c.instant_scroll(), "instant scrolling under reduced motion");
    }

    #[test]
    fn dots_are_views_with_the_current_one_marked() {
        let mut c = Carousel::new(8, Options::default());
        c.set_per_view(3);
        c.go_to_page(1);
        let dots = c.dots(Locale::En);
        let summary: Vec<_> = dots
            .iter()
            .map(|d| (d.first, d.current, d.label.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (0, false, "Slides 1–3"),
                (3, true, "Slides 4–6"),
                (5, false, "Slides 6–8")
            ]
        );
        c.set_per_view(1);
        let dots = c.dots(Locale::ZhTw);
        assert_eq!(dots.len(), 8);
        assert_eq!(dots[3].label, "第 4 張");
        assert!(dots[3].current);
        c.set_per_view(8);
        assert!(c.dots(Locale::En).is_empty());
    }

    #[test]
    fn scrolling_the_track_moves_the_dots() {
        let mut c = Carousel::new(4, Options::default());
        assert!(c.sync_scroll(2.0 * 300.0 + 10.0, 300.0));
        assert_eq!(c.position().index(), 2);
        assert!(c.dots(Locale::En)[2].current);
    }

    #[test]
    fn a_carousel_with_one_view_has_no_rotation_control_and_a_polite_live_region() {
        let mut c = Carousel::new(
            1,
            Options {
                wrap: false,
                autoplay_ms: Some(3_000),
            },
        );
        c.autoplay_mut().set_on_screen(true);
        assert_eq!(c.rotation_label(Locale::En), None);
        assert_eq!(c.live(), "polite");
        let mut c = Carousel::new(
            3,
            Options {
                wrap: false,
                autoplay_ms: Some(3_000),
            },
        );
        c.autoplay_mut().set_on_screen(true);
        assert!(c.rotation_label(Locale::En).is_some());
        c.set_per_view(3);
        assert_eq!(c.rotation_label(Locale::En), None);
    }
}

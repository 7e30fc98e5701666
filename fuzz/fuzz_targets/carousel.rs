//! A carousel's state driven by arbitrary sequences of what the reader and the page do:
//! buttons, picker dots, swipes (settled scroll offsets), resizes, hover, focus, hidden tab,
//! scrolling out of view, reduced motion, the rotation control and timer ticks. Beyond "no
//! panic", after every step: the first visible slide keeps the last view full; the slides
//! in view are within the carousel; exactly one picker dot is current and the dots start
//! at increasing slides; the labels name real slides; the buttons' enabled states match
//! what pressing them does; nothing rotates under reduced motion, hovered, hidden, off
//! screen or after focus until the reader presses play; the scroll offset maps back to the
//! same position.
#![no_main]

use arbitrary::Arbitrary;
use article_widget::carousel::{per_view_for, Carousel, Options};
use article_widget::i18n::Locale;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    Next,
    Prev,
    Page(u16),
    GoTo(u16),
    Swipe {
        offset: f64,
        pitch: f64,
    },
    Resize {
        track: f64,
        min_slide: f64,
        gap: f64,
    },
    PerView(u16),
    Hover(bool),
    Focus,
    Hidden(bool),
    OnScreen(bool),
    ReducedMotion(bool),
    Toggle,
    Play,
    Pause,
    Tick {
        after_ms: u32,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    count: u8,
    wrap: bool,
    autoplay_ms: Option<u32>,
    ops: Vec<Op>,
}

fn check(c: &Carousel) {
    let p = c.position();
    assert!(p.per_view() >= 1);
    assert!(
        p.index() <= p.last_index(),
        "index {} past {}",
        p.index(),
        p.last_index()
    );
    assert!(
        p.index() == 0 || p.index() + p.per_view() <= p.count(),
        "the last view is not full"
    );
    let visible = p.visible();
    assert!(visible.end <= p.count() && visible.start == p.index());
    assert_eq!(visible.len(), p.per_view().min(p.count()));
    let dots = c.dots(Locale::En);
    if p.pages() < 2 {
        assert!(dots.is_empty());
    } else {
        assert_eq!(dots.len(), p.pages());
        assert_eq!(dots.iter().filter(|d| d.current).count(), 1, "{dots:?}");
        assert!(dots
            .windows(2)
            .all(|w| w[0].first < w[1].first || p.per_view() > p.count()));
        assert!(dots
            .iter()
            .all(|d| d.first <= p.last_index() && !d.label.is_empty()));
        let current = dots.iter().find(|d| d.current).unwrap();
        assert_eq!(current.page, p.page());
    }
    for i in visible {
        assert!(c
            .slide_label(i, Locale::ZhCn)
            .contains(&p.count().to_string()));
    }
    let a = c.autoplay();
    if a.reduced_motion() || !a.is_enabled() {
        assert!(!a.is_rotating() && c.rotation_label(Locale::En).is_none());
    }
    assert_eq!(c.live() == "off", a.is_rotating() && p.pages() > 1);
    let mut probe = c.clone();
    assert_eq!(probe.next(), p.can_next(), "the next button state is wrong");
    let mut probe = c.clone();
    assert_eq!(
        probe.prev(),
        p.can_prev(),
        "the previous button state is wrong"
    );
    let mut probe = c.clone();
    let pitch = 317.5;
    assert!(
        !probe.sync_scroll(p.scroll_left(pitch), pitch),
        "the scroll offset moves the position"
    );
}

fuzz_target!(|input: Input| {
    let mut c = Carousel::new(
        usize::from(input.count),
        Options {
            wrap: input.wrap,
            autoplay_ms: input.autoplay_ms.map(u64::from),
        },
    );
    let mut now: u64 = 1_000_000;
    let mut engaged = false;
    check(&c);
    for op in input.ops.iter().take(200) {
        match *op {
            Op::Next => {
                c.next();
            }
            Op::Prev => {
                c.prev();
            }
            Op::Page(page) => {
                c.go_to_page(usize::from(page));
            }
            Op::GoTo(i) => {
                c.go_to(usize::from(i));
            }
            Op::Swipe { offset, pitch } => {
                c.sync_scroll(offset, pitch);
            }
            Op::Resize {
                track,
                min_slide,
                gap,
            } => {
                let per_view = per_view_for(track, min_slide, gap);
                assert!((1..=1_000).contains(&per_view));
                c.set_per_view(per_view);
            }
            Op::PerView(n) => {
                c.set_per_view(usize::from(n));
            }
            Op::Hover(false) => {}
            Op::Hover(true) | Op::Focus => {
                c.autoplay_mut().engaged();
                engaged = true;
            }
            Op::Hidden(h) => c.autoplay_mut().set_hidden(h),
            Op::OnScreen(s) => c.autoplay_mut().set_on_screen(s),
            Op::ReducedMotion(r) => c.autoplay_mut().set_reduced_motion(r),
            Op::Toggle => {
                let was_playing = c.autoplay().is_playing();
                c.autoplay_mut().toggle();
                if !was_playing {
                    engaged = false;
                }
            }
            Op::Play => {
                c.autoplay_mut().play();
                engaged = false;
            }
            Op::Pause => c.autoplay_mut().pause(),
            Op::Tick { after_ms } => {
                now += u64::from(after_ms);
                let rotating = c.autoplay().is_rotating();
                let due = c.autoplay().due_in(now);
                let moved = c.tick(now);
                if moved {
                    assert!(rotating, "moved while not rotating");
                    assert_eq!(due, Some(0), "moved before it was due");
                }
                if let Some(wait) = c.autoplay().due_in(now) {
                    assert!(wait <= c.autoplay().interval_ms().unwrap_or(0));
                }
            }
        }
        if engaged {
            assert!(!c.autoplay().is_rotating(), "rotating after hover or focus");
        }
        check(&c);
    }
});

//! How far through the article the reader is, from the article's box relative to the
//! viewport (`getBoundingClientRect().top` and `.height`, and the viewport's height).

/// The reading progress shown to the reader: 0 until the article's top leaves the top of
/// the viewport, 1 once its bottom has come into view, in proportion between. An article
/// that fits in the viewport is read (1) once all of it is in view.
///
/// ```
/// use article_widget::reading::progress::scrolled;
/// assert_eq!(scrolled(100.0, 2000.0, 800.0), 0.0);
/// assert_eq!(scrolled(-600.0, 2000.0, 800.0), 0.5);
/// assert_eq!(scrolled(-1200.0, 2000.0, 800.0), 1.0);
/// ```
pub fn scrolled(top: f64, height: f64, viewport: f64) -> f64 {
    if !(top.is_finite() && height.is_finite() && viewport.is_finite()) || height <= 0.0 {
        return 0.0;
    }
    let distance = height - viewport;
    if distance <= 0.0 {
        return if top >= 0.0 && top + height <= viewport {
            1.0
        } else {
            0.0
        };
    }
    (-top / distance).clamp(0.0, 1.0)
}

/// The share of the article that has been in view: how far down the article the bottom
/// of the viewport has reached (what the reading history records).
///
/// ```
/// use article_widget::reading::progress::seen;
/// assert_eq!(seen(0.0, 2000.0, 800.0), 0.4);
/// assert_eq!(seen(-1200.0, 2000.0, 800.0), 1.0);
/// ```
pub fn seen(top: f64, height: f64, viewport: f64) -> f64 {
    if !(top.is_finite() && height.is_finite() && viewport.is_finite()) || height <= 0.0 {
        return 0.0;
    }
    ((viewport - top) / height).clamp(0.0, 1.0)
}

/// How far the reader got, as last written to the reading history: it is written again
/// in steps of [`Recorded::STEP`], and once at the end, so that scrolling writes storage
/// a few times per article, not on every scroll event.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Recorded(f32);

impl Recorded {
    /// Shortest progress worth writing again (the end is always written).
    pub const STEP: f32 = 0.1;

    /// The share `seen` (see [`seen`]) measured now: `Some` (as `f32`) when it is to be
    /// written, the first measurement included, else `None`.
    pub fn next(&mut self, seen: f64) -> Option<f32> {
        let now = seen as f32;
        let end = now >= 1.0 && self.0 < 1.0;
        if !(now > 0.0 && (now >= self.0 + Self::STEP || end)) {
            return None;
        }
        self.0 = now;
        Some(now)
    }
}

/// `fraction` as a whole percentage, 0 to 100, for `aria-valuenow`.
pub fn percent(fraction: f64) -> u8 {
    (fraction.clamp(0.0, 1.0) * 100.0).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_from_top_to_bottom_of_a_long_article() {
        // A 3000 px article under 200 px of navigation, in an 800 px viewport.
        let at = |scroll: f64| scrolled(200.0 - scroll, 3000.0, 800.0);
        assert_eq!(at(0.0), 0.0);
        assert_eq!(at(200.0), 0.0);
        assert_eq!(at(1300.0), 0.5);
        assert_eq!(at(2400.0), 1.0);
        assert_eq!(at(5000.0), 1.0);
        let mut last = 0.0;
        for scroll in (0..3000).step_by(50) {
            let now = at(f64::from(scroll));
            assert!(now >= last, "monotonic at {scroll}");
            last = now;
        }
    }

    #[test]
    fn a_short_article_is_read_when_all_of_it_is_in_view() {
        assert_eq!(scrolled(100.0, 500.0, 800.0), 1.0);
        assert_eq!(scrolled(400.0, 500.0, 800.0), 0.0, "its end is still below");
        assert_eq!(scrolled(-10.0, 500.0, 800.0), 0.0, "its start has left");
        assert_eq!(scrolled(0.0, 800.0, 800.0), 1.0);
    }

    #[test]
    fn degenerate_boxes_are_unread() {
        for (top, height, viewport) in [
            (0.0, 0.0, 800.0),
            (0.0, -5.0, 800.0),
            (f64::NAN, 100.0, 800.0),
            (0.0, f64::INFINITY, 800.0),
            (0.0, 100.0, f64::NAN),
        ] {
            assert_eq!(scrolled(top, height, viewport), 0.0);
            assert_eq!(seen(top, height, viewport), 0.0);
        }
    }

    #[test]
    fn seen_counts_what_came_into_view() {
        assert_eq!(seen(800.0, 2000.0, 800.0), 0.0);
        assert_eq!(seen(-200.0, 2000.0, 800.0), 0.5);
        assert_eq!(seen(-5000.0, 2000.0, 800.0), 1.0);
    }

    #[test]
    fn the_first_measurement_is_recorded_then_steps_and_the_end() {
        let mut fits = Recorded::default();
        assert_eq!(
            fits.next(seen(100.0, 500.0, 800.0)),
            Some(1.0),
            "all in view at once"
        );
        assert_eq!(fits.next(1.0), None, "the end once");

        let mut long = Recorded::default();
        assert_eq!(
            long.next(seen(0.0, 2000.0, 800.0)),
            Some(0.4),
            "unscrolled: the first screen"
        );
        assert_eq!(long.next(0.45), None, "less than a step");
        assert_eq!(long.next(0.3), None, "scrolled back up");
        assert_eq!(long.next(0.55), Some(0.55));
        assert_eq!(long.next(0.97), Some(0.97));
        assert_eq!(long.next(1.0), Some(1.0), "the end, however near");
        assert_eq!(long.next(1.0), None);

        let mut below = Recorded::default();
        assert_eq!(
            below.next(seen(900.0, 2000.0, 800.0)),
            None,
            "not in view yet: nothing read"
        );
        assert_eq!(below.next(f64::NAN), None);
    }

    #[test]
    fn percent_rounds_and_clamps() {
        assert_eq!(percent(0.0), 0);
        assert_eq!(percent(0.424), 42);
        assert_eq!(percent(0.995), 100);
        assert_eq!(percent(1.7), 100);
        assert_eq!(percent(-1.0), 0);
        assert_eq!(percent(f64::NAN), 0);
    }
}

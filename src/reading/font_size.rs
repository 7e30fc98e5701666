//! The article's text size as the reader chose it: a few steps around the site's size,
//! stored in `localStorage` under [`STORAGE_KEY`] as the percentage (e.g. `"125"`).

/// `localStorage` key of the reader's text size.
pub const STORAGE_KEY: &str = "article-widget:font-size";

/// The steps, in percent of the site's size, as text (stored and set as attributes as
/// such, so no number is parsed or formatted); the stylesheet has a rule for each
/// (`.aw[data-font-size="130"]`).
const STEPS: [&str; 5] = ["90", "100", "115", "130", "150"];
/// Index of 100 % in [`STEPS`].
const NORMAL: usize = 1;

/// One of the text size steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontSize(usize);

impl Default for FontSize {
    fn default() -> Self {
        FontSize(NORMAL)
    }
}

impl FontSize {
    /// The size stored as `stored` (a percentage of one of the steps); the site's size for
    /// anything else, so a stale or edited value never breaks the page.
    ///
    /// ```
    /// use article_widget::reading::FontSize;
    /// assert_eq!(FontSize::decode("130").percent(), "130");
    /// assert_eq!(FontSize::decode("131"), FontSize::default());
    /// ```
    pub fn decode(stored: &str) -> Self {
        let stored = stored.trim();
        STEPS
            .iter()
            .position(|p| *p == stored)
            .map_or_else(Self::default, FontSize)
    }

    /// The size in percent of the site's size (`"115"`); also its stored form and the
    /// value of the `data-font-size` attribute.
    pub fn percent(self) -> &'static str {
        STEPS[self.0]
    }

    /// One step larger, or `None` at the largest.
    pub fn larger(self) -> Option<Self> {
        (self.0 + 1 < STEPS.len()).then_some(FontSize(self.0 + 1))
    }

    /// One step smaller, or `None` at the smallest.
    pub fn smaller(self) -> Option<Self> {
        self.0.checked_sub(1).map(FontSize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_up_and_down_within_bounds() {
        let normal = FontSize::default();
        assert_eq!(normal.percent(), "100");
        let mut size = normal;
        let mut seen = vec![size.percent()];
        while let Some(next) = size.larger() {
            size = next;
            seen.push(size.percent());
        }
        assert_eq!(seen, ["100", "115", "130", "150"]);
        assert_eq!(size.larger(), None);
        while let Some(next) = size.smaller() {
            size = next;
        }
        assert_eq!(size.percent(), "90");
        assert_eq!(size.smaller(), None);
    }

    #[test]
    fn decodes_only_known_steps() {
        for step in STEPS {
            assert_eq!(FontSize::decode(step).percent(), step);
        }
        assert_eq!(FontSize::decode(" 115 ").percent(), "115");
        for bad in [
            "",
            "abc",
            "0",
            "-1",
            "090",
            "1000",
            "99999999999999999999",
            "1.5",
        ] {
            assert_eq!(FontSize::decode(bad), FontSize::default(), "{bad:?}");
        }
    }
}

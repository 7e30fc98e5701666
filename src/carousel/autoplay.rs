//! When a carousel may rotate by itself (WAI-ARIA carousel pattern). Autoplay is off
//! unless a site turns it on; then it rotates only while nothing stops it: never under
//! `prefers-reduced-motion`, not after the pointer or keyboard focus entered the carousel
//! (until the reader presses the rotation control: it does not restart by itself), not
//! when the reader paused it, and not, for the while, in a hidden tab or off screen.

/// Time between two slides when a site turns autoplay on without saying.
pub const DEFAULT_INTERVAL_MS: u64 = 5_000;
/// Shortest time between two slides, so that a slide can be read before it moves.
pub const MIN_INTERVAL_MS: u64 = 2_000;

/// The autoplay policy and its clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autoplay {
    interval_ms: Option<u64>,
    reduced_motion: bool,
    engaged: bool,
    user_paused: bool,
    hidden: bool,
    on_screen: bool,
    since_ms: Option<u64>,
}

impl Default for Autoplay {
    fn default() -> Self {
        Self::off()
    }
}

impl Autoplay {
    /// No autoplay: the default.
    pub fn off() -> Self {
        Self {
            interval_ms: None,
            reduced_motion: false,
            engaged: false,
            user_paused: false,
            hidden: false,
            on_screen: false,
            since_ms: None,
        }
    }

    /// Autoplay every `interval_ms` (at least [`MIN_INTERVAL_MS`]). It starts once the
    /// shell reports the carousel on screen.
    pub fn every(interval_ms: u64) -> Self {
        Self {
            interval_ms: Some(interval_ms.max(MIN_INTERVAL_MS)),
            ..Self::off()
        }
    }

    /// Whether the site turned autoplay on.
    pub fn is_enabled(&self) -> bool {
        self.interval_ms.is_some()
    }

    /// The time between two slides, if autoplay is on.
    pub fn interval_ms(&self) -> Option<u64> {
        self.interval_ms
    }

    /// Whether the reader asked for reduced motion.
    pub fn reduced_motion(&self) -> bool {
        self.reduced_motion
    }

    /// Whether the carousel shows a rotation control: only when autoplay can run at all.
    pub fn has_control(&self) -> bool {
        self.is_enabled() && !self.reduced_motion
    }

    /// Whether rotation is on as far as the reader can tell: enabled, allowed, and neither
    /// paused by the reader nor stopped by hover or focus. A hidden tab or scrolling the
    /// carousel away only pause it for the while; the rotation control still says "stop".
    pub fn is_playing(&self) -> bool {
        self.has_control() && !self.user_paused && !self.engaged
    }

    /// Whether slides advance by themselves right now.
    pub fn is_rotating(&self) -> bool {
        self.is_playing() && !self.hidden && self.on_screen
    }

    /// `aria-live` of the slide container: "off" while rotating (announcing every slide
    /// would drown a screen reader), "polite" otherwise.
    pub fn live(&self) -> &'static str {
        if self.is_rotating() {
            "off"
        } else {
            "polite"
        }
    }

    /// `prefers-reduced-motion: reduce` is on or off; when on, nothing ever rotates.
    pub fn set_reduced_motion(&mut self, reduce: bool) {
        self.change(|a| a.reduced_motion = reduce);
    }

    /// The pointer or keyboard focus entered the carousel: rotation stops and does not
    /// restart by itself (leaving changes nothing), only when the reader presses the
    /// rotation control ([`Autoplay::play`]).
    pub fn engaged(&mut self) {
        self.change(|a| a.engaged = true);
    }

    /// The document became hidden (another tab) or visible again.
    pub fn set_hidden(&mut self, hidden: bool) {
        self.change(|a| a.hidden = hidden);
    }

    /// The carousel scrolled into or out of the viewport.
    pub fn set_on_screen(&mut self, on_screen: bool) {
        self.change(|a| a.on_screen = on_screen);
    }

    /// The reader pressed the rotation control to stop.
    pub fn pause(&mut self) {
        self.change(|a| a.user_paused = true);
    }

    /// The reader pressed the rotation control to start: this also lifts a stop by hover
    /// or focus.
    pub fn play(&mut self) {
        self.change(|a| {
            a.user_paused = false;
            a.engaged = false;
        });
    }

    /// The rotation control was pressed: stops when playing, starts otherwise.
    pub fn toggle(&mut self) {
        if self.is_playing() {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Starts the interval over, e.g. after the reader moved the carousel by hand, so the
    /// slide they chose stays a full interval.
    pub fn restart(&mut self) {
        self.since_ms = None;
    }

    /// Called by the shell's timer: whether to advance one view now. The first tick
    /// while rotating starts the interval; a tick a full interval later says advance and
    /// starts the next one. Whenever rotation stops, the interval starts over.
    pub fn tick(&mut self, now_ms: u64) -> bool {
        let (Some(interval), true) = (self.interval_ms, self.is_rotating()) else {
            self.since_ms = None;
            return false;
        };
        match self.since_ms {
            Some(since) if now_ms.saturating_sub(since) >= interval => {
                self.since_ms = Some(now_ms);
                true
            }
            Some(_) => false,
            None => {
                self.since_ms = Some(now_ms);
                false
            }
        }
    }

    /// How long the shell may wait before the next [`Autoplay::tick`] matters: `None`
    /// when not rotating (no timer needed), 0 when the interval has not started yet.
    pub fn due_in(&self, now_ms: u64) -> Option<u64> {
        let interval = self.interval_ms.filter(|_| self.is_rotating())?;
        Some(match self.since_ms {
            Some(since) => interval.saturating_sub(now_ms.saturating_sub(since)),
            None => 0,
        })
    }

    fn change(&mut self, f: impl FnOnce(&mut Self)) {
        let before = self.is_rotating();
        f(self);
        if self.is_rotating() != before {
            self.since_ms = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rotating() -> Autoplay {
        let mut a = Autoplay::every(5_000);
        a.set_on_screen(true);
        assert!(a.is_rotating());
        a
    }

    #[test]
    fn off_by_default() {
        let mut a = Autoplay::default();
        a.set_on_screen(true);
        assert!(!a.is_enabled() && !a.is_rotating() && !a.has_control());
        assert!(!a.tick(0) && !a.tick(1_000_000));
        assert_eq!(a.live(), "polite");
        assert_eq!(a.due_in(0), None);
    }

    #[test]
    fn ticks_advance_once_per_interval() {
        let mut a = rotating();
        assert!(!a.tick(1_000));
        assert_eq!(a.due_in(1_000), Some(5_000));
        assert!(!a.tick(5_999));
        assert_eq!(a.due_in(5_999), Some(1));
        assert!(a.tick(6_000));
        assert!(!a.tick(6_001));
        assert!(a.tick(11_500));
    }

    #[test]
    fn interval_has_a_floor() {
        assert_eq!(Autoplay::every(10).interval_ms(), Some(MIN_INTERVAL_MS));
    }

    #[test]
    fn never_rotates_under_reduced_motion() {
        let mut a = rotating();
        a.set_reduced_motion(true);
        assert!(!a.is_rotating() && !a.has_control() && !a.is_playing());
        a.play();
        assert!(!a.tick(0) && !a.tick(60_000));
        assert_eq!(a.live(), "polite");
    }

    #[test]
    fn hover_or_focus_stops_for_good_until_the_rotation_control() {
        let mut a = rotating();
        a.tick(0);
        a.engaged();
        assert!(!a.is_rotating() && !a.is_playing());
        assert_eq!(a.live(), "polite");
        a.set_hidden(true);
        a.set_hidden(false);
        a.set_on_screen(false);
        a.set_on_screen(true);
        assert!(!a.is_rotating());
        assert!(!a.tick(100_000));
        a.play();
        assert!(a.is_rotating());
        assert!(
            !a.tick(100_001),
            "a fresh interval after the rotation control"
        );
        assert!(a.tick(105_001));
    }

    #[test]
    fn the_rotation_control_pauses_and_plays() {
        let mut a = rotating();
        a.toggle();
        assert!(!a.is_playing() && !a.is_rotating());
        assert!(a.has_control());
        a.toggle();
        assert!(a.is_playing() && a.is_rotating());
    }

    #[test]
    fn hidden_tab_and_off_screen_pause() {
        let mut a = rotating();
        a.set_hidden(true);
        assert!(!a.is_rotating() && a.is_playing());
        a.set_hidden(false);
        a.set_on_screen(false);
        assert!(!a.is_rotating() && a.is_playing());
        assert_eq!(a.due_in(0), None);
        a.set_on_screen(true);
        assert!(a.is_rotating());
    }

    #[test]
    fn waits_to_be_seen_before_rotating() {
        let a = Autoplay::every(5_000);
        assert!(a.is_playing() && !a.is_rotating());
    }

    #[test]
    fn live_region_is_off_only_while_rotating() {
        let mut a = rotating();
        assert_eq!(a.live(), "off");
        a.set_hidden(true);
        assert_eq!(a.live(), "polite");
        a.set_hidden(false);
        a.pause();
        assert_eq!(a.live(), "polite");
    }

    #[test]
    fn restart_gives_a_full_interval_again() {
        let mut a = rotating();
        a.tick(0);
        a.restart();
        assert!(!a.tick(4_000));
        assert!(!a.tick(8_999));
        assert!(a.tick(9_000));
    }
}

//! The state of a WAI-ARIA carousel whose track is a native CSS scroll-snap container
//! (no cloned slides): position, slides in view, picker dots, labels, and the autoplay
//! policy. Pure: the browser shell reports what it observes (track width, scroll offset,
//! hover, focus, visibility, reduced motion, the time) and renders what this returns.

pub mod autoplay;
pub mod labels;
pub mod position;
pub mod state;

pub use autoplay::Autoplay;
pub use labels::CarouselStrings;
pub use position::{per_view_for, Position};
pub use state::{Carousel, Dot, Options};

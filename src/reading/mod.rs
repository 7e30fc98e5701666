//! Reading comfort, the pure half: the reader's text size steps (remembered in the
//! browser) and how far through the article the reader has scrolled.

pub mod font_size;
pub mod progress;

pub use font_size::FontSize;

//! Text utilities of the core: character classes, time stamps in their own offset,
//! reading time.

pub mod chars;
pub mod datetime;
pub mod reading_time;

//! Text utilities of the core: time stamps in their own offset, reading time.

pub mod datetime;
pub mod reading_time;

//! When to try a GET again: a few attempts with exponential backoff, transient errors only.

use super::error::LoadError;

/// Retry policy for idempotent GETs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, the first included.
    pub attempts: u32,
    /// Wait before the second attempt; doubled for each later one.
    pub base_delay_ms: u32,
    /// Time limit of each attempt.
    pub timeout_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 3,
            base_delay_ms: 400,
            timeout_ms: 10_000,
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `next` (2 for the first retry) after `error`, or `None` to
    /// give up and show the error.
    pub fn delay_before(&self, next: u32, error: &LoadError) -> Option<u32> {
        if next < 2 || next > self.attempts || !error.is_transient() {
            return None;
        }
        Some(self.base_delay_ms.saturating_mul(1 << (next - 2).min(16)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_exponentially_then_gives_up() {
        let p = RetryPolicy {
            attempts: 4,
            base_delay_ms: 100,
            timeout_ms: 1000,
        };
        let e = LoadError::Network { url: "u".into() };
        assert_eq!(p.delay_before(2, &e), Some(100));
        assert_eq!(p.delay_before(3, &e), Some(200));
        assert_eq!(p.delay_before(4, &e), Some(400));
        assert_eq!(p.delay_before(5, &e), None);
    }

    #[test]
    fn does_not_retry_what_will_fail_again() {
        let p = RetryPolicy::default();
        let e = LoadError::Status {
            url: "u".into(),
            status: 404,
            status_text: String::new(),
        };
        assert_eq!(p.delay_before(2, &e), None);
    }
}

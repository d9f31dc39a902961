//! A client's shared pace, decided without a clock: at most so many requests a second, and after
//! a 429 every call of the client waits, not only the one that met it. The host asks before each
//! request and tells it of each answer, with its own monotonic clock.

use crate::error::Error;
use crate::http::HttpResponse;

/// The longest pause a 429 imposes on the whole client (a longer `Retry-After` ends the call
/// that met it; the others try again after this long).
pub const MAX_PAUSE_MS: u64 = 60_000;

/// The pace every call of one client shares.
///
/// ```
/// use vpskit::flow::Throttle;
/// use vpskit::HttpResponse;
/// let mut pace = Throttle::new(Some(2.0))?;                // two requests a second
/// assert_eq!((pace.admit(0), pace.admit(0), pace.admit(0)), (0, 500, 1000));
/// let busy = HttpResponse::new(429, vec![("Retry-After".into(), "3".into())], vec![]);
/// pace.observe(&busy, 1_000);                              // every call waits until 4,000 ms
/// assert_eq!(pace.admit(1_200), 2_800);
/// # Ok::<(), vpskit::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Throttle {
    /// Milliseconds between two requests, when a rate is set.
    interval_ms: Option<f64>,
    /// The earliest time the next request may go.
    next_free_ms: f64,
    /// No request goes before this time (after a 429).
    paused_until_ms: f64,
}

impl Throttle {
    /// A pace of at most `max_requests_per_second` (none: only 429s slow the client). A rate that
    /// is not a positive finite number is a validation error.
    pub fn new(max_requests_per_second: Option<f64>) -> Result<Throttle, Error> {
        let interval_ms = match max_requests_per_second {
            Some(rate) if rate.is_finite() && rate > 0.0 => Some(1000.0 / rate),
            // The value is not echoed: formatting a float would add 20 KB to the .wasm.
            Some(_) => {
                return Err(Error::validation(
                    "max_requests_per_second must be a positive, finite number",
                ))
            }
            None => None,
        };
        Ok(Throttle {
            interval_ms,
            ..Throttle::default()
        })
    }

    /// Reserves the next request's slot: how many milliseconds to wait from `now_ms` before
    /// sending it (0: send now).
    pub fn admit(&mut self, now_ms: u64) -> u64 {
        let now = now_ms as f64;
        let start = now.max(self.next_free_ms).max(self.paused_until_ms);
        if let Some(interval) = self.interval_ms {
            self.next_free_ms = start + interval;
        }
        (start - now).ceil() as u64
    }

    /// An answer arrived at `now_ms`: a 429 pauses every call of the client for its
    /// `Retry-After` (1 s when it gives none; at most [`MAX_PAUSE_MS`]).
    pub fn observe(&mut self, response: &HttpResponse, now_ms: u64) {
        if response.status != 429 {
            return;
        }
        let wait_ms = response
            .retry_after_seconds()
            .unwrap_or(1)
            .saturating_mul(1000)
            .min(MAX_PAUSE_MS);
        let until = (now_ms.saturating_add(wait_ms)) as f64;
        self.paused_until_ms = self.paused_until_ms.max(until);
    }
}

//! The limits every call of one client shares: how many requests are in flight, how many go out
//! a second, and the pause after a 429 ([`Throttle`]).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::flow::Throttle;
use crate::http::HttpResponse;

/// A client's limits: `max_concurrency` requests in flight at once (none: no cap) and
/// `max_requests_per_second` (none: only 429s slow the client).
///
/// ```
/// let limits = vpskit::Limits { max_concurrency: Some(4), max_requests_per_second: Some(10.0) };
/// assert!(limits.check().is_ok());
/// assert!(vpskit::Limits { max_concurrency: Some(0), ..limits }.check().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    /// Requests in flight at once, across every call of the client.
    pub max_concurrency: Option<usize>,
    /// Requests sent per second, across every call of the client.
    pub max_requests_per_second: Option<f64>,
}

impl Limits {
    /// A validation error for a cap of 0 or a rate that is not a positive number.
    pub fn check(&self) -> Result<(), Error> {
        if self.max_concurrency == Some(0) {
            return Err(Error::validation("max_concurrency must be at least 1"));
        }
        Throttle::new(self.max_requests_per_second).map(drop)
    }
}

/// The shared state behind a client's [`Limits`].
pub(crate) struct Pace {
    cap: Option<usize>,
    in_flight: Mutex<usize>,
    freed: Condvar,
    throttle: Mutex<Throttle>,
    clock: Instant,
}

/// A request's place in flight, given back when dropped.
pub(crate) struct Slot<'a>(Option<&'a Pace>);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Some(pace) = self.0 {
            *lock(&pace.in_flight) -= 1;
            pace.freed.notify_one();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Pace {
    pub(crate) fn new(limits: Limits) -> Result<Pace, Error> {
        limits.check()?;
        Ok(Pace {
            cap: limits.max_concurrency,
            throttle: Mutex::new(Throttle::new(limits.max_requests_per_second)?),
            ..Pace::unlimited()
        })
    }

    /// No cap and no rate: only 429s slow the client.
    pub(crate) fn unlimited() -> Pace {
        Pace {
            cap: None,
            in_flight: Mutex::new(0),
            freed: Condvar::new(),
            throttle: Mutex::new(Throttle::default()),
            clock: Instant::now(),
        }
    }

    fn now_ms(&self) -> u64 {
        self.clock.elapsed().as_millis() as u64
    }

    /// Waits for the throttle's turn (with `sleep`), then for a place in flight.
    pub(crate) fn enter(&self, sleep: impl Fn(Duration)) -> Slot<'_> {
        let wait = lock(&self.throttle).admit(self.now_ms());
        if wait > 0 {
            sleep(Duration::from_millis(wait));
        }
        let Some(cap) = self.cap else {
            return Slot(None);
        };
        let mut in_flight = lock(&self.in_flight);
        while *in_flight >= cap {
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|e| e.into_inner());
        }
        *in_flight += 1;
        Slot(Some(self))
    }

    /// An answer arrived: a 429 slows every call of the client.
    pub(crate) fn observe(&self, response: &HttpResponse) {
        lock(&self.throttle).observe(response, self.now_ms());
    }
}

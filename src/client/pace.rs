//! The limits every call of one client shares: how many requests are in flight, how many go out
//! a second, and the pause after a 429 ([`Throttle`]).

use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::task::{Poll, Waker};
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

/// The shared state behind a client's [`Limits`]. Times are milliseconds on the client's clock
/// (the blocking clients': [`monotonic_ms`]; the async client's: its transport's).
pub(crate) struct Pace {
    cap: Option<usize>,
    flight: Mutex<Flight>,
    freed: Condvar,
    throttle: Mutex<Throttle>,
}

/// The requests in flight, and the async calls waiting for a place.
#[derive(Default)]
struct Flight {
    count: usize,
    waiting: Vec<Waker>,
}

/// A request's place in flight, given back when dropped (a cancelled async call gives it back
/// too).
pub(crate) struct Slot<'a>(Option<&'a Pace>);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Some(pace) = self.0 {
            let mut flight = lock(&pace.flight);
            flight.count -= 1;
            // Every waiter tries again; a waiter cancelled since is woken in vain, harmlessly.
            flight.waiting.drain(..).for_each(Waker::wake);
            pace.freed.notify_one();
        }
    }
}

/// The mutex's value, even after a panic elsewhere left it poisoned.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Milliseconds since this process first asked: the blocking clients' clock.
pub(crate) fn monotonic_ms() -> u64 {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_millis() as u64
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
            flight: Mutex::default(),
            freed: Condvar::new(),
            throttle: Mutex::new(Throttle::default()),
        }
    }

    /// How long the throttle makes a request wait from `now_ms`, its turn reserved.
    pub(crate) fn admit(&self, now_ms: u64) -> Duration {
        Duration::from_millis(lock(&self.throttle).admit(now_ms))
    }

    /// Waits (blocking the thread) for a place in flight.
    pub(crate) fn enter(&self) -> Slot<'_> {
        let Some(cap) = self.cap else {
            return Slot(None);
        };
        let mut flight = lock(&self.flight);
        while flight.count >= cap {
            flight = self.freed.wait(flight).unwrap_or_else(|e| e.into_inner());
        }
        flight.count += 1;
        Slot(Some(self))
    }

    /// Waits (as a future) for a place in flight.
    pub(crate) async fn entered(&self) -> Slot<'_> {
        let Some(cap) = self.cap else {
            return Slot(None);
        };
        std::future::poll_fn(|cx| {
            let mut flight = lock(&self.flight);
            if flight.count < cap {
                flight.count += 1;
                Poll::Ready(Slot(Some(self)))
            } else {
                flight.waiting.push(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }

    /// An answer arrived at `now_ms`: a 429 slows every call of the client.
    pub(crate) fn observe(&self, response: &HttpResponse, now_ms: u64) {
        lock(&self.throttle).observe(response, now_ms);
    }
}

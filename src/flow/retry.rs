//! When to try a request again, decided without a clock: the caller sleeps.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, RequestSent};

/// What happened to one attempt, as far as retrying is concerned.
///
/// ```
/// use vpskit::{Outcome, RequestSent};
/// let o = Outcome::TransportFailure { sent: RequestSent::No };
/// # let _ = o;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// An HTTP answer with this status (and `Retry-After`, in seconds, when given).
    Status {
        /// The status code.
        status: u16,
        /// `Retry-After` in seconds.
        #[serde(default)]
        retry_after_seconds: Option<u64>,
    },
    /// The transport failed; `sent` says whether the server may have seen the request.
    TransportFailure {
        /// Whether the request may have arrived.
        sent: RequestSent,
    },
}

impl Outcome {
    /// The outcome an error stands for; `None` for errors no retry can mend (validation, decode
    /// of a successful answer, capability refusals without a status).
    pub fn from_error(error: &Error) -> Option<Outcome> {
        Outcome::from_parts(
            error.kind(),
            error.status(),
            error.retry_after().map(|d| d.as_secs()),
            error.request_sent(),
        )
    }

    /// The outcome of an error described by its parts, for hosts that carry errors as their own
    /// values: a transport failure (unknown `request_sent` counts as maybe sent), or an answer
    /// with a non-2xx status.
    ///
    /// ```
    /// use vpskit::{ErrorKind, Outcome};
    /// let o = Outcome::from_parts(ErrorKind::RateLimited, Some(429), Some(3), None);
    /// assert_eq!(o, Some(Outcome::Status { status: 429, retry_after_seconds: Some(3) }));
    /// assert_eq!(Outcome::from_parts(ErrorKind::Validation, None, None, None), None);
    /// ```
    pub fn from_parts(
        kind: ErrorKind,
        status: Option<u16>,
        retry_after_seconds: Option<u64>,
        request_sent: Option<RequestSent>,
    ) -> Option<Outcome> {
        if kind == ErrorKind::Transport {
            return Some(Outcome::TransportFailure {
                sent: request_sent.unwrap_or(RequestSent::Maybe),
            });
        }
        match status {
            Some(status) if !(200..300).contains(&status) => Some(Outcome::Status {
                status,
                retry_after_seconds,
            }),
            _ => None,
        }
    }
}

/// The answer of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum RetryDecision {
    /// Sleep this long, then send the same request again.
    Retry {
        /// How long to wait, in milliseconds.
        after_ms: u64,
    },
    /// Stop and report the error.
    GiveUp,
}

/// The retry policy: capped exponential backoff with jitter from a caller's seed.
///
/// Rules:
/// - never more than `max_attempts` attempts in all;
/// - 429 with `Retry-After` (up to `max_retry_after`): retry after that long, for any method —
///   the gateway refused the request without acting on it;
/// - 429 without `Retry-After`, 502, 503, 504, and transport failures: retry idempotent requests
///   (GET) with backoff; a POST only when the failure came before sending (`RequestSent::No`);
/// - anything else: give up.
///
/// ```
/// use vpskit::{Outcome, RetryDecision, RetryPolicy};
/// let policy = RetryPolicy::default();
/// let busy = Outcome::Status { status: 503, retry_after_seconds: None };
/// assert!(matches!(policy.decide(true, 1, &busy, 7), RetryDecision::Retry { .. }));
/// assert_eq!(policy.decide(false, 1, &busy, 7), RetryDecision::GiveUp);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The first backoff, in milliseconds.
    pub base_delay_ms: u64,
    /// The longest backoff, in milliseconds.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` honoured, in milliseconds; a longer one gives up at once.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 250,
            max_delay_ms: 8_000,
            max_retry_after_ms: 60_000,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Decides after attempt number `attempt` (1 for the first) of a request that is
    /// `idempotent` or not. `seed` drives the jitter, so the same inputs give the same answer.
    pub fn decide(
        &self,
        idempotent: bool,
        attempt: u32,
        outcome: &Outcome,
        seed: u64,
    ) -> RetryDecision {
        if attempt >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        let backoff = RetryDecision::Retry {
            after_ms: self.backoff_ms(attempt, seed),
        };
        match *outcome {
            Outcome::Status {
                status: 429,
                retry_after_seconds: Some(seconds),
            } => {
                let wait_ms = seconds.saturating_mul(1000);
                if wait_ms > self.max_retry_after_ms {
                    RetryDecision::GiveUp
                } else {
                    RetryDecision::Retry { after_ms: wait_ms }
                }
            }
            Outcome::Status {
                status,
                retry_after_seconds,
            } if idempotent && matches!(status, 429 | 502 | 503 | 504) => match retry_after_seconds
            {
                Some(s) if s.saturating_mul(1000) <= self.max_retry_after_ms => {
                    RetryDecision::Retry {
                        after_ms: s.saturating_mul(1000).max(self.backoff_ms(attempt, seed)),
                    }
                }
                Some(_) => RetryDecision::GiveUp,
                None => backoff,
            },
            Outcome::TransportFailure {
                sent: RequestSent::No,
            } => backoff,
            Outcome::TransportFailure {
                sent: RequestSent::Maybe,
            } if idempotent => backoff,
            _ => RetryDecision::GiveUp,
        }
    }

    /// The backoff after attempt `attempt`: `base · 2^(attempt-1)`, capped, with jitter in its
    /// upper half drawn from `seed`.
    pub fn backoff_ms(&self, attempt: u32, seed: u64) -> u64 {
        let exp = attempt.saturating_sub(1).min(32);
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << exp)
            .min(self.max_delay_ms);
        let half = ceiling / 2;
        let jitter = splitmix64(seed ^ u64::from(attempt).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        half + jitter % (ceiling - half + 1)
    }
}

/// A small, well-mixed pseudo-random step (SplitMix64): the same in every host.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

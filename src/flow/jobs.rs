//! Waiting for a job, without a clock: the waiter says when to poll next, the caller sleeps.

use serde::{Deserialize, Serialize};

use crate::gateway::Job;

/// What to do after reading a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum JobPoll {
    /// The job finished successfully.
    Done,
    /// The job finished and failed.
    Failed {
        /// The job's status word and message.
        reason: String,
    },
    /// Not finished: poll again after this long.
    PollAfter {
        /// Milliseconds to wait.
        after_ms: u64,
    },
    /// Not finished, and the time allowed is spent.
    TimedOut,
}

/// Says when a job is done, failed, or worth polling again.
///
/// The job status words are not documented, so they are treated as open: the terminal words are
/// configurable, matched without regard to case, with defaults that cover the usual spellings.
///
/// ```
/// use vpskit::{JobPoll, JobWaiter};
/// use vpskit::faithserver::Job;
/// let waiter = JobWaiter::new(60_000);
/// let job = Job::from_json(r#"{"id":"job_1","status":"running"}"#).unwrap();
/// assert_eq!(waiter.judge(&job, 1, 0), JobPoll::PollAfter { after_ms: 1_000 });
/// let job = Job::from_json(r#"{"id":"job_1","status":"Completed"}"#).unwrap();
/// assert_eq!(waiter.judge(&job, 2, 1_000), JobPoll::Done);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobWaiter {
    /// How long to wait in all, in milliseconds.
    pub timeout_ms: u64,
    /// The first interval between polls, in milliseconds.
    pub initial_interval_ms: u64,
    /// The longest interval between polls, in milliseconds.
    pub max_interval_ms: u64,
    /// Status words that mean success.
    pub success_words: Vec<String>,
    /// Status words that mean failure.
    pub failure_words: Vec<String>,
}

impl JobWaiter {
    /// A waiter with the default words and these intervals, in milliseconds (what the hosts'
    /// wait options give).
    pub fn with_intervals(timeout_ms: u64, initial_interval_ms: u64, max_interval_ms: u64) -> Self {
        JobWaiter {
            initial_interval_ms,
            max_interval_ms,
            ..JobWaiter::new(timeout_ms)
        }
    }

    /// A waiter with the default words and intervals (1 s, growing by half each poll, up to 10 s).
    pub fn new(timeout_ms: u64) -> Self {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        JobWaiter {
            timeout_ms,
            initial_interval_ms: 1_000,
            max_interval_ms: 10_000,
            success_words: words(&[
                "completed",
                "complete",
                "done",
                "success",
                "succeeded",
                "finished",
            ]),
            failure_words: words(&[
                "failed",
                "failure",
                "error",
                "errored",
                "cancelled",
                "canceled",
                "aborted",
            ]),
        }
    }

    /// Judges `job`, read on poll number `polls` (1 for the first) after `elapsed_ms`.
    pub fn judge(&self, job: &Job, polls: u32, elapsed_ms: u64) -> JobPoll {
        let status = job.status.as_ref().map(|s| s.as_str()).unwrap_or("");
        if self
            .success_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(status))
        {
            return JobPoll::Done;
        }
        if self
            .failure_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(status))
        {
            let reason = match &job.message {
                Some(m) => format!("job {} {status}: {m}", job.id),
                None => format!("job {} {status}", job.id),
            };
            return JobPoll::Failed { reason };
        }
        if elapsed_ms >= self.timeout_ms {
            return JobPoll::TimedOut;
        }
        let interval = self.interval_ms(polls).min(self.timeout_ms - elapsed_ms);
        JobPoll::PollAfter { after_ms: interval }
    }

    /// The interval after poll `polls`: the initial interval growing by half each time, capped.
    pub fn interval_ms(&self, polls: u32) -> u64 {
        let mut interval = self.initial_interval_ms;
        for _ in 1..polls.min(64) {
            interval = interval.saturating_add(interval / 2);
            if interval >= self.max_interval_ms {
                return self.max_interval_ms;
            }
        }
        interval.min(self.max_interval_ms)
    }
}

//! Waiting for a job as a flow: poll `GET /jobs/{job_id}` (each poll a [`Flow`], with its
//! retries), judge each job with the [`JobWaiter`], give every unfinished job to the host
//! ([`Step::Progress`]) and sleep until the next poll.

use std::collections::VecDeque;

use super::jobs::{JobPoll, JobWaiter};
use super::{Decision, Event, Flow, FlowOptions, Step, Steps};
use crate::call::{Call, JobArgs};
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::gateway::Job;
use crate::http::HttpResponse;

/// Waits for a job to finish.
///
/// A failed job ends in a `Server` error; running out of time in a `Transport` error that names
/// the last status seen. Time is counted from the waits between polls (the core has no clock),
/// so a slow gateway makes the wait longer than the waiter's timeout.
///
/// ```
/// use vpskit::flow::{FlowOptions, JobFlow, Step, Steps};
/// use vpskit::{Config, HttpResponse, JobWaiter};
/// let config = Config::faithserver("fs_live_example")?;
/// let mut flow = JobFlow::new("job_7", &config, &FlowOptions::default(), JobWaiter::new(60_000));
/// let mut answers = ["running", "completed"].into_iter();
/// let mut seen = Vec::new();
/// let job = loop {
///     match flow.step() {
///         Step::Send(_) => {
///             let body = format!(r#"{{"success":true,"data":{{"id":"job_7","status":"{}"}}}}"#, answers.next().unwrap());
///             flow.received(&HttpResponse::new(200, vec![], body.into_bytes()));
///         }
///         Step::Progress(job) => seen.push(job.status.unwrap().to_string()),
///         Step::Sleep { .. } => {}
///         Step::Done(result) => break result?,
///     }
/// };
/// assert_eq!(seen, ["running"]);
/// assert_eq!(job.status.unwrap().as_str(), "completed");
/// # Ok::<(), vpskit::Error>(())
/// ```
pub struct JobFlow {
    job_id: String,
    config: Config,
    options: FlowOptions,
    waiter: JobWaiter,
    polls: u32,
    elapsed_ms: u64,
    poll: Flow<Job>,
    queued: VecDeque<Step<Job>>,
    /// The event of the poll last judged, until the host takes it.
    event: Option<Event>,
}

impl std::fmt::Debug for JobFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobFlow")
            .field("polls", &self.polls)
            .field("elapsed_ms", &self.elapsed_ms)
            .finish_non_exhaustive()
    }
}

/// One poll of job `job_id`.
pub(super) fn poll_of(job_id: &str) -> Call {
    Call::GetJob(JobArgs {
        job_id: job_id.to_string(),
    })
}

impl JobFlow {
    /// A wait for job `job_id`.
    pub fn new(job_id: &str, config: &Config, options: &FlowOptions, waiter: JobWaiter) -> JobFlow {
        JobFlow {
            poll: Flow::typed(poll_of(job_id), config, options),
            job_id: job_id.to_string(),
            config: config.clone(),
            options: options.clone(),
            waiter,
            polls: 0,
            elapsed_ms: 0,
            queued: VecDeque::new(),
            event: None,
        }
    }

    /// The waiter's judgement of a polled job.
    fn judged(&mut self, job: Job) -> Step<Job> {
        self.polls += 1;
        let judged = self.waiter.judge(&job, self.polls, self.elapsed_ms);
        // The poll's event says what the wait decided, not only that the poll was read.
        self.event = self.poll.take_event().map(|event| Event {
            decision: match &judged {
                JobPoll::Done => Decision::Done,
                JobPoll::Failed { .. } => Decision::Failed(ErrorKind::Server),
                JobPoll::TimedOut => Decision::Failed(ErrorKind::Transport),
                JobPoll::PollAfter { after_ms } => Decision::PollAgain {
                    after_ms: *after_ms,
                },
            },
            ..event
        });
        match judged {
            JobPoll::Done => Step::Done(Ok(job)),
            JobPoll::PollAfter { after_ms } => {
                self.elapsed_ms = self.elapsed_ms.saturating_add(after_ms);
                self.poll = Flow::typed(poll_of(&self.job_id), &self.config, &self.options);
                self.queued.push_back(Step::Sleep { ms: after_ms });
                Step::Progress(job)
            }
            ended => Step::Done(Err(wait_error(ended, &job, self.elapsed_ms))),
        }
    }
}

/// The error that ends a wait the waiter judged failed (`Server`) or out of time (`Transport`,
/// naming the last status seen).
pub(super) fn wait_error(judged: JobPoll, job: &Job, elapsed_ms: u64) -> Error {
    match judged {
        JobPoll::Failed { reason } => Error::new(ErrorKind::Server, reason),
        _ => Error::new(
            ErrorKind::Transport,
            format!(
                "timed out after {elapsed_ms} ms waiting for job {} (last status: {})",
                job.id,
                job.status.as_ref().map(|s| s.as_str()).unwrap_or("none")
            ),
        ),
    }
}

impl Steps<Job> for JobFlow {
    fn step(&mut self) -> Step<Job> {
        if let Some(step) = self.queued.pop_front() {
            return step;
        }
        match self.poll.step() {
            Step::Done(Ok(job)) => self.judged(job),
            other => other,
        }
    }

    fn received(&mut self, response: &HttpResponse) {
        self.poll.received(response);
    }

    fn failed(&mut self, error: Error) {
        self.poll.failed(error);
    }

    fn cancel(&mut self) {
        self.queued.clear();
        self.poll.cancel();
    }

    fn take_event(&mut self) -> Option<Event> {
        self.event.take().or_else(|| self.poll.take_event())
    }
}

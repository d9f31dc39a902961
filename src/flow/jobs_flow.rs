//! Waiting for several jobs on one poll schedule: each round polls every unfinished job (each
//! poll a [`Flow`], with its retries), then sleeps once for all of them.

use super::job_flow::{poll_of, wait_error};
use super::jobs::{JobPoll, JobWaiter};
use super::{Event, Flow, FlowOptions, Step, Steps};
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::gateway::Job;
use crate::http::HttpResponse;

/// One outcome per job, in the order asked: the finished job, or why its wait ended.
pub type JobOutcomes = Vec<Result<Job, Error>>;

/// Waits for several jobs at once. Each unfinished job polled is a progress step (a list of one
/// job); the flow ends with one outcome per job once every job is finished, failed or out of
/// time. A poll that fails ends that job's wait with its error; the others go on.
pub struct JobsFlow {
    ids: Vec<String>,
    config: Config,
    options: FlowOptions,
    waiter: JobWaiter,
    outcomes: Vec<Option<Result<Job, Error>>>,
    round: u32,
    elapsed_ms: u64,
    at: usize,
    poll: Option<Flow<Job>>,
    cancelled: bool,
    event: Option<Event>,
}

impl std::fmt::Debug for JobsFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobsFlow")
            .field("jobs", &self.ids.len())
            .field("round", &self.round)
            .finish_non_exhaustive()
    }
}

impl JobsFlow {
    /// A wait for every job of `job_ids` (none: done at once).
    pub fn new(
        job_ids: &[&str],
        config: &Config,
        options: &FlowOptions,
        waiter: JobWaiter,
    ) -> JobsFlow {
        JobsFlow {
            ids: job_ids.iter().map(|id| id.to_string()).collect(),
            config: config.clone(),
            options: options.clone(),
            waiter,
            outcomes: job_ids.iter().map(|_| None).collect(),
            round: 1,
            elapsed_ms: 0,
            at: 0,
            poll: None,
            cancelled: false,
            event: None,
        }
    }

    /// The waiter's judgement of job `at`, polled in this round.
    fn judged(&mut self, job: Job) -> Option<Step<JobOutcomes>> {
        let outcome = match self.waiter.judge(&job, self.round, self.elapsed_ms) {
            JobPoll::Done => Some(Ok(job.clone())),
            JobPoll::PollAfter { .. } => None,
            ended => Some(Err(wait_error(ended, &job, self.elapsed_ms))),
        };
        let unfinished = outcome.is_none();
        if let Some(slot) = self.outcomes.get_mut(self.at) {
            *slot = outcome;
        }
        self.at += 1;
        unfinished.then(|| Step::Progress(vec![Ok(job)]))
    }

    /// The next step once no poll is in flight: the next job of the round, or the round's end.
    fn next_poll(&mut self) -> Option<Step<JobOutcomes>> {
        while self.outcomes.get(self.at).is_some_and(Option::is_some) {
            self.at += 1;
        }
        if let Some(id) = self.ids.get(self.at) {
            self.poll = Some(Flow::typed(poll_of(id), &self.config, &self.options));
            return None;
        }
        if self.outcomes.iter().all(Option::is_some) {
            let outcomes = self.outcomes.iter_mut().filter_map(Option::take).collect();
            return Some(Step::Done(Ok(outcomes)));
        }
        let after = self
            .waiter
            .interval_ms(self.round)
            .min(self.waiter.timeout_ms.saturating_sub(self.elapsed_ms));
        self.round += 1;
        self.elapsed_ms = self.elapsed_ms.saturating_add(after);
        self.at = 0;
        Some(Step::Sleep { ms: after })
    }
}

impl Steps<JobOutcomes> for JobsFlow {
    fn step(&mut self) -> Step<JobOutcomes> {
        if self.cancelled {
            return Step::Done(Err(Error::new(
                ErrorKind::Aborted,
                "wait_for_jobs was cancelled by the caller; nothing more was sent",
            )));
        }
        loop {
            if let Some(poll) = &mut self.poll {
                match poll.step() {
                    Step::Done(Ok(job)) => {
                        self.event = poll.take_event();
                        self.poll = None;
                        if let Some(progress) = self.judged(job) {
                            return progress;
                        }
                    }
                    Step::Done(Err(error)) => {
                        self.event = poll.take_event();
                        self.poll = None;
                        if let Some(slot) = self.outcomes.get_mut(self.at) {
                            *slot = Some(Err(error));
                        }
                        self.at += 1;
                    }
                    Step::Send(exchange) => return Step::Send(exchange),
                    Step::Sleep { ms } => return Step::Sleep { ms },
                    Step::Progress(job) => return Step::Progress(vec![Ok(job)]),
                }
            }
            if let Some(step) = self.next_poll() {
                return step;
            }
        }
    }

    fn received(&mut self, response: &HttpResponse) {
        if let Some(poll) = &mut self.poll {
            poll.received(response);
        }
    }

    fn failed(&mut self, error: Error) {
        if let Some(poll) = &mut self.poll {
            poll.failed(error);
        }
    }

    fn cancel(&mut self) {
        self.cancelled = true;
    }

    fn take_event(&mut self) -> Option<Event> {
        self.event
            .take()
            .or_else(|| self.poll.as_mut().and_then(Steps::take_event))
    }
}

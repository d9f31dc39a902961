//! Any flow a host drives, behind one type: a call's, a job wait, or a wait for several jobs.
//! The bindings hold one of these instead of each writing the same dispatch.

use super::{Event, Flow, JobFlow, JobOutcomes, JobsFlow, Step, Steps};
use crate::error::Error;
use crate::gateway::Job;
use crate::http::HttpResponse;

/// A call's flow (its result `R`), a job wait, or a wait for several jobs. One is made per call,
/// so the variants' sizes matter little.
#[allow(clippy::large_enum_variant)]
pub enum AnyFlow<R> {
    /// One call.
    Call(Flow<R>),
    /// One job waited for.
    Job(JobFlow),
    /// Several jobs on one poll schedule.
    Jobs(JobsFlow),
}

/// What an [`AnyFlow`] reports (progress) or ends with, by kind of flow.
#[derive(Debug)]
pub enum Finished<R> {
    /// A call's result.
    Call(R),
    /// A job (polled, or finished).
    Job(Job),
    /// Several jobs' outcomes (a progress step carries one).
    Jobs(JobOutcomes),
}

impl<R> Steps<Finished<R>> for AnyFlow<R> {
    fn step(&mut self) -> Step<Finished<R>> {
        match self {
            AnyFlow::Call(flow) => flow.step().map(Finished::Call),
            AnyFlow::Job(flow) => flow.step().map(Finished::Job),
            AnyFlow::Jobs(flow) => flow.step().map(Finished::Jobs),
        }
    }

    fn received(&mut self, response: &HttpResponse) {
        match self {
            AnyFlow::Call(flow) => flow.received(response),
            AnyFlow::Job(flow) => flow.received(response),
            AnyFlow::Jobs(flow) => flow.received(response),
        }
    }

    fn failed(&mut self, error: Error) {
        match self {
            AnyFlow::Call(flow) => flow.failed(error),
            AnyFlow::Job(flow) => flow.failed(error),
            AnyFlow::Jobs(flow) => flow.failed(error),
        }
    }

    fn cancel(&mut self) {
        match self {
            AnyFlow::Call(flow) => flow.cancel(),
            AnyFlow::Job(flow) => flow.cancel(),
            AnyFlow::Jobs(flow) => flow.cancel(),
        }
    }

    fn take_event(&mut self) -> Option<Event> {
        match self {
            AnyFlow::Call(flow) => flow.take_event(),
            AnyFlow::Job(flow) => flow.take_event(),
            AnyFlow::Jobs(flow) => flow.take_event(),
        }
    }
}

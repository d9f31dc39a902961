//! The core's client flow for the Python clients: they perform its steps (send, sleep) with their
//! own transport and clock, sync or asyncio. Preflight, retries and their jitter are the core's;
//! the answer the flow ends on is read by the operation's own converter, here.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use vpskit::flow::{
    AnyFlow, Finished, Flow, FlowOptions, JobFlow, JobOutcomes, JobsFlow, Step, Steps,
};
use vpskit::{Call, Error, HttpRequest, HttpResponse, JobWaiter, RequestSent, RetryPolicy};

use crate::fields::{request_class, PyOperationFields};
use crate::{guarded, raise, PyConfig};

/// One call run by the core's flow, or a job waited for. Each method gives the next step:
/// `("send", request)`, `("sleep", milliseconds)`, `("progress", job)` (a job polled and not
/// finished; waits only) or `("done", result)`; a flow that ends in an error raises it.
#[pyclass(module = "vpskit._native", name = "Flow")]
pub(crate) struct PyFlow {
    running: AnyFlow<()>,
    /// The operation whose converter reads the answers (the call's, or `get_job`'s for a wait).
    operation: Py<PyOperationFields>,
    /// The answer last received: the result's, once the flow is done.
    last: Option<HttpResponse>,
    /// Why the request last given is sent, and its attempt.
    sent: (&'static str, u32),
    /// The rate-limit state of the answer last received.
    rate_limit: Option<vpskit::RateLimit>,
}

/// The retry policy a Python `RetryPolicy` hands over as its tuple
/// `(max_attempts, base_delay_ms, max_delay_ms, max_retry_after_ms)`; `None` is the core's default.
pub(crate) fn retry_policy(policy: Option<(u32, u64, u64, u64)>) -> RetryPolicy {
    policy
        .map(
            |(max_attempts, base_delay_ms, max_delay_ms, max_retry_after_ms)| RetryPolicy {
                max_attempts,
                base_delay_ms,
                max_delay_ms,
                max_retry_after_ms,
            },
        )
        .unwrap_or_default()
}

/// A job wait's schedule, in milliseconds: `(timeout, initial interval, max interval)`.
pub(crate) type Schedule = (u64, u64, u64);

impl PyFlow {
    /// The flow of `call`; `operation` reads its answer.
    pub(crate) fn call(
        call: &Call,
        operation: Py<PyOperationFields>,
        config: &PyConfig,
        options: &FlowOptions,
        held: Option<&vpskit::faithserver::Server>,
    ) -> Self {
        let mut flow = Flow::new(
            call.clone(),
            &config.inner,
            options,
            Box::new(HttpResponse::judge),
        );
        if let Some(server) = held {
            flow = flow.with_server(server);
        }
        PyFlow::with(AnyFlow::Call(flow), operation)
    }

    /// A wait for `job_id`; `operation` (its `get_job`) reads each polled job.
    pub(crate) fn job(
        job_id: &str,
        operation: Py<PyOperationFields>,
        config: &PyConfig,
        options: &FlowOptions,
        (timeout_ms, initial_interval_ms, max_interval_ms): Schedule,
    ) -> Self {
        let waiter = JobWaiter::with_intervals(timeout_ms, initial_interval_ms, max_interval_ms);
        let flow = JobFlow::new(job_id, &config.inner, options, waiter);
        PyFlow::with(AnyFlow::Job(flow), operation)
    }

    /// A wait for every job of `job_ids` on one poll schedule; `operation` (a `get_job`) reads
    /// each polled job.
    pub(crate) fn jobs(
        job_ids: &[&str],
        operation: Py<PyOperationFields>,
        config: &PyConfig,
        options: &FlowOptions,
        (timeout_ms, initial_interval_ms, max_interval_ms): Schedule,
    ) -> Self {
        let waiter = JobWaiter::with_intervals(timeout_ms, initial_interval_ms, max_interval_ms);
        let flow = JobsFlow::new(job_ids, &config.inner, options, waiter);
        PyFlow::with(AnyFlow::Jobs(flow), operation)
    }

    fn with(running: AnyFlow<()>, operation: Py<PyOperationFields>) -> Self {
        PyFlow {
            running,
            operation,
            last: None,
            sent: ("call", 0),
            rate_limit: None,
        }
    }

    /// The next step, as Python sees it.
    fn next<'py>(&mut self, py: Python<'py>) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        let step = guarded(py, "flow", || Ok(self.running.step()))?;
        match step {
            Step::Send(exchange) => {
                self.sent = (exchange.purpose.as_str(), exchange.attempt);
                Ok(("send", request(py, exchange.request)?))
            }
            Step::Sleep { ms } => Ok(("sleep", ms.into_pyobject(py)?.into_any())),
            Step::Progress(_) => Ok(("progress", self.read_last(py)?)),
            Step::Done(Ok(Finished::Jobs(outcomes))) => Ok(("done", self.outcomes(py, outcomes)?)),
            Step::Done(Ok(_)) => {
                let result = self.read_last(py)?;
                self.last = None;
                Ok(("done", result))
            }
            Step::Done(Err(error)) => Err(raise(py, error)),
        }
    }

    /// Each job's outcome as `(job, None)` or `(None, error)`, the job read by the operation's
    /// converter (`get_job`'s) from its data as the gateway sends it.
    fn outcomes<'py>(&self, py: Python<'py>, outcomes: JobOutcomes) -> PyResult<Bound<'py, PyAny>> {
        let list = pyo3::types::PyList::empty(py);
        for outcome in outcomes {
            let item = match outcome {
                Ok(job) => {
                    let data = vpskit::ResultJson::write(&job, vpskit::KeyCase::Snake).text;
                    let body = format!(r#"{{"success":true,"data":{data}}}"#).into_bytes();
                    let answer = HttpResponse::new(200, vec![], body);
                    (
                        self.operation.get().parse_http(py, &answer)?,
                        py.None().into_bound(py),
                    )
                }
                Err(error) => (
                    py.None().into_bound(py),
                    raise(py, error).into_value(py).into_bound(py).into_any(),
                ),
            };
            list.append(item)?;
        }
        Ok(list.into_any())
    }

    /// The answer last received, read by the operation's converter.
    fn read_last<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let last = self
            .last
            .as_ref()
            .ok_or_else(|| raise(py, Error::internal("the flow ended with no answer")))?;
        self.operation.get().parse_http(py, last)
    }
}

/// A core request as a `vpskit.Request`.
fn request<'py>(py: Python<'py>, request: HttpRequest) -> PyResult<Bound<'py, PyAny>> {
    let body = request.body.as_deref().map(|b| PyBytes::new(py, b));
    request_class(py)?.call1((
        request.method.as_str(),
        request.url,
        request.headers,
        body,
        request.idempotent,
    ))
}

#[pymethods]
impl PyFlow {
    /// What to do now.
    fn step<'py>(&mut self, py: Python<'py>) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        self.next(py)
    }

    /// The answer (a `vpskit.Response`) to the request last sent; gives the next step.
    fn received<'py>(
        &mut self,
        py: Python<'py>,
        response: &Bound<'py, PyAny>,
    ) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        let response = crate::parse::http_response(py, response)?;
        let running = &mut self.running;
        guarded(py, "flow", || {
            running.received(&response);
            Ok(())
        })?;
        self.rate_limit = response.rate_limit();
        self.last = Some(response);
        self.next(py)
    }

    /// The request last sent failed in the transport (`request_sent`: whether it may have
    /// reached the server); gives the next step.
    fn failed<'py>(
        &mut self,
        py: Python<'py>,
        message: String,
        request_sent: bool,
    ) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        let sent = if request_sent {
            RequestSent::Maybe
        } else {
            RequestSent::No
        };
        let running = &mut self.running;
        guarded(py, "flow", || {
            running.failed(Error::transport(message, sent));
            Ok(())
        })?;
        self.next(py)
    }

    /// The event of the exchange last decided, as JSON text (see `vpskit::flow::Event`), once;
    /// ask after each step.
    fn take_event(&mut self) -> Option<String> {
        self.running
            .take_event()
            .map(|e| e.to_json(vpskit::KeyCase::Snake))
    }

    /// The caller cancelled: the next step raises `vpskit.AbortedError` and nothing more is sent.
    fn cancel(&mut self) {
        self.running.cancel();
    }

    /// The rate-limit state the answer last received reported, as `(limit, remaining,
    /// reset_seconds)`, or `None`.
    #[getter]
    fn rate_limit(&self) -> Option<(Option<u64>, Option<u64>, Option<u64>)> {
        self.rate_limit
            .map(|s| (s.limit, s.remaining, s.reset_seconds))
    }

    /// Why the request last given is sent (`call`, `preflight_detail`, `preflight_list`) and
    /// its attempt (1 for the first try).
    #[getter]
    fn sent(&self) -> (&'static str, u32) {
        self.sent
    }
}

/// A client's shared pace (`vpskit::flow::Throttle`): `admit(now_ms)` gives the milliseconds to
/// wait before a request and reserves its slot; `observe(response, now_ms)` slows every call
/// after a 429. Times are the host's monotonic clock in milliseconds.
#[pyclass(module = "vpskit._native", name = "Throttle")]
pub(crate) struct PyThrottle(vpskit::flow::Throttle);

#[pymethods]
impl PyThrottle {
    #[new]
    #[pyo3(signature = (max_requests_per_second = None))]
    fn new(py: Python<'_>, max_requests_per_second: Option<f64>) -> PyResult<Self> {
        vpskit::flow::Throttle::new(max_requests_per_second)
            .map(PyThrottle)
            .map_err(|e| raise(py, e))
    }

    fn admit(&mut self, now_ms: u64) -> u64 {
        self.0.admit(now_ms)
    }

    fn observe(
        &mut self,
        py: Python<'_>,
        response: &Bound<'_, PyAny>,
        now_ms: u64,
    ) -> PyResult<()> {
        let response = crate::parse::http_response(py, response)?;
        self.0.observe(&response, now_ms);
        Ok(())
    }
}

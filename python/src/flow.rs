//! The core's client flow for the Python clients: they perform its steps (send, sleep) with their
//! own transport and clock, sync or asyncio. Preflight, retries and their jitter are the core's;
//! the answer the flow ends on is read by the operation's own converter, here.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use vpskit::flow::{Flow, FlowOptions, Step};
use vpskit::{Call, Error, HttpRequest, HttpResponse, RequestSent, RetryPolicy};

use crate::fields::{request_class, PyOperationFields};
use crate::{guarded, raise, PyConfig};

/// One call run by the core's flow. Each method gives the next step: `("send", request)`,
/// `("sleep", milliseconds)` or `("done", result)`; a flow that ends in an error raises it.
#[pyclass(module = "vpskit._native", name = "Flow")]
pub(crate) struct PyFlow {
    flow: Flow<()>,
    operation: Py<PyOperationFields>,
    /// The answer last received: the result's, once the flow is done.
    last: Option<HttpResponse>,
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

impl PyFlow {
    pub(crate) fn start(
        call: &Call,
        operation: Py<PyOperationFields>,
        config: &PyConfig,
        preflight: bool,
        policy: Option<(u32, u64, u64, u64)>,
        seed: u64,
    ) -> Self {
        let retry = retry_policy(policy);
        let options = FlowOptions {
            preflight,
            retry,
            seed,
        };
        PyFlow {
            flow: Flow::new(call, &config.inner, &options, Box::new(HttpResponse::judge)),
            operation,
            last: None,
        }
    }

    /// The first step.
    pub(crate) fn first<'py>(
        &mut self,
        py: Python<'py>,
    ) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        self.next(py)
    }

    /// The next step, as Python sees it.
    fn next<'py>(&mut self, py: Python<'py>) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
        let step = guarded(py, "flow", || Ok(self.flow.step()))?;
        match step {
            Step::Send(exchange) => Ok(("send", request(py, exchange.request)?)),
            Step::Sleep { ms } => Ok(("sleep", ms.into_pyobject(py)?.into_any())),
            Step::Progress(()) => self.next(py),
            Step::Done(Ok(())) => {
                let last = self
                    .last
                    .take()
                    .ok_or_else(|| raise(py, Error::internal("the flow ended with no answer")))?;
                Ok(("done", self.operation.get().parse_http(py, &last)?))
            }
            Step::Done(Err(error)) => Err(raise(py, error)),
        }
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
    /// The first step.
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
        let flow = &mut self.flow;
        guarded(py, "flow", || {
            flow.received(&response);
            Ok(())
        })?;
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
        guarded(py, "flow", || {
            self.flow.failed(Error::transport(message, sent));
            Ok(())
        })?;
        self.next(py)
    }
}

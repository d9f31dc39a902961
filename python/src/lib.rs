//! `vpskit._native`: the core's surface for Python. Every request, parse, check and decision is
//! the core's; this module only converts values and raises the matching `vpskit` exception.

use std::borrow::Cow;

mod fields;
mod flow;
mod from_python;
mod parse;
mod serialize;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyType};
use vpskit::faithserver::{self, Action, Product, Server};
use vpskit::vpsorg::{PermissionSet, Timestamp, Token};
use vpskit::{
    Api, Call, Config, Error, HttpResponse, JobPoll, JobWaiter, Outcome, RequestSent,
    RetryDecision, RetryPolicy,
};

/// Raises the `vpskit` exception class for this error's kind, with its status, code and message.
pub(crate) fn raise(py: Python<'_>, err: Error) -> PyErr {
    let class = match err.kind() {
        vpskit::ErrorKind::Auth => "AuthError",
        vpskit::ErrorKind::NotFound => "NotFoundError",
        vpskit::ErrorKind::NotAllowed => "NotAllowedError",
        vpskit::ErrorKind::RateLimited => "RateLimitedError",
        vpskit::ErrorKind::Server => "ServerError",
        vpskit::ErrorKind::Validation => "ValidationError",
        vpskit::ErrorKind::Decode => "DecodeError",
        vpskit::ErrorKind::Transport => "TransportError",
        vpskit::ErrorKind::Aborted => "AbortedError",
        vpskit::ErrorKind::Internal => "InternalError",
    };
    let build = || -> PyResult<PyErr> {
        let module = py.import("vpskit._errors")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("status", err.status())?;
        kwargs.set_item(
            "code",
            err.code().map(|c| {
                serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
            }),
        )?;
        kwargs.set_item("retry_after", err.retry_after().map(|d| d.as_secs_f64()))?;
        kwargs.set_item(
            "request_sent",
            err.request_sent().map(|s| s.may_have_arrived()),
        )?;
        kwargs.set_item("request_id", err.request_id())?;
        let instance = module
            .getattr(class)?
            .call((err.message(),), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

fn parse_call(py: Python<'_>, call_json: &str) -> PyResult<Call> {
    guarded(py, "reading the call", || {
        Call::from_json(call_json).map_err(|e| raise(py, e))
    })
}

/// Runs core code and turns a Rust panic into `vpskit.InternalError`: a panic never crosses into
/// Python. The panic's own text is not repeated (it could quote data); `what` names the step.
fn guarded<T>(py: Python<'_>, what: &str, run: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .unwrap_or_else(|_| Err(raise(py, Error::internal(format!("{what} panicked")))))
}

/// Panics inside [`guarded`], so the tests can prove a panic arrives as `vpskit.InternalError`.
#[pyfunction]
#[allow(clippy::panic)]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guarded(py, "_panic_for_tests", || {
        panic!("a deliberate panic for vpskit's tests")
    })
}

/// A configuration: API, base URL, key and user agent. The key is never shown.
#[pyclass(frozen, module = "vpskit._native", name = "Config")]
struct PyConfig {
    inner: Config,
}

#[pymethods]
impl PyConfig {
    #[new]
    #[pyo3(signature = (api, key, base_url=None, user_agent_host=None))]
    fn new(
        py: Python<'_>,
        api: &str,
        key: Option<&str>,
        base_url: Option<&str>,
        user_agent_host: Option<&str>,
    ) -> PyResult<Self> {
        let api = Api::parse(api).map_err(|e| raise(py, e))?;
        guarded(py, "Config", || {
            let mut inner = Config::of(api, key, base_url).map_err(|e| raise(py, e))?;
            inner = inner.with_user_agent_host(user_agent_host.unwrap_or("python"));
            Ok(PyConfig { inner })
        })
    }

    #[getter]
    fn api(&self) -> &'static str {
        self.inner.api().name()
    }

    #[getter]
    fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    #[getter]
    fn user_agent(&self) -> String {
        self.inner.user_agent().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Config(api={:?}, base_url={:?}, key=[redacted])",
            self.api(),
            self.base_url()
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "vpskit.Config holds an API key and cannot be pickled",
        ))
    }
}

/// A request as Python receives it: `(method, url, headers, body, idempotent)`.
type RequestTuple<'py> = (
    &'static str,
    String,
    Vec<(Cow<'static, str>, Cow<'static, str>)>,
    Option<Bound<'py, PyBytes>>,
    bool,
);

/// The request `call` makes with `config`.
fn request_tuple<'py>(
    py: Python<'py>,
    call: &Call,
    config: &PyConfig,
) -> PyResult<RequestTuple<'py>> {
    let request = guarded(py, "build_request", || {
        call.request(&config.inner).map_err(|e| raise(py, e))
    })?;
    let body = request.body.as_deref().map(|b| PyBytes::new(py, b));
    Ok((
        request.method.as_str(),
        request.url,
        request.headers,
        body,
        request.idempotent,
    ))
}

/// The `vpskit.Secret` class, looked up once.
fn secret_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static SECRET: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    SECRET.import(py, "vpskit._secret", "Secret")
}

/// `object.__new__`, looked up once.
fn object_new(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    NEW.get_or_try_init(py, || {
        Ok::<_, PyErr>(
            py.import("builtins")?
                .getattr("object")?
                .getattr("__new__")?
                .unbind(),
        )
    })
    .map(|new| new.bind(py))
}

/// The call of an operation with its arguments (the core validates both).
fn read_call(py: Python<'_>, operation: &str, args: serde_json::Value) -> PyResult<Call> {
    let value = serde_json::json!({ "operation": operation, "args": args });
    guarded(py, "reading the call", || {
        Call::from_value(value).map_err(|e| raise(py, e))
    })
}

/// The call of an operation whose only argument is a server's id (no `dict` to convert).
fn call_with_id(py: Python<'_>, operation: &str, id: &str) -> PyResult<Call> {
    read_call(py, operation, serde_json::json!({ "id": id }))
}

/// The call of an operation with its arguments as a `dict` (`vpskit.Secret` values are read
/// here, inside Rust).
fn call_of(py: Python<'_>, operation: &str, args: &Bound<'_, PyDict>) -> PyResult<Call> {
    let args = from_python::to_json(args.as_any(), secret_class(py)?.as_any(), 0)?;
    read_call(py, operation, args)
}

/// The Service ID a client should read for the preflight before `call`, or `None`.
fn preflight_target(py: Python<'_>, call: &Call) -> PyResult<Option<String>> {
    guarded(py, "needs_preflight", || {
        Ok(if call.needs_preflight() {
            call.service_id().map(str::to_string)
        } else {
            None
        })
    })
}

/// A call parsed once (operation and arguments, secrets included) and used for every step of a
/// request: build, parse, preflight. `repr` names the operation only.
#[pyclass(frozen, module = "vpskit._native", name = "Call")]
struct PyCall {
    call: Call,
}

#[pymethods]
impl PyCall {
    #[new]
    fn new(py: Python<'_>, call_json: &str) -> PyResult<Self> {
        Ok(PyCall {
            call: parse_call(py, call_json)?,
        })
    }

    /// The request this call makes with `config`.
    fn build_request<'py>(
        &self,
        py: Python<'py>,
        config: &PyConfig,
    ) -> PyResult<RequestTuple<'py>> {
        request_tuple(py, &self.call, config)
    }

    /// The result of a response as Python data (see `parse_response`).
    fn parse<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> PyResult<Bound<'py, PyAny>> {
        parse::parse_to_python(py, &self.call, &HttpResponse::new(status, headers, body))
    }

    /// Like `parse`, but a list result comes back as instances of `model` (a `vpskit.Model`
    /// subclass) made here without running `__init__`, each holding its item's Python data with
    /// every field set. Any other result is plain data, as from `parse`.
    fn parse_models<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        model: &Bound<'py, PyType>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let response = HttpResponse::new(status, headers, body);
        parse::parse_models(py, &self.call, &response, model)
    }

    /// The Service ID to read for the preflight, or `None` when the call needs none.
    fn needs_preflight(&self, py: Python<'_>) -> PyResult<Option<String>> {
        preflight_target(py, &self.call)
    }

    /// Checks this call against the server JSON read just before (capability, then request
    /// shape).
    fn preflight(&self, py: Python<'_>, server_json: &str) -> PyResult<()> {
        guarded(py, "preflight", || {
            let server = Server::from_json(server_json).map_err(|e| raise(py, e))?;
            self.call.preflight(&server).map_err(|e| raise(py, e))
        })
    }

    fn __repr__(&self) -> String {
        format!("Call({:?})", self.call.name())
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "vpskit._native.Call may hold a password and cannot be pickled",
        ))
    }
}

/// The request a call makes.
#[pyfunction]
fn build_request<'py>(
    py: Python<'py>,
    call_json: &str,
    config: &PyConfig,
) -> PyResult<RequestTuple<'py>> {
    request_tuple(py, &parse_call(py, call_json)?, config)
}

/// The result of a call's response as Python data (see `serialize`): dicts, lists, scalars and
/// `vpskit.Secret` objects.
#[pyfunction]
fn parse_response<'py>(
    py: Python<'py>,
    call_json: &str,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> PyResult<Bound<'py, PyAny>> {
    PyCall::new(py, call_json)?.parse(py, status, headers, body)
}

/// Whether a client should read the server and run the preflight before this call.
#[pyfunction]
fn needs_preflight(py: Python<'_>, call_json: &str) -> PyResult<Option<String>> {
    preflight_target(py, &parse_call(py, call_json)?)
}

/// Checks a call against the server JSON read just before (capability, then request shape).
#[pyfunction]
fn preflight(py: Python<'_>, call_json: &str, server_json: &str) -> PyResult<()> {
    PyCall::new(py, call_json)?.preflight(py, server_json)
}

/// `(allowed, reason, support)` for a server JSON and an action word.
#[pyfunction]
fn check(
    py: Python<'_>,
    server_json: &str,
    action: &str,
) -> PyResult<(bool, String, Option<&'static str>)> {
    guarded(py, "check", || {
        let server = Server::from_json(server_json).map_err(|e| raise(py, e))?;
        let action = Action::parse(action);
        let verdict = faithserver::check(&server, &action);
        Ok((
            verdict.allowed,
            verdict.reason(),
            verdict.support.map(|s| s.as_str()),
        ))
    })
}

/// The matrix level (`yes`, `if_available`, `limited`, `planned`, `no`), or None when unknown.
#[pyfunction]
fn product_support(py: Python<'_>, product: &str, action: &str) -> PyResult<Option<&'static str>> {
    guarded(py, "product_support", || {
        Ok({
            faithserver::product_support(&Product::parse(product), &Action::parse(action))
                .map(|s| s.as_str())
        })
    })
}

/// Whether the permission strings grant `wanted`.
#[pyfunction]
fn permissions_allow(py: Python<'_>, permissions: Vec<String>, wanted: &str) -> PyResult<bool> {
    guarded(py, "permissions_allow", || {
        PermissionSet::from_strings(permissions)
            .allows(wanted)
            .map_err(|e| raise(py, e))
    })
}

/// `(expires_within, days_left)` of a token JSON at `now` (Unix seconds).
#[pyfunction]
fn token_expiry(
    py: Python<'_>,
    token_json: &str,
    days: u32,
    now: i64,
) -> PyResult<(bool, Option<i64>)> {
    guarded(py, "token_expiry", || {
        let token = Token::from_json(token_json).map_err(|e| raise(py, e))?;
        let now = Timestamp::from_unix_seconds(now);
        let within = token.expires_within(days, now).map_err(|e| raise(py, e))?;
        let left = token.days_left(now).map_err(|e| raise(py, e))?;
        Ok((within, left))
    })
}

/// Unix seconds of an ISO 8601 date or date-time.
#[pyfunction]
fn parse_timestamp(py: Python<'_>, text: &str) -> PyResult<i64> {
    guarded(py, "parse_timestamp", || {
        Timestamp::parse(text)
            .map(Timestamp::unix_seconds)
            .map_err(|e| raise(py, e))
    })
}

/// The retry decision for an error raised by attempt `attempt`: milliseconds to wait, or None to
/// give up. The error is described by its fields (`kind`, `status`, `retry_after` seconds,
/// `request_sent`), and judged by the core's `Outcome::from_error` and `RetryPolicy::decide`.
#[pyfunction]
#[pyo3(signature = (idempotent, attempt, kind, status=None, retry_after=None, request_sent=None, seed=0, policy=None))]
#[allow(clippy::too_many_arguments)]
fn retry_decide(
    py: Python<'_>,
    idempotent: bool,
    attempt: u32,
    kind: &str,
    status: Option<u16>,
    retry_after: Option<f64>,
    request_sent: Option<bool>,
    seed: u64,
    policy: Option<(u32, u64, u64, u64)>,
) -> PyResult<Option<u64>> {
    guarded(py, "retry_decide", || {
        Ok((|| {
            let kind = vpskit::ErrorKind::parse(kind)?;
            let sent = request_sent.map(|maybe| {
                if maybe {
                    RequestSent::Maybe
                } else {
                    RequestSent::No
                }
            });
            let outcome = Outcome::from_parts(
                kind,
                status,
                retry_after.map(|s| s.max(0.0).ceil() as u64),
                sent,
            )?;
            let policy = flow::retry_policy(policy);
            match policy.decide(idempotent, attempt, &outcome, seed) {
                RetryDecision::Retry { after_ms } => Some(after_ms),
                RetryDecision::GiveUp => None,
            }
        })())
    })
}

/// The job waiter's judgement: `("done"|"failed"|"poll_after"|"timed_out", after_ms, reason)`.
#[pyfunction]
#[pyo3(signature = (job_json, polls, elapsed_ms, timeout_ms, initial_interval_ms=None, max_interval_ms=None))]
fn job_judge(
    py: Python<'_>,
    job_json: &str,
    polls: u32,
    elapsed_ms: u64,
    timeout_ms: u64,
    initial_interval_ms: Option<u64>,
    max_interval_ms: Option<u64>,
) -> PyResult<(&'static str, Option<u64>, Option<String>)> {
    guarded(py, "job_judge", || {
        let job = faithserver::Job::from_json(job_json).map_err(|e| raise(py, e))?;
        let mut waiter = JobWaiter::new(timeout_ms);
        if let Some(ms) = initial_interval_ms {
            waiter.initial_interval_ms = ms;
        }
        if let Some(ms) = max_interval_ms {
            waiter.max_interval_ms = ms;
        }
        Ok(match waiter.judge(&job, polls, elapsed_ms) {
            JobPoll::Done => ("done", None, None),
            JobPoll::Failed { reason } => ("failed", None, Some(reason)),
            JobPoll::PollAfter { after_ms } => ("poll_after", Some(after_ms), None),
            JobPoll::TimedOut => ("timed_out", None, None),
        })
    })
}

/// Every operation name.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    vpskit::OPERATIONS.to_vec()
}

/// Whether a JSON object key names a secret.
#[pyfunction]
fn is_sensitive_key(key: &str) -> bool {
    vpskit::secret::is_sensitive_key(key)
}

/// Raises `ValidationError` unless `action` is an operation that takes one server id and
/// `concurrency` is within 1..=64 (what `bulk` checks before sending anything).
#[pyfunction]
fn check_bulk(py: Python<'_>, action: &str, concurrency: i64) -> PyResult<()> {
    let concurrency = usize::try_from(concurrency).unwrap_or(0);
    vpskit::check_bulk(action, concurrency).map_err(|e| raise(py, e))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("VERSION", vpskit::VERSION)?;
    let d = RetryPolicy::default();
    m.add(
        "DEFAULT_RETRY_POLICY",
        (
            d.max_attempts,
            d.base_delay_ms,
            d.max_delay_ms,
            d.max_retry_after_ms,
        ),
    )?;
    m.add("MAX_RESPONSE_BYTES", vpskit::MAX_RESPONSE_BYTES)?;
    m.add("FAITHSERVER_BASE_URL", vpskit::FAITHSERVER_BASE_URL)?;
    m.add("VPSORG_BASE_URL", vpskit::VPSORG_BASE_URL)?;
    m.add_class::<PyConfig>()?;
    m.add_function(wrap_pyfunction!(build_request, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_class::<PyCall>()?;
    m.add_class::<flow::PyFlow>()?;
    m.add_class::<flow::PyThrottle>()?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(needs_preflight, m)?)?;
    m.add_function(wrap_pyfunction!(preflight, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(product_support, m)?)?;
    m.add_function(wrap_pyfunction!(permissions_allow, m)?)?;
    m.add_function(wrap_pyfunction!(token_expiry, m)?)?;
    m.add_function(wrap_pyfunction!(parse_timestamp, m)?)?;
    m.add_function(wrap_pyfunction!(retry_decide, m)?)?;
    m.add_function(wrap_pyfunction!(job_judge, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(is_sensitive_key, m)?)?;
    m.add_function(wrap_pyfunction!(check_bulk, m)?)?;
    m.add_class::<fields::PyRequestFields>()?;
    m.add_class::<fields::PyOperationFields>()?;
    Ok(())
}

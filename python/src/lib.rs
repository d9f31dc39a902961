//! `vpskit._native`: the core's surface for Python. Every request, parse, check and decision is
//! the core's; this module only converts values and raises the matching `vpskit` exception.

mod from_python;
mod list_items;
mod to_python;

use list_items::item_ranges;

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use pyo3::PyTypeInfo;
use vpskit::faithserver::{self, Action, Product, Server};
use vpskit::vpsorg::{PermissionSet, Timestamp, Token};
use vpskit::{
    Api, Call, Config, Error, HttpResponse, JobPoll, JobWaiter, KeyCase, Outcome, RequestSent,
    RetryDecision, RetryPolicy,
};

/// Raises the `vpskit` exception class for this error's kind, with its status, code and message.
fn raise(py: Python<'_>, err: Error) -> PyErr {
    let class = match err.kind() {
        vpskit::ErrorKind::Auth => "AuthError",
        vpskit::ErrorKind::NotFound => "NotFoundError",
        vpskit::ErrorKind::NotAllowed => "NotAllowedError",
        vpskit::ErrorKind::RateLimited => "RateLimitedError",
        vpskit::ErrorKind::Server => "ServerError",
        vpskit::ErrorKind::Validation => "ValidationError",
        vpskit::ErrorKind::Decode => "DecodeError",
        vpskit::ErrorKind::Transport => "TransportError",
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

fn parse_json<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    what: &str,
    text: &str,
) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| raise(py, Error::validation(format!("{what}: {e}"))))
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
        key: &str,
        base_url: Option<&str>,
        user_agent_host: Option<&str>,
    ) -> PyResult<Self> {
        let api = match api {
            "faithserver" => Api::FaithServer,
            "vpsorg" => Api::VpsOrg,
            other => {
                return Err(raise(
                    py,
                    Error::validation(format!(
                        "unknown api {other:?}: expected \"faithserver\" or \"vpsorg\""
                    )),
                ))
            }
        };
        guarded(py, "Config", || {
            let mut inner = Config::new(api, key).map_err(|e| raise(py, e))?;
            if let Some(base) = base_url {
                inner = inner.with_base_url(base).map_err(|e| raise(py, e))?;
            }
            inner = inner.with_user_agent_host(user_agent_host.unwrap_or("python"));
            Ok(PyConfig { inner })
        })
    }

    #[getter]
    fn api(&self) -> &'static str {
        match self.inner.api() {
            Api::FaithServer => "faithserver",
            Api::VpsOrg => "vpsorg",
        }
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
    Vec<(String, String)>,
    Option<Bound<'py, PyBytes>>,
    bool,
);

/// Bodies up to this size are parsed holding the GIL: releasing it costs more than the parse.
const DETACH_ABOVE_BYTES: usize = 64 * 1024;

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

/// The core's result for a response, as JSON (large bodies are parsed without the GIL).
fn parse_value(
    py: Python<'_>,
    call: &Call,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> PyResult<serde_json::Value> {
    let response = HttpResponse::new(status, headers, body);
    run_parser(py, &response, |response| call.parse(response))
}

/// Runs a parser of the core: without the GIL for a large body, a panic as `InternalError`.
fn run_parser<T: Send>(
    py: Python<'_>,
    response: &HttpResponse,
    parser: impl FnOnce(&HttpResponse) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let parse = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser(response)))
            .unwrap_or_else(|_| Err(Error::internal("parse_response panicked")))
    };
    let result = if response.body.len() > DETACH_ABOVE_BYTES {
        py.detach(parse)
    } else {
        parse()
    };
    result.map_err(|e| raise(py, e))
}

/// The `vpskit.Secret` class, looked up once.
fn secret_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static SECRET: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    SECRET.import(py, "vpskit._secret", "Secret")
}

/// `vpskit.Request`, looked up once.
fn request_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static REQUEST: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    REQUEST.import(py, "vpskit._transport", "Request")
}

/// The core's view of a `vpskit.Response` (or any object with those attributes;
/// `headers` any iterable of pairs, `body` any bytes-like object).
fn http_response(py: Python<'_>, response: &Bound<'_, PyAny>) -> PyResult<HttpResponse> {
    let status: u16 = response.getattr(intern!(py, "status"))?.extract()?;
    let headers = response.getattr(intern!(py, "headers"))?;
    let headers: Vec<(String, String)> = if headers.is_instance_of::<PyList>() {
        headers.extract()?
    } else {
        PyList::type_object(py).call1((headers,))?.extract()?
    };
    let body = response.getattr(intern!(py, "body"))?;
    let body = match body.cast::<PyBytes>() {
        Ok(bytes) => bytes.as_bytes().to_vec(),
        Err(_) => PyBytes::type_object(py)
            .call1((body,))?
            .cast_into::<PyBytes>()?
            .as_bytes()
            .to_vec(),
    };
    Ok(HttpResponse::new(status, headers, body))
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

/// The fields of a `vpskit.Request`, the base of that class (which adds `repr`, `header` and
/// equality in Python). Native, so a request the core builds becomes a Python object in one
/// allocation, without running Python code. Read-only; no `__dict__`.
#[pyclass(frozen, subclass, module = "vpskit._native", name = "RequestFields")]
struct PyRequestFields {
    method: Py<PyAny>,
    url: Py<PyAny>,
    headers: Py<PyList>,
    body: Py<PyAny>,
    idempotent: bool,
}

#[pymethods]
impl PyRequestFields {
    /// `headers` is copied into a new list of `(name, value)` pairs.
    #[new]
    fn new(
        method: Bound<'_, PyString>,
        url: Bound<'_, PyString>,
        headers: &Bound<'_, PyAny>,
        body: Bound<'_, PyAny>,
        idempotent: bool,
    ) -> PyResult<Self> {
        let py = method.py();
        let headers = PyList::type_object(py)
            .call1((headers,))?
            .cast_into::<PyList>()?;
        Ok(PyRequestFields {
            method: method.into_any().unbind(),
            url: url.into_any().unbind(),
            headers: headers.unbind(),
            body: body.unbind(),
            idempotent,
        })
    }

    /// `GET`, `POST`, …
    #[getter]
    fn method(&self, py: Python<'_>) -> Py<PyAny> {
        self.method.clone_ref(py)
    }

    /// The full URL.
    #[getter]
    fn url(&self, py: Python<'_>) -> Py<PyAny> {
        self.url.clone_ref(py)
    }

    /// `(name, value)` pairs, the key's `Authorization` header among them.
    #[getter]
    fn headers(&self, py: Python<'_>) -> Py<PyList> {
        self.headers.clone_ref(py)
    }

    /// The JSON body, or `None`.
    #[getter]
    fn body(&self, py: Python<'_>) -> Py<PyAny> {
        self.body.clone_ref(py)
    }

    /// Whether the request may be sent again after a failure.
    #[getter]
    fn idempotent(&self) -> bool {
        self.idempotent
    }
}

/// The fields of a `vpskit.operations.Operation`, the base of that class (which adds `repr`,
/// equality and `call_json` in Python), and its call, read by the core on first use and kept.
/// Native, so making an operation and reaching its call run no Python code. Read-only.
#[pyclass(frozen, subclass, module = "vpskit._native", name = "OperationFields")]
struct PyOperationFields {
    name: Py<PyString>,
    args: Py<PyAny>,
    convert: Py<PyAny>,
    api: Py<PyString>,
    call: PyOnceLock<Py<PyCall>>,
}

#[pymethods]
impl PyOperationFields {
    /// `args` is a mapping of the operation's arguments, kept as given.
    #[new]
    #[pyo3(signature = (name, args, convert, api = None))]
    fn new(
        name: Bound<'_, PyString>,
        args: Bound<'_, PyAny>,
        convert: Bound<'_, PyAny>,
        api: Option<Bound<'_, PyString>>,
    ) -> Self {
        let py = name.py();
        let api = api.unwrap_or_else(|| intern!(py, "faithserver").clone());
        PyOperationFields {
            name: name.unbind(),
            args: args.unbind(),
            convert: convert.unbind(),
            api: api.unbind(),
            call: PyOnceLock::new(),
        }
    }

    /// The operation's name (`get_server`).
    #[getter]
    fn name(&self, py: Python<'_>) -> Py<PyString> {
        self.name.clone_ref(py)
    }

    /// The arguments, as given.
    #[getter]
    fn args(&self, py: Python<'_>) -> Py<PyAny> {
        self.args.clone_ref(py)
    }

    /// What turns the core's result into the operation's result type.
    #[getter]
    fn convert(&self, py: Python<'_>) -> Py<PyAny> {
        self.convert.clone_ref(py)
    }

    /// `faithserver` or `vpsorg`.
    #[getter]
    fn api(&self, py: Python<'_>) -> Py<PyString> {
        self.api.clone_ref(py)
    }

    /// The call parsed once by the core, for building its request and parsing its answers (a
    /// call that does not validate raises here, every time it is asked for).
    fn native_call(&self, py: Python<'_>) -> PyResult<Py<PyCall>> {
        self.call
            .get_or_try_init(py, || {
                let name = self.name.bind(py).to_cow()?;
                let args = self.args.bind(py);
                let call = match args.cast::<PyDict>() {
                    Ok(dict) if dict.len() == 1 => match dict.get_item(intern!(py, "id"))? {
                        Some(id) if id.is_exact_instance_of::<PyString>() => {
                            PyCall::with_id(py, &name, &id.cast_into::<PyString>()?.to_cow()?)?
                        }
                        _ => PyCall::of(py, &name, dict)?,
                    },
                    Ok(dict) => PyCall::of(py, &name, dict)?,
                    Err(_) => {
                        let dict = PyDict::type_object(py).call1((args,))?;
                        PyCall::of(py, &name, dict.cast::<PyDict>()?)?
                    }
                };
                Py::new(py, call)
            })
            .map(|call| call.clone_ref(py))
    }
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

    /// A call of an operation whose only argument is a server's id (`get_server`, `reboot`, …):
    /// the common case, read without converting a `dict`.
    #[staticmethod]
    fn with_id(py: Python<'_>, operation: &str, id: &str) -> PyResult<Self> {
        let value = serde_json::json!({ "operation": operation, "args": { "id": id } });
        guarded(py, "reading the call", || {
            Ok(PyCall {
                call: Call::from_value(value).map_err(|e| raise(py, e))?,
            })
        })
    }

    /// A call from its operation name and arguments (a `dict`; `vpskit.Secret` values are read
    /// here, inside Rust), without going through JSON text.
    #[staticmethod]
    fn of(py: Python<'_>, operation: &str, args: &Bound<'_, PyDict>) -> PyResult<Self> {
        let args = from_python::to_json(args.as_any(), secret_class(py)?.as_any(), 0)?;
        let value = serde_json::json!({ "operation": operation, "args": args });
        guarded(py, "reading the call", || {
            Ok(PyCall {
                call: Call::from_value(value).map_err(|e| raise(py, e))?,
            })
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

    /// The request this call makes with `config`, as a `vpskit.Request` built here (its
    /// `__init__` is not run: the fields are set as it would set them).
    fn request<'py>(&self, py: Python<'py>, config: &PyConfig) -> PyResult<Bound<'py, PyAny>> {
        request_class(py)?.call1(request_tuple(py, &self.call, config)?)
    }

    /// The result of `response` (a `vpskit.Response`) as an instance of `model` (a
    /// `vpskit.Model` subclass), made here without running `__init__`: it holds the result's
    /// Python data as `_raw`, with the fields named by `model._plain_fields` (those that need
    /// no conversion) already set; the others are read on first use.
    fn parse_model<'py>(
        &self,
        py: Python<'py>,
        response: &Bound<'py, PyAny>,
        model: &Bound<'py, PyType>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let response = http_response(py, response)?;
        let value = run_parser(py, &response, |response| self.call.parse(response))?;
        let raw = to_python::to_python(py, &value, secret_class(py)?.as_any())?;
        let Ok(members) = raw.cast::<PyDict>() else {
            // Not an object: the model's own constructor decides, as for any other result.
            return model.call1((raw,));
        };
        let instance = object_new(py)?.call1((model,))?;
        for name in model.getattr(intern!(py, "_plain_fields"))?.try_iter()? {
            let name = name?;
            let value = members.get_item(&name)?;
            instance.setattr(name.cast_into::<PyString>()?, value)?;
        }
        instance.setattr(intern!(py, "_raw"), raw)?;
        Ok(instance)
    }

    /// The result of a response as Python data (see `parse_response`).
    fn parse<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value = parse_value(py, &self.call, status, headers, body)?;
        to_python::to_python(py, &value, secret_class(py)?.as_any())
    }

    /// Like `parse`, but a list result comes back as instances of `model` (a `vpskit.Model`
    /// subclass) made here without running `__init__`, each holding its item in Rust until it is
    /// first read. Any other result is plain data, as from `parse`.
    fn parse_models<'py>(
        &self,
        py: Python<'py>,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        model: &Bound<'py, PyType>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let response = HttpResponse::new(status, headers, body);
        let result = run_parser(py, &response, |response| {
            self.call.parse_json(response, KeyCase::Snake)
        })?;
        let text: std::sync::Arc<[u8]> = result.text.into_bytes().into();
        match item_ranges(&text) {
            Some(items) => {
                let new = object_new(py)?;
                let mut models = Vec::with_capacity(items.len());
                for range in items {
                    let instance = new.call1((model,))?;
                    let handle = JsonHandle {
                        text: text.clone(),
                        range,
                    };
                    instance.setattr(intern!(py, "_handle"), Py::new(py, handle)?)?;
                    models.push(instance);
                }
                Ok(PyList::new(py, models)?.into_any())
            }
            None => to_python::json_to_python(py, &text, secret_class(py)?.as_any()),
        }
    }

    /// The Service ID to read for the preflight, or `None` when the call needs none.
    fn needs_preflight(&self, py: Python<'_>) -> PyResult<Option<String>> {
        guarded(py, "needs_preflight", || {
            Ok(if self.call.needs_preflight() {
                self.call.service_id().map(str::to_string)
            } else {
                None
            })
        })
    }

    /// Checks this call against the server JSON read just before (capability, then request
    /// shape).
    fn preflight(&self, py: Python<'_>, server_json: &str) -> PyResult<()> {
        guarded(py, "preflight", || {
            let server: Server = parse_json(py, "server", server_json)?;
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

/// One item of a parsed list, kept in Rust (as its range of the result's JSON text) until its
/// model is first read. `repr` shows no data.
#[pyclass(frozen, module = "vpskit._native", name = "JsonHandle")]
struct JsonHandle {
    text: std::sync::Arc<[u8]>,
    range: std::ops::Range<usize>,
}

#[pymethods]
impl JsonHandle {
    /// The item as Python data (secrets as `vpskit.Secret`).
    fn load<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let item = self.text.get(self.range.clone()).unwrap_or_default();
        to_python::json_to_python(py, item, secret_class(py)?.as_any())
    }

    fn __repr__(&self) -> &'static str {
        "JsonHandle(<not read yet>)"
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "vpskit._native.JsonHandle may hold secrets and cannot be pickled",
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

/// The result of a call's response as Python data (see `to_python`): dicts, lists, scalars and
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
    guarded(py, "needs_preflight", || {
        let call = parse_call(py, call_json)?;
        Ok(if call.needs_preflight() {
            call.service_id().map(str::to_string)
        } else {
            None
        })
    })
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
        let server: Server = parse_json(py, "server", server_json)?;
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
        let token: Token = parse_json(py, "token", token_json)?;
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
            let policy = policy
                .map(
                    |(max_attempts, base_delay_ms, max_delay_ms, max_retry_after_ms)| RetryPolicy {
                        max_attempts,
                        base_delay_ms,
                        max_delay_ms,
                        max_retry_after_ms,
                    },
                )
                .unwrap_or_default();
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
        let job: faithserver::Job = parse_json(py, "job", job_json)?;
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
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_class::<JsonHandle>()?;
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
    m.add_class::<PyRequestFields>()?;
    m.add_class::<PyOperationFields>()?;
    Ok(())
}

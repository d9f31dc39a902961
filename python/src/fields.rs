//! The native bases of `vpskit.Request` and `vpskit.operations.Operation`: their fields live in
//! Rust, so the core's request becomes a Python object, and an operation reaches its call, without
//! running Python code. The Python subclasses add `repr`, equality and the helpers.

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use pyo3::PyTypeInfo;
use vpskit::Call;

use crate::{call_of, call_with_id, parse, preflight_target, request_tuple, PyCall, PyConfig};

/// `vpskit.Request`, looked up once.
pub(crate) fn request_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static REQUEST: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    REQUEST.import(py, "vpskit._transport", "Request")
}

/// The fields of a `vpskit.Request`, the base of that class (which adds `repr`, `header` and
/// equality in Python). Native, so a request the core builds becomes a Python object in one
/// allocation, without running Python code. Read-only; no `__dict__`.
#[pyclass(frozen, subclass, module = "vpskit._native", name = "RequestFields")]
pub(crate) struct PyRequestFields {
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
/// Read-only.
#[pyclass(frozen, subclass, module = "vpskit._native", name = "OperationFields")]
pub(crate) struct PyOperationFields {
    name: Py<PyString>,
    args: Py<PyAny>,
    convert: Py<PyAny>,
    api: Py<PyString>,
    call: OnceLock<Call>,
}

impl PyOperationFields {
    /// The call, read from the name and arguments on first use (a call that does not validate
    /// raises every time it is asked for).
    fn call(&self, py: Python<'_>) -> PyResult<&Call> {
        if let Some(call) = self.call.get() {
            return Ok(call);
        }
        let name = self.name.bind(py).to_cow()?;
        let args = self.args.bind(py);
        let call = match args.cast::<PyDict>() {
            Ok(dict) if dict.len() == 1 => match dict.get_item(intern!(py, "id"))? {
                Some(id) if id.is_exact_instance_of::<PyString>() => {
                    call_with_id(py, &name, &id.cast_into::<PyString>()?.to_cow()?)?
                }
                _ => call_of(py, &name, dict)?,
            },
            Ok(dict) => call_of(py, &name, dict)?,
            Err(_) => {
                let dict = PyDict::type_object(py).call1((args,))?;
                call_of(py, &name, dict.cast::<PyDict>()?)?
            }
        };
        Ok(self.call.get_or_init(|| call))
    }
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
            call: OnceLock::new(),
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

    /// The call parsed by the core, for building its request and parsing its answers.
    fn native_call(&self, py: Python<'_>) -> PyResult<PyCall> {
        Ok(PyCall {
            call: self.call(py)?.clone(),
        })
    }

    /// The core's flow for this operation (see `flow.rs`): `policy` is the retry policy's
    /// `(max_attempts, base_delay_ms, max_delay_ms, max_retry_after_ms)`.
    #[pyo3(signature = (config, preflight, policy, seed, server_json = None))]
    fn _flow(
        slf: &Bound<'_, Self>,
        config: &PyConfig,
        preflight: bool,
        policy: Option<(u32, u64, u64, u64)>,
        seed: u64,
        server_json: Option<&str>,
    ) -> PyResult<crate::flow::PyFlow> {
        let py = slf.py();
        let call = slf.get().call(py)?;
        let options = flow_options(preflight, policy, seed);
        let held = match server_json {
            Some(json) => Some(
                vpskit::faithserver::Server::from_json(json).map_err(|e| crate::raise(py, e))?,
            ),
            None => None,
        };
        Ok(crate::flow::PyFlow::call(
            call,
            slf.clone().unbind(),
            config,
            &options,
            held.as_ref(),
        ))
    }

    /// A wait for every job of `job_ids` on one poll schedule, this `get_job` operation reading
    /// each polled job: `schedule` is `(timeout_ms, initial_interval_ms, max_interval_ms)`.
    fn _jobs_flow(
        slf: &Bound<'_, Self>,
        config: &PyConfig,
        policy: Option<(u32, u64, u64, u64)>,
        seed: u64,
        schedule: crate::flow::Schedule,
        job_ids: Vec<String>,
    ) -> PyResult<crate::flow::PyFlow> {
        let options = flow_options(false, policy, seed);
        let ids: Vec<&str> = job_ids.iter().map(String::as_str).collect();
        Ok(crate::flow::PyFlow::jobs(
            &ids,
            slf.clone().unbind(),
            config,
            &options,
            schedule,
        ))
    }

    /// A wait for the job this `get_job` operation reads: `schedule` is
    /// `(timeout_ms, initial_interval_ms, max_interval_ms)`.
    fn _job_flow(
        slf: &Bound<'_, Self>,
        config: &PyConfig,
        policy: Option<(u32, u64, u64, u64)>,
        seed: u64,
        schedule: crate::flow::Schedule,
    ) -> PyResult<crate::flow::PyFlow> {
        let py = slf.py();
        let Call::GetJob(args) = slf.get().call(py)? else {
            return Err(PyValueError::new_err(
                "only a get_job operation can wait for its job",
            ));
        };
        let options = flow_options(false, policy, seed);
        Ok(crate::flow::PyFlow::job(
            &args.job_id,
            slf.clone().unbind(),
            config,
            &options,
            schedule,
        ))
    }

    /// The request, as a `vpskit.Request` (`vpskit.operations.build_request`).
    fn _request<'py>(&self, py: Python<'py>, config: &PyConfig) -> PyResult<Bound<'py, PyAny>> {
        request_class(py)?.call1(request_tuple(py, self.call(py)?, config)?)
    }

    /// The typed result of a `vpskit.Response` (`vpskit.operations.parse_response`): a model
    /// made in Rust, a list of models made in Rust, or `convert` applied to the Python data.
    fn _parse<'py>(
        &self,
        py: Python<'py>,
        response: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let http = parse::http_response(py, response)?;
        self.parse_http(py, &http)
    }

    /// The Service ID to read for the preflight, or `None` when the call needs none.
    fn _needs_preflight(&self, py: Python<'_>) -> PyResult<Option<String>> {
        preflight_target(py, self.call(py)?)
    }
}

impl PyOperationFields {
    /// The typed result of a response (see `_parse`).
    pub(crate) fn parse_http<'py>(
        &self,
        py: Python<'py>,
        http: &vpskit::HttpResponse,
    ) -> PyResult<Bound<'py, PyAny>> {
        let call = self.call(py)?;
        let convert = self.convert.bind(py);
        if convert.get_type().is(many_class(py)?) {
            let model = convert
                .getattr(intern!(py, "_cls"))?
                .cast_into::<PyType>()?;
            return parse::parse_models(py, call, http, &model);
        }
        if let Ok(model) = convert.cast::<PyType>() {
            // A `vpskit.Model` subclass: the core makes the instance.
            if model.hasattr(intern!(py, "_plain_fields"))? {
                return parse::parse_model(py, call, http, model);
            }
        }
        convert.call1((parse::parse_to_python(py, call, http)?,))
    }
}

fn flow_options(
    preflight: bool,
    policy: Option<(u32, u64, u64, u64)>,
    seed: u64,
) -> vpskit::flow::FlowOptions {
    vpskit::flow::FlowOptions {
        preflight,
        retry: crate::flow::retry_policy(policy),
        seed,
    }
}

/// `vpskit._ops._Many` (a list-of-models converter), looked up once.
fn many_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static MANY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    MANY.import(py, "vpskit._ops", "_Many")
}

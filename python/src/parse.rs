//! Responses into Python results: the typed result written into Python objects, a single model
//! made in Rust with its plain fields set, and a list of lazy models each holding its item.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};
use pyo3::PyTypeInfo;
use vpskit::{Call, Error, HttpResponse, KeyCase};

use crate::list_items::item_ranges;
use crate::{guarded, object_new, raise, secret_class, serialize, to_python};

/// Bodies up to this size are parsed holding the GIL: releasing it costs more than the parse.
const DETACH_ABOVE_BYTES: usize = 64 * 1024;

/// The core's result for a response as Python data: the typed result, written into Python
/// objects by its `Serialize` impl (see `serialize`); large bodies are parsed without the GIL.
pub(crate) fn parse_to_python<'py>(
    py: Python<'py>,
    call: &Call,
    response: &HttpResponse,
) -> PyResult<Bound<'py, PyAny>> {
    let visitor = ParseToPython { py, response };
    guarded(py, "parse_response", || {
        call.visit_operation(call.response_api(), visitor)
            .map_err(|e| raise(py, e))?
    })
}

/// Parses into the typed result, then writes it into Python objects ([`parse_to_python`]).
struct ParseToPython<'a, 'py> {
    py: Python<'py>,
    response: &'a HttpResponse,
}

impl<'py> vpskit::OperationVisitor for ParseToPython<'_, 'py> {
    type Output = PyResult<Bound<'py, PyAny>>;

    fn visit<T: vpskit::FromResponse + serde::Serialize + Send + 'static>(
        self,
        _: vpskit::Operation<T>,
    ) -> Self::Output {
        let py = self.py;
        let result = run_parser(py, self.response, T::from_response)?;
        serialize::to_python(py, &result, secret_class(py)?.as_any()).map_err(|e| match e {
            serialize::SerializeError::Python(err) => err,
            serialize::SerializeError::Custom(message) => {
                raise(py, Error::decode(format!("result: {message}")))
            }
        })
    }
}

/// Runs a parser of the core: without the GIL for a large body, a panic as `InternalError`.
pub(crate) fn run_parser<T: Send>(
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

/// The result of `response` as an instance of `model` (a `vpskit.Model` subclass), made here
/// without running `__init__`: it holds the result's Python data as `_raw`, with `plain_fields`
/// (the model's `_plain_fields`: those that need no conversion) already set; the others are read
/// on first use. A result that is not an object goes to `model(result)`, as any other would.
pub(crate) fn parse_model<'py>(
    py: Python<'py>,
    call: &Call,
    response: &HttpResponse,
    model: &Bound<'py, PyType>,
    plain_fields: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let raw = parse_to_python(py, call, response)?;
    let Ok(members) = raw.cast::<PyDict>() else {
        return model.call1((raw,));
    };
    let state = PyDict::new(py);
    for name in plain_fields.try_iter()? {
        let name = name?;
        let value = members.get_item(&name)?;
        state.set_item(name, value)?;
    }
    state.set_item(intern!(py, "_raw"), &raw)?;
    let instance = object_new(py)?.call1((model,))?;
    instance.setattr(intern!(py, "__dict__"), state)?;
    Ok(instance)
}

/// A list result as instances of `model` made without running `__init__`, each holding its item
/// in Rust until it is first read; any other result is plain data, as from [`parse_to_python`].
pub(crate) fn parse_models<'py>(
    py: Python<'py>,
    call: &Call,
    response: &HttpResponse,
    model: &Bound<'py, PyType>,
) -> PyResult<Bound<'py, PyAny>> {
    let result = run_parser(py, response, |response| {
        call.parse_json(response, KeyCase::Snake)
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

/// The core's view of a `vpskit.Response` (or any object with those attributes;
/// `headers` any iterable of pairs, `body` any bytes-like object).
pub(crate) fn http_response(py: Python<'_>, response: &Bound<'_, PyAny>) -> PyResult<HttpResponse> {
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

/// One item of a parsed list, kept in Rust (as its range of the result's JSON text) until its
/// model is first read. `repr` shows no data.
#[pyclass(frozen, module = "vpskit._native", name = "JsonHandle")]
pub(crate) struct JsonHandle {
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

//! Responses into Python results: the typed result written into Python objects by the one
//! converter (`serialize`), and made into models in Rust with their plain fields set.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};
use pyo3::PyTypeInfo;
use vpskit::{Call, Error, HttpResponse};

use crate::{guarded, object_new, raise, secret_class, serialize};

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

/// The result of `response` as an instance of `model` (a `vpskit.Model` subclass), made as
/// [`ModelClass::make`] makes one, its converted fields left for their first read (a single
/// result is often read for a field or two).
pub(crate) fn parse_model<'py>(
    py: Python<'py>,
    call: &Call,
    response: &HttpResponse,
    model: &Bound<'py, PyType>,
) -> PyResult<Bound<'py, PyAny>> {
    let raw = parse_to_python(py, call, response)?;
    ModelClass::of(model, Fields::Plain)?.make(raw)
}

/// A list result as instances of `model`, each made as [`ModelClass::make`] makes one with every
/// field set (a list is read item after item: converting on first read would cost each item a
/// call of `__getattr__` per field); any other result is plain data, as from [`parse_to_python`].
pub(crate) fn parse_models<'py>(
    py: Python<'py>,
    call: &Call,
    response: &HttpResponse,
    model: &Bound<'py, PyType>,
) -> PyResult<Bound<'py, PyAny>> {
    let result = parse_to_python(py, call, response)?;
    let Ok(items) = result.cast::<PyList>() else {
        return Ok(result);
    };
    let class = ModelClass::of(model, Fields::All)?;
    let models = items
        .iter()
        .map(|item| class.make(item))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, models)?.into_any())
}

/// Which fields [`ModelClass::make`] sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Those that need no conversion; the others (and `extra`) are made on first read.
    Plain,
    /// Every field, converted, and `extra`.
    All,
}

/// What making a model takes from its class (a `vpskit.Model` subclass), read once per result.
struct ModelClass<'py> {
    class: Bound<'py, PyType>,
    /// `_plain_fields`: the fields whose JSON value is their value.
    plain: Vec<Bound<'py, PyAny>>,
    /// With [`Fields::All`]: what makes the other fields and `extra`.
    converted: Option<Conversions<'py>>,
}

/// The rest of a model's fields: `_convert`'s items (a field and what makes its value: an enum,
/// a nested model) and `_field_set` (the typed fields; every other member goes to `extra`).
struct Conversions<'py> {
    converted: Vec<(Bound<'py, PyAny>, Convert<'py>)>,
    fields: Bound<'py, PyAny>,
}

impl<'py> ModelClass<'py> {
    /// What making instances of `class` with `which` fields takes, read once.
    fn of(class: &Bound<'py, PyType>, which: Fields) -> PyResult<Self> {
        let py = class.py();
        let converted = match which {
            Fields::Plain => None,
            Fields::All => {
                let fields = class.getattr(intern!(py, "_field_set"))?;
                // Only the fields' converters: a name `_convert` has that no field has stays
                // unset, as `Model.__getattr__` leaves it.
                let mut converted = Vec::new();
                for (name, convert) in class
                    .getattr(intern!(py, "_convert"))?
                    .cast_into::<PyDict>()?
                {
                    if fields.contains(&name)? {
                        converted.push((name, Convert::of(convert)?));
                    }
                }
                Some(Conversions { converted, fields })
            }
        };
        Ok(ModelClass {
            class: class.clone(),
            plain: class
                .getattr(intern!(py, "_plain_fields"))?
                .try_iter()?
                .collect::<PyResult<_>>()?,
            converted,
        })
    }

    /// `raw` (one result's Python data) as an instance of the class, made without running
    /// `__init__`: it holds `raw` as `_raw` and the fields [`ModelClass::of`] was asked for,
    /// converted where the class says so, with `extra` (the members no field types). Data that
    /// is not an object goes to `class(raw)`, as any other would.
    fn make(&self, raw: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = raw.py();
        let Ok(members) = raw.cast::<PyDict>() else {
            return self.class.call1((raw,));
        };
        let state = PyDict::new(py);
        for name in &self.plain {
            state.set_item(name, members.get_item(name)?)?;
        }
        if let Some(conversions) = &self.converted {
            conversions.apply(members, &state)?;
        }
        state.set_item(intern!(py, "_raw"), &raw)?;
        let instance = object_new(py)?.call1((&self.class,))?;
        instance.setattr(intern!(py, "__dict__"), state)?;
        Ok(instance)
    }
}

impl<'py> Conversions<'py> {
    /// Sets the converted fields and `extra` of `members` into `state`.
    fn apply(&self, members: &Bound<'py, PyDict>, state: &Bound<'py, PyDict>) -> PyResult<()> {
        let py = members.py();
        for (name, convert) in &self.converted {
            let value = match members.get_item(name)? {
                Some(value) if !value.is_none() => convert.apply(value)?,
                _ => py.None().into_bound(py),
            };
            state.set_item(name, value)?;
        }
        let extra = PyDict::new(py);
        for (name, value) in members.iter() {
            if !self.fields.contains(&name)? {
                extra.set_item(name, value)?;
            }
        }
        state.set_item(intern!(py, "extra"), extra)
    }
}

/// What makes a converted field's value from its data.
enum Convert<'py> {
    /// A `vpskit._models._EnumOf` (a word, or with `many` a list of words, as an open enum):
    /// applied here, a documented word looked up in `members` and any other given to `cls`.
    Enum {
        members: Bound<'py, PyDict>,
        cls: Bound<'py, PyAny>,
        many: bool,
    },
    /// Any other converter (a nested model, `PermissionSet`), called.
    Call(Bound<'py, PyAny>),
}

impl<'py> Convert<'py> {
    fn of(convert: Bound<'py, PyAny>) -> PyResult<Self> {
        let py = convert.py();
        if !convert.is_instance(enum_of_class(py)?)? {
            return Ok(Convert::Call(convert));
        }
        Ok(Convert::Enum {
            members: convert
                .getattr(intern!(py, "members"))?
                .cast_into::<PyDict>()?,
            cls: convert.getattr(intern!(py, "cls"))?,
            many: convert.getattr(intern!(py, "many"))?.is_truthy()?,
        })
    }

    fn apply(&self, value: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Convert::Call(convert) => convert.call1((value,)),
            Convert::Enum {
                members,
                cls,
                many: false,
            } => word(members, cls, value),
            Convert::Enum {
                members,
                cls,
                many: true,
            } => {
                let words = value
                    .try_iter()?
                    .map(|item| word(members, cls, item?))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(value.py(), words)?.into_any())
            }
        }
    }
}

/// A word as a member of the open enum `cls` (`members` is its `_value2member_map_`).
fn word<'py>(
    members: &Bound<'py, PyDict>,
    cls: &Bound<'py, PyAny>,
    value: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match members.get_item(&value)? {
        Some(member) => Ok(member),
        None => cls.call1((value,)),
    }
}

/// `vpskit._models._EnumOf`, looked up once.
fn enum_of_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static ENUM_OF: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    ENUM_OF.import(py, "vpskit._models", "_EnumOf")
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

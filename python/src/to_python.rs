//! The core's result JSON as Python objects, built directly (no JSON text in between): `dict`,
//! `list`, `str`, `int`, `float`, `bool`, `None`, and `vpskit.Secret` for every `{"$secret": …}`
//! marker, so a secret is never a plain `str` on the Python side.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use serde_json::Value;

/// Converts `value`; `secret` is the `vpskit.Secret` class.
pub(crate) fn to_python<'py>(
    py: Python<'py>,
    value: &Value,
    secret: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item, secret)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => {
            if let (1, Some(inner)) = (members.len(), members.get("$secret")) {
                let text = match inner {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                return secret.call1((text,));
            }
            let dict = PyDict::new(py);
            for (key, member) in members {
                dict.set_item(PyString::intern(py, key), to_python(py, member, secret)?)?;
            }
            dict.into_any()
        }
    })
}

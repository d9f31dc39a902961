//! Python call arguments as JSON for the core: `str`, `int`, `float`, `bool`, `None`, lists,
//! tuples, dicts with `str` keys, and `vpskit.Secret` (its value, which stays inside Rust).
//! Anything else is a `TypeError` naming the argument's type, never a silent conversion.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Converts `object`; `secret` is the `vpskit.Secret` class. `depth` guards against cycles.
pub(crate) fn to_json(
    object: &Bound<'_, PyAny>,
    secret: &Bound<'_, PyAny>,
    depth: usize,
) -> PyResult<Value> {
    if depth > 32 {
        return Err(PyTypeError::new_err(
            "call arguments are nested more than 32 levels deep",
        ));
    }
    if object.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(text) = object.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    if let Ok(flag) = object.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if object.is_instance_of::<PyInt>() {
        if let Ok(n) = object.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        let n: u64 = object
            .extract()
            .map_err(|_| PyTypeError::new_err("an integer argument is out of range"))?;
        return Ok(Value::Number(n.into()));
    }
    if let Ok(real) = object.cast::<PyFloat>() {
        return Number::from_f64(real.value())
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err("a float argument is not finite"));
    }
    if object.is_instance(secret)? {
        let value = object.call_method0("expose")?;
        return to_json(&value, secret, depth + 1);
    }
    if let Ok(items) = object.cast::<PyList>() {
        return items
            .iter()
            .map(|item| to_json(&item, secret, depth + 1))
            .collect();
    }
    if let Ok(items) = object.cast::<PyTuple>() {
        return items
            .iter()
            .map(|item| to_json(&item, secret, depth + 1))
            .collect();
    }
    if let Ok(members) = object.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, member) in members.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("call argument keys must be strings"))?;
            map.insert(
                key.to_cow()?.into_owned(),
                to_json(&member, secret, depth + 1)?,
            );
        }
        return Ok(Value::Object(map));
    }
    Err(PyTypeError::new_err(format!(
        "{} is not a supported call argument (use str, int, float, bool, None, list, dict or Secret)",
        object.get_type().name()?
    )))
}

//! The core's result JSON as Python objects, built directly (no JSON text in between): `dict`,
//! `list`, `str`, `int`, `float`, `bool`, `None`, and `vpskit.Secret` for every `{"$secret": …}`
//! marker, so a secret is never a plain `str` on the Python side.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use std::borrow::Cow;

use serde_json::Value;
use vpskit::secret::SECRET_MARKER;

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

/// Converts JSON text (written by the core, secrets marked) straight into Python objects, as
/// [`to_python`] would convert the same document read into a `serde_json::Value`, without
/// building that value.
pub(crate) fn json_to_python<'py>(
    py: Python<'py>,
    text: &[u8],
    secret: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let failure = std::cell::RefCell::new(None);
    let seed = PySeed {
        py,
        secret,
        failure: &failure,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let result = serde::de::DeserializeSeed::deserialize(seed, &mut deserializer)
        .and_then(|object| deserializer.end().map(|()| object));
    match (result, failure.into_inner()) {
        (Ok(object), _) => Ok(object),
        (Err(_), Some(err)) => Err(err),
        (Err(e), None) => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "re-reading a result: {e}"
        ))),
    }
}

/// Builds one JSON value as a Python object; a Python error is kept in `failure` (serde's error
/// type cannot carry it) and stops the read.
#[derive(Clone, Copy)]
struct PySeed<'a, 'py> {
    py: Python<'py>,
    secret: &'a Bound<'py, PyAny>,
    failure: &'a std::cell::RefCell<Option<PyErr>>,
}

impl<'py> PySeed<'_, 'py> {
    fn keep<T, E: serde::de::Error>(self, result: PyResult<T>) -> Result<T, E> {
        result.map_err(|err| {
            *self.failure.borrow_mut() = Some(err);
            E::custom("a Python error")
        })
    }
}

impl<'de, 'py> serde::de::DeserializeSeed<'de> for PySeed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> serde::de::Visitor<'de> for PySeed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        let object = v.into_pyobject(self.py).map(|o| o.into_any());
        self.keep(object.map_err(Into::into))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let object = v.into_pyobject(self.py).map(|o| o.into_any());
        self.keep(object.map_err(Into::into))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.py, v).into_any())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.py, v).into_any())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        let list = PyList::new(self.py, items).map(|l| l.into_any());
        self.keep(list)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        let mut key = map.next_key::<Cow<'de, str>>()?;
        if key.as_deref() == Some(SECRET_MARKER) {
            // `{"$secret": …}` alone is a secret (its text kept exactly); with other members it
            // is an ordinary object, as `to_python` reads it.
            let inner: Value = map.next_value()?;
            let next = map.next_key::<Cow<'de, str>>()?;
            if next.is_none() {
                let text = match inner {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                return self.keep(self.secret.call1((text,)));
            }
            let value = self.keep(to_python(self.py, &inner, self.secret))?;
            self.keep(dict.set_item(PyString::intern(self.py, SECRET_MARKER), value))?;
            key = next;
        }
        while let Some(name) = key {
            let value = map.next_value_seed(self)?;
            self.keep(dict.set_item(PyString::intern(self.py, &name), value))?;
            key = map.next_key()?;
        }
        Ok(dict.into_any())
    }
}

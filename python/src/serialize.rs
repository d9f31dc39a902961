//! Python's one result converter: a typed result of the core written straight into Python objects
//! by its `Serialize` impl, the objects `serde_json::to_value(result)` would describe, without
//! building that value (`dict`, `list`, `str`, `int`, `float`, `bool`, `None`, and
//! `vpskit.Secret` for every `{"$secret": …}` marker). Single results and list items alike.
//!
//! The rules are `serde_json::to_value`'s: a non-finite float is `None`, bytes are a list of
//! integers, an enum variant with data is a one-member object, a map key must be a string (an
//! integer, `bool` or `char` key is written as text). A lone `{"$secret": x}` becomes
//! `Secret(x)` (`x`'s JSON text when it is not a string).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use serde::ser::{self, Serialize};
use serde_json::Value;
use vpskit::secret::SECRET_MARKER;

/// Serializes `value` into Python objects; `secret` is the `vpskit.Secret` class.
pub(crate) fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    secret: &Bound<'py, PyAny>,
) -> Result<Bound<'py, PyAny>, SerializeError> {
    let keys = Keys::default();
    value.serialize(PySerializer {
        py,
        secret,
        keys: &keys,
    })
}

/// The member names made so far in one conversion: a list's items share their names, so past
/// the first [`Keys::WARM`] names each is made once (as `json.loads` does), not once per item; a
/// single result's few names skip the cache and its allocations. Holds at most [`Keys::MAX`]
/// names, so a body of many different names costs no more memory than it did.
#[derive(Default)]
struct Keys<'py> {
    made: Cell<usize>,
    cache: RefCell<HashMap<Box<str>, Bound<'py, PyString>>>,
}

impl<'py> Keys<'py> {
    const WARM: usize = 32;
    const MAX: usize = 1024;

    fn get(&self, py: Python<'py>, name: &str) -> Bound<'py, PyString> {
        let made = self.made.get();
        if made < Self::WARM {
            self.made.set(made + 1);
            // Interned, as attribute names are: a model's field lookup then compares pointers.
            return PyString::intern(py, name);
        }
        if let Some(key) = self.cache.borrow().get(name) {
            return key.clone();
        }
        let key = PyString::intern(py, name);
        let mut cache = self.cache.borrow_mut();
        if cache.len() < Self::MAX {
            cache.insert(name.into(), key.clone());
        }
        key
    }
}

/// Why a result could not be written: a Python error, or the result's own (`serde`'s `custom`).
#[derive(Debug)]
pub(crate) enum SerializeError {
    /// Making a Python object failed.
    Python(PyErr),
    /// The value refused to serialize (the message is the `Serialize` impl's).
    Custom(String),
}

impl std::fmt::Display for SerializeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SerializeError::Python(_) => f.write_str("a Python error"),
            SerializeError::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SerializeError {}

impl ser::Error for SerializeError {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        SerializeError::Custom(message.to_string())
    }
}

impl From<PyErr> for SerializeError {
    fn from(err: PyErr) -> Self {
        SerializeError::Python(err)
    }
}

type Result<T, E = SerializeError> = std::result::Result<T, E>;

#[derive(Clone, Copy)]
struct PySerializer<'a, 'py> {
    py: Python<'py>,
    secret: &'a Bound<'py, PyAny>,
    keys: &'a Keys<'py>,
}

impl<'a, 'py> PySerializer<'a, 'py> {
    fn none(self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }

    fn int<
        I: IntoPyObject<
            'py,
            Target = pyo3::types::PyInt,
            Output = Bound<'py, pyo3::types::PyInt>,
            Error = std::convert::Infallible,
        >,
    >(
        self,
        v: I,
    ) -> Bound<'py, PyAny> {
        match v.into_pyobject(self.py) {
            Ok(object) => object.into_any(),
            Err(never) => match never {},
        }
    }

    /// `{variant: value}`, how an enum variant with data is written.
    fn variant(self, variant: &str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.keys.get(self.py, variant), value)?;
        Ok(dict.into_any())
    }

    fn object(self, variant: Option<&'static str>) -> ObjectBuilder<'a, 'py> {
        ObjectBuilder {
            to: self,
            dict: PyDict::new(self.py),
            marker: None,
            pending_key: None,
            variant,
            first: true,
        }
    }

    fn array(self, len: Option<usize>, variant: Option<&'static str>) -> ArrayBuilder<'a, 'py> {
        ArrayBuilder {
            to: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant,
        }
    }
}

impl<'a, 'py> ser::Serializer for PySerializer<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerializeError;
    type SerializeSeq = ArrayBuilder<'a, 'py>;
    type SerializeTuple = ArrayBuilder<'a, 'py>;
    type SerializeTupleStruct = ArrayBuilder<'a, 'py>;
    type SerializeTupleVariant = ArrayBuilder<'a, 'py>;
    type SerializeMap = ObjectBuilder<'a, 'py>;
    type SerializeStruct = ObjectBuilder<'a, 'py>;
    type SerializeStructVariant = ObjectBuilder<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(small), _) => Ok(self.int(small)),
            (_, Ok(unsigned)) => Ok(self.int(unsigned)),
            _ => Err(SerializeError::Custom("number out of range".to_string())),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        Ok(self.int(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        match u64::try_from(v) {
            Ok(small) => Ok(self.int(small)),
            Err(_) => Err(SerializeError::Custom("number out of range".to_string())),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        Ok(if v.is_finite() {
            PyFloat::new(self.py, v).into_any()
        } else {
            self.none()
        })
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        let items: Vec<Bound<'py, PyAny>> = v.iter().map(|b| self.int(*b)).collect();
        Ok(PyList::new(self.py, items)?.into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Ok(self.none())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let inner = value.serialize(self)?;
        self.variant(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(self.array(len, None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        Ok(self.array(Some(len), None))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Ok(self.array(Some(len), None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(self.array(Some(len), Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(self.object(None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Ok(self.object(None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Ok(self.object(Some(variant)))
    }
}

/// A JSON array being written: a list (or `{variant: list}`).
struct ArrayBuilder<'a, 'py> {
    to: PySerializer<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> ArrayBuilder<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.to.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.to.variant(variant, list),
            None => Ok(list),
        }
    }
}

macro_rules! array_builder {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'a, 'py> ser::$trait for ArrayBuilder<'a, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerializeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Self::Ok> {
                self.finish()
            }
        }
    )*};
}

array_builder!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A JSON object being written: a dict (or `{variant: dict}`), or a `Secret` if it turns out to
/// be a lone `{"$secret": …}` marker.
struct ObjectBuilder<'a, 'py> {
    to: PySerializer<'a, 'py>,
    dict: Bound<'py, PyDict>,
    /// The marker's value as JSON, when the first member was `$secret`.
    marker: Option<Value>,
    pending_key: Option<Bound<'py, PyString>>,
    variant: Option<&'static str>,
    first: bool,
}

impl<'py> ObjectBuilder<'_, 'py> {
    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Bound<'py, PyString>,
        value: &T,
    ) -> Result<()> {
        let first = std::mem::replace(&mut self.first, false);
        if first && key.to_cow()? == SECRET_MARKER {
            self.marker =
                Some(serde_json::to_value(value).map_err(<SerializeError as ser::Error>::custom)?);
        }
        let value = value.serialize(self.to)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let object = match self.marker {
            Some(marker) if self.dict.len() == 1 => {
                let text = match marker {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                self.to.secret.call1((text,))?
            }
            _ => self.dict.into_any(),
        };
        match self.variant {
            Some(variant) => self.to.variant(variant, object),
            None => Ok(object),
        }
    }
}

impl<'a, 'py> ser::SerializeMap for ObjectBuilder<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerializeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.pending_key = Some(key.serialize(KeySerializer { to: self.to })?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| SerializeError::Custom("a map value without its key".to_string()))?;
        self.member(key, value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

macro_rules! struct_builder {
    ($($trait:ident),*) => {$(
        impl<'a, 'py> ser::$trait for ObjectBuilder<'a, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerializeError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                let key = self.to.keys.get(self.to.py, key);
                self.member(key, value)
            }
            fn end(self) -> Result<Self::Ok> {
                self.finish()
            }
        }
    )*};
}

struct_builder!(SerializeStruct, SerializeStructVariant);

/// A map key as a Python `str`, as `serde_json` writes keys: strings, and integers, `bool` and
/// `char` as their text; anything else is refused.
struct KeySerializer<'a, 'py> {
    to: PySerializer<'a, 'py>,
}

fn key_must_be_a_string() -> SerializeError {
    SerializeError::Custom("key must be a string".to_string())
}

macro_rules! key_as_text {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<Self::Ok> {
            self.serialize_str(&v.to_string())
        }
    )*};
}

impl<'py> ser::Serializer for KeySerializer<'_, 'py> {
    type Ok = Bound<'py, PyString>;
    type Error = SerializeError;
    type SerializeSeq = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeTuple = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeTupleStruct = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeMap = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeStruct = ser::Impossible<Self::Ok, SerializeError>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, SerializeError>;

    key_as_text!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char
    );

    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(self.to.keys.get(self.to.py, v))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_f32(self, _v: f32) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}

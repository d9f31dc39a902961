//! JSON kept as it arrived, printed safely.
//!
//! [`Json`] holds a raw JSON value from the gateway (for instance `provider_response`, whose shape
//! differs per backend). [`Extra`] holds the fields of an object that vpskit does not model yet, so a
//! new field from the gateway never breaks a user. Both redact sensitive keys (see
//! [`crate::secret::is_sensitive_key`]) in `Debug` and mark them as secrets when serialized.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::secret::{redacted_value, serialize_marked_map, MarkedValue};

/// A raw JSON value whose sensitive fields are never printed.
///
/// ```
/// use vpskit::Json;
/// let raw: Json = serde_json::from_str(r#"{"user": "root", "password": "p4ss"}"#).unwrap();
/// assert!(!format!("{raw:?}").contains("p4ss"));
/// assert_eq!(raw.expose()["user"], "root");
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct Json(Value);

impl Json {
    /// Wraps a JSON value.
    pub fn new(value: Value) -> Self {
        Json(value)
    }

    /// The value as it arrived, secrets included.
    pub fn expose(&self) -> &Value {
        &self.0
    }

    /// Unwraps the value as it arrived, secrets included.
    pub fn into_exposed(self) -> Value {
        self.0
    }

    /// The member `key` of an object, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// Whether this is JSON `null`.
    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }
}

impl From<Value> for Json {
    fn from(value: Value) -> Self {
        Json(value)
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", redacted_value(&self.0))
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MarkedValue(&self.0).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Json)
    }
}

/// The fields of a JSON object that a model does not type (yet), kept as they arrived.
///
/// ```
/// use vpskit::faithserver::Server;
/// let server: Server = serde_json::from_str(r#"{"id": "fsrv_1", "name": "a", "region": "US",
///     "product": "Budget VPS", "status": "active", "allowed_actions": [], "datacenter": "LAX-2"}"#).unwrap();
/// assert_eq!(server.extra.get("datacenter").unwrap(), "LAX-2");
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct Extra(Map<String, Value>);

impl Extra {
    /// The value of an unmodelled field.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// Whether there are no unmodelled fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many unmodelled fields there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Takes a field out.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.0.remove(key)
    }

    /// The fields as they arrived, secrets included.
    pub fn expose(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(members: Map<String, Value>) -> Self {
        Extra(members)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", redacted_value(&Value::Object(self.0.clone())))
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_marked_map(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Extra)
    }
}

//! JSON kept as it arrived, printed safely.
//!
//! [`Json`] holds a raw JSON value from the gateway (for instance `provider_response`, whose shape
//! differs per backend). [`Extra`] holds the fields of an object that vpskit does not model yet, so a
//! new field from the gateway never breaks a user. Both redact sensitive keys (see
//! [`crate::secret::is_sensitive_key`]) in `Debug` and mark them as secrets when serialized.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::secret::{is_secret_member, redacted_value, serialize_marked_map, MarkedValue};
use vpskit_json::path::Fault;
use vpskit_json::read::FromJson;
use vpskit_json::reader::Reader;
use vpskit_json::write::{JsonWriter, ToJson, ToJsonMembers};

/// A raw JSON value whose sensitive fields are never printed.
///
/// ```
/// use vpskit::Json;
/// let raw = Json::new(serde_json::json!({"user": "root", "password": "p4ss"}));
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

    /// The value as it arrived, secrets included, taken out.
    pub fn into_value(self) -> Value {
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

impl ToJson for Json {
    fn write_json(&self, w: &mut JsonWriter) {
        w.marked_value(&self.0, is_secret_member);
    }
}

impl ToJsonMembers for Extra {
    fn write_members(&self, w: &mut JsonWriter) {
        w.marked_members(&self.0, false, is_secret_member);
    }
}

impl FromJson for Json {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        Value::read(reader).map(Json)
    }

    /// A missing raw member is JSON `null`.
    fn missing() -> Option<Self> {
        Some(Json::default())
    }
}

/// The fields of a JSON object that a model does not type (yet), kept as they arrived.
///
/// ```
/// use vpskit::faithserver::Server;
/// let server = Server::from_json(r#"{"id": "fsrv_1", "name": "a", "region": "US",
///     "product": "Budget VPS", "status": "active", "allowed_actions": [], "datacenter": "LAX-2"}"#)?;
/// assert_eq!(server.extra.get("datacenter").unwrap(), "LAX-2");
/// # Ok::<(), vpskit::Error>(())
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

    /// The fields as they arrived, secrets included, taken out.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
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

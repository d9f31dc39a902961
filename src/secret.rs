//! Secrets and redaction.
//!
//! [`Secret`] wraps a value that must never be printed: API keys, passwords, console URLs and
//! credential values. Its `Debug` and `Display` show `[redacted]`; the only way to the value is
//! [`Secret::expose`].
//!
//! When a model is serialized (the form every binding receives), a secret becomes
//! `{"$secret": "value"}` so that each host can wrap it in its own secret type without knowing
//! which fields of which model are secret.

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use vpskit_json::path::{refuse_secret, Fault};
use vpskit_json::read::FromJson;
use vpskit_json::reader::{Reader, Token};
use vpskit_json::write::{JsonWriter, ToJson};

/// The text shown in place of a secret value.
pub const REDACTED: &str = "[redacted]";

pub use vpskit_json::SECRET_MARKER;

/// A value that is never shown by `Debug` or `Display`.
///
/// ```
/// use vpskit::Secret;
/// let password = Secret::new("PasswordKuat123!".to_string());
/// assert_eq!(format!("{password:?}"), "Secret([redacted])");
/// assert_eq!(password.to_string(), "[redacted]");
/// assert_eq!(password.expose(), "PasswordKuat123!");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret<T = String>(T);

impl<T> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The secret value. Every read of a secret goes through here, so it is easy to audit.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret value.
    pub fn into_exposed(self) -> T {
        self.0
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret(value.to_string())
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Serialize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(SECRET_MARKER, &self.0)?;
        map.end()
    }
}

impl ToJson for Secret<String> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.secret(&self.0);
    }
}

impl FromJson for Secret<String> {
    fn read(reader: &mut Reader<'_>) -> Result<Self, Fault> {
        if reader.peek()? != Token::String {
            return Err(refuse_secret(reader));
        }
        Ok(Secret(reader.string()?.into_owned()))
    }
}

/// Whether a JSON object key names a sensitive value (password, token, secret, API key,
/// session, cookie, credential, private key), as the gateway's own masking rules describe.
///
/// ```
/// assert!(vpskit::secret::is_sensitive_key("root_password"));
/// assert!(vpskit::secret::is_sensitive_key("X-Session"));
/// assert!(!vpskit::secret::is_sensitive_key("hostname"));
/// ```
pub fn is_sensitive_key(key: &str) -> bool {
    const SENSITIVE: [&str; 11] = [
        "password",
        "passwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "authorization",
        "session",
        "cookie",
        "credential",
        "private_key",
    ];
    let lower = key.to_ascii_lowercase().replace('-', "_");
    SENSITIVE.iter().any(|word| lower.contains(word))
}

/// A copy of `value` in which every sensitive key's value is replaced by `"[redacted]"`.
pub(crate) fn redacted_value(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let shown = if is_sensitive_key(k) && !v.is_null() {
                        Value::String(REDACTED.to_string())
                    } else {
                        redacted_value(v)
                    };
                    (k.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redacted_value).collect()),
        other => other.clone(),
    }
}

/// Serializes a JSON value, wrapping every sensitive key's non-null value as `{"$secret": …}`.
pub(crate) struct MarkedValue<'a>(pub &'a serde_json::Value);

impl Serialize for MarkedValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde_json::Value;
        match self.0 {
            Value::Object(map) => serialize_marked_map(map, serializer),
            Value::Array(items) => serializer.collect_seq(items.iter().map(MarkedValue)),
            other => other.serialize(serializer),
        }
    }
}

/// Serializes a JSON object, wrapping every sensitive key's non-null value as `{"$secret": …}`.
pub(crate) fn serialize_marked_map<S: Serializer>(
    map: &serde_json::Map<String, serde_json::Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        if is_secret_member(k, v) {
            out.serialize_entry(k, &SecretRef(v))?;
        } else {
            out.serialize_entry(k, &MarkedValue(v))?;
        }
    }
    out.end()
}

/// Whether the member `key: value` of a gateway object is written as a whole secret: a
/// sensitive name, and a value that is neither `null` nor marked already.
pub(crate) fn is_secret_member(key: &str, value: &serde_json::Value) -> bool {
    is_sensitive_key(key) && !value.is_null() && !is_marked(value)
}

fn is_marked(v: &serde_json::Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(SECRET_MARKER))
}

pub(crate) struct SecretRef<'a>(pub(crate) &'a serde_json::Value);

impl Serialize for SecretRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(SECRET_MARKER, self.0)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("hunter2".to_string());
        assert!(!format!("{s:?} {s} {s:#?}").contains("hunter2"));
    }

    #[test]
    fn secret_serializes_with_marker() {
        let s = Secret::new("hunter2".to_string());
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"$secret":"hunter2"}"#
        );
    }

    #[test]
    fn marked_value_wraps_sensitive_keys_deeply() {
        let v = serde_json::json!({"a": {"Password": "x", "n": [{"token": "t"}]}, "ok": 1});
        let out = serde_json::to_value(MarkedValue(&v)).unwrap();
        assert_eq!(
            out,
            serde_json::json!({"a": {"Password": {"$secret": "x"}, "n": [{"token": {"$secret": "t"}}]}, "ok": 1})
        );
    }
}

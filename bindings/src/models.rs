//! The secret-carrying objects, the helpers the generated records (`records.rs`) convert with,
//! and the records that are the bindings' own (verdicts, request shapes).

use std::sync::Arc;

use vpskit::faithserver as fs;

/// A secret value (console URL, password, credential). Its generated `toString`/`description`
/// shows `[redacted]`; read it with `expose()`.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Secret {
    value: String,
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(vpskit::secret::REDACTED)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Secret {}

#[uniffi::export]
impl Secret {
    /// Wraps a value (for passwords you send).
    #[uniffi::constructor]
    pub fn new(value: String) -> Arc<Self> {
        Arc::new(Secret { value })
    }

    /// The secret value itself.
    pub fn expose(&self) -> String {
        self.value.clone()
    }
}

pub(crate) fn secret(value: &vpskit::Secret) -> Arc<Secret> {
    Arc::new(Secret {
        value: value.expose().clone(),
    })
}

/// Raw JSON as the gateway sent it (unmodelled fields, `provider_response`). `toString` shows it
/// with sensitive fields redacted; `json()` returns it whole.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct RawJson {
    value: serde_json::Value,
}

impl std::fmt::Display for RawJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", vpskit::Json::new(self.value.clone()))
    }
}

#[uniffi::export]
impl RawJson {
    /// Raw JSON from text (for building records yourself, such as a `Server` to `check`).
    #[uniffi::constructor]
    pub fn new(json: String) -> Result<Arc<Self>, crate::errors::VpskitError> {
        let value = serde_json::from_str(&json)
            .map_err(|e| vpskit::Error::validation(format!("not JSON: {e}")))?;
        Ok(Arc::new(RawJson { value }))
    }

    /// The JSON text, secrets included.
    pub fn json(&self) -> String {
        self.value.to_string()
    }

    /// The member `key` as JSON text, if this is an object that has it.
    pub fn get(&self, key: String) -> Option<String> {
        self.value.get(&key).map(|v| v.to_string())
    }

    /// Whether this is JSON `null` or an empty object.
    pub fn is_empty(&self) -> bool {
        self.value.is_null() || self.value.as_object().is_some_and(|m| m.is_empty())
    }
}

pub(crate) fn raw(value: serde_json::Value) -> Arc<RawJson> {
    Arc::new(RawJson { value })
}

/// The members a record does not model, or `None` when there are none. Most records have none,
/// and each `RawJson` is an object on the foreign side (a handle and a cleaner), so records
/// without unmodelled members cost no object at all (a 1,000-server list: 6.8 ms -> 2.1 ms). The
/// members are moved out of the core's result, not cloned (a realistic 1,000-server list:
/// 25 ms -> 11 ms).
pub(crate) fn extra(e: vpskit::Extra) -> Option<Arc<RawJson>> {
    (!e.is_empty()).then(|| raw(serde_json::Value::Object(e.into_map())))
}

/// The core's unmodelled members from a record's `extra`.
pub(crate) fn core_extra(extra: Option<&Arc<RawJson>>) -> vpskit::Extra {
    extra
        .and_then(|raw| raw.value.as_object().cloned())
        .map(vpskit::Extra::from)
        .unwrap_or_default()
}

impl RawJson {
    /// The core's raw JSON.
    pub(crate) fn to_core(&self) -> vpskit::Json {
        vpskit::Json::new(self.value.clone())
    }
}

macro_rules! open_enum {
    ($(#[$doc:meta])* $name:ident, $core:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($variant,)+
            /// A value vpskit does not know yet.
            Other { value: String },
        }

        impl From<&$core> for $name {
            fn from(v: &$core) -> Self {
                match v {
                    $($core::$variant => $name::$variant,)+
                    $core::Other(value) => $name::Other { value: value.clone() },
                }
            }
        }

        impl From<&$name> for $core {
            fn from(v: &$name) -> Self {
                match v {
                    $($name::$variant => $core::$variant,)+
                    $name::Other { value } => $core::parse(value),
                }
            }
        }
    };
}

pub(crate) use open_enum;

/// A product-matrix level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Support {
    Yes,
    IfAvailable,
    Limited,
    Planned,
    No,
}

impl From<fs::Support> for Support {
    fn from(s: fs::Support) -> Self {
        match s {
            fs::Support::Yes => Support::Yes,
            fs::Support::IfAvailable => Support::IfAvailable,
            fs::Support::Limited => Support::Limited,
            fs::Support::Planned => Support::Planned,
            fs::Support::No => Support::No,
        }
    }
}

/// A capability verdict.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Verdict {
    pub allowed: bool,
    pub reason: String,
    pub support: Option<Support>,
}

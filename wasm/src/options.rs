//! Option objects that JavaScript hands to the core, read with serde-wasm-bindgen: a client's
//! configuration (`{api, baseUrl, userAgentHost}`) and flow options (`{preflight, retry, camel}`).
//! A wrong type (`maxAttempts: 2.5`, `preflight: 'no'`) is a `validation` error that names the
//! option, where positional numbers would have become `NaN` and then a silent 0. Members the
//! core does not know are ignored (serde-wasm-bindgen reads a struct by its fields' names, as JS
//! APIs read option bags). Cost, measured 2026-12-01: +17 KB gzipped of `.wasm`, most of it the
//! float formatter that serde's error messages link; see BENCHMARKS.md.
//!
//! What is not read this way, and why: the key travels as its own argument (a serde message may
//! quote the value it refused, and a key never appears in a message); servers, tokens and call
//! arguments travel as JSON text because the core reads every model with its one reader (the
//! same one every response goes through); response headers travel as JSON text because they
//! cross once per request, where one `JSON.stringify` costs less than a walk of the JS array.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use vpskit::{Error, RetryPolicy};
use wasm_bindgen::JsValue;

use crate::throw;

/// Reads `value` (a plain JS object, or undefined) as `T`, or throws a `validation` error that
/// names `what`.
pub(crate) fn read<T: DeserializeOwned + Default>(
    what: &str,
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // serde names Rust's number types; the message speaks JSON's words.
        let message = e
            .to_string()
            .replace("expected u32", "expected a whole number")
            .replace("expected u64", "expected a whole number");
        throw(Error::validation(format!("{what}: {message}")))
    })
}

/// A configuration's options besides the key.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ConfigOptions {
    /// `"faithserver"` (the default) or `"vpsorg"`.
    pub api: Option<String>,
    /// The base URL (the API's own by default).
    pub base_url: Option<String>,
    /// The host named in the user agent (`js` by default).
    pub user_agent_host: Option<String>,
}

/// A client's `retry` option: each member left out keeps the core's default.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RetryOptions {
    max_attempts: Option<u32>,
    base_delay_ms: Option<u64>,
    max_delay_ms: Option<u64>,
    max_retry_after_ms: Option<u64>,
}

impl RetryOptions {
    /// The policy: the core's default with what was given.
    pub fn policy(&self) -> RetryPolicy {
        let d = RetryPolicy::default();
        RetryPolicy {
            max_attempts: self.max_attempts.unwrap_or(d.max_attempts),
            base_delay_ms: self.base_delay_ms.unwrap_or(d.base_delay_ms),
            max_delay_ms: self.max_delay_ms.unwrap_or(d.max_delay_ms),
            max_retry_after_ms: self.max_retry_after_ms.unwrap_or(d.max_retry_after_ms),
        }
    }
}

/// A client's flow options.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FlowSettings {
    /// The capability preflight (on unless `false`).
    pub preflight: Option<bool>,
    /// The retry policy, read on its own so that its errors name it (`retry: ...`).
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    pub retry: JsValue,
    /// Results with camelCase member names (the clients' form) unless `false` (the vectors').
    pub camel: Option<bool>,
}

impl Default for FlowSettings {
    fn default() -> Self {
        FlowSettings {
            preflight: None,
            retry: JsValue::UNDEFINED,
            camel: None,
        }
    }
}

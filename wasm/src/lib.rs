//! `vpskit` for JavaScript: the core's sans-IO surface, exported through wasm-bindgen.
//!
//! Every function takes and returns JSON text or plain values; the ESM layer (`wasm/js/`) adds
//! `fetch`, timers and promises. Errors are thrown as plain objects
//! `{kind, status, code, message, retryAfter, requestSent}` that the ESM layer turns into
//! `VpskitError` instances. Nothing here performs I/O.

use vpskit::faithserver::{self, Action, Product, Server};
use vpskit::vpsorg::{PermissionSet, Timestamp, Token};
use vpskit::{
    Api, Call, Config, Error, HttpResponse, JobPoll, JobWaiter, JsonWriter, KeyCase, Outcome,
    RequestSent, ResultJson, RetryDecision, RetryPolicy, ToJson,
};
use wasm_bindgen::prelude::*;

mod flow;
mod options;

#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

struct ErrorObject<'a> {
    vpskit_error: bool,
    kind: &'a str,
    status: Option<u16>,
    code: Option<vpskit::ErrorCode>,
    message: &'a str,
    retry_after: Option<u64>,
    request_sent: Option<bool>,
    request_id: Option<&'a str>,
}

impl ToJson for ErrorObject<'_> {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("vpskitError", &self.vpskit_error),
            ("kind", &self.kind),
            ("status", &self.status),
            ("code", &self.code.map(vpskit::ErrorCode::as_str)),
            ("message", &self.message),
            ("retryAfter", &self.retry_after),
            ("requestSent", &self.request_sent),
            ("requestId", &self.request_id),
        ]);
    }
}

/// A small answer as JSON text, for the ESM layer's `JSON.parse` (one native parse is cheaper than
/// building the object member by member across the boundary), written by the core's one writer.
fn to_json(value: &dyn ToJson) -> Result<String, JsValue> {
    Ok(ResultJson::write(value, KeyCase::Snake).text)
}

/// What a failed call throws: the error as JSON text (a string), which the ESM layer's
/// `fromNative` turns into a `VpskitError`.
fn throw(err: Error) -> JsValue {
    JsValue::from_str(&error_json(&err))
}

/// An error as the JSON text `fromNative` reads.
fn error_json(err: &Error) -> String {
    let object = ErrorObject {
        vpskit_error: true,
        kind: err.kind().as_str(),
        status: err.status(),
        code: err.code(),
        message: err.message(),
        retry_after: err.retry_after().map(|d| d.as_secs()),
        request_sent: err.request_sent().map(RequestSent::may_have_arrived),
        request_id: err.request_id(),
    };
    ResultJson::write(&object, KeyCase::Snake).text
}

fn call(call_json: &str) -> Result<Call, JsValue> {
    Call::from_json(call_json).map_err(throw)
}

/// A configuration: API (`"faithserver"` or `"vpsorg"`), key, base URL, user agent. The key
/// never leaves this object except in the requests it builds.
#[wasm_bindgen(js_name = NativeConfig)]
pub struct NativeConfig {
    inner: Config,
}

#[wasm_bindgen(js_class = NativeConfig)]
impl NativeConfig {
    /// Checks and builds a configuration: the key (none behind a proxy that adds it) and the
    /// options `{api, baseUrl, userAgentHost}` (see `options::ConfigOptions`).
    #[wasm_bindgen(constructor)]
    pub fn new(key: Option<String>, options: JsValue) -> Result<NativeConfig, JsValue> {
        let options: options::ConfigOptions = options::read("Config", options)?;
        let api = Api::parse(options.api.as_deref().unwrap_or("faithserver")).map_err(throw)?;
        let inner = Config::of(api, key.as_deref(), options.base_url.as_deref())
            .map_err(throw)?
            .with_user_agent_host(options.user_agent_host.as_deref().unwrap_or("js"));
        Ok(NativeConfig { inner })
    }

    /// The base URL.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// The user agent.
    #[wasm_bindgen(getter, js_name = userAgent)]
    pub fn user_agent(&self) -> String {
        self.inner.user_agent().to_string()
    }
}

struct RequestObject {
    method: &'static str,
    url: String,
    headers: Vec<(
        std::borrow::Cow<'static, str>,
        std::borrow::Cow<'static, str>,
    )>,
    body: Option<String>,
    idempotent: bool,
}

impl ToJson for RequestObject {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("method", &self.method),
            ("url", &self.url),
            ("headers", &self.headers),
            ("body", &self.body),
            ("idempotent", &self.idempotent),
        ]);
    }
}

/// The request a call makes: `{method, url, headers: [[name, value]], body, idempotent}`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(call_json: &str, config: &NativeConfig) -> Result<String, JsValue> {
    let request = call(call_json)?.request(&config.inner).map_err(throw)?;
    to_json(&RequestObject::of(request)?)
}

impl RequestObject {
    fn of(request: vpskit::HttpRequest) -> Result<RequestObject, JsValue> {
        let body = match request.body {
            Some(bytes) => Some(
                String::from_utf8(bytes).map_err(|e| throw(Error::validation(e.to_string())))?,
            ),
            None => None,
        };
        Ok(RequestObject {
            method: request.method.as_str(),
            url: request.url,
            headers: request.headers,
            body,
            idempotent: request.idempotent,
        })
    }
}

/// A response from the JS layer's parts (`headers` as JSON text `[[name, value], …]`: one
/// `JSON.stringify` in JS costs less than reading a JS array through serde-wasm-bindgen, whose
/// deserializer was 3 KB of the package and 1.5 KB of the glue).
fn http_response(status: u16, headers: &str, body: Vec<u8>) -> Result<HttpResponse, JsValue> {
    HttpResponse::with_json_headers(status, headers, body).map_err(throw)
}

/// The result of a call's response as JSON text (secrets marked `{"$secret": …}`), member names
/// in camelCase when `camel` is set, else as the core names them (the vectors' form). The text
/// ends with one whitespace character that `JSON.parse` skips and that says whether a secret
/// marker is in it: `"\n"` if so, `" "` if not, so a result without secrets needs no walk.
/// The core writes the text straight from its typed result (no JSON value in between).
#[wasm_bindgen(js_name = parseResponseJson)]
pub fn parse_response_json(
    call_json: &str,
    status: u16,
    headers: &str,
    body: Vec<u8>,
    camel: bool,
) -> Result<String, JsValue> {
    let response = http_response(status, headers, body)?;
    let case = if camel {
        KeyCase::Camel
    } else {
        KeyCase::Snake
    };
    let json = call(call_json)?
        .parse_json(&response, case)
        .map_err(throw)?;
    let mut flagged = json.text;
    flagged.push(if json.has_secret { '\n' } else { ' ' });
    Ok(flagged)
}

/// A server from its JSON (snake_case), as far as a capability check reads it (reading a whole
/// `Server` here compiled a second server reader, with its unmodelled members, into the package).
fn server_of(server_json: &str) -> Result<Server, JsValue> {
    Server::from_json(server_json).map_err(throw)
}

struct VerdictObject {
    allowed: bool,
    reason: String,
    support: Option<&'static str>,
}

impl ToJson for VerdictObject {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("allowed", &self.allowed),
            ("reason", &self.reason),
            ("support", &self.support),
        ]);
    }
}

/// `{allowed, reason, support}` for a server JSON and an action word.
#[wasm_bindgen]
pub fn check(server_json: &str, action: &str) -> Result<String, JsValue> {
    let server = server_of(server_json)?;
    let action = Action::parse(action);
    let verdict = faithserver::check(&server, &action);
    let object = VerdictObject {
        allowed: verdict.allowed,
        reason: verdict.reason(),
        support: verdict.support.map(|s| s.as_str()),
    };
    to_json(&object)
}

/// The matrix level (`yes`, `if_available`, `limited`, `planned`, `no`), or undefined.
#[wasm_bindgen(js_name = productSupport)]
pub fn product_support(product: &str, action: &str) -> Option<String> {
    faithserver::product_support(&Product::parse(product), &Action::parse(action))
        .map(|s| s.as_str().to_string())
}

/// Whether the permission strings (a JSON array) grant `wanted`.
#[wasm_bindgen(js_name = permissionsAllow)]
pub fn permissions_allow(permissions_json: &str, wanted: &str) -> Result<bool, JsValue> {
    PermissionSet::from_json(permissions_json)
        .map_err(throw)?
        .allows(wanted)
        .map_err(throw)
}

struct ExpiryObject {
    expires_within: bool,
    days_left: Option<i64>,
}

impl ToJson for ExpiryObject {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("expiresWithin", &self.expires_within),
            ("daysLeft", &self.days_left),
        ]);
    }
}

/// `{expiresWithin, daysLeft}` of a token JSON (snake_case, as the API writes it) at `now_ms`.
#[wasm_bindgen(js_name = tokenExpiry)]
pub fn token_expiry(token_json: &str, days: u32, now_ms: f64) -> Result<String, JsValue> {
    let token = Token::from_json(token_json).map_err(throw)?;
    let now = Timestamp::from_unix_seconds((now_ms / 1000.0).floor() as i64);
    let object = ExpiryObject {
        expires_within: token.expires_within(days, now).map_err(throw)?,
        days_left: token.days_left(now).map_err(throw)?,
    };
    to_json(&object)
}

/// Milliseconds since the epoch of an ISO 8601 date or date-time.
#[wasm_bindgen(js_name = parseTimestamp)]
pub fn parse_timestamp(text: &str) -> Result<f64, JsValue> {
    Timestamp::parse(text)
        .map(|t| t.unix_seconds() as f64 * 1000.0)
        .map_err(throw)
}

/// The retry decision after attempt `attempt` failed with an error described by its fields:
/// milliseconds to wait, or undefined to give up. `retry` is a client's `retry` option
/// (`{maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs}`, each optional) or undefined.
#[wasm_bindgen(js_name = retryDecide)]
#[allow(clippy::too_many_arguments)]
pub fn retry_decide(
    idempotent: bool,
    attempt: u32,
    kind: &str,
    status: Option<u16>,
    retry_after: Option<f64>,
    request_sent: Option<bool>,
    seed: u32,
    retry: JsValue,
) -> Result<Option<f64>, JsValue> {
    let policy = options::read::<options::RetryOptions>("retry", retry)?.policy();
    let Some(kind) = vpskit::ErrorKind::parse(kind) else {
        return Ok(None);
    };
    let sent = request_sent.map(|maybe| {
        if maybe {
            RequestSent::Maybe
        } else {
            RequestSent::No
        }
    });
    let Some(outcome) = Outcome::from_parts(
        kind,
        status,
        retry_after.map(|s| s.max(0.0).ceil() as u64),
        sent,
    ) else {
        return Ok(None);
    };
    Ok(
        match policy.decide(idempotent, attempt, &outcome, u64::from(seed)) {
            RetryDecision::Retry { after_ms } => Some(after_ms as f64),
            RetryDecision::GiveUp => None,
        },
    )
}

/// The default retry policy: `[maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs]`.
#[wasm_bindgen(js_name = defaultRetryPolicy)]
pub fn default_retry_policy() -> Vec<f64> {
    let d = RetryPolicy::default();
    vec![
        f64::from(d.max_attempts),
        d.base_delay_ms as f64,
        d.max_delay_ms as f64,
        d.max_retry_after_ms as f64,
    ]
}

struct PollObject {
    state: &'static str,
    after_ms: Option<u64>,
    reason: Option<String>,
}

impl ToJson for PollObject {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("state", &self.state),
            ("afterMs", &self.after_ms),
            ("reason", &self.reason),
        ]);
    }
}

/// The job waiter's judgement `{state, afterMs, reason}` for a job (its JSON, snake_case as the
/// API writes it: the one way every host hands a job to the core).
#[wasm_bindgen(js_name = jobJudge)]
pub fn job_judge(
    job_json: &str,
    polls: u32,
    elapsed_ms: f64,
    timeout_ms: f64,
    initial_interval_ms: Option<f64>,
    max_interval_ms: Option<f64>,
) -> Result<String, JsValue> {
    let job = faithserver::Job::from_json(job_json).map_err(throw)?;
    let mut waiter = JobWaiter::new(timeout_ms.max(0.0) as u64);
    if let Some(ms) = initial_interval_ms {
        waiter.initial_interval_ms = ms.max(0.0) as u64;
    }
    if let Some(ms) = max_interval_ms {
        waiter.max_interval_ms = ms.max(0.0) as u64;
    }
    let object = match waiter.judge(&job, polls, elapsed_ms.max(0.0) as u64) {
        JobPoll::Done => PollObject {
            state: "done",
            after_ms: None,
            reason: None,
        },
        JobPoll::Failed { reason } => PollObject {
            state: "failed",
            after_ms: None,
            reason: Some(reason),
        },
        JobPoll::PollAfter { after_ms } => PollObject {
            state: "poll_after",
            after_ms: Some(after_ms),
            reason: None,
        },
        JobPoll::TimedOut => PollObject {
            state: "timed_out",
            after_ms: None,
            reason: None,
        },
    };
    to_json(&object)
}

/// Every operation name (snake_case, as the core and the vectors name them).
#[wasm_bindgen]
pub fn operations() -> Vec<String> {
    vpskit::OPERATIONS.iter().map(|s| s.to_string()).collect()
}

/// Whether a JSON object key names a secret.
#[wasm_bindgen(js_name = isSensitiveKey)]
pub fn is_sensitive_key(key: &str) -> bool {
    vpskit::secret::is_sensitive_key(key)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    vpskit::VERSION.to_string()
}

/// The response size limit in bytes.
#[wasm_bindgen(js_name = maxResponseBytes)]
pub fn max_response_bytes() -> f64 {
    vpskit::MAX_RESPONSE_BYTES as f64
}

/// Panics, so the JS tests can prove a Rust panic (a wasm trap under panic=abort) arrives as a
/// VpskitError of kind `internal`. Never call it otherwise: the instance is unusable afterwards.
#[wasm_bindgen(js_name = panicForTests)]
#[allow(clippy::panic)]
pub fn panic_for_tests() {
    panic!("a deliberate panic for vpskit's tests")
}

//! The core's client flow for the JavaScript clients: they perform its steps (send with `fetch`,
//! sleep with a timer) and hand back what happened. Preflight, retries, job waits and
//! cancellation are decided here, in the core.

use vpskit::flow::{
    AnyFlow, Finished, Flow, FlowOptions, JobFlow, JobOutcomes, JobsFlow, Step, Steps,
};
use vpskit::{
    Error, HttpResponse, JobWaiter, JsonWriter, KeyCase, RateLimit, RequestSent, ResultJson,
    RetryPolicy, ToJson,
};
use wasm_bindgen::prelude::*;

use crate::options::FlowSettings;
use crate::{call, http_response, throw, NativeConfig, RequestObject};

/// One call run by the core's flow, or a job waited for. `step()` names what to do next
/// (`"send"`, `"sleep"`, `"progress"`, `"done"`; a flow that ends in an error throws it) and
/// `payload()` holds its data: the request `{method, url, headers, body, idempotent, purpose,
/// attempt}`, the milliseconds to sleep, or the job or result as flagged JSON text (see
/// `parseResponseJson`).
#[wasm_bindgen(js_name = NativeFlow)]
pub struct NativeFlow {
    running: AnyFlow<ResultJson>,
    case: KeyCase,
    payload: String,
    rate_limit: Option<RateLimit>,
}

struct RateLimitObject(RateLimit);

impl ToJson for RateLimitObject {
    fn write_json(&self, w: &mut JsonWriter) {
        w.members(&[
            ("limit", &self.0.limit),
            ("remaining", &self.0.remaining),
            ("resetSeconds", &self.0.reset_seconds),
        ]);
    }
}

struct SendObject {
    request: RequestObject,
    purpose: &'static str,
    attempt: u32,
}

impl ToJson for SendObject {
    fn write_json(&self, w: &mut JsonWriter) {
        let r = &self.request;
        w.members(&[
            ("method", &r.method),
            ("url", &r.url),
            ("headers", &r.headers),
            ("body", &r.body),
            ("idempotent", &r.idempotent),
            ("purpose", &self.purpose),
            ("attempt", &self.attempt),
        ]);
    }
}

/// A client's flow options, checked once when the client is built: `{preflight, retry, camel}`
/// (each optional; see `options::FlowSettings`). Each flow adds its own seed.
#[wasm_bindgen(js_name = NativeOptions)]
pub struct NativeOptions {
    preflight: bool,
    retry: RetryPolicy,
    case: KeyCase,
}

#[wasm_bindgen(js_class = NativeOptions)]
impl NativeOptions {
    /// Reads and checks the options (a wrong type is a `validation` error naming the option;
    /// members the core does not know are ignored).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<NativeOptions, JsValue> {
        let settings: FlowSettings = crate::options::read("options", options)?;
        Ok(NativeOptions {
            preflight: settings.preflight.unwrap_or(true),
            retry: crate::options::read::<crate::options::RetryOptions>("retry", settings.retry)?
                .policy(),
            case: case(settings.camel.unwrap_or(true)),
        })
    }
}

impl NativeOptions {
    /// The core's options for one flow: these, the preflight unless `no_preflight`, and `seed`.
    fn flow(&self, seed: u32, no_preflight: bool) -> FlowOptions {
        FlowOptions {
            preflight: self.preflight && !no_preflight,
            retry: self.retry,
            seed: u64::from(seed),
        }
    }
}

/// A job waiter from the JS layer's milliseconds.
fn waiter(timeout_ms: f64, initial_interval_ms: f64, max_interval_ms: f64) -> JobWaiter {
    let ms = |v: f64| v.max(0.0) as u64;
    JobWaiter::with_intervals(ms(timeout_ms), ms(initial_interval_ms), ms(max_interval_ms))
}

fn case(camel: bool) -> KeyCase {
    if camel {
        KeyCase::Camel
    } else {
        KeyCase::Snake
    }
}

/// A jobs flow's step data: a progress step's one job, or every outcome at the end.
fn outcomes_json(jobs: JobOutcomes, case: KeyCase) -> ResultJson {
    let mut text = String::from("[");
    for (i, outcome) in jobs.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        match outcome {
            Ok(job) => {
                text.push_str(r#"{"job":"#);
                text.push_str(&ResultJson::write(job, case).text);
            }
            Err(error) => {
                text.push_str(r#"{"error":"#);
                text.push_str(&crate::error_json(error));
            }
        }
        text.push('}');
    }
    text.push(']');
    ResultJson {
        text,
        has_secret: false,
    }
}

/// A result as the ESM layer parses it: JSON text ended by `"\n"` when a secret marker is in
/// it, else `" "`.
fn flagged(json: ResultJson) -> String {
    let mut text = json.text;
    text.push(if json.has_secret { '\n' } else { ' ' });
    text
}

impl NativeFlow {
    fn of(running: AnyFlow<ResultJson>, case: KeyCase) -> NativeFlow {
        NativeFlow {
            running,
            case,
            payload: String::new(),
            rate_limit: None,
        }
    }
}

#[wasm_bindgen(js_class = NativeFlow)]
impl NativeFlow {
    /// The flow of a call (its JSON, as `buildRequest` takes it); `server_json`: a server the
    /// caller holds (snake_case), checked instead of read.
    #[wasm_bindgen(js_name = forCall)]
    pub fn for_call(
        call_json: &str,
        config: &NativeConfig,
        options: &NativeOptions,
        seed: u32,
        server_json: Option<String>,
    ) -> Result<NativeFlow, JsValue> {
        let call = call(call_json)?;
        let read = call.json_reader();
        let case = options.case;
        let parse = Box::new(move |r: &HttpResponse| read(r, case));
        let mut flow = Flow::new(call, &config.inner, &options.flow(seed, false), parse);
        if let Some(json) = server_json {
            flow = flow.with_server(&crate::server_of(&json)?);
        }
        Ok(NativeFlow::of(AnyFlow::Call(flow), case))
    }

    /// A wait for job `job_id`: polls until the job is done, failed or out of time.
    #[wasm_bindgen(js_name = forJob)]
    pub fn for_job(
        job_id: &str,
        config: &NativeConfig,
        options: &NativeOptions,
        seed: u32,
        timeout_ms: f64,
        initial_interval_ms: f64,
        max_interval_ms: f64,
    ) -> NativeFlow {
        let waiter = waiter(timeout_ms, initial_interval_ms, max_interval_ms);
        let flow = JobFlow::new(job_id, &config.inner, &options.flow(seed, true), waiter);
        NativeFlow::of(AnyFlow::Job(flow), options.case)
    }

    /// A wait for every job of `job_ids` on one poll schedule: each unfinished poll a progress
    /// step (the job), the end an array of `{job}` or `{error}` in the order asked.
    #[wasm_bindgen(js_name = forJobs)]
    pub fn for_jobs(
        job_ids: Vec<String>,
        config: &NativeConfig,
        options: &NativeOptions,
        seed: u32,
        timeout_ms: f64,
        initial_interval_ms: f64,
        max_interval_ms: f64,
    ) -> NativeFlow {
        let waiter = waiter(timeout_ms, initial_interval_ms, max_interval_ms);
        let ids: Vec<&str> = job_ids.iter().map(String::as_str).collect();
        let flow = JobsFlow::new(&ids, &config.inner, &options.flow(seed, true), waiter);
        NativeFlow::of(AnyFlow::Jobs(flow), options.case)
    }

    /// What to do now: `"send"`, `"sleep"`, `"progress"` or `"done"` (see `payload`); a flow
    /// that ends in an error throws it.
    pub fn step(&mut self) -> Result<String, JsValue> {
        let case = self.case;
        let step = self.running.step().map(|finished| match finished {
            Finished::Call(json) => json,
            Finished::Job(job) => ResultJson::write(&job, case),
            Finished::Jobs(jobs) => outcomes_json(jobs, case),
        });
        let (kind, payload) = match step {
            Step::Send(exchange) => {
                let send = SendObject {
                    request: RequestObject::of(exchange.request)?,
                    purpose: exchange.purpose.as_str(),
                    attempt: exchange.attempt,
                };
                ("send", ResultJson::write(&send, KeyCase::Snake).text)
            }
            Step::Sleep { ms } => ("sleep", ms.to_string()),
            Step::Progress(job) => ("progress", flagged(job)),
            Step::Done(Ok(result)) => ("done", flagged(result)),
            Step::Done(Err(error)) => return Err(throw(error)),
        };
        self.payload = payload;
        Ok(kind.to_string())
    }

    /// The rate-limit state the answer last received reported, as JSON text `{limit,
    /// remaining, resetSeconds}`, or undefined.
    #[wasm_bindgen(js_name = rateLimit)]
    pub fn rate_limit(&self) -> Option<String> {
        self.rate_limit
            .map(|state| ResultJson::write(&RateLimitObject(state), KeyCase::Snake).text)
    }

    /// The data of the step last given.
    pub fn payload(&self) -> String {
        self.payload.clone()
    }

    /// The answer to the request last sent (`headers` as JSON text `[[name, value], …]`).
    pub fn received(&mut self, status: u16, headers: &str, body: Vec<u8>) -> Result<(), JsValue> {
        let response = http_response(status, headers, body)?;
        self.rate_limit = response.rate_limit();
        self.running.received(&response);
        Ok(())
    }

    /// The request last sent failed in the transport; `request_sent`: whether it may have
    /// reached the server.
    pub fn failed(&mut self, message: String, request_sent: bool) {
        let sent = if request_sent {
            RequestSent::Maybe
        } else {
            RequestSent::No
        };
        let error = Error::transport(message, sent);
        self.running.failed(error);
    }

    /// The event of the exchange last decided (camelCase JSON text when the flow reads camelCase
    /// results), once; ask after each step.
    #[wasm_bindgen(js_name = takeEvent)]
    pub fn take_event(&mut self) -> Option<String> {
        let event = self.running.take_event();
        event.map(|e| e.to_json(self.case))
    }

    /// The caller cancelled: the next step throws an `aborted` error and nothing more is sent.
    pub fn cancel(&mut self) {
        self.running.cancel();
    }
}

/// A client's shared pace (`vpskit::flow::Throttle`): `admit(nowMs)` gives the milliseconds to
/// wait before a request and reserves its slot; `observe` slows every call after a 429. Times are
/// the host's monotonic clock (`performance.now()`).
#[wasm_bindgen(js_name = NativeThrottle)]
pub struct NativeThrottle(vpskit::flow::Throttle);

#[wasm_bindgen(js_class = NativeThrottle)]
impl NativeThrottle {
    /// A pace of at most `max_requests_per_second` (undefined: only 429s slow the client).
    #[wasm_bindgen(constructor)]
    pub fn new(max_requests_per_second: Option<f64>) -> Result<NativeThrottle, JsValue> {
        vpskit::flow::Throttle::new(max_requests_per_second)
            .map(NativeThrottle)
            .map_err(throw)
    }

    /// Milliseconds to wait before the next request.
    pub fn admit(&mut self, now_ms: f64) -> f64 {
        self.0.admit(now_ms.max(0.0) as u64) as f64
    }

    /// An answer (`headers` as JSON text `[[name, value], …]`) arrived at `now_ms`.
    pub fn observe(&mut self, status: u16, headers: &str, now_ms: f64) -> Result<(), JsValue> {
        let response = http_response(status, headers, Vec::new())?;
        self.0.observe(&response, now_ms.max(0.0) as u64);
        Ok(())
    }
}

/// Throws a `validation` error unless `action` is an operation that takes one server id and
/// `concurrency` is within 1..=64 (what `bulk` checks before sending anything).
#[wasm_bindgen(js_name = checkBulk)]
pub fn check_bulk(action: &str, concurrency: f64) -> Result<(), JsValue> {
    let concurrency = if concurrency.fract() == 0.0 && concurrency >= 0.0 {
        concurrency as usize
    } else {
        0
    };
    vpskit::check_bulk(action, concurrency).map_err(throw)
}

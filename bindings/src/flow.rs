//! The core's client flow, step by step, for hosts that perform the steps themselves (and for the
//! flow vectors): send this request, sleep this long, a job polled, done.

use std::sync::{Arc, Mutex};

use vpskit::flow::{
    AnyFlow, Finished, Flow, FlowOptions, JobFlow, JobOutcomes, JobsFlow, Step, Steps,
};
use vpskit::{Call, Error, JobWaiter, KeyCase, RequestSent};

use crate::errors::{guard, VpskitError};
use crate::http::{HttpRequest, HttpResponse};

/// One exchange and what the client decided next: never a key, a password, a console URL, a
/// credential, a query string or a body.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FlowEvent {
    pub operation: String,
    pub method: String,
    /// The URL's path, without its query.
    pub path: String,
    /// `call`, `preflight_detail` or `preflight_list`.
    pub purpose: String,
    pub attempt: u32,
    /// Null when the transport failed.
    pub status: Option<u16>,
    pub request_id: Option<String>,
    /// `continue`, `retry`, `poll_again`, `done` or `failed`.
    pub decision: String,
    pub after_ms: Option<u64>,
    pub error_kind: Option<String>,
    /// How long the exchange took (0 for a flow driven step by step).
    pub duration_ms: u64,
}

impl FlowEvent {
    pub(crate) fn of(event: &vpskit::flow::Event, duration_ms: u64) -> FlowEvent {
        FlowEvent {
            operation: event.operation.to_string(),
            method: event.method.to_string(),
            path: event.path.clone(),
            purpose: event.purpose.as_str().to_string(),
            attempt: event.attempt,
            status: event.status,
            request_id: event.request_id.clone(),
            decision: event.decision.as_str().to_string(),
            after_ms: event.decision.after_ms(),
            error_kind: event.decision.error_kind().map(|k| k.as_str().to_string()),
            duration_ms,
        }
    }
}

/// What a client calls after each exchange (a debug log, say).
#[uniffi::export(with_foreign)]
pub trait EventListener: Send + Sync {
    /// One exchange, redacted.
    fn on_event(&self, event: FlowEvent);
}

/// What to do next.
#[derive(uniffi::Enum)]
pub enum FlowStep {
    /// Send the request, then call `received` or `failed`. `purpose` is `call`,
    /// `preflight_detail` or `preflight_list`; `attempt` is 1 for the first try.
    Send {
        request: Arc<HttpRequest>,
        purpose: String,
        attempt: u32,
    },
    /// Sleep this long, then ask again.
    Sleep { ms: u64 },
    /// A job polled and not finished yet (its JSON); ask again.
    Progress { json: String },
    /// Done: the result's JSON (secrets marked `{"$secret": …}`).
    Done { json: String },
}

/// One call (or one job wait) run by the core's flow; a flow that ends in an error throws it
/// from `step`.
#[derive(uniffi::Object)]
pub struct CallFlow {
    running: Mutex<AnyFlow<vpskit::ResultJson>>,
}

fn options(preflight: bool, seed: u64) -> FlowOptions {
    FlowOptions {
        preflight,
        seed,
        ..FlowOptions::default()
    }
}

#[uniffi::export]
impl CallFlow {
    /// The flow of `call_json` (`{"operation": …, "args": {…}}`) against `api` with `key`;
    /// `server_json`: a server the caller holds, checked instead of read.
    #[uniffi::constructor(default(base_url = None, server_json = None))]
    pub fn new(
        call_json: String,
        api: String,
        key: Option<String>,
        base_url: Option<String>,
        preflight: bool,
        seed: u64,
        server_json: Option<String>,
    ) -> Result<Arc<CallFlow>, VpskitError> {
        guard("CallFlow", || {
            let config = crate::sansio::config(&api, key, base_url)?;
            let call = Call::from_json(&call_json)?;
            let read = call.json_reader();
            let parse = Box::new(move |r: &vpskit::HttpResponse| read(r, KeyCase::Snake));
            let mut flow = Flow::new(call, &config, &options(preflight, seed), parse);
            if let Some(json) = server_json {
                flow = flow.with_server(&vpskit::faithserver::Server::from_json(&json)?);
            }
            Ok(Arc::new(CallFlow {
                running: Mutex::new(AnyFlow::Call(flow)),
            }))
        })
    }

    /// A wait for FaithServer job `job_id`, with `timeout_ms` in all.
    #[uniffi::constructor(default(base_url = None))]
    pub fn job(
        job_id: String,
        key: String,
        base_url: Option<String>,
        seed: u64,
        timeout_ms: u64,
    ) -> Result<Arc<CallFlow>, VpskitError> {
        guard("CallFlow.job", || {
            let config = crate::sansio::config("faithserver", Some(key), base_url)?;
            let waiter = JobWaiter::new(timeout_ms);
            let flow = JobFlow::new(&job_id, &config, &options(false, seed), waiter);
            Ok(Arc::new(CallFlow {
                running: Mutex::new(AnyFlow::Job(flow)),
            }))
        })
    }

    /// A wait for several FaithServer jobs on one poll schedule; it ends with a JSON array of
    /// `{"job": …}` or `{"error": {kind, message, status, code, request_id}}`, one per job.
    #[uniffi::constructor(default(base_url = None))]
    pub fn jobs(
        job_ids: Vec<String>,
        key: String,
        base_url: Option<String>,
        seed: u64,
        timeout_ms: u64,
    ) -> Result<Arc<CallFlow>, VpskitError> {
        guard("CallFlow.jobs", || {
            let config = crate::sansio::config("faithserver", Some(key), base_url)?;
            let ids: Vec<&str> = job_ids.iter().map(String::as_str).collect();
            let flow = JobsFlow::new(
                &ids,
                &config,
                &options(false, seed),
                JobWaiter::new(timeout_ms),
            );
            Ok(Arc::new(CallFlow {
                running: Mutex::new(AnyFlow::Jobs(flow)),
            }))
        })
    }

    /// What to do now.
    pub fn step(&self) -> Result<FlowStep, VpskitError> {
        guard("CallFlow.step", || {
            let step = self.lock()?.step().map(|finished| match finished {
                Finished::Call(json) => json,
                Finished::Job(job) => vpskit::ResultJson::write(&job, KeyCase::Snake),
                Finished::Jobs(jobs) => outcomes_json(jobs),
            });
            Ok(match step {
                Step::Send(exchange) => FlowStep::Send {
                    request: Arc::new(HttpRequest {
                        inner: exchange.request,
                    }),
                    purpose: exchange.purpose.as_str().to_string(),
                    attempt: exchange.attempt,
                },
                Step::Sleep { ms } => FlowStep::Sleep { ms },
                Step::Progress(job) => FlowStep::Progress { json: job.text },
                Step::Done(result) => FlowStep::Done { json: result?.text },
            })
        })
    }

    /// The answer to the request last sent.
    pub fn received(&self, response: HttpResponse) -> Result<(), VpskitError> {
        guard("CallFlow.received", || {
            let response: vpskit::HttpResponse = response.into();
            self.lock()?.received(&response);
            Ok(())
        })
    }

    /// The request last sent failed in the transport; `request_sent`: whether it may have
    /// reached the server.
    pub fn failed(&self, reason: String, request_sent: bool) -> Result<(), VpskitError> {
        guard("CallFlow.failed", || {
            let sent = if request_sent {
                RequestSent::Maybe
            } else {
                RequestSent::No
            };
            let error = Error::transport(reason, sent);
            self.lock()?.failed(error);
            Ok(())
        })
    }

    /// The event of the exchange last decided, once; ask after each step.
    pub fn take_event(&self) -> Result<Option<FlowEvent>, VpskitError> {
        guard("CallFlow.take_event", || {
            let event = self.lock()?.take_event();
            Ok(event.map(|e| FlowEvent::of(&e, 0)))
        })
    }

    /// The caller cancelled: the next step throws `VpskitException.Aborted`, nothing more is sent.
    pub fn cancel(&self) -> Result<(), VpskitError> {
        guard("CallFlow.cancel", || {
            self.lock()?.cancel();
            Ok(())
        })
    }
}

/// A jobs flow's step data as JSON: a progress step's job list, or every outcome.
fn outcomes_json(jobs: JobOutcomes) -> vpskit::ResultJson {
    let items: Vec<String> = jobs
        .iter()
        .map(|outcome| match outcome {
            Ok(job) => format!(
                r#"{{"job":{}}}"#,
                vpskit::ResultJson::write(job, KeyCase::Snake).text
            ),
            Err(e) => serde_json::json!({"error": {
                "kind": e.kind().as_str(), "message": e.message(), "status": e.status(),
                "code": e.code().map(|c| c.as_str()), "request_id": e.request_id(),
            }})
            .to_string(),
        })
        .collect();
    vpskit::ResultJson {
        text: format!("[{}]", items.join(",")),
        has_secret: false,
    }
}

impl CallFlow {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, AnyFlow<vpskit::ResultJson>>, VpskitError> {
        self.running
            .lock()
            .map_err(|_| Error::internal("a flow was poisoned by an earlier panic").into())
    }
}

/// A client's shared pace (the core's `Throttle`): `admit(nowMs)` gives the milliseconds to wait
/// before a request and reserves its slot; `observe` slows every call after a 429.
#[derive(uniffi::Object)]
pub struct Throttle(Mutex<vpskit::flow::Throttle>);

#[uniffi::export]
impl Throttle {
    /// A pace of at most `max_requests_per_second` (null: only 429s slow the client).
    #[uniffi::constructor(default(max_requests_per_second = None))]
    pub fn new(max_requests_per_second: Option<f64>) -> Result<Arc<Throttle>, VpskitError> {
        let pace = vpskit::flow::Throttle::new(max_requests_per_second)?;
        Ok(Arc::new(Throttle(Mutex::new(pace))))
    }

    /// Milliseconds to wait from `now_ms` before the next request.
    pub fn admit(&self, now_ms: u64) -> u64 {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .admit(now_ms)
    }

    /// An answer arrived at `now_ms`.
    pub fn observe(&self, response: HttpResponse, now_ms: u64) {
        let response: vpskit::HttpResponse = response.into();
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .observe(&response, now_ms);
    }
}

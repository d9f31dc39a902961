//! The clients: the core's async client over the app's suspending `HttpTransport`. Every
//! operation is a Kotlin `suspend` function (a Swift `async` one); cancelling the coroutine (or
//! task) drops the core's flow, so nothing more is sent, and cancels the request in flight.

use std::sync::Arc;

use vpskit::faithserver as fs;
use vpskit::{Call, Config, FromResponse, JobWaiter, Method};

use crate::errors::{guard, guarded, VpskitError};
use crate::flow::{EventListener, FlowEvent};
use crate::http::{ForeignTransport, HttpTransport};
use crate::records::*;

type Result<T> = std::result::Result<T, VpskitError>;
type Inner = vpskit::AsyncClient<ForeignTransport>;

pub(crate) fn list<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

/// Runs `call` to its typed result `R`, handed out as `out` makes it; a panic is `Internal`.
pub(crate) async fn run<R: FromResponse + 'static, O>(
    inner: &Inner,
    what: &str,
    call: Call,
    out: impl FnOnce(R) -> O,
) -> Result<O> {
    guarded(what, async { Ok(out(inner.run::<R>(call).await?)) }).await
}

/// [`run`] for an action the preflight checks: against `held` when the caller passes the server
/// (nothing extra is sent), else against the server read first.
pub(crate) async fn act<R: FromResponse + 'static, O>(
    inner: &Inner,
    what: &str,
    call: Call,
    held: Option<Server>,
    out: impl FnOnce(R) -> O,
) -> Result<O> {
    guarded(what, async {
        let held: Option<fs::Server> = held.as_ref().map(Into::into);
        Ok(out(inner.run_held::<R>(call, held.as_ref()).await?))
    })
    .await
}

/// A validation error for a zero timeout or poll interval (never a wait that ends at once or
/// polls without pause).
fn check_wait(timeout_ms: u64, poll_interval_ms: u64) -> Result<()> {
    for (name, value) in [
        ("timeout_ms", timeout_ms),
        ("poll_interval_ms", poll_interval_ms),
    ] {
        if value == 0 {
            let message = format!("{name} must be at least 1 millisecond");
            return Err(vpskit::Error::validation(message).into());
        }
    }
    Ok(())
}

/// The raw escape hatch's call; `body_json` is JSON text.
fn raw_call(method_name: &str, path: &str, body_json: Option<String>) -> Result<Call> {
    let body = body_json
        .map(|b| {
            serde_json::from_str(&b)
                .map_err(|e| vpskit::Error::validation(format!("raw body is not JSON: {e}")))
        })
        .transpose()?;
    let method = Method::parse(method_name)?;
    Ok(Call::Raw(vpskit::RawArgs::of(method, path, &[], body)))
}

/// The client's limits and listener, set up once for either API.
fn configured(
    config: Config,
    transport: Arc<dyn HttpTransport>,
    event_listener: Option<Arc<dyn EventListener>>,
    limits: vpskit::Limits,
) -> Result<Inner> {
    let mut inner = vpskit::AsyncClient::new(
        config.with_user_agent_host("uniffi"),
        ForeignTransport::new(transport),
    )
    .with_limits(limits)?;
    if let Some(listener) = event_listener {
        inner = inner.with_event_listener(Arc::new(move |event, took| {
            listener.on_event(FlowEvent::of(event, took.as_millis() as u64))
        }));
    }
    Ok(inner)
}

/// The FaithServer Gateway client. Every operation suspends (Kotlin) or is `async` (Swift) and
/// never blocks a thread; cancelling it stops the call at once. The actions the capability
/// preflight checks take `held`: the server as the caller already has it (a `list_servers`
/// entry), checked instead of read, so nothing extra is sent.
#[derive(uniffi::Object)]
pub struct FaithServerClient {
    pub(crate) inner: Inner,
}

#[uniffi::export]
impl FaithServerClient {
    /// A client for `api_key` over `transport`; `base_url` defaults to the real gateway.
    #[uniffi::constructor(default(
        base_url = None,
        preflight = true,
        event_listener = None,
        max_concurrency = None,
        max_requests_per_second = None
    ))]
    pub fn new(
        api_key: String,
        transport: Arc<dyn HttpTransport>,
        base_url: Option<String>,
        preflight: bool,
        event_listener: Option<Arc<dyn EventListener>>,
        max_concurrency: Option<u32>,
        max_requests_per_second: Option<f64>,
    ) -> Result<Arc<Self>> {
        guard("new", || {
            let mut config = Config::faithserver(api_key)?;
            if let Some(base) = base_url {
                config = config.with_base_url(base)?;
            }
            let limits = vpskit::Limits {
                max_concurrency: max_concurrency.map(|n| n as usize),
                max_requests_per_second,
            };
            let inner = configured(config, transport, event_listener, limits)?;
            Ok(Arc::new(FaithServerClient {
                inner: inner.with_preflight(preflight),
            }))
        })
    }

    /// Polls the job until it is done; a failed job is a `Server` error, running out of time a
    /// `Transport` error naming the last status seen. `on_update` sees each unfinished poll.
    /// Cancelling the wait sends nothing more.
    #[uniffi::method(default(timeout_ms = 600000, poll_interval_ms = 1000, on_update = None))]
    pub async fn wait_for_job(
        &self,
        job_id: String,
        timeout_ms: u64,
        poll_interval_ms: u64,
        on_update: Option<Arc<dyn JobListener>>,
    ) -> Result<Job> {
        check_wait(timeout_ms, poll_interval_ms)?;
        let waiter = JobWaiter {
            initial_interval_ms: poll_interval_ms,
            ..JobWaiter::new(timeout_ms)
        };
        guarded("wait_for_job", async {
            let job = self
                .inner
                .wait_for_job(&job_id, &waiter, |job| {
                    if let Some(listener) = &on_update {
                        listener.on_update(job.clone().into());
                    }
                })
                .await?;
            Ok(job.into())
        })
        .await
    }

    /// Waits for several jobs on one poll schedule (each round polls every unfinished job, then
    /// sleeps once): one `JobOutcome` per job, in order; `on_update` sees each unfinished poll.
    #[uniffi::method(default(timeout_ms = 600000, poll_interval_ms = 1000, on_update = None))]
    pub async fn wait_for_jobs(
        &self,
        job_ids: Vec<String>,
        timeout_ms: u64,
        poll_interval_ms: u64,
        on_update: Option<Arc<dyn JobListener>>,
    ) -> Result<Vec<JobOutcome>> {
        check_wait(timeout_ms, poll_interval_ms)?;
        let waiter = JobWaiter::with_intervals(timeout_ms, poll_interval_ms, 10_000);
        guarded("wait_for_jobs", async {
            let ids: Vec<&str> = job_ids.iter().map(String::as_str).collect();
            let outcomes = self
                .inner
                .wait_for_jobs(&ids, &waiter, |polled| {
                    if let (Some(listener), Some(Ok(job))) = (&on_update, polled.first()) {
                        listener.on_update(job.clone().into());
                    }
                })
                .await?;
            Ok(job_ids
                .iter()
                .zip(outcomes)
                .map(|(job_id, outcome)| JobOutcome::of(job_id.clone(), outcome))
                .collect())
        })
        .await
    }

    /// Any method and path under the base URL; `body_json` is JSON text.
    #[uniffi::method(default(body_json = None))]
    pub async fn raw(
        &self,
        method_name: String,
        path: String,
        body_json: Option<String>,
    ) -> Result<RawResponse> {
        let call = raw_call(&method_name, &path, body_json)?;
        run(&self.inner, "raw", call, |r: fs::RawResponse| r.into()).await
    }

    /// Runs `action` (an operation that takes one server id: `reboot`, `start`, …) on every
    /// server of `ids`, `concurrency` at a time (the client's limits apply too): one outcome per
    /// id, in order. An unknown action or a `concurrency` outside 1..64 throws `Validation`
    /// before anything is sent.
    pub async fn bulk(
        &self,
        action: String,
        ids: Vec<String>,
        concurrency: u32,
    ) -> Result<Vec<BulkOutcome>> {
        guarded("bulk", async {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let outcomes = self.inner.bulk(&action, &ids, concurrency as usize).await?;
            Ok(outcomes.into_iter().map(BulkOutcome::from).collect())
        })
        .await
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.inner.config().base_url().to_string()
    }

    /// The last rate-limit state the gateway reported, or null before any answer reported one.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit().map(RateLimit::from)
    }
}

/// What `wait_for_job` calls with each polled job that is not finished yet.
#[uniffi::export(with_foreign)]
pub trait JobListener: Send + Sync {
    /// A job polled, not finished yet (progress).
    fn on_update(&self, job: Job);
}

/// One job's outcome in `wait_for_jobs`: the finished job, or its error's kind and message.
#[derive(uniffi::Record)]
pub struct JobOutcome {
    pub job_id: String,
    pub job: Option<Job>,
    pub error_kind: Option<String>,
    pub error_message: Option<String>,
}

impl JobOutcome {
    fn of(job_id: String, outcome: std::result::Result<fs::Job, vpskit::Error>) -> JobOutcome {
        match outcome {
            Ok(job) => JobOutcome {
                job_id,
                job: Some(job.into()),
                error_kind: None,
                error_message: None,
            },
            Err(error) => JobOutcome {
                job_id,
                job: None,
                error_kind: Some(error.kind().as_str().to_string()),
                error_message: Some(error.to_string()),
            },
        }
    }
}

/// One server's outcome in `bulk`: its result as JSON (secrets marked `{"$secret": …}`), or its
/// error's kind and message.
#[derive(Debug, Clone, uniffi::Record)]
pub struct BulkOutcome {
    pub server_id: String,
    pub result_json: Option<String>,
    pub error_kind: Option<String>,
    pub error_message: Option<String>,
}

impl From<vpskit::BulkOutcome> for BulkOutcome {
    fn from((server_id, outcome): vpskit::BulkOutcome) -> Self {
        match outcome {
            Ok(result) => BulkOutcome {
                server_id,
                result_json: Some(result.to_string()),
                error_kind: None,
                error_message: None,
            },
            Err(error) => BulkOutcome {
                server_id,
                result_json: None,
                error_kind: Some(error.kind().as_str().to_string()),
                error_message: Some(error.to_string()),
            },
        }
    }
}

/// A rate-limit state a gateway reported: requests per window, those left, seconds until the
/// window resets (each null when not sent).
#[derive(Debug, Clone, uniffi::Record)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub reset_seconds: Option<u64>,
}

impl From<vpskit::RateLimit> for RateLimit {
    fn from(s: vpskit::RateLimit) -> Self {
        RateLimit {
            limit: s.limit,
            remaining: s.remaining,
            reset_seconds: s.reset_seconds,
        }
    }
}

/// The VPS.org client; `get_account` suspends (Kotlin) or is `async` (Swift).
#[derive(uniffi::Object)]
pub struct VpsOrgClient {
    pub(crate) inner: Inner,
}

#[uniffi::export]
impl VpsOrgClient {
    /// A client for `token` over `transport`; `base_url` defaults to the real API.
    #[uniffi::constructor(default(base_url = None, event_listener = None))]
    pub fn new(
        token: String,
        transport: Arc<dyn HttpTransport>,
        base_url: Option<String>,
        event_listener: Option<Arc<dyn EventListener>>,
    ) -> Result<Arc<Self>> {
        guard("new", || {
            let mut config = Config::vpsorg(token)?;
            if let Some(base) = base_url {
                config = config.with_base_url(base)?;
            }
            let inner = configured(config, transport, event_listener, vpskit::Limits::default())?;
            Ok(Arc::new(VpsOrgClient { inner }))
        })
    }

    /// The last rate-limit state the API reported, or null.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit().map(RateLimit::from)
    }
}

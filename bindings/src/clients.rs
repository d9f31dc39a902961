//! The clients: the core's async client over the app's suspending `HttpTransport`. Every
//! operation is a Kotlin `suspend` function (a Swift `async` one); cancelling the coroutine (or
//! task) drops the core's flow, so nothing more is sent, and cancels the request in flight.

use std::sync::Arc;

use vpskit::faithserver as fs;
use vpskit::{Call, Config, FromResponse, IdArgs, JobWaiter, Method};

use crate::errors::{guard, guarded, VpskitError};
use crate::flow::{EventListener, FlowEvent};
use crate::http::{ForeignTransport, HttpTransport};
use crate::models::*;
use crate::records::*;

type Result<T> = std::result::Result<T, VpskitError>;
type Inner = vpskit::AsyncClient<ForeignTransport>;

fn list<A, B: for<'a> From<&'a A>>(items: &[A]) -> Vec<B> {
    items.iter().map(B::from).collect()
}

fn on(id: String) -> IdArgs {
    IdArgs { id }
}

/// Runs `call` to its typed result `R`, handed out as `out` makes it; a panic is `Internal`.
async fn run<R: FromResponse + 'static, O>(
    inner: &Inner,
    what: &str,
    call: Call,
    out: impl FnOnce(&R) -> O,
) -> Result<O> {
    guarded(what, async { Ok(out(&inner.run::<R>(call).await?)) }).await
}

/// [`run`] for an action the preflight checks: against `held` when the caller passes the server
/// (nothing extra is sent), else against the server read first.
async fn act<R: FromResponse + 'static, O>(
    inner: &Inner,
    what: &str,
    call: Call,
    held: Option<Server>,
    out: impl FnOnce(&R) -> O,
) -> Result<O> {
    guarded(what, async {
        let held: Option<fs::Server> = held.as_ref().map(Into::into);
        Ok(out(&inner.run_held::<R>(call, held.as_ref()).await?))
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
    inner: Inner,
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

    /// `GET /servers`.
    pub async fn list_servers(&self) -> Result<Vec<Server>> {
        run(
            &self.inner,
            "list_servers",
            Call::ListServers,
            |s: &Vec<fs::Server>| list(s),
        )
        .await
    }

    /// `GET /servers/{id}`.
    pub async fn get_server(&self, id: String) -> Result<Server> {
        run(
            &self.inner,
            "get_server",
            Call::GetServer(on(id)),
            |s: &fs::Server| s.into(),
        )
        .await
    }

    /// `GET /servers/{id}/status`.
    pub async fn get_status(&self, id: String) -> Result<PowerStatus> {
        run(
            &self.inner,
            "get_status",
            Call::GetStatus(on(id)),
            |s: &fs::PowerStatus| s.into(),
        )
        .await
    }

    /// `GET /servers/{id}/overview`.
    pub async fn get_overview(&self, id: String) -> Result<Overview> {
        run(
            &self.inner,
            "get_overview",
            Call::GetOverview(on(id)),
            |s: &fs::Overview| s.into(),
        )
        .await
    }

    /// `POST /servers/{id}/start`.
    #[uniffi::method(default(held = None))]
    pub async fn start(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        act(
            &self.inner,
            "start",
            Call::Start(on(id)),
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `POST /servers/{id}/stop`.
    #[uniffi::method(default(held = None))]
    pub async fn stop(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        act(
            &self.inner,
            "stop",
            Call::Stop(on(id)),
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `POST /servers/{id}/reboot`.
    #[uniffi::method(default(held = None))]
    pub async fn reboot(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        act(
            &self.inner,
            "reboot",
            Call::Reboot(on(id)),
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `POST /servers/{id}/wol`.
    #[uniffi::method(default(held = None))]
    pub async fn wake_on_lan(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        act(
            &self.inner,
            "wake_on_lan",
            Call::WakeOnLan(on(id)),
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `GET /servers/{id}/console`: the URL is a `Secret`.
    #[uniffi::method(default(held = None))]
    pub async fn get_console(&self, id: String, held: Option<Server>) -> Result<ConsoleSession> {
        act(
            &self.inner,
            "get_console",
            Call::GetConsole(on(id)),
            held,
            |c: &fs::ConsoleSession| c.into(),
        )
        .await
    }

    /// `GET /servers/{id}/rescue/status`.
    pub async fn get_rescue_status(&self, id: String) -> Result<RescueStatus> {
        let call = Call::GetRescueStatus(on(id));
        run(
            &self.inner,
            "get_rescue_status",
            call,
            |r: &fs::RescueStatus| r.into(),
        )
        .await
    }

    /// `POST /servers/{id}/rescue/enable`.
    #[uniffi::method(default(held = None))]
    pub async fn enable_rescue(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        let call = Call::EnableRescue(on(id));
        act(
            &self.inner,
            "enable_rescue",
            call,
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `POST /servers/{id}/rescue/disable`.
    #[uniffi::method(default(held = None))]
    pub async fn disable_rescue(&self, id: String, held: Option<Server>) -> Result<ActionResult> {
        let call = Call::DisableRescue(on(id));
        act(
            &self.inner,
            "disable_rescue",
            call,
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `GET /servers/{id}/images`.
    pub async fn list_images(&self, id: String) -> Result<ImageList> {
        run(
            &self.inner,
            "list_images",
            Call::ListImages(on(id)),
            |l: &fs::ImageList| l.into(),
        )
        .await
    }

    /// `POST /servers/{id}/reinstall`: **erases the server**.
    #[uniffi::method(default(held = None))]
    pub async fn reinstall(
        &self,
        id: String,
        request: ReinstallRequest,
        held: Option<Server>,
    ) -> Result<ActionResult> {
        let call = Call::Reinstall(vpskit::ReinstallArgs::of(&id, &request.to_core()?));
        act(
            &self.inner,
            "reinstall",
            call,
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// Generated password (Premium) when `password` is null; custom (Budget) otherwise.
    #[uniffi::method(default(password = None, held = None))]
    pub async fn reset_password(
        &self,
        id: String,
        password: Option<Arc<Secret>>,
        held: Option<Server>,
    ) -> Result<ActionResult> {
        let call = Call::ResetPassword(vpskit::ResetPasswordArgs {
            id,
            password: password.map(|p| vpskit::Secret::new(p.expose())),
        });
        act(
            &self.inner,
            "reset_password",
            call,
            held,
            |r: &fs::ActionResult| r.into(),
        )
        .await
    }

    /// `GET /servers/{id}/credentials`.
    pub async fn list_credentials(&self, id: String) -> Result<Vec<Credential>> {
        let call = Call::ListCredentials(on(id));
        run(
            &self.inner,
            "list_credentials",
            call,
            |c: &Vec<fs::Credential>| list(c),
        )
        .await
    }

    /// `GET /servers/{id}/credentials/{kind}/{username}`.
    pub async fn get_credential(
        &self,
        id: String,
        kind: String,
        username: String,
    ) -> Result<Credential> {
        let call = Call::GetCredential(vpskit::CredentialArgs { id, kind, username });
        run(&self.inner, "get_credential", call, |c: &fs::Credential| {
            c.into()
        })
        .await
    }

    /// `GET /servers/{id}/traffic` by period (Premium) or month (Budget).
    #[uniffi::method(default(held = None))]
    pub async fn get_traffic(
        &self,
        id: String,
        query: TrafficQuery,
        held: Option<Server>,
    ) -> Result<Traffic> {
        let call = Call::GetTraffic(vpskit::TrafficArgs::of(&id, &query.to_core()?));
        act(&self.inner, "get_traffic", call, held, |t: &fs::Traffic| {
            t.into()
        })
        .await
    }

    /// `GET /servers/{id}/ips`.
    pub async fn list_ips(&self, id: String) -> Result<Vec<IpAddress>> {
        run(
            &self.inner,
            "list_ips",
            Call::ListIps(on(id)),
            |i: &Vec<fs::IpAddress>| list(i),
        )
        .await
    }

    /// `GET /servers/{id}/monitor`.
    pub async fn get_monitor(&self, id: String) -> Result<Monitor> {
        run(
            &self.inner,
            "get_monitor",
            Call::GetMonitor(on(id)),
            |m: &fs::Monitor| m.into(),
        )
        .await
    }

    /// `GET /servers/{id}/tasks`.
    pub async fn list_tasks(&self, id: String) -> Result<Vec<LogEntry>> {
        run(
            &self.inner,
            "list_tasks",
            Call::ListTasks(on(id)),
            |l: &Vec<fs::LogEntry>| list(l),
        )
        .await
    }

    /// `GET /servers/{id}/actions`.
    pub async fn list_server_actions(&self, id: String) -> Result<Vec<LogEntry>> {
        let call = Call::ListServerActions(on(id));
        run(
            &self.inner,
            "list_server_actions",
            call,
            |l: &Vec<fs::LogEntry>| list(l),
        )
        .await
    }

    /// `GET /logs`.
    pub async fn list_logs(&self) -> Result<Vec<LogEntry>> {
        run(
            &self.inner,
            "list_logs",
            Call::ListLogs,
            |l: &Vec<fs::LogEntry>| list(l),
        )
        .await
    }

    /// `GET /jobs`.
    pub async fn list_jobs(&self) -> Result<Vec<Job>> {
        run(
            &self.inner,
            "list_jobs",
            Call::ListJobs,
            |j: &Vec<fs::Job>| list(j),
        )
        .await
    }

    /// `GET /jobs/{job_id}`.
    pub async fn get_job(&self, job_id: String) -> Result<Job> {
        let call = Call::GetJob(vpskit::JobArgs { job_id });
        run(&self.inner, "get_job", call, |j: &fs::Job| j.into()).await
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
                        listener.on_update(job.into());
                    }
                })
                .await?;
            Ok((&job).into())
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
                        listener.on_update(job.into());
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
        run(&self.inner, "raw", call, |r: &fs::RawResponse| r.into()).await
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
                job: Some((&job).into()),
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
    inner: Inner,
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

    /// `GET /account/me/`.
    pub async fn get_account(&self) -> Result<AccountInfo> {
        let read = |a: &vpskit::vpsorg::AccountInfo| a.into();
        run(&self.inner, "get_account", Call::GetAccount, read).await
    }

    /// The last rate-limit state the API reported, or null.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit().map(RateLimit::from)
    }
}

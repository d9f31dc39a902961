//! The clients: the core's blocking clients over the app's `HttpTransport`.

use std::sync::Arc;

use vpskit::{Config, JobWaiter, Method};

use crate::errors::{guard, VpskitError};
use crate::flow::{EventListener, FlowEvent};
use crate::http::{ForeignTransport, HttpTransport};
use crate::models::*;
use crate::records::*;

type Result<T> = std::result::Result<T, VpskitError>;

fn list<A, B: for<'a> From<&'a A>>(items: Vec<A>) -> Vec<B> {
    items.iter().map(B::from).collect()
}

fn method(name: &str) -> Result<Method> {
    Method::parse(name).map_err(Into::into)
}

/// The FaithServer Gateway client. Every call blocks: call it off the main thread (the Kotlin
/// `suspend` wrappers run it on `Dispatchers.IO`).
#[derive(uniffi::Object)]
pub struct FaithServerClient {
    inner: vpskit::FaithServerClient<ForeignTransport>,
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
            let config = config.with_user_agent_host("uniffi");
            let mut inner = vpskit::FaithServerClient::new(config, ForeignTransport(transport))
                .with_preflight(preflight);
            inner = inner.with_limits(vpskit::Limits {
                max_concurrency: max_concurrency.map(|n| n as usize),
                max_requests_per_second,
            })?;
            if let Some(listener) = event_listener {
                inner = inner.with_event_listener(Arc::new(move |event, took| {
                    listener.on_event(FlowEvent::of(event, took.as_millis() as u64))
                }));
            }
            Ok(Arc::new(FaithServerClient { inner }))
        })
    }

    pub fn list_servers(&self) -> Result<Vec<Server>> {
        guard("list_servers", || Ok(list(self.inner.list_servers()?)))
    }

    pub fn get_server(&self, id: String) -> Result<Server> {
        guard("get_server", || Ok((&self.inner.get_server(&id)?).into()))
    }

    pub fn get_status(&self, id: String) -> Result<PowerStatus> {
        guard("get_status", || Ok((&self.inner.get_status(&id)?).into()))
    }

    pub fn get_overview(&self, id: String) -> Result<Overview> {
        guard("get_overview", || {
            Ok((&self.inner.get_overview(&id)?).into())
        })
    }

    pub fn start(&self, id: String) -> Result<ActionResult> {
        guard("start", || Ok((&self.inner.start(&id)?).into()))
    }

    pub fn stop(&self, id: String) -> Result<ActionResult> {
        guard("stop", || Ok((&self.inner.stop(&id)?).into()))
    }

    pub fn reboot(&self, id: String) -> Result<ActionResult> {
        guard("reboot", || Ok((&self.inner.reboot(&id)?).into()))
    }

    pub fn wake_on_lan(&self, id: String) -> Result<ActionResult> {
        guard("wake_on_lan", || Ok((&self.inner.wake_on_lan(&id)?).into()))
    }

    pub fn get_console(&self, id: String) -> Result<ConsoleSession> {
        guard("get_console", || Ok((&self.inner.get_console(&id)?).into()))
    }

    pub fn get_rescue_status(&self, id: String) -> Result<RescueStatus> {
        guard("get_rescue_status", || {
            Ok((&self.inner.get_rescue_status(&id)?).into())
        })
    }

    pub fn enable_rescue(&self, id: String) -> Result<ActionResult> {
        guard("enable_rescue", || {
            Ok((&self.inner.enable_rescue(&id)?).into())
        })
    }

    pub fn disable_rescue(&self, id: String) -> Result<ActionResult> {
        guard("disable_rescue", || {
            Ok((&self.inner.disable_rescue(&id)?).into())
        })
    }

    pub fn list_images(&self, id: String) -> Result<ImageList> {
        guard("list_images", || Ok((&self.inner.list_images(&id)?).into()))
    }

    /// **Erases the server.**
    pub fn reinstall(&self, id: String, request: ReinstallRequest) -> Result<ActionResult> {
        guard("reinstall", || {
            Ok((&self.inner.reinstall(&id, &request.to_core()?)?).into())
        })
    }

    /// Generated password (Premium) when `password` is null; custom (Budget) otherwise.
    #[uniffi::method(default(password = None))]
    pub fn reset_password(
        &self,
        id: String,
        password: Option<Arc<Secret>>,
    ) -> Result<ActionResult> {
        guard("reset_password", || {
            let password = password.map(|p| p.expose());
            Ok((&self.inner.reset_password(&id, password.as_deref())?).into())
        })
    }

    pub fn list_credentials(&self, id: String) -> Result<Vec<Credential>> {
        guard("list_credentials", || {
            Ok(list(self.inner.list_credentials(&id)?))
        })
    }

    pub fn get_credential(&self, id: String, kind: String, username: String) -> Result<Credential> {
        guard("get_credential", || {
            Ok((&self.inner.get_credential(&id, &kind, &username)?).into())
        })
    }

    pub fn get_traffic(&self, id: String, query: TrafficQuery) -> Result<Traffic> {
        guard("get_traffic", || {
            Ok((&self.inner.get_traffic(&id, &query.to_core()?)?).into())
        })
    }

    pub fn list_ips(&self, id: String) -> Result<Vec<IpAddress>> {
        guard("list_ips", || Ok(list(self.inner.list_ips(&id)?)))
    }

    pub fn get_monitor(&self, id: String) -> Result<Monitor> {
        guard("get_monitor", || Ok((&self.inner.get_monitor(&id)?).into()))
    }

    pub fn list_tasks(&self, id: String) -> Result<Vec<LogEntry>> {
        guard("list_tasks", || Ok(list(self.inner.list_tasks(&id)?)))
    }

    pub fn list_server_actions(&self, id: String) -> Result<Vec<LogEntry>> {
        guard("list_server_actions", || {
            Ok(list(self.inner.list_server_actions(&id)?))
        })
    }

    pub fn list_logs(&self) -> Result<Vec<LogEntry>> {
        guard("list_logs", || Ok(list(self.inner.list_logs()?)))
    }

    pub fn list_jobs(&self) -> Result<Vec<Job>> {
        guard("list_jobs", || Ok(list(self.inner.list_jobs()?)))
    }

    pub fn get_job(&self, job_id: String) -> Result<Job> {
        guard("get_job", || Ok((&self.inner.get_job(&job_id)?).into()))
    }

    /// Polls the job until it is done; a failed job is a `Server` error, running out of time a
    /// `Transport` error naming the last status seen. `on_update` sees each unfinished poll.
    #[uniffi::method(default(timeout_ms = 600000, poll_interval_ms = 1000, on_update = None))]
    pub fn wait_for_job(
        &self,
        job_id: String,
        timeout_ms: u64,
        poll_interval_ms: u64,
        on_update: Option<Arc<dyn JobListener>>,
    ) -> Result<Job> {
        guard("wait_for_job", || {
            let waiter = JobWaiter {
                initial_interval_ms: poll_interval_ms,
                ..JobWaiter::new(timeout_ms)
            };
            let job = self.inner.wait_for_job_with(&job_id, &waiter, |job| {
                if let Some(listener) = &on_update {
                    listener.on_update(job.into());
                }
            })?;
            Ok((&job).into())
        })
    }

    /// Waits for several jobs on one poll schedule (each round polls every unfinished job, then
    /// sleeps once): one `JobOutcome` per job, in order; `on_update` sees each unfinished poll.
    #[uniffi::method(default(timeout_ms = 600000, poll_interval_ms = 1000, on_update = None))]
    pub fn wait_for_jobs(
        &self,
        job_ids: Vec<String>,
        timeout_ms: u64,
        poll_interval_ms: u64,
        on_update: Option<Arc<dyn JobListener>>,
    ) -> Result<Vec<JobOutcome>> {
        guard("wait_for_jobs", || {
            let waiter = JobWaiter::with_intervals(timeout_ms, poll_interval_ms, 10_000);
            let ids: Vec<&str> = job_ids.iter().map(String::as_str).collect();
            let outcomes = self.inner.wait_for_jobs(&ids, &waiter, |polled| {
                if let (Some(listener), Some(Ok(job))) = (&on_update, polled.first()) {
                    listener.on_update(job.into());
                }
            })?;
            Ok(job_ids
                .into_iter()
                .zip(outcomes)
                .map(|(job_id, outcome)| match outcome {
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
                })
                .collect())
        })
    }

    /// Any method and path under the base URL; `body_json` is JSON text.
    #[uniffi::method(default(body_json = None))]
    pub fn raw(
        &self,
        method_name: String,
        path: String,
        body_json: Option<String>,
    ) -> Result<RawResponse> {
        guard("raw", || {
            let body = body_json
                .map(|b| {
                    serde_json::from_str(&b).map_err(|e| {
                        vpskit::Error::validation(format!("raw body is not JSON: {e}"))
                    })
                })
                .transpose()?;
            Ok((&self.inner.raw(method(&method_name)?, &path, &[], body)?).into())
        })
    }

    /// Runs `action` (an operation that takes one server id: `reboot`, `start`, …) on every
    /// server of `ids`, `concurrency` at a time (the client's limits apply too): one outcome per
    /// id, in order. An unknown action or a `concurrency` outside 1..64 throws `Validation`
    /// before anything is sent.
    pub fn bulk(
        &self,
        action: String,
        ids: Vec<String>,
        concurrency: u32,
    ) -> Result<Vec<BulkOutcome>> {
        guard("bulk", || {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let outcomes = self.inner.bulk(&action, &ids, concurrency as usize)?;
            Ok(outcomes.into_iter().map(BulkOutcome::from).collect())
        })
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

/// The VPS.org client.
#[derive(uniffi::Object)]
pub struct VpsOrgClient {
    inner: vpskit::VpsOrgClient<ForeignTransport>,
}

#[uniffi::export]
impl VpsOrgClient {
    /// A client for `token` over `transport`; `base_url` defaults to the real API.
    #[uniffi::constructor(default(base_url = None))]
    pub fn new(
        token: String,
        transport: Arc<dyn HttpTransport>,
        base_url: Option<String>,
    ) -> Result<Arc<Self>> {
        guard("new", || {
            let mut config = Config::vpsorg(token)?;
            if let Some(base) = base_url {
                config = config.with_base_url(base)?;
            }
            let inner = vpskit::VpsOrgClient::new(
                config.with_user_agent_host("uniffi"),
                ForeignTransport(transport),
            );
            Ok(Arc::new(VpsOrgClient { inner }))
        })
    }

    /// `GET /account/me/`.
    pub fn get_account(&self) -> Result<AccountInfo> {
        guard("get_account", || Ok((&self.inner.get_account()?).into()))
    }

    /// The last rate-limit state the API reported, or null.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit().map(RateLimit::from)
    }
}
